//! Saving a part's answers while the person types (after hydration; effects never run on
//! the server): two seconds after they stop, what is typed is saved to the draft without
//! being judged, and a status line says so. Problems are still shown only on "Save and
//! continue" — an error appearing mid-word would be noise.

use crate::api::applications::autosave_section;
use crate::forms::Answers;
use leptos::prelude::*;
use std::collections::HashMap;
use std::time::Duration;

/// Watches `answers` and saves this part's `keys` a moment after the last change; the
/// returned signal is true once the latest answers are saved.
pub fn autosave(
    id: String,
    section: String,
    keys: Vec<String>,
    answers: RwSignal<Answers>,
) -> RwSignal<bool> {
    let saved = RwSignal::new(false);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        let current = answers.get();
        // The first run is the page as loaded: nothing typed yet.
        if !started.get_value() {
            started.set_value(true);
            return;
        }
        saved.set(false);
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let (id, section, keys) = (id.clone(), section.clone(), keys.clone());
        let handle = set_timeout_with_handle(
            move || {
                let typed: HashMap<String, String> = keys
                    .iter()
                    .map(|k| (k.clone(), current.get(k).cloned().unwrap_or_default()))
                    .collect();
                leptos::task::spawn_local(async move {
                    if autosave_section(id, section, typed).await.is_ok() {
                        saved.set(true);
                    }
                });
            },
            Duration::from_secs(2),
        )
        .ok();
        pending.set_value(handle);
    });
    saved
}

//! Saving a part's answers while the person types (after hydration; effects never run on
//! the server). Each change is kept on the phone at once (app/src/drafts/device.rs, unless
//! on a shared computer); two seconds after the person stops, it is also saved to the draft
//! on the server without being judged, and the phone's copy is dropped. When that cannot
//! happen (offline, or the call fails), the copy stays on the phone and the notice says it
//! will be sent when the connection is back (offline_draft.rs does the sending). Problems
//! are still shown only on "Save and continue" — an error appearing mid-word would be noise.

use super::offline_draft::{DraftNotice, OfflineDraft};
use crate::forms::Answers;
use leptos::prelude::*;

/// What this part's autosave works with.
pub struct Part {
    pub id: String,
    pub section: String,
    /// The part's typed questions.
    pub keys: Vec<String>,
    /// On a shared computer nothing is kept on the device.
    pub shared: bool,
}

/// The part's answers among `answers`.
pub fn pick(keys: &[String], answers: &Answers) -> Answers {
    // Inserted one by one: collecting would sort first, which brings a sort to the wasm.
    let mut picked = Answers::new();
    for key in keys {
        if let Some(value) = answers.get(key) {
            picked.insert(key.clone(), value.clone());
        }
    }
    picked
}

/// Watches `answers`: keeps each change on the phone, and saves it to the server a moment
/// after the last one. `base` is the part's answers as the server has them (the merge's
/// common ground, moved on at each save); `seen` the answers last handled: nothing happens
/// until the answers differ from them (the page as loaded, or drawn anew after a sync).
pub fn autosave(
    part: Part,
    base: StoredValue<Answers>,
    seen: StoredValue<Answers>,
    answers: RwSignal<Answers>,
    draft: OfflineDraft,
) {
    let part = StoredValue::new(part);
    let pending = StoredValue::new(None::<TimeoutHandle>);
    Effect::new(move |_| {
        let current = answers.get();
        let typed = part.with_value(|p| pick(&p.keys, &current));
        if part.with_value(|p| seen.with_value(|s| pick(&p.keys, s))) == typed {
            return;
        }
        seen.set_value(current);
        let online = draft.online.get_untracked();
        let shared = part.with_value(|p| p.shared);
        draft
            .notice
            .set((!online && !shared).then_some(DraftNotice::OnPhone));
        #[cfg(feature = "hydrate")]
        if !shared {
            let (id, section) = part.with_value(|p| (p.id.clone(), p.section.clone()));
            let kept = crate::drafts::LocalDraft {
                answers: typed.clone(),
                base: base.get_value(),
                typed_at: js_sys::Date::now(),
            };
            leptos::task::spawn_local(async move {
                match browser::keep(id, section, kept).await {
                    Ok(keeping) => keeping.await,
                    Err(_) if !draft.online.get_untracked() => {
                        draft.notice.set(Some(DraftNotice::NotKept))
                    }
                    Err(_) => {}
                }
            });
        }
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        if !online {
            return;
        }
        let handle = set_timeout_with_handle(
            move || send(part, base, typed, draft),
            std::time::Duration::from_secs(2),
        )
        .ok();
        pending.set_value(handle);
    });
}

fn send(part: StoredValue<Part>, base: StoredValue<Answers>, typed: Answers, draft: OfflineDraft) {
    let (id, section, shared) = part.with_value(|p| (p.id.clone(), p.section.clone(), p.shared));
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let saved = match browser::save(id, section, typed.clone()).await {
            Ok(saving) => saving.await,
            Err(_) => false,
        };
        if saved {
            base.set_value(typed);
            draft.notice.set(Some(DraftNotice::Saved));
        } else if !shared {
            draft.notice.set(Some(DraftNotice::OnPhone));
        }
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (id, section, shared, base, typed, draft);
}

/// The work of saving, in the drafts module (drafts.rs): fetched when the person first
/// types, or ahead of that where the page works offline; not with the page.
#[cfg(feature = "hydrate")]
pub mod browser {
    use crate::drafts::{device, Later, LocalDraft};
    use crate::forms::Answers;
    use leptos::wasm_split::wasm_split;

    /// Keeps the part's answers as typed on the phone. (`preload_drafts` fetches the
    /// module ahead.)
    #[wasm_split(uraia_drafts, wasm_split_path = ::leptos::wasm_split, fallible, preload(preload_drafts))]
    pub fn keep(id: String, section: String, kept: LocalDraft) -> Later<()> {
        Ok(Box::pin(
            async move { device::keep(&id, &section, &kept).await },
        ))
    }

    /// Saves the answers to the draft on the server; true when it has them. The phone's
    /// copy is dropped then, unless something newer was typed meanwhile.
    #[wasm_split(uraia_drafts, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn save(id: String, section: String, typed: Answers) -> Later<bool> {
        Ok(Box::pin(async move {
            let answers = typed.clone().into_iter().collect();
            let sent =
                crate::api::applications::autosave_section(id.clone(), section.clone(), answers)
                    .await
                    .is_ok();
            if sent {
                let kept = device::load(&id, &section).await;
                if kept.is_some_and(|k| k.answers == typed) {
                    device::forget(&id, &section).await;
                }
            }
            sent
        }))
    }
}

//! The page's side of drafts kept on the phone (app/src/drafts): what the person is told,
//! and what happens when the page opens or the connection comes back. Lives above the part's
//! form, so its notice stays while the form is drawn again with the server's answers.
//!
//! - When the page opens with answers kept on the phone: online, they are sent at once;
//!   offline, the form shows them instead of the saved copy's.
//! - When the connection comes back: kept answers are sent (merged with the server's,
//!   app/src/drafts/merge.rs) and kept files uploaded in chunks; then the form is drawn
//!   again from the server, with a notice of what happened.

use crate::drafts::LocalDraft;
use crate::model::SyncOutcome;
use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq)]
pub enum DraftNotice {
    /// What is typed is with the server.
    Saved,
    /// Kept on the phone, to send when the connection is back.
    OnPhone,
    /// Offline, and could not be kept on the phone: the page had not fetched the code that
    /// keeps it before the connection went (docs/decisions/0019).
    NotKept,
    /// Sent after being kept on the phone.
    Synced(SyncOutcome),
}

/// A file kept on the phone for a question of this part: (question, file name).
pub type KeptFileName = (String, String);

#[derive(Clone, Copy)]
pub struct OfflineDraft {
    /// The page's (application, section).
    pub part: StoredValue<(String, String)>,
    pub online: Signal<bool>,
    pub notice: RwSignal<Option<DraftNotice>>,
    /// Answers kept on the phone, shown while offline instead of the saved page's.
    pub restored: RwSignal<Option<LocalDraft>>,
    pub kept_files: RwSignal<Vec<KeptFileName>>,
    /// A kept file on its way up: its name and the share sent.
    pub sending: RwSignal<Option<(String, u32)>>,
    /// A kept file the server refused once it arrived (its type, say): shown beside it.
    pub file_errors: RwSignal<Vec<crate::problem::FieldError>>,
}

impl OfflineDraft {
    /// `part` is the page's (application, section); `reload` draws the form again from the
    /// server.
    pub fn new(
        part: impl Fn() -> (String, String) + Send + Sync + 'static,
        reload: Callback<()>,
    ) -> OfflineDraft {
        let draft = OfflineDraft {
            part: StoredValue::new(part()),
            online: crate::offline::use_online(),
            notice: RwSignal::new(None),
            restored: RwSignal::new(None),
            kept_files: RwSignal::new(Vec::new()),
            sending: RwSignal::new(None),
            file_errors: RwSignal::new(Vec::new()),
        };
        // On opening a part (after hydration), and each time the connection comes back.
        Effect::new(move |before: Option<(bool, (String, String))>| {
            let online = draft.online.get();
            let key = part();
            let new_part = before.as_ref().is_none_or(|(_, was)| *was != key);
            let back_online = online && before.as_ref().is_some_and(|(was, _)| !was);
            if new_part {
                draft.notice.set(None);
                draft.restored.set(None);
                draft.kept_files.set(Vec::new());
                draft.file_errors.set(Vec::new());
            }
            if new_part || back_online {
                // The drafts code (IndexedDB, the sync, chunked uploads) is fetched only
                // for a part with something kept on this phone (drafts/kept.rs).
                #[cfg(feature = "hydrate")]
                {
                    let (id, section) = key.clone();
                    leptos::task::spawn_local(async move {
                        if !crate::drafts::kept::may_have(&id, &section).await {
                            return;
                        }
                        // Not loaded (offline, never fetched): tried again when back online.
                        if let Ok(catching_up) = browser::catch_up(draft, id, section, reload).await
                        {
                            catching_up.await;
                        }
                    });
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = reload;
            }
            (online, key)
        });
        draft
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{DraftNotice, OfflineDraft};
    use crate::api::applications::sync_section;
    use crate::drafts::Later;
    use crate::drafts::{chunks, device};
    use crate::error::AppError;
    use leptos::prelude::*;
    use leptos::wasm_split::wasm_split;

    /// In the drafts module: fetched when there is something to catch up.
    #[wasm_split(uraia_drafts, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn catch_up(
        draft: OfflineDraft,
        id: String,
        section: String,
        reload: Callback<()>,
    ) -> Later<()> {
        Ok(Box::pin(run(draft, id, section, reload)))
    }

    async fn run(draft: OfflineDraft, id: String, section: String, reload: Callback<()>) {
        if !crate::drafts::kept::are_made() {
            device::mark_all().await;
        }
        // The browser's own word, not the signal: on opening, the signal may not have
        // caught up yet.
        let online = web_sys::window().is_none_or(|w| w.navigator().on_line());
        let kept = device::load(&id, &section).await;
        let files = device::files(&id, &section).await;
        draft.kept_files.set(
            files
                .iter()
                .map(|f| (f.meta.question.clone(), f.meta.name.clone()))
                .collect(),
        );
        if !online {
            if kept.is_some() {
                draft.restored.set(kept);
                draft.notice.set(Some(DraftNotice::OnPhone));
            }
            return;
        }
        let mut changed = false;
        if let Some(kept) = kept {
            let age = (js_sys::Date::now() - kept.typed_at).max(0.0) as i64;
            let sent = sync_section(
                id.clone(),
                section.clone(),
                kept.answers.into_iter().collect(),
                kept.base.into_iter().collect(),
                age,
            )
            .await;
            match sent {
                Ok(outcome) => {
                    device::forget(&id, &section).await;
                    draft.restored.set(None);
                    draft.notice.set(Some(DraftNotice::Synced(outcome)));
                    changed = true;
                }
                // No longer a draft (sent, or deleted): there is nowhere for them to go.
                Err(AppError::NotFound) => device::forget(&id, &section).await,
                // Still not through (or signed out): the answers stay on the phone, and the
                // notice says so.
                Err(_) => draft.notice.set(Some(DraftNotice::OnPhone)),
            }
        }
        for file in files {
            let name = file.meta.name.clone();
            draft.sending.set(Some((name.clone(), 0)));
            let progress = move |p| draft.sending.set(Some((name.clone(), p)));
            let question = file.meta.question.clone();
            match chunks::send(&id, &section, file, progress).await {
                Ok(()) => changed = true,
                // Arrived, and refused: it must be chosen again, so it is not kept.
                Err(AppError::Invalid(problems)) => {
                    device::forget_file(&id, &section, &question).await;
                    draft.file_errors.update(|e| e.extend(problems));
                }
                Err(_) => {
                    draft.sending.set(None);
                    continue;
                }
            }
            draft
                .kept_files
                .update(|k| k.retain(|(q, _)| *q != question));
            draft.sending.set(None);
        }
        // A mark with nothing behind it (drafts deleted at sign-out) goes now.
        device::unmark_if_empty(&id, &section).await;
        if changed {
            reload.run(());
        }
    }
}

//! The line under a part's questions that says where its answers are: with the server,
//! kept on the phone until the connection is back, or sent after being kept (and, if the
//! part was changed elsewhere too, which answers were kept, with what this phone had).

use super::offline_draft::{DraftNotice, OfflineDraft};
use crate::drafts::merge::Winner;
use crate::i18n::use_lang;
use leptos::prelude::*;

#[component]
pub fn DraftStatus(draft: OfflineDraft, shared: bool) -> impl IntoView {
    // By group: an island never reaches `lang.t()` (the whole table of both languages).
    let lang = use_lang();
    let (a, o) = (lang.applications(), lang.offline());
    let line = move || {
        if shared && !draft.online.get() {
            return view! { <p class="notice notice--warning">{o.draft_shared_computer}</p> }
                .into_any();
        }
        match draft.notice.get() {
            None => ().into_any(),
            Some(DraftNotice::Saved) => view! { <p class="hint">{a.autosaved}</p> }.into_any(),
            Some(DraftNotice::OnPhone) => {
                view! { <p class="notice notice--warning">{o.draft_on_phone}</p> }.into_any()
            }
            Some(DraftNotice::NotKept) => {
                view! { <p class="notice notice--warning">{o.draft_not_kept}</p> }.into_any()
            }
            Some(DraftNotice::Synced(outcome)) if outcome.conflicts.is_empty() => {
                view! { <p class="notice notice--success">{o.draft_sent}</p> }.into_any()
            }
            Some(DraftNotice::Synced(outcome)) => {
                let labels = outcome
                    .conflicts
                    .iter()
                    .map(|c| c.label.clone())
                    .collect::<Vec<_>>()
                    .join(", ");
                match outcome.winner {
                    Winner::Phone => view! {
                        <div class="notice notice--warning"><p>{(o.draft_phone_won)(&labels)}</p></div>
                    }
                    .into_any(),
                    Winner::Server => view! {
                        <div class="notice notice--warning">
                            <p>{(o.draft_server_won)(&labels)}</p>
                            <p>{o.draft_typed_here}</p>
                            <ul>
                                {outcome.conflicts.into_iter().map(|c| view! {
                                    <li>{c.label}": "<q>{c.phone}</q></li>
                                }).collect_view()}
                            </ul>
                        </div>
                    }
                    .into_any(),
                }
            }
        }
    };
    let sending = move || {
        draft.sending.get().map(|(name, p)| {
            view! {
                <p class="file-question__progress">
                    {name} ": " {(a.uploading)(p)} " "
                    <progress max="100" value=p.to_string() aria-hidden="true"></progress>
                </p>
            }
        })
    };
    view! {
        <div role="status" class="draft-status" data-draft-status="">{line}{sending}</div>
    }
}

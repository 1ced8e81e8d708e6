//! The back office (`/staff`, never indexed): the work queue, one application as the
//! officer works on it, and the administrators' pages.

pub mod admin;
pub mod appointments;
pub mod dashboard;
pub mod issued;
pub mod moves;
pub mod outbox;
pub mod queue;
pub mod work;

use crate::tracking::Status;
use leptos::prelude::*;

/// A status as a tag, coloured by what it asks of the reader.
#[component]
pub fn StatusTag(status: Status) -> impl IntoView {
    let t = crate::i18n::use_lang().tracking();
    let done = matches!(
        status,
        Status::Approved | Status::ReadyForCollection | Status::Collected
    );
    let waiting = matches!(status, Status::Submitted | Status::Resubmitted);
    view! {
        <strong class="tag" class:tag--ok=done class:tag--alert=waiting
            class:tag--muted=status == Status::Rejected data-status=status.code()>
            {(t.status)(status)}
        </strong>
    }
}

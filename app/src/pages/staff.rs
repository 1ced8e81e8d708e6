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

use crate::error::AppError;
use crate::tracking::Status;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

/// Bumped after each successful action on a staff page, so the page reads its data again
/// (with JavaScript the action's redirect keeps the same route, often the same address).
#[derive(Clone, Copy)]
pub struct Refresh(pub RwSignal<u64>);

impl Refresh {
    /// Provides a new counter for the page; read it in the page's resource source.
    pub fn provide() -> RwSignal<u64> {
        let counter = RwSignal::new(0);
        provide_context(Refresh(counter));
        counter
    }
}

/// Reads the page again once `action` has succeeded.
pub fn refresh_after<S>(action: ServerAction<S>)
where
    S: ServerFn<Output = (), Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Send + Sync + 'static,
{
    let Some(Refresh(counter)) = use_context::<Refresh>() else {
        return;
    };
    Effect::new(move |_| {
        if action.value().with(|v| matches!(v, Some(Ok(())))) {
            counter.update(|n| *n += 1);
        }
    });
}

/// A status as a tag, coloured by what it asks of the reader.
#[component]
pub fn StatusTag(status: Status) -> impl IntoView {
    let t = crate::i18n::use_lang().t().tracking;
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

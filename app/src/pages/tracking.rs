//! Following an application: the owner's status page (`status`) and the public tracking
//! page (`track`). Both render complete on the server, and after hydration update
//! themselves from the application's event stream.

pub mod status;
pub mod track;

use crate::components::live::use_live;
use crate::error::AppError;
use crate::model::StatusView;
use leptos::prelude::*;

/// Refetches `resource` whenever the stream at `stream(view)` says something changed,
/// and raises `changed` so the live region can say so.
pub(crate) fn live_status(
    resource: Resource<Result<StatusView, AppError>>,
    stream: impl Fn(&StatusView) -> String + 'static,
) -> ReadSignal<bool> {
    live_resource(resource, move |r: &Result<StatusView, AppError>| {
        r.as_ref().ok().map(&stream)
    })
}

/// As [`live_status`], for a resource that may hold no view yet.
pub(crate) fn live_resource<T>(
    resource: Resource<T>,
    stream: impl Fn(&T) -> Option<String> + 'static,
) -> ReadSignal<bool>
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    let (changed, set_changed) = signal(false);
    // The address comes from the page as first loaded: the stream itself carries on from
    // the last event it sent.
    use_live(
        move || resource.get().as_ref().and_then(&stream),
        move || {
            resource.refetch();
            set_changed.set(true);
        },
    );
    changed
}

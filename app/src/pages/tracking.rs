//! Following an application: the owner's status page (`status`) and the public tracking
//! page (`track`). Both render complete on the server, and after hydration update
//! themselves from the application's event stream.

pub mod status;
pub mod track;

use crate::components::live::use_live;
use leptos::prelude::*;

/// Refetches `resource` whenever the stream at `stream(value)` says something changed, and
/// raises the returned signal so the live region can say so.
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

//! Live updates in an island: an `EventSource` on the page's event stream (server-sent
//! events, server/src/live.rs). The browser reconnects by itself and sends the id of the
//! last event it had (`Last-Event-ID`), so nothing is missed while the connection was down.
//! Without JavaScript nothing here runs: the page carries "updated at" and a refresh link.

use crate::model::StatusView;
use leptos::prelude::*;

/// A status that follows its application's event stream, `{base}/{id}/events`: `view` as
/// the page rendered it, read again with `read(id)` at every status event. Returns the
/// status to draw and whether it has changed since the page loaded (for the live region).
pub fn live_status<F, Fut>(
    view: StatusView,
    base: &'static str,
    read: F,
) -> (RwSignal<StatusView>, RwSignal<bool>)
where
    F: Fn(String) -> Fut + 'static,
    Fut: std::future::Future<Output = Option<StatusView>> + 'static,
{
    let (id, last) = (view.id.clone(), view.last_event);
    let current = RwSignal::new(view);
    let changed = RwSignal::new(false);
    // The stream carries on from the event the page was rendered with.
    use_live(format!("{base}/{id}/events?after={last}"), move || {
        let read = read(id.clone());
        leptos::task::spawn_local(async move {
            if let Some(view) = read.await {
                current.set(view);
                changed.set(true);
            }
        });
    });
    (current, changed)
}

/// Once hydrated, listens on `url` and calls `on_change` for every status event. The
/// stream is closed when the island goes away.
fn use_live(url: String, on_change: impl Fn() + 'static) {
    #[cfg(not(feature = "ssr"))]
    {
        use wasm_bindgen::{closure::Closure, JsCast};
        let open = StoredValue::new_local(None::<(web_sys::EventSource, Closure<dyn FnMut()>)>);
        let on_change = std::rc::Rc::new(on_change);
        // An effect: it runs in the browser only, once the island has hydrated.
        Effect::new(move |_| {
            let Ok(source) = web_sys::EventSource::new(&url) else {
                return;
            };
            let on_change = on_change.clone();
            let listener = Closure::<dyn FnMut()>::new(move || on_change());
            let _ = source
                .add_event_listener_with_callback("status", listener.as_ref().unchecked_ref());
            open.set_value(Some((source, listener)));
        });
        on_cleanup(move || {
            open.update_value(|o| {
                if let Some((source, _)) = o.take() {
                    source.close();
                }
            })
        });
    }
    #[cfg(feature = "ssr")]
    {
        let _ = (url, on_change);
    }
}

//! Live updates in an island: an `EventSource` on the page's event stream (server-sent
//! events, server/src/live.rs). The browser reconnects by itself and sends the id of the
//! last event it had (`Last-Event-ID`), so nothing is missed while the connection was down.
//! Without JavaScript nothing here runs: the page carries "updated at" and a refresh link.

use leptos::prelude::*;

/// The page's status region (`<div id="live-status">`, drawn by the server) kept current:
/// at every status event on `events` (`…/events?after=<the event the page was drawn at>`)
/// the region is drawn anew from the server (region.rs), and a live region says `changed`.
/// Its words come as props: an island does not reach the i18n table.
#[island(lazy)]
pub fn LiveStatus(events: String, changed: String) -> impl IntoView {
    let said = RwSignal::new(false);
    use_live(events, move || {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            if crate::components::region::redraw(LIVE_STATUS, true).await {
                said.set(true);
            }
        });
    });
    view! {
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || said.get().then(|| changed.clone())}
        </p>
    }
}

/// The id of the region `LiveStatus` draws anew.
pub const LIVE_STATUS: &str = "live-status";

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

//! Live updates after hydration: an `EventSource` on the page's event stream (server-sent
//! events, server/src/live.rs). The browser reconnects by itself and sends the id of the
//! last event it had (`Last-Event-ID`), so nothing is missed while the connection was down.
//! Without JavaScript nothing here runs: the page carries "updated at" and a refresh link.

/// Once hydrated, listens on `url` (once it is known) and calls `on_change` for every status
/// event. The stream is closed when the page goes away.
pub fn use_live(url: impl Fn() -> Option<String> + 'static, on_change: impl Fn() + 'static) {
    #[cfg(not(feature = "ssr"))]
    {
        use leptos::prelude::*;
        use wasm_bindgen::{closure::Closure, JsCast};
        let on_change = std::rc::Rc::new(on_change);
        let open = StoredValue::new_local(None::<(web_sys::EventSource, Closure<dyn FnMut()>)>);
        Effect::new(move |_| {
            // `url` is read reactively: after a client-side navigation the page's data
            // arrives after this first runs. Once open, the stream carries on by itself.
            let url = url();
            if open.with_value(|o| o.is_some()) {
                return;
            }
            let Some(url) = url else { return };
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

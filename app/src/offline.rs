//! The page's part in working offline, inside islands: whether the browser has a
//! connection, as a signal, and the notice beside a button that must wait for one. The
//! service worker (frontend/sw/sw.js) saves the pages a person opens and answers from them
//! when there is no connection.

use leptos::prelude::*;

/// Whether the browser has a connection. True on the server and until hydration (so the
/// hydrated page starts as it was rendered), then what the browser says, as it changes.
pub fn use_online() -> Signal<bool> {
    let online = RwSignal::new(true);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            use leptos::leptos_dom::helpers::window_event_listener;
            if let Some(window) = web_sys::window() {
                online.set(window.navigator().on_line());
            }
            let up = window_event_listener(leptos::ev::online, move |_| online.set(true));
            let down = window_event_listener(leptos::ev::offline, move |_| online.set(false));
            on_cleanup(move || {
                up.remove();
                down.remove();
            });
        }
    });
    online.into()
}

/// The button that sends or pays, inside its (plain) form: while offline it is disabled,
/// and a notice beside it says why it waits. The words come as props, so the island does
/// not bring the whole string table to the phone.
#[island]
pub fn SendWhenOnline(label: String, waiting: String) -> impl IntoView {
    let online = use_online();
    view! {
        <p class="notice notice--warning" role="status" hidden=move || online.get()>{waiting}</p>
        <button class="button" type="submit" disabled=move || !online.get()>{label}</button>
    }
}

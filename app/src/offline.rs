//! The hydrated app's part in working offline. The service worker (frontend/sw/sw.js) saves
//! the pages a person opens by a full page load; after hydration the router moves between
//! pages without one, so here each client-side move asks the worker to keep that page too,
//! and hides the "saved copy" note, which belonged to the page first loaded.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// Call once inside the router.
pub fn watch() {
    let location = use_location();
    Effect::new(move |before: Option<()>| {
        let path = location.pathname.get();
        let search = location.search.get();
        // The first run is the page the browser loaded itself: the worker saw that one.
        if before.is_none() {
            return;
        }
        #[cfg(feature = "hydrate")]
        browser::moved(&if search.is_empty() {
            path
        } else {
            format!("{path}?{search}")
        });
        #[cfg(not(feature = "hydrate"))]
        let _ = (path, search);
    });
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::JsValue;

    pub fn moved(url: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        if let Some(note) = window
            .document()
            .and_then(|d| d.query_selector("[data-saved-copy]").ok().flatten())
        {
            let _ = note.set_attribute("hidden", "");
        }
        // No worker yet (first visit, lite mode, or a browser without them): nothing to ask.
        let Some(worker) = window.navigator().service_worker().controller() else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"keep".into());
        let _ = js_sys::Reflect::set(&message, &"url".into(), &JsValue::from_str(url));
        let _ = worker.post_message(&message);
    }
}

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

/// Beside a button that sends or pays: while offline, says why it waits (the button
/// itself is disabled by its page with the same signal).
#[component]
pub fn NeedsConnection(online: Signal<bool>) -> impl IntoView {
    let t = crate::i18n::use_lang().t().offline;
    view! {
        <p class="notice notice--warning" role="status" hidden=move || online.get()>
            {t.needs_connection}
        </p>
    }
}

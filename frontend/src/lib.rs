//! The browser entry point for islands: the page was rendered by the server, and the loader
//! the page carries (app/src/islands.rs) calls `hydrate` and then each island's own export.
//! Nothing here may depend on server-only crates; `app` is built with `hydrate` only.

// Linked for its islands: each `#[island]` exports its hydrate function from `app`.
extern crate app;

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

//! The browser entry point: hydrates the server-rendered page with `app::App`.
//! Nothing here may depend on server-only crates; `app` is built with `hydrate` only.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}

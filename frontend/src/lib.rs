//! The browser entry point: hydrates the server-rendered page with `app::App`.
//! Nothing here may depend on server-only crates; `app` is built with `hydrate` only.

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Lazily: a back-office page's code is fetched before its page is hydrated
    // (app/src/back_office.rs).
    leptos::mount::hydrate_lazy(app::App);
}

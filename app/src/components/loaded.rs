//! The one way a page shows data it loads: a loading line, then the content, or the
//! 404/500 page (with the right status) if loading failed.

use crate::error::AppError;
use crate::i18n::use_lang;
use crate::pages::errors::ErrorView;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use serde::{de::DeserializeOwned, Serialize};

/// Renders `render(value)` once `resource` has loaded, or the error page. A transition, not
/// a suspense: when the resource is read again (after an action on the page), what is shown
/// stays until the new value is there.
pub fn loaded<T, V>(
    resource: Resource<Result<T, AppError>>,
    render: impl Fn(T) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    V: IntoView + 'static,
{
    let t = use_lang().t();
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match resource.await {
                        Ok(value) => render(value).into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })
            }}
        </Transition>
    }
}

/// The `:slug` of the current route, as a reactive getter.
pub fn use_slug() -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("slug").unwrap_or_default()
}

/// The `?page=` of the current address, from 1 (missing or not a number: 1).
pub fn use_page() -> impl Fn() -> u32 + Clone + Send + Sync + 'static {
    let query = leptos_router::hooks::use_query_map();
    move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.trim().parse().ok())
            .unwrap_or(1)
    }
}

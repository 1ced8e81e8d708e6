//! Search results. Without JavaScript it is a GET form and a results page; once hydrated,
//! typing updates the URL (replacing history) and the results without a page load.

use crate::api::catalogue::search_services;
use crate::components::{search_form::SearchForm, service_list::ServiceList};
use crate::i18n::use_lang;
use crate::pages::errors::ErrorView;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let query_map = use_query_map();
    let query = move || query_map.read().get("q").unwrap_or_default();
    // The resource carries its own query, so the status line always matches the results
    // shown, however fast the person types.
    let results = Resource::new(query, move |q| async move {
        let found = search_services(q.clone(), lang).await;
        (q, found)
    });
    // The box keeps what the person typed; only the first render takes it from the URL.
    let initial = untrack(query);
    view! {
        <Title text=t.search_title />
        <Meta name="robots" content="noindex" />
        <h1>{t.search_title}</h1>
        <SearchForm initial large=false />
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                let (q, found) = results.await;
                match found {
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                    Ok(_) if q.trim().is_empty() => view! {
                        <p class="search-status" role="status">{t.search_prompt}</p>
                    }.into_any(),
                    Ok(services) if services.is_empty() => view! {
                        <div class="search-status" role="status">
                            <p><strong>{(t.no_results)(q.trim())}</strong></p>
                            <p>{t.no_results_tips}</p>
                            <p><A href="/agencies">{t.see_all_agencies}</A></p>
                        </div>
                    }.into_any(),
                    Ok(services) => view! {
                        // A heading over the results, so each result's own heading is under it.
                        <div role="status">
                            <h2 class="search-status">{(t.results_for)(services.len(), q.trim())}</h2>
                        </div>
                        <ServiceList services />
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

//! One category and its services, from every agency.

use crate::api::catalogue::get_category;
use crate::components::{breadcrumbs::Breadcrumbs, service_list::ServiceList};
use crate::i18n::use_lang;
use crate::pages::errors::ErrorView;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

#[component]
pub fn CategoryPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let category = Resource::new(slug, move |slug| get_category(slug, lang));
    view! {
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match category.await {
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                    Ok(category) => view! {
                        <Title text=category.name.clone() />
                        <Meta name="description" content=category.description.clone() />
                        <Breadcrumbs trail=vec![] />
                        <h1>{category.name}</h1>
                        <p class="lead">{category.description}</p>
                        <h2>{t.category_services}</h2>
                        <ServiceList services=category.services />
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

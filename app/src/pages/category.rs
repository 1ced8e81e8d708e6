//! One category and its services, from every agency.

use crate::api::catalogue::get_category;
use crate::components::loaded::{loaded, use_slug};
use crate::components::{breadcrumbs::Breadcrumbs, service_list::ServiceList};
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn CategoryPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let category = Resource::new(use_slug(), move |slug| get_category(slug, lang));
    loaded(category, move |category| {
        view! {
            <Title text=category.name.clone() />
            <Meta name="description" content=category.description.clone() />
            <Breadcrumbs trail=vec![] />
            <h1>{category.name}</h1>
            <p class="lead">{category.description}</p>
            <h2>{t.category_services}</h2>
            <ServiceList services=category.services />
        }
    })
}

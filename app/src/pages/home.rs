//! The home page: the search box first, then popular services and ways to browse.

use crate::api::catalogue::get_home;
use crate::components::loaded::loaded;
use crate::components::{search_form::SearchForm, service_list::ServiceList};
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let home = Resource::new(move || lang, get_home);
    view! {
        <Title text="" />
        <Meta name="description" content=t.home_intro />
        <section class="hero">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
            <SearchForm initial="" />
        </section>
        {loaded(home, move |home| view! {
            <section aria-labelledby="popular-heading">
                <h2 id="popular-heading">{t.popular_services}</h2>
                <ServiceList services=home.popular />
            </section>
            <section aria-labelledby="categories-heading" id="categories">
                <h2 id="categories-heading">{t.browse_by_category}</h2>
                <ul class="tile-list">
                    {home.categories.into_iter().map(|c| view! {
                        <li class="tile">
                            <A href=format!("/categories/{}", c.slug)>{c.name}</A>
                            <p>{c.description}</p>
                            <p class="tile__count">{(t.service_count)(c.service_count)}</p>
                        </li>
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="agencies-heading">
                <h2 id="agencies-heading">{t.browse_by_agency}</h2>
                <p>{(t.browse_by_agency_text)(home.agency_count, home.service_count)}</p>
                <p><A href="/agencies" attr:class="button button--secondary">{t.see_all_agencies}</A></p>
            </section>
        })}
    }
}

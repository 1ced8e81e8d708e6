//! One agency: what it is, how to contact it, and its services.

use crate::api::catalogue::get_agency;
use crate::components::loaded::{loaded, use_page, use_slug};
use crate::components::pager::{page_href, PageShowing, Pager};
use crate::components::{breadcrumbs::Breadcrumbs, service_list::ServiceList};
use crate::i18n::use_lang;
use crate::model::AgencyDetail;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn AgencyPage() -> impl IntoView {
    let lang = use_lang();
    let (slug, page) = (use_slug(), use_page());
    let agency = Resource::new(
        move || (slug(), page()),
        move |(slug, page)| get_agency(slug, lang, page),
    );
    loaded(agency, move |agency| view! { <AgencyView agency /> })
}

#[component]
fn AgencyView(agency: AgencyDetail) -> impl IntoView {
    let t = use_lang().t();
    let has_contact = agency.website.is_some() || agency.phone.is_some() || agency.email.is_some();
    view! {
        <Title text=agency.name.clone() />
        <Meta name="description" content=agency.summary.clone() />
        <Breadcrumbs trail=vec![(t.nav_agencies.to_string(), "/agencies".to_string())] />
        <p class="caption">{(t.agency_kind)(agency.kind)}</p>
        <h1>{agency.name.clone()}</h1>
        <p class="lead">{agency.summary.clone()}</p>
        {agency.parent.map(|p| view! {
            <p>{t.agency_part_of} ": " <A href=format!("/agencies/{}", p.slug)>{p.name}</A></p>
        })}
        {has_contact.then(|| view! {
            <section class="contact" aria-labelledby="contact-heading">
                <h2 id="contact-heading">{t.agency_contact}</h2>
                <dl class="summary-list">
                    {agency.website.map(|w| view! {
                        <div><dt>{t.agency_website}</dt><dd><a href=w.clone() rel="external noopener">{w.clone()}</a></dd></div>
                    })}
                    {agency.phone.map(|p| view! {
                        <div><dt>{t.agency_phone}</dt><dd><a href=format!("tel:{}", p.replace(' ', ""))>{p.clone()}</a></dd></div>
                    })}
                    {agency.email.map(|e| view! {
                        <div><dt>{t.agency_email}</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd></div>
                    })}
                </dl>
            </section>
        })}
        <section aria-labelledby="services-heading">
            <h2 id="services-heading">{t.agency_services}</h2>
            {if agency.services.is_empty() {
                view! { <p>{t.agency_no_services}</p> }.into_any()
            } else {
                let slug = agency.slug.clone();
                let href = move |page: u32| page_href(&format!("/agencies/{slug}"), page);
                view! {
                    <PageShowing paging=agency.paging />
                    <ServiceList services=agency.services show_agency=false />
                    <Pager paging=agency.paging href />
                }.into_any()
            }}
        </section>
        {(!agency.children.is_empty()).then(|| view! {
            <section aria-labelledby="children-heading">
                <h2 id="children-heading">{t.agency_children}</h2>
                <ul class="link-list">
                    {agency.children.into_iter().map(|c| view! {
                        <li><A href=format!("/agencies/{}", c.slug)>{c.name}</A></li>
                    }).collect_view()}
                </ul>
            </section>
        })}
    }
}

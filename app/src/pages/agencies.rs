//! Every agency, grouped by kind (ministries, departments, authorities, counties…).

use crate::api::catalogue::list_agencies;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{AgencyKind, AgencyListItem};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn AgenciesPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let agencies = Resource::new(move || lang, list_agencies);
    view! {
        <Title text=t.agencies_title />
        <Meta name="description" content=t.agencies_intro />
        <h1>{t.agencies_title}</h1>
        <p class="lead">{t.agencies_intro}</p>
        {loaded(agencies, move |list| AgencyKind::ALL
                        .into_iter()
                        .map(|kind| {
                            let group: Vec<AgencyListItem> =
                                list.iter().filter(|a| a.kind == kind).cloned().collect();
                            (!group.is_empty()).then(|| view! {
                                <section class="agency-group">
                                    <h2>{(t.agency_kind_plural)(kind)}</h2>
                                    <ul class="link-list">
                                        {group.into_iter().map(|a| view! {
                                            <li>
                                                <A href=format!("/agencies/{}", a.slug)>{a.name}</A>
                                                <span class="link-list__count">{(t.service_count)(a.service_count)}</span>
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                </section>
                            })
                        })
                        .collect_view())}
    }
}

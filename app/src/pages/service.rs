//! One service: who can apply, what to have ready, every fee, how long it takes, where to
//! collect, and the way in to apply.

use crate::api::catalogue::get_service;
use crate::components::breadcrumbs::Breadcrumbs;
use crate::components::loaded::{loaded, use_slug};
use crate::i18n::{use_lang, Strings};
use crate::model::{FeeKind, FeeLine, ServiceDetail};
use crate::money::format_kes;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn ServicePage() -> impl IntoView {
    let lang = use_lang();
    let service = Resource::new(use_slug(), move |slug| get_service(slug, lang));
    loaded(service, |service| view! { <ServiceView service /> })
}

#[component]
fn ServiceView(service: ServiceDetail) -> impl IntoView {
    let t = use_lang().t();
    let total = service.minimum_total_cents();
    let apply_href = format!("/apply/{}", service.slug);
    let agency_href = format!("/agencies/{}", service.agency.slug);
    let agency_name = service.agency.name.clone();
    view! {
        <Title text=service.name.clone() />
        <Meta name="description" content=service.summary.clone() />
        <Breadcrumbs trail=vec![
            (service.category.name.clone(), format!("/categories/{}", service.category.slug)),
        ] />
        <p class="caption">
            {t.offered_by} " " <A href=format!("/agencies/{}", service.agency.slug)>{service.agency.name.clone()}</A>
        </p>
        <h1>{service.name.clone()}</h1>
        <p class="lead">{service.summary.clone()}</p>
        {service.status.clone().map(|status| view! { <crate::components::service_status::StatusNotice status /> })}

        <dl class="key-facts">
            <div>
                <dt>{t.fee_total}</dt>
                <dd>{if total == 0 { t.free.to_string() } else { format_kes(total) }}</dd>
            </div>
            <div>
                <dt>{t.processing_time}</dt>
                <dd>{(t.processing_days)(service.processing_days_min, service.processing_days_max)}</dd>
            </div>
        </dl>

        <section aria-labelledby="who-heading">
            <h2 id="who-heading">{t.who_can_apply}</h2>
            <ul class="tag-list">
                {service.account_types.iter().map(|a| view! { <li class="tag">{(t.account_type)(*a)}</li> }).collect_view()}
            </ul>
            <h3>{t.eligibility}</h3>
            <ul class="bullets">
                {service.eligibility.iter().map(|e| view! { <li>{e.clone()}</li> }).collect_view()}
            </ul>
        </section>

        <section aria-labelledby="documents-heading">
            <h2 id="documents-heading">{t.documents_needed}</h2>
            <ul class="checklist">
                {service.documents.iter().map(|d| view! {
                    <li>
                        <span class="checklist__name">{d.name.clone()}</span>
                        {(!d.required).then(|| view! { " " <span class="tag tag--muted">{t.optional}</span> })}
                        {d.note.clone().map(|n| view! { <span class="checklist__note">{n}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>

        <section aria-labelledby="fees-heading">
            <h2 id="fees-heading">{t.fees}</h2>
            <p>{t.fees_intro}</p>
            <FeesTable fees=service.fees.clone() total t />
        </section>

        <section aria-labelledby="collect-heading">
            <h2 id="collect-heading">{t.where_to_collect}</h2>
            <p>{service.collection.clone()}</p>
        </section>

        {if service.online {
            view! {
                <div class="call-to-action">
                    <A href=apply_href attr:class="button button--start">
                        {t.start_application} <span aria-hidden="true">" →"</span>
                    </A>
                    <p class="hint">{t.start_needs_sign_in}</p>
                </div>
            }.into_any()
        } else {
            view! {
                <div class="call-to-action">
                    <p>{t.apply_at_agency} " " <A href=agency_href>{agency_name}</A></p>
                </div>
            }.into_any()
        }}
    }
}

#[component]
fn FeesTable(fees: Vec<FeeLine>, total: i64, t: &'static Strings) -> impl IntoView {
    view! {
        <div class="table-wrap">
            <table class="fees-table">
                <caption class="visually-hidden">{t.fees}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.fee_item}</th>
                        <th scope="col">{t.fee_when}</th>
                        <th scope="col" class="num">{t.fee_amount}</th>
                    </tr>
                </thead>
                <tbody>
                    {fees.into_iter().map(|f| view! {
                        <tr>
                            <th scope="row">
                                {f.label}
                                {(f.kind == FeeKind::Convenience).then(|| view! { " " <span class="tag tag--muted">{t.fee_convenience_tag}</span> })}
                            </th>
                            <td>{f.when.unwrap_or_else(|| t.fee_always.to_string())}</td>
                            <td class="num">{format_kes(f.amount_cents)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row" colspan="2">{t.fee_total}</th>
                        <td class="num">{format_kes(total)}</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

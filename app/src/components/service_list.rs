//! A list of services as cards: name, summary, agency and the least it costs.

use crate::i18n::use_lang;
use crate::model::ServiceSummary;
use crate::money::format_kes;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn ServiceList(
    services: Vec<ServiceSummary>,
    #[prop(optional)] show_agency: Option<bool>,
) -> impl IntoView {
    let show_agency = show_agency.unwrap_or(true);
    view! {
        <ul class="service-list">
            {services
                .into_iter()
                .map(|service| view! { <li><ServiceCard service show_agency /></li> })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn ServiceCard(service: ServiceSummary, show_agency: bool) -> impl IntoView {
    let t = use_lang().t();
    let price = match service.minimum_total_cents {
        0 => t.free.to_string(),
        cents => (t.from_price)(&format_kes(cents)),
    };
    view! {
        <article class="service-card">
            <h3 class="service-card__title">
                <A href=format!("/services/{}", service.slug)>{service.name}</A>
            </h3>
            <p class="service-card__summary">{service.summary}</p>
            <p class="service-card__meta">
                {show_agency.then(|| view! { <span class="service-card__agency">{service.agency.name}</span> })}
                <span class="service-card__price">{price}</span>
            </p>
        </article>
    }
}

//! `/huduma`: Huduma Centres by county, with address, opening hours and phone, saying where
//! an address is approximate, and what the centres offer. A plain GET form chooses the
//! county, so it works the same without JavaScript; the page is kept for offline use.

use crate::api::catalogue::get_huduma_centres;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::HudumaCentres;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn HudumaPage() -> impl IntoView {
    let lang = use_lang();
    let query = use_query_map();
    let county = move || query.read().get("county").unwrap_or_default();
    let centres = Resource::new(county, move |county| get_huduma_centres(county, lang));
    let h = lang.help();
    view! {
        <Title text=h.huduma_title />
        <Meta name="description" content=h.huduma_intro />
        <div class="prose">
            <h1>{h.huduma_title}</h1>
            <p class="lead">{h.huduma_intro}</p>
            {loaded(centres, |found| view! { <Centres found /> })}
        </div>
    }
}

#[component]
fn Centres(found: HudumaCentres) -> impl IntoView {
    let h = use_lang().help();
    let chosen = found.county.clone();
    view! {
        <form method="get" action="/huduma" class="form">
            <div class="field">
                <label class="field__label" for="county">{h.county_label}</label>
                <select class="field__input" id="county" name="county">
                    <option value="" selected=chosen.is_empty()>{h.every_county}</option>
                    {found.counties.iter().map(|c| view! {
                        <option value=c.clone() selected=*c == chosen>{c.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <button class="button" type="submit">{h.show_button}</button>
        </form>
        {found.centres.is_empty().then(|| view! { <p class="notice" role="status">{h.none_in_county}</p> })}
        {found.centres.into_iter().map(|c| view! {
            <section class="centre">
                <h2 class="h3">{c.name}</h2>
                <p class="caption">{c.town} " · " {c.county}</p>
                <dl class="summary-list">
                    <div><dt>{h.address}</dt><dd class="summary-list__value">
                        {c.address}
                        {c.approximate.then(|| view! { <br /><em>{h.approximate}</em> })}
                    </dd></div>
                    <div><dt>{h.hours}</dt><dd class="summary-list__value">{c.hours}</dd></div>
                    {c.phone.map(|p| {
                        let tel = format!("tel:{}", p.replace(' ', ""));
                        view! {
                            <div><dt>{h.phone}</dt><dd class="summary-list__value"><a href=tel>{p}</a></dd></div>
                        }
                    })}
                </dl>
            </section>
        }).collect_view()}
        <h2>{h.services_heading}</h2>
        <ul class="bullets">
            {h.services.iter().map(|s| view! { <li>{*s}</li> }).collect_view()}
        </ul>
    }
}

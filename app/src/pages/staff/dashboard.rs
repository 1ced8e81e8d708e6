//! `/staff/dashboard`: an agency's figures (or every agency's, for administrators) for a
//! date range. Each table has its chart — an SVG image drawn on the server, readable
//! without JavaScript and light on data — and a CSV download of the same figures.

use crate::api::staff::get_dashboard;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{DashTable, Dashboard};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// Rows a table shows on the page; the CSV has them all.
const SHOWN_ROWS: usize = 50;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        (
            q.get("agency").unwrap_or_default(),
            q.get("from").unwrap_or_default(),
            q.get("to").unwrap_or_default(),
        )
    };
    let dashboard = Resource::new(filter, |(agency, from, to)| get_dashboard(agency, from, to));
    view! { {loaded(dashboard, |d| view! { <DashboardView d /> })} }
}

#[component]
fn DashboardView(d: Dashboard) -> impl IntoView {
    let t = use_lang().staff();
    let query = format!(
        "agency={}&from={}&to={}",
        if d.agency.is_empty() {
            "all"
        } else {
            d.agency.as_str()
        },
        d.from,
        d.to
    );
    view! {
        <Title text=format!("{} — {}", t.dashboard_title, d.agency_name) />
        <Meta name="robots" content="noindex, nofollow" />
        <div class="staff">
            <p class="caption">{d.agency_name.clone()}</p>
            <h1>{t.dashboard_title}</h1>
            <p><a href="/staff">{t.queue_link}</a></p>
            <form class="filters" method="get" action="/staff/dashboard" aria-label=t.filters_label>
                <div class="field">
                    <label class="field__label" for="agency">{t.agency}</label>
                    <select class="field__input" id="agency" name="agency">
                        {d.overall.then(|| view! { <option value="all" selected=d.agency.is_empty()>{t.all_agencies}</option> })}
                        {d.agencies.iter().map(|a| view! {
                            <option value=a.slug.clone() selected=a.slug == d.agency>{a.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="from">{t.dash_from}</label>
                    <input class="field__input" id="from" name="from" type="date" value=d.from.clone() />
                </div>
                <div class="field">
                    <label class="field__label" for="to">{t.dash_to}</label>
                    <input class="field__input" id="to" name="to" type="date" value=d.to.clone() />
                </div>
                <button class="button" type="submit">{t.show}</button>
            </form>
            {d.tables.into_iter().map(|table| view! { <Figures table query=query.clone() /> }.into_any()).collect_view()}
        </div>
    }
}

#[component]
fn Figures(table: DashTable, query: String) -> impl IntoView {
    let t = use_lang().staff();
    let id = format!("table-{}", table.key);
    let chart = table
        .chart
        .as_ref()
        .is_some_and(|c| !c.labels.is_empty())
        .then(|| format!("/staff/dashboard/{}.svg?{query}", table.key));
    let csv = format!("/staff/dashboard/{}.csv?{query}", table.key);
    let more = table.rows.len().saturating_sub(SHOWN_ROWS);
    let empty = table.rows.is_empty();
    let title = table.title.clone();
    view! {
        <section class="dash" aria-labelledby=id.clone()>
            <h2 id=id.clone()>{table.title.clone()}</h2>
            {table.summary.clone().map(|s| view! { <p>{s}</p> })}
            {chart.map(|src| view! {
                <img class="dash__chart" src=src alt=(t.dash_chart_alt)(&title) width="640" height="320" loading="lazy" />
            })}
            {empty.then(|| view! { <p class="hint">{t.dash_empty}</p> })}
            {(!empty).then(|| view! {
                <div class="table-wrap">
                    <table class="table">
                        <caption class="visually-hidden">{table.title.clone()}</caption>
                        <thead><tr>
                            {table.headers.iter().map(|h| view! { <th scope="col">{h.clone()}</th> }).collect_view()}
                        </tr></thead>
                        <tbody>
                            {table.rows.iter().take(SHOWN_ROWS).map(|row| view! {
                                <tr>{row.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}</tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any())}
            {(more > 0).then(|| view! { <p class="hint">{(t.dash_more_rows)(more)}</p> })}
            <p><a href=csv download="">{t.dash_csv}<span class="visually-hidden">{format!(": {}", table.title)}</span></a></p>
        </section>
    }
}

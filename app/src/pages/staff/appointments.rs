//! `/staff/appointments`: an office's bookings for a day, and marking who came.

use crate::api::appointments::{get_day_list, MarkAppointment};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{DayEntry, DayList};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn DayListPage() -> impl IntoView {
    let query = use_query_map();
    let source = move || {
        let q = query.read();
        (
            q.get("place").unwrap_or_default(),
            q.get("day").unwrap_or_default(),
        )
    };
    let list = Resource::new(source, |(place, day)| get_day_list(place, day));
    view! { {loaded(list, |list| view! { <Day list /> })} }
}

#[component]
fn Day(list: DayList) -> impl IntoView {
    let t = use_lang().staff();
    let back = format!(
        "/staff/appointments?place={}&day={}",
        list.place.slug, list.day
    );
    let empty = list.entries.is_empty();
    view! {
        <Title text=format!("{} — {}", t.day_title, list.place.name) />
        <Meta name="robots" content="noindex, nofollow" />
        <div class="staff">
            <p class="caption">{list.place.name.clone()}</p>
            <h1>{t.day_title}</h1>
            <p><a href="/staff">{t.queue_link}</a></p>
            <form class="filters" method="get" action="/staff/appointments">
                <div class="field">
                    <label class="field__label" for="place">{t.visit_office}</label>
                    <select class="field__input" id="place" name="place">
                        {list.places.iter().map(|p| view! {
                            <option value=p.slug.clone() selected=p.slug == list.place.slug>{p.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label class="field__label" for="day">{t.dash_date}</label>
                    <input class="field__input" id="day" name="day" type="date" value=list.day.clone() />
                </div>
                <button class="button" type="submit">{t.show}</button>
            </form>
            {empty.then(|| view! { <p>{t.day_none}</p> })}
            {(!empty).then(|| view! {
                <div class="table-wrap">
                    <table class="table">
                        <caption class="visually-hidden">{t.day_title}</caption>
                        <thead><tr>
                            <th scope="col">{t.day_time}</th>
                            <th scope="col">{t.applicant}</th>
                            <th scope="col">{t.reference}</th>
                            <th scope="col">{t.day_for}</th>
                            <th scope="col">{t.status}</th>
                        </tr></thead>
                        <tbody>
                            {list.entries.clone().into_iter().map(|e| view! { <Entry entry=e back=back.clone() /> }.into_any()).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any())}
        </div>
    }
}

#[component]
fn Entry(entry: DayEntry, back: String) -> impl IntoView {
    let t = use_lang().staff();
    let mark = ServerAction::<MarkAppointment>::new();
    let open = entry.status == "booked";
    let href = format!("/staff/applications/{}", entry.application);
    view! {
        <tr>
            <td>{entry.time.clone()}</td>
            <td>{entry.name.clone()}</td>
            <td><a href=href><span class="reference">{entry.reference.clone()}</span></a></td>
            <td>{(t.visit_purpose)(entry.purpose)}</td>
            <td>
                {(!open).then(|| view! { <strong class="tag">{(t.day_outcome)(&entry.status)}</strong> })}
                {open.then(|| view! {
                    <ActionForm action=mark attr:class="inline-form">
                        <input type="hidden" name="appointment" value=entry.appointment />
                        <input type="hidden" name="back" value=back.clone() />
                        <button class="link-button link-button--dark" type="submit" name="outcome" value="attended"
                            aria-label=format!("{} {}", t.day_attended, entry.reference)>{t.day_attended}</button>
                        <button class="link-button link-button--dark" type="submit" name="outcome" value="no_show"
                            aria-label=format!("{} {}", t.day_no_show, entry.reference)>{t.day_no_show}</button>
                    </ActionForm>
                })}
            </td>
        </tr>
    }
}

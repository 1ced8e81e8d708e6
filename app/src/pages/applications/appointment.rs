//! `/applications/<id>/appointment`: book a visit — choose the office (a GET form), then a
//! time (radio buttons grouped by day, places left shown), or move or cancel the booking.

use crate::api::appointments::{get_appointment_page, BookAppointment, CancelAppointment};
use crate::components::form::{problem_for, problems_of, ErrorSummary};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{AppointmentPage, SlotDay};
use crate::pages::applications::use_id;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn AppointmentPageView() -> impl IntoView {
    let id = use_id();
    let query = use_query_map();
    let source = move || (id(), query.read().get("place").unwrap_or_default());
    let page = Resource::new(source, |(id, place)| get_appointment_page(id, place));
    view! { {loaded(page, |page| view! { <Appointment page /> })} }
}

#[component]
fn Appointment(page: AppointmentPage) -> impl IntoView {
    let s = use_lang().staff();
    let query = use_query_map().read_untracked();
    let booked = query.get("booked").is_some();
    let cancelled = query.get("cancelled").is_some();
    let back = format!("/applications/{}/status", page.id);
    let title = (s.visit_title)(page.purpose);
    let many = page.places.len() > 1;
    view! {
        <Title text=title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <p><a href=back>{s.visit_back}</a></p>
            {booked.then(|| view! { <p class="notice notice--success" role="status">{s.visit_booked}</p> })}
            {cancelled.then(|| view! { <p class="notice notice--success" role="status">{s.visit_cancelled}</p> })}
            <p class="caption">{page.service.clone()} " · " <span class="reference">{page.reference.clone()}</span></p>
            <h1>{title}</h1>
            <p class="lead">{(s.visit_intro)(page.purpose)}</p>
            {page.booking.clone().map(|b| view! { <Current id=page.id.clone() booking=b /> }.into_any())}
            {many.then(|| view! {
                <form class="filters" method="get" action=format!("/applications/{}/appointment", page.id)>
                    <div class="field">
                        <label class="field__label" for="place">{s.visit_office}</label>
                        <select class="field__input" id="place" name="place">
                            {page.places.iter().map(|p| {
                                let chosen = page.place.as_ref().is_some_and(|c| c.slug == p.slug);
                                view! { <option value=p.slug.clone() selected=chosen>{p.name.clone()}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <button class="button button--secondary" type="submit">{s.visit_show_times}</button>
                </form>
            }.into_any())}
            {page.place.clone().map(|p| view! {
                <h2>{p.name}</h2>
                <p class="hint">{page.hours.clone()}</p>
            })}
            {page.booking.as_ref().is_none_or(|b| b.can_change && b.changes_left > 0).then(|| view! {
                <Times id=page.id.clone() days=page.days.clone() moving=page.booking.is_some() />
            }.into_any())}
        </div>
    }
}

#[component]
fn Current(id: String, booking: crate::model::Booking) -> impl IntoView {
    let s = use_lang().staff();
    let cancel = ServerAction::<CancelAppointment>::new();
    let errors = problems_of(cancel.value());
    let no_labels: Vec<(&str, &str)> = Vec::new();
    view! {
        <div class="panel panel--confirmation">
            <h2 class="panel__title">{s.visit_your_booking}</h2>
            <p class="panel__body"><strong>{booking.when.clone()}</strong><br />{booking.place.clone()}</p>
        </div>
        <ErrorSummary errors labels=no_labels />
        {if booking.can_change {
            view! {
                <p>{(s.visit_changes_left)(booking.changes_left)}</p>
                <ActionForm action=cancel>
                    <input type="hidden" name="id" value=id />
                    <button class="button button--secondary" type="submit">{s.visit_cancel}</button>
                </ActionForm>
            }
            .into_any()
        } else {
            view! { <p>{s.visit_too_late}</p> }.into_any()
        }}
    }
}

#[component]
fn Times(id: String, days: Vec<SlotDay>, moving: bool) -> impl IntoView {
    let s = use_lang().staff();
    let action = ServerAction::<BookAppointment>::new();
    let errors = problems_of(action.value());
    let shown = move || errors.with(|e| problem_for(e, "slot"));
    let empty = days.is_empty();
    view! {
        <h2>{if moving { s.visit_move } else { s.visit_choose }}</h2>
        {empty.then(|| view! { <p>{s.visit_none}</p> })}
        <ErrorSummary errors labels=vec![("slot", s.visit_time)] />
        {(!empty).then(|| view! {
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id.clone() />
                <div class="field" class:field--error=move || shown().is_some() id="slot">
                    {move || shown().map(|p| view! { <p class="field__error">{use_lang().problem(p)}</p> })}
                    {days.into_iter().map(|day| view! {
                        <fieldset class="fieldset slot-day">
                            <legend class="field__label">{day.label.clone()}</legend>
                            <div class="radios radios--inline">
                                {day.slots.into_iter().map(|slot| {
                                    let input = format!("slot-{}", slot.id);
                                    let full = slot.free <= 0 && !slot.mine;
                                    view! {
                                        <div class="radios__item">
                                            <input class="radios__input" type="radio" id=input.clone() name="slot"
                                                value=slot.id checked=slot.mine disabled=full />
                                            <label class="radios__label" for=input>
                                                {slot.time.clone()}
                                                <span class="hint">" " {if full { s.visit_full.to_string() } else { (s.visit_free)(slot.free) }}</span>
                                            </label>
                                        </div>
                                    }
                                }).collect_view()}
                            </div>
                        </fieldset>
                    }).collect_view()}
                </div>
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    {if moving { s.visit_move_button } else { s.visit_book_button }}
                </button>
            </ActionForm>
        }.into_any())}
    }
}

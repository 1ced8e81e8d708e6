//! An application's status as its owner or a tracker sees it: where it stands, what the
//! person must do, where to collect, what comes next, and the timeline of every change.

use crate::i18n::use_lang;
use crate::model::{Place, StatusView, TimelineEntry};
use crate::tracking::Status;
use leptos::prelude::*;

#[component]
pub fn StatusSummary(view: StatusView) -> impl IntoView {
    let t = use_lang().tracking();
    let done = matches!(
        view.status,
        Status::Approved | Status::ReadyForCollection | Status::Collected
    );
    view! {
        <dl class="summary-list">
            <div><dt>{t.service}</dt><dd class="summary-list__value">{view.service_name.clone()}</dd></div>
            <div><dt>{t.reference}</dt><dd class="summary-list__value"><span class="reference">{view.reference.clone()}</span></dd></div>
            <div><dt>{t.current_status}</dt><dd class="summary-list__value">
                <strong class="tag" class:tag--ok=done class:tag--alert=view.status == Status::InfoRequested
                    data-status=view.status.code()>{(t.status)(view.status)}</strong>
            </dd></div>
        </dl>
    }
}

/// What to do now (with `children` right after it: the owner's answer form), where to
/// collect, and what happens next.
#[component]
pub fn StatusNext(view: StatusView, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let t = use_lang().tracking();
    let turn = (t.your_turn)(view.status);
    view! {
        {view.reason.clone().map(|reason| view! {
            <h2>{t.reason_heading}</h2>
            <p class="quote">{reason}</p>
        })}
        {turn.map(|text| view! {
            <h2>{t.your_turn_heading}</h2>
            <p>{text}</p>
        })}
        {children.map(|c| c())}
        {view.place.clone().map(|place| view! { <Collection place /> })}
        <h2>{t.next_heading}</h2>
        <p>{(t.next)(view.status)}</p>
        {view.expected_by.clone().map(|d| view! { <p>{(t.expected_by)(&d)}</p> })}
    }
}

#[component]
fn Collection(place: Place) -> impl IntoView {
    let t = use_lang().tracking();
    view! {
        <h2>{t.collect_at}</h2>
        <dl class="summary-list">
            <div><dt>{t.office}</dt><dd class="summary-list__value">
                <strong>{place.name.clone()}</strong><br />{place.address.clone()}
            </dd></div>
            <div><dt>{t.opening_hours}</dt><dd class="summary-list__value">{place.hours.clone()}</dd></div>
            {place.phone.clone().map(|p| view! {
                <div><dt>{t.phone}</dt><dd class="summary-list__value">{p}</dd></div>
            })}
        </dl>
        <p>{t.bring}</p>
    }
}

/// Every change, oldest first.
#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let t = use_lang().tracking();
    view! {
        <h2>{t.timeline_heading}</h2>
        <ol class="timeline">
            {entries.into_iter().map(|e| view! {
                <li class="timeline__item">
                    <strong class="timeline__status">{(t.status)(e.status)}</strong>
                    <span class="timeline__meta">{e.at.clone()} " · " {(t.actor)(e.by)}</span>
                    {e.place.clone().map(|p| view! { <span class="timeline__note">{p.name}</span> })}
                    {e.note.clone().map(|n| view! { <span class="timeline__note quote">{n}</span> })}
                </li>
            }.into_any()).collect_view()}
        </ol>
    }
}

/// "Updated at …" with a refresh link (what a page without JavaScript has), and, once
/// hydrated, a note that the page updates by itself (the `LiveStatus` island says when).
#[component]
pub fn Freshness(read_at: String, here: String) -> impl IntoView {
    let t = use_lang().tracking();
    view! {
        <p class="hint freshness">
            {(t.updated_at)(&read_at)} " " <a href=here>{t.refresh}</a>
            <span class="live-note">" " {t.live_on}</span>
        </p>
    }
}

//! Public tracking: a reference number and the applicant's year of birth (or passport
//! number) show where an application stands, without signing in and without personal
//! details. The proof is kept in this browser's session, so the page can be refreshed.

use crate::api::tracking::{get_tracked, TrackApplication};
use crate::components::form::{problems_of, with_form_values, ErrorSummary, Field, FormValues};
use crate::components::live::{LiveStatus, LIVE_STATUS};
use crate::components::loaded::use_slug;
use crate::components::status::{Freshness, StatusNext, StatusSummary, Timeline};
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use crate::model::StatusView;
use crate::pages::errors::ErrorView;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

/// `/track`: the form.
#[component]
pub fn TrackPage() -> impl IntoView {
    let t = use_lang().tracking();
    view! {
        <Title text=t.track_title />
        <Meta name="description" content=t.track_intro />
        <div class="form-page">
            <h1>{t.track_title}</h1>
            <p class="lead">{t.track_intro}</p>
            {with_form_values("track".into(), |kept| view! { <TrackForm kept /> })}
        </div>
    }
}

#[component]
fn TrackForm(kept: FormValues) -> impl IntoView {
    let t = use_lang().tracking();
    let action = ServerAction::<TrackApplication>::new();
    let errors = problems_of(action.value());
    // The reference can come in the address (a link from an SMS or receipt).
    let reference = Some(kept.get("reference"))
        .filter(|r| !r.is_empty())
        .or_else(|| use_query_map().read_untracked().get("reference"))
        .unwrap_or_default();
    view! {
        <ErrorSummary errors labels=vec![("reference", t.reference), ("proof", t.track_proof_label)] />
        <ActionForm action attr:class="form" attr:novalidate="">
            <Field name="reference" label=t.reference hint=t.track_reference_hint
                autocomplete="off" value=reference errors class="field__input--code" />
            <Field name="proof" label=t.track_proof_label hint=t.track_proof_hint
                autocomplete="off" value=kept.get("proof") errors />
            <button class="button" type="submit" disabled=move || action.pending().get()>{t.track_button}</button>
        </ActionForm>
        <p class="hint">{t.track_signed_in_note} " " <A href="/applications">{use_lang().payments().to_my_applications}</A></p>
    }
}

/// `/track/:slug` (the reference): the status, once this session proved it; otherwise the
/// form again, with the reference filled in.
#[component]
pub fn TrackedPage() -> impl IntoView {
    let reference = use_slug();
    let tracked = Resource::new(reference, get_tracked);
    let t = use_lang().t();
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match tracked.await {
                    Ok(Some(view)) => view! {
                        <Title text=t.tracking.track_title />
                        <Meta name="robots" content="noindex" />
                        <IslandScripts />
                        <Tracked view />
                    }.into_any(),
                    Ok(None) => view! { <TrackPage /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

/// The status as the tracker may see it, in the region the `LiveStatus` island draws anew
/// when the event stream says it changed.
#[component]
fn Tracked(view: StatusView) -> impl IntoView {
    let t = use_lang().tracking();
    // On this page the view's id is the reference it was tracked by.
    let here = format!("/track/{}", view.id);
    let events = format!("{here}/events?after={}", view.last_event);
    view! {
        <div id=LIVE_STATUS class="prose">
            <h1>{t.track_title}</h1>
            <StatusSummary view=view.clone() />
            <StatusNext view=view.clone() />
            <Timeline entries=view.timeline.clone() />
            <Freshness read_at=view.read_at.clone() here />
            <p class="hint">{t.track_owner_note}</p>
            <p><a href="/track">{t.track_another}</a></p>
        </div>
        <LiveStatus events changed=t.changed.to_string() />
    }
}

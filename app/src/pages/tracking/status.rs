//! The owner's status page of a sent application: where it stands, what to do (answering
//! an officer's request here), what comes next, and every change so far.

use super::live_resource;
use crate::api::tracking::{get_status, AnswerRequest};
use crate::components::form::{problems_of, with_form_values, ErrorSummary, FormValues};
use crate::components::status::{Freshness, StatusNext, StatusSummary, Timeline};
use crate::i18n::use_lang;
use crate::model::StatusView;
use crate::pages::applications::use_id;
use crate::pages::errors::ErrorView;
use crate::tracking::Status;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn StatusPage() -> impl IntoView {
    let id = use_id();
    let status = Resource::new(id, get_status);
    let changed = live_resource(status, |r| {
        r.as_ref()
            .ok()
            .map(|v| format!("/applications/{}/events?after={}", v.id, v.last_event))
    });
    let t = use_lang().t();
    // A transition, not a suspense: the page stays while it is read again.
    view! {
        <Transition fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || Suspend::new(async move {
                match status.await {
                    Ok(view) => view! { <OwnerStatus view changed /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn OwnerStatus(view: StatusView, changed: ReadSignal<bool>) -> impl IntoView {
    let t = use_lang().t().tracking;
    // Said only while the answer is with the officer (the page may live on after that).
    let answered = use_query_map().read_untracked().get("answered").is_some()
        && view.status == Status::Resubmitted;
    let here = format!("/applications/{}/status", view.id);
    let receipt = format!("/applications/{}/confirmation", view.id);
    let paid = view.status.is_with_agency();
    let asking = (view.status == Status::InfoRequested).then(|| view.clone());
    view! {
        <Title text=view.service_name.clone() />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            {answered.then(|| view! { <p class="notice notice--success" role="status">{t.answer_sent}</p> })}
            <p class="caption">{view.service_name.clone()}</p>
            <h1>{t.status_title}</h1>
            <StatusSummary view=view.clone() />
            <StatusNext view=view.clone()>
                {asking.map(|view| view! { <Answer view /> }.into_any())}
            </StatusNext>
            <Timeline entries=view.timeline.clone() />
            <Freshness read_at=view.read_at.clone() here changed />
            {paid.then(|| view! { <p><A href=receipt>{t.view_receipt}</A></p> })}
            <p><A href="/applications">{use_lang().t().payments.to_my_applications}</A></p>
        </div>
    }
}

/// The officer's request, and the form to answer it (a plain form without JavaScript).
#[component]
fn Answer(view: StatusView) -> impl IntoView {
    let id = view.id.clone();
    let request = view.request.clone().unwrap_or_default();
    view! {
        {with_form_values(format!("answer-{id}"), move |kept| view! {
            <AnswerForm id=id.clone() request=request.clone() kept />
        })}
    }
}

#[component]
fn AnswerForm(id: String, request: String, kept: FormValues) -> impl IntoView {
    let t = use_lang().t().tracking;
    let a = use_lang().t().accounts;
    let action = ServerAction::<AnswerRequest>::new();
    let errors = problems_of(action.value());
    let shown = move || errors.with(|e| crate::components::form::problem_for(e, "answer"));
    view! {
        <h2>{t.request_heading}</h2>
        <p class="quote">{request}</p>
        <ErrorSummary errors labels=vec![("answer", t.answer_label)] />
        <ActionForm action attr:class="form" attr:novalidate="">
            <input type="hidden" name="id" value=id />
            <div class="field" class:field--error=move || shown().is_some()>
                <label class="field__label" for="answer">{t.answer_label}</label>
                <p class="field__hint" id="answer-hint">{t.answer_hint}</p>
                {move || shown().map(|p| view! { <p class="field__error" id="answer-error">{(a.problem)(p)}</p> })}
                <textarea class="field__input field__textarea" id="answer" name="answer" rows="5"
                    aria-describedby=move || if shown().is_some() { "answer-hint answer-error" } else { "answer-hint" }
                    aria-invalid=move || shown().is_some().then_some("true")>{kept.get("answer")}</textarea>
            </div>
            <button class="button" type="submit" disabled=move || action.pending().get()>{t.answer_button}</button>
        </ActionForm>
    }
}

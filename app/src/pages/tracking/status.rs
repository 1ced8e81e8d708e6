//! The owner's status page of a sent application: where it stands, what to do (answering
//! an officer's request here), what comes next, and every change so far. Drawn by the
//! server only; in the browser the `LiveStatus` island follows the application's event
//! stream and has the status region drawn anew at each change. The forms post plainly; the
//! documents asked again are in an `Uploads` island (sent with shrinking and progress).

use crate::api::applications::files::UploadFile;
use crate::api::tracking::{get_status, AnswerRequest, RateService};
use crate::components::file_question::FileQuestion;
use crate::components::file_upload::Uploads;
use crate::components::form::{island_problems, url_problems, ErrorSummary, FormValues, KeptForms};
use crate::components::live::{LiveStatus, LIVE_STATUS};
use crate::components::loaded::loaded;
use crate::components::question::QuestionField;
use crate::components::status::{Freshness, StatusNext, StatusSummary, Timeline};
use crate::forms::Kind;
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use crate::model::{AccessEntry, StatusView};
use crate::pages::applications::use_id;
use crate::problem::FieldError;
use crate::tracking::Status;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn StatusPage() -> impl IntoView {
    let id = use_id();
    // The status, and what was typed into its forms if a plain post of one failed: loaded
    // together, so the server waits for both before it renders.
    let status = Resource::new(id, |id| async move {
        let view = get_status(id).await?;
        let kept = KeptForms::load([answer_form(&view.id), rate_form(&view.id)]).await;
        Ok((view, kept))
    });
    view! {
        {loaded(status, |(view, kept)| {
            // Said only while the answer is with the officer (the page may live on after that).
            let answered = use_query_map().read_untracked().get("answered").is_some();
            // The problems of a failed plain post of each form (uploads always post natively).
            let posted = Posted {
                answer: url_problems::<AnswerRequest>(),
                rate: url_problems::<RateService>(),
                uploads: url_problems::<UploadFile>(),
            };
            view! {
                <Title text=view.service_name.clone() />
                <Meta name="robots" content="noindex" />
                <IslandScripts />
                <OwnerStatus view answered kept posted />
            }
        })}
    }
}

/// The problems of each of the page's forms after a plain post of it failed.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
struct Posted {
    answer: Vec<FieldError>,
    rate: Vec<FieldError>,
    uploads: Vec<FieldError>,
}

fn answer_form(id: &str) -> String {
    format!("answer-{id}")
}

fn rate_form(id: &str) -> String {
    format!("rate-{id}")
}

/// The whole status, in the region the `LiveStatus` island draws anew at each change.
#[component]
fn OwnerStatus(view: StatusView, answered: bool, kept: KeptForms, posted: Posted) -> impl IntoView {
    let events = format!("/applications/{}/events?after={}", view.id, view.last_event);
    let changed = use_lang().tracking().changed.to_string();
    let answered = answered && view.status == Status::Resubmitted;
    view! {
        <div id=LIVE_STATUS>
            <OwnerStatusView view answered kept posted />
        </div>
        <LiveStatus events changed />
    }
}

#[component]
fn OwnerStatusView(
    view: StatusView,
    answered: bool,
    kept: KeptForms,
    posted: Posted,
) -> impl IntoView {
    let t = use_lang().tracking();
    let here = format!("/applications/{}/status", view.id);
    let receipt = format!("/applications/{}/confirmation", view.id);
    let paid = view.status.is_with_agency();
    let asking = (view.status == Status::InfoRequested).then(|| view.clone());
    let answer_kept = kept.get(&answer_form(&view.id));
    let rate_kept = kept.get(&rate_form(&view.id));
    view! {
        <div class="prose">
            {answered.then(|| view! { <p class="notice notice--success" role="status">{t.answer_sent}</p> })}
            <p class="caption">{view.service_name.clone()}</p>
            <h1>{t.status_title}</h1>
            <StatusSummary view=view.clone() />
            <StatusNext view=view.clone()>
                {asking.map(|view| view! { <AnswerForm view kept=answer_kept posted=posted.answer uploads=posted.uploads /> }.into_any())}
            </StatusNext>
            {view.visit.map(|purpose| view! {
                <p><a class="button button--secondary" href=format!("/applications/{}/appointment", view.id)>
                    {(use_lang().staff().visit_link)(purpose)}
                </a></p>
            })}
            {view.certificate.then(|| {
                let d = use_lang().documents();
                view! {
                    <h2>{d.certificate_heading}</h2>
                    <p><a href=format!("/applications/{}/certificate.pdf", view.id) download="">
                        {d.certificate_download}
                    </a></p>
                }
            })}
            {view.can_rate.then(|| view! { <Rate view=view.clone() kept=rate_kept posted=posted.rate /> }.into_any())}
            <Timeline entries=view.timeline.clone() />
            <AccessLog entries=view.access.clone() />
            <Freshness read_at=view.read_at.clone() here />
            {paid.then(|| view! { <p><a href=receipt>{t.view_receipt}</a></p> })}
            <p><a href="/applications">{use_lang().payments().to_my_applications}</a></p>
        </div>
    }
}

/// The officer's request, and the form to answer it (a plain form without JavaScript):
/// the applicant's words, the answers asked again and, each in a form of its own (forms
/// cannot nest), the documents asked again.
#[component]
fn AnswerForm(
    view: StatusView,
    kept: FormValues,
    posted: Vec<FieldError>,
    uploads: Vec<FieldError>,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.tracking();
    let s = lang.staff();
    let action = ServerAction::<AnswerRequest>::new();
    let answered = island_problems(action.value(), posted);
    let errors = Signal::derive(move || {
        let mut all = answered.get();
        all.extend(uploads.iter().cloned());
        all
    });
    let shown = move || errors.with(|e| crate::components::form::problem_for(e, "answer"));
    let mut labels: Vec<(String, String)> = vec![("answer".into(), t.answer_label.into())];
    labels.extend(view.asked.iter().map(|q| {
        (
            q.question.key.clone(),
            q.question.label.get(lang).to_string(),
        )
    }));
    let (files, typed): (Vec<_>, Vec<_>) = view
        .asked
        .iter()
        .cloned()
        .partition(|q| q.question.kind == Kind::File);
    let asked = !view.asked.is_empty();
    let id = view.id.clone();
    view! {
        <h2>{t.request_heading}</h2>
        <p class="quote">{view.request.clone().unwrap_or_default()}</p>
        <ErrorSummary errors labels />
        {asked.then(|| view! { <h3 class="h3">{s.asked_heading}</h3><p>{s.asked_intro}</p> })}
        <ActionForm action attr:class="form" attr:novalidate="" attr:id="answer-form">
            <input type="hidden" name="id" value=view.id.clone() />
            {typed.into_iter().map(|q| {
                let value = match kept.get(&q.question.key) {
                    v if !v.is_empty() => v,
                    _ => q.value.clone(),
                };
                view! { <QuestionField question=q.question value errors /> }
            }).collect_view()}
            <div class="field" class:field--error=move || shown().is_some()>
                <label class="field__label" for="answer">{t.answer_label}</label>
                <p class="field__hint" id="answer-hint">{t.answer_hint}</p>
                {move || shown().map(|p| view! { <p class="field__error" id="answer-error">{use_lang().problem(p)}</p> })}
                <textarea class="field__input field__textarea" id="answer" name="answer" rows="5"
                    aria-describedby=move || if shown().is_some() { "answer-hint answer-error" } else { "answer-hint" }
                    aria-invalid=move || shown().is_some().then_some("true")>{kept.get("answer")}</textarea>
            </div>
        </ActionForm>
        {(!files.is_empty()).then(|| {
            let errors = errors.get_untracked();
            view! {
                <Uploads>
                    {files.into_iter().map(|q| view! {
                        <FileQuestion question=q.question application=id.clone() section=String::new()
                            file=q.file errors=errors.clone() />
                    }).collect_view()}
                </Uploads>
            }
        })}
        <button class="button" type="submit" form="answer-form" disabled=move || action.pending().get()>{t.answer_button}</button>
    }
}

/// "How was this service?": a rating from 1 to 5 and a comment, once (then thanks).
#[component]
fn Rate(view: StatusView, kept: FormValues, posted: Vec<FieldError>) -> impl IntoView {
    let s = use_lang().staff();
    match view.rating {
        Some(rating) => view! {
            <h2>{s.feedback_heading}</h2>
            <p role="status">{(s.feedback_given)(rating)}</p>
        }
        .into_any(),
        None => view! { <RateForm id=view.id.clone() kept posted /> }.into_any(),
    }
}

#[component]
fn RateForm(id: String, kept: FormValues, posted: Vec<FieldError>) -> impl IntoView {
    let s = use_lang().staff();
    let action = ServerAction::<RateService>::new();
    let errors = island_problems(action.value(), posted);
    let problem = move |name: &'static str| {
        move || errors.with(|e| crate::components::form::problem_for(e, name))
    };
    let chosen = kept.get("rating");
    view! {
        <h2>{s.feedback_heading}</h2>
        <p>{s.feedback_intro}</p>
        <ErrorSummary errors labels=vec![("rating", s.feedback_legend), ("comment", s.feedback_comment)] />
        <ActionForm action attr:class="form" attr:novalidate="">
            <input type="hidden" name="id" value=id />
            <fieldset class="field fieldset" id="rating" class:field--error=move || problem("rating")().is_some()>
                <legend class="field__label">{s.feedback_legend}</legend>
                {move || problem("rating")().map(|p| view! { <p class="field__error">{use_lang().problem(p)}</p> })}
                <div class="radios radios--inline">
                    {(1..=5).map(|n| {
                        let value = n.to_string();
                        let input = format!("rating-{n}");
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id=input.clone() name="rating"
                                    value=value.clone() checked=chosen == value />
                                <label class="radios__label" for=input>{n}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="field" class:field--error=move || problem("comment")().is_some()>
                <label class="field__label" for="comment">{s.feedback_comment}</label>
                {move || problem("comment")().map(|p| view! { <p class="field__error">{use_lang().problem(p)}</p> })}
                <textarea class="field__input field__textarea" id="comment" name="comment" rows="3">{kept.get("comment")}</textarea>
            </div>
            <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>{s.feedback_button}</button>
        </ActionForm>
    }
}

/// Who at the agency opened or changed the application, and when (by role and office).
#[component]
fn AccessLog(entries: Vec<AccessEntry>) -> impl IntoView {
    let s = use_lang().staff();
    let empty = entries.is_empty();
    view! {
        <h2>{s.access_heading}</h2>
        <p class="hint">{s.access_intro}</p>
        {empty.then(|| view! { <p>{s.access_none}</p> })}
        {(!empty).then(|| view! {
            <div class="table-wrap">
                <table class="table access-log">
                    <caption class="visually-hidden">{s.access_heading}</caption>
                    <thead><tr>
                        <th scope="col">{s.access_when}</th>
                        <th scope="col">{s.access_who}</th>
                        <th scope="col">{s.access_what}</th>
                    </tr></thead>
                    <tbody>
                        {entries.into_iter().map(|e| view! {
                            <tr>
                                <td>{e.at}</td>
                                <td>{e.name.map(|n| view! { <strong>{n}</strong><br /> })}{e.who}{e.office.map(|o| view! { <br /><span class="hint">{o}</span> })}</td>
                                <td>{e.what}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        }.into_any())}
    }
}

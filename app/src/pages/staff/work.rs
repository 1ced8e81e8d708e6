//! `/staff/applications/<id>`: one application as the officer works on it — who applied,
//! the moves open now, the answers and documents (shown inline), the payment, the
//! timeline and the internal notes.

use super::moves::Moves;
use super::queue::{Assign, Claim};
use super::StatusTag;
use crate::api::staff::{get_work_item, AddStaffNote, ReleaseApplication};
use crate::components::form::{problems_of, ErrorSummary, FormValues, KeptForms};
use crate::components::invoice::InvoiceTable;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{StaffEvent, StaffFile, StaffNote, WorkItem};
use crate::pages::applications::use_id;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn WorkPage() -> impl IntoView {
    let id = use_id();
    let item = Resource::new(id, |id| async move {
        let item = get_work_item(id).await?;
        let forms = item
            .moves
            .iter()
            .map(|to| super::moves::form_key(&item.id, *to))
            .chain([note_key(&item.id), super::issued::form_key(&item.id)]);
        let kept = KeptForms::load(forms.collect::<Vec<_>>()).await;
        Ok::<_, crate::error::AppError>((item, kept))
    });
    view! {
        {loaded(item, |(item, kept)| {
            provide_context(kept);
            view! { <Work item /> }
        })}
    }
}

fn note_key(id: &str) -> String {
    format!("note-{id}")
}

#[component]
fn Work(item: WorkItem) -> impl IntoView {
    let t = use_lang().staff();
    let query = use_query_map().read_untracked();
    let moved = query.get("moved").is_some();
    let noted = query.get("noted").is_some();
    let revoked = query.get("revoked").is_some();
    view! {
        <Title text=format!("{} — {}", item.reference, t.work_title) />
        <Meta name="robots" content="noindex, nofollow" />
        <div class="staff">
            {moved.then(|| view! { <p class="notice notice--success" role="status">{t.moved}</p> })}
            {noted.then(|| view! { <p class="notice notice--success" role="status">{t.noted}</p> })}
            {revoked.then(|| view! { <p class="notice notice--success" role="status">{use_lang().documents().revoked_done}</p> })}
            <p class="caption">{item.service.clone()} " · " {item.agency.clone()}</p>
            <h1><span class="reference">{item.reference.clone()}</span></h1>
            <p><a href="/staff">{t.back_to_queue}</a></p>
            <Summary item=item.clone() />
            <Moves item=item.clone() />
            <Answers item=item.clone() />
            <Documents files=item.files.clone() />
            <Payment item=item.clone() />
            <super::issued::Issued item=item.clone() />
            <StaffTimeline events=item.timeline.clone() />
            <Notes id=item.id.clone() notes=item.notes.clone() />
        </div>
    }
}

#[component]
fn Summary(item: WorkItem) -> impl IntoView {
    let t = use_lang().staff();
    let a = &item.applicant;
    let back = format!("/staff/applications/{}", item.id);
    let holder = if item.mine {
        Some(t.you.to_string())
    } else {
        item.holder.clone()
    };
    let can_release = item.holder.is_some() && (item.mine || item.supervisor);
    view! {
        <dl class="summary-list">
            <div><dt>{t.status}</dt><dd class="summary-list__value"><StatusTag status=item.status /></dd></div>
            <div><dt>{t.applicant}</dt><dd class="summary-list__value">
                <strong>{a.name.clone()}</strong><br />
                {(use_lang().t().account_type)(a.account_type)} " · " {a.id_number.clone()} " · " {(t.born)(a.year_of_birth)}
            </dd></div>
            <div><dt>{t.contact}</dt><dd class="summary-list__value">{a.phone.clone()}<br />{a.email.clone()}</dd></div>
            <div><dt>{t.submitted}</dt><dd class="summary-list__value">{item.submitted.clone()}</dd></div>
            <div><dt>{t.due}</dt><dd class="summary-list__value">
                {item.due.clone()}
                {item.overdue.then(|| view! { " " <strong class="tag tag--alert">{t.overdue}</strong> })}
            </dd></div>
            <div><dt>{t.holder}</dt><dd class="summary-list__value">
                {holder.unwrap_or_else(|| t.nobody.to_string())}
                {item.holder.is_none().then(|| view! { " " <Claim id=item.id.clone() reference=item.reference.clone() back=back.clone() /> })}
                {can_release.then(|| view! { " " <Release id=item.id.clone() back=back.clone() /> })}
                {(item.supervisor && !item.staff.is_empty()).then(|| view! {
                    <Assign id=item.id.clone() reference=item.reference.clone() staff=item.staff.clone() back=back.clone() />
                }.into_any())}
            </dd></div>
        </dl>
    }
}

#[component]
fn Release(id: String, back: String) -> impl IntoView {
    let t = use_lang().staff();
    let release = ServerAction::<ReleaseApplication>::new();
    view! {
        <ActionForm action=release attr:class="inline-form">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="back" value=back />
            <button class="link-button link-button--dark" type="submit">{t.release}</button>
        </ActionForm>
    }
}

#[component]
fn Answers(item: WorkItem) -> impl IntoView {
    let t = use_lang().staff();
    view! {
        <h2>{t.answers}</h2>
        {item.sections.into_iter().map(|section| view! {
            <h3 class="h3">{section.title.clone()}</h3>
            <dl class="summary-list">
                {section.rows.into_iter().map(|row| view! {
                    <div><dt>{row.label}</dt><dd class="summary-list__value">{row.value}</dd></div>
                }).collect_view()}
            </dl>
        }.into_any()).collect_view()}
    }
}

/// Each document inline: images as images, PDFs in a frame (both from `/staff/files/…`,
/// which audits every opening), with a link to open it on its own.
#[component]
fn Documents(files: Vec<StaffFile>) -> impl IntoView {
    let t = use_lang().staff();
    let empty = files.is_empty();
    view! {
        <h2>{t.documents}</h2>
        {empty.then(|| view! { <p>{t.no_documents}</p> })}
        {files.into_iter().map(|f| view! { <Document file=f /> }.into_any()).collect_view()}
    }
}

#[component]
fn Document(file: StaffFile) -> impl IntoView {
    let t = use_lang().staff();
    let href = format!("/staff/files/{}", file.id);
    let title = format!("{}: {}", file.question, file.name);
    let image = file.is_image();
    view! {
        <figure class="document">
            <figcaption>
                <strong>{file.question.clone()}</strong> " · " {file.name.clone()} " · " {file.size_kb} " KB · "
                <a href=href.clone() target="_blank" rel="noopener">{t.open_document}</a>
            </figcaption>
            {if image {
                view! { <img class="document__image" src=href.clone() alt=title.clone() loading="lazy" /> }.into_any()
            } else {
                view! { <iframe class="document__frame" src=href.clone() title=title.clone()></iframe> }.into_any()
            }}
        </figure>
    }
}

#[component]
fn Payment(item: WorkItem) -> impl IntoView {
    let t = use_lang().staff();
    view! {
        <h2>{t.payment}</h2>
        {item.invoice.clone().map(|invoice| view! { <InvoiceTable invoice paid=item.paid.is_some() /> })}
        {match item.paid.clone() {
            Some((receipt, at)) => view! { <p>{(t.paid)(&receipt, &at)}</p> }.into_any(),
            None => view! { <p>{t.nothing_paid}</p> }.into_any(),
        }}
    }
}

#[component]
fn StaffTimeline(events: Vec<StaffEvent>) -> impl IntoView {
    let t = use_lang().staff();
    let tr = use_lang().tracking();
    view! {
        <h2>{tr.timeline_heading}</h2>
        <ol class="timeline">
            {events.into_iter().map(|e| view! {
                <li class="timeline__item">
                    <strong class="timeline__status">{(tr.status)(e.status)}</strong>
                    <span class="timeline__meta">{e.at.clone()} " · " {e.by.clone()}</span>
                    {e.place.clone().map(|p| view! { <span class="timeline__note">{p}</span> })}
                    {e.reason.clone().map(|r| view! { <span class="timeline__note"><strong>{r}</strong></span> })}
                    {e.note.clone().map(|n| view! { <span class="timeline__note quote">{n}</span> })}
                    {(!e.requested.is_empty()).then(|| view! {
                        <span class="timeline__note">{t.asked_again} ": " {e.requested.join(", ")}</span>
                    })}
                </li>
            }.into_any()).collect_view()}
        </ol>
    }
}

#[component]
fn Notes(id: String, notes: Vec<StaffNote>) -> impl IntoView {
    let t = use_lang().staff();
    let kept = use_context::<KeptForms>()
        .unwrap_or_default()
        .get(&note_key(&id));
    view! {
        <h2 id="notes">{t.notes}</h2>
        <p class="hint">{t.notes_hint}</p>
        {notes.is_empty().then(|| view! { <p>{t.no_notes}</p> })}
        <ul class="notes">
            {notes.into_iter().map(|n| view! {
                <li><span class="timeline__meta">{n.at} " · " {n.author}</span><p class="quote">{n.body}</p></li>
            }).collect_view()}
        </ul>
        <NoteForm id=id.clone() kept />
    }
}

#[component]
fn NoteForm(id: String, kept: FormValues) -> impl IntoView {
    let t = use_lang().staff();
    let action = ServerAction::<AddStaffNote>::new();
    let errors = problems_of(action.value());
    let shown = move || errors.with(|e| crate::components::form::problem_for(e, "body"));
    view! {
        <ErrorSummary errors labels=vec![("body", t.note_label)] />
        <ActionForm action attr:class="form" attr:novalidate="">
            <input type="hidden" name="id" value=id />
            <div class="field" class:field--error=move || shown().is_some()>
                <label class="field__label" for="body">{t.note_label}</label>
                {move || shown().map(|p| view! { <p class="field__error" id="body-error">{use_lang().problem(p)}</p> })}
                <textarea class="field__input field__textarea" id="body" name="body" rows="3"
                    aria-describedby=move || shown().is_some().then_some("body-error")
                    aria-invalid=move || shown().is_some().then_some("true")>{kept.get("body")}</textarea>
            </div>
            <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>{t.add_note}</button>
        </ActionForm>
    }
}

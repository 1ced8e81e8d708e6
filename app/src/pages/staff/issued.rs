//! The documents issued for an application (its receipt, its certificate), with whether
//! each was revoked, and — for the agency's supervisors and administrators — the form that
//! revokes one, so anyone checking its code sees it revoked.

use crate::api::documents::RevokeDocument;
use crate::components::form::{problem_for, problems_of, ErrorSummary, FormValues, KeptForms};
use crate::i18n::use_lang;
use crate::model::WorkItem;
use leptos::prelude::*;

/// The name under which the revoke form keeps what was typed (as `revoke_document` keeps it).
pub fn form_key(id: &str) -> String {
    format!("revoke-{id}")
}

#[component]
pub fn Issued(item: WorkItem) -> impl IntoView {
    let d = use_lang().documents();
    if item.documents.is_empty() {
        return ().into_any();
    }
    let revocable: Vec<_> = item
        .documents
        .iter()
        .filter(|doc| doc.revoked.is_none())
        .cloned()
        .collect();
    let kept = use_context::<KeptForms>()
        .unwrap_or_default()
        .get(&form_key(&item.id));
    view! {
        <h2 id="issued">{d.issued_heading}</h2>
        <dl class="summary-list">
            {item.documents.iter().map(|doc| view! {
                <div>
                    <dt>{doc.label.clone()}</dt>
                    <dd class="summary-list__value">
                        <span class="reference">{doc.number.clone()}</span> " · " {doc.issued_at.clone()}
                        {doc.revoked.clone().map(|(at, reason)| view! {
                            <br /><strong>{d.revoked_already}</strong> " " {at} ": " {reason}
                        })}
                    </dd>
                </div>
            }).collect_view()}
        </dl>
        {(item.supervisor && !revocable.is_empty()).then(|| view! {
            <RevokeForm id=item.id.clone() documents=revocable kept />
        })}
    }
    .into_any()
}

#[component]
fn RevokeForm(
    id: String,
    documents: Vec<crate::model::IssuedDocument>,
    kept: FormValues,
) -> impl IntoView {
    let d = use_lang().documents();
    let action = ServerAction::<RevokeDocument>::new();
    let errors = problems_of(action.value());
    let shown = move |field: &'static str| move || errors.with(|e| problem_for(e, field));
    let chosen = kept.get("kind");
    view! {
        <section class="move panel" aria-labelledby="revoke-title">
            <h3 class="h3" id="revoke-title">{d.revoke_heading}</h3>
            <p class="hint">{d.revoke_intro}</p>
            <ErrorSummary errors labels=vec![("kind", d.revoke_which), ("reason", d.revoke_reason_label)] />
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=id />
                <div class="field" class:field--error=move || shown("kind")().is_some()>
                    <label class="field__label" for="revoke-kind">{d.revoke_which}</label>
                    {move || shown("kind")().map(|p| view! { <p class="field__error" id="revoke-kind-error">{use_lang().problem(p)}</p> })}
                    <select class="field__input" id="revoke-kind" name="kind">
                        {documents.into_iter().map(|doc| {
                            let selected = doc.kind == chosen;
                            view! { <option value=doc.kind.clone() selected=selected>{doc.label} " " {doc.number}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field" class:field--error=move || shown("reason")().is_some()>
                    <label class="field__label" for="revoke-reason">{d.revoke_reason_label}</label>
                    {move || shown("reason")().map(|p| view! { <p class="field__error" id="revoke-reason-error">{use_lang().problem(p)}</p> })}
                    <textarea class="field__input field__textarea" id="revoke-reason" name="reason" rows="3"
                        aria-describedby=move || shown("reason")().is_some().then_some("revoke-reason-error")
                        aria-invalid=move || shown("reason")().is_some().then_some("true")>{kept.get("reason")}</textarea>
                </div>
                <button class="button button--secondary" type="submit" disabled=move || action.pending().get()>{d.revoke_button}</button>
            </ActionForm>
        </section>
    }
}

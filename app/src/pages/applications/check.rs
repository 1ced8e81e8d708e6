//! "Check your answers": every answer with a link to change it.

use super::use_id;
use crate::api::applications::get_check_answers;
use crate::api::payments::SendApplication;
use crate::components::form::{problem_for, problems_of, ErrorSummary};
use crate::components::invoice::InvoiceTable;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::CheckAnswers;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn CheckAnswersPage() -> impl IntoView {
    let id = use_id();
    let check = Resource::new(id, get_check_answers);
    view! { {loaded(check, |check| view! { <Check check /> })} }
}

#[component]
fn Check(check: CheckAnswers) -> impl IntoView {
    let a = use_lang().applications();
    let id = check.id.clone();
    view! {
        <Title text=a.check_answers_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            <p><A href=format!("/applications/{id}")>{a.back_to_tasks}</A></p>
            <p class="caption">{check.service_name.clone()}</p>
            <h1>{a.check_answers_title}</h1>
            {(!check.unfinished.is_empty()).then(|| view! {
                <div class="notice">
                    <p>{a.unfinished}</p>
                    <ul>{check.unfinished.clone().into_iter().map(|t| view! {
                        <li><A href=format!("/applications/{id}/section/{}", t.key)>{t.title}</A></li>
                    }).collect_view()}</ul>
                </div>
            })}
            {check.sections.clone().into_iter().map(|section| {
                let change = format!("/applications/{id}/section/{}", section.key);
                view! {
                    <h2>{section.title}</h2>
                    <dl class="summary-list">
                        {section.rows.into_iter().map(|row| {
                            let value = if row.value.is_empty() { a.not_answered.to_string() } else { row.value.clone() };
                            let hidden_label = format!(" {}", row.label);
                            view! {
                                <div>
                                    <dt>{row.label}</dt>
                                    <dd class="summary-list__value">{value}</dd>
                                    <dd class="summary-list__action">
                                        <A href=format!("{change}#{}", row.question)>
                                            {a.change}<span class="visually-hidden">{hidden_label}</span>
                                        </A>
                                    </dd>
                                </div>
                            }
                        }).collect_view()}
                    </dl>
                }
            }).collect_view()}
            <SendForm check=check.clone() />
        </div>
    }
}

/// Fees, the declaration and "Accept and send" (only once every part is complete).
#[component]
fn SendForm(check: CheckAnswers) -> impl IntoView {
    let p = use_lang().payments();
    let lang = use_lang();
    let action = ServerAction::<SendApplication>::new();
    let errors = problems_of(action.value());
    let declaration_error = move || errors.with(|e| problem_for(e, "declaration"));
    let labels = vec![("declaration", p.declaration_confirm)];
    view! {
        <h2>{p.fees_heading}</h2>
        <p>{p.fees_intro}</p>
        <InvoiceTable invoice=check.fees.clone() />
        {check.unfinished.is_empty().then(|| view! {
            <h2>{p.send_heading}</h2>
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=check.id.clone() />
                <p id="declaration-text">{check.declaration.clone()}</p>
                <div class="checkbox" class:field--error=move || declaration_error().is_some()>
                    {move || declaration_error().map(|e| view! {
                        <p class="field__error" id="declaration-error">{lang.problem(e)}</p>
                    })}
                    <input class="checkbox__input" type="checkbox" id="declaration" name="declaration" value="1"
                        aria-describedby=move || if declaration_error().is_some() { "declaration-text declaration-error" } else { "declaration-text" } />
                    <label class="checkbox__label" for="declaration">{p.declaration_confirm}</label>
                </div>
                // Never tried offline.
                <crate::islands::IslandScripts />
                <crate::offline::SendWhenOnline label=p.send_button.to_string()
                    waiting=use_lang().offline().needs_connection.to_string() />
            </ActionForm>
        })}
    }
}

//! `/help/report`: "Report a problem". A plain form (works without JavaScript) that keeps
//! what was typed when something is wrong with it; signed out, it asks how to reply.

use crate::api::support::{get_report_form, ReportProblem};
use crate::components::form::{problem_for, problems_of, ErrorSummary, FormValues};
use crate::components::loaded::loaded;
use crate::components::plain_form::{form_problem, kept, starting_value, Input};
use crate::i18n::use_lang;
use crate::model::SupportTopic;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn ReportPage() -> impl IntoView {
    let h = use_lang().help();
    let query = use_query_map();
    let sent = move || query.read().get("sent");
    let form = Resource::new(
        || (),
        |_| async {
            let signed_in = get_report_form().await?;
            Ok::<_, crate::error::AppError>((signed_in, kept("report".into()).await))
        },
    );
    view! {
        <Title text=h.report_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            {move || match sent() {
                Some(number) => view! {
                    <div class="panel panel--confirmation" role="status">
                        <h1 class="panel__title">{h.report_sent_title}</h1>
                        <p>{(h.report_sent)(&number)}</p>
                    </div>
                    <p><a href="/help">{use_lang().t().help_title}</a></p>
                }.into_any(),
                None => view! {
                    <h1>{h.report_title}</h1>
                    <p class="lead">{h.report_intro}</p>
                    {loaded(form, |(signed_in, kept)| view! { <ReportForm signed_in kept=FormValues(kept) /> })}
                }.into_any(),
            }}
        </div>
    }
}

#[component]
fn ReportForm(signed_in: bool, kept: FormValues) -> impl IntoView {
    let h = use_lang().help();
    let action = ServerAction::<ReportProblem>::new();
    let errors = problems_of(action.value());
    let value = starting_value(&kept);
    let topic = value("topic", "");
    let labels = vec![
        ("topic", h.topic_label),
        ("description", h.description_label),
        ("page", h.page_label),
        ("name", h.name_label),
        ("email", h.email_label),
        ("phone", h.phone_label),
    ];
    let topic_error = move || errors.with(|e| problem_for(e, "topic"));
    view! {
        {form_problem(errors)}
        <ErrorSummary errors labels />
        <ActionForm action attr:class="form" attr:novalidate="">
            <div class="field" class:field--error=move || topic_error().is_some()>
                <label class="field__label" for="topic">{h.topic_label}</label>
                {move || topic_error().map(|p| view! { <p class="field__error" id="topic-error">{use_lang().problem(p)}</p> })}
                <select class="field__input" id="topic" name="topic"
                    aria-invalid=move || topic_error().is_some().then_some("true")>
                    {SupportTopic::ALL.into_iter().map(|t| view! {
                        <option value=t.code() selected=topic == t.code()>{(h.topic)(t)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Input id="description" name="description" label=h.description_label hint=h.description_hint
                textarea=true value=value("description", "") errors />
            <Input id="page" name="page" label=h.page_label hint=h.page_hint value=value("page", "") errors />
            {if signed_in {
                view! { <p class="hint">{h.signed_in_reply}</p> }.into_any()
            } else {
                view! {
                    <Input id="name" name="name" label=h.name_label value=value("name", "") errors />
                    <p class="hint" id="contact-hint">{h.contact_hint}</p>
                    <Input id="email" name="email" label=h.email_label kind="email" value=value("email", "") errors />
                    <Input id="phone" name="phone" label=h.phone_label kind="tel" value=value("phone", "") errors />
                }.into_any()
            }}
            <button class="button" type="submit" disabled=move || action.pending().get()>{h.report_button}</button>
        </ActionForm>
    }
}

//! On an agency's administration page: its service status (normal, slow, down) and the
//! message everyone sees on the status page and the agency's service pages.

use super::{form_problem, query_param, starting_value, Input};
use crate::api::service_status::SaveServiceStatus;
use crate::components::form::{problem_for, problems_of, ErrorSummary, FormValues};
use crate::i18n::use_lang;
use crate::model::{AgencyEdit, ServiceState};
use leptos::prelude::*;

/// The name under which the form keeps what was typed (as `save_service_status` keeps it).
pub fn form_key(slug: &str) -> String {
    format!("status-{slug}")
}

#[component]
pub fn StatusForm(agency: AgencyEdit, kept: FormValues) -> impl IntoView {
    let s = use_lang().status();
    let action = ServerAction::<SaveServiceStatus>::new();
    let errors = problems_of(action.value());
    let value = starting_value(&kept);
    let state = value("state", &agency.service_state);
    let saved = query_param("status");
    let labels = vec![
        ("state", s.form_state),
        ("message_en", s.form_message_en),
        ("message_sw", s.form_message_sw),
    ];
    let state_invalid = move || {
        errors
            .with(|e| problem_for(e, "state"))
            .is_some()
            .then_some("true")
    };
    view! {
        <h2 id="status">{s.form_heading}</h2>
        {move || saved.get().map(|_| view! { <p class="notice notice--success" role="status">{s.form_saved}</p> })}
        {form_problem(errors)}
        <ErrorSummary errors labels />
        <ActionForm action attr:class="form" attr:novalidate="">
            <input type="hidden" name="slug" value=agency.slug.clone() />
            <div class="field" class:field--error=move || state_invalid().is_some()>
                <label class="field__label" for="state">{s.form_state}</label>
                <select class="field__input" id="state" name="state" aria-invalid=state_invalid>
                    {ServiceState::ALL.into_iter().map(|st| view! {
                        <option value=st.code() selected=state == st.code()>{(s.state)(st)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Input id="message_en" name="message_en" label=s.form_message_en hint=s.form_message_hint
                textarea=true optional=true value=value("message_en", &agency.service_message_en) errors />
            <Input id="message_sw" name="message_sw" label=s.form_message_sw
                textarea=true optional=true value=value("message_sw", &agency.service_message_sw) errors />
            <button class="button" type="submit" disabled=move || action.pending().get()>{s.form_save}</button>
        </ActionForm>
    }
}

//! Registration step 3: the codes sent to the email and the phone.

use super::details::StartAgain;
use crate::api::accounts::verify_contact::{get_verify_step, ResendVerification, VerifyContact};
use crate::components::form::{problems_of, ErrorSummary, Field};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::VerifyStep;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn VerifyPage() -> impl IntoView {
    let step = Resource::new(|| (), |_| get_verify_step());
    view! {
        {loaded(step, |step| match step {
            Some(step) => view! { <VerifyForm step /> }.into_any(),
            None => view! { <StartAgain /> }.into_any(),
        })}
    }
}

#[component]
fn VerifyForm(step: VerifyStep) -> impl IntoView {
    let a = use_lang().accounts();
    let action = ServerAction::<VerifyContact>::new();
    let resend = ServerAction::<ResendVerification>::new();
    let errors = Signal::derive({
        let (verify, resend) = (problems_of(action.value()), problems_of(resend.value()));
        move || [verify.get(), resend.get()].concat()
    });
    let resent = use_query_map().read_untracked().get("resent").is_some();
    let labels = vec![
        ("email_code", a.email_code_label),
        ("sms_code", a.sms_code_label),
    ];
    view! {
        <Title text=a.verify_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <p class="caption">{(a.step_of)(3, 3)}</p>
            <h1>{a.verify_title}</h1>
            <p class="lead">{(a.verify_intro)(&step.email, &step.phone)}</p>
            {resent.then(|| view! { <p class="notice" role="status">{a.code_resent}</p> })}
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="">
                {(!step.email_done).then(|| view! {
                    <Field name="email_code" label=a.email_code_label hint=a.code_hint inputmode="numeric"
                        autocomplete="one-time-code" errors class="input--6" />
                })}
                {(!step.phone_done).then(|| view! {
                    <Field name="sms_code" label=a.sms_code_label hint=a.code_hint inputmode="numeric"
                        autocomplete="one-time-code" errors class="input--6" />
                })}
                <button class="button" type="submit">{a.verify_button}</button>
            </ActionForm>
            <div class="button-row">
                {(!step.email_done).then(|| view! {
                    <ActionForm action=resend>
                        <input type="hidden" name="channel" value="email" />
                        <button class="button button--secondary" type="submit">{a.resend_email_code}</button>
                    </ActionForm>
                })}
                {(!step.phone_done).then(|| view! {
                    <ActionForm action=resend>
                        <input type="hidden" name="channel" value="sms" />
                        <button class="button button--secondary" type="submit">{a.resend_sms_code}</button>
                    </ActionForm>
                })}
            </div>
        </div>
    }
}

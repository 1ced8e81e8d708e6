//! Changing the email address or mobile number: after "Confirm it's you", the new ones get
//! a code each, and the change happens when the codes come back.

use crate::api::accounts::change::{get_contact_step, ChangeContact, ConfirmContact, CONTACT_PAGE};
use crate::api::accounts::confirm::confirmed_for;
use crate::api::accounts::form_values::form_values;
use crate::components::form::{problems_of, ErrorSummary, Field, FormValues};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::ContactStep;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn ContactPage() -> impl IntoView {
    // One resource for all, so the server waits for all before it renders. Without a
    // recent confirmation the page is not shown: the person confirms first.
    let data = Resource::new(
        || (),
        |_| async move {
            confirmed_for(CONTACT_PAGE.to_string()).await?;
            let step = get_contact_step().await?;
            let kept = form_values("change-contact".into())
                .await
                .unwrap_or_default();
            Ok::<_, crate::error::AppError>((step, kept))
        },
    );
    view! { {loaded(data, |(step, kept)| view! { <ContactForm step kept=FormValues(kept) /> })} }
}

#[component]
fn ContactForm(step: ContactStep, kept: FormValues) -> impl IntoView {
    let a = use_lang().accounts();
    let action = ServerAction::<ChangeContact>::new();
    let errors = problems_of(action.value());
    let or = |kept: String, current: String| if kept.is_empty() { current } else { kept };
    let email = or(kept.get("email"), step.email.clone());
    let phone = or(kept.get("phone"), step.phone.clone());
    view! {
        <Title text=a.change_contact_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{a.change_contact_title}</h1>
            <p class="lead">{a.change_contact_intro}</p>
            <ErrorSummary errors labels=vec![("email", a.email_label), ("phone", a.phone_label)] />
            <ActionForm action attr:class="form" attr:novalidate="">
                <Field name="email" label=a.email_label kind="email" autocomplete="email" value=email
                    errors />
                <Field name="phone" label=a.phone_label hint=a.phone_hint kind="tel" autocomplete="tel"
                    value=phone errors class="input--20" />
                <button class="button" type="submit">{a.continue_button}</button>
            </ActionForm>
            <p><A href="/account">{a.account_title}</A></p>
        </div>
    }
}

#[component]
pub fn ContactVerifyPage() -> impl IntoView {
    let step = Resource::new(|| (), |_| get_contact_step());
    view! { {loaded(step, |step| view! { <ContactVerifyForm step /> })} }
}

#[component]
fn ContactVerifyForm(step: ContactStep) -> impl IntoView {
    let a = use_lang().accounts();
    let action = ServerAction::<ConfirmContact>::new();
    let errors = problems_of(action.value());
    let sent_to = [step.new_email.clone(), step.new_phone.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(", ");
    let nothing_pending = step.new_email.is_none() && step.new_phone.is_none();
    view! {
        <Title text=a.verify_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{a.verify_title}</h1>
            {if nothing_pending {
                view! { <p>{use_lang().problem(crate::problem::Problem::StartAgain)}</p> }.into_any()
            } else {
                view! {
                    <p class="lead">{(a.code_sent_to)(&sent_to)}</p>
                    <ErrorSummary errors labels=vec![("email_code", a.email_code_label), ("sms_code", a.sms_code_label)] />
                    <ActionForm action attr:class="form" attr:novalidate="">
                        {step.new_email.is_some().then(|| view! {
                            <Field name="email_code" label=a.email_code_label hint=a.code_hint inputmode="numeric"
                                autocomplete="one-time-code" errors class="input--6" />
                        })}
                        {step.new_phone.is_some().then(|| view! {
                            <Field name="sms_code" label=a.sms_code_label hint=a.code_hint inputmode="numeric"
                                autocomplete="one-time-code" errors class="input--6" />
                        })}
                        <button class="button" type="submit">{a.verify_button}</button>
                    </ActionForm>
                }.into_any()
            }}
            <p><A href="/account/contact">{a.change_contact_title}</A></p>
        </div>
    }
}

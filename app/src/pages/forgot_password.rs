//! "Forgot your password?": which account, and how to send the way back in; then the
//! "check your email" page, or the code-and-new-password page for SMS.

pub mod reset;

use crate::api::accounts::reset::{RequestReset, ResetWithCode};
use crate::components::form::{
    problems_of, with_form_values, ErrorSummary, Field, FormValues, Radios,
};
use crate::i18n::use_lang;
use crate::model::AccountType;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    view! { {with_form_values("forgot-password".into(), |kept| view! { <ForgotForm kept /> })} }
}

#[component]
fn ForgotForm(kept: FormValues) -> impl IntoView {
    let t = use_lang().t();
    let a = t.accounts;
    let action = ServerAction::<RequestReset>::new();
    let errors = problems_of(action.value());
    let types = AccountType::ALL
        .into_iter()
        .map(|k| (k.code(), (t.account_type)(k), None))
        .collect::<Vec<_>>();
    let channel = match kept.get("channel").as_str() {
        "sms" => "sms".to_string(),
        _ => "email".to_string(),
    };
    let labels = vec![
        ("account_type", a.account_type_label),
        ("identifier", a.identifier_label),
    ];
    view! {
        <Title text=a.forgot_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{a.forgot_title}</h1>
            <p class="lead">{a.forgot_intro}</p>
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="">
                <Radios name="account_type" legend=a.account_type_label options=types
                    value=kept.get("account_type") errors />
                <Field name="identifier" label=a.identifier_label hint=a.identifier_hint
                    autocomplete="username" value=kept.get("identifier") errors />
                <Radios name="channel" legend=a.reset_channel_question value=channel errors
                    options=vec![("email", a.reset_by_email, None), ("sms", a.reset_by_sms, None)] />
                <button class="button" type="submit">{a.send_button}</button>
            </ActionForm>
            <p><A href="/sign-in">{a.sign_in_button}</A></p>
        </div>
    }
}

#[component]
pub fn ResetSentPage() -> impl IntoView {
    let a = use_lang().accounts();
    view! {
        <Title text=a.reset_sent_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            <h1>{a.reset_sent_title}</h1>
            <p class="lead">{a.reset_sent_text}</p>
            <p><A href="/forgot-password">{a.ask_again}</A></p>
        </div>
    }
}

/// The SMS route: the code and the new password on one page.
#[component]
pub fn ResetCodePage() -> impl IntoView {
    let a = use_lang().accounts();
    let action = ServerAction::<ResetWithCode>::new();
    let errors = problems_of(action.value());
    let labels = vec![("code", a.code_label), ("password", a.new_password_label)];
    view! {
        <Title text=a.reset_code_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{a.reset_code_title}</h1>
            <p class="lead">{a.reset_code_intro}</p>
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="">
                <Field name="code" label=a.code_label hint=a.code_hint inputmode="numeric"
                    autocomplete="one-time-code" errors class="input--6" />
                <Field name="password" label=a.new_password_label hint=a.password_hint kind="password"
                    autocomplete="new-password" errors />
                <button class="button" type="submit">{a.reset_button}</button>
            </ActionForm>
            <p><A href="/forgot-password">{a.ask_again}</A></p>
        </div>
    }
}

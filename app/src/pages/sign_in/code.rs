//! Sign-in, step 2: the second factor (a code by SMS or email, the authenticator app, or a
//! recovery code), "remember this device", and the other ways in.

use crate::api::accounts::sign_in_code::{get_code_step, ResendCode, SubmitCode};
use crate::components::form::{problems_of, ErrorSummary, Field};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{CodeStep, SecondFactor};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn CodePage() -> impl IntoView {
    let step = Resource::new(|| (), |_| get_code_step());
    view! {
        {loaded(step, |step| match step {
            Some(step) => view! { <CodeForm step /> }.into_any(),
            None => view! { <SignInAgain /> }.into_any(),
        })}
    }
}

#[component]
fn SignInAgain() -> impl IntoView {
    let a = use_lang().accounts();
    view! {
        <Title text=a.sign_in_title />
        <div class="prose">
            <h1>{a.sign_in_title}</h1>
            <p>{use_lang().problem(crate::problem::Problem::StartAgain)}</p>
            <p><A href="/sign-in" attr:class="button">{a.sign_in_button}</A></p>
        </div>
    }
}

#[component]
fn CodeForm(step: CodeStep) -> impl IntoView {
    let a = use_lang().accounts();
    let action = ServerAction::<SubmitCode>::new();
    let switch = ServerAction::<ResendCode>::new();
    let errors = Signal::derive({
        let (submit, switch) = (problems_of(action.value()), problems_of(switch.value()));
        move || [submit.get(), switch.get()].concat()
    });
    let resent = use_query_map().read_untracked().get("resent").is_some();
    let method = step.method;
    let (title, intro, label) = match method {
        SecondFactor::Sms | SecondFactor::Email => {
            (a.code_title, (a.code_sent_to)(&step.sent_to), a.code_label)
        }
        SecondFactor::Authenticator => (
            a.authenticator_title,
            a.authenticator_intro.to_string(),
            a.code_label,
        ),
        SecondFactor::RecoveryCode => (
            a.recovery_title,
            a.recovery_intro.to_string(),
            a.recovery_label,
        ),
    };
    let numeric = method != SecondFactor::RecoveryCode;
    // The other ways in, each a one-button form.
    let mut others: Vec<(SecondFactor, &'static str)> = Vec::new();
    if matches!(method, SecondFactor::Sms | SecondFactor::Email) {
        others.push((method, a.send_new_code));
    }
    if method != SecondFactor::Sms {
        others.push((SecondFactor::Sms, a.send_by_sms));
    }
    if method != SecondFactor::Email {
        others.push((SecondFactor::Email, a.send_by_email));
    }
    if step.has_authenticator {
        if method != SecondFactor::Authenticator {
            others.push((SecondFactor::Authenticator, a.use_authenticator));
        }
        if method != SecondFactor::RecoveryCode {
            others.push((SecondFactor::RecoveryCode, a.use_recovery));
        }
    }
    view! {
        <Title text=title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{title}</h1>
            <p class="lead">{intro}</p>
            {resent.then(|| view! { <p class="notice" role="status">{a.code_resent}</p> })}
            <ErrorSummary errors labels=vec![("code", label)] />
            <ActionForm action attr:class="form" attr:novalidate="">
                {match numeric {
                    true => view! {
                        <Field name="code" label=label hint=a.code_hint inputmode="numeric"
                            autocomplete="one-time-code" errors class="input--6" />
                    }.into_any(),
                    false => view! {
                        <Field name="code" label=label autocomplete="off" errors class="input--10" />
                    }.into_any(),
                }}
                {step.can_remember.then(|| view! {
                    <div class="checkbox">
                        <input class="checkbox__input" type="checkbox" id="remember" name="remember" value="1"
                            aria-describedby="remember-hint" />
                        <label class="checkbox__label" for="remember">{a.remember_label}</label>
                        <p class="checkbox__hint" id="remember-hint">{a.remember_hint}</p>
                    </div>
                })}
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    {a.sign_in_button}
                </button>
            </ActionForm>
            <h2 class="h3">{a.other_ways}</h2>
            <div class="button-row">
                {others.into_iter().map(|(way, text)| view! {
                    <ActionForm action=switch>
                        <input type="hidden" name="channel" value=way.code() />
                        <button class="button button--secondary" type="submit">{text}</button>
                    </ActionForm>
                }).collect_view()}
            </div>
        </div>
    }
}

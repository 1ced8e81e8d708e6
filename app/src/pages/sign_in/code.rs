//! Sign-in, step 2: the one-time code, with a way to get a new one or switch channel.

use crate::api::accounts::sign_in_code::{get_code_step, ResendCode, SubmitCode};
use crate::components::form::{problems_of, ErrorSummary, Field};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::CodeStep;
use crate::validate;
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
    let a = use_lang().t().accounts;
    view! {
        <Title text=a.sign_in_title />
        <div class="prose">
            <h1>{a.sign_in_title}</h1>
            <p>{(a.problem)(crate::problem::Problem::StartAgain)}</p>
            <p><A href="/sign-in" attr:class="button">{a.sign_in_button}</A></p>
        </div>
    }
}

#[component]
fn CodeForm(step: CodeStep) -> impl IntoView {
    let a = use_lang().t().accounts;
    let action = ServerAction::<SubmitCode>::new();
    let resend = ServerAction::<ResendCode>::new();
    let errors = Signal::derive({
        let (submit, resend) = (problems_of(action.value()), problems_of(resend.value()));
        move || [submit.get(), resend.get()].concat()
    });
    let resent = use_query_map().read_untracked().get("resent").is_some();
    let check_code = Callback::new(|v: String| validate::code(&v).err());
    let (same, other, other_label) = if step.by_sms {
        ("sms", "email", a.send_by_email)
    } else {
        ("email", "sms", a.send_by_sms)
    };
    view! {
        <Title text=a.code_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{a.code_title}</h1>
            <p class="lead">{(a.code_sent_to)(&step.sent_to)}</p>
            {resent.then(|| view! { <p class="notice" role="status">{a.code_resent}</p> })}
            <ErrorSummary errors labels=vec![("code", a.code_label)] />
            <ActionForm action attr:class="form" attr:novalidate="">
                <Field name="code" label=a.code_label hint=a.code_hint inputmode="numeric"
                    autocomplete="one-time-code" errors check=check_code class="input--6" />
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    {a.sign_in_button}
                </button>
            </ActionForm>
            <div class="button-row">
                <ActionForm action=resend>
                    <input type="hidden" name="channel" value=same />
                    <button class="button button--secondary" type="submit">{a.send_new_code}</button>
                </ActionForm>
                <ActionForm action=resend>
                    <input type="hidden" name="channel" value=other />
                    <button class="button button--secondary" type="submit">{other_label}</button>
                </ActionForm>
            </div>
        </div>
    }
}

//! Sign-in, step 1: email or ID number and password, and whether this is a shared computer.

pub mod code;

use crate::api::accounts::sign_in::SignIn;
use crate::components::form::{problems_of, with_form_values, ErrorSummary, Field, FormValues};
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn SignInPage() -> impl IntoView {
    view! { {with_form_values("sign-in".into(), |kept| view! { <SignInForm kept /> })} }
}

#[component]
fn SignInForm(kept: FormValues) -> impl IntoView {
    let a = use_lang().t().accounts;
    let query = use_query_map();
    let next = query
        .read_untracked()
        .get("next")
        .filter(|n| crate::paths::local_path(n).is_some())
        .unwrap_or_default();
    let signed_out = query.read_untracked().get("signed_out").is_some();
    let reset = query.read_untracked().get("reset").is_some();
    let action = ServerAction::<SignIn>::new();
    let errors = problems_of(action.value());
    let labels = vec![
        ("identifier", a.identifier_label),
        ("password", a.password_label),
    ];
    view! {
        <Title text=a.sign_in_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            {signed_out.then(|| view! { <p class="notice" role="status">{a.signed_out}</p> })}
            {reset.then(|| view! { <p class="notice notice--success" role="status">{a.reset_done}</p> })}
            <h1>{a.sign_in_title}</h1>
            <p class="lead">{a.sign_in_intro}</p>
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="next" value=next />
                <Field name="identifier" label=a.identifier_label hint=a.identifier_hint
                    autocomplete="username" value=kept.get("identifier") errors />
                <Field name="password" label=a.password_label kind="password"
                    autocomplete="current-password" errors />
                <div class="checkbox">
                    <input class="checkbox__input" type="checkbox" id="shared" name="shared" value="1"
                        aria-describedby="shared-hint" />
                    <label class="checkbox__label" for="shared">{a.shared_computer_label}</label>
                    <p class="checkbox__hint" id="shared-hint">{a.shared_computer_hint}</p>
                </div>
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    {a.sign_in_button}
                </button>
            </ActionForm>
            <p><A href="/forgot-password">{a.forgot_link}</A></p>
            <p>{a.no_account} " " <A href="/register">{a.nav_register}</A></p>
        </div>
    }
}

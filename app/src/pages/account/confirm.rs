//! "Confirm it's you" (`/account/confirm?next=…`): the current password, or a code from
//! the authenticator app, or (with JavaScript) a passkey, before a change to how the person
//! signs in or is reached; then on to `next`, the page they were on. Plain forms, so it
//! works without JavaScript; a wrong password comes back beside its field.

use crate::api::accounts::confirm::{confirm_options, ConfirmWithCode, ConfirmWithPassword};
use crate::components::form::{problems_of, ErrorSummary, Field};
use crate::components::loaded::loaded;
use crate::components::passkey::PasskeyConfirm;
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use crate::model::ConfirmWays;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn ConfirmPage() -> impl IntoView {
    // Signed-in people only: anyone else is asked to sign in (the error page).
    let options = Resource::new(|| (), |_| confirm_options());
    view! { {loaded(options, |options| view! { <ConfirmForms options /> })} }
}

#[component]
fn ConfirmForms(options: ConfirmWays) -> impl IntoView {
    let a = use_lang().accounts();
    let next = use_query_map()
        .read_untracked()
        .get("next")
        .filter(|n| crate::paths::local_path(n).is_some())
        .unwrap_or_else(|| "/account".to_string());
    let password = ServerAction::<ConfirmWithPassword>::new();
    let code = ServerAction::<ConfirmWithCode>::new();
    let password_errors = problems_of(password.value());
    let code_errors = problems_of(code.value());
    let next_for_code = next.clone();
    let next_for_passkey = next.clone();
    view! {
        <Title text=a.confirm_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{a.confirm_title}</h1>
            <p class="lead">{a.confirm_intro}</p>
            <ErrorSummary errors=password_errors labels=vec![("password", a.current_password_label)] />
            <ActionForm action=password attr:class="form" attr:novalidate="">
                <input type="hidden" name="next" value=next />
                <Field name="password" label=a.current_password_label kind="password"
                    autocomplete="current-password" errors=password_errors />
                <button class="button" type="submit">{a.confirm_button}</button>
            </ActionForm>
            {options.has_authenticator.then(move || view! {
                <h2>{a.confirm_code_heading}</h2>
                <ErrorSummary errors=code_errors labels=vec![("code", a.confirm_code_label)] />
                <ActionForm action=code attr:class="form" attr:novalidate="">
                    <input type="hidden" name="next" value=next_for_code />
                    <Field name="code" label=a.confirm_code_label hint=a.code_hint inputmode="numeric"
                        autocomplete="one-time-code" errors=code_errors class="input--6" />
                    <button class="button button--secondary" type="submit">{a.confirm_button}</button>
                </ActionForm>
            })}
            {options.has_passkeys.then(move || view! { <IslandScripts /><PasskeyConfirm next=next_for_passkey /> })}
            <p><A href="/account">{a.confirm_cancel}</A></p>
        </div>
    }
}

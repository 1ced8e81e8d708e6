//! Setting up an authenticator app (after "Confirm it's you"): scan the QR code (or type
//! the key), prove it with a code, then save the recovery codes shown once.

use crate::api::accounts::authenticator::{
    get_authenticator_setup, take_recovery_codes, ConfirmAuthenticator,
};
use crate::components::form::{problems_of, ErrorSummary, Field};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::AuthenticatorSetup;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn AuthenticatorPage() -> impl IntoView {
    let setup = Resource::new(|| (), |_| get_authenticator_setup());
    view! { {loaded(setup, |setup| view! { <SetupForm setup /> })} }
}

#[component]
fn SetupForm(setup: AuthenticatorSetup) -> impl IntoView {
    let a = use_lang().accounts();
    let action = ServerAction::<ConfirmAuthenticator>::new();
    let errors = problems_of(action.value());
    view! {
        <Title text=a.auth_setup_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{a.auth_setup_title}</h1>
            <p class="lead">{a.auth_setup_intro}</p>
            <ErrorSummary errors labels=vec![("code", a.auth_code_label)] />
            <p>{a.auth_scan}</p>
            <img class="qr" src=setup.qr_data_url alt=a.auth_qr_alt width="200" height="200" />
            <p>{a.auth_key_text}</p>
            <p><code class="secret-key">{setup.key}</code></p>
            <ActionForm action attr:class="form" attr:novalidate="">
                <Field name="code" label=a.auth_code_label hint=a.code_hint inputmode="numeric"
                    autocomplete="one-time-code" errors class="input--6" />
                <button class="button" type="submit">{a.auth_confirm_button}</button>
            </ActionForm>
            <p><A href="/account">{a.account_title}</A></p>
        </div>
    }
}

#[component]
pub fn RecoveryCodesPage() -> impl IntoView {
    let codes = Resource::new(|| (), |_| take_recovery_codes());
    view! { {loaded(codes, |codes| view! { <RecoveryCodes codes /> })} }
}

#[component]
fn RecoveryCodes(codes: Vec<String>) -> impl IntoView {
    let a = use_lang().accounts();
    view! {
        <Title text=a.recovery_codes_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            <h1>{a.recovery_codes_title}</h1>
            <p class="lead">{a.recovery_codes_intro}</p>
            <ul class="recovery-codes">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ul>
            <p><A href="/account" attr:class="button">{a.recovery_codes_done}</A></p>
        </div>
    }
}

//! Passkey buttons, each an island: "Sign in with a passkey" on the sign-in page, "Add a
//! passkey" on the account page and "Use a passkey" on "Confirm it's you". Each appears only
//! once the wasm has hydrated in a browser that can use passkeys; without JavaScript the
//! password and code route is the way in.

use crate::api::accounts::confirm::{confirm_passkey_options, confirm_with_passkey};
use crate::api::accounts::passkeys::{
    add_passkey, passkey_registration_options, passkey_sign_in_options, sign_in_with_passkey,
};
use crate::components::form::{ErrorSummary, Field};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::problem::{FieldError, Problem, FORM};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// True once hydrated in a browser with passkey support.
fn use_supported() -> ReadSignal<bool> {
    let (supported, set_supported) = signal(false);
    // Effects run only in the browser, after hydration: the server renders nothing.
    Effect::new(move |_| set_supported.set(crate::webauthn::supported()));
    supported
}

/// The problems of a failed step (with the server's words), or `fallback` and its words
/// when the browser itself gave up (the person cancelled, or no passkey of this site was on
/// the device).
fn problems(error: Option<AppError>, fallback: Problem, said: &str) -> Vec<FieldError> {
    match error {
        Some(e) if !e.problems().is_empty() => e.problems().to_vec(),
        _ => vec![FieldError::said(FORM, fallback, said)],
    }
}

fn go_to(path: &str) {
    let _ = window().location().set_href(path);
}

/// Whether "This is a shared computer" is ticked on the sign-in page (its form is not
/// part of this island): a passkey sign-in applies it too.
fn shared_ticked() -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        document()
            .get_element_by_id("shared")
            .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            .is_some_and(|input| input.checked())
    }
    #[cfg(not(feature = "hydrate"))]
    false
}

#[island(lazy)]
pub fn PasskeySignIn(next: String) -> impl IntoView {
    let a = use_lang().passkeys();
    let finish = move |credential: String| {
        let next = (!next.is_empty()).then(|| next.clone());
        sign_in_with_passkey(credential, shared_ticked(), next)
    };
    view! {
        <UsePasskey label=a.passkey_sign_in hint=a.passkey_sign_in_hint
            options=passkey_sign_in_options finish />
    }
}

/// A button that asks the browser for one of this site's passkeys (with the server's
/// `options`), hands it to `finish`, and goes where that answers; a refusal is shown above
/// it. Shown only in a browser that can use passkeys.
#[component]
fn UsePasskey<O, OFut, F, FFut>(
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    options: O,
    finish: F,
) -> impl IntoView
where
    O: Fn() -> OFut + Clone + Send + Sync + 'static,
    OFut: std::future::Future<Output = Result<String, AppError>> + 'static,
    F: Fn(String) -> FFut + Clone + Send + Sync + 'static,
    FFut: std::future::Future<Output = Result<String, AppError>> + 'static,
{
    let a = use_lang().passkeys();
    let supported = use_supported();
    let busy = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let start = move |_| {
        let (options, finish) = (options.clone(), finish.clone());
        busy.set(true);
        errors.set(Vec::new());
        spawn_local(async move {
            let result = async {
                let options = options().await.map_err(Some)?;
                let credential = crate::webauthn::get(&options).await.ok_or(None)?;
                finish(credential).await.map_err(Some)
            }
            .await;
            match result {
                Ok(path) => go_to(&path),
                Err(e) => {
                    errors.set(problems(e, Problem::PasskeyFailed, a.failed));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <Show when=move || supported.get()>
            <div class="passkey-sign-in">
                <p class="divider"><span>{a.or}</span></p>
                <ErrorSummary errors=errors.into() labels=crate::components::form::Labels::default() />
                <button class="button button--secondary" type="button" on:click=start.clone()
                    disabled=move || busy.get()>
                    {label}
                </button>
                {hint.map(|h| view! { <p class="hint">{h}</p> })}
            </div>
        </Show>
    }
}

#[island(lazy)]
pub fn AddPasskey() -> impl IntoView {
    let a = use_lang().passkeys();
    let supported = use_supported();
    let busy = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let name = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = name.get_untracked();
        busy.set(true);
        errors.set(Vec::new());
        spawn_local(async move {
            let result = async {
                let options = passkey_registration_options().await.map_err(Some)?;
                let credential = crate::webauthn::create(&options).await.ok_or(None)?;
                add_passkey(credential, typed).await.map_err(Some)
            }
            .await;
            match result {
                Ok(()) => go_to("/account?passkey_added=1"),
                // Adding one needs a recent "Confirm it's you": there first, then back.
                Err(Some(AppError::ConfirmNeeded)) => {
                    go_to(&crate::paths::confirm_then("/account"))
                }
                Err(e) => {
                    errors.set(problems(e, Problem::PasskeyNotAdded, a.not_added));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <Show when=move || supported.get() fallback=move || view! { <p class="hint">{a.passkey_needs_js}</p> }>
            <form class="form" on:submit=submit novalidate>
                <ErrorSummary errors=errors.into() labels=vec![("name", a.passkey_name_label)] />
                <Field name="name" label=a.passkey_name_label hint=a.passkey_name_hint optional=true
                    errors=errors.into() bind=name />
                <button class="button button--secondary" type="submit" disabled=move || busy.get()>
                    {a.passkey_add_button}
                </button>
            </form>
        </Show>
    }
}

/// "Use a passkey" on "Confirm it's you": one of the person's own passkeys instead of the
/// password, then on to `next`.
#[island(lazy)]
pub fn PasskeyConfirm(next: String) -> impl IntoView {
    let a = use_lang().passkeys();
    let finish = move |credential: String| confirm_with_passkey(credential, Some(next.clone()));
    view! {
        <UsePasskey label=a.confirm_passkey_button options=confirm_passkey_options finish />
    }
}

//! Passkey buttons, each an island: "Sign in with a passkey" on the sign-in page, "Add a
//! passkey" on the account page and "Use a passkey" on "Confirm it's you". Each appears only
//! once the wasm has hydrated in a browser that can use passkeys; without JavaScript the
//! password and code route is the way in.
//!
//! The islands draw the buttons; what a press does (the server's options, the browser's
//! WebAuthn call, the server's answer) is one split module, `uraia_passkeys`, fetched at
//! the press: the server-function client it needs is not downloaded with the page.

use crate::components::form::{ErrorSummary, Field};
use crate::error::AppError;
use crate::i18n::use_lang;
use crate::problem::{FieldError, Problem, FORM};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What a press of a passkey button does (read only in the browser).
#[derive(Clone, Debug)]
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
enum Ceremony {
    /// Sign in with one of this site's passkeys, then on to `next` (empty: the account).
    SignIn { next: String },
    /// "Confirm it's you" with one of the person's passkeys, then on to `next`.
    Confirm { next: String },
    /// Make a passkey and save it under `name`.
    Add { name: String },
}

/// Where a ceremony that went through goes, or why it did not (`None`: the browser gave up,
/// or the ceremony's module could not be fetched).
type Outcome = Result<String, Option<AppError>>;

/// Runs `ceremony` (in the browser; never called while rendering on the server).
async fn run(ceremony: Ceremony) -> Outcome {
    #[cfg(feature = "hydrate")]
    {
        match browser::run(ceremony).await {
            Ok(running) => running.await,
            Err(_) => Err(None),
        }
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ceremony;
        Err(None)
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{Ceremony, Outcome};
    use crate::api::accounts::confirm::{confirm_passkey_options, confirm_with_passkey};
    use crate::api::accounts::passkeys::{
        add_passkey, passkey_registration_options, passkey_sign_in_options, sign_in_with_passkey,
    };
    use crate::drafts::Later;
    use leptos::wasm_split::wasm_split;

    /// The ceremony, in the passkeys' own module: fetched when a button is pressed.
    #[wasm_split(uraia_passkeys, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn run(ceremony: Ceremony) -> Later<Outcome> {
        Ok(Box::pin(async move {
            match ceremony {
                Ceremony::SignIn { next } => {
                    let options = passkey_sign_in_options().await.map_err(Some)?;
                    let credential = crate::webauthn::get(&options).await.ok_or(None)?;
                    let next = (!next.is_empty()).then_some(next);
                    sign_in_with_passkey(credential, super::shared_ticked(), next)
                        .await
                        .map_err(Some)
                }
                Ceremony::Confirm { next } => {
                    let options = confirm_passkey_options().await.map_err(Some)?;
                    let credential = crate::webauthn::get(&options).await.ok_or(None)?;
                    confirm_with_passkey(credential, Some(next))
                        .await
                        .map_err(Some)
                }
                Ceremony::Add { name } => {
                    let options = passkey_registration_options().await.map_err(Some)?;
                    let credential = crate::webauthn::create(&options).await.ok_or(None)?;
                    add_passkey(credential, name).await.map_err(Some)?;
                    Ok("/account?passkey_added=1".to_string())
                }
            }
        }))
    }
}

/// True once hydrated in a browser with passkey support.
fn use_supported() -> ReadSignal<bool> {
    let (supported, set_supported) = signal(false);
    // Effects run only in the browser, after hydration: the server renders nothing.
    Effect::new(move |_| set_supported.set(crate::webauthn::supported()));
    supported
}

/// The problems of a failed step (with the server's words), or `fallback` and its words
/// when the browser itself gave up (the person cancelled, or no passkey of this site was on
/// the device) or the ceremony could not start (offline before its module was fetched).
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
#[cfg(feature = "hydrate")]
fn shared_ticked() -> bool {
    use wasm_bindgen::JsCast;
    document()
        .get_element_by_id("shared")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .is_some_and(|input| input.checked())
}

#[island(lazy)]
pub fn PasskeySignIn(next: String) -> impl IntoView {
    let a = use_lang().passkeys();
    view! {
        <UsePasskey label=a.passkey_sign_in hint=a.passkey_sign_in_hint
            ceremony=Ceremony::SignIn { next } />
    }
}

/// A button that runs `ceremony` (one of this site's passkeys, asked of the browser with
/// the server's options) and goes where the server answers; a refusal is shown above it.
/// Shown only in a browser that can use passkeys.
#[component]
fn UsePasskey(
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    ceremony: Ceremony,
) -> impl IntoView {
    let a = use_lang().passkeys();
    let supported = use_supported();
    let busy = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let start = move |_| {
        let ceremony = ceremony.clone();
        busy.set(true);
        errors.set(Vec::new());
        spawn_local(async move {
            match run(ceremony).await {
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
        let ceremony = Ceremony::Add {
            name: name.get_untracked(),
        };
        busy.set(true);
        errors.set(Vec::new());
        spawn_local(async move {
            match run(ceremony).await {
                Ok(path) => go_to(&path),
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
    view! {
        <UsePasskey label=a.confirm_passkey_button ceremony=Ceremony::Confirm { next } />
    }
}

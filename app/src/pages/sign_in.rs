//! Sign-in, step 1: email or ID number and password, and whether this is a shared computer.

pub mod code;

use crate::api::accounts::digital_id::{digital_id_offered, StartDigitalId};
use crate::api::accounts::sign_in::SignIn;
use crate::components::form::{
    problems_of, url_problems, with_form_values, ErrorSummary, Field, FormValues,
};
use crate::components::passkey::PasskeySignIn;
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn SignInPage() -> impl IntoView {
    view! { {with_form_values("sign-in".into(), |kept| view! { <SignInForm kept /> })} }
}

#[component]
fn SignInForm(kept: FormValues) -> impl IntoView {
    let a = use_lang().accounts();
    let query = use_query_map();
    let next = query
        .read_untracked()
        .get("next")
        .filter(|n| crate::paths::local_path(n).is_some())
        .unwrap_or_default();
    let next_for_passkey = next.clone();
    let signed_out = query.read_untracked().get("signed_out").is_some();
    let reset = query.read_untracked().get("reset").is_some();
    let digital_id_failed = query.read_untracked().get("digital_id").is_some();
    let offered = Resource::new(|| (), |_| digital_id_offered());
    // Posted natively (not through an action), so its problems come back in the URL.
    let digital_id_errors = Signal::stored(url_problems::<StartDigitalId>());
    let next_for_digital_id = next.clone();
    let digital_id_path = <StartDigitalId as leptos::server_fn::ServerFn>::PATH;
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
            {digital_id_failed.then(|| view! {
                <p class="notice notice--error" role="alert">{use_lang().problem(crate::problem::Problem::DigitalIdFailed)}</p>
            })}
            <h1>{a.sign_in_title}</h1>
            <p class="lead">{a.sign_in_intro}</p>
            <ErrorSummary errors labels />
            <IslandScripts />
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="next" value=next />
                <Field name="identifier" label=a.identifier_label hint=a.identifier_hint
                    autocomplete="username" value=kept.get("identifier") errors />
                <Field name="password" label=a.password_label kind="password"
                    autocomplete="current-password" errors />
                <SharedComputer label=a.shared_computer_label.to_string() hint=a.shared_computer_hint.to_string() />
                <button class="button" type="submit" disabled=move || action.pending().get()>
                    {a.sign_in_button}
                </button>
            </ActionForm>
            <PasskeySignIn next=next_for_passkey />
            <Suspense fallback=|| ()>
                {move || Suspend::new({
                    let next = next_for_digital_id.clone();
                    async move {
                        offered.await.unwrap_or(false).then(|| view! {
                            <div class="digital-id">
                                <p class="divider"><span>{use_lang().passkeys().or}</span></p>
                                <ErrorSummary errors=digital_id_errors labels=crate::components::form::Labels::default() />
                                // A plain post: the answer sends the browser to the provider.
                                <form method="post" action=digital_id_path class="form">
                                    <input type="hidden" name="next" value=next />
                                    <input type="hidden" name="shared" id="digital-id-shared" value="" />
                                    <button class="button button--secondary" type="submit">{a.digital_id_button}</button>
                                </form>
                                <p class="hint">{a.digital_id_hint}</p>
                            </div>
                        })
                    }
                })}
            </Suspense>
            <p><A href="/forgot-password">{a.forgot_link}</A></p>
            <p>{a.no_account} " " <A href="/register">{a.nav_register}</A></p>
        </div>
    }
}

/// "This is a shared computer", inside the password form. An island so that the choice also
/// reaches the Digital ID form (a form of its own) and, read at the click, a passkey sign-in.
/// Without JavaScript it applies to the password sign-in only. Its words come as props: it
/// is on the main module, which every page with an island loads.
#[island]
fn SharedComputer(label: String, hint: String) -> impl IntoView {
    let on_change = move |ev: leptos::ev::Event| {
        let ticked = event_target_checked(&ev);
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            if let Some(input) = document()
                .get_element_by_id("digital-id-shared")
                .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                input.set_value(if ticked { "1" } else { "" });
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ticked;
    };
    view! {
        <div class="checkbox">
            <input class="checkbox__input" type="checkbox" id="shared" name="shared" value="1"
                aria-describedby="shared-hint" on:change=on_change />
            <label class="checkbox__label" for="shared">{label}</label>
            <p class="checkbox__hint" id="shared-hint">{hint}</p>
        </div>
    }
}

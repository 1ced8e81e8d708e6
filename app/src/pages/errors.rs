//! The 404 and 500 pages, in the reader's language, with the right status code.

use crate::error::AppError;
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Redirect, A};

/// Sets the HTTP status of the page being rendered (server only; no-op in the browser).
fn set_status(_code: u16) {
    #[cfg(feature = "ssr")]
    if let (Some(res), Ok(status)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::StatusCode::from_u16(_code),
    ) {
        res.set_status(status);
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    let t = use_lang().t();
    view! {
        <Title text=t.not_found_title />
        <div class="prose">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p><A href="/search">{t.nav_search}</A></p>
            <p><A href="/">{t.go_home}</A></p>
        </div>
    }
}

/// What a page shows when loading its data failed: 404 for a missing thing, otherwise the
/// 500 page with the reference the person can quote.
#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    match error {
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        AppError::Internal { reference } => {
            view! { <ServerError reference=Some(reference) /> }.into_any()
        }
        AppError::Unauthorized => view! { <SignInNeeded /> }.into_any(),
        AppError::Forbidden => view! { <Forbidden /> }.into_any(),
        AppError::SecondFactorNeeded => view! { <SecondFactorNeeded /> }.into_any(),
        AppError::ConfirmNeeded => view! { <ConfirmNeeded /> }.into_any(),
        // Loading a page never sends a form, so there is nothing to correct: a bad request.
        AppError::Invalid(_) | AppError::Call(_) => {
            view! { <ServerError reference=None /> }.into_any()
        }
    }
}

#[component]
pub fn ServerError(reference: Option<String>) -> impl IntoView {
    set_status(500);
    let t = use_lang().t();
    view! {
        <Title text=t.error_title />
        <div class="prose">
            <h1>{t.error_title}</h1>
            <p>{t.error_text}</p>
            {reference.map(|r| view! { <p class="error-reference">{t.error_reference} ": " <code>{r}</code></p> })}
            <p><A href="/">{t.go_home}</A></p>
        </div>
    }
}

/// A page that needs a signed-in person: a link to sign in that comes back here.
#[component]
pub fn SignInNeeded() -> impl IntoView {
    set_status(401);
    let t = use_lang().t();
    let a = t.accounts;
    let location = leptos_router::hooks::use_location();
    let href = move || {
        format!(
            "/sign-in?next={}",
            leptos_router::location::Url::escape(&location.pathname.get())
        )
    };
    view! {
        <Title text=a.sign_in_needed_title />
        <div class="prose">
            <h1>{a.sign_in_needed_title}</h1>
            <p>{a.sign_in_needed_text}</p>
            <p><a class="button" href=href>{a.sign_in_button}</a></p>
        </div>
    }
}

/// Staff signed in without a second factor: sign out, then in again with a code or a
/// passkey.
#[component]
pub fn SecondFactorNeeded() -> impl IntoView {
    set_status(403);
    let t = use_lang().t();
    let s = t.staff;
    view! {
        <Title text=s.second_factor_title />
        <div class="prose">
            <h1>{s.second_factor_title}</h1>
            <p>{s.second_factor_text}</p>
            <form method="post" action="/api/accounts/sign-out">
                <button class="button" type="submit">{s.second_factor_button}</button>
            </form>
        </div>
    }
}

/// A page for changing how the person signs in, without a recent "Confirm it's you": on
/// there, coming back to this page (the server answers the page's request with the same
/// redirect; the link is for a browser that does not follow it).
#[component]
pub fn ConfirmNeeded() -> impl IntoView {
    let a = use_lang().accounts();
    let location = leptos_router::hooks::use_location();
    let here = location.pathname.get_untracked();
    let href = crate::paths::confirm_then(crate::paths::local_path(&here).unwrap_or("/account"));
    view! {
        <Redirect path=href.clone() />
        <Title text=a.confirm_title />
        <div class="prose">
            <h1>{a.confirm_title}</h1>
            <p>{a.confirm_intro}</p>
            <p><a class="button" href=href>{a.continue_button}</a></p>
        </div>
    }
}

#[component]
pub fn Forbidden() -> impl IntoView {
    set_status(403);
    let t = use_lang().t();
    view! {
        <Title text=t.accounts.forbidden_title />
        <div class="prose">
            <h1>{t.accounts.forbidden_title}</h1>
            <p>{t.accounts.forbidden_text}</p>
            <p><A href="/">{t.go_home}</A></p>
        </div>
    }
}

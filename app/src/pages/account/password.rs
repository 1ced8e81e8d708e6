//! Changing the password: the current one, then the new one.

use crate::api::accounts::account::get_me;
use crate::api::accounts::change::ChangePassword;
use crate::components::form::{problems_of, ErrorSummary, Field};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::pages::errors::SignInNeeded;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn ChangePasswordPage() -> impl IntoView {
    // Only for a signed-in person: anyone else is asked to sign in first.
    let me = Resource::new(|| (), |_| get_me());
    view! {
        {loaded(me, |me| match me {
            Some(_) => view! { <ChangePasswordForm /> }.into_any(),
            None => view! { <SignInNeeded /> }.into_any(),
        })}
    }
}

#[component]
fn ChangePasswordForm() -> impl IntoView {
    let a = use_lang().accounts();
    let action = ServerAction::<ChangePassword>::new();
    let errors = problems_of(action.value());
    let labels = vec![
        ("current_password", a.current_password_label),
        ("password", a.new_password_label),
    ];
    view! {
        <Title text=a.change_password_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{a.change_password_title}</h1>
            <p class="lead">{a.change_password_intro}</p>
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="">
                <Field name="current_password" label=a.current_password_label kind="password"
                    autocomplete="current-password" errors />
                <Field name="password" label=a.new_password_label hint=a.password_hint kind="password"
                    autocomplete="new-password" errors />
                <button class="button" type="submit">{a.reset_button}</button>
            </ActionForm>
            <p><A href="/account">{a.account_title}</A></p>
        </div>
    }
}

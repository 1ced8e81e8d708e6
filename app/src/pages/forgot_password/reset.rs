//! The page an emailed reset link opens: choose a new password. The token is only used when
//! the form is sent, so a mail scanner that opens the link does not spend it.

use crate::api::accounts::reset::ResetWithLink;
use crate::components::form::{problems_of, ErrorSummary, Field};
use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn ResetLinkPage() -> impl IntoView {
    let a = use_lang().accounts();
    let token = use_query_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let action = ServerAction::<ResetWithLink>::new();
    let errors = problems_of(action.value());
    view! {
        <Title text=a.reset_link_title />
        <Meta name="robots" content="noindex" />
        <Meta name="referrer" content="no-referrer" />
        <div class="form-page">
            <h1>{a.reset_link_title}</h1>
            <ErrorSummary errors labels=vec![("password", a.new_password_label)] />
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="token" value=token />
                <Field name="password" label=a.new_password_label hint=a.password_hint kind="password"
                    autocomplete="new-password" errors />
                <button class="button" type="submit">{a.reset_button}</button>
            </ActionForm>
            <p><A href="/forgot-password">{a.ask_again}</A></p>
        </div>
    }
}

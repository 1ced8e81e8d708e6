//! Registration: choose the account type, prove the identity, give contact details and a
//! password, confirm the codes. One question per page where it helps (GOV.UK pattern).

pub mod details;
pub mod identity;
pub mod verify;

use crate::components::form::Radios;
use crate::i18n::use_lang;
use crate::model::AccountType;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

/// Step 0: which account type. A GET form, so it needs no script and no session.
#[component]
pub fn RegisterPage() -> impl IntoView {
    let t = use_lang().t();
    let a = t.accounts;
    let options = AccountType::ALL
        .into_iter()
        .map(|k| {
            (
                k.code(),
                (t.account_type)(k),
                Some((a.account_type_hint)(k)),
            )
        })
        .collect::<Vec<_>>();
    view! {
        <Title text=a.register_title />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <h1>{a.register_title}</h1>
            <p class="lead">{a.register_intro}</p>
            <form method="get" action="/register/identity" class="form">
                <Radios name="type" legend=a.account_type_question options value="citizen"
                    errors=Signal::derive(Vec::new) />
                <button class="button" type="submit">{a.continue_button}</button>
            </form>
            <p>{a.have_account} " " <A href="/sign-in">{a.nav_sign_in}</A></p>
        </div>
    }
}

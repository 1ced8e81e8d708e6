//! Where "Start application" leads. Accounts arrive with the accounts issue; until then
//! this page says plainly that online applications cannot be made on this installation
//! and how to apply in person, and links back to the service.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn SignInPage() -> impl IntoView {
    let t = use_lang().t();
    let query = use_query_map();
    let next = query
        .read_untracked()
        .get("next")
        .filter(|n| crate::paths::local_path(n).is_some());
    view! {
        <Title text=t.sign_in_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            <h1>{t.sign_in_title}</h1>
            <p class="lead">{t.sign_in_intro}</p>
            <div class="notice" role="note">
                <p>{t.sign_in_unavailable}</p>
            </div>
            <p>{t.sign_in_meanwhile}</p>
            {next.map(|href| view! { <p><A href=href>{t.back_to_service}</A></p> })}
        </div>
    }
}

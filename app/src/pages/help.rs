//! Help: how to find a service, what fees mean, how to contact an agency, accessibility.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn HelpPage() -> impl IntoView {
    let t = use_lang().t();
    view! {
        <Title text=t.help_title />
        <Meta name="description" content=t.help_intro />
        <div class="prose">
            <h1>{t.help_title}</h1>
            <p class="lead">{t.help_intro}</p>
            <h2>{t.help_find_heading}</h2>
            <p>{t.help_find_text}</p>
            <h2>{t.help_fees_heading}</h2>
            <p>{t.help_fees_text}</p>
            <h2>{t.help_contact_heading}</h2>
            <p>{t.help_contact_text}</p>
            <h2>{t.help_access_heading}</h2>
            <p>{t.help_access_text}</p>
        </div>
    }
}

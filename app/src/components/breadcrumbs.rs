//! "Home › Agency › Service": where this page sits, for orientation on small screens.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::components::A;

/// `trail` is (label, link) pairs ending before the current page; Home comes first.
#[component]
pub fn Breadcrumbs(trail: Vec<(String, String)>) -> impl IntoView {
    let t = use_lang().t();
    view! {
        <nav class="breadcrumbs" aria-label=t.breadcrumb_label>
            <ol>
                <li><A href="/">{t.nav_home}</A></li>
                {trail
                    .into_iter()
                    .map(|(label, href)| view! { <li><A href=href>{label}</A></li> })
                    .collect_view()}
            </ol>
        </nav>
    }
}

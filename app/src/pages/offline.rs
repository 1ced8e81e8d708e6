//! The offline page: what the service worker shows when a page cannot be fetched and was
//! never saved on this phone. It is stored at install (and again when the language
//! changes), and the worker fills in the list of saved pages when it serves it, so the
//! markers below (`data-saved-pages`, `data-no-saved-pages`) are part of its contract with
//! `frontend/sw/sw.js`. Online, the page reads the same with the list empty.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

#[component]
pub fn OfflinePage() -> impl IntoView {
    let t = use_lang().t();
    let o = t.offline;
    view! {
        <Title text=o.title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            <h1>{o.title}</h1>
            <p class="lead">{o.intro}</p>
            <h2>{o.saved_pages}</h2>
            <ul class="saved-pages" data-saved-pages></ul>
            <p data-no-saved-pages>{o.no_saved_pages}</p>
            <p>{o.never_offline}</p>
            // An empty href reloads the address asked for, which the worker answered with this page.
            <p><a class="button" href="" rel="external">{o.try_again}</a></p>
        </div>
    }
}

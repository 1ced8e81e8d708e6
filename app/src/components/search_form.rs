//! The search box. A plain GET form to `/search`, so it works without JavaScript; on the
//! search page, after hydration, results follow the typing without a page load.

use crate::i18n::use_lang;
use leptos::prelude::*;
use leptos_router::{components::Form, hooks::use_navigate, location::Url, NavigateOptions};

#[component]
pub fn SearchForm(
    /// What is in the box when the page loads.
    #[prop(into)]
    initial: String,
    /// Update the results (the URL's `q`) as the person types.
    #[prop(optional)]
    live: bool,
    /// Put the heading-sized label above the box (the search page) or keep it compact.
    #[prop(optional)]
    large: bool,
) -> impl IntoView {
    let t = use_lang().t();
    let navigate = use_navigate();
    let on_input = move |ev: leptos::ev::Event| {
        if live {
            let q = event_target_value(&ev);
            let url = format!("/search?q={}", Url::escape(&q));
            navigate(
                &url,
                NavigateOptions {
                    replace: true,
                    scroll: false,
                    ..Default::default()
                },
            );
        }
    };
    view! {
        <Form method="get" action="/search" attr:class="search-form" attr:role="search">
            <label for="q" class=if large { "search-form__label search-form__label--large" } else { "search-form__label" }>
                {t.search_label}
            </label>
            <p id="q-hint" class="hint">{t.search_hint}</p>
            <div class="search-form__row">
                <input id="q" name="q" type="search" class="search-form__input" value=initial
                    autocomplete="off" spellcheck="false" maxlength="100" aria-describedby="q-hint"
                    on:input=on_input />
                <button type="submit" class="button search-form__button">{t.search_button}</button>
            </div>
        </Form>
    }
}

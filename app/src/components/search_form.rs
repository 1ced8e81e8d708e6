//! The search box. A plain GET form to `/search`: results come with the page.

use crate::i18n::use_lang;
use leptos::prelude::*;

#[component]
pub fn SearchForm(
    /// What is in the box when the page loads.
    #[prop(into)]
    initial: String,
    /// Put the heading-sized label above the box (the search page) or keep it compact.
    #[prop(optional)]
    large: bool,
    /// More of the form under the box (the search page's narrowing).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let t = use_lang().t();
    view! {
        <form method="get" action="/search" class="search-form" role="search">
            <label for="q" class=if large { "search-form__label search-form__label--large" } else { "search-form__label" }>
                {t.search_label}
            </label>
            <p id="q-hint" class="hint">{t.search_hint}</p>
            <div class="search-form__row">
                <input id="q" name="q" type="search" class="search-form__input" value=initial
                    autocomplete="off" spellcheck="false" maxlength="100" aria-describedby="q-hint" />
                <button type="submit" class="button search-form__button">{t.search_button}</button>
            </div>
            {children.map(|c| c())}
        </form>
    }
}

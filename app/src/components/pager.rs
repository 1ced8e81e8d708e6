//! Moving through a long list a page at a time (an agency's or category's services, search
//! results): which items this page shows, and links to the pages before and after. Plain
//! links, so it works the same without JavaScript and each page has its own address.

use crate::i18n::use_lang;
use crate::model::Paging;
use leptos::prelude::*;

/// Which of the list's items are shown ("Showing 51 to 100 of 2,000"); nothing for an empty
/// list.
#[component]
pub fn PageShowing(paging: Paging) -> impl IntoView {
    let t = use_lang().t();
    let from = paging.offset() + 1;
    let to = (paging.offset() + paging.per_page).min(paging.total);
    (paging.pages > 1)
        .then(|| view! { <p class="pager__showing">{(t.showing)(from, to, paging.total)}</p> })
}

/// Links to the previous and next pages; `href` gives a page's address. Nothing when the
/// list fits on one page.
#[component]
pub fn Pager(paging: Paging, href: impl Fn(u32) -> String) -> impl IntoView {
    let t = use_lang().t();
    (paging.pages > 1).then(|| {
        let previous = (paging.page > 1)
            .then(|| view! { <a href=href(paging.page - 1) rel="prev">{t.previous_page}</a> });
        let next = (paging.page < paging.pages)
            .then(|| view! { <a href=href(paging.page + 1) rel="next">{t.next_page}</a> });
        view! {
            <nav class="pager" aria-label=t.pages_label>
                {previous}
                <span class="pager__where">{(t.page_of)(paging.page, paging.pages)}</span>
                {next}
            </nav>
        }
    })
}

/// A page number as an address carries it: nothing for the first page, which has no
/// `?page=` of its own.
pub fn page_param(page: u32) -> String {
    if page > 1 {
        page.to_string()
    } else {
        String::new()
    }
}

/// The address of a page of the list at `path`.
pub fn page_href(path: &str, page: u32) -> String {
    crate::paths::with_query(path, &[("page", &page_param(page))])
}

//! The in-app inbox: a line for each change to one of the person's applications, newest
//! first, unread ones marked, each leading to the application's status page.

use crate::api::notifications::{get_inbox, MarkAllRead};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::InboxItem;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::components::A;

#[component]
pub fn InboxPage() -> impl IntoView {
    let inbox = Resource::new(|| (), |_| get_inbox());
    view! { {loaded(inbox, |items| view! { <Inbox items /> })} }
}

#[component]
fn Inbox(items: Vec<InboxItem>) -> impl IntoView {
    let t = use_lang().tracking();
    // A plain post (not an action): the page and the header's count are loaded afresh.
    let read_path = <MarkAllRead as leptos::server_fn::ServerFn>::PATH;
    let any_unread = items.iter().any(|i| i.unread);
    let empty = items.is_empty();
    view! {
        <Title text=t.inbox_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            <h1>{t.inbox_title}</h1>
            {empty.then(|| view! { <p>{t.inbox_empty}</p> })}
            <ul class="inbox">
                {items.into_iter().map(|item| view! {
                    <li class="inbox__item" class:inbox__item--unread=item.unread>
                        {item.unread.then(|| view! { <strong class="tag">{t.inbox_new}</strong> " " })}
                        <A href=item.link.clone()>{item.text.clone()}</A>
                        <span class="hint">" " {item.at.clone()}</span>
                    </li>
                }.into_any()).collect_view()}
            </ul>
            {any_unread.then(|| view! {
                <form method="post" action=read_path>
                    <button class="button button--secondary" type="submit">{t.inbox_mark_read}</button>
                </form>
            })}
            <p><A href="/account/notifications">{t.prefs_link}</A></p>
        </div>
    }
}

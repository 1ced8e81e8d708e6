//! `/staff/outbox`, for administrators: the messages that could not be delivered after
//! every retry, with why, and a way to try one again once the cause is mended.

use crate::api::staff::{get_dead_letters, RetryMessage};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::DeadLetterItem;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn DeadLettersPage() -> impl IntoView {
    let letters = Resource::new(|| (), |_| get_dead_letters());
    view! { {loaded(letters, |letters| view! { <DeadLetters letters /> })} }
}

#[component]
fn DeadLetters(letters: Vec<DeadLetterItem>) -> impl IntoView {
    let t = use_lang().tracking();
    let retried = use_query_map().read_untracked().get("retried").is_some();
    let empty = letters.is_empty();
    view! {
        <Title text=t.dead_title />
        <Meta name="robots" content="noindex, nofollow" />
        <div class="prose">
            {retried.then(|| view! { <p class="notice notice--success" role="status">{t.dead_retried}</p> })}
            <h1>{t.dead_title}</h1>
            <p class="lead">{t.dead_intro}</p>
            {empty.then(|| view! { <p>{t.dead_none}</p> })}
            {(!empty).then(|| view! { <DeadLetterTable letters /> }.into_any())}
        </div>
    }
}

#[component]
fn DeadLetterTable(letters: Vec<DeadLetterItem>) -> impl IntoView {
    let t = use_lang().tracking();
    view! {
        <div class="table-wrap">
            <table class="table">
                <thead><tr>
                    <th scope="col">{t.dead_message}</th>
                    <th scope="col">{t.dead_channel}</th>
                    <th scope="col" class="num">{t.dead_attempts}</th>
                    <th scope="col">{t.dead_error}</th>
                    <th scope="col">{t.dead_last_tried}</th>
                    <th scope="col"><span class="visually-hidden">{t.dead_retry}</span></th>
                </tr></thead>
                <tbody>
                    {letters.into_iter().map(|l| view! { <DeadLetterRow letter=l /> }.into_any()).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn DeadLetterRow(letter: DeadLetterItem) -> impl IntoView {
    let t = use_lang().tracking();
    let retry = ServerAction::<RetryMessage>::new();
    view! {
        <tr>
            <td><code>{letter.key.clone()}</code><br /><span class="hint">{letter.first_queued.clone()}</span></td>
            <td>{letter.channel.clone()}</td>
            <td class="num">{letter.attempts}</td>
            <td>{letter.error.clone()}</td>
            <td>{letter.last_tried.clone()}</td>
            <td>
                <ActionForm action=retry>
                    <input type="hidden" name="id" value=letter.id />
                    <button class="link-button link-button--dark" type="submit"
                        aria-label=format!("{} {}", t.dead_retry, letter.key)>{t.dead_retry}</button>
                </ActionForm>
            </td>
        </tr>
    }
}

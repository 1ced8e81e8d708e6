//! Applying for a service: the start page, the task list, each section, "Check your
//! answers", and "My applications".

pub mod apply;
pub mod appointment;
mod autosave;
pub mod check;
mod draft_status;
pub mod offline_draft;
mod part_live;
pub mod section;
pub mod task_list;

use crate::api::applications::my_applications;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::ApplicationItem;
use crate::money::format_kes;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

#[component]
pub fn MyApplicationsPage() -> impl IntoView {
    let list = Resource::new(|| (), |_| my_applications());
    view! { {loaded(list, |items| view! { <MyApplications items /> })} }
}

// Split into small components, each erased with `into_any()`: as one view its type was
// deep enough to overflow the compiler's query depth in the release build.
#[component]
fn MyApplications(items: Vec<ApplicationItem>) -> impl IntoView {
    let t = use_lang().applications();
    let deleted = use_query_map().read_untracked().get("deleted").is_some();
    let (drafts, sent): (Vec<_>, Vec<_>) = items.into_iter().partition(|i| i.status == "draft");
    let empty = drafts.is_empty() && sent.is_empty();
    view! {
        <Title text=t.my_applications_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            {deleted.then(|| view! { <p class="notice" role="status">{t.draft_deleted}</p> })}
            <h1>{t.my_applications_title}</h1>
            {empty.then(|| view! { <p>{t.my_applications_none}</p> })}
            {(!drafts.is_empty()).then(|| view! { <Drafts drafts /> }.into_any())}
            {(!sent.is_empty()).then(|| view! { <Sent sent /> }.into_any())}
        </div>
    }
}

#[component]
fn Drafts(drafts: Vec<ApplicationItem>) -> impl IntoView {
    let t = use_lang().applications();
    view! {
        <h2>{t.drafts_heading}</h2>
        <ul class="application-list">
            {drafts.into_iter().map(|d| view! {
                <li>
                    <A href=format!("/applications/{}", d.id)>{d.service_name.clone()}</A>
                    <span class="hint">
                        " — " {t.col_updated} ": " {d.updated.clone()}
                        {d.keep_until.clone().map(|k| view! { ". " {(t.keep_until)(&k)} })}
                    </span>
                </li>
            }.into_any()).collect_view()}
        </ul>
    }
}

#[component]
fn Sent(sent: Vec<ApplicationItem>) -> impl IntoView {
    let t = use_lang().applications();
    let p = use_lang().payments();
    view! {
        <h2>{t.submitted_heading}</h2>
        <div class="table-wrap">
            <table class="table">
                <thead><tr>
                    <th scope="col">{t.col_service}</th>
                    <th scope="col">{t.col_reference}</th>
                    <th scope="col">{t.col_status}</th>
                    <th scope="col" class="num">{p.col_paid}</th>
                    <th scope="col">{t.col_updated}</th>
                </tr></thead>
                <tbody>
                    {sent.into_iter().map(|item| view! { <SentRow item /> }.into_any()).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn SentRow(item: ApplicationItem) -> impl IntoView {
    let p = use_lang().payments();
    let awaiting = item.status == "awaiting_payment";
    let page = if awaiting {
        format!("/applications/{}/pay", item.id)
    } else {
        format!("/applications/{}/status", item.id)
    };
    let pay_now = awaiting.then(|| view! { " · " <A href=page.clone()>{p.pay_now}</A> }.into_any());
    view! {
        <tr>
            <td><A href=page.clone()>{item.service_name.clone()}</A></td>
            <td>{item.reference.clone().unwrap_or_default()}</td>
            <td>{status_label(&item.status)} {pay_now}</td>
            <td class="num">{item.paid_cents.map(format_kes).unwrap_or_default()}</td>
            <td>{item.updated.clone()}</td>
        </tr>
    }
}

/// A status code in the reader's language.
fn status_label(code: &str) -> &'static str {
    let t = use_lang().tracking();
    crate::tracking::Status::from_code(code)
        .map(t.status)
        .unwrap_or_default()
}

/// The `:id` of the current route.
pub(crate) fn use_id() -> impl Fn() -> String + Clone + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get("id").unwrap_or_default()
}

//! `/staff`: the work queue of an agency. The filters are a GET form, so every view of
//! the queue has an address (and works without JavaScript); pages are keyset cursors.

use super::StatusTag;
use crate::api::staff::{get_queue, AssignApplication, BulkAction, ClaimApplication};
use crate::components::form::problems_of;
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{PlaceGroup, QueueFilter, QueueItem, QueuePage as Page, StaffMember};
use crate::tracking::Status;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

#[component]
pub fn QueuePage() -> impl IntoView {
    let query = use_query_map();
    let filter = move || {
        let q = query.read();
        let get = |k: &str| q.get(k).unwrap_or_default();
        QueueFilter {
            agency: get("agency"),
            service: get("service"),
            status: get("status"),
            older_than: get("older_than"),
            holder: get("holder"),
            overdue: get("overdue"),
            sort: get("sort"),
            after: get("after"),
            before: get("before"),
        }
    };
    let page = Resource::new(filter, get_queue);
    view! { {loaded(page, |page| view! { <Queue page /> })} }
}

#[component]
fn Queue(page: Page) -> impl IntoView {
    let t = use_lang().staff();
    let here = page.filter.href(&page.filter.after, &page.filter.before);
    let title = format!("{} — {}", t.queue_title, page.agency.name);
    let empty = page.items.is_empty();
    let pager = (page.filter.clone(), page.next.clone(), page.prev.clone());
    let query = use_query_map().read_untracked();
    let done = query.get("done").and_then(|d| d.parse::<usize>().ok());
    let skipped = query
        .get("skipped")
        .and_then(|d| d.parse::<usize>().ok())
        .unwrap_or(0);
    let bulk = (page.supervisor && !empty)
        .then(|| (page.staff.clone(), page.places.clone(), here.clone()));
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex, nofollow" />
        <div class="staff">
            <p class="caption">{page.agency.name.clone()}</p>
            <h1>{t.queue_title}</h1>
            {page.supervisor.then(|| view! {
                <p>
                    <a href=format!("/staff/dashboard?agency={}", page.agency.slug)>{t.dashboard_link}</a>
                    {page.admin.then(|| view! { " · " <a href="/staff/admin">{use_lang().admin().title}</a> })}
                </p>
            })}
            {(!page.supervisor).then(|| view! {
                <p><a href="/staff/appointments">{t.day_link}</a></p>
            })}
            {done.map(|done| view! { <p class="notice notice--success" role="status">{(t.bulk_done)(done, skipped)}</p> })}
            <Filters page=page.clone() />
            {empty.then(|| view! { <p class="notice">{t.queue_empty}</p> })}
            {(!empty).then(|| view! {
                <QueueTable items=page.items.clone() supervisor=page.supervisor staff=page.staff.clone() back=here.clone() />
            }.into_any())}
            {bulk.map(|(staff, places, back)| view! { <Bulk staff places back /> })}
            <Pager filter=pager.0 next=pager.1 prev=pager.2 />
        </div>
    }
}

#[component]
fn Filters(page: Page) -> impl IntoView {
    let t = use_lang().staff();
    let tr = use_lang().tracking();
    let f = page.filter.clone();
    let statuses = [
        Status::Submitted,
        Status::Processing,
        Status::InfoRequested,
        Status::Resubmitted,
        Status::Approved,
        Status::Rejected,
        Status::ReadyForCollection,
        Status::Collected,
    ];
    view! {
        <form class="filters" method="get" action="/staff" role="search" aria-label=t.filters_label>
            {(page.agencies.len() > 1).then(|| view! {
                <div class="field">
                    <label class="field__label" for="agency">{t.agency}</label>
                    <select class="field__input" id="agency" name="agency">
                        {page.agencies.iter().map(|a| view! {
                            <option value=a.slug.clone() selected=a.slug == f.agency>{a.name.clone()}</option>
                        }).collect_view()}
                    </select>
                </div>
            }.into_any())}
            {(page.agencies.len() <= 1).then(|| view! { <input type="hidden" name="agency" value=f.agency.clone() /> })}
            <div class="field">
                <label class="field__label" for="service">{t.service}</label>
                <select class="field__input" id="service" name="service">
                    <option value="">{t.all_services}</option>
                    {page.services.iter().map(|s| view! {
                        <option value=s.slug.clone() selected=s.slug == f.service>{s.name.clone()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="status">{t.status}</label>
                <select class="field__input" id="status" name="status">
                    <option value="">{t.open_work}</option>
                    <option value="all" selected=f.status == "all">{t.every_status}</option>
                    {statuses.into_iter().map(|s| view! {
                        <option value=s.code() selected=f.status == s.code()>{(tr.status)(s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="older_than">{t.older_than}</label>
                <input class="field__input field__input--short" id="older_than" name="older_than"
                    type="number" min="1" max="3650" inputmode="numeric" value=f.older_than.clone() />
            </div>
            <div class="field">
                <label class="field__label" for="holder">{t.holder}</label>
                <select class="field__input" id="holder" name="holder">
                    <option value="">{t.anyone}</option>
                    <option value="me" selected=f.holder == "me">{t.me}</option>
                    <option value="nobody" selected=f.holder == "nobody">{t.nobody}</option>
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="sort">{t.sort}</label>
                <select class="field__input" id="sort" name="sort">
                    <option value="">{t.due_soonest}</option>
                    <option value="latest" selected=f.sort == "latest">{t.due_latest}</option>
                </select>
            </div>
            <div class="checkbox">
                <input id="overdue" name="overdue" type="checkbox" value="1" checked=f.overdue == "1" />
                <label for="overdue">{t.overdue_only}</label>
            </div>
            <button class="button" type="submit">{t.show}</button>
        </form>
    }
}

#[component]
fn QueueTable(
    items: Vec<QueueItem>,
    supervisor: bool,
    staff: Vec<StaffMember>,
    back: String,
) -> impl IntoView {
    let t = use_lang().staff();
    view! {
        <div class="table-wrap">
            <table class="table queue">
                <caption class="visually-hidden">{t.queue_title}</caption>
                <thead><tr>
                    {supervisor.then(|| view! { <th scope="col"><span class="visually-hidden">{t.select}</span></th> })}
                    <th scope="col">{t.reference}</th>
                    <th scope="col">{t.service}</th>
                    <th scope="col">{t.status}</th>
                    <th scope="col" class="num">{t.age}</th>
                    <th scope="col">{t.due}</th>
                    <th scope="col">{t.holder}</th>
                </tr></thead>
                <tbody>
                    {items.into_iter().map(|item| view! {
                        <QueueRow item supervisor staff=staff.clone() back=back.clone() />
                    }.into_any()).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

#[component]
fn QueueRow(
    item: QueueItem,
    supervisor: bool,
    staff: Vec<StaffMember>,
    back: String,
) -> impl IntoView {
    let t = use_lang().staff();
    let href = format!("/staff/applications/{}", item.id);
    let holder = match (&item.holder, item.mine) {
        (_, true) => Some(t.you.to_string()),
        (Some(name), false) => Some(name.clone()),
        (None, false) => None,
    };
    let unheld = item.holder.is_none();
    view! {
        <tr class:queue__overdue=item.overdue>
            {supervisor.then(|| view! {
                <td><input type="checkbox" form="bulk" name=format!("ids[{}{}]", crate::api::staff::BULK_ID_PREFIX, item.id) value="on"
                    aria-label=format!("{} {}", t.select, item.reference) /></td>
            })}
            <td><a href=href><span class="reference">{item.reference.clone()}</span></a></td>
            <td>{item.service.clone()}</td>
            <td><StatusTag status=item.status /></td>
            <td class="num">{(t.days)(item.age_days)}</td>
            <td>
                {item.due.clone()}
                {item.overdue.then(|| view! { " " <strong class="tag tag--alert">{t.overdue}</strong> })}
            </td>
            <td>
                {holder.map(|h| view! { <span>{h}</span> })}
                {unheld.then(|| view! { <Claim id=item.id.clone() reference=item.reference.clone() back=back.clone() /> })}
                {(supervisor && !item.mine).then(|| view! {
                    <Assign id=item.id.clone() reference=item.reference.clone() staff=staff.clone() back=back.clone() />
                }.into_any())}
            </td>
        </tr>
    }
}

#[component]
pub fn Claim(id: String, reference: String, back: String) -> impl IntoView {
    let t = use_lang().staff();
    let claim = ServerAction::<ClaimApplication>::new();
    view! {
        <ActionForm action=claim attr:class="inline-form">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="back" value=back />
            <button class="link-button link-button--dark" type="submit"
                aria-label=format!("{} {reference}", t.claim)>{t.claim}</button>
        </ActionForm>
    }
}

#[component]
pub fn Assign(
    id: String,
    reference: String,
    staff: Vec<StaffMember>,
    back: String,
) -> impl IntoView {
    let t = use_lang().staff();
    let assign = ServerAction::<AssignApplication>::new();
    let select_id = format!("assign-{id}");
    view! {
        <ActionForm action=assign attr:class="inline-form">
            <input type="hidden" name="id" value=id />
            <input type="hidden" name="back" value=back />
            <label class="visually-hidden" for=select_id.clone()>{format!("{} {reference}", t.assign_to)}</label>
            <select class="field__input field__input--small" id=select_id name="to">
                {staff.into_iter().map(|m| view! { <option value=m.id>{m.name}</option> }).collect_view()}
            </select>
            <button class="link-button link-button--dark" type="submit">{t.assign}</button>
        </ActionForm>
    }
}

/// Supervisors: one action on every ticked row (the row checkboxes belong to this form
/// through their `form` attribute, since forms cannot nest).
#[component]
fn Bulk(staff: Vec<StaffMember>, places: Vec<PlaceGroup>, back: String) -> impl IntoView {
    let t = use_lang().staff();
    let action = ServerAction::<BulkAction>::new();
    let errors = problems_of(action.value());
    let problem = move || errors.with(|e| e.first().map(|e| e.problem));
    view! {
        <ActionForm action attr:id="bulk" attr:class="filters bulk">
            <input type="hidden" name="back" value=back />
            <p class="field__label">{t.bulk_title}</p>
            {move || problem().map(|p| view! { <p class="field__error" role="alert">{use_lang().problem(p)}</p> })}
            <div class="radios radios--inline">
                <div class="radios__item">
                    <input class="radios__input" type="radio" id="bulk-assign" name="action" value="assign" checked=true />
                    <label class="radios__label" for="bulk-assign">{t.assign_to}</label>
                </div>
                <div class="radios__item">
                    <input class="radios__input" type="radio" id="bulk-ready" name="action" value="ready" />
                    <label class="radios__label" for="bulk-ready">{t.bulk_ready}</label>
                </div>
            </div>
            <div class="field">
                <label class="field__label" for="bulk-to">{t.holder}</label>
                <select class="field__input" id="bulk-to" name="to">
                    {staff.into_iter().map(|m| view! { <option value=m.id>{m.name}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="bulk-place">{t.bulk_place}</label>
                <select class="field__input" id="bulk-place" name="place">
                    <option value="">{t.choose}</option>
                    {places.into_iter().map(|g| view! {
                        <optgroup label=g.label>
                            {g.places.into_iter().map(|p| view! { <option value=p.slug>{p.name}</option> }).collect_view()}
                        </optgroup>
                    }).collect_view()}
                </select>
            </div>
            <button class="button" type="submit" disabled=move || action.pending().get()>{t.bulk_button}</button>
        </ActionForm>
    }
}

#[component]
fn Pager(filter: QueueFilter, next: Option<String>, prev: Option<String>) -> impl IntoView {
    let t = use_lang().staff();
    let prev = prev.map(|c| filter.href("", &c));
    let next = next.map(|c| filter.href(&c, ""));
    let first =
        (!filter.after.is_empty() || !filter.before.is_empty()).then(|| filter.href("", ""));
    view! {
        <nav class="pager" aria-label=t.pages>
            {first.map(|h| view! { <a href=h>{t.first_page}</a> })}
            {prev.map(|h| view! { <a href=h rel="prev">{t.previous_page}</a> })}
            {next.map(|h| view! { <a href=h rel="next">{t.next_page}</a> })}
        </nav>
    }
}

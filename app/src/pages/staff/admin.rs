//! `/staff/admin`, for administrators: the agencies (and adding one), each agency's and
//! service's settings, the offices, and who holds which staff role. Every form is a plain
//! form posting to a server function; a failed one shows its problems beside the fields
//! with what was typed.

pub mod agency;
pub mod agency_status;
pub mod offices;
pub mod people;
pub mod service;
pub mod tickets;

use crate::api::admin::get_admin_home;
use crate::components::form::{problem_for, FormValues};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::AdminHome;
use crate::problem::FieldError;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The administration pages' own navigation.
#[component]
pub fn AdminNav() -> impl IntoView {
    let a = use_lang().t().admin;
    view! {
        <nav class="admin-nav" aria-label=a.nav_label>
            <ul class="admin-nav__list">
                <li><a href="/staff/admin">{a.agencies}</a></li>
                <li><a href="/staff/admin/offices">{a.offices}</a></li>
                <li><a href="/staff/admin/staff">{a.staff}</a></li>
                <li><a href="/staff/dashboard">{a.dashboard}</a></li>
                <li><a href="/staff/outbox">{a.outbox}</a></li>
                <li><a href="/staff/admin/tickets?status=open">{use_lang().t().help.tickets_title}</a></li>
            </ul>
        </nav>
    }
}

/// The head of an administration page: title, no indexing, the caption and heading, the
/// navigation, and "Saved" after a change (`?saved=1`).
#[component]
pub fn AdminHead(
    #[prop(into)] title: String,
    #[prop(optional, into)] caption: Option<String>,
) -> impl IntoView {
    let a = use_lang().t().admin;
    let saved = query_param("saved");
    view! {
        <Title text=title.clone() />
        <Meta name="robots" content="noindex, nofollow" />
        {caption.map(|c| view! { <p class="caption">{c}</p> })}
        <h1>{title}</h1>
        <AdminNav />
        {move || saved.get().map(|_| view! { <p class="notice notice--success" role="status">{a.saved}</p> })}
    }
}

/// A labelled input (or text area) with hint and error; `id` is unique on the page, `name`
/// is what the server calls the field.
#[component]
pub fn Input(
    #[prop(into)] id: String,
    name: &'static str,
    label: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] value: String,
    errors: Signal<Vec<FieldError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] textarea: bool,
    #[prop(optional)] optional: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let t = use_lang().t().accounts;
    let shown = move || errors.with(|e| problem_for(e, name));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if shown().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || shown().is_some().then_some("true");
    let control = if textarea {
        view! {
            <textarea class="field__input field__textarea" id=id.clone() name=name rows="3"
                aria-invalid=invalid aria-describedby=described.clone()>{value}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="field__input" id=id.clone() name=name type=kind value=value
                inputmode=inputmode aria-invalid=invalid aria-describedby=described.clone() />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field--error=move || shown().is_some()>
            <label class="field__label" for=id.clone()>
                {label}
                {optional.then(|| view! { " " <span class="field__optional">{t.optional}</span> })}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || shown().map(|p| view! { <p class="field__error" id=error_id.clone()>{(t.problem)(p)}</p> })}
            {control}
        </div>
    }
}

/// The value each field starts with: what was typed when the form's plain post failed
/// (then every field shows what was sent, even empty), else what is stored.
pub fn starting_value(kept: &FormValues) -> impl Fn(&str, &str) -> String + Clone + 'static {
    let kept = kept.clone();
    let failed = !kept.0.is_empty();
    move |name: &str, stored: &str| {
        if failed {
            kept.get(name)
        } else {
            stored.to_string()
        }
    }
}

/// A problem with the whole form (not one field), as an alert.
pub fn form_problem(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    move || {
        errors
            .with(|e| problem_for(e, crate::problem::FORM))
            .map(|p| {
                let t = use_lang().t().accounts;
                view! { <p class="notice notice--error" role="alert">{(t.problem)(p)}</p> }
            })
    }
}

/// What was typed into form `form` when its plain post failed (once). Pages load it in the
/// same resource as their data, so the server waits for both before it renders.
pub async fn kept(form: String) -> std::collections::HashMap<String, String> {
    crate::api::accounts::form_values::form_values(form)
        .await
        .unwrap_or_default()
}

/// A counter bumped after each successful action on an administration page, for its
/// resource: with JavaScript the page then reads its data again, even when the address
/// does not change.
pub fn reload_key() -> impl Fn() -> u64 + Clone + Send + Sync + 'static {
    let refresh = super::Refresh::provide();
    move || refresh.get()
}

/// A query parameter of the address, followed as it changes (the notices after a change:
/// with JavaScript the action's redirect changes only the query).
pub fn query_param(name: &'static str) -> Signal<Option<String>> {
    let query = leptos_router::hooks::use_query_map();
    Signal::derive(move || query.read().get(name))
}

#[component]
pub fn AdminHomePage() -> impl IntoView {
    let home = Resource::new(|| (), |_| get_admin_home());
    view! { {loaded(home, |home| view! { <Home home /> })} }
}

#[component]
fn Home(home: AdminHome) -> impl IntoView {
    let a = use_lang().t().admin;
    view! {
        <div class="staff">
            <AdminHead title=a.title />
            <p class="lead">{a.intro}</p>
            <h2>{a.agencies}</h2>
            <p><a class="button button--secondary" href="/staff/admin/new-agency">{a.add_agency}</a></p>
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{a.agencies}</caption>
                    <thead><tr>
                        <th scope="col">{a.agency}</th>
                        <th scope="col" class="num">{a.services}</th>
                        <th scope="col">{a.staff_names}</th>
                    </tr></thead>
                    <tbody>
                        {home.agencies.into_iter().map(|g| view! {
                            <tr>
                                <td><a href=format!("/staff/admin/agencies/{}", g.slug)>{g.name}</a></td>
                                <td class="num">{g.services}</td>
                                <td>{if g.shows_names { a.names_shown } else { a.names_hidden }}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

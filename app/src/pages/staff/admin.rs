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
// The plain form's pieces, shared with the problem report: here for the admin pages.
use crate::components::loaded::loaded;
pub use crate::components::plain_form::{form_problem, kept, starting_value, Input};
use crate::i18n::use_lang;
use crate::model::AdminHome;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// The administration pages' own navigation.
#[component]
pub fn AdminNav() -> impl IntoView {
    let a = use_lang().admin();
    view! {
        <nav class="admin-nav" aria-label=a.nav_label>
            <ul class="admin-nav__list">
                <li><a href="/staff/admin">{a.agencies}</a></li>
                <li><a href="/staff/admin/offices">{a.offices}</a></li>
                <li><a href="/staff/admin/staff">{a.staff}</a></li>
                <li><a href="/staff/dashboard">{a.dashboard}</a></li>
                <li><a href="/staff/outbox">{a.outbox}</a></li>
                <li><a href="/staff/admin/tickets?status=open">{use_lang().help().tickets_title}</a></li>
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
    let a = use_lang().admin();
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

/// A query parameter of the address (the notices after a change come in the query).
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
    let a = use_lang().admin();
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

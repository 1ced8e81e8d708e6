//! The account page: details from the identity document, contact details, roles, where the
//! person is signed in, and what happened on the account lately.

pub mod authenticator;
pub mod confirm;
pub mod contact;
pub mod notifications;
pub mod password;
mod security;

use crate::api::accounts::account::{get_account, SignOutEverywhere};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::AccountView;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};
use security::Security;

#[component]
pub fn AccountPage() -> impl IntoView {
    let account = Resource::new(|| (), |_| get_account());
    view! { {loaded(account, |account| view! { <Account account /> })} }
}

#[component]
fn Account(account: AccountView) -> impl IntoView {
    let t = use_lang().t();
    let a = t.accounts;
    let query = use_query_map();
    let welcome = query.read_untracked().get("welcome").is_some();
    let ended = query
        .read_untracked()
        .get("signed_out_others")
        .and_then(|n| n.parse::<u64>().ok());
    let password_changed = query.read_untracked().get("password_changed").is_some();
    let contact_changed = query.read_untracked().get("contact_changed").is_some();
    let passkey_added = query.read_untracked().get("passkey_added").is_some();
    let everywhere = ServerAction::<SignOutEverywhere>::new();
    let verified =
        move |yes: bool| yes.then(|| view! { " " <span class="tag tag--ok">{a.verified}</span> });
    view! {
        <Title text=a.account_title />
        <Meta name="robots" content="noindex" />
        <div class="prose">
            {welcome.then(|| view! { <p class="notice notice--success" role="status">{a.welcome}</p> })}
            {ended.map(|n| view! { <p class="notice" role="status">{(a.signed_out_others)(n)}</p> })}
            {password_changed.then(|| view! { <p class="notice notice--success" role="status">{a.password_changed_notice}</p> })}
            {contact_changed.then(|| view! { <p class="notice notice--success" role="status">{a.contact_changed_notice}</p> })}
            {passkey_added.then(|| view! { <p class="notice notice--success" role="status">{a.passkey_added_notice}</p> })}
            <h1>{a.account_title}</h1>

            <h2>{a.profile_heading}</h2>
            <p class="hint">{a.identity_note}</p>
            <dl class="summary-list">
                <div><dt>{a.name_label}</dt><dd>{account.full_name.clone()}</dd></div>
                <div><dt>{a.account_type_label}</dt><dd>{(t.account_type)(account.account_type)}</dd></div>
                <div><dt>{a.id_number_generic}</dt><dd>{account.id_number.clone()}</dd></div>
                <div><dt>{a.born_label}</dt><dd>{account.born.clone()}</dd></div>
                <div><dt>{a.email_label}</dt><dd>{account.email.clone()} {verified(account.email_verified)}</dd></div>
                <div><dt>{a.phone_label}</dt><dd>{account.phone.clone()} {verified(account.phone_verified)}</dd></div>
            </dl>
            <p class="button-row">
                <A href="/account/contact" attr:class="button button--secondary">{a.change_contact_title}</A>
                <A href="/account/password" attr:class="button button--secondary">{a.change_password_title}</A>
            </p>

            <h2>{a.roles_heading}</h2>
            <ul>
                {account.roles.iter().map(|(role, agency)| {
                    let name = (a.role_name)(role);
                    view! { <li>{name}{agency.clone().map(|s| format!(" ({s})"))}</li> }
                }).collect_view()}
            </ul>

            <Security account=account.clone() />

            <h2>{t.tracking.prefs_title}</h2>
            <p><A href="/account/notifications">{t.tracking.prefs_link}</A></p>

            <h2>{a.sessions_heading}</h2>
            <p>{(a.sessions_count)(account.sessions)}</p>
            <ActionForm action=everywhere>
                <button class="button button--secondary" type="submit">{a.sign_out_everywhere}</button>
            </ActionForm>

            <h2>{a.activity_heading}</h2>
            <p class="hint">{a.nairobi_time}</p>
            <div class="table-wrap">
                <table class="table">
                    <thead>
                        <tr>
                            <th scope="col">{a.activity_when}</th>
                            <th scope="col">{a.activity_what}</th>
                            <th scope="col">{a.activity_device}</th>
                            <th scope="col">{a.activity_place}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {account.activity.iter().map(|e| view! {
                            <tr>
                                <td>{e.when.clone()}</td>
                                <td>{(a.activity_kind)(&e.kind)}</td>
                                <td>{e.device.clone().unwrap_or_default()}</td>
                                <td>{e.place.clone().unwrap_or_else(|| a.place_unknown.to_string())}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

//! `/staff/admin/staff`: giving a portal account a staff role (officer or supervisor of an
//! agency, an officer limited to one of its services, administrator), and everyone who
//! holds one, with their roles and limits to remove and their account to disable.

use super::{form_problem, kept, AdminHead, Input};
use crate::api::admin::{get_staff_admin, GrantRole, RemoveLimit, RemoveRole, SetAccount};
use crate::components::form::{problem_for, problems_of, ErrorSummary, FormValues};
use crate::components::loaded::loaded;
use crate::i18n::use_lang;
use crate::model::{StaffAdmin, StaffMemberAdmin};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn StaffAdminPage() -> impl IntoView {
    let list = Resource::new(
        || (),
        |_| async move {
            let list = get_staff_admin().await?;
            Ok::<_, crate::error::AppError>((list, kept("grant-role".into()).await))
        },
    );
    view! { {loaded(list, |(list, kept)| view! { <People list kept=FormValues(kept) /> })} }
}

#[component]
fn People(list: StaffAdmin, kept: FormValues) -> impl IntoView {
    let a = use_lang().admin();
    let query = use_query_map();
    let notice = move || {
        let q = query.read();
        ["granted", "removed", "disabled", "enabled"]
            .into_iter()
            .find(|k| q.get(k).is_some())
            .map(|k| (a.staff_done)(k))
    };
    let remove = ServerAction::<RemoveRole>::new();
    let lift = ServerAction::<RemoveLimit>::new();
    let account = ServerAction::<SetAccount>::new();
    let remove_errors = problems_of(remove.value());
    let account_errors = problems_of(account.value());
    let grant = list.clone();
    view! {
        <div class="staff">
            <AdminHead title=a.staff />
            {move || notice().map(|n| view! { <p class="notice notice--success" role="status">{n}</p> })}
            <p class="lead">{a.staff_intro}</p>
            <Grant list=grant kept />
            <h2>{a.members}</h2>
            {form_problem(remove_errors)}
            {form_problem(account_errors)}
            <div class="table-wrap">
                <table class="table">
                    <caption class="visually-hidden">{a.members}</caption>
                    <thead><tr>
                        <th scope="col">{a.person}</th>
                        <th scope="col">{a.roles}</th>
                        <th scope="col">{a.limits}</th>
                        <th scope="col">{a.account}</th>
                    </tr></thead>
                    <tbody>
                        {list.members.into_iter().map(|m| view! { <Member m remove lift account /> }).collect_view()}
                    </tbody>
                </table>
            </div>
        </div>
    }
}

#[component]
fn Member(
    m: StaffMemberAdmin,
    remove: ServerAction<RemoveRole>,
    lift: ServerAction<RemoveLimit>,
    account: ServerAction<SetAccount>,
) -> impl IntoView {
    let a = use_lang().admin();
    let name = m.name.clone();
    view! {
        <tr>
            <td>{m.name.clone()}{m.me.then(|| view! { " " <span class="tag">{a.you}</span> })}<br /><span class="hint">{m.email.clone()}</span></td>
            <td>
                {m.roles.into_iter().map(|(id, label, admin)| {
                    let own = m.me && admin;
                    let aria = format!("{} {} ({})", a.remove_role, label, name);
                    view! {
                        <div class="inline-form">
                            <span>{label}</span>
                            {(!own).then(|| view! {
                                <ActionForm action=remove attr:class="inline-form">
                                    <input type="hidden" name="id" value=id />
                                    <button class="link-button link-button--dark" type="submit" aria-label=aria>{a.remove_role}</button>
                                </ActionForm>
                            })}
                        </div>
                    }
                }).collect_view()}
            </td>
            <td>
                {m.limits.is_empty().then(|| view! { <span class="hint">{a.no_limits}</span> })}
                {m.limits.into_iter().map(|s| {
                    let aria = format!("{} {} ({})", a.remove_limit, s.name, name);
                    view! {
                        <div class="inline-form">
                            <span>{s.name}</span>
                            <ActionForm action=lift attr:class="inline-form">
                                <input type="hidden" name="user" value=m.user_id />
                                <input type="hidden" name="service" value=s.slug />
                                <button class="link-button link-button--dark" type="submit" aria-label=aria>{a.remove_limit}</button>
                            </ActionForm>
                        </div>
                    }
                }).collect_view()}
            </td>
            <td>
                {m.disabled.then(|| view! { <strong class="tag tag--alert">{a.disabled}</strong> })}
                {(!m.me).then(|| {
                    let aria = format!("{} ({})", if m.disabled { a.enable } else { a.disable }, name);
                    view! {
                        <ActionForm action=account attr:class="inline-form">
                            <input type="hidden" name="user" value=m.user_id />
                            <input type="hidden" name="disabled" value=if m.disabled { "false" } else { "true" } />
                            <button class="link-button link-button--dark" type="submit" aria-label=aria>
                                {if m.disabled { a.enable } else { a.disable }}
                            </button>
                        </ActionForm>
                    }
                })}
            </td>
        </tr>
    }
}

#[component]
fn Grant(list: StaffAdmin, kept: FormValues) -> impl IntoView {
    let a = use_lang().admin();
    let s = use_lang().staff();
    let action = ServerAction::<GrantRole>::new();
    let errors = problems_of(action.value());
    let labels = vec![
        ("email", a.email),
        ("role", a.role),
        ("agency", a.agency),
        ("service", a.limit_to),
    ];
    let (role, agency, service) = (kept.get("role"), kept.get("agency"), kept.get("service"));
    let invalid = move |name: &'static str| {
        move || {
            errors
                .with(|e| problem_for(e, name))
                .is_some()
                .then_some("true")
        }
    };
    let error = move |name: &'static str| {
        move || {
            errors.with(|e| problem_for(e, name)).map(|p| {
                view! { <p class="field__error" id=format!("{name}-error")>{use_lang().problem(p)}</p> }
            })
        }
    };
    view! {
        <section class="panel move" aria-labelledby="grant-title">
            <h2 class="h3" id="grant-title">{a.grant_title}</h2>
            {form_problem(errors)}
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="">
                <Input id="email" name="email" label=a.email hint=a.email_hint kind="email" value=kept.get("email") errors />
                <div class="field" class:field--error=move || invalid("role")().is_some()>
                    <label class="field__label" for="role">{a.role}</label>
                    {error("role")}
                    <select class="field__input" id="role" name="role" aria-invalid=invalid("role")>
                        <option value="">{s.choose}</option>
                        {["officer", "supervisor", "administrator"].into_iter().map(|r| view! {
                            <option value=r selected=role == r>{(s.access_role)(r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field" class:field--error=move || invalid("agency")().is_some()>
                    <label class="field__label" for="agency">{a.agency}</label>
                    <p class="field__hint" id="agency-hint">{a.agency_hint}</p>
                    {error("agency")}
                    <select class="field__input" id="agency" name="agency" aria-describedby="agency-hint" aria-invalid=invalid("agency")>
                        <option value="">{s.choose}</option>
                        {list.agencies.into_iter().map(|g| view! {
                            <option value=g.slug.clone() selected=agency == g.slug>{g.name}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field" class:field--error=move || invalid("service")().is_some()>
                    <label class="field__label" for="service">{a.limit_to}<span class="field__optional">" "{use_lang().forms().optional}</span></label>
                    <p class="field__hint" id="service-hint">{a.limit_hint}</p>
                    {error("service")}
                    <select class="field__input" id="service" name="service" aria-describedby="service-hint" aria-invalid=invalid("service")>
                        <option value="">{a.every_service}</option>
                        {list.services.into_iter().map(|(agency_name, offered)| view! {
                            <optgroup label=agency_name>
                                {offered.into_iter().map(|o| view! {
                                    <option value=o.slug.clone() selected=service == o.slug>{o.name}</option>
                                }).collect_view()}
                            </optgroup>
                        }).collect_view()}
                    </select>
                </div>
                <button class="button" type="submit" disabled=move || action.pending().get()>{a.grant}</button>
            </ActionForm>
        </section>
    }
}

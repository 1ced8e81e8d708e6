//! Administering staff: who holds which role (officer or supervisor of an agency, an
//! officer's limit to some services, administrator), and disabling or enabling a staff
//! account. The person is found by the email address of their portal account: staff
//! register like everyone else (with their identity checked), then are given a role.

use crate::error::AppError;
use crate::model::StaffAdmin;
use leptos::prelude::*;

#[server(endpoint = "admin/staff")]
pub async fn get_staff_admin() -> Result<StaffAdmin, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        server::list(&call, &admin).await
    }
    .await;
    call.answer(result)
}

/// Gives `email`'s account `role` (at `agency`; an officer optionally limited to `service`).
#[server(endpoint = "admin/grant-role")]
pub async fn grant_role(
    #[server(default)] email: String,
    #[server(default)] role: String,
    #[server(default)] agency: String,
    #[server(default)] service: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        server::grant(&call, &admin, &email, &role, &agency, &service).await
    }
    .await;
    let values = [
        ("email", email.as_str()),
        ("role", role.as_str()),
        ("agency", agency.as_str()),
        ("service", service.as_str()),
    ];
    let result = call.keep_on_error("grant-role", &values, result).await;
    call.answer(result)?;
    crate::paths::go("/staff/admin/staff?granted=1");
    Ok(())
}

#[server(endpoint = "admin/remove-role")]
pub async fn remove_role(id: i64) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        server::remove(&call, &admin, id).await
    }
    .await;
    let result = call.keep_on_error("staff-list", &[], result).await;
    call.answer(result)?;
    crate::paths::go("/staff/admin/staff?removed=1");
    Ok(())
}

#[server(endpoint = "admin/remove-limit")]
pub async fn remove_limit(user: i64, service: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        server::remove_limit(&call, &admin, user, &service).await
    }
    .await;
    call.answer(result)?;
    crate::paths::go("/staff/admin/staff?removed=1");
    Ok(())
}

/// Disables (`disabled` "true") or enables a staff account.
#[server(endpoint = "admin/set-account")]
pub async fn set_account(user: i64, disabled: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let disable = disabled == "true";
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        server::set_disabled(&call, &admin, user, disable).await
    }
    .await;
    let result = call.keep_on_error("staff-list", &[], result).await;
    call.answer(result)?;
    crate::paths::go(if disable {
        "/staff/admin/staff?disabled=1"
    } else {
        "/staff/admin/staff?enabled=1"
    });
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::staff::access::Staff;
    use crate::auth::Call;
    use crate::data::accounts::users;
    use crate::data::admin::roles::{self, Grant};
    use crate::data::{catalogue::pick, staff};
    use crate::error::AppError;
    use crate::i18n::use_lang;
    use crate::model::{NamedLink, StaffAdmin, StaffMemberAdmin};
    use crate::problem::{Problem, Problems, FORM};

    pub async fn list(call: &Call, admin: &Staff) -> Result<StaffAdmin, AppError> {
        let db = &call.state.db;
        let lang = use_lang();
        let t = lang.staff();
        let limits = roles::limits(db).await?;
        let mut members: Vec<StaffMemberAdmin> = Vec::new();
        for r in roles::members(db).await? {
            let label = match (&r.agency_name_en, &r.agency_name_sw) {
                (Some(en), Some(sw)) => format!(
                    "{} — {}",
                    (t.access_role)(&r.role),
                    pick(lang, en.clone(), sw.clone())
                ),
                _ => (t.access_role)(&r.role).to_string(),
            };
            let role = (r.role_id, label, r.role == "administrator");
            match members.iter_mut().find(|m| m.user_id == r.user_id) {
                Some(m) => m.roles.push(role),
                None => members.push(StaffMemberAdmin {
                    user_id: r.user_id,
                    name: crate::shown::person_name(&r.first_name, r.last_name.as_deref()),
                    email: r.email.clone(),
                    disabled: r.status == "disabled",
                    me: r.user_id == admin.user_id,
                    roles: vec![role],
                    limits: limits
                        .iter()
                        .filter(|l| l.0 == r.user_id)
                        .map(|l| NamedLink {
                            slug: l.2.clone(),
                            name: pick(lang, l.3.clone(), l.4.clone()),
                        })
                        .collect(),
                }),
            }
        }
        let mut agencies = Vec::new();
        let mut services = Vec::new();
        for a in staff::agencies(db).await? {
            let name = a.name(lang).to_string();
            let offered: Vec<NamedLink> = staff::services_of(db, a.id)
                .await?
                .into_iter()
                .map(|s| NamedLink {
                    name: s.name(lang).to_string(),
                    slug: s.slug,
                })
                .collect();
            if !offered.is_empty() {
                services.push((name.clone(), offered));
            }
            agencies.push(NamedLink { slug: a.slug, name });
        }
        Ok(StaffAdmin {
            members,
            agencies,
            services,
        })
    }

    pub async fn grant(
        call: &Call,
        admin: &Staff,
        email: &str,
        role: &str,
        agency: &str,
        service: &str,
    ) -> Result<(), AppError> {
        let db = &call.state.db;
        let mut p = Problems::default();
        let user = match crate::validate::email(email) {
            Ok(email) => match users::by_email(db, &email).await? {
                Some(u) if u.status == "active" => Some(u),
                _ => {
                    p.add("email", Problem::NoSuchAccount);
                    None
                }
            },
            Err(problem) => {
                p.add("email", problem);
                None
            }
        };
        let role = match role {
            "officer" | "supervisor" | "administrator" => Some(role),
            _ => {
                p.add("role", Problem::ChooseOne);
                None
            }
        };
        let agencies = staff::agencies(db).await?;
        let agency_row = agencies.iter().find(|a| a.slug == agency);
        let needs_agency = matches!(role, Some("officer" | "supervisor"));
        if needs_agency && agency_row.is_none() {
            p.add("agency", Problem::Required);
        }
        let mut service_id = None;
        if !service.is_empty() {
            let offered = match agency_row {
                Some(a) => staff::services_of(db, a.id).await?,
                None => Vec::new(),
            };
            match offered.iter().find(|s| s.slug == service) {
                Some(s) if role == Some("officer") => service_id = Some(s.id),
                _ => p.add("service", Problem::ServiceNotOfAgency),
            }
        }
        p.into_result()?;
        let (Some(user), Some(role)) = (user, role) else {
            return Err(AppError::field(FORM, Problem::Required));
        };
        let grant = Grant {
            user_id: user.id,
            role,
            agency_id: if needs_agency {
                agency_row.map(|a| a.id)
            } else {
                None
            },
            service_id,
        };
        let who = admin.who(call, "administrator", None);
        if roles::grant(db, &who, &grant).await? {
            Ok(())
        } else {
            Err(AppError::field("role", Problem::RoleHeld))
        }
    }

    pub async fn remove(call: &Call, admin: &Staff, role_id: i64) -> Result<(), AppError> {
        let db = &call.state.db;
        let own_admin = roles::members(db).await?.iter().any(|r| {
            r.role_id == role_id && r.user_id == admin.user_id && r.role == "administrator"
        });
        if own_admin {
            return Err(AppError::field(FORM, Problem::OwnAdministrator));
        }
        let who = admin.who(call, "administrator", None);
        roles::remove(db, &who, role_id)
            .await?
            .map(|_| ())
            .ok_or(AppError::NotFound)
    }

    pub async fn remove_limit(
        call: &Call,
        admin: &Staff,
        user_id: i64,
        service: &str,
    ) -> Result<(), AppError> {
        let db = &call.state.db;
        let service = crate::data::admin::services::by_slug(db, service)
            .await?
            .ok_or(AppError::NotFound)?;
        let who = admin.who(call, "administrator", None);
        if roles::remove_limit(db, &who, user_id, service.id).await? {
            Ok(())
        } else {
            Err(AppError::NotFound)
        }
    }

    pub async fn set_disabled(
        call: &Call,
        admin: &Staff,
        user_id: i64,
        disabled: bool,
    ) -> Result<(), AppError> {
        if user_id == admin.user_id {
            return Err(AppError::field(FORM, Problem::OwnAdministrator));
        }
        let db = &call.state.db;
        // Only staff accounts are managed here (a citizen's account is not the back
        // office's to switch off).
        if !crate::api::staff::access::is_staff(db, user_id).await? {
            return Err(AppError::NotFound);
        }
        let who = admin.who(call, "administrator", None);
        if roles::set_disabled(db, &who, user_id, disabled).await? {
            Ok(())
        } else {
            Err(AppError::field(FORM, Problem::StaleAction))
        }
    }
}

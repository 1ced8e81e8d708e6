//! Who the caller is as staff, and what they may do to which application.
//!
//! An officer works on the applications of their agencies (all its services, or only
//! those they are limited to); a supervisor on all of their agency's, and may also assign
//! work and act in bulk; an administrator on everything, and manages the catalogue and
//! staff. Staff pages need a session signed in with a second factor.

use crate::auth::client::Client;
use crate::auth::Call;
use crate::data::applications::{self, ApplicationRow};
use crate::data::audit::Who;
use crate::data::{staff, Db};
use crate::error::AppError;
use crate::i18n::Lang;
use serde_json::json;

/// How the caller stands towards one application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    Officer,
    Supervisor,
    Administrator,
}

impl Standing {
    pub fn role(self) -> &'static str {
        match self {
            Standing::Officer => "officer",
            Standing::Supervisor => "supervisor",
            Standing::Administrator => "administrator",
        }
    }

    /// Supervisors and administrators assign work and act in bulk.
    pub fn supervises(self) -> bool {
        self >= Standing::Supervisor
    }
}

/// A post at an agency.
#[derive(Clone, Debug)]
pub struct Post {
    pub agency_id: i64,
    pub slug: String,
    pub name_en: String,
    pub name_sw: String,
    pub supervisor: bool,
}

impl Post {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name_en,
            Lang::Sw => &self.name_sw,
        }
    }
}

/// The caller as staff.
#[derive(Clone, Debug)]
pub struct Staff {
    pub user_id: i64,
    pub admin: bool,
    pub posts: Vec<Post>,
    /// (service id, agency id) an officer is limited to; an agency absent here is open to
    /// them in full.
    pub limited: Vec<(i64, i64)>,
}

impl Staff {
    /// How the caller may act on an application of `service_id` offered by `agency_id`;
    /// None: not at all.
    pub fn standing(&self, agency_id: i64, service_id: i64) -> Option<Standing> {
        if self.admin {
            return Some(Standing::Administrator);
        }
        let post = self.posts.iter().find(|p| p.agency_id == agency_id)?;
        if post.supervisor {
            return Some(Standing::Supervisor);
        }
        let limits: Vec<i64> = self
            .limited
            .iter()
            .filter(|(_, agency)| *agency == agency_id)
            .map(|(service, _)| *service)
            .collect();
        (limits.is_empty() || limits.contains(&service_id)).then_some(Standing::Officer)
    }

    /// How the caller stands at an agency as a whole (the queue, the dashboard).
    pub fn standing_at(&self, agency_id: i64) -> Option<Standing> {
        if self.admin {
            return Some(Standing::Administrator);
        }
        let post = self.posts.iter().find(|p| p.agency_id == agency_id)?;
        Some(if post.supervisor {
            Standing::Supervisor
        } else {
            Standing::Officer
        })
    }

    /// The services of `agency_id` an officer is limited to (None: all of them).
    pub fn within(&self, agency_id: i64) -> Option<Vec<i64>> {
        if self.standing_at(agency_id)? != Standing::Officer {
            return None;
        }
        let limits: Vec<i64> = self
            .limited
            .iter()
            .filter(|(_, agency)| *agency == agency_id)
            .map(|(service, _)| *service)
            .collect();
        (!limits.is_empty()).then_some(limits)
    }

    /// The caller, as the audit log records them acting in `role` for `agency`.
    pub fn who(&self, call: &Call, role: &'static str, agency: Option<&str>) -> Who {
        call.who(self.user_id, role, agency)
    }
}

/// Whether someone holds any staff role (officer, supervisor or administrator).
pub async fn is_staff(db: &Db, user_id: i64) -> Result<bool, AppError> {
    Ok(highest_role(db, user_id).await? != "citizen")
}

/// The highest of someone's roles, for the audit log of their sign-ins.
pub async fn highest_role(db: &Db, user_id: i64) -> Result<&'static str, AppError> {
    let posts = staff::posts(db, user_id).await?;
    let has = |role: &str| posts.iter().any(|p| p.role == role);
    Ok(if has("administrator") {
        "administrator"
    } else if has("supervisor") {
        "supervisor"
    } else if has("officer") {
        "officer"
    } else {
        "citizen"
    })
}

/// The caller as staff: `Unauthorized` when nobody is signed in, `SecondFactorNeeded` for
/// a session without a second factor, `Forbidden` for someone with no staff role.
pub async fn staff(call: &Call) -> Result<Staff, AppError> {
    staff_of_session(&call.state.db, &call.session).await
}

/// [`staff`], for handlers outside server functions (file downloads).
pub async fn staff_of_session(
    db: &Db,
    session: &tower_sessions::Session,
) -> Result<Staff, AppError> {
    let signed = crate::auth::session::signed_in(session)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let rows = staff::posts(db, signed.user_id).await?;
    let admin = rows.iter().any(|p| p.role == "administrator");
    let posts: Vec<Post> = rows
        .into_iter()
        .filter(|p| matches!(p.role.as_str(), "officer" | "supervisor"))
        .filter_map(|p| {
            Some(Post {
                agency_id: p.agency_id?,
                slug: p.agency_slug?,
                name_en: p.agency_name_en?,
                name_sw: p.agency_name_sw?,
                supervisor: p.role == "supervisor",
            })
        })
        .collect();
    if !admin && posts.is_empty() {
        return Err(AppError::Forbidden);
    }
    if !signed.second_factor {
        return Err(AppError::SecondFactorNeeded);
    }
    // A supervisor post at an agency outranks an officer post there.
    let mut merged: Vec<Post> = Vec::with_capacity(posts.len());
    for post in posts {
        match merged.iter_mut().find(|p| p.agency_id == post.agency_id) {
            Some(existing) => existing.supervisor |= post.supervisor,
            None => merged.push(post),
        }
    }
    Ok(Staff {
        user_id: signed.user_id,
        admin,
        posts: merged,
        limited: staff::limited_services(db, signed.user_id).await?,
    })
}

/// The caller if they are an administrator.
pub async fn administrator(call: &Call) -> Result<Staff, AppError> {
    let staff = staff(call).await?;
    if staff.admin {
        Ok(staff)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A sent application the caller may work on, with their standing and the agency (slug)
/// they act for. Drafts and applications outside the caller's posts are `NotFound`; the
/// caller's own application is `Forbidden`, and the attempt audited (separation of
/// duties: staff never work on what they applied for, nor read its internal notes).
pub async fn application(
    call: &Call,
    staff: &Staff,
    public_id: &str,
) -> Result<(ApplicationRow, Standing, String), AppError> {
    application_in(&call.state.db, staff, public_id, &call.client).await
}

/// [`application`], for handlers outside server functions (`client`: the request's).
pub async fn application_in(
    db: &Db,
    staff: &Staff,
    public_id: &str,
    client: &Client,
) -> Result<(ApplicationRow, Standing, String), AppError> {
    let row = applications::by_public_id(db, public_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if matches!(row.status.as_str(), "draft" | "awaiting_payment") {
        return Err(AppError::NotFound);
    }
    let standing = staff
        .standing(row.agency_id, row.service_id)
        .ok_or(AppError::NotFound)?;
    let agency = row.agency_slug.clone();
    if row.user_id == staff.user_id {
        let who = acting_as(staff, client, standing, &agency);
        return Err(
            super::duties::refuse(db, &who, row.id, "refused_own_application", json!({})).await,
        );
    }
    Ok((row, standing, agency))
}

/// The caller as the audit log records them acting on an application of `agency` (an
/// administrator acts for no one agency).
pub fn acting_as(staff: &Staff, client: &Client, standing: Standing, agency: &str) -> Who {
    Who {
        user_id: Some(staff.user_id),
        role: standing.role(),
        agency: (standing != Standing::Administrator).then(|| agency.to_string()),
        ip: client.ip.map(|ip| ip.to_string()),
        device: Some(client.device.clone()),
    }
}

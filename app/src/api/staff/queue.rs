//! The work queue: an agency's sent applications, filtered and paged, and taking work on
//! (claim, release, assign).

use crate::error::AppError;
use crate::model::{QueueFilter, QueuePage};
use leptos::prelude::*;

/// A page of the queue for the filters in the address.
#[server(endpoint = "staff/queue")]
pub async fn get_queue(filter: QueueFilter) -> Result<QueuePage, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = super::access::staff(&call).await?;
        server::page(&call, &staff, filter).await
    }
    .await;
    call.answer(result)
}

/// Takes an unassigned application on (two officers claiming at once: one gets it).
#[server(endpoint = "staff/claim")]
pub async fn claim_application(
    id: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = super::access::staff(&call).await?;
        server::hold(&call, &staff, &id, server::Hold::Claim).await
    }
    .await;
    call.answer(result)?;
    crate::paths::go(&server::back_to(&back, &id));
    Ok(())
}

/// Gives an application back to the queue (its holder, or a supervisor).
#[server(endpoint = "staff/release")]
pub async fn release_application(
    id: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = super::access::staff(&call).await?;
        server::hold(&call, &staff, &id, server::Hold::Release).await
    }
    .await;
    call.answer(result)?;
    crate::paths::go(&server::back_to(&back, &id));
    Ok(())
}

/// Supervisors: gives an application to an officer of the agency.
#[server(endpoint = "staff/assign")]
pub async fn assign_application(
    id: String,
    #[server(default)] to: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = super::access::staff(&call).await?;
        let to = to
            .parse::<i64>()
            .map_err(|_| AppError::field("to", crate::problem::Problem::Required))?;
        server::hold(&call, &staff, &id, server::Hold::AssignTo(to)).await
    }
    .await;
    call.answer(result)?;
    crate::paths::go(&server::back_to(&back, &id));
    Ok(())
}

/// What the queue puts before each ticked application's id in its box's name
/// (`ids[app-<id>]`): the form decoder reads a key starting with a digit as a list index,
/// and refuses the whole form, so an id must not lead.
pub const BULK_ID_PREFIX: &str = "app-";

/// Supervisors: one action on many applications ticked in the queue — give them all to an
/// officer (`action` "assign", `to`), or mark those approved ready for collection at a place
/// (`action` "ready", `place`). Says how many were done and how many could not be.
#[server(endpoint = "staff/bulk")]
pub async fn bulk_action(
    #[server(default)] action: String,
    #[server(default)] to: String,
    #[server(default)] place: String,
    #[server(default)] ids: std::collections::HashMap<String, String>,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = super::access::staff(&call).await?;
        let ids: Vec<String> = ids
            .into_keys()
            .map(|k| match k.strip_prefix(BULK_ID_PREFIX) {
                Some(id) => id.to_string(),
                None => k,
            })
            .collect();
        server::bulk(&call, &staff, &action, &to, &place, &ids).await
    }
    .await;
    let (done, skipped) = call.answer(result)?;
    let back = server::back_to_queue(&back);
    let join = if back.contains('?') { '&' } else { '?' };
    crate::paths::go(&format!("{back}{join}done={done}&skipped={skipped}"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::super::access::{self, Staff, Standing};
    use crate::auth::Call;
    use crate::data::staff::{self as data, Holder, QueueQuery};
    use crate::error::AppError;
    use crate::i18n::use_lang;
    use crate::model::{NamedLink, QueueFilter, QueueItem, QueuePage, StaffMember};
    use crate::shown::nairobi;
    use crate::tracking::Status;
    use chrono::{DateTime, Duration, Utc};

    /// Rows per page.
    pub const PAGE: i64 = 25;

    /// What "open work" means: sent, and not finished.
    pub const OPEN: [&str; 6] = [
        "submitted",
        "processing",
        "info_requested",
        "resubmitted",
        "approved",
        "ready_for_collection",
    ];

    /// Every state a sent application can be in.
    const SENT: [&str; 8] = [
        "submitted",
        "processing",
        "info_requested",
        "resubmitted",
        "approved",
        "rejected",
        "ready_for_collection",
        "collected",
    ];

    /// A cursor is the row's due date (to the nanosecond, as SQLite keeps it) and id:
    /// "2026-12-01T10:00:00.123456789Z~17".
    fn cursor_of(due: DateTime<Utc>, id: i64) -> String {
        format!(
            "{}~{id}",
            due.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true)
        )
    }

    fn parse_cursor(text: &str) -> Option<(DateTime<Utc>, i64)> {
        let (due, id) = text.split_once('~')?;
        let due = DateTime::parse_from_rfc3339(due).ok()?.with_timezone(&Utc);
        Some((due, id.parse().ok()?))
    }

    /// Where a form that changed a holder goes back to: the queue it came from, or the
    /// application.
    pub fn back_to(back: &str, id: &str) -> String {
        if back.starts_with("/staff") && crate::paths::local_path(back).is_some() {
            back.to_string()
        } else {
            format!("/staff/applications/{id}")
        }
    }

    /// Where a bulk action goes back to: the queue it came from, or the queue.
    pub fn back_to_queue(back: &str) -> String {
        if back.starts_with("/staff") && crate::paths::local_path(back).is_some() {
            // Without an earlier result on it.
            let kept: Vec<&str> = back
                .split(['?', '&'])
                .skip(1)
                .filter(|p| !p.starts_with("done=") && !p.starts_with("skipped="))
                .collect();
            let path = back.split('?').next().unwrap_or("/staff");
            if kept.is_empty() {
                path.to_string()
            } else {
                format!("{path}?{}", kept.join("&"))
            }
        } else {
            "/staff".to_string()
        }
    }

    pub async fn staff_members(call: &Call, agency_id: i64) -> Result<Vec<StaffMember>, AppError> {
        Ok(data::staff_of(&call.state.db, agency_id)
            .await?
            .into_iter()
            .map(|(id, first, last)| StaffMember {
                id,
                name: crate::shown::person_name(&first, last.as_deref()),
            })
            .collect())
    }

    pub async fn page(
        call: &Call,
        staff: &Staff,
        mut filter: QueueFilter,
    ) -> Result<QueuePage, AppError> {
        let db = &call.state.db;
        let lang = use_lang();
        // The agencies this person works for (administrators: all).
        let agencies: Vec<data::Named> = if staff.admin {
            data::agencies(db).await?
        } else {
            staff
                .posts
                .iter()
                .map(|p| data::Named {
                    id: p.agency_id,
                    slug: p.slug.clone(),
                    name_en: p.name_en.clone(),
                    name_sw: p.name_sw.clone(),
                })
                .collect()
        };
        // An agency the caller does not work for is refused, not swapped for another.
        let agency = match filter.agency.as_str() {
            "" => agencies.first(),
            slug => agencies.iter().find(|a| a.slug == slug),
        }
        .ok_or(AppError::Forbidden)?
        .clone();
        filter.agency = agency.slug.clone();
        let standing = staff.standing_at(agency.id).ok_or(AppError::Forbidden)?;
        let within = staff.within(agency.id);
        let services: Vec<data::Named> = data::services_of(db, agency.id)
            .await?
            .into_iter()
            .filter(|s| within.as_ref().is_none_or(|w| w.contains(&s.id)))
            .collect();
        let service_id = match filter.service.as_str() {
            "" => None,
            slug => match services.iter().find(|s| s.slug == slug) {
                Some(s) => Some(s.id),
                None => {
                    filter.service.clear();
                    None
                }
            },
        };
        let one_status;
        let statuses: &[&str] = match filter.status.as_str() {
            "" => &OPEN,
            "all" => &SENT,
            code => match Status::from_code(code).filter(|s| SENT.contains(&s.code())) {
                Some(s) => {
                    one_status = [s.code()];
                    &one_status
                }
                None => {
                    filter.status.clear();
                    &OPEN
                }
            },
        };
        let now = Utc::now();
        let older_than = filter
            .older_than
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|d| (1..=3650).contains(d));
        if older_than.is_none() {
            filter.older_than.clear();
        }
        let holder = match filter.holder.as_str() {
            "me" => Holder::User(staff.user_id),
            "nobody" => Holder::Nobody,
            _ => {
                filter.holder.clear();
                Holder::Anyone
            }
        };
        let overdue = filter.overdue == "1";
        if !overdue {
            filter.overdue.clear();
        }
        let descending = filter.sort == "latest";
        if !descending {
            filter.sort.clear();
        }
        let (cursor, backwards) = match (parse_cursor(&filter.after), parse_cursor(&filter.before))
        {
            (Some(c), _) => (Some(c), false),
            (None, Some(c)) => (Some(c), true),
            _ => (None, false),
        };
        let mut rows = data::queue(
            db,
            &QueueQuery {
                agency_id: agency.id,
                within: within.as_deref(),
                service_id,
                statuses,
                submitted_before: older_than.map(|d| now - Duration::days(d)),
                holder,
                due_before: overdue.then_some(now),
                descending,
                cursor,
                backwards,
                // One more than a page says whether there is another.
                limit: PAGE + 1,
            },
        )
        .await?;
        let more = rows.len() as i64 > PAGE;
        if more {
            if backwards {
                rows.remove(0);
            } else {
                rows.truncate(PAGE as usize);
            }
        }
        let next = match (rows.last(), more || backwards) {
            (Some(last), true) => Some(cursor_of(last.due_at, last.id)),
            _ => None,
        };
        let prev = match (rows.first(), cursor.is_some() && (more || !backwards)) {
            (Some(first), true) => Some(cursor_of(first.due_at, first.id)),
            _ => None,
        };
        let items = rows
            .into_iter()
            .map(|r| {
                let status = Status::from_code(&r.status).unwrap_or(Status::Submitted);
                let submitted = r.submitted_at.unwrap_or(r.due_at);
                QueueItem {
                    id: r.public_id,
                    reference: r.reference.unwrap_or_default(),
                    service: match lang {
                        crate::i18n::Lang::En => r.service_name_en,
                        crate::i18n::Lang::Sw => r.service_name_sw,
                    },
                    status,
                    submitted: nairobi(submitted)[..10].to_string(),
                    age_days: (now - submitted).num_days(),
                    due: nairobi(r.due_at)[..10].to_string(),
                    overdue: status.is_pending_decision() && r.due_at < now,
                    holder: r
                        .assignee_first
                        .as_deref()
                        .map(|f| crate::shown::person_name(f, r.assignee_last.as_deref())),
                    mine: r.assigned_to == Some(staff.user_id),
                }
            })
            .collect();
        let supervisor = standing.supervises();
        Ok(QueuePage {
            agency: NamedLink {
                slug: agency.slug.clone(),
                name: agency.name(lang).to_string(),
            },
            agencies: agencies
                .iter()
                .map(|a| NamedLink {
                    slug: a.slug.clone(),
                    name: a.name(lang).to_string(),
                })
                .collect(),
            services: services
                .iter()
                .map(|s| NamedLink {
                    slug: s.slug.clone(),
                    name: s.name(lang).to_string(),
                })
                .collect(),
            filter,
            items,
            next,
            prev,
            supervisor,
            admin: staff.admin,
            staff: if supervisor {
                staff_members(call, agency.id).await?
            } else {
                Vec::new()
            },
            places: if supervisor {
                super::super::work::server::place_groups(call, None, lang).await?
            } else {
                Vec::new()
            },
        })
    }

    /// The most applications one bulk action takes (a page and a bit).
    pub const BULK_MAX: usize = 100;

    /// Does a bulk action; returns (done, skipped). Only supervisors (and administrators);
    /// an application the caller does not supervise, applied for themselves, or that is not
    /// in a state the action fits, is skipped, never half-done.
    pub async fn bulk(
        call: &Call,
        staff: &Staff,
        action: &str,
        to: &str,
        place: &str,
        ids: &[String],
    ) -> Result<(usize, usize), AppError> {
        use crate::problem::Problem;
        if !staff.admin && !staff.posts.iter().any(|p| p.supervisor) {
            return Err(AppError::Forbidden);
        }
        if ids.is_empty() {
            return Err(AppError::field("ids", Problem::Required));
        }
        if ids.len() > BULK_MAX {
            return Err(AppError::field(
                "ids",
                Problem::TooLong {
                    max: BULK_MAX as u32,
                },
            ));
        }
        let (mut done, mut skipped) = (0, 0);
        match action {
            "assign" => {
                let to = to
                    .parse::<i64>()
                    .map_err(|_| AppError::field("to", Problem::Required))?;
                for id in ids {
                    match hold(call, staff, id, Hold::AssignTo(to)).await {
                        Ok(()) => done += 1,
                        Err(AppError::Invalid(p)) if p.iter().any(|e| e.field == "to") => {
                            return Err(AppError::Invalid(p))
                        }
                        Err(_) => skipped += 1,
                    }
                }
            }
            "ready" => {
                if crate::data::places::by_slug(&call.state.db, place)
                    .await?
                    .is_none()
                {
                    return Err(AppError::field("place", Problem::Required));
                }
                let decision = super::super::work::server::Decision {
                    to: "ready_for_collection",
                    note: "",
                    reason: "",
                    place,
                    collector: "",
                    minor: false,
                    guardian: "",
                    ask: Vec::new(),
                };
                for id in ids {
                    let supervises = access::application(call, staff, id)
                        .await
                        .is_ok_and(|(_, standing, _)| standing.supervises());
                    if !supervises {
                        skipped += 1;
                        continue;
                    }
                    match super::super::work::server::decide(call, staff, id, &decision).await {
                        Ok(()) => done += 1,
                        Err(_) => skipped += 1,
                    }
                }
            }
            _ => return Err(AppError::field("action", Problem::Required)),
        }
        Ok((done, skipped))
    }

    pub enum Hold {
        Claim,
        Release,
        AssignTo(i64),
    }

    /// Claims, releases or assigns; each change is audited. Claiming what someone else
    /// holds, or releasing what is not yours (unless you supervise), is refused.
    pub async fn hold(call: &Call, staff: &Staff, id: &str, hold: Hold) -> Result<(), AppError> {
        let (row, standing, agency) = access::application(call, staff, id).await?;
        let db = &call.state.db;
        let (changed, action, to) = match hold {
            Hold::Claim => (
                data::set_holder(db, row.id, Some(staff.user_id), Some(Holder::Nobody)).await?,
                "claimed",
                Some(staff.user_id),
            ),
            Hold::Release => {
                let only_from = if standing.supervises() {
                    None
                } else {
                    Some(Holder::User(staff.user_id))
                };
                (
                    data::set_holder(db, row.id, None, only_from).await?,
                    "released",
                    None,
                )
            }
            Hold::AssignTo(to) => {
                if !standing.supervises() {
                    return Err(AppError::Forbidden);
                }
                // Only to someone who works at the agency.
                let members = data::staff_of(db, row.agency_id).await?;
                if !members.iter().any(|(id, _, _)| *id == to) {
                    return Err(AppError::field("to", crate::problem::Problem::Required));
                }
                // Never to the person who applied (separation of duties).
                if to == row.user_id {
                    let who = access::acting_as(staff, &call.client, standing, &agency);
                    let detail = serde_json::json!({ "to": to });
                    return Err(super::super::duties::refuse(
                        db,
                        &who,
                        row.id,
                        "refused_own_application",
                        detail,
                    )
                    .await);
                }
                (
                    data::set_holder(db, row.id, Some(to), None).await?,
                    "assigned",
                    Some(to),
                )
            }
        };
        if !changed {
            // Someone else claimed it first, or it was not yours to release.
            return Err(AppError::form(crate::problem::Problem::StaleAction));
        }
        let who = staff.who(
            call,
            standing.role(),
            (standing != Standing::Administrator).then_some(agency.as_str()),
        );
        call.audit(
            &who,
            action,
            Some(row.id),
            &format!("application:{}", row.id),
            serde_json::json!({ "to": to }),
        )
        .await
    }
}

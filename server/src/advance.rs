//! `uraia advance <reference> <status>`: moves a sent application on, as the agency would
//! — for operations, demonstrations and tests, until (and beside) the officers' back
//! office. The move is checked against the same table and written the same way as every
//! other (`app::data::tracking::apply`), so the applicant is told and open pages update.

use anyhow::{anyhow, bail, Context};
use app::data::tracking::{self, Applied, NewEvent};
use app::data::{accounts::users, applications, places, Db};
use app::forms::reference::Reference;
use app::tracking::{Actor, Status};

pub struct Advance<'a> {
    pub reference: &'a str,
    pub status: &'a str,
    pub note: Option<&'a str>,
    pub place: Option<&'a str>,
    /// A staff member of the service's agency (email), recorded as the actor.
    pub by: Option<&'a str>,
}

/// Makes the move; returns a line saying what was done.
pub async fn run(db: &Db, a: &Advance<'_>) -> anyhow::Result<String> {
    let reference = Reference::parse(a.reference)
        .map_err(|e| anyhow!("{:?} is not a valid reference: {e:?}", a.reference))?
        .to_string();
    let row = applications::by_reference(db, &reference)
        .await?
        .with_context(|| format!("no application has the reference {reference}"))?;
    let from = Status::from_code(&row.status).context("the application has an unknown status")?;
    let next: Vec<&str> = from.next().map(Status::code).collect();
    let to = Status::from_code(a.status).ok_or_else(|| {
        anyhow!(
            "unknown status {:?}; from {} it can go to: {}",
            a.status,
            from.code(),
            next.join(", ")
        )
    })?;
    let place_id = match a.place {
        Some(slug) => Some(
            places::by_slug(db, slug)
                .await?
                .with_context(|| format!("no place has the slug {slug:?}"))?
                .id,
        ),
        None => None,
    };
    // Recorded in the audit log as made from the command line, by the named staff member
    // (in their role at the service's agency) or by the portal itself.
    let mut who = app::data::audit::Who {
        device: Some("uraia advance (command line)".to_string()),
        ..app::data::audit::Who::SYSTEM
    };
    if let Some(email) = a.by {
        let user = users::by_email(db, &email.to_lowercase())
            .await?
            .with_context(|| format!("no account has the email {email}"))?;
        let agency = agency_of(db, row.service_id).await?;
        let roles = users::roles(db, user.id).await?;
        let role = roles.iter().find_map(|(role, at)| match role.as_str() {
            "administrator" => Some("administrator"),
            "officer" | "supervisor" if at.as_deref() == Some(agency.as_str()) => {
                Some(if role == "officer" {
                    "officer"
                } else {
                    "supervisor"
                })
            }
            _ => None,
        });
        let Some(role) = role else {
            bail!("{email} is not staff of {agency}, which offers this service");
        };
        who.user_id = Some(user.id);
        who.role = role;
        who.agency = (role != "administrator").then_some(agency);
    }
    let note = a.note.map(str::trim).filter(|n| !n.is_empty());
    app::tracking::status::check(from, to, Actor::Officer, note.is_some(), place_id.is_some())
        .map_err(|e| {
            anyhow!(
                "{e}; from {} it can go to: {}",
                from.code(),
                next.join(", ")
            )
        })?;
    let event = NewEvent {
        note,
        place_id,
        ..NewEvent::plain(row.id, from, to, Actor::Officer, &who)
    };
    match tracking::apply(db, &event).await? {
        Applied::Moved(id) => Ok(format!(
            "{reference}: {} -> {} (event {id})",
            from.code(),
            to.code()
        )),
        Applied::Stale => bail!("{reference} changed meanwhile; look again"),
    }
}

async fn agency_of(db: &Db, service_id: i64) -> anyhow::Result<String> {
    let slug: String = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT a.slug FROM services s JOIN agencies a ON a.id = s.agency_id WHERE s.id = $1"
    )
    .bind(service_id)
    .fetch_one(pool)
    .await)?;
    Ok(slug)
}

//! Status changes of sent applications, and their events.
//!
//! Every status change goes with an event row written in the same transaction, by
//! [`insert_event!`], which first checks the move against the one table in
//! `tracking::status` — sending (`invoices`), paying (`payments`) and every later move
//! ([`apply`]) all pass through it. The status itself is changed by a conditional update
//! (`WHERE status = <from>`), so two people racing make one move, not two.
//!
//! The events are what the live pages, the notifier and the public tracking page read.

use crate::data::Db;
use crate::tracking::{Actor, Status};
use crate::with_pool;
use chrono::{DateTime, Duration, Utc};

/// An event to write with a status change.
#[derive(Clone, Copy, Debug)]
pub struct NewEvent<'a> {
    pub application_id: i64,
    pub from: Status,
    pub to: Status,
    pub by: Actor,
    /// Who made the move, for the event and the audit log (`Who::SYSTEM` for the portal).
    pub who: &'a crate::data::audit::Who,
    pub note: Option<&'a str>,
    pub place_id: Option<i64>,
    /// A refusal's reason (a code from `tracking::reasons`).
    pub reason: Option<&'a str>,
    /// The questions a request for information asks again (JSON array of keys).
    pub requested: Option<&'a str>,
    /// Who must hold the application for the move to happen, checked in the same
    /// conditional update as its status (so a reassignment meanwhile stops the move).
    pub held_by: HeldBy,
}

/// Who must hold an application (`applications.assigned_to`) for a move to be made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeldBy {
    /// Anyone or nobody (the applicant's and the portal's moves, and what supervisors
    /// may do over an officer's head).
    Anyone,
    /// This staff member.
    User(i64),
    /// This staff member, or nobody yet (starting on an application takes it on).
    UserOrNobody(i64),
}

impl HeldBy {
    /// Whether an application held by `holder` may be moved.
    pub fn allows(self, holder: Option<i64>) -> bool {
        match self {
            HeldBy::Anyone => true,
            HeldBy::User(id) => holder == Some(id),
            HeldBy::UserOrNobody(id) => holder.is_none_or(|h| h == id),
        }
    }

    /// The condition on `applications` (its `$5` bound to [`HeldBy::user`]).
    fn condition(self) -> &'static str {
        match self {
            HeldBy::Anyone => "",
            HeldBy::User(_) => " AND assigned_to = $5",
            HeldBy::UserOrNobody(_) => " AND (assigned_to IS NULL OR assigned_to = $5)",
        }
    }

    fn user(self) -> Option<i64> {
        match self {
            HeldBy::Anyone => None,
            HeldBy::User(id) | HeldBy::UserOrNobody(id) => Some(id),
        }
    }
}

impl<'a> NewEvent<'a> {
    /// A move with nothing attached (no note, place, reason or questions).
    pub fn plain(
        application_id: i64,
        from: Status,
        to: Status,
        by: Actor,
        who: &'a crate::data::audit::Who,
    ) -> NewEvent<'a> {
        NewEvent {
            application_id,
            from,
            to,
            by,
            who,
            note: None,
            place_id: None,
            reason: None,
            requested: None,
            held_by: HeldBy::Anyone,
        }
    }
}

/// Writes `$event` (a `&NewEvent`) inside the transaction `$tx` after checking the move
/// against the table, with its audit entry; evaluates to the event's id. A move the table
/// refuses is an error (a bug in the caller, never a person's mistake: people's moves are
/// checked before). Reaching Submitted starts the service-level clock (`due_at`: the
/// service's longest processing time from now).
#[macro_export]
macro_rules! insert_event {
    ($tx:ident, $event:expr, $now:expr) => {{
        let event: &$crate::data::tracking::NewEvent = $event;
        $crate::tracking::status::check(
            event.from,
            event.to,
            event.by,
            event.note.is_some(),
            event.place_id.is_some(),
        )
        .map_err(|e| sqlx::Error::Protocol(e.to_string()))?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO application_events (application_id, from_status, to_status, actor, \
             actor_user_id, note, place_id, reason, requested, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
        )
        .bind(event.application_id)
        .bind(event.from.code())
        .bind(event.to.code())
        .bind(event.by.code())
        .bind(event.who.user_id)
        .bind(event.note)
        .bind(event.place_id)
        .bind(event.reason)
        .bind(event.requested)
        .bind($now)
        .fetch_one(&mut *$tx)
        .await?;
        if event.to == $crate::tracking::Status::Submitted {
            let days: i64 = sqlx::query_scalar(
                "SELECT s.processing_days_max FROM services s \
                 JOIN applications a ON a.service_id = s.id WHERE a.id = $1",
            )
            .bind(event.application_id)
            .fetch_one(&mut *$tx)
            .await?;
            sqlx::query("UPDATE applications SET due_at = $1 WHERE id = $2")
                .bind($now + chrono::Duration::days(days))
                .bind(event.application_id)
                .execute(&mut *$tx)
                .await?;
        }
        let detail = serde_json::json!({
            "event": id,
            "from": event.from.code(),
            "to": event.to.code(),
        })
        .to_string();
        let subject = format!("application:{}", event.application_id);
        $crate::audit_append!(
            $tx,
            &$crate::data::audit::Entry {
                who: event.who,
                action: "status_changed",
                application_id: Some(event.application_id),
                subject: &subject,
                detail: &detail,
            },
            $now
        );
        id
    }};
}

/// What [`apply`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// Moved; the new event's id.
    Moved(i64),
    /// The application was no longer in the `from` state (someone else moved it first, or
    /// the same request came twice), or no longer held as the move needs: nothing changed.
    Stale,
}

/// Who collected a document (recorded with the move to Collected).
#[derive(Clone, Copy, Debug)]
pub struct Collection<'a> {
    pub collector_id_number: &'a str,
    pub guardian_id_number: Option<&'a str>,
    pub recorded_by: i64,
}

/// What a move writes besides the status and its event, in the same transaction.
#[derive(Clone, Copy, Debug)]
pub enum With<'a> {
    Nothing,
    /// Who collected the document (the move to Collected).
    Collection(Collection<'a>),
    /// The applicant's changed answers (JSON), answering a request for information.
    Answers(&'a str),
}

/// Moves an application from `event.from` to `event.to` and records the event, in one
/// transaction. The caller has checked who may do this (the table is checked here too).
pub async fn apply(db: &Db, event: &NewEvent<'_>) -> Result<Applied, sqlx::Error> {
    apply_with(db, event, With::Nothing).await
}

/// [`apply`], writing `with` in the same transaction.
pub async fn apply_with(
    db: &Db,
    event: &NewEvent<'_>,
    with: With<'_>,
) -> Result<Applied, sqlx::Error> {
    let now = Utc::now();
    let sql = format!(
        "UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4{}",
        event.held_by.condition()
    );
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let query = sqlx::query(&sql)
            .bind(event.to.code())
            .bind(now)
            .bind(event.application_id)
            .bind(event.from.code());
        let query = match event.held_by.user() {
            Some(user) => query.bind(user),
            None => query,
        };
        let moved = query.execute(&mut *tx).await?.rows_affected();
        if moved != 1 {
            return Ok(Applied::Stale);
        }
        let id = insert_event!(tx, event, now);
        if let With::Answers(answers) = with {
            sqlx::query("UPDATE applications SET answers = $1 WHERE id = $2")
                .bind(answers)
                .bind(event.application_id)
                .execute(&mut *tx)
                .await?;
        }
        if let With::Collection(c) = with {
            sqlx::query(
                "INSERT INTO collections (application_id, event_id, collector_id_number, \
                 guardian_id_number, recorded_by, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $6)",
            )
            .bind(event.application_id)
            .bind(id)
            .bind(c.collector_id_number)
            .bind(c.guardian_id_number)
            .bind(c.recorded_by)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok(Applied::Moved(id))
    })
}

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct EventRow {
    pub id: i64,
    pub application_id: i64,
    pub from_status: String,
    pub to_status: String,
    pub actor: String,
    pub actor_user_id: Option<i64>,
    pub note: Option<String>,
    pub place_id: Option<i64>,
    pub reason: Option<String>,
    pub requested: Option<String>,
    pub created_at: DateTime<Utc>,
}

impl EventRow {
    pub fn to(&self) -> Option<Status> {
        Status::from_code(&self.to_status)
    }

    pub fn actor(&self) -> Option<Actor> {
        Actor::from_code(&self.actor)
    }

    /// The question keys a request for information asked again.
    pub fn requested_keys(&self) -> Vec<String> {
        self.requested
            .as_deref()
            .and_then(|r| serde_json::from_str(r).ok())
            .unwrap_or_default()
    }
}

const COLUMNS: &str = "id, application_id, from_status, to_status, actor, actor_user_id, note, \
     place_id, reason, requested, created_at";

/// An application's events after `after` (0: all), oldest first.
pub async fn events(
    db: &Db,
    application_id: i64,
    after: i64,
) -> Result<Vec<EventRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM application_events WHERE application_id = $1 AND id > $2 ORDER BY id"
    );
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(application_id)
        .bind(after)
        .fetch_all(pool)
        .await)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<EventRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM application_events WHERE id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// Events after `after` of any application, as (event id, application id): what the
/// SQLite watcher announces to the live pages.
pub async fn since(db: &Db, after: i64, limit: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, application_id FROM application_events WHERE id > $1 ORDER BY id LIMIT $2"
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await)
}

/// The newest event's id (0 when there is none).
pub async fn last_id(db: &Db) -> Result<i64, sqlx::Error> {
    let id: Option<i64> = with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT MAX(id) FROM application_events"
    )
    .fetch_one(pool)
    .await)?;
    Ok(id.unwrap_or(0))
}

/// Claims up to `limit` events whose messages are not queued yet, for a minute (several
/// instances share the work; a crashed one's claim runs out).
pub async fn claim_unnotified(db: &Db, limit: i64) -> Result<Vec<EventRow>, sqlx::Error> {
    let now = Utc::now();
    let lease = now + Duration::minutes(1);
    let sql = format!(
        "UPDATE application_events SET locked_until = $1, updated_at = $2 \
         WHERE id IN (SELECT id FROM application_events WHERE notified_at IS NULL \
                      AND (locked_until IS NULL OR locked_until < $2) ORDER BY id LIMIT $3) \
           AND notified_at IS NULL AND (locked_until IS NULL OR locked_until < $2) \
         RETURNING {COLUMNS}"
    );
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(lease)
        .bind(now)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

pub async fn mark_notified(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| sqlx::query(
        "UPDATE application_events SET notified_at = $1, locked_until = NULL, updated_at = $1 \
         WHERE id = $2"
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
}

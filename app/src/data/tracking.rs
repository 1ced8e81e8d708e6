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
    pub actor_user_id: Option<i64>,
    pub note: Option<&'a str>,
    pub place_id: Option<i64>,
}

/// Writes `$event` (a `&NewEvent`) inside the transaction `$tx` after checking the move
/// against the table; evaluates to the event's id. A move the table refuses is an error
/// (a bug in the caller, never a person's mistake: people's moves are checked before).
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
             actor_user_id, note, place_id, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
        )
        .bind(event.application_id)
        .bind(event.from.code())
        .bind(event.to.code())
        .bind(event.by.code())
        .bind(event.actor_user_id)
        .bind(event.note)
        .bind(event.place_id)
        .bind($now)
        .fetch_one(&mut *$tx)
        .await?;
        id
    }};
}

/// What [`apply`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Applied {
    /// Moved; the new event's id.
    Moved(i64),
    /// The application was no longer in the `from` state (someone else moved it first, or
    /// the same request came twice): nothing changed.
    Stale,
}

/// Moves an application from `event.from` to `event.to` and records the event, in one
/// transaction. The caller has checked who may do this (the table is checked here too).
pub async fn apply(db: &Db, event: &NewEvent<'_>) -> Result<Applied, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let moved = sqlx::query(
            "UPDATE applications SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
        )
        .bind(event.to.code())
        .bind(now)
        .bind(event.application_id)
        .bind(event.from.code())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            return Ok(Applied::Stale);
        }
        let id = insert_event!(tx, event, now);
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
    pub note: Option<String>,
    pub place_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

impl EventRow {
    pub fn to(&self) -> Option<Status> {
        Status::from_code(&self.to_status)
    }

    pub fn actor(&self) -> Option<Actor> {
        Actor::from_code(&self.actor)
    }
}

const SELECT: &str = "SELECT id, application_id, from_status, to_status, actor, note, place_id, \
     created_at FROM application_events";

/// An application's events after `after` (0: all), oldest first.
pub async fn events(
    db: &Db,
    application_id: i64,
    after: i64,
) -> Result<Vec<EventRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE application_id = $1 AND id > $2 ORDER BY id");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(application_id)
        .bind(after)
        .fetch_all(pool)
        .await)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<EventRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE id = $1");
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
    with_pool!(db, |pool| sqlx::query_as(
        "UPDATE application_events SET locked_until = $1, updated_at = $2 \
         WHERE id IN (SELECT id FROM application_events WHERE notified_at IS NULL \
                      AND (locked_until IS NULL OR locked_until < $2) ORDER BY id LIMIT $3) \
           AND notified_at IS NULL AND (locked_until IS NULL OR locked_until < $2) \
         RETURNING id, application_id, from_status, to_status, actor, note, place_id, created_at"
    )
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

//! The account activity log: what happened on an account, shown to its owner.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct EventRow {
    pub kind: String,
    pub ip: Option<String>,
    pub device: Option<String>,
    pub place: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn record(
    db: &Db,
    user_id: i64,
    kind: &str,
    ip: Option<&str>,
    device: Option<&str>,
    place: Option<&str>,
) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| sqlx::query(
        "INSERT INTO account_events (user_id, kind, ip, device, place, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6)"
    )
    .bind(user_id)
    .bind(kind)
    .bind(ip)
    .bind(device)
    .bind(place)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

pub async fn recent(db: &Db, user_id: i64, limit: i64) -> Result<Vec<EventRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT kind, ip, device, place, created_at FROM account_events \
         WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2"
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await)
}

/// How many events of a kind an account had since a time (e.g. failed sign-ins).
pub async fn count_since(
    db: &Db,
    user_id: i64,
    kind: &str,
    since: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM account_events WHERE user_id = $1 AND kind = $2 AND created_at > $3"
    )
    .bind(user_id)
    .bind(kind)
    .bind(since)
    .fetch_one(pool)
    .await)
}

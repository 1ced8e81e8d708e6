//! Server-side sessions (the store behind tower-sessions). Rows are keyed by a SHA-256 of
//! the session id, so a copy of the table cannot be replayed as cookies. Ending a session
//! deletes its row, and that is final: rows are only ever inserted for a new session id
//! and updated while they exist, never written back once gone.

use super::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

pub struct SessionRow {
    pub data: String,
    pub expires_at: DateTime<Utc>,
}

/// Inserts a new session; false when the id is already taken (astronomically unlikely).
pub async fn insert(
    db: &Db,
    key: &str,
    user_id: Option<i64>,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = with_pool!(db, |pool| sqlx::query(
        "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (id) DO NOTHING"
    )
    .bind(key)
    .bind(user_id)
    .bind(data)
    .bind(expires_at)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

/// Saves an existing session: update only, never insert. A session ended meanwhile
/// (signed out, "sign out everywhere", a password change or reset, a disabled account)
/// has no row any more, and a request that loaded it before then must not write it back.
/// False when there was no row to update.
pub async fn update(
    db: &Db,
    key: &str,
    user_id: Option<i64>,
    data: &str,
    expires_at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = with_pool!(db, |pool| sqlx::query(
        "UPDATE sessions SET user_id = $2, data = $3, expires_at = $4, updated_at = $5 \
         WHERE id = $1"
    )
    .bind(key)
    .bind(user_id)
    .bind(data)
    .bind(expires_at)
    .bind(Utc::now())
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

/// What makes a session row usable: not expired, and either anonymous or of an account
/// that is still active (a disabled or deleted account's sessions are ended at once, even
/// one written back by a request that was in flight when the account was disabled).
const LIVE: &str = "s.id = $1 AND s.expires_at > $2 AND (s.user_id IS NULL OR EXISTS \
     (SELECT 1 FROM users u WHERE u.id = s.user_id AND u.status = 'active'))";

pub async fn load(
    db: &Db,
    key: &str,
    now: DateTime<Utc>,
) -> Result<Option<SessionRow>, sqlx::Error> {
    let sql = format!("SELECT s.data, s.expires_at FROM sessions s WHERE {LIVE}");
    let row: Option<(String, DateTime<Utc>)> = with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(key)
        .bind(now)
        .fetch_optional(pool)
        .await)?;
    Ok(row.map(|(data, expires_at)| SessionRow { data, expires_at }))
}

/// Whether a session is still usable (what [`load`] would find), for a long-lived
/// response such as an event stream to check now and then.
pub async fn alive(db: &Db, key: &str, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let sql = format!("SELECT COUNT(*) FROM sessions s WHERE {LIVE}");
    let n: i64 = with_pool!(db, |pool| sqlx::query_scalar(&sql)
        .bind(key)
        .bind(now)
        .fetch_one(pool)
        .await)?;
    Ok(n > 0)
}

pub async fn delete(db: &Db, key: &str) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(key)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Ends every session of a person, except `keep` (the one making the request) if given.
pub async fn delete_for_user(
    db: &Db,
    user_id: i64,
    keep: Option<&str>,
) -> Result<u64, sqlx::Error> {
    let done = with_pool!(db, |pool| sqlx::query(
        "DELETE FROM sessions WHERE user_id = $1 AND id <> $2"
    )
    .bind(user_id)
    .bind(keep.unwrap_or(""))
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done)
}

/// How many live sessions a person has (shown on the account page).
pub async fn count_for_user(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM sessions WHERE user_id = $1 AND expires_at > $2"
    )
    .bind(user_id)
    .bind(Utc::now())
    .fetch_one(pool)
    .await)
}

/// Removes expired sessions; run periodically by the server.
pub async fn delete_expired(db: &Db) -> Result<u64, sqlx::Error> {
    let done = with_pool!(db, |pool| sqlx::query(
        "DELETE FROM sessions WHERE expires_at <= $1"
    )
    .bind(Utc::now())
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done)
}

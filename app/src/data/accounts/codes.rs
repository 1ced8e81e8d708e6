//! One-time codes and tokens, stored as keyed hashes only.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

/// An open code whose try was just counted.
#[derive(sqlx::FromRow)]
pub struct CodeRow {
    pub id: i64,
    pub code_hash: String,
    /// Tries counted so far, this one included.
    pub attempts: i32,
    /// Set when the code is only accepted in the session that asked for it.
    pub session_hash: Option<String>,
}

/// When the newest code still open (not used, not replaced) for this person, purpose and
/// channel was made: the resend cool-down applies to it. A code already used does not hold
/// back the next sign-in's code.
pub async fn last_issued(
    db: &Db,
    user_id: i64,
    purpose: &str,
    channel: &str,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_scalar(
            "SELECT MAX(created_at) FROM one_time_codes \
         WHERE user_id = $1 AND purpose = $2 AND channel = $3 AND consumed_at IS NULL",
        )
        .bind(user_id)
        .bind(purpose)
        .bind(channel)
        .fetch_one(pool)
        .await
    })
}

/// A new code, before it is stored.
pub struct NewCode<'a> {
    pub user_id: i64,
    pub purpose: &'a str,
    pub channel: &'a str,
    pub code_hash: &'a str,
    pub session_hash: Option<&'a str>,
    pub expires_at: DateTime<Utc>,
}

/// Replaces any open code for this purpose with a new one.
pub async fn replace(db: &Db, code: &NewCode<'_>, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE one_time_codes SET consumed_at = $1, updated_at = $1 \
             WHERE user_id = $2 AND purpose = $3 AND consumed_at IS NULL",
        )
        .bind(now)
        .bind(code.user_id)
        .bind(code.purpose)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO one_time_codes (user_id, purpose, channel, code_hash, session_hash, \
             expires_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
        )
        .bind(code.user_id)
        .bind(code.purpose)
        .bind(code.channel)
        .bind(code.code_hash)
        .bind(code.session_hash)
        .bind(code.expires_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })
}

/// Counts a try at the newest open code for this person and purpose before it is compared,
/// in one conditional update: parallel tries cannot get past `max` between them. `None`
/// when there is no open code, it has expired, or its tries are used up.
pub async fn take_attempt(
    db: &Db,
    user_id: i64,
    purpose: &str,
    now: DateTime<Utc>,
    max: i32,
) -> Result<Option<CodeRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "UPDATE one_time_codes SET attempts = attempts + 1, updated_at = $3 \
         WHERE id = (SELECT id FROM one_time_codes \
                     WHERE user_id = $1 AND purpose = $2 AND consumed_at IS NULL \
                     ORDER BY id DESC LIMIT 1) \
           AND consumed_at IS NULL AND expires_at > $3 AND attempts < $4 \
         RETURNING id, code_hash, attempts, session_hash"
    )
    .bind(user_id)
    .bind(purpose)
    .bind(now)
    .bind(max)
    .fetch_optional(pool)
    .await)
}

/// Uses up a code; false if another request used it first.
pub async fn consume(db: &Db, id: i64, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let done = with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE one_time_codes SET consumed_at = $1, updated_at = $1 WHERE id = $2 AND consumed_at IS NULL"
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected()
    });
    Ok(done == 1)
}

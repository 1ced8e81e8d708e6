//! One-time codes and tokens, stored as keyed hashes only.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
pub struct CodeRow {
    pub id: i64,
    pub code_hash: String,
    pub attempts: i32,
    pub expires_at: DateTime<Utc>,
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

/// Replaces any open code for this purpose with a new one.
pub async fn replace(
    db: &Db,
    user_id: i64,
    purpose: &str,
    channel: &str,
    code_hash: &str,
    now: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE one_time_codes SET consumed_at = $1, updated_at = $1 \
             WHERE user_id = $2 AND purpose = $3 AND consumed_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .bind(purpose)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO one_time_codes (user_id, purpose, channel, code_hash, expires_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $6)",
        )
        .bind(user_id)
        .bind(purpose)
        .bind(channel)
        .bind(code_hash)
        .bind(expires_at)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })
}

/// The open code for this person and purpose, if any.
pub async fn open(db: &Db, user_id: i64, purpose: &str) -> Result<Option<CodeRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, code_hash, attempts, expires_at FROM one_time_codes \
         WHERE user_id = $1 AND purpose = $2 AND consumed_at IS NULL \
         ORDER BY id DESC LIMIT 1"
    )
    .bind(user_id)
    .bind(purpose)
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

pub async fn count_attempt(db: &Db, id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE one_time_codes SET attempts = attempts + 1, updated_at = $1 WHERE id = $2"
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

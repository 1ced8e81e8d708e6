//! Wrong second factors and one-time codes per account (the `factor_attempts` row): the
//! count a lock is decided on. Every change is one conditional statement, so parallel tries
//! on any number of instances cannot count past the limit.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

/// A try that was let through: the failures counted with it, and the locks before it.
#[derive(Clone, Copy, Debug, sqlx::FromRow)]
pub struct Slot {
    pub failures: i32,
    pub locks: i32,
}

/// Counts a try before its code is compared. `None` when the account's codes are locked (a
/// lock still running, or `max` tries already taken). A lock that has ended starts the count
/// again. The try that reaches `max` sets a lock ending at `provisional_until` at once, so
/// no other try gets in while it is compared; [`lock`] then sets the lock's real length,
/// and [`clear`] lifts it if that last try was right.
pub async fn take(
    db: &Db,
    user_id: i64,
    now: DateTime<Utc>,
    max: i32,
    provisional_until: DateTime<Utc>,
) -> Result<Option<Slot>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query(
            "INSERT INTO factor_attempts (user_id, created_at, updated_at) VALUES ($1, $2, $2) \
             ON CONFLICT (user_id) DO NOTHING",
        )
        .bind(user_id)
        .bind(now)
        .execute(pool)
        .await?;
        // In SET, every column still holds its value from before the update.
        sqlx::query_as(
            "UPDATE factor_attempts SET \
                 failures = CASE WHEN locked_until IS NULL THEN failures + 1 ELSE 1 END, \
                 locked_until = CASE \
                     WHEN (CASE WHEN locked_until IS NULL THEN failures + 1 ELSE 1 END) >= $3 \
                     THEN $4 ELSE NULL END, \
                 updated_at = $2 \
             WHERE user_id = $1 \
               AND ((locked_until IS NULL AND failures < $3) OR locked_until <= $2) \
             RETURNING failures, locks",
        )
        .bind(user_id)
        .bind(now)
        .bind(max)
        .bind(provisional_until)
        .fetch_optional(pool)
        .await
    })
}

/// Locks the account's codes until `until` after the try that reached `max` failed, and
/// counts the lock. False when a right code cleared the count meanwhile.
pub async fn lock(
    db: &Db,
    user_id: i64,
    max: i32,
    until: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let done = with_pool!(db, |pool| sqlx::query(
        "UPDATE factor_attempts SET locked_until = $3, locks = locks + 1, updated_at = $4 \
         WHERE user_id = $1 AND failures >= $2"
    )
    .bind(user_id)
    .bind(max)
    .bind(until)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

/// A right code: the count, the lock and the lock history start again.
pub async fn clear(db: &Db, user_id: i64, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE factor_attempts SET failures = 0, locks = 0, locked_until = NULL, \
         updated_at = $2 WHERE user_id = $1"
    )
    .bind(user_id)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

/// When the account's codes are locked until, if they are.
pub async fn locked_until(
    db: &Db,
    user_id: i64,
    now: DateTime<Utc>,
) -> Result<Option<DateTime<Utc>>, sqlx::Error> {
    let until: Option<Option<DateTime<Utc>>> = with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT locked_until FROM factor_attempts WHERE user_id = $1 AND locked_until > $2"
    )
    .bind(user_id)
    .bind(now)
    .fetch_optional(pool)
    .await)?;
    Ok(until.flatten())
}

//! Second factors: the authenticator-app secret, recovery codes and remembered devices.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

pub struct Totp {
    pub secret: String,
    pub last_used_step: Option<i64>,
}

pub async fn totp(db: &Db, user_id: i64) -> Result<Option<Totp>, sqlx::Error> {
    let row: Option<(String, Option<i64>)> = with_pool!(db, |pool| sqlx::query_as(
        "SELECT secret, last_used_step FROM totp_secrets WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await)?;
    Ok(row.map(|(secret, last_used_step)| Totp {
        secret,
        last_used_step,
    }))
}

/// Replaces a person's recovery codes inside a transaction (one body for both backends).
macro_rules! put_recovery_codes {
    ($tx:expr, $user_id:expr, $hashes:expr, $now:expr) => {{
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind($user_id)
            .execute(&mut *$tx)
            .await?;
        for hash in $hashes {
            sqlx::query(
                "INSERT INTO recovery_codes (user_id, code_hash, created_at, updated_at) VALUES ($1, $2, $3, $3)",
            )
            .bind($user_id)
            .bind(hash)
            .bind($now)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

/// Stores a confirmed authenticator secret and a fresh set of recovery codes together.
pub async fn enrol_totp(
    db: &Db,
    user_id: i64,
    secret: &str,
    step: i64,
    recovery_hashes: &[String],
) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "INSERT INTO totp_secrets (user_id, secret, last_used_step, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
             ON CONFLICT (user_id) DO UPDATE SET secret = excluded.secret, last_used_step = excluded.last_used_step, updated_at = excluded.updated_at",
        )
        .bind(user_id)
        .bind(secret)
        .bind(step)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        put_recovery_codes!(tx, user_id, recovery_hashes, now);
        tx.commit().await
    })
}

/// Replaces the person's recovery codes with a new set (the old ones stop working).
pub async fn replace_recovery_codes(
    db: &Db,
    user_id: i64,
    recovery_hashes: &[String],
) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        put_recovery_codes!(tx, user_id, recovery_hashes, now);
        tx.commit().await
    })
}

/// Removes the authenticator and the recovery codes.
pub async fn remove_totp(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM totp_secrets WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await
    })
}

/// Accepts a time step once: false if this step (or a later one) was already used.
pub async fn use_totp_step(db: &Db, user_id: i64, step: i64) -> Result<bool, sqlx::Error> {
    let done = with_pool!(db, |pool| sqlx::query(
        "UPDATE totp_secrets SET last_used_step = $1, updated_at = $2 \
         WHERE user_id = $3 AND (last_used_step IS NULL OR last_used_step < $1)"
    )
    .bind(step)
    .bind(Utc::now())
    .bind(user_id)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

/// Uses up a recovery code; false if it is not one of the person's unused codes.
pub async fn use_recovery_code(db: &Db, user_id: i64, hash: &str) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let done = with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE recovery_codes SET used_at = $1, updated_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL"
    )
    .bind(now)
    .bind(user_id)
    .bind(hash)
    .execute(pool)
    .await?
    .rows_affected()
    });
    Ok(done == 1)
}

pub async fn recovery_codes_left(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL"
    )
    .bind(user_id)
    .fetch_one(pool)
    .await)
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct DeviceRow {
    pub id: i64,
    pub device: String,
    pub expires_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
}

pub async fn remember_device(
    db: &Db,
    user_id: i64,
    token_hash: &str,
    device: &str,
    expires_at: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO remembered_devices (user_id, token_hash, device, expires_at, last_used_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5, $5)"
    )
    .bind(user_id)
    .bind(token_hash)
    .bind(device)
    .bind(expires_at)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    })
}

/// Whether this device token is remembered for this person (and notes its use).
pub async fn device_is_remembered(
    db: &Db,
    user_id: i64,
    token_hash: &str,
) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let done = with_pool!(db, |pool| sqlx::query(
        "UPDATE remembered_devices SET last_used_at = $1, updated_at = $1 \
         WHERE user_id = $2 AND token_hash = $3 AND expires_at > $1"
    )
    .bind(now)
    .bind(user_id)
    .bind(token_hash)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

pub async fn remembered_devices(db: &Db, user_id: i64) -> Result<Vec<DeviceRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, device, expires_at, last_used_at FROM remembered_devices \
         WHERE user_id = $1 AND expires_at > $2 ORDER BY last_used_at DESC"
    )
    .bind(user_id)
    .bind(Utc::now())
    .fetch_all(pool)
    .await)
}

/// Forgets remembered devices: one (by id) or, with `None`, all of them.
pub async fn forget_devices(db: &Db, user_id: i64, id: Option<i64>) -> Result<u64, sqlx::Error> {
    let done = with_pool!(db, |pool| {
        sqlx::query(
        "DELETE FROM remembered_devices WHERE user_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2)"
    )
    .bind(user_id)
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected()
    });
    Ok(done)
}

//! Passkeys: a person's WebAuthn credentials, kept as webauthn-rs serialises them.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct PasskeyRow {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub passkey: String,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The handle every passkey of this person carries, if they have one.
pub async fn user_handle(db: &Db, user_id: i64) -> Result<Option<String>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT user_handle FROM passkeys WHERE user_id = $1 ORDER BY id LIMIT 1"
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await)
}

pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<PasskeyRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, user_id, name, passkey, created_at, last_used_at FROM passkeys \
         WHERE user_id = $1 ORDER BY created_at, id"
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)
}

/// The passkey with this credential id, if it belongs to the person with this handle.
pub async fn by_credential(
    db: &Db,
    user_handle: &str,
    credential_id: &str,
) -> Result<Option<PasskeyRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, user_id, name, passkey, created_at, last_used_at FROM passkeys \
         WHERE user_handle = $1 AND credential_id = $2"
    )
    .bind(user_handle)
    .bind(credential_id)
    .fetch_optional(pool)
    .await)
}

/// Stores a new passkey; false when the credential is already registered (to anyone).
pub async fn insert(
    db: &Db,
    user_id: i64,
    user_handle: &str,
    credential_id: &str,
    name: &str,
    passkey: &str,
) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let done = with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO passkeys (user_id, user_handle, credential_id, name, passkey, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (credential_id) DO NOTHING"
    )
    .bind(user_id)
    .bind(user_handle)
    .bind(credential_id)
    .bind(name)
    .bind(passkey)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected()
    });
    Ok(done == 1)
}

/// Notes a use, with the credential's updated counter and flags.
pub async fn used(db: &Db, id: i64, passkey: &str) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| sqlx::query(
        "UPDATE passkeys SET passkey = $1, last_used_at = $2, updated_at = $2 WHERE id = $3"
    )
    .bind(passkey)
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Removes one of the person's passkeys; false if it was not theirs.
pub async fn remove(db: &Db, user_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done = with_pool!(db, |pool| sqlx::query(
        "DELETE FROM passkeys WHERE user_id = $1 AND id = $2"
    )
    .bind(user_id)
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

//! Links between accounts and people at the national identity provider.

use crate::data::Db;
use crate::with_pool;
use chrono::Utc;

/// The account linked to this person at the provider, noting the use.
pub async fn linked_user(db: &Db, issuer: &str, subject: &str) -> Result<Option<i64>, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| sqlx::query_scalar(
        "UPDATE digital_id_links SET last_used_at = $1, updated_at = $1 \
         WHERE issuer = $2 AND subject = $3 RETURNING user_id"
    )
    .bind(now)
    .bind(issuer)
    .bind(subject)
    .fetch_optional(pool)
    .await)
}

/// Links an account (a second link for the same person at the provider is ignored).
pub async fn link(db: &Db, user_id: i64, issuer: &str, subject: &str) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO digital_id_links (user_id, issuer, subject, last_used_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4, $4) ON CONFLICT (issuer, subject) DO NOTHING"
    )
    .bind(user_id)
    .bind(issuer)
    .bind(subject)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    })
}

pub async fn is_linked(db: &Db, user_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM digital_id_links WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_one(pool)
    .await)?;
    Ok(n > 0)
}

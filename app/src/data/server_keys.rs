//! Keys the server makes for itself when none is configured, kept in the database so every
//! instance uses the same one (the VAPID key for Web Push).

use crate::data::Db;
use crate::with_pool;
use chrono::Utc;

/// The value kept under `name`, making it with `make` the first time. Two instances racing
/// to make it both end up with the one that was stored first.
pub async fn get_or_make(
    db: &Db,
    name: &str,
    make: impl FnOnce() -> String,
) -> Result<String, sqlx::Error> {
    let now = Utc::now();
    let value = make();
    with_pool!(db, |pool| sqlx::query(
        "INSERT INTO server_keys (name, value, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (name) DO NOTHING"
    )
    .bind(name)
    .bind(&value)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ()))?;
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT value FROM server_keys WHERE name = $1"
    )
    .bind(name)
    .fetch_one(pool)
    .await)
}

//! Resumable uploads: a file sent a chunk at a time (files chosen on the phone while
//! offline). The chunks wait here until the last one arrives; then they are put together,
//! checked and stored like any upload, and the rows go.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Duration, Utc};

pub struct NewUpload<'a> {
    pub token: &'a str,
    pub user_id: i64,
    pub application_id: i64,
    pub section_key: &'a str,
    pub question_key: &'a str,
    pub file_name: &'a str,
    pub size_bytes: i64,
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct UploadRow {
    pub id: i64,
    /// The application's public id.
    pub application: String,
    pub section_key: String,
    pub question_key: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub received_bytes: i64,
}

/// Starts an upload; one for the question's earlier unfinished upload is dropped (a file
/// chosen again replaces the one before).
pub async fn start(db: &Db, upload: &NewUpload<'_>) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "DELETE FROM resumable_uploads WHERE application_id = $1 AND question_key = $2",
        )
        .bind(upload.application_id)
        .bind(upload.question_key)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO resumable_uploads (token, user_id, application_id, section_key, \
             question_key, file_name, size_bytes, received_bytes, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8)",
        )
        .bind(upload.token)
        .bind(upload.user_id)
        .bind(upload.application_id)
        .bind(upload.section_key)
        .bind(upload.question_key)
        .bind(upload.file_name)
        .bind(upload.size_bytes)
        .bind(Utc::now())
        .execute(&mut *tx)
        .await?;
        tx.commit().await
    })
}

/// The caller's upload with this token.
pub async fn of_user(db: &Db, user_id: i64, token: &str) -> Result<Option<UploadRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT u.id, a.public_id AS application, u.section_key, u.question_key, u.file_name, \
         u.size_bytes, u.received_bytes FROM resumable_uploads u \
         JOIN applications a ON a.id = u.application_id WHERE u.token = $1 AND u.user_id = $2"
    )
    .bind(token)
    .bind(user_id)
    .fetch_optional(pool)
    .await)
}

/// Adds the chunk that starts where the received bytes end; false (and nothing changed)
/// if another chunk got there first.
pub async fn append(db: &Db, id: i64, start: i64, bytes: &[u8]) -> Result<bool, sqlx::Error> {
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let moved = sqlx::query(
            "UPDATE resumable_uploads SET received_bytes = received_bytes + $1 \
             WHERE id = $2 AND received_bytes = $3 AND received_bytes + $1 <= size_bytes",
        )
        .bind(bytes.len() as i64)
        .bind(id)
        .bind(start)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            return Ok(false);
        }
        sqlx::query(
            "INSERT INTO resumable_upload_chunks (upload_id, start_byte, bytes) VALUES ($1, $2, $3)",
        )
        .bind(id)
        .bind(start)
        .bind(bytes)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// The whole file, its chunks in order.
pub async fn bytes(db: &Db, id: i64) -> Result<Vec<u8>, sqlx::Error> {
    let chunks: Vec<(Vec<u8>,)> = with_pool!(db, |pool| sqlx::query_as(
        "SELECT bytes FROM resumable_upload_chunks WHERE upload_id = $1 ORDER BY start_byte"
    )
    .bind(id)
    .fetch_all(pool)
    .await)?;
    Ok(chunks.into_iter().flat_map(|(b,)| b).collect())
}

// Both deletes below take the chunks with them (`ON DELETE CASCADE`; SQLite connections
// enable foreign keys, data/db.rs).
pub async fn remove(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "DELETE FROM resumable_uploads WHERE id = $1"
    )
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Removes the uploads started more than a day before `now` and never finished.
pub async fn remove_stale(db: &Db, now: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let before = now - Duration::days(1);
    with_pool!(db, |pool| sqlx::query(
        "DELETE FROM resumable_uploads WHERE created_at < $1"
    )
    .bind(before)
    .execute(pool)
    .await
    .map(|r| r.rows_affected()))
}

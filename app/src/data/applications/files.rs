//! The files uploaded with applications: where each one's bytes are, and whose it is.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

pub struct NewFile<'a> {
    pub application_id: i64,
    pub question_key: &'a str,
    pub storage_key: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub file_name: &'a str,
    pub sha256: &'a str,
    pub uploaded_by: i64,
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct FileRow {
    pub public_id: String,
    pub application_id: i64,
    pub question_key: String,
    pub storage_key: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub file_name: String,
    pub created_at: DateTime<Utc>,
}

const SELECT: &str = "SELECT public_id, application_id, question_key, storage_key, content_type, \
     size_bytes, file_name, created_at FROM application_files";

/// Records an uploaded file; returns its public id (random, for addresses).
pub async fn insert(db: &Db, file: &NewFile<'_>) -> Result<String, sqlx::Error> {
    let public_id = uuid::Uuid::new_v4().simple().to_string();
    with_pool!(db, |pool| sqlx::query(
        "INSERT INTO application_files (public_id, application_id, question_key, storage_key, \
         content_type, size_bytes, file_name, sha256, uploaded_by, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    )
    .bind(&public_id)
    .bind(file.application_id)
    .bind(file.question_key)
    .bind(file.storage_key)
    .bind(file.content_type)
    .bind(file.size_bytes)
    .bind(file.file_name)
    .bind(file.sha256)
    .bind(file.uploaded_by)
    .bind(Utc::now())
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(public_id)
}

/// Removes a file of an application; returns its storage key to delete the bytes.
pub async fn remove(
    db: &Db,
    application_id: i64,
    public_id: &str,
) -> Result<Option<String>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_scalar(
        "DELETE FROM application_files WHERE application_id = $1 AND public_id = $2 RETURNING storage_key"
    )
    .bind(application_id)
    .bind(public_id)
    .fetch_optional(pool)
    .await
    })
}

/// The files of an application.
pub async fn of_application(db: &Db, application_id: i64) -> Result<Vec<FileRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE application_id = $1 ORDER BY id");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(application_id)
        .fetch_all(pool)
        .await)
}

/// A file by its public id, with its application's public id (staff, who are checked
/// against the application before they see it).
pub async fn by_public_id(
    db: &Db,
    public_id: &str,
) -> Result<Option<(FileRow, String)>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE public_id = $1");
    let Some(row): Option<FileRow> = with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(public_id)
        .fetch_optional(pool)
        .await)?
    else {
        return Ok(None);
    };
    let application: String = with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM applications WHERE id = $1"
    )
    .bind(row.application_id)
    .fetch_one(pool)
    .await)?;
    Ok(Some((row, application)))
}

/// A file, if it belongs to an application of `user_id` (its owner's own copy; staff read
/// files through `by_public_id` after their checks).
pub async fn for_owner(
    db: &Db,
    user_id: i64,
    public_id: &str,
) -> Result<Option<FileRow>, sqlx::Error> {
    let sql =
        "SELECT f.public_id, f.application_id, f.question_key, f.storage_key, f.content_type, \
         f.size_bytes, f.file_name, f.created_at FROM application_files f \
         JOIN applications a ON a.id = f.application_id \
         WHERE f.public_id = $1 AND a.user_id = $2";
    with_pool!(db, |pool| sqlx::query_as(sql)
        .bind(public_id)
        .bind(user_id)
        .fetch_optional(pool)
        .await)
}

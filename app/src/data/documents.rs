//! Issued documents (receipts, certificates): their signed payloads, kept so the public
//! check can compare a code with what was issued and say whether it was revoked.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct DocumentRow {
    pub id: i64,
    pub number: String,
    pub application_id: i64,
    pub kind: String,
    pub payload: String,
    pub signature: String,
    pub key_id: String,
    pub issued_at: DateTime<Utc>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub revoked_reason: Option<String>,
}

const SELECT: &str = "SELECT id, number, application_id, kind, payload, signature, key_id, \
                      issued_at, revoked_at, revoked_reason FROM documents";

/// What is issued: made once per application and kind.
pub struct NewDocument<'a> {
    pub number: &'a str,
    pub application_id: i64,
    pub kind: &'a str,
    pub payload: &'a str,
    pub signature: &'a str,
    pub key_id: &'a str,
    pub issued_at: DateTime<Utc>,
}

/// The application's document of this kind, issuing `new` if there is none yet. Two
/// requests racing both get the one stored first, so a document never has two codes.
pub async fn issue(db: &Db, new: &NewDocument<'_>) -> Result<DocumentRow, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "INSERT INTO documents (number, application_id, kind, payload, signature, key_id, \
         issued_at) VALUES ($1, $2, $3, $4, $5, $6, $7) \
         ON CONFLICT (application_id, kind) DO NOTHING"
    )
    .bind(new.number)
    .bind(new.application_id)
    .bind(new.kind)
    .bind(new.payload)
    .bind(new.signature)
    .bind(new.key_id)
    .bind(new.issued_at)
    .execute(pool)
    .await
    .map(|_| ()))?;
    of_application(db, new.application_id, new.kind)
        .await?
        .ok_or(sqlx::Error::RowNotFound)
}

pub async fn of_application(
    db: &Db,
    application_id: i64,
    kind: &str,
) -> Result<Option<DocumentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE application_id = $1 AND kind = $2");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(application_id)
        .bind(kind)
        .fetch_optional(pool)
        .await)
}

pub async fn by_number(db: &Db, number: &str) -> Result<Option<DocumentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE number = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(number)
        .fetch_optional(pool)
        .await)
}

/// Marks the document revoked; `false` if it already was (the first reason stands).
pub async fn revoke(
    db: &Db,
    id: i64,
    reason: &str,
    by: i64,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE documents SET revoked_at = $1, revoked_reason = $2, revoked_by = $3 \
         WHERE id = $4 AND revoked_at IS NULL"
    )
    .bind(at)
    .bind(reason)
    .bind(by)
    .bind(id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1))
}

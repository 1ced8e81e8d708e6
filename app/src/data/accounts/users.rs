//! Users: created pending at registration, active once email and phone are verified.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow, Clone)]
pub struct UserRow {
    pub id: i64,
    pub account_type: String,
    pub id_number: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub other_names: Option<String>,
    pub gender: Option<String>,
    pub year_of_birth: i32,
    pub date_of_birth: Option<NaiveDate>,
    pub email: String,
    pub phone: String,
    pub email_verified_at: Option<DateTime<Utc>>,
    pub phone_verified_at: Option<DateTime<Utc>>,
    pub password_hash: String,
    pub status: String,
    pub language: String,
    pub locked_until: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

// The hash never reaches a log through Debug.
impl std::fmt::Debug for UserRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UserRow")
            .field("id", &self.id)
            .field("account_type", &self.account_type)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

const COLUMNS: &str = "id, account_type, id_number, first_name, last_name, other_names, gender, \
     year_of_birth, date_of_birth, email, phone, email_verified_at, phone_verified_at, \
     password_hash, status, language, locked_until, created_at";

pub struct NewUser {
    pub account_type: String,
    pub id_number: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub other_names: Option<String>,
    pub gender: Option<String>,
    pub year_of_birth: i32,
    pub date_of_birth: Option<NaiveDate>,
    pub email: String,
    pub phone: String,
    pub password_hash: String,
    pub language: String,
}

#[derive(Debug, thiserror::Error)]
pub enum CreateError {
    #[error("this identity number already holds an account")]
    IdentityTaken,
    #[error("this email address already holds an account")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

pub async fn by_id_number(db: &Db, id_number: &str) -> Result<Option<UserRow>, sqlx::Error> {
    by_unique_text(db, "id_number", id_number).await
}

pub async fn by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    by_unique_text(db, "email", email).await
}

/// The user whose unique text column (`id_number` or `email`, never caller input) is `value`.
async fn by_unique_text(
    db: &Db,
    column: &'static str,
    value: &str,
) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM users WHERE {column} = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(value)
        .fetch_optional(pool)
        .await)
}

fn unique_violation(error: &sqlx::Error) -> Option<String> {
    match error {
        sqlx::Error::Database(e) if e.is_unique_violation() => Some(e.message().to_string()),
        _ => None,
    }
}

/// Creates a pending account. A pending (never verified) account for the same identity
/// number or email is replaced: it was abandoned, or is this same person starting again.
pub async fn create_pending(db: &Db, user: &NewUser) -> Result<i64, CreateError> {
    let now = Utc::now();
    let result: Result<i64, sqlx::Error> = with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "DELETE FROM users WHERE status = 'pending' AND (id_number = $1 OR email = $2)",
        )
        .bind(&user.id_number)
        .bind(&user.email)
        .execute(&mut *tx)
        .await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO users (account_type, id_number, first_name, last_name, other_names, gender, \
             year_of_birth, date_of_birth, email, phone, password_hash, status, language, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $12, $13, $13) RETURNING id",
        )
        .bind(&user.account_type)
        .bind(&user.id_number)
        .bind(&user.first_name)
        .bind(&user.last_name)
        .bind(&user.other_names)
        .bind(&user.gender)
        .bind(user.year_of_birth)
        .bind(user.date_of_birth)
        .bind(&user.email)
        .bind(&user.phone)
        .bind(&user.password_hash)
        .bind(&user.language)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query("INSERT INTO user_roles (user_id, role, created_at, updated_at) VALUES ($1, 'citizen', $2, $2)")
            .bind(id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(id)
    });
    result.map_err(|e| match unique_violation(&e) {
        Some(message) if message.contains("email") => CreateError::EmailTaken,
        Some(_) => CreateError::IdentityTaken,
        None => CreateError::Db(e),
    })
}

/// Marks the email or the phone verified; the account is active once both are.
pub async fn mark_verified(db: &Db, user_id: i64, email: bool) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let column = if email {
        "email_verified_at"
    } else {
        "phone_verified_at"
    };
    let sql = format!(
        "UPDATE users SET {column} = $1, updated_at = $1, \
         status = CASE WHEN status = 'pending' AND {other} IS NOT NULL THEN 'active' ELSE status END \
         WHERE id = $2",
        other = if email { "phone_verified_at" } else { "email_verified_at" }
    );
    with_pool!(db, |pool| sqlx::query(&sql)
        .bind(now)
        .bind(user_id)
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(by_id(db, user_id)
        .await?
        .is_some_and(|u| u.status == "active"))
}

/// Replaces the email and/or phone (both already verified by their codes).
pub async fn set_contact(
    db: &Db,
    user_id: i64,
    email: Option<&str>,
    phone: Option<&str>,
) -> Result<(), CreateError> {
    let now = Utc::now();
    let result: Result<(), sqlx::Error> = with_pool!(db, |pool| sqlx::query(
        "UPDATE users SET email = COALESCE($1, email), phone = COALESCE($2, phone), \
         email_verified_at = CASE WHEN $1 IS NULL THEN email_verified_at ELSE $3 END, \
         phone_verified_at = CASE WHEN $2 IS NULL THEN phone_verified_at ELSE $3 END, \
         updated_at = $3 WHERE id = $4"
    )
    .bind(email)
    .bind(phone)
    .bind(now)
    .bind(user_id)
    .execute(pool)
    .await
    .map(|_| ()));
    result.map_err(|e| match unique_violation(&e) {
        Some(_) => CreateError::EmailTaken,
        None => CreateError::Db(e),
    })
}

pub async fn set_password(db: &Db, user_id: i64, hash: &str) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(hash)
    .bind(Utc::now())
    .bind(user_id)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

pub async fn set_locked_until(
    db: &Db,
    user_id: i64,
    until: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE users SET locked_until = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(until)
    .bind(Utc::now())
    .bind(user_id)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

pub async fn set_photo(db: &Db, user_id: i64, jpeg: &[u8]) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO user_photos (user_id, jpeg, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (user_id) DO UPDATE SET jpeg = excluded.jpeg, updated_at = excluded.updated_at"
    )
    .bind(user_id)
    .bind(jpeg)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    })?;
    Ok(())
}

pub async fn photo(db: &Db, user_id: i64) -> Result<Option<Vec<u8>>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT jpeg FROM user_photos WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await)
}

/// A person's roles, with the agency slug for staff roles.
pub async fn roles(db: &Db, user_id: i64) -> Result<Vec<(String, Option<String>)>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT r.role, a.slug FROM user_roles r LEFT JOIN agencies a ON a.id = r.agency_id \
         WHERE r.user_id = $1 ORDER BY r.id"
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)
}

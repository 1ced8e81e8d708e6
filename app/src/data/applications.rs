//! Applications: drafts and their answers, per person, and their files (`files`).

pub mod files;
pub mod uploads;

use crate::data::Db;
use crate::forms::Answers;
use crate::with_pool;
use chrono::{DateTime, Duration, Utc};

/// How long an untouched draft is kept.
pub const DRAFT_DAYS: i64 = 30;

/// How many days before a draft is deleted its owner is reminded.
pub const REMIND_DAYS_BEFORE: i64 = 7;

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct ApplicationRow {
    pub id: i64,
    pub public_id: String,
    pub user_id: i64,
    pub service_id: i64,
    pub service_slug: String,
    pub agency_id: i64,
    pub agency_slug: String,
    pub service_name_en: String,
    pub service_name_sw: String,
    pub form_version: i32,
    pub status: String,
    pub answers: String,
    pub reference: Option<String>,
    pub expires_at: Option<DateTime<Utc>>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl ApplicationRow {
    pub fn answers(&self) -> Answers {
        serde_json::from_str(&self.answers).unwrap_or_default()
    }

    /// The service's name in the reader's language.
    pub fn service_name(&self, lang: crate::i18n::Lang) -> String {
        match lang {
            crate::i18n::Lang::En => self.service_name_en.clone(),
            crate::i18n::Lang::Sw => self.service_name_sw.clone(),
        }
    }
}

const SELECT: &str = "SELECT a.id, a.public_id, a.user_id, a.service_id, s.slug AS service_slug, \
     s.agency_id, g.slug AS agency_slug, \
     s.name_en AS service_name_en, s.name_sw AS service_name_sw, a.form_version, a.status, \
     a.answers, a.reference, a.expires_at, a.submitted_at, a.created_at, a.updated_at \
     FROM applications a JOIN services s ON s.id = a.service_id \
     JOIN agencies g ON g.id = s.agency_id";

fn to_json(answers: &Answers) -> String {
    serde_json::to_string(answers).unwrap_or_else(|_| "{}".into())
}

/// Starts a draft with the answers filled in from the account.
pub async fn create_draft(
    db: &Db,
    user_id: i64,
    service_id: i64,
    form_version: u32,
    answers: &Answers,
) -> Result<String, sqlx::Error> {
    let public_id = uuid::Uuid::new_v4().simple().to_string();
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO applications (public_id, user_id, service_id, form_version, status, answers, expires_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $7)"
    )
    .bind(&public_id)
    .bind(user_id)
    .bind(service_id)
    .bind(form_version as i64)
    .bind(to_json(answers))
    .bind(now + Duration::days(DRAFT_DAYS))
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    })?;
    Ok(public_id)
}

/// The person's open draft for a service, if any (applying again resumes it).
pub async fn open_draft(
    db: &Db,
    user_id: i64,
    service_id: i64,
) -> Result<Option<String>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT public_id FROM applications WHERE user_id = $1 AND service_id = $2 \
         AND status = 'draft' ORDER BY updated_at DESC LIMIT 1"
    )
    .bind(user_id)
    .bind(service_id)
    .fetch_optional(pool)
    .await)
}

/// One of the person's applications. Someone else's is `None`, as if it did not exist.
pub async fn of_user(
    db: &Db,
    user_id: i64,
    public_id: &str,
) -> Result<Option<ApplicationRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE a.public_id = $1 AND a.user_id = $2");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(public_id)
        .bind(user_id)
        .fetch_optional(pool)
        .await)
}

/// An application by its database id (for work not done on the owner's behalf: payment
/// callbacks, the reconciliation worker, the receipt).
pub async fn by_id(db: &Db, id: i64) -> Result<Option<ApplicationRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE a.id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// An application by its reference (the public receipt check).
/// Any application by its public id (staff, who are checked before).
pub async fn by_public_id(db: &Db, public_id: &str) -> Result<Option<ApplicationRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE a.public_id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(public_id)
        .fetch_optional(pool)
        .await)
}

pub async fn by_reference(db: &Db, reference: &str) -> Result<Option<ApplicationRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE a.reference = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(reference)
        .fetch_optional(pool)
        .await)
}

/// Every application of the person, newest change first.
pub async fn list(db: &Db, user_id: i64) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE a.user_id = $1 ORDER BY a.updated_at DESC, a.id DESC");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(user_id)
        .fetch_all(pool)
        .await)
}

/// Saves a draft's answers; the draft's expiry moves on. False if it is no longer a draft.
pub async fn save_answers(db: &Db, id: i64, answers: &Answers) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let done = with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE applications SET answers = $1, updated_at = $2, expires_at = $3, reminded_at = NULL \
         WHERE id = $4 AND status = 'draft'"
    )
    .bind(to_json(answers))
    .bind(now)
    .bind(now + Duration::days(DRAFT_DAYS))
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected()
    });
    Ok(done == 1)
}

/// Points a sent application's file answer at a newly uploaded file, while an officer's
/// request for information asks for it again.
pub async fn point_file(db: &Db, id: i64, answers: &Answers) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let done = with_pool!(db, |pool| sqlx::query(
        "UPDATE applications SET answers = $1, updated_at = $2 \
         WHERE id = $3 AND status = 'info_requested'"
    )
    .bind(to_json(answers))
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

/// Deletes one of the person's drafts; false if there was none.
pub async fn delete_draft(db: &Db, user_id: i64, public_id: &str) -> Result<bool, sqlx::Error> {
    let done = with_pool!(db, |pool| sqlx::query(
        "DELETE FROM applications WHERE public_id = $1 AND user_id = $2 AND status = 'draft'"
    )
    .bind(public_id)
    .bind(user_id)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

/// Drafts that expire before `before` and whose owner has not been reminded since the last
/// change (saving clears `reminded_at`).
pub async fn drafts_to_remind(
    db: &Db,
    before: DateTime<Utc>,
) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} WHERE a.status = 'draft' AND a.expires_at < $1 AND a.reminded_at IS NULL \
         ORDER BY a.id LIMIT 500"
    );
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(before)
        .fetch_all(pool)
        .await)
}

pub async fn mark_reminded(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE applications SET reminded_at = $1 WHERE id = $2"
    )
    .bind(Utc::now())
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Drafts past their expiry.
pub async fn expired_drafts(
    db: &Db,
    now: DateTime<Utc>,
) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    let sql =
        format!("{SELECT} WHERE a.status = 'draft' AND a.expires_at < $1 ORDER BY a.id LIMIT 500");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(now)
        .fetch_all(pool)
        .await)
}

/// Deletes an expired draft (its file rows go with it); false if it was saved meanwhile or
/// is already gone.
pub async fn delete_expired(db: &Db, id: i64, now: DateTime<Utc>) -> Result<bool, sqlx::Error> {
    let done = with_pool!(db, |pool| sqlx::query(
        "DELETE FROM applications WHERE id = $1 AND status = 'draft' AND expires_at < $2"
    )
    .bind(id)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

/// The newest sent applications of every account whose verified phone number is `phone`
/// (E.164): what a feature phone's owner may list by USSD.
pub async fn recent_for_phone(
    db: &Db,
    phone: &str,
    limit: i64,
) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    let sql = format!(
        "{SELECT} JOIN users u ON u.id = a.user_id WHERE u.phone = $1 \
         AND u.phone_verified_at IS NOT NULL AND a.status <> 'draft' \
         ORDER BY a.updated_at DESC, a.id DESC LIMIT $2"
    );
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(phone)
        .bind(limit)
        .fetch_all(pool)
        .await)
}

//! Agencies as administrators edit them: names and summaries in both languages, contact
//! details, and whether applicants are shown staff names.

use super::Changes;
use crate::data::audit::{Entry, Who};
use crate::data::Db;
use crate::{audit_append, with_pool};
use chrono::Utc;

#[derive(sqlx::FromRow, Clone, Debug, Default, PartialEq, Eq)]
pub struct AgencyRow {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub name_en: String,
    pub name_sw: String,
    pub summary_en: String,
    pub summary_sw: String,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub show_staff_names: bool,
}

/// What an administrator saves (already checked).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AgencyFields {
    pub slug: String,
    pub kind: String,
    pub name_en: String,
    pub name_sw: String,
    pub summary_en: String,
    pub summary_sw: String,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub show_staff_names: bool,
}

const SELECT: &str = "SELECT id, slug, kind, name_en, name_sw, summary_en, summary_sw, website, \
     phone, email, show_staff_names FROM agencies";

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<AgencyRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE slug = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(pool)
        .await)
}

/// Every agency with how many services it offers, by name.
pub async fn all(db: &Db) -> Result<Vec<(AgencyRow, i64)>, sqlx::Error> {
    let sql = format!(
        "SELECT a.*, CAST((SELECT COUNT(*) FROM services s WHERE s.agency_id = a.id) AS BIGINT) AS services \
         FROM ({SELECT}) a ORDER BY a.name_en"
    );
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        agency: AgencyRow,
        services: i64,
    }
    let rows: Vec<Row> = with_pool!(db, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(|r| (r.agency, r.services)).collect())
}

/// The slugs of agencies that show staff names to applicants.
pub async fn showing_names(db: &Db) -> Result<Vec<String>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT slug FROM agencies WHERE show_staff_names = TRUE"
    )
    .fetch_all(pool)
    .await)
}

pub enum Saved {
    Done,
    /// Another agency already has this slug.
    SlugTaken,
}

/// Adds an agency (`id` None) or changes one, audited in the same transaction.
pub async fn save(
    db: &Db,
    who: &Who,
    id: Option<i64>,
    f: &AgencyFields,
) -> Result<Saved, sqlx::Error> {
    let now = Utc::now();
    let select = format!("{SELECT} WHERE id = $1");
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let taken: Option<i64> = sqlx::query_scalar("SELECT id FROM agencies WHERE slug = $1")
            .bind(&f.slug)
            .fetch_optional(&mut *tx)
            .await?;
        if taken.is_some() && taken != id {
            return Ok(Saved::SlugTaken);
        }
        let before: AgencyRow = match id {
            Some(id) => sqlx::query_as(&select).bind(id).fetch_one(&mut *tx).await?,
            None => AgencyRow::default(),
        };
        let id: i64 = match id {
            Some(id) => {
                sqlx::query(
                    "UPDATE agencies SET slug = $1, kind = $2, name_en = $3, name_sw = $4, summary_en = $5, \
                     summary_sw = $6, website = $7, phone = $8, email = $9, show_staff_names = $10, \
                     edited_at = $11, updated_at = $11 WHERE id = $12",
                )
                .bind(&f.slug)
                .bind(&f.kind)
                .bind(&f.name_en)
                .bind(&f.name_sw)
                .bind(&f.summary_en)
                .bind(&f.summary_sw)
                .bind(&f.website)
                .bind(&f.phone)
                .bind(&f.email)
                .bind(f.show_staff_names)
                .bind(now)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                id
            }
            None => {
                sqlx::query_scalar(
                    "INSERT INTO agencies (slug, kind, name_en, name_sw, summary_en, summary_sw, website, \
                     phone, email, show_staff_names, edited_at, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $11) RETURNING id",
                )
                .bind(&f.slug)
                .bind(&f.kind)
                .bind(&f.name_en)
                .bind(&f.name_sw)
                .bind(&f.summary_en)
                .bind(&f.summary_sw)
                .bind(&f.website)
                .bind(&f.phone)
                .bind(&f.email)
                .bind(f.show_staff_names)
                .bind(now)
                .fetch_one(&mut *tx)
                .await?
            }
        };
        let mut c = Changes::default();
        c.field("slug", before.slug, f.slug.as_str());
        c.field("kind", before.kind, f.kind.as_str());
        c.field("name_en", before.name_en, f.name_en.as_str());
        c.field("name_sw", before.name_sw, f.name_sw.as_str());
        c.field("summary_en", before.summary_en, f.summary_en.as_str());
        c.field("summary_sw", before.summary_sw, f.summary_sw.as_str());
        c.field("website", before.website, f.website.clone());
        c.field("phone", before.phone, f.phone.clone());
        c.field("email", before.email, f.email.clone());
        c.field(
            "show_staff_names",
            before.show_staff_names,
            f.show_staff_names,
        );
        if !c.is_empty() {
            let action = if before.id == 0 {
                "agency_added"
            } else {
                "agency_changed"
            };
            let subject = format!("agency:{id}");
            let detail = c.detail();
            audit_append!(
                tx,
                &Entry {
                    who,
                    action,
                    application_id: None,
                    subject: &subject,
                    detail: &detail,
                },
                now
            );
        }
        tx.commit().await?;
        Ok(Saved::Done)
    })
}

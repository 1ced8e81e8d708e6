//! Services as administrators edit them: processing time, the form version in use, where
//! documents can be collected, and the fees. Fees already on an invoice stay as they were
//! (invoices copy their lines); changes apply to invoices made afterwards.

use super::Changes;
use crate::data::audit::{Entry, Who};
use crate::data::Db;
use crate::{audit_append, with_pool};
use chrono::{DateTime, Utc};

/// Marks the service as changed by an administrator (the seed then leaves it be) and writes
/// the audit entry, inside the caller's transaction.
macro_rules! changed {
    ($tx:ident, $who:expr, $action:expr, $service_id:expr, $changes:expr, $now:expr) => {{
        sqlx::query("UPDATE services SET edited_at = $1, updated_at = $1 WHERE id = $2")
            .bind($now)
            .bind($service_id)
            .execute(&mut *$tx)
            .await?;
        let subject = format!("service:{}", $service_id);
        let detail = $changes.detail();
        audit_append!(
            $tx,
            &Entry {
                who: $who,
                action: $action,
                application_id: None,
                subject: &subject,
                detail: &detail,
            },
            $now
        );
    }};
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct ServiceRow {
    pub id: i64,
    pub slug: String,
    pub agency_id: i64,
    pub agency_slug: String,
    pub name_en: String,
    pub name_sw: String,
    pub processing_days_min: i64,
    pub processing_days_max: i64,
    pub form_version: Option<i64>,
}

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct FeeRow {
    pub id: i64,
    pub position: i64,
    pub kind: String,
    pub label_en: String,
    pub label_sw: String,
    pub when_en: Option<String>,
    pub when_sw: Option<String>,
    pub amount_cents: i64,
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<ServiceRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT s.id, s.slug, s.agency_id, a.slug AS agency_slug, s.name_en, s.name_sw, \
         CAST(s.processing_days_min AS BIGINT) AS processing_days_min, \
         CAST(s.processing_days_max AS BIGINT) AS processing_days_max, \
         CAST(s.form_version AS BIGINT) AS form_version \
         FROM services s JOIN agencies a ON a.id = s.agency_id WHERE s.slug = $1"
    )
    .bind(slug)
    .fetch_optional(pool)
    .await)
}

pub async fn fees(db: &Db, service_id: i64) -> Result<Vec<FeeRow>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT id, CAST(position AS BIGINT) AS position, kind, label_en, label_sw, when_en, when_sw, \
         CAST(amount_cents AS BIGINT) AS amount_cents FROM service_fees WHERE service_id = $1 \
         ORDER BY position"
    )
    .bind(service_id)
    .fetch_all(pool)
    .await
    })
}

/// The stored versions of a service's form, newest first, with when each was stored.
pub async fn form_versions(
    db: &Db,
    service_id: i64,
) -> Result<Vec<(i64, DateTime<Utc>)>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT CAST(version AS BIGINT), created_at FROM form_versions WHERE service_id = $1 \
         ORDER BY version DESC"
    )
    .bind(service_id)
    .fetch_all(pool)
    .await)
}

/// The offices chosen for collecting a service's documents (none: any office).
pub async fn place_ids(db: &Db, service_id: i64) -> Result<Vec<i64>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT place_id FROM service_places WHERE service_id = $1 ORDER BY place_id"
    )
    .bind(service_id)
    .fetch_all(pool)
    .await)
}

/// A service's settings as saved (already checked: the version is one that is stored).
pub struct ServiceFields<'a> {
    pub days_min: i64,
    pub days_max: i64,
    pub form_version: Option<i64>,
    pub places: &'a [i64],
}

/// Saves processing time, form version and collection places, audited.
pub async fn save(
    db: &Db,
    who: &Who,
    before: &ServiceRow,
    f: &ServiceFields<'_>,
) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    let old_places = place_ids(db, before.id).await?;
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE services SET processing_days_min = $1, processing_days_max = $2, \
             form_version = COALESCE($3, form_version), \
             form_definition = COALESCE((SELECT definition FROM form_versions WHERE service_id = $4 AND version = $3), form_definition), \
             edited_at = $5, updated_at = $5 WHERE id = $4",
        )
        .bind(f.days_min)
        .bind(f.days_max)
        .bind(f.form_version)
        .bind(before.id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        sqlx::query("DELETE FROM service_places WHERE service_id = $1")
            .bind(before.id)
            .execute(&mut *tx)
            .await?;
        for place in f.places {
            sqlx::query(
                "INSERT INTO service_places (service_id, place_id, created_at) VALUES ($1, $2, $3)",
            )
            .bind(before.id)
            .bind(*place)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let mut c = Changes::default();
        c.field(
            "processing_days_min",
            before.processing_days_min,
            f.days_min,
        );
        c.field(
            "processing_days_max",
            before.processing_days_max,
            f.days_max,
        );
        c.field(
            "form_version",
            before.form_version,
            f.form_version.or(before.form_version),
        );
        c.field("collection_places", old_places.clone(), f.places.to_vec());
        if !c.is_empty() {
            changed!(tx, who, "service_changed", before.id, c, now);
        }
        tx.commit().await
    })
}

/// A fee as an administrator writes it.
pub struct FeeFields<'a> {
    pub kind: &'a str,
    pub label_en: &'a str,
    pub label_sw: &'a str,
    pub amount_cents: i64,
}

/// Changes a fee's labels and amount; false if the fee is not this service's.
pub async fn save_fee(
    db: &Db,
    who: &Who,
    service_id: i64,
    fee_id: i64,
    f: &FeeFields<'_>,
) -> Result<bool, sqlx::Error> {
    let Some(before) = fees(db, service_id)
        .await?
        .into_iter()
        .find(|x| x.id == fee_id)
    else {
        return Ok(false);
    };
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE service_fees SET kind = $1, label_en = $2, label_sw = $3, amount_cents = $4, updated_at = $5 \
             WHERE id = $6 AND service_id = $7",
        )
        .bind(f.kind)
        .bind(f.label_en)
        .bind(f.label_sw)
        .bind(f.amount_cents)
        .bind(now)
        .bind(fee_id)
        .bind(service_id)
        .execute(&mut *tx)
        .await?;
        let mut c = Changes::default();
        c.field("kind", before.kind, f.kind);
        c.field("label_en", before.label_en, f.label_en);
        c.field("label_sw", before.label_sw, f.label_sw);
        c.field("amount_cents", before.amount_cents, f.amount_cents);
        if !c.is_empty() {
            c.note("fee", fee_id);
            changed!(tx, who, "fee_changed", service_id, c, now);
        }
        tx.commit().await?;
        Ok(true)
    })
}

/// Adds a fee at the end of the service's list.
pub async fn add_fee(
    db: &Db,
    who: &Who,
    service_id: i64,
    f: &FeeFields<'_>,
) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let fee_id: i64 = sqlx::query_scalar(
            "INSERT INTO service_fees (service_id, position, kind, label_en, label_sw, amount_cents, created_at, updated_at) \
             VALUES ($1, (SELECT COALESCE(MAX(position), -1) + 1 FROM service_fees WHERE service_id = $1), \
             $2, $3, $4, $5, $6, $6) RETURNING id",
        )
        .bind(service_id)
        .bind(f.kind)
        .bind(f.label_en)
        .bind(f.label_sw)
        .bind(f.amount_cents)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        let mut c = Changes::default();
        c.note("fee", fee_id);
        c.field("kind", serde_json::Value::Null, f.kind);
        c.field("label_en", serde_json::Value::Null, f.label_en);
        c.field("label_sw", serde_json::Value::Null, f.label_sw);
        c.field("amount_cents", serde_json::Value::Null, f.amount_cents);
        changed!(tx, who, "fee_added", service_id, c, now);
        tx.commit().await
    })
}

/// Removes a fee; false if it is not this service's.
pub async fn remove_fee(
    db: &Db,
    who: &Who,
    service_id: i64,
    fee_id: i64,
) -> Result<bool, sqlx::Error> {
    let Some(before) = fees(db, service_id)
        .await?
        .into_iter()
        .find(|x| x.id == fee_id)
    else {
        return Ok(false);
    };
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query("DELETE FROM service_fees WHERE id = $1 AND service_id = $2")
            .bind(fee_id)
            .bind(service_id)
            .execute(&mut *tx)
            .await?;
        let mut c = Changes::default();
        c.note("fee", fee_id);
        c.field("label_en", before.label_en, serde_json::Value::Null);
        c.field("amount_cents", before.amount_cents, serde_json::Value::Null);
        changed!(tx, who, "fee_removed", service_id, c, now);
        tx.commit().await?;
        Ok(true)
    })
}

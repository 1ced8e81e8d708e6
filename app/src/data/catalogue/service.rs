//! One service with its documents and fees.

use super::{lines, pick, pick_opt};
use crate::data::Db;
use crate::i18n::Lang;
use crate::model::*;
use crate::with_pool;

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
    slug: String,
    name_en: String,
    name_sw: String,
    summary_en: String,
    summary_sw: String,
    account_types: String,
    eligibility_en: String,
    eligibility_sw: String,
    collection_en: String,
    collection_sw: String,
    processing_days_min: i64,
    processing_days_max: i64,
    online: bool,
    agency_slug: String,
    agency_name_en: String,
    agency_name_sw: String,
    category_slug: String,
    category_name_en: String,
    category_name_sw: String,
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    required: bool,
    name_en: String,
    name_sw: String,
    note_en: Option<String>,
    note_sw: Option<String>,
}

#[derive(sqlx::FromRow)]
struct FeeRow {
    kind: String,
    label_en: String,
    label_sw: String,
    when_en: Option<String>,
    when_sw: Option<String>,
    amount_cents: i64,
}

/// Everything about one service, or `None` if there is no such service.
pub async fn service(
    db: &Db,
    slug: &str,
    lang: Lang,
) -> Result<Option<ServiceDetail>, sqlx::Error> {
    let row: Option<ServiceRow> = with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT s.id, s.slug, s.name_en, s.name_sw, s.summary_en, s.summary_sw, s.account_types, \
                    s.eligibility_en, s.eligibility_sw, s.collection_en, s.collection_sw, \
                    s.processing_days_min, s.processing_days_max, \
                    (s.form_version IS NOT NULL) AS online, \
                    a.slug AS agency_slug, a.name_en AS agency_name_en, a.name_sw AS agency_name_sw, \
                    c.slug AS category_slug, c.name_en AS category_name_en, c.name_sw AS category_name_sw \
             FROM services s JOIN agencies a ON a.id = s.agency_id JOIN categories c ON c.id = s.category_id \
             WHERE s.slug = $1",
        )
        .bind(slug)
        .fetch_optional(pool)
        .await
    })?;
    let Some(row) = row else { return Ok(None) };
    let (documents, fees): (Vec<DocumentRow>, Vec<FeeRow>) = with_pool!(db, |pool| {
        let documents = sqlx::query_as(
            "SELECT required, name_en, name_sw, note_en, note_sw FROM service_documents \
             WHERE service_id = $1 ORDER BY position",
        )
        .bind(row.id)
        .fetch_all(pool)
        .await?;
        let fees = sqlx::query_as(
            "SELECT kind, label_en, label_sw, when_en, when_sw, amount_cents FROM service_fees \
             WHERE service_id = $1 ORDER BY position",
        )
        .bind(row.id)
        .fetch_all(pool)
        .await?;
        (documents, fees)
    });
    let status = crate::data::service_status::trouble(db, &row.agency_slug, lang).await?;
    Ok(Some(ServiceDetail {
        status,
        slug: row.slug,
        name: pick(lang, row.name_en, row.name_sw),
        summary: pick(lang, row.summary_en, row.summary_sw),
        agency: NamedLink {
            slug: row.agency_slug,
            name: pick(lang, row.agency_name_en, row.agency_name_sw),
        },
        category: NamedLink {
            slug: row.category_slug,
            name: pick(lang, row.category_name_en, row.category_name_sw),
        },
        account_types: row
            .account_types
            .split(',')
            .filter_map(AccountType::from_code)
            .collect(),
        eligibility: lines(pick(lang, row.eligibility_en, row.eligibility_sw)),
        documents: documents
            .into_iter()
            .map(|d| DocumentItem {
                name: pick(lang, d.name_en, d.name_sw),
                note: pick_opt(lang, d.note_en, d.note_sw),
                required: d.required,
            })
            .collect(),
        fees: fees
            .into_iter()
            .map(|f| FeeLine {
                kind: FeeKind::from_code(&f.kind).unwrap_or(FeeKind::Government),
                label: pick(lang, f.label_en, f.label_sw),
                when: pick_opt(lang, f.when_en, f.when_sw),
                amount_cents: f.amount_cents,
            })
            .collect(),
        processing_days_min: row.processing_days_min,
        processing_days_max: row.processing_days_max,
        collection: pick(lang, row.collection_en, row.collection_sw),
        online: row.online,
    }))
}

/// A service's longest processing time in days (what the expected date counts with).
pub async fn processing_days_max(db: &Db, service_id: i64) -> Result<i64, sqlx::Error> {
    let days: Option<i64> = with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT processing_days_max FROM services WHERE id = $1"
    )
    .bind(service_id)
    .fetch_optional(pool)
    .await)?;
    Ok(days.unwrap_or(0))
}

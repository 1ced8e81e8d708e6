//! Writes a checked catalogue to the database in one transaction, the same SQL on both
//! backends (`ON CONFLICT … DO UPDATE` and `RETURNING` are common to SQLite and PostgreSQL).

use super::catalogue_files::{Agency, Catalogue, Document, Fee, Service};
use app::data::Db;
use app::with_pool;
use std::collections::HashMap;

/// Services written per statement: 17 values each, well within both backends' limits on
/// bound values (SQLite 32,766, PostgreSQL 65,535); documents and fees go four times as many
/// rows at a time (7 and 8 values each).
const BATCH: usize = 200;

pub async fn write_catalogue(db: &Db, catalogue: &Catalogue) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let mut category_ids = HashMap::new();
        for c in &catalogue.categories {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO categories (slug, sort_order, name_en, name_sw, description_en, description_sw) \
                 VALUES ($1, $2, $3, $4, $5, $6) \
                 ON CONFLICT (slug) DO UPDATE SET sort_order = excluded.sort_order, \
                   name_en = excluded.name_en, name_sw = excluded.name_sw, \
                   description_en = excluded.description_en, description_sw = excluded.description_sw, \
                   updated_at = CURRENT_TIMESTAMP \
                 RETURNING id",
            )
            .bind(&c.slug)
            .bind(c.sort)
            .bind(&c.name.en)
            .bind(&c.name.sw)
            .bind(&c.description.en)
            .bind(&c.description.sw)
            .fetch_one(&mut *tx)
            .await?;
            category_ids.insert(c.slug.as_str(), id);
        }

        // Agencies come parents first, so a parent's id is known when its child is written.
        let mut agency_ids: HashMap<&str, i64> = HashMap::new();
        for a in &catalogue.agencies {
            let parent_id = a.parent.as_deref().and_then(|p| agency_ids.get(p).copied());
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO agencies (slug, kind, parent_id, name_en, name_sw, summary_en, summary_sw, website, phone, email) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (slug) DO UPDATE SET kind = excluded.kind, parent_id = excluded.parent_id, \
                   name_en = excluded.name_en, name_sw = excluded.name_sw, \
                   summary_en = excluded.summary_en, summary_sw = excluded.summary_sw, \
                   website = excluded.website, phone = excluded.phone, email = excluded.email, \
                   updated_at = CURRENT_TIMESTAMP \
                 WHERE agencies.edited_at IS NULL \
                 RETURNING id",
            )
            .bind(&a.slug)
            .bind(&a.kind)
            .bind(parent_id)
            .bind(&a.name.en)
            .bind(&a.name.sw)
            .bind(&a.summary.en)
            .bind(&a.summary.sw)
            .bind(&a.website)
            .bind(&a.phone)
            .bind(&a.email)
            .fetch_optional(&mut *tx)
            .await?;
            // An agency an administrator has changed keeps their changes.
            let id = match id {
                Some(id) => id,
                None => {
                    sqlx::query_scalar("SELECT id FROM agencies WHERE slug = $1")
                        .bind(&a.slug)
                        .fetch_one(&mut *tx)
                        .await?
                }
            };
            agency_ids.insert(a.slug.as_str(), id);
        }

        // Services in batches, with their documents and fees: a handful of statements per
        // hundred services instead of several per service (the national catalogue has
        // 20,000 of them).
        let services: Vec<(&Agency, &Service)> = catalogue
            .agencies
            .iter()
            .flat_map(|a| a.services.iter().map(move |s| (a, s)))
            .collect();
        for batch in services.chunks(BATCH) {
            let mut upsert = sqlx::QueryBuilder::new(
                "INSERT INTO services (slug, agency_id, category_id, popular_rank, account_types, \
                   processing_days_min, processing_days_max, name_en, name_sw, summary_en, summary_sw, \
                   keywords_en, keywords_sw, eligibility_en, eligibility_sw, collection_en, collection_sw) ",
            );
            upsert.push_values(batch, |mut row, (a, s)| {
                let (agency_id, category_id) = ids(a, s, &agency_ids, &category_ids);
                row.push_bind(&s.slug)
                    .push_bind(agency_id)
                    .push_bind(category_id)
                    .push_bind(s.popular)
                    .push_bind(s.account_types.join(","))
                    .push_bind(s.processing_days[0])
                    .push_bind(s.processing_days[1])
                    .push_bind(&s.name.en)
                    .push_bind(&s.name.sw)
                    .push_bind(&s.summary.en)
                    .push_bind(&s.summary.sw)
                    .push_bind(s.keywords.en.join("\n"))
                    .push_bind(s.keywords.sw.join("\n"))
                    .push_bind(s.eligibility.en.join("\n"))
                    .push_bind(s.eligibility.sw.join("\n"))
                    .push_bind(&s.collection.en)
                    .push_bind(&s.collection.sw);
            });
            upsert.push(
                " ON CONFLICT (slug) DO UPDATE SET agency_id = excluded.agency_id, \
                   category_id = excluded.category_id, popular_rank = excluded.popular_rank, \
                   account_types = excluded.account_types, \
                   processing_days_min = excluded.processing_days_min, \
                   processing_days_max = excluded.processing_days_max, \
                   name_en = excluded.name_en, name_sw = excluded.name_sw, \
                   summary_en = excluded.summary_en, summary_sw = excluded.summary_sw, \
                   keywords_en = excluded.keywords_en, keywords_sw = excluded.keywords_sw, \
                   eligibility_en = excluded.eligibility_en, eligibility_sw = excluded.eligibility_sw, \
                   collection_en = excluded.collection_en, collection_sw = excluded.collection_sw, \
                   updated_at = CURRENT_TIMESTAMP \
                 WHERE services.edited_at IS NULL \
                 RETURNING id, slug",
            );
            // A service an administrator has changed is not returned: it keeps its fees
            // and documents.
            let written: HashMap<String, i64> = upsert
                .build_query_as::<(i64, String)>()
                .fetch_all(&mut *tx)
                .await?
                .into_iter()
                .map(|(id, slug)| (slug, id))
                .collect();
            if written.is_empty() {
                continue;
            }
            for table in ["service_documents", "service_fees"] {
                let mut delete =
                    sqlx::QueryBuilder::new(format!("DELETE FROM {table} WHERE service_id IN ("));
                let mut ids = delete.separated(", ");
                for id in written.values() {
                    ids.push_bind(*id);
                }
                delete.push(")");
                delete.build().execute(&mut *tx).await?;
            }
            let kept: Vec<(i64, &Service)> = batch
                .iter()
                .filter_map(|(_, s)| written.get(&s.slug).map(|id| (*id, *s)))
                .collect();
            let documents: Vec<(i64, usize, &Document)> = kept
                .iter()
                .flat_map(|&(id, s)| s.document.iter().enumerate().map(move |(p, d)| (id, p, d)))
                .collect();
            for rows in documents.chunks(BATCH * 4) {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO service_documents (service_id, position, required, name_en, name_sw, note_en, note_sw) ",
                );
                insert.push_values(rows, |mut row, (id, position, d)| {
                    row.push_bind(*id)
                        .push_bind(*position as i64)
                        .push_bind(d.required)
                        .push_bind(&d.name.en)
                        .push_bind(&d.name.sw)
                        .push_bind(d.note.as_ref().map(|n| &n.en))
                        .push_bind(d.note.as_ref().map(|n| &n.sw));
                });
                insert.build().execute(&mut *tx).await?;
            }
            let fees: Vec<(i64, usize, &Fee)> = kept
                .iter()
                .flat_map(|&(id, s)| s.fee.iter().enumerate().map(move |(p, f)| (id, p, f)))
                .collect();
            for rows in fees.chunks(BATCH * 4) {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO service_fees (service_id, position, kind, label_en, label_sw, when_en, when_sw, amount_cents) ",
                );
                insert.push_values(rows, |mut row, (id, position, f)| {
                    row.push_bind(*id)
                        .push_bind(*position as i64)
                        .push_bind(&f.kind)
                        .push_bind(&f.label.en)
                        .push_bind(&f.label.sw)
                        .push_bind(f.when.as_ref().map(|w| &w.en))
                        .push_bind(f.when.as_ref().map(|w| &w.sw))
                        .push_bind(f.amount_cents);
                });
                insert.build().execute(&mut *tx).await?;
            }
        }
        tx.commit().await
    })
}

/// The database ids of a service's agency and category (both checked to exist by
/// `catalogue_files::check` before writing starts).
fn ids(
    a: &Agency,
    s: &Service,
    agencies: &HashMap<&str, i64>,
    categories: &HashMap<&str, i64>,
) -> (i64, i64) {
    (agencies[a.slug.as_str()], categories[s.category.as_str()])
}

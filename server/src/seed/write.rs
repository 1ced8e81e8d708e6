//! Writes a checked catalogue to the database in one transaction, the same SQL on both
//! backends (`ON CONFLICT … DO UPDATE` and `RETURNING` are common to SQLite and PostgreSQL).

use super::catalogue_files::{Agency, Catalogue, Service};
use app::data::Db;
use app::with_pool;
use std::collections::HashMap;

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

        for a in &catalogue.agencies {
            for s in &a.services {
                let (agency_id, category_id) = ids(a, s, &agency_ids, &category_ids);
                let service_id: Option<i64> = sqlx::query_scalar(
                    "INSERT INTO services (slug, agency_id, category_id, popular_rank, account_types, \
                       processing_days_min, processing_days_max, name_en, name_sw, summary_en, summary_sw, \
                       keywords_en, keywords_sw, eligibility_en, eligibility_sw, collection_en, collection_sw) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
                     ON CONFLICT (slug) DO UPDATE SET agency_id = excluded.agency_id, \
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
                     RETURNING id",
                )
                .bind(&s.slug)
                .bind(agency_id)
                .bind(category_id)
                .bind(s.popular)
                .bind(s.account_types.join(","))
                .bind(s.processing_days[0])
                .bind(s.processing_days[1])
                .bind(&s.name.en)
                .bind(&s.name.sw)
                .bind(&s.summary.en)
                .bind(&s.summary.sw)
                .bind(s.keywords.en.join("\n"))
                .bind(s.keywords.sw.join("\n"))
                .bind(s.eligibility.en.join("\n"))
                .bind(s.eligibility.sw.join("\n"))
                .bind(&s.collection.en)
                .bind(&s.collection.sw)
                .fetch_optional(&mut *tx)
                .await?;
                // A service an administrator has changed keeps its fees and documents.
                let Some(service_id) = service_id else {
                    continue;
                };

                sqlx::query("DELETE FROM service_documents WHERE service_id = $1")
                    .bind(service_id)
                    .execute(&mut *tx)
                    .await?;
                for (position, d) in s.document.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO service_documents (service_id, position, required, name_en, name_sw, note_en, note_sw) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    )
                    .bind(service_id)
                    .bind(position as i64)
                    .bind(d.required)
                    .bind(&d.name.en)
                    .bind(&d.name.sw)
                    .bind(d.note.as_ref().map(|n| &n.en))
                    .bind(d.note.as_ref().map(|n| &n.sw))
                    .execute(&mut *tx)
                    .await?;
                }

                sqlx::query("DELETE FROM service_fees WHERE service_id = $1")
                    .bind(service_id)
                    .execute(&mut *tx)
                    .await?;
                for (position, f) in s.fee.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO service_fees (service_id, position, kind, label_en, label_sw, when_en, when_sw, amount_cents) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                    )
                    .bind(service_id)
                    .bind(position as i64)
                    .bind(&f.kind)
                    .bind(&f.label.en)
                    .bind(&f.label.sw)
                    .bind(f.when.as_ref().map(|w| &w.en))
                    .bind(f.when.as_ref().map(|w| &w.sw))
                    .bind(f.amount_cents)
                    .execute(&mut *tx)
                    .await?;
                }
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

//! Reading the public service catalogue. Rows carry both languages; the functions here
//! return models in the reader's language. Writes happen only in `uraia seed` (server crate)
//! until the administration issue adds an editor.

use super::search::{self, SearchDoc};
use super::Db;
use crate::i18n::Lang;
use crate::model::*;
use crate::with_pool;

mod agencies;
mod service;

pub use agencies::{agencies, agency};
pub use service::{processing_days_max, service};

/// Every summary query selects these columns, so one row type serves lists and search.
const SUMMARY_COLUMNS: &str = "s.slug, s.name_en, s.name_sw, s.summary_en, s.summary_sw, \
     s.keywords_en, s.keywords_sw, s.popular_rank, \
     a.slug AS agency_slug, a.name_en AS agency_name_en, a.name_sw AS agency_name_sw, \
     c.name_en AS category_name_en, c.name_sw AS category_name_sw, \
     CAST(COALESCE((SELECT SUM(f.amount_cents) FROM service_fees f \
                    WHERE f.service_id = s.id AND f.when_en IS NULL), 0) AS BIGINT) AS minimum_total_cents";

const SUMMARY_FROM: &str =
    "FROM services s JOIN agencies a ON a.id = s.agency_id JOIN categories c ON c.id = s.category_id";

#[derive(sqlx::FromRow, Debug, Clone)]
pub struct SummaryRow {
    pub slug: String,
    pub name_en: String,
    pub name_sw: String,
    pub summary_en: String,
    pub summary_sw: String,
    pub keywords_en: String,
    pub keywords_sw: String,
    pub popular_rank: Option<i64>,
    pub agency_slug: String,
    pub agency_name_en: String,
    pub agency_name_sw: String,
    pub category_name_en: String,
    pub category_name_sw: String,
    pub minimum_total_cents: i64,
}

impl SummaryRow {
    pub fn localize(self, lang: Lang) -> ServiceSummary {
        ServiceSummary {
            name: pick(lang, self.name_en, self.name_sw),
            summary: pick(lang, self.summary_en, self.summary_sw),
            agency: NamedLink {
                slug: self.agency_slug,
                name: pick(lang, self.agency_name_en, self.agency_name_sw),
            },
            slug: self.slug,
            minimum_total_cents: self.minimum_total_cents,
        }
    }

    fn search_doc(&self) -> SearchDoc {
        SearchDoc {
            names: [self.name_en.clone(), self.name_sw.clone()],
            keywords: [self.keywords_en.clone(), self.keywords_sw.clone()],
            summaries: [self.summary_en.clone(), self.summary_sw.clone()],
            context: [
                format!("{} {}", self.agency_name_en, self.category_name_en),
                format!("{} {}", self.agency_name_sw, self.category_name_sw),
            ],
            popular_rank: self.popular_rank,
        }
    }
}

/// Chooses the text for `lang` from a pair of columns.
pub fn pick(lang: Lang, en: String, sw: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Sw => sw,
    }
}

pub(super) fn pick_opt(lang: Lang, en: Option<String>, sw: Option<String>) -> Option<String> {
    match lang {
        Lang::En => en,
        Lang::Sw => sw,
    }
}

/// Splits a newline-separated list column (eligibility bullets, keywords).
pub(super) fn lines(text: String) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// The services matching one `slug`-bound filter, localised and sorted by name.
pub(super) async fn services_by_name(
    db: &Db,
    filter: &str,
    slug: &str,
    lang: Lang,
) -> Result<Vec<ServiceSummary>, sqlx::Error> {
    let mut services: Vec<ServiceSummary> = summaries(db, filter, Some(slug))
        .await?
        .into_iter()
        .map(|r| r.localize(lang))
        .collect();
    services.sort_by_key(|s| s.name.to_lowercase());
    Ok(services)
}

pub(super) async fn summaries(
    db: &Db,
    filter: &str,
    arg: Option<&str>,
) -> Result<Vec<SummaryRow>, sqlx::Error> {
    let sql = format!("SELECT {SUMMARY_COLUMNS} {SUMMARY_FROM} {filter}");
    with_pool!(db, |pool| {
        let query = sqlx::query_as::<_, SummaryRow>(&sql);
        let query = match arg {
            Some(arg) => query.bind(arg),
            None => query,
        };
        query.fetch_all(pool).await
    })
}

/// The home page's data: popular services and categories with counts.
pub async fn home(db: &Db, lang: Lang) -> Result<HomeData, sqlx::Error> {
    let popular = summaries(
        db,
        "WHERE s.popular_rank IS NOT NULL ORDER BY s.popular_rank LIMIT 12",
        None,
    )
    .await?
    .into_iter()
    .map(|r| r.localize(lang))
    .collect();
    let categories = categories(db, lang).await?;
    let (agency_count, service_count): (i64, i64) = with_pool!(db, |pool| {
        sqlx::query_as("SELECT (SELECT COUNT(*) FROM agencies), (SELECT COUNT(*) FROM services)")
            .fetch_one(pool)
            .await
    })?;
    Ok(HomeData {
        popular,
        categories,
        agency_count,
        service_count,
    })
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    slug: String,
    name_en: String,
    name_sw: String,
    description_en: String,
    description_sw: String,
    service_count: i64,
}

/// Categories that have services, in their set order.
pub async fn categories(db: &Db, lang: Lang) -> Result<Vec<CategoryListItem>, sqlx::Error> {
    let rows: Vec<CategoryRow> = with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT c.slug, c.name_en, c.name_sw, c.description_en, c.description_sw, \
                    (SELECT COUNT(*) FROM services s WHERE s.category_id = c.id) AS service_count \
             FROM categories c ORDER BY c.sort_order, c.slug",
        )
        .fetch_all(pool)
        .await
    })?;
    Ok(rows
        .into_iter()
        .filter(|r| r.service_count > 0)
        .map(|r| CategoryListItem {
            slug: r.slug,
            name: pick(lang, r.name_en, r.name_sw),
            description: pick(lang, r.description_en, r.description_sw),
            service_count: r.service_count,
        })
        .collect())
}

/// One category and its services, or `None` if there is no such category.
pub async fn category(
    db: &Db,
    slug: &str,
    lang: Lang,
) -> Result<Option<CategoryDetail>, sqlx::Error> {
    let row: Option<CategoryRow> = with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT c.slug, c.name_en, c.name_sw, c.description_en, c.description_sw, \
                    CAST(0 AS BIGINT) AS service_count FROM categories c WHERE c.slug = $1",
        )
        .bind(slug)
        .fetch_optional(pool)
        .await
    })?;
    let Some(row) = row else { return Ok(None) };
    let services = services_by_name(db, "WHERE c.slug = $1", slug, lang).await?;
    Ok(Some(CategoryDetail {
        slug: row.slug,
        name: pick(lang, row.name_en, row.name_sw),
        description: pick(lang, row.description_en, row.description_sw),
        services,
    }))
}

/// Searches the catalogue; see `search` for how results are ranked.
pub async fn search(
    db: &Db,
    query: &str,
    lang: Lang,
    limit: usize,
) -> Result<Vec<ServiceSummary>, sqlx::Error> {
    let rows = summaries(db, "", None).await?;
    let docs: Vec<SearchDoc> = rows.iter().map(SummaryRow::search_doc).collect();
    let ranked = search::rank(&docs, query, lang);
    let mut rows: Vec<Option<SummaryRow>> = rows.into_iter().map(Some).collect();
    Ok(ranked
        .into_iter()
        .take(limit)
        .filter_map(|(i, _)| rows[i].take())
        .map(|r| r.localize(lang))
        .collect())
}

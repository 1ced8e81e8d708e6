//! Reading the whole public catalogue from the database into a [`Snapshot`]: six queries,
//! whatever the catalogue's size, instead of several per page view.

use super::lines;
use super::snapshot::{Agency, Both, Category, Document, Fee, Service, Snapshot};
use crate::data::search::{SearchDoc, SearchIndex};
use crate::data::Db;
use crate::i18n::Lang;
use crate::model::{AccountType, AgencyKind, FeeKind};
use crate::with_pool;
use std::collections::HashMap;

#[derive(sqlx::FromRow)]
struct AgencyRow {
    id: i64,
    slug: String,
    kind: String,
    parent_id: Option<i64>,
    name_en: String,
    name_sw: String,
    summary_en: String,
    summary_sw: String,
    website: Option<String>,
    phone: Option<String>,
    email: Option<String>,
}

#[derive(sqlx::FromRow)]
struct CategoryRow {
    id: i64,
    slug: String,
    name_en: String,
    name_sw: String,
    description_en: String,
    description_sw: String,
}

#[derive(sqlx::FromRow)]
struct ServiceRow {
    id: i64,
    slug: String,
    agency_id: i64,
    category_id: i64,
    popular_rank: Option<i64>,
    name_en: String,
    name_sw: String,
    summary_en: String,
    summary_sw: String,
    keywords_en: String,
    keywords_sw: String,
    account_types: String,
    eligibility_en: String,
    eligibility_sw: String,
    collection_en: String,
    collection_sw: String,
    processing_days_min: i64,
    processing_days_max: i64,
    online: bool,
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    service_id: i64,
    required: bool,
    name_en: String,
    name_sw: String,
    note_en: Option<String>,
    note_sw: Option<String>,
}

#[derive(sqlx::FromRow)]
struct FeeRow {
    service_id: i64,
    kind: String,
    label_en: String,
    label_sw: String,
    when_en: Option<String>,
    when_sw: Option<String>,
    amount_cents: i64,
}

/// The catalogue's change counter (moved on by triggers at every catalogue write).
pub async fn version(db: &Db) -> Result<i64, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT CAST(version AS BIGINT) FROM catalogue_version WHERE id = 1"
    )
    .fetch_one(pool)
    .await)
}

/// Reads everything the public pages show. The version is read first: a write that lands
/// while the rest is read leaves the snapshot claiming an older version than it may hold,
/// so the next check reads it all again (never the other way round).
pub async fn snapshot(db: &Db) -> Result<Snapshot, sqlx::Error> {
    let version = version(db).await?;
    let (agency_rows, category_rows, service_rows, document_rows, fee_rows) =
        with_pool!(db, |pool| {
            let agencies: Vec<AgencyRow> = sqlx::query_as(
                "SELECT id, slug, kind, parent_id, name_en, name_sw, summary_en, summary_sw, \
                        website, phone, email FROM agencies ORDER BY id",
            )
            .fetch_all(pool)
            .await?;
            let categories: Vec<CategoryRow> = sqlx::query_as(
                "SELECT id, slug, name_en, name_sw, description_en, description_sw \
                 FROM categories ORDER BY sort_order, slug",
            )
            .fetch_all(pool)
            .await?;
            let services: Vec<ServiceRow> = sqlx::query_as(
                "SELECT id, slug, agency_id, category_id, popular_rank, name_en, name_sw, \
                        summary_en, summary_sw, keywords_en, keywords_sw, account_types, \
                        eligibility_en, eligibility_sw, collection_en, collection_sw, \
                        processing_days_min, processing_days_max, \
                        (form_version IS NOT NULL) AS online \
                 FROM services ORDER BY id",
            )
            .fetch_all(pool)
            .await?;
            let documents: Vec<DocumentRow> = sqlx::query_as(
                "SELECT service_id, required, name_en, name_sw, note_en, note_sw \
                 FROM service_documents ORDER BY service_id, position",
            )
            .fetch_all(pool)
            .await?;
            let fees: Vec<FeeRow> = sqlx::query_as(
                "SELECT service_id, kind, label_en, label_sw, when_en, when_sw, amount_cents \
                 FROM service_fees ORDER BY service_id, position",
            )
            .fetch_all(pool)
            .await?;
            (agencies, categories, services, documents, fees)
        });
    let statuses: HashMap<i64, _> = crate::data::service_status::all(db)
        .await?
        .into_iter()
        .map(|row| (row.agency_id, row))
        .collect();

    let agency_index: HashMap<i64, usize> = agency_rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    let category_index: HashMap<i64, usize> = category_rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();

    let mut agencies: Vec<Agency> = agency_rows
        .into_iter()
        .map(|r| Agency {
            parent: r.parent_id.and_then(|p| agency_index.get(&p).copied()),
            status: statuses.get(&r.id).cloned(),
            kind: AgencyKind::from_code(&r.kind).unwrap_or(AgencyKind::Agency),
            slug: r.slug,
            name: Both::new(r.name_en, r.name_sw),
            summary: Both::new(r.summary_en, r.summary_sw),
            website: r.website,
            phone: r.phone,
            email: r.email,
            children: Default::default(),
            services: Default::default(),
        })
        .collect();
    let mut categories: Vec<Category> = category_rows
        .into_iter()
        .map(|r| Category {
            slug: r.slug,
            name: Both::new(r.name_en, r.name_sw),
            description: Both::new(r.description_en, r.description_sw),
            services: Default::default(),
        })
        .collect();

    let mut documents: HashMap<i64, Vec<Document>> = HashMap::new();
    for d in document_rows {
        documents.entry(d.service_id).or_default().push(Document {
            required: d.required,
            name: Both::new(d.name_en, d.name_sw),
            note: [d.note_en, d.note_sw],
        });
    }
    let mut fees: HashMap<i64, Vec<Fee>> = HashMap::new();
    for f in fee_rows {
        fees.entry(f.service_id).or_default().push(Fee {
            kind: FeeKind::from_code(&f.kind).unwrap_or(FeeKind::Government),
            label: Both::new(f.label_en, f.label_sw),
            when: [f.when_en, f.when_sw],
            amount_cents: f.amount_cents,
        });
    }

    let mut services = Vec::with_capacity(service_rows.len());
    let mut search_docs = Vec::with_capacity(service_rows.len());
    for r in service_rows {
        // Both foreign keys are enforced; a row that still misses one is skipped rather
        // than shown half-drawn.
        let (Some(&agency), Some(&category)) = (
            agency_index.get(&r.agency_id),
            category_index.get(&r.category_id),
        ) else {
            continue;
        };
        let fees = fees.remove(&r.id).unwrap_or_default();
        // The service's agency and those above it: narrowing a search to a ministry finds
        // its departments' services too (a parent loop, which the editors refuse, stops).
        let mut above = vec![agency];
        while let Some(parent) = agencies[*above.last().unwrap_or(&agency)].parent {
            if above.contains(&parent) {
                break;
            }
            above.push(parent);
        }
        let account_types: Vec<AccountType> = r
            .account_types
            .split(',')
            .filter_map(AccountType::from_code)
            .collect();
        search_docs.push(SearchDoc {
            agencies: above,
            category,
            account_types: account_types.clone(),
            context: [
                format!(
                    "{} {}",
                    agencies[agency].name.get(Lang::En),
                    categories[category].name.get(Lang::En)
                ),
                format!(
                    "{} {}",
                    agencies[agency].name.get(Lang::Sw),
                    categories[category].name.get(Lang::Sw)
                ),
            ],
            names: [r.name_en.clone(), r.name_sw.clone()],
            keywords: [r.keywords_en, r.keywords_sw],
            summaries: [r.summary_en.clone(), r.summary_sw.clone()],
            popular_rank: r.popular_rank,
        });
        services.push(Service {
            minimum_total_cents: fees
                .iter()
                .filter(|f| f.when[Lang::En.index()].is_none())
                .map(|f| f.amount_cents)
                .sum(),
            documents: documents.remove(&r.id).unwrap_or_default(),
            fees,
            slug: r.slug,
            name: Both::new(r.name_en, r.name_sw),
            summary: Both::new(r.summary_en, r.summary_sw),
            agency,
            category,
            popular_rank: r.popular_rank,
            account_types,
            eligibility: [lines(r.eligibility_en), lines(r.eligibility_sw)],
            collection: Both::new(r.collection_en, r.collection_sw),
            processing_days_min: r.processing_days_min,
            processing_days_max: r.processing_days_max,
            online: r.online,
        });
    }

    for (i, service) in services.iter().enumerate() {
        for lang in Lang::ALL {
            agencies[service.agency].services[lang.index()].push(i);
            categories[service.category].services[lang.index()].push(i);
        }
    }
    for i in 0..agencies.len() {
        if let Some(parent) = agencies[i].parent {
            for lang in Lang::ALL {
                agencies[parent].children[lang.index()].push(i);
            }
        }
    }
    let by_service_name = |lang: Lang, list: &mut Vec<usize>| {
        list.sort_by_cached_key(|&i| services[i].name.get(lang).to_lowercase());
    };
    for lang in Lang::ALL {
        for agency in &mut agencies {
            by_service_name(lang, &mut agency.services[lang.index()]);
        }
        for category in &mut categories {
            by_service_name(lang, &mut category.services[lang.index()]);
        }
    }
    let names: Vec<Both> = agencies.iter().map(|a| a.name.clone()).collect();
    for lang in Lang::ALL {
        for agency in &mut agencies {
            agency.children[lang.index()]
                .sort_by_cached_key(|&i| names[i].get(lang).to_lowercase());
        }
    }
    // Indexing 20,000 services takes a second of CPU: off the threads that answer requests.
    let index = tokio::task::spawn_blocking(move || SearchIndex::build(&search_docs))
        .await
        .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?
        // The index is in memory: its errors are those of memory, reported as such.
        .map_err(|e| sqlx::Error::Io(std::io::Error::other(e)))?;
    Ok(Snapshot::new(
        version, agencies, categories, services, index,
    ))
}

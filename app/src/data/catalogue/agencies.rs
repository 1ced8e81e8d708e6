//! Agencies: the list of all, and one with its parent, children and services.

use super::{pick, services_by_name};
use crate::data::Db;
use crate::i18n::Lang;
use crate::model::*;
use crate::with_pool;

#[derive(sqlx::FromRow)]
struct AgencyListRow {
    slug: String,
    name_en: String,
    name_sw: String,
    kind: String,
    service_count: i64,
}

/// Every agency with its number of services, sorted by name in the reader's language.
pub async fn agencies(db: &Db, lang: Lang) -> Result<Vec<AgencyListItem>, sqlx::Error> {
    let rows: Vec<AgencyListRow> = with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT a.slug, a.name_en, a.name_sw, a.kind, \
                    (SELECT COUNT(*) FROM services s WHERE s.agency_id = a.id) AS service_count \
             FROM agencies a",
        )
        .fetch_all(pool)
        .await
    })?;
    let mut list: Vec<AgencyListItem> = rows
        .into_iter()
        .map(|r| AgencyListItem {
            kind: AgencyKind::from_code(&r.kind).unwrap_or(AgencyKind::Agency),
            slug: r.slug,
            name: pick(lang, r.name_en, r.name_sw),
            service_count: r.service_count,
        })
        .collect();
    list.sort_by_key(|a| a.name.to_lowercase());
    Ok(list)
}

#[derive(sqlx::FromRow)]
struct AgencyRow {
    id: i64,
    slug: String,
    kind: String,
    name_en: String,
    name_sw: String,
    summary_en: String,
    summary_sw: String,
    website: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    parent_slug: Option<String>,
    parent_name_en: Option<String>,
    parent_name_sw: Option<String>,
}

#[derive(sqlx::FromRow)]
struct LinkRow {
    slug: String,
    name_en: String,
    name_sw: String,
}

/// One agency with its parent, child agencies and services.
pub async fn agency(db: &Db, slug: &str, lang: Lang) -> Result<Option<AgencyDetail>, sqlx::Error> {
    let row: Option<AgencyRow> = with_pool!(db, |pool| {
        sqlx::query_as(
            "SELECT a.id, a.slug, a.kind, a.name_en, a.name_sw, a.summary_en, a.summary_sw, \
                    a.website, a.phone, a.email, \
                    p.slug AS parent_slug, p.name_en AS parent_name_en, p.name_sw AS parent_name_sw \
             FROM agencies a LEFT JOIN agencies p ON p.id = a.parent_id WHERE a.slug = $1",
        )
        .bind(slug)
        .fetch_optional(pool)
        .await
    })?;
    let Some(row) = row else { return Ok(None) };
    let children: Vec<LinkRow> = with_pool!(db, |pool| {
        sqlx::query_as("SELECT slug, name_en, name_sw FROM agencies WHERE parent_id = $1")
            .bind(row.id)
            .fetch_all(pool)
            .await
    })?;
    let mut children: Vec<NamedLink> = children
        .into_iter()
        .map(|c| NamedLink {
            slug: c.slug,
            name: pick(lang, c.name_en, c.name_sw),
        })
        .collect();
    children.sort_by_key(|c| c.name.to_lowercase());
    let services = services_by_name(db, "WHERE a.slug = $1", slug, lang).await?;
    let parent = match (row.parent_slug, row.parent_name_en, row.parent_name_sw) {
        (Some(slug), Some(en), Some(sw)) => Some(NamedLink {
            slug,
            name: pick(lang, en, sw),
        }),
        _ => None,
    };
    Ok(Some(AgencyDetail {
        slug: row.slug,
        name: pick(lang, row.name_en, row.name_sw),
        summary: pick(lang, row.summary_en, row.summary_sw),
        kind: AgencyKind::from_code(&row.kind).unwrap_or(AgencyKind::Agency),
        website: row.website,
        phone: row.phone,
        email: row.email,
        parent,
        children,
        services,
    }))
}

//! The public service catalogue. Read-only and open to everyone, so these are GET requests
//! that shared caches may keep.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Longest search query we accept; anything longer is cut, not refused.
pub const MAX_QUERY_CHARS: usize = 100;
/// How many results a search returns.
pub const SEARCH_LIMIT: usize = 30;

/// The catalogue as this instance holds it in memory.
#[cfg(feature = "ssr")]
async fn catalogue() -> Result<std::sync::Arc<crate::data::catalogue::Snapshot>, AppError> {
    let state = crate::state::app_state()?;
    Ok(state.catalogue.now(&state.db).await?)
}

#[server(input = GetUrl, endpoint = "catalogue/home")]
pub async fn get_home(lang: Lang) -> Result<HomeData, AppError> {
    Ok(catalogue().await?.home(lang))
}

#[server(input = GetUrl, endpoint = "catalogue/search")]
pub async fn search_services(query: String, lang: Lang) -> Result<Vec<ServiceSummary>, AppError> {
    let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
    if query.trim().is_empty() {
        return Ok(Vec::new());
    }
    Ok(catalogue().await?.search(&query, lang, SEARCH_LIMIT))
}

#[server(input = GetUrl, endpoint = "catalogue/service")]
pub async fn get_service(slug: String, lang: Lang) -> Result<ServiceDetail, AppError> {
    catalogue()
        .await?
        .service(&slug, lang)
        .ok_or(AppError::NotFound)
}

#[server(input = GetUrl, endpoint = "catalogue/agencies")]
pub async fn list_agencies(lang: Lang) -> Result<Vec<AgencyListItem>, AppError> {
    Ok(catalogue().await?.agencies(lang))
}

#[server(input = GetUrl, endpoint = "catalogue/agency")]
pub async fn get_agency(slug: String, lang: Lang) -> Result<AgencyDetail, AppError> {
    catalogue()
        .await?
        .agency(&slug, lang)
        .ok_or(AppError::NotFound)
}

#[server(input = GetUrl, endpoint = "catalogue/category")]
pub async fn get_category(slug: String, lang: Lang) -> Result<CategoryDetail, AppError> {
    catalogue()
        .await?
        .category(&slug, lang)
        .ok_or(AppError::NotFound)
}

/// Public: the Huduma Centres of a county (empty or unknown: every county), with the list
/// of counties to choose from.
#[server(input = GetUrl, endpoint = "catalogue/huduma")]
pub async fn get_huduma_centres(county: String, lang: Lang) -> Result<HudumaCentres, AppError> {
    let state = crate::state::app_state()?;
    let rows = crate::data::places::huduma_centres(&state.db).await?;
    let mut counties: Vec<String> = rows.iter().map(|p| p.county.clone()).collect();
    counties.dedup();
    let county = counties
        .iter()
        .find(|c| c.eq_ignore_ascii_case(county.trim()))
        .cloned()
        .unwrap_or_default();
    let centres = rows
        .into_iter()
        .filter(|p| county.is_empty() || p.county == county)
        .map(|p| HudumaCentre {
            name: p.name(lang).to_string(),
            address: crate::data::catalogue::pick(lang, p.address_en, p.address_sw),
            hours: crate::data::catalogue::pick(lang, p.hours_en, p.hours_sw),
            county: p.county,
            town: p.town,
            phone: p.phone,
            approximate: p.approximate,
        })
        .collect();
    Ok(HudumaCentres {
        counties,
        county,
        centres,
    })
}

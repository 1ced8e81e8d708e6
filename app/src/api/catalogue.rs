//! The public service catalogue. Read-only and open to everyone, so these are GET requests
//! that shared caches may keep.

use crate::error::AppError;
use crate::i18n::Lang;
use crate::model::*;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Longest search query we accept; anything longer is cut, not refused.
pub const MAX_QUERY_CHARS: usize = 100;
/// Longest slug or code a narrowing takes (longer ones match nothing anyway).
#[cfg(feature = "ssr")]
const MAX_SLUG_CHARS: usize = 120;

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

/// Searches the catalogue: a page of services, best first, within an agency, a county, a
/// category and what an account type may apply for (each optional). With no words, lists
/// what the narrowing allows; with neither, finds nothing.
#[server(input = GetUrl, endpoint = "catalogue/search")]
#[allow(clippy::too_many_arguments)]
pub async fn search_services(
    query: String,
    lang: Lang,
    #[server(default)] agency: String,
    #[server(default)] county: String,
    #[server(default)] category: String,
    #[server(default)] account_type: String,
    #[server(default)] page: u32,
) -> Result<SearchResults, AppError> {
    let cut = |text: String, most: usize| text.chars().take(most).collect::<String>();
    let narrowing = SearchNarrowing {
        agency: cut(agency, MAX_SLUG_CHARS),
        county: cut(county, MAX_SLUG_CHARS),
        category: cut(category, MAX_SLUG_CHARS),
        account_type: cut(account_type, MAX_SLUG_CHARS),
    };
    let query = cut(query, MAX_QUERY_CHARS);
    Ok(catalogue().await?.search(&query, lang, &narrowing, page))
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

/// One agency, with a page of its services (from 1; past the last: the last).
#[server(input = GetUrl, endpoint = "catalogue/agency")]
pub async fn get_agency(
    slug: String,
    lang: Lang,
    #[server(default)] page: u32,
) -> Result<AgencyDetail, AppError> {
    catalogue()
        .await?
        .agency(&slug, lang, page)
        .ok_or(AppError::NotFound)
}

/// One category, with a page of its services (from 1; past the last: the last).
#[server(input = GetUrl, endpoint = "catalogue/category")]
pub async fn get_category(
    slug: String,
    lang: Lang,
    #[server(default)] page: u32,
) -> Result<CategoryDetail, AppError> {
    catalogue()
        .await?
        .category(&slug, lang, page)
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

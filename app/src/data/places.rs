//! Offices where documents are collected and help is given: Huduma Centres, immigration
//! offices, Kenya's missions abroad (seeded from server/seed/places.toml).

use crate::data::Db;
use crate::i18n::Lang;
use crate::with_pool;

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct PlaceRow {
    pub id: i64,
    pub slug: String,
    pub kind: String,
    pub name_en: String,
    pub name_sw: String,
    pub county: String,
    pub town: String,
    pub country: String,
    pub address_en: String,
    pub address_sw: String,
    pub hours_en: String,
    pub hours_sw: String,
    pub hours_short: String,
    pub phone: Option<String>,
    pub approximate: bool,
    /// People one half-hour slot takes; None: the default for the office's kind.
    pub slot_capacity: Option<i64>,
}

impl PlaceRow {
    pub fn name(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.name_en,
            Lang::Sw => &self.name_sw,
        }
    }

    pub fn address(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.address_en,
            Lang::Sw => &self.address_sw,
        }
    }

    pub fn hours(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.hours_en,
            Lang::Sw => &self.hours_sw,
        }
    }

    /// As the pages show it.
    pub fn summary(&self, lang: Lang) -> crate::model::Place {
        crate::model::Place {
            slug: self.slug.clone(),
            name: self.name(lang).to_string(),
            address: self.address(lang).to_string(),
            hours: self.hours(lang).to_string(),
            hours_short: self.hours_short.clone(),
            phone: self.phone.clone(),
        }
    }
}

const SELECT: &str = "SELECT id, slug, kind, name_en, name_sw, county, town, country, address_en, \
     address_sw, hours_en, hours_sw, hours_short, phone, approximate, \
     CAST(slot_capacity AS BIGINT) AS slot_capacity FROM places";

pub async fn by_id(db: &Db, id: i64) -> Result<Option<PlaceRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<PlaceRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE slug = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(pool)
        .await)
}

/// Every place, by kind then name (where a document can be collected).
pub async fn all(db: &Db) -> Result<Vec<PlaceRow>, sqlx::Error> {
    let sql = format!("{SELECT} ORDER BY kind, name_en");
    with_pool!(db, |pool| sqlx::query_as(&sql).fetch_all(pool).await)
}

/// Where a service's documents can be collected: the offices an administrator chose for it,
/// or every office when none were chosen.
pub async fn for_service(db: &Db, service_id: i64) -> Result<Vec<PlaceRow>, sqlx::Error> {
    let chosen = format!(
        "{SELECT} WHERE id IN (SELECT place_id FROM service_places WHERE service_id = $1) \
         ORDER BY kind, name_en"
    );
    let rows: Vec<PlaceRow> = with_pool!(db, |pool| sqlx::query_as(&chosen)
        .bind(service_id)
        .fetch_all(pool)
        .await)?;
    if rows.is_empty() {
        return all(db).await;
    }
    Ok(rows)
}

/// The Huduma Centres of a county, matched without regard to case, spaces or dashes
/// ("taita taveta" finds Taita-Taveta), by name.
pub async fn huduma_centres_in(db: &Db, county: &str) -> Result<Vec<PlaceRow>, sqlx::Error> {
    let wanted = county_key(county);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    Ok(huduma_centres(db)
        .await?
        .into_iter()
        .filter(|p| county_key(&p.county) == wanted)
        .collect())
}

/// Every Huduma Centre, by county, then name.
pub async fn huduma_centres(db: &Db) -> Result<Vec<PlaceRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE kind = 'huduma_centre' ORDER BY county, name_en");
    with_pool!(db, |pool| sqlx::query_as(&sql).fetch_all(pool).await)
}

/// A county name reduced to letters, lower case.
fn county_key(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

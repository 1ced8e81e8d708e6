//! Huduma Centres, immigration offices and Kenya's missions abroad (server/seed/places.toml,
//! compiled in): where documents are collected, and what the help pages and USSD list.
//! Upserted by slug; nothing is deleted, since events refer to places.

use app::data::Db;
use app::with_pool;
use chrono::Utc;
use serde::Deserialize;

static PLACES_FILE: &str = include_str!("../../seed/places.toml");

#[derive(Debug, Deserialize)]
struct PlacesFile {
    place: Vec<Place>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Place {
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
    #[serde(default)]
    pub approximate: bool,
}

pub fn places() -> Result<Vec<Place>, String> {
    let places = toml::from_str::<PlacesFile>(PLACES_FILE)
        .map_err(|e| e.to_string())?
        .place;
    for p in &places {
        if !["huduma_centre", "immigration_office", "mission"].contains(&p.kind.as_str()) {
            return Err(format!("place {}: unknown kind {}", p.slug, p.kind));
        }
        // SMS and USSD screens are short.
        if p.hours_short.chars().count() > 24 {
            return Err(format!("place {}: hours_short over 24 characters", p.slug));
        }
    }
    Ok(places)
}

/// Upserts every place; returns how many there are.
pub async fn write_places(db: &Db) -> Result<usize, super::SeedError> {
    let places = places().map_err(super::SeedError::Places)?;
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        for p in &places {
            sqlx::query(
                "INSERT INTO places (slug, kind, name_en, name_sw, county, town, country, address_en, \
                 address_sw, hours_en, hours_sw, hours_short, phone, approximate, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) \
                 ON CONFLICT (slug) DO UPDATE SET kind = excluded.kind, name_en = excluded.name_en, \
                 name_sw = excluded.name_sw, county = excluded.county, town = excluded.town, \
                 country = excluded.country, address_en = excluded.address_en, \
                 address_sw = excluded.address_sw, hours_en = excluded.hours_en, \
                 hours_sw = excluded.hours_sw, hours_short = excluded.hours_short, \
                 phone = excluded.phone, approximate = excluded.approximate, \
                 updated_at = excluded.updated_at WHERE places.edited_at IS NULL",
            )
            .bind(&p.slug)
            .bind(&p.kind)
            .bind(&p.name_en)
            .bind(&p.name_sw)
            .bind(&p.county)
            .bind(&p.town)
            .bind(&p.country)
            .bind(&p.address_en)
            .bind(&p.address_sw)
            .bind(&p.hours_en)
            .bind(&p.hours_sw)
            .bind(&p.hours_short)
            .bind(&p.phone)
            .bind(p.approximate)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(places.len())
}

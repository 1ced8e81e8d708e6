//! Agencies' service status (normal, degraded, down, with a message in both languages), set
//! by administrators and shown publicly.

use crate::data::catalogue::pick;
use crate::data::Db;
use crate::i18n::Lang;
use crate::model::{AgencyStatus, NamedLink, ServiceState};
use crate::with_pool;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct StatusRow {
    pub agency_id: i64,
    pub slug: String,
    pub name_en: String,
    pub name_sw: String,
    pub service_state: String,
    pub service_message_en: Option<String>,
    pub service_message_sw: Option<String>,
    pub service_state_at: Option<DateTime<Utc>>,
}

impl StatusRow {
    pub fn state(&self) -> ServiceState {
        ServiceState::from_code(&self.service_state).unwrap_or(ServiceState::Normal)
    }

    pub fn view(self, lang: Lang) -> AgencyStatus {
        AgencyStatus {
            state: self.state(),
            agency: NamedLink {
                slug: self.slug,
                name: pick(lang, self.name_en, self.name_sw),
            },
            message: match lang {
                Lang::En => self.service_message_en,
                Lang::Sw => self.service_message_sw,
            }
            .filter(|m| !m.is_empty()),
            since: self.service_state_at.map(crate::shown::nairobi),
        }
    }
}

const SELECT: &str = "SELECT id AS agency_id, slug, name_en, name_sw, service_state, \
                      service_message_en, service_message_sw, service_state_at FROM agencies";

/// Every agency, by name.
pub async fn all(db: &Db) -> Result<Vec<StatusRow>, sqlx::Error> {
    let sql = format!("{SELECT} ORDER BY name_en");
    with_pool!(db, |pool| sqlx::query_as(&sql).fetch_all(pool).await)
}

pub async fn of_agency(db: &Db, slug: &str) -> Result<Option<StatusRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE slug = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(slug)
        .fetch_optional(pool)
        .await)
}

/// Sets the agency's status; `false` if there is no such agency.
pub async fn set(
    db: &Db,
    slug: &str,
    state: ServiceState,
    message_en: &str,
    message_sw: &str,
    at: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let message = |m: &str| (!m.is_empty()).then(|| m.to_string());
    with_pool!(db, |pool| sqlx::query(
        "UPDATE agencies SET service_state = $1, service_message_en = $2, \
         service_message_sw = $3, service_state_at = $4 WHERE slug = $5"
    )
    .bind(state.code())
    .bind(message(message_en))
    .bind(message(message_sw))
    .bind(at)
    .bind(slug)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1))
}

//! Application form definitions: every version of each service's form.

use crate::data::Db;
use crate::forms::FormDefinition;
use crate::with_pool;

#[derive(Debug, thiserror::Error)]
pub enum FormStoreError {
    #[error("no service {0:?}")]
    NoService(String),
    #[error(
        "the form of {service:?} changed but kept version {version}: give it a new version number"
    )]
    VersionReused { service: String, version: u32 },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

fn decode(json: &str) -> Result<FormDefinition, sqlx::Error> {
    serde_json::from_str(json).map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Stores a version of a service's form (idempotent) and makes a newly stored version current
/// when it is the newest: a version an administrator went back to stays current when the
/// seed runs again. A stored version never changes: a changed form needs a new number.
pub async fn store(
    db: &Db,
    service_slug: &str,
    form: &FormDefinition,
) -> Result<(), FormStoreError> {
    let json = serde_json::to_string(form).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let version = form.version as i64;
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let service_id: Option<i64> = sqlx::query_scalar("SELECT id FROM services WHERE slug = $1")
            .bind(service_slug)
            .fetch_optional(&mut *tx)
            .await?;
        let service_id =
            service_id.ok_or_else(|| FormStoreError::NoService(service_slug.into()))?;
        let stored: Option<String> = sqlx::query_scalar(
            "SELECT definition FROM form_versions WHERE service_id = $1 AND version = $2",
        )
        .bind(service_id)
        .bind(version)
        .fetch_optional(&mut *tx)
        .await?;
        let inserted = stored.is_none();
        match stored {
            Some(stored) if decode(&stored)? != *form => {
                return Err(FormStoreError::VersionReused {
                    service: service_slug.into(),
                    version: form.version,
                })
            }
            Some(_) => {}
            None => {
                sqlx::query(
                    "INSERT INTO form_versions (service_id, version, definition) VALUES ($1, $2, $3)",
                )
                .bind(service_id)
                .bind(version)
                .bind(&json)
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query(
            "UPDATE services SET form_definition = $1, form_version = $2, updated_at = CURRENT_TIMESTAMP \
             WHERE id = $3 AND (form_version IS NULL OR ($4 AND form_version <= $2))",
        )
        .bind(&json)
        .bind(version)
        .bind(service_id)
        .bind(inserted)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    })
}

/// The newest form of a service: (service id, form), if it has one.
pub async fn current(
    db: &Db,
    service_slug: &str,
) -> Result<Option<(i64, FormDefinition)>, sqlx::Error> {
    let row: Option<(i64, Option<String>)> = with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, form_definition FROM services WHERE slug = $1"
    )
    .bind(service_slug)
    .fetch_optional(pool)
    .await)?;
    match row {
        Some((id, Some(json))) => Ok(Some((id, decode(&json)?))),
        _ => Ok(None),
    }
}

/// A given version of a service's form (what an application was filled against).
pub async fn version(
    db: &Db,
    service_id: i64,
    version: u32,
) -> Result<Option<FormDefinition>, sqlx::Error> {
    let json: Option<String> = with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT definition FROM form_versions WHERE service_id = $1 AND version = $2"
    )
    .bind(service_id)
    .bind(version as i64)
    .fetch_optional(pool)
    .await)?;
    json.as_deref().map(decode).transpose()
}

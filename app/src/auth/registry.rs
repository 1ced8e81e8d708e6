//! The population registry: asked during registration whether the identity details a person
//! typed belong to one real person. Two adapters speak the same protocol:
//!
//! - [`HttpRegistry`], the client for a registry API (`REGISTRY_URL`, `REGISTRY_API_KEY`):
//!   `POST {base}/v1/identity/verify` with a JSON [`VerifyRequest`] and a bearer key, answered
//!   with a JSON [`VerifyResponse`];
//! - [`EmbeddedRegistry`], backed by the `registry_people` table that `uraia seed` fills with
//!   synthetic people. The server also serves this protocol at `/registry/v1/identity/verify`
//!   (development mode), so the HTTP client can be exercised against it.
//!
//! A person only ever learns "match" or "no match".

use crate::data::Db;
use crate::with_pool;
use async_trait::async_trait;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the person typed, normalised.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct VerifyRequest {
    /// citizen, resident, refugee or diplomat (foreigners are not in the registry).
    pub id_type: String,
    pub id_number: String,
    pub first_name: String,
    /// Given for citizens, residents and refugees.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub year_of_birth: Option<i32>,
    /// Given for diplomats.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub date_of_birth: Option<NaiveDate>,
}

/// The registry's answer: the person's details only when everything matched.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct VerifyResponse {
    #[serde(rename = "match")]
    pub matched: bool,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub person: Option<RegistryPerson>,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
pub struct RegistryPerson {
    pub first_name: String,
    pub last_name: String,
    pub other_names: Option<String>,
    pub gender: String,
    pub date_of_birth: NaiveDate,
}

#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    #[error("registry unreachable: {0}")]
    Unreachable(String),
    #[error("registry refused the request with status {0}")]
    Refused(u16),
    #[error("registry lookup failed: {0}")]
    Lookup(#[from] sqlx::Error),
}

#[async_trait]
pub trait Registry: Send + Sync + std::fmt::Debug {
    async fn verify(&self, request: &VerifyRequest) -> Result<VerifyResponse, RegistryError>;
}

/// Names match ignoring case and spacing.
fn same_name(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    norm(a) == norm(b)
}

#[derive(Clone, Debug)]
pub struct EmbeddedRegistry {
    db: Db,
}

impl EmbeddedRegistry {
    pub fn new(db: Db) -> EmbeddedRegistry {
        EmbeddedRegistry { db }
    }
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    first_name: String,
    last_name: String,
    other_names: Option<String>,
    gender: String,
    date_of_birth: NaiveDate,
}

#[async_trait]
impl Registry for EmbeddedRegistry {
    async fn verify(&self, request: &VerifyRequest) -> Result<VerifyResponse, RegistryError> {
        let row: Option<PersonRow> = with_pool!(&self.db, |pool| sqlx::query_as(
            "SELECT first_name, last_name, other_names, gender, date_of_birth \
             FROM registry_people WHERE id_type = $1 AND id_number = $2"
        )
        .bind(&request.id_type)
        .bind(&request.id_number)
        .fetch_optional(pool)
        .await)?;
        let person = row.filter(|p| {
            use chrono::Datelike;
            same_name(&p.first_name, &request.first_name)
                && request
                    .year_of_birth
                    .is_none_or(|y| p.date_of_birth.year() == y)
                && request.date_of_birth.is_none_or(|d| p.date_of_birth == d)
                && (request.year_of_birth.is_some() || request.date_of_birth.is_some())
        });
        Ok(match person {
            Some(p) => VerifyResponse {
                matched: true,
                person: Some(RegistryPerson {
                    first_name: p.first_name,
                    last_name: p.last_name,
                    other_names: p.other_names,
                    gender: p.gender,
                    date_of_birth: p.date_of_birth,
                }),
            },
            None => VerifyResponse {
                matched: false,
                person: None,
            },
        })
    }
}

/// The client for a registry HTTP API.
#[derive(Clone)]
pub struct HttpRegistry {
    base_url: String,
    api_key: String,
    client: reqwest::Client,
}

impl std::fmt::Debug for HttpRegistry {
    // The key never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpRegistry")
            .field("base_url", &self.base_url)
            .field("api_key", &"[redacted]")
            .finish()
    }
}

impl HttpRegistry {
    pub fn new(base_url: &str, api_key: &str) -> HttpRegistry {
        let client = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()
            .unwrap_or_default();
        HttpRegistry {
            base_url: base_url.trim_end_matches('/').to_string(),
            api_key: api_key.to_string(),
            client,
        }
    }
}

#[async_trait]
impl Registry for HttpRegistry {
    async fn verify(&self, request: &VerifyRequest) -> Result<VerifyResponse, RegistryError> {
        let response = self
            .client
            .post(format!("{}/v1/identity/verify", self.base_url))
            .bearer_auth(&self.api_key)
            .json(request)
            .send()
            .await
            .map_err(|e| RegistryError::Unreachable(e.without_url().to_string()))?;
        let status = response.status();
        if !status.is_success() {
            return Err(RegistryError::Refused(status.as_u16()));
        }
        response
            .json::<VerifyResponse>()
            .await
            .map_err(|e| RegistryError::Unreachable(e.without_url().to_string()))
    }
}

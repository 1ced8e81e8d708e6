//! "Sign in with Digital ID": OpenID Connect (authorisation code + PKCE, through the
//! `openidconnect` crate) against the national identity provider set by
//! `DIGITAL_ID_ISSUER`. The provider tells us who the person is (subject, names, date of
//! birth and national ID number); the portal then links that to an account.
//!
//! The provider's metadata and keys come from OIDC discovery, kept for an hour so a key
//! rotation at the provider is picked up without a restart.

use openidconnect::core::{
    CoreAuthenticationFlow, CoreClient, CoreGenderClaim, CoreProviderMetadata,
};
use openidconnect::{
    AdditionalClaims, AuthorizationCode, ClientId, ClientSecret, CsrfToken, IssuerUrl, Nonce,
    OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
    UserInfoClaims,
};
use serde::{Deserialize, Serialize};
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

const METADATA_TTL: Duration = Duration::from_secs(3600);

/// How to reach the identity provider.
#[derive(Clone, Debug)]
pub struct DigitalIdConfig {
    pub issuer: String,
    pub client_id: String,
    /// Absent for a public client (PKCE alone).
    pub client_secret: Option<String>,
    /// The claim that carries the national ID number.
    pub id_number_claim: String,
}

/// The provider's own claims beyond the standard ones (the national ID number).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
struct ExtraClaims(serde_json::Map<String, serde_json::Value>);
impl AdditionalClaims for ExtraClaims {}

/// Kept in the person's session between leaving for the provider and coming back.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    pub state: String,
    pub nonce: String,
    pub verifier: String,
}

/// Who the provider says the person is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifiedIdentity {
    pub issuer: String,
    pub subject: String,
    pub id_number: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub other_names: Option<String>,
    pub date_of_birth: chrono::NaiveDate,
}

#[derive(Debug, thiserror::Error)]
pub enum DigitalIdError {
    #[error("the identity provider could not be reached or answered badly: {0}")]
    Provider(String),
    #[error("the answer from the identity provider did not check out: {0}")]
    Invalid(String),
    #[error("the identity provider did not give the {0} claim")]
    MissingClaim(String),
}

fn provider<E: std::fmt::Display>(e: E) -> DigitalIdError {
    DigitalIdError::Provider(e.to_string())
}

fn invalid<E: std::fmt::Display>(e: E) -> DigitalIdError {
    DigitalIdError::Invalid(e.to_string())
}

pub struct DigitalId {
    config: DigitalIdConfig,
    http: reqwest::Client,
    metadata: RwLock<Option<(CoreProviderMetadata, Instant)>>,
}

impl std::fmt::Debug for DigitalId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DigitalId")
            .field("issuer", &self.config.issuer)
            .finish()
    }
}

impl DigitalId {
    pub fn new(config: DigitalIdConfig) -> DigitalId {
        let http = reqwest::Client::builder()
            // Following redirects from the provider's endpoints would open a way to SSRF.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()
            .expect("HTTP client builds");
        DigitalId {
            config,
            http,
            metadata: RwLock::new(None),
        }
    }

    /// The provider's origin (scheme, host, port), which the sign-in form leads to.
    pub fn origin(&self) -> String {
        match reqwest::Url::parse(&self.config.issuer) {
            Ok(url) => url.origin().ascii_serialization(),
            Err(_) => self.config.issuer.clone(),
        }
    }

    async fn metadata(&self) -> Result<CoreProviderMetadata, DigitalIdError> {
        if let Some((metadata, at)) = self.metadata.read().await.as_ref() {
            if at.elapsed() < METADATA_TTL {
                return Ok(metadata.clone());
            }
        }
        let issuer = IssuerUrl::new(self.config.issuer.clone()).map_err(provider)?;
        let metadata = CoreProviderMetadata::discover_async(issuer, &self.http)
            .await
            .map_err(provider)?;
        *self.metadata.write().await = Some((metadata.clone(), Instant::now()));
        Ok(metadata)
    }

    async fn client(
        &self,
        redirect: &str,
    ) -> Result<
        CoreClient<
            openidconnect::EndpointSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointNotSet,
            openidconnect::EndpointMaybeSet,
            openidconnect::EndpointMaybeSet,
        >,
        DigitalIdError,
    > {
        Ok(CoreClient::from_provider_metadata(
            self.metadata().await?,
            ClientId::new(self.config.client_id.clone()),
            self.config.client_secret.clone().map(ClientSecret::new),
        )
        .set_redirect_uri(RedirectUrl::new(redirect.to_string()).map_err(invalid)?))
    }

    /// Where to send the person, and what to keep until they come back.
    pub async fn start(&self, redirect: &str) -> Result<(String, Pending), DigitalIdError> {
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let (url, state, nonce) = self
            .client(redirect)
            .await?
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .add_scope(Scope::new("profile".to_string()))
            .set_pkce_challenge(challenge)
            .url();
        Ok((
            url.to_string(),
            Pending {
                state: state.secret().clone(),
                nonce: nonce.secret().clone(),
                verifier: verifier.secret().clone(),
            },
        ))
    }

    /// Trades the code for tokens, checks the ID token (signature, issuer, audience, expiry,
    /// nonce), and reads the person's claims from the user-info endpoint.
    pub async fn finish(
        &self,
        redirect: &str,
        pending: Pending,
        code: String,
    ) -> Result<VerifiedIdentity, DigitalIdError> {
        let client = self.client(redirect).await?;
        let tokens = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(invalid)?
            .set_pkce_verifier(PkceCodeVerifier::new(pending.verifier))
            .request_async(&self.http)
            .await
            .map_err(provider)?;
        let id_token = tokens
            .id_token()
            .ok_or_else(|| DigitalIdError::MissingClaim("id_token".into()))?;
        let claims = id_token
            .claims(&client.id_token_verifier(), &Nonce::new(pending.nonce))
            .map_err(invalid)?;
        let subject = claims.subject().to_string();
        let info: UserInfoClaims<ExtraClaims, CoreGenderClaim> = client
            .user_info(
                tokens.access_token().clone(),
                Some(claims.subject().clone()),
            )
            .map_err(invalid)?
            .request_async(&self.http)
            .await
            .map_err(provider)?;
        let missing = |name: &str| DigitalIdError::MissingClaim(name.to_string());
        let id_number = info
            .additional_claims()
            .0
            .get(&self.config.id_number_claim)
            .and_then(|v| {
                v.as_str()
                    .map(str::to_string)
                    .or_else(|| v.as_u64().map(|n| n.to_string()))
            })
            .ok_or_else(|| missing(&self.config.id_number_claim))?;
        let first_name = info
            .given_name()
            .and_then(|n| n.get(None))
            .map(|n| n.to_string())
            .ok_or_else(|| missing("given_name"))?;
        Ok(VerifiedIdentity {
            issuer: self.config.issuer.clone(),
            subject,
            id_number: crate::validate::id_number_form(&id_number),
            first_name,
            last_name: info
                .family_name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            other_names: info
                .middle_name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            date_of_birth: info
                .birthdate()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .ok_or_else(|| missing("birthdate"))?,
        })
    }
}

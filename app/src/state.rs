//! What every server function and page render can reach on the server: one value, put in
//! context by `leptos_routes` for both page renders and server-function calls.

use crate::auth::{rate_limit::RateLimits, registry::Registry};
use crate::data::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
    pub settings: Arc<Settings>,
    pub registry: Arc<dyn Registry>,
    pub limits: Arc<RateLimits>,
    /// Uploaded files (local disk or S3-compatible storage).
    pub files: crate::files::store::FileStore,
    /// "Sign in with Digital ID", when an identity provider is configured.
    pub digital_id: Option<Arc<crate::auth::digital_id::DigitalId>>,
    /// M-Pesa (Safaricom's Daraja, or the embedded simulator in development). Without it,
    /// the pay page offers only Paybill.
    pub mpesa: Option<Arc<crate::payments::mpesa::Mpesa>>,
    /// Wakes the live pages when an application's status changes (on any instance).
    pub live: Arc<crate::live::Hub>,
    /// The public catalogue in memory, kept current on every instance.
    pub catalogue: Arc<crate::data::catalogue::Catalogue>,
    /// The key that signs issued documents, once loaded (`seal`).
    pub seal: Arc<tokio::sync::OnceCell<Arc<crate::documents::Seal>>>,
    /// Where references, invoice and problem-report numbers get their random bits.
    pub random: Arc<dyn crate::identifiers::Randomness>,
}

/// Server settings the app needs (the rest of the configuration stays in the server crate).
#[derive(Clone)]
pub struct Settings {
    /// Keys one-time-code hashes (HMAC). Required in production; a fixed value in development.
    pub secret: Vec<u8>,
    /// Production mode: no development pages, no demo accounts.
    pub production: bool,
    /// Whether the site is served over HTTPS (secure, `__Host-` cookies).
    pub https: bool,
    /// Use `X-Forwarded-For` for the client address (only behind a trusted proxy).
    pub trust_proxy: bool,
    /// Where people reach the portal (scheme://host[:port]), if configured; cross-origin
    /// posts are checked against it, else against the request's Host.
    pub public_origin: Option<String>,
    /// Where people reach the portal, always set: the configured public address (https in
    /// production), else this machine's listen address. Every link in an email, SMS or
    /// printed code is built from it, never from a request's Host.
    pub public_url: String,
    /// The feature-phone gateway (USSD, inbound SMS), if its callbacks are open.
    pub gateway: Option<Gateway>,
    /// The VAPID private key for Web Push, if configured (else made and kept in the
    /// database: `notify::vapid`).
    pub vapid_private_key: Option<String>,
    /// Who sends the pushes, for push services to contact (`mailto:` or `https:`).
    pub vapid_subject: String,
    /// The Ed25519 key that signs issued documents, if configured (else made and kept in
    /// the database: `documents::seal`).
    pub document_signing_key: Option<String>,
}

/// Where Africa's Talking's callbacks are accepted: the secret in their address, and the
/// networks they may come from (empty: any).
#[derive(Clone)]
pub struct Gateway {
    pub token: String,
    pub networks: Vec<ipnet::IpNet>,
}

/// Who sends Web Push in development.
pub const DEV_VAPID_SUBJECT: &str = "mailto:no-reply@uraia.localhost";

/// The gateway token of a development install (the /dev/ussd page uses it).
pub const DEV_GATEWAY_TOKEN: &str = "local-development-gateway-token";

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("secret", &"[redacted]")
            .field("production", &self.production)
            .field("https", &self.https)
            .field("trust_proxy", &self.trust_proxy)
            .field("public_origin", &self.public_origin)
            .field("public_url", &self.public_url)
            .field("gateway", &self.gateway.as_ref().map(|g| g.networks.len()))
            .field(
                "vapid_private_key",
                &self.vapid_private_key.as_ref().map(|_| "[redacted]"),
            )
            .field(
                "document_signing_key",
                &self.document_signing_key.as_ref().map(|_| "[redacted]"),
            )
            .finish()
    }
}

impl Settings {
    /// Development settings (tests, a fresh clone).
    pub fn development() -> Settings {
        Settings {
            secret: b"uraia-development-secret-not-for-production".to_vec(),
            production: false,
            https: false,
            trust_proxy: false,
            public_origin: None,
            public_url: "http://127.0.0.1:3000".to_string(),
            gateway: Some(Gateway {
                token: DEV_GATEWAY_TOKEN.to_string(),
                networks: Vec::new(),
            }),
            vapid_private_key: None,
            vapid_subject: DEV_VAPID_SUBJECT.to_string(),
            document_signing_key: None,
        }
    }
}

impl AppState {
    /// After this instance wrote to the catalogue: reads it again now, so the page the
    /// writer is sent to shows the change (other instances hear of it by themselves). The
    /// write has landed either way, so a failure here is logged, not returned; the
    /// watcher tries again.
    pub async fn catalogue_changed(&self) {
        if let Err(error) = self.catalogue.refresh(&self.db).await {
            tracing::warn!(%error, "catalogue: could not read it again after a change");
        }
    }

    /// The key that signs issued documents: loaded once. It never changes once made: the
    /// configured one, or the one kept in the database, which every instance makes with the
    /// same conditional insert, so they all end up with the first one made.
    pub async fn seal(&self) -> Result<Arc<crate::documents::Seal>, crate::error::AppError> {
        self.seal
            .get_or_try_init(|| async {
                crate::documents::Seal::load(
                    &self.db,
                    self.settings.document_signing_key.as_deref(),
                )
                .await
                .map(Arc::new)
            })
            .await
            .cloned()
            .map_err(|e| crate::error::AppError::internal("document signing key", &e))
    }

    /// Where people reach the portal, for addresses printed on paper (QR codes).
    pub fn site_url(&self) -> String {
        self.settings.public_url.clone()
    }
}

/// The state from context; server functions call this first.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        crate::error::AppError::internal("application state missing from context", &"no AppState")
    })
}

//! Configuration: one typed struct from flags and environment, with defaults that need
//! nothing on a fresh machine. See `.env.example` for every setting.

use clap::{Args, ValueEnum};
use leptos::config::{Env, LeptosOptions};
use std::net::SocketAddr;

#[derive(Args, Clone, Debug)]
pub struct Config {
    /// Database: sqlite://path (created on first run) or postgres://user@host/db.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/uraia.db",
        global = true
    )]
    pub database_url: String,

    /// Address to listen on.
    #[arg(
        long,
        env = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub site_addr: SocketAddr,

    /// Folder with the built site (wasm, JS, CSS, public files), as cargo-leptos writes it.
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,

    /// Whether the built file names carry content hashes (cargo-leptos `hash-files`).
    #[arg(long, env = "LEPTOS_HASH_FILES", default_value_t = true, action = clap::ArgAction::Set, global = true)]
    pub hash_files: bool,

    /// Log filter, in tracing's EnvFilter syntax (e.g. `info`, `uraia_server=debug`).
    #[arg(long, env = "RUST_LOG", default_value = "info", global = true)]
    pub log_level: String,

    /// Log format: human-readable text or one JSON object per line.
    #[arg(long, env = "LOG_FORMAT", value_enum, default_value_t = LogFormat::Text, global = true)]
    pub log_format: LogFormat,

    /// Run mode: `development` or `production` (Leptos production settings, no development
    /// pages or demo accounts, and a secret is required).
    #[arg(long, env = "URAIA_ENV", value_enum, default_value_t = Mode::Development, global = true)]
    pub mode: Mode,

    /// Secret that keys one-time-code hashes (at least 32 characters). Required in production.
    #[arg(long, env = "URAIA_SECRET", hide_env_values = true, global = true)]
    pub secret: Option<String>,

    /// The address people reach the portal at, e.g. https://uraia.example.go.ke. With https,
    /// cookies are `Secure` and `__Host-` prefixed; cross-origin posts are checked against it.
    #[arg(long, env = "URAIA_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Development mode listens on this machine only (it publishes every code at
    /// /dev/mailbox); `true` lets it listen on a network address anyway.
    #[arg(long, env = "URAIA_DEVELOPMENT_ON_NETWORK", default_value_t = false, action = clap::ArgAction::Set, global = true)]
    pub development_on_network: bool,

    /// The most a client may take to send a request's headers, in seconds (slow clients
    /// holding connections open).
    #[arg(long, env = "URAIA_HEADER_TIMEOUT", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=300), global = true)]
    pub header_timeout_seconds: u64,

    /// Take the client address from X-Forwarded-For (only behind a proxy you trust).
    #[arg(long, env = "URAIA_TRUST_PROXY", default_value_t = false, action = clap::ArgAction::Set, global = true)]
    pub trust_proxy: bool,

    /// Population registry API base URL. Unset: the embedded registry (synthetic people).
    #[arg(long, env = "REGISTRY_URL", global = true)]
    pub registry_url: Option<String>,

    /// Population registry API key (sent as a bearer token).
    #[arg(long, env = "REGISTRY_API_KEY", hide_env_values = true, global = true)]
    pub registry_api_key: Option<String>,

    /// "Sign in with Digital ID": the OpenID Connect issuer of the national identity
    /// provider. Unset: the button is not offered.
    #[arg(long, env = "DIGITAL_ID_ISSUER", global = true)]
    pub digital_id_issuer: Option<String>,

    /// Uraia's client id at the identity provider.
    #[arg(
        long,
        env = "DIGITAL_ID_CLIENT_ID",
        default_value = "uraia",
        global = true
    )]
    pub digital_id_client_id: String,

    /// Uraia's client secret at the identity provider (unset for a public client).
    #[arg(
        long,
        env = "DIGITAL_ID_CLIENT_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub digital_id_client_secret: Option<String>,

    /// The user-info claim that carries the national ID number.
    #[arg(
        long,
        env = "DIGITAL_ID_ID_CLAIM",
        default_value = "national_id",
        global = true
    )]
    pub digital_id_id_claim: String,

    /// Where uploaded files are kept on local disk (when no S3 bucket is configured).
    #[arg(long, env = "FILES_DIR", default_value = "data/files", global = true)]
    pub files_dir: String,

    /// S3-compatible bucket for uploaded files. Unset: local disk (`FILES_DIR`).
    #[arg(long, env = "S3_BUCKET", global = true)]
    pub s3_bucket: Option<String>,

    /// S3 endpoint for non-AWS services (MinIO, Ceph…); unset for AWS.
    #[arg(long, env = "S3_ENDPOINT", global = true)]
    pub s3_endpoint: Option<String>,

    #[arg(long, env = "S3_REGION", default_value = "us-east-1", global = true)]
    pub s3_region: String,

    #[arg(long, env = "S3_ACCESS_KEY_ID", global = true)]
    pub s3_access_key_id: Option<String>,

    #[arg(
        long,
        env = "S3_SECRET_ACCESS_KEY",
        hide_env_values = true,
        global = true
    )]
    pub s3_secret_access_key: Option<String>,

    /// SMS gateway (Africa's Talking-compatible) base URL. Unset: the local sink.
    #[arg(long, env = "SMS_API_URL", global = true)]
    pub sms_api_url: Option<String>,

    /// SMS gateway user name.
    #[arg(long, env = "SMS_USERNAME", global = true)]
    pub sms_username: Option<String>,

    /// SMS gateway API key.
    #[arg(long, env = "SMS_API_KEY", hide_env_values = true, global = true)]
    pub sms_api_key: Option<String>,

    /// SMS sender id (short code or alphanumeric), if the gateway account has one.
    #[arg(long, env = "SMS_SENDER_ID", global = true)]
    pub sms_sender_id: Option<String>,

    /// SMTP server for email, e.g. smtps://user:password@smtp.example.com. Unset: the local sink.
    #[arg(long, env = "SMTP_URL", hide_env_values = true, global = true)]
    pub smtp_url: Option<String>,

    /// The sender of every email.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Uraia <no-reply@uraia.localhost>",
        global = true
    )]
    pub mail_from: String,

    /// M-Pesa Daraja base URL, e.g. https://api.safaricom.co.ke. Unset: the embedded
    /// simulator at /dev/daraja (development only).
    #[arg(long, env = "DARAJA_URL", global = true)]
    pub daraja_url: Option<String>,

    #[arg(long, env = "DARAJA_CONSUMER_KEY", global = true)]
    pub daraja_consumer_key: Option<String>,

    #[arg(
        long,
        env = "DARAJA_CONSUMER_SECRET",
        hide_env_values = true,
        global = true
    )]
    pub daraja_consumer_secret: Option<String>,

    /// The Paybill number (BusinessShortCode) people pay.
    #[arg(long, env = "DARAJA_SHORTCODE", global = true)]
    pub daraja_shortcode: Option<String>,

    /// The Lipa na M-Pesa Online passkey.
    #[arg(long, env = "DARAJA_PASSKEY", hide_env_values = true, global = true)]
    pub daraja_passkey: Option<String>,

    /// A long random string in the callback addresses given to Daraja, so only Safaricom
    /// (which was told them) can post results. Required with DARAJA_URL.
    #[arg(
        long,
        env = "DARAJA_CALLBACK_TOKEN",
        hide_env_values = true,
        global = true
    )]
    pub daraja_callback_token: Option<String>,

    /// The API operator ("initiator") Paybill confirmations are checked as, with M-Pesa's
    /// Transaction Status query. Required with DARAJA_URL.
    #[arg(long, env = "DARAJA_INITIATOR", global = true)]
    pub daraja_initiator: Option<String>,

    /// The initiator's password encrypted with Safaricom's certificate, base64 (the Daraja
    /// portal makes it). Required with DARAJA_URL.
    #[arg(
        long,
        env = "DARAJA_SECURITY_CREDENTIAL",
        hide_env_values = true,
        global = true
    )]
    pub daraja_security_credential: Option<String>,

    /// Networks M-Pesa's callbacks may come from (comma-separated addresses or CIDR ranges:
    /// Safaricom's published callback addresses), or `any` when a proxy in front already
    /// allows only those. Required in production with DARAJA_URL; unset otherwise: any.
    #[arg(long, env = "DARAJA_ALLOWED_NETWORKS", global = true)]
    pub daraja_allowed_networks: Option<String>,

    /// Secret (32+ characters) in the addresses of the Africa's Talking callbacks: USSD
    /// (`/ussd/<token>`) and inbound SMS (`/sms/inbound/<token>`). Unset: a fixed
    /// development token, and in production no feature-phone channels.
    #[arg(long, env = "AT_CALLBACK_TOKEN", hide_env_values = true, global = true)]
    pub at_callback_token: Option<String>,

    /// Networks those callbacks may come from (comma-separated addresses or CIDR ranges,
    /// e.g. the gateway's published addresses). Unset: any.
    #[arg(long, env = "AT_ALLOWED_NETWORKS", global = true)]
    pub at_allowed_networks: Option<String>,

    /// Web Push: the VAPID private key (base64url of the raw P-256 key). Unset: one is made
    /// and kept in the database, shared by every instance.
    #[arg(long, env = "VAPID_PRIVATE_KEY", hide_env_values = true, global = true)]
    pub vapid_private_key: Option<String>,

    /// Web Push: who sends the notifications, for push services (`mailto:` or `https:`).
    #[arg(long, env = "VAPID_SUBJECT", default_value = app::state::DEV_VAPID_SUBJECT, global = true)]
    pub vapid_subject: String,

    /// Issued documents: the Ed25519 key that signs their QR codes (base64url of the 32-byte
    /// secret). Unset: one is made and kept in the database, shared by every instance.
    #[arg(
        long,
        env = "DOCUMENT_SIGNING_KEY",
        hide_env_values = true,
        global = true
    )]
    pub document_signing_key: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Mode {
    Development,
    Production,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("URAIA_SECRET must be set (at least 32 characters) in production mode")]
    SecretMissing,
    #[error("URAIA_SECRET must be at least 32 characters long")]
    SecretTooShort,
    #[error("URAIA_PUBLIC_URL must be set to the portal's https:// address in production mode (every link in an email or SMS is built from it)")]
    PublicUrlMissing,
    #[error("URAIA_PUBLIC_URL must be an address such as https://uraia.example.go.ke (scheme and host, nothing else)")]
    PublicUrlInvalid,
    #[error("production mode needs the population registry: set REGISTRY_URL and REGISTRY_API_KEY (the embedded registry holds synthetic people anyone could register as)")]
    RegistryMissing,
    #[error("REGISTRY_API_KEY must be set when REGISTRY_URL is")]
    RegistryKeyMissing,
    #[error("DARAJA_URL needs DARAJA_CONSUMER_KEY, DARAJA_CONSUMER_SECRET, DARAJA_SHORTCODE, DARAJA_PASSKEY, DARAJA_INITIATOR, DARAJA_SECURITY_CREDENTIAL and a DARAJA_CALLBACK_TOKEN of at least 32 characters")]
    DarajaIncomplete,
    #[error("production mode with DARAJA_URL needs DARAJA_ALLOWED_NETWORKS: the networks Safaricom calls back from (comma-separated addresses or CIDR ranges), or `any` when a proxy in front already allows only those")]
    DarajaNetworksMissing,
    #[error("DARAJA_ALLOWED_NETWORKS: {0:?} is not an address or CIDR range")]
    DarajaNetwork(String),
    #[error("production mode needs M-Pesa: set DARAJA_URL and its credentials")]
    DarajaMissing,
    #[error("AT_CALLBACK_TOKEN must be at least 32 characters long")]
    GatewayTokenTooShort,
    #[error("AT_ALLOWED_NETWORKS: {0:?} is not an address or CIDR range")]
    GatewayNetwork(String),
}

/// M-Pesa as configured: the Daraja client's settings, the secret in the callback paths,
/// and whether it is the embedded simulator (mounted at /dev/daraja).
pub struct MpesaSetup {
    pub daraja: app::payments::daraja::DarajaConfig,
    pub callback_token: String,
    /// Where M-Pesa's callbacks may come from (empty: any).
    pub networks: Vec<ipnet::IpNet>,
    pub simulated: bool,
}

/// The callback token the development setup uses with the simulator.
pub const DEV_CALLBACK_TOKEN: &str = "local-development-callback-token";

impl Config {
    pub fn production(&self) -> bool {
        self.mode == Mode::Production
    }

    /// The app's settings, refusing production without a proper secret.
    pub fn settings(&self) -> Result<app::state::Settings, ConfigError> {
        let dev = app::state::Settings::development();
        let secret = match (&self.secret, self.production()) {
            (Some(s), _) if s.len() < 32 => return Err(ConfigError::SecretTooShort),
            (Some(s), _) => s.as_bytes().to_vec(),
            (None, true) => return Err(ConfigError::SecretMissing),
            (None, false) => dev.secret,
        };
        if self.registry_url.is_some() && self.registry_api_key.is_none() {
            return Err(ConfigError::RegistryKeyMissing);
        }
        if self.production() && self.registry_url.is_none() {
            return Err(ConfigError::RegistryMissing);
        }
        let public_origin = self.public_origin()?;
        if self.production()
            && !public_origin
                .as_deref()
                .is_some_and(|o| o.starts_with("https://"))
        {
            return Err(ConfigError::PublicUrlMissing);
        }
        Ok(app::state::Settings {
            secret,
            production: self.production(),
            https: public_origin
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
            trust_proxy: self.trust_proxy,
            public_url: self.site_url(),
            public_origin,
            gateway: self.gateway()?,
            vapid_private_key: self.vapid_private_key.clone(),
            vapid_subject: self.vapid_subject.clone(),
            document_signing_key: self.document_signing_key.clone(),
        })
    }

    /// URAIA_PUBLIC_URL as an origin (`https://host[:port]`), checked: links in messages and
    /// the cross-site check are built from it.
    fn public_origin(&self) -> Result<Option<String>, ConfigError> {
        let Some(url) = &self.public_url else {
            return Ok(None);
        };
        let parsed = reqwest::Url::parse(url).map_err(|_| ConfigError::PublicUrlInvalid)?;
        let plain = matches!(parsed.scheme(), "http" | "https")
            && parsed.host_str().is_some()
            && parsed.username().is_empty()
            && parsed.password().is_none()
            && parsed.path() == "/"
            && parsed.query().is_none()
            && parsed.fragment().is_none();
        if !plain {
            return Err(ConfigError::PublicUrlInvalid);
        }
        Ok(Some(parsed.origin().ascii_serialization()))
    }

    /// The feature-phone gateway's callbacks: their token and allowed networks.
    fn gateway(&self) -> Result<Option<app::state::Gateway>, ConfigError> {
        let token = match (&self.at_callback_token, self.production()) {
            (Some(t), _) if t.len() < 32 => return Err(ConfigError::GatewayTokenTooShort),
            (Some(t), _) => t.clone(),
            (None, true) => return Ok(None),
            (None, false) => app::state::DEV_GATEWAY_TOKEN.to_string(),
        };
        let networks =
            crate::callback_network::parse(self.at_allowed_networks.as_deref().unwrap_or_default())
                .map_err(ConfigError::GatewayNetwork)?;
        Ok(Some(app::state::Gateway { token, networks }))
    }

    /// Where M-Pesa's callbacks may come from. Production with Safaricom's Daraja must say:
    /// the networks, or `any` (a proxy in front checks); elsewhere unset means any.
    fn daraja_networks(&self) -> Result<Vec<ipnet::IpNet>, ConfigError> {
        match self.daraja_allowed_networks.as_deref().map(str::trim) {
            None | Some("") if self.production() && self.daraja_url.is_some() => {
                Err(ConfigError::DarajaNetworksMissing)
            }
            None | Some("") => Ok(Vec::new()),
            Some(any) if any.eq_ignore_ascii_case("any") => Ok(Vec::new()),
            Some(list) => crate::callback_network::parse(list).map_err(ConfigError::DarajaNetwork),
        }
    }

    /// S3-compatible storage for uploaded files, when a bucket is configured.
    pub fn s3(&self) -> Option<app::files::store::S3Config> {
        self.s3_bucket
            .as_ref()
            .map(|bucket| app::files::store::S3Config {
                bucket: bucket.clone(),
                endpoint: self.s3_endpoint.clone(),
                region: self.s3_region.clone(),
                access_key_id: self.s3_access_key_id.clone().unwrap_or_default(),
                secret_access_key: self.s3_secret_access_key.clone().unwrap_or_default(),
            })
    }

    /// The identity provider for "Sign in with Digital ID", if one is configured.
    pub fn digital_id(&self) -> Option<app::auth::digital_id::DigitalIdConfig> {
        self.digital_id_issuer
            .as_ref()
            .map(|issuer| app::auth::digital_id::DigitalIdConfig {
                issuer: issuer.trim_end_matches('/').to_string(),
                client_id: self.digital_id_client_id.clone(),
                client_secret: self.digital_id_client_secret.clone(),
                id_number_claim: self.digital_id_id_claim.clone(),
            })
    }

    /// Where people reach the portal (for links in messages and the callback addresses).
    pub fn site_url(&self) -> String {
        match &self.public_url {
            Some(url) => url.trim_end_matches('/').to_string(),
            None => {
                // A wildcard listen address is not somewhere to send anyone.
                let mut addr = self.site_addr;
                if addr.ip().is_unspecified() {
                    addr.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
                }
                format!("http://{addr}")
            }
        }
    }

    /// M-Pesa: Safaricom's Daraja when DARAJA_URL is set, else (development only) the
    /// embedded simulator with its fixed credentials.
    pub fn mpesa(&self) -> Result<MpesaSetup, ConfigError> {
        let site = self.site_url();
        let Some(url) = &self.daraja_url else {
            if self.production() {
                return Err(ConfigError::DarajaMissing);
            }
            let sim = crate::daraja_sim::SimulatorConfig::default();
            return Ok(MpesaSetup {
                daraja: app::payments::daraja::DarajaConfig {
                    base_url: format!("{site}/dev/daraja"),
                    consumer_key: sim.consumer_key,
                    consumer_secret: sim.consumer_secret,
                    shortcode: sim.shortcode,
                    passkey: sim.passkey,
                    callback_url: format!("{site}/payments/mpesa/{DEV_CALLBACK_TOKEN}/stk"),
                    initiator: sim.initiator,
                    security_credential: sim.security_credential,
                },
                callback_token: DEV_CALLBACK_TOKEN.into(),
                networks: self.daraja_networks()?,
                simulated: true,
            });
        };
        match (
            (
                &self.daraja_consumer_key,
                &self.daraja_consumer_secret,
                &self.daraja_shortcode,
                &self.daraja_passkey,
            ),
            (
                &self.daraja_initiator,
                &self.daraja_security_credential,
                &self.daraja_callback_token,
            ),
        ) {
            (
                (Some(key), Some(secret), Some(shortcode), Some(passkey)),
                (Some(initiator), Some(credential), Some(token)),
            ) if token.len() >= 32 => Ok(MpesaSetup {
                daraja: app::payments::daraja::DarajaConfig {
                    base_url: url.trim_end_matches('/').to_string(),
                    consumer_key: key.clone(),
                    consumer_secret: secret.clone(),
                    shortcode: shortcode.clone(),
                    passkey: passkey.clone(),
                    callback_url: format!("{site}/payments/mpesa/{token}/stk"),
                    initiator: initiator.clone(),
                    security_credential: credential.clone(),
                },
                callback_token: token.clone(),
                networks: self.daraja_networks()?,
                simulated: false,
            }),
            _ => Err(ConfigError::DarajaIncomplete),
        }
    }

    pub fn leptos_options(&self) -> LeptosOptions {
        LeptosOptions::builder()
            .output_name("uraia")
            .site_root(self.site_root.as_str())
            .site_pkg_dir("pkg")
            .site_addr(self.site_addr)
            .hash_files(self.hash_files)
            .env(match self.mode {
                Mode::Development => Env::DEV,
                Mode::Production => Env::PROD,
            })
            .build()
    }
}

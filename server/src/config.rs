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

    /// Take the client address from X-Forwarded-For (only behind a proxy you trust).
    #[arg(long, env = "URAIA_TRUST_PROXY", default_value_t = false, action = clap::ArgAction::Set, global = true)]
    pub trust_proxy: bool,

    /// Population registry API base URL. Unset: the embedded registry (synthetic people).
    #[arg(long, env = "REGISTRY_URL", global = true)]
    pub registry_url: Option<String>,

    /// Population registry API key (sent as a bearer token).
    #[arg(long, env = "REGISTRY_API_KEY", hide_env_values = true, global = true)]
    pub registry_api_key: Option<String>,

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
    #[error("REGISTRY_API_KEY must be set when REGISTRY_URL is")]
    RegistryKeyMissing,
}

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
        Ok(app::state::Settings {
            secret,
            production: self.production(),
            https: self
                .public_url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://")),
            trust_proxy: self.trust_proxy,
            public_origin: self
                .public_url
                .as_deref()
                .map(|u| u.trim_end_matches('/').to_string()),
        })
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

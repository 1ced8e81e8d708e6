//! Building the app's state: database, settings, registry adapter, rate limits.

use crate::config::Config;
use app::auth::{
    rate_limit::RateLimits,
    registry::{EmbeddedRegistry, HttpRegistry, Registry},
};
use app::data::Db;
use app::state::{AppState, Settings};
use leptos::config::LeptosOptions;
use std::sync::Arc;

/// The state for `uraia serve`, from configuration.
pub fn from_config(config: &Config, db: Db) -> anyhow::Result<AppState> {
    let settings = config.settings()?;
    let registry: Arc<dyn Registry> = match (&config.registry_url, &config.registry_api_key) {
        (Some(url), Some(key)) => Arc::new(HttpRegistry::new(url, key)),
        _ => Arc::new(EmbeddedRegistry::new(db.clone())),
    };
    Ok(build(config.leptos_options(), db, settings, registry))
}

pub fn build(
    leptos_options: LeptosOptions,
    db: Db,
    settings: Settings,
    registry: Arc<dyn Registry>,
) -> AppState {
    AppState {
        leptos_options,
        db,
        settings: Arc::new(settings),
        registry,
        limits: Arc::new(RateLimits::default()),
    }
}

/// Development state with the embedded registry (tests, a fresh clone).
pub fn development(leptos_options: LeptosOptions, db: Db) -> AppState {
    let registry = Arc::new(EmbeddedRegistry::new(db.clone()));
    build(leptos_options, db, Settings::development(), registry)
}

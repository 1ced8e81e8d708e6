//! Building the app's state: database, settings, registry adapter, rate limits.

use crate::config::Config;
use app::auth::{
    digital_id::DigitalId,
    rate_limit::RateLimits,
    registry::{EmbeddedRegistry, HttpRegistry, Registry},
};
use app::data::Db;
use app::files::store::FileStore;
use app::payments::{daraja::Daraja, mpesa::Mpesa};
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
    let files = file_store(config)?;
    let mut state = build(config.leptos_options(), db, settings, registry, files);
    state.digital_id = config.digital_id().map(|c| Arc::new(DigitalId::new(c)));
    let mpesa = config.mpesa()?;
    state.mpesa = Some(Arc::new(Mpesa {
        daraja: Daraja::new(mpesa.daraja),
        site_url: config.site_url(),
        callback_token: mpesa.callback_token,
        networks: mpesa.networks,
    }));
    Ok(state)
}

/// The file store configured: S3-compatible if set, else the local directory.
pub fn file_store(config: &Config) -> anyhow::Result<FileStore> {
    Ok(match config.s3() {
        Some(s3) => app::files::store::s3(&s3)?,
        None => app::files::store::local(std::path::Path::new(&config.files_dir))?,
    })
}

pub fn build(
    leptos_options: LeptosOptions,
    db: Db,
    settings: Settings,
    registry: Arc<dyn Registry>,
    files: FileStore,
) -> AppState {
    AppState {
        leptos_options,
        live: app::live::Hub::start(db.clone()),
        catalogue: app::data::catalogue::Catalogue::start(db.clone()),
        db,
        settings: Arc::new(settings),
        registry,
        files,
        limits: Arc::new(RateLimits::default()),
        digital_id: None,
        mpesa: None,
        seal: Default::default(),
        random: Arc::new(app::identifiers::SystemRandomness),
    }
}

/// Development state with the embedded registry and files kept under `files_dir` (tests).
pub fn development(
    leptos_options: LeptosOptions,
    db: Db,
    files_dir: &std::path::Path,
) -> anyhow::Result<AppState> {
    let registry = Arc::new(EmbeddedRegistry::new(db.clone()));
    let files = app::files::store::local(files_dir)?;
    Ok(build(
        leptos_options,
        db,
        Settings::development(),
        registry,
        files,
    ))
}

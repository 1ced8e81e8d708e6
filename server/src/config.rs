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

    /// Run mode: `development` or `production` (Leptos production settings).
    #[arg(long, env = "URAIA_ENV", value_enum, default_value_t = Mode::Development, global = true)]
    pub mode: Mode,
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

impl Config {
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

//! The `uraia` server: configuration, the HTTP router and its middleware, database
//! migrations, the demo catalogue seed and the CLI. `router()` is the whole app, so
//! integration tests drive it without a socket.

pub mod app_state;
pub mod cli;
pub mod config;
pub mod delivery;
pub mod dev_pages;
pub mod errors;
pub mod health;
pub mod middleware;
pub mod migrate;
pub mod origin;
pub mod preferences;
pub mod registry_api;
pub mod router;
pub mod seed;
pub mod serve;
pub mod sessions;
pub mod telemetry;

pub use router::router;

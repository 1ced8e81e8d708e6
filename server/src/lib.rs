//! The `uraia` server: configuration, the HTTP router and its middleware, database
//! migrations, the demo catalogue seed and the CLI. `router()` is the whole app, so
//! integration tests drive it without a socket.

pub mod advance;
pub mod api_status;
pub mod app_state;
pub mod audit;
pub mod callback_network;
pub mod callback_token;
pub mod cli;
pub mod config;
pub mod daraja_sim;
pub mod dashboard;
pub mod delivery;
pub mod dev_pages;
pub mod dev_phone;
pub mod documents;
pub mod drafts;
pub mod errors;
pub mod feature_phones;
pub mod files;
pub mod health;
pub mod limits;
pub mod listen;
pub mod live;
pub mod manifest;
pub mod markup;
pub mod middleware;
pub mod migrate;
pub mod mpesa_callbacks;
pub mod origin;
pub mod personal;
pub mod preferences;
pub mod receipts;
pub mod reconcile;
pub mod registry_api;
pub mod router;
pub mod seed;
pub mod serve;
pub mod sessions;
pub mod telemetry;

pub use router::router;

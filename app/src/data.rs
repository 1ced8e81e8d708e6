//! The data layer (server only): one typed module per domain, each running the same SQL on
//! SQLite and PostgreSQL through `Db`.

pub mod accounts;
pub mod admin;
pub mod analytics;
pub mod applications;
pub mod appointments;
pub mod audit;
pub mod catalogue;
pub mod db;
pub mod documents;
pub mod forms;
pub mod invoices;
pub mod notifications;
pub mod outbox;
pub mod paybill_checks;
pub mod payments;
pub mod places;
pub mod search;
pub mod server_keys;
pub mod service_status;
pub mod sessions;
pub mod staff;
pub mod support;
pub mod tracking;

pub use db::{Backend, Db};

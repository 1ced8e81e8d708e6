//! The data layer (server only): one typed module per domain, each running the same SQL on
//! SQLite and PostgreSQL through `Db`.

pub mod accounts;
pub mod catalogue;
pub mod db;
pub mod outbox;
pub mod search;
pub mod sessions;

pub use db::{Backend, Db};

//! The data layer (server only): one typed module per domain, each running the same SQL on
//! SQLite and PostgreSQL through `Db`.

pub mod catalogue;
pub mod db;
pub mod search;

pub use db::{Backend, Db};

//! Tracking an application (shared by server and browser): the states it passes through,
//! the one table of moves between them (`status`), and what a person is told about each
//! (the words are in `i18n`).
//!
//! On the server, `data::tracking` is the only code that changes an application's status
//! once it is sent; it asks [`status::check`] first and writes the event in the same
//! transaction.

pub mod reasons;
pub mod status;

pub use reasons::Reason;
pub use status::{Actor, Move, MoveError, Status};

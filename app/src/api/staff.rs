//! The back office's server functions. Every one starts by establishing who the caller is
//! as staff ([`access`]): nobody signed in is `Unauthorized`, a session without a second
//! factor `SecondFactorNeeded`, anyone else without a post that covers the application
//! `Forbidden` (or `NotFound`, so an application's existence is not given away).

pub mod dashboard;
mod outbox;
mod queue;
mod work;

pub use dashboard::get_dashboard;
pub use outbox::*;
pub use queue::*;
pub use work::*;

#[cfg(feature = "ssr")]
pub mod access;
#[cfg(feature = "ssr")]
pub mod duties;

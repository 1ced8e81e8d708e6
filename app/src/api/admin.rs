//! Administration: agencies, services, offices and staff roles. Administrators only: every
//! server function starts with [`crate::api::staff::access::administrator`], and every
//! change is audited in the transaction that makes it (`data::admin`).

mod agencies;
#[cfg(feature = "ssr")]
mod checks;
mod offices;
mod people;
mod services;

pub use agencies::*;
pub use offices::*;
pub use people::*;
pub use services::*;

//! Server functions, grouped by domain. They are public HTTP endpoints: each checks what the
//! caller may do before it does anything (the catalogue is public, so it checks input only).

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod appointments;
pub mod catalogue;
pub mod documents;
pub mod notifications;
pub mod payments;
pub mod service_status;
pub mod staff;
pub mod support;
pub mod tracking;

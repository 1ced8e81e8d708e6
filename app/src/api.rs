//! Server functions, grouped by domain. They are public HTTP endpoints: each checks what the
//! caller may do before it does anything (the catalogue is public, so it checks input only).

pub mod accounts;
pub mod catalogue;

//! One module per page.

pub mod agencies;
pub mod agency;
pub mod category;
pub mod errors;
pub mod help;
pub mod home;
pub mod search;
pub mod service;
pub mod sign_in;

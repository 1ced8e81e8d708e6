//! One module per page.

pub mod account;
pub mod agencies;
pub mod agency;
pub mod applications;
pub mod category;
pub mod errors;
pub mod forgot_password;
pub mod help;
pub mod home;
pub mod huduma;
pub mod inbox;
pub mod offline;
pub mod payments;
pub mod register;
pub mod report;
pub mod search;
pub mod service;
pub mod sign_in;
pub mod staff;
pub mod status;
pub mod tracking;

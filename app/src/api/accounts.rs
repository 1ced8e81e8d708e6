//! Accounts: registration, sign-in, sign-out and the account page. Every function here is a
//! public endpoint that a plain HTML form can post to; each checks who may call it first.
//! On success they redirect (`leptos_axum::redirect`), which works with and without
//! JavaScript; on bad input they return `AppError::Invalid` and, for a plain form post,
//! keep what was typed for the page the browser is sent back to.

pub mod account;
pub mod authenticator;
pub mod change;
pub mod confirm;
pub mod digital_id;
pub mod form_values;
pub mod passkeys;
pub mod register;
pub mod register_details;
pub mod reset;
pub mod sign_in;
pub mod sign_in_code;
pub mod verify_contact;

/// The current year, for date checks.
#[cfg(feature = "ssr")]
pub(crate) fn this_year() -> i32 {
    use chrono::Datelike;
    chrono::Utc::now().year()
}

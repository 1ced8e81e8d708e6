//! Account data that crosses to the browser: what pages about a person's account show.

use serde::{Deserialize, Serialize};

/// The signed-in person, for the page header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub first_name: String,
}

/// Registration after the identity matched: who, and whether a photo is asked for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationStep {
    pub account_type: super::AccountType,
    pub first_name: String,
    pub needs_photo: bool,
}

/// Where the verification codes went, with most characters hidden.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyStep {
    pub email: String,
    pub phone: String,
    pub email_done: bool,
    pub phone_done: bool,
}

/// The second step of signing in: where the code went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeStep {
    pub sent_to: String,
    pub by_sms: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountView {
    pub account_type: super::AccountType,
    pub id_number: String,
    pub full_name: String,
    pub born: String,
    pub email: String,
    pub email_verified: bool,
    pub phone: String,
    pub phone_verified: bool,
    /// (role, agency slug)
    pub roles: Vec<(String, Option<String>)>,
    pub sessions: i64,
    pub activity: Vec<ActivityItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityItem {
    /// Nairobi time, formatted on the server.
    pub when: String,
    pub kind: String,
    pub device: Option<String>,
    pub place: Option<String>,
}

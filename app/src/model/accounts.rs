//! Account data that crosses to the browser: what pages about a person's account show.

use serde::{Deserialize, Serialize};

/// The signed-in person, for the page header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub first_name: String,
    /// Unread messages in the inbox (shown in the header).
    pub unread: i64,
    /// Holds a staff role: the header links to the work queue.
    pub staff: bool,
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

/// The ways to prove it is you after the password.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecondFactor {
    Sms,
    Email,
    Authenticator,
    RecoveryCode,
}

impl SecondFactor {
    pub fn code(self) -> &'static str {
        match self {
            SecondFactor::Sms => "sms",
            SecondFactor::Email => "email",
            SecondFactor::Authenticator => "authenticator",
            SecondFactor::RecoveryCode => "recovery",
        }
    }

    pub fn from_code(code: &str) -> Option<SecondFactor> {
        [
            SecondFactor::Sms,
            SecondFactor::Email,
            SecondFactor::Authenticator,
            SecondFactor::RecoveryCode,
        ]
        .into_iter()
        .find(|f| f.code() == code)
    }
}

/// The second step of signing in: which factor is asked for, and where a code went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeStep {
    pub method: SecondFactor,
    /// The masked phone or email a code went to (SMS and email only).
    pub sent_to: String,
    pub has_authenticator: bool,
    /// False on a shared computer: nothing is remembered there.
    pub can_remember: bool,
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
    pub has_authenticator: bool,
    pub recovery_codes_left: i64,
    pub devices: Vec<RememberedDevice>,
    pub passkeys: Vec<PasskeyItem>,
}

/// One of the person's passkeys (times in Nairobi time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeyItem {
    pub id: i64,
    pub name: String,
    pub added: String,
    pub last_used: Option<String>,
}

/// Contact details now, and the new ones waiting for their codes (masked).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactStep {
    pub email: String,
    pub phone: String,
    pub new_email: Option<String>,
    pub new_phone: Option<String>,
}

/// A device that skips the second factor until `until` (Nairobi time).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RememberedDevice {
    pub id: i64,
    pub device: String,
    pub last_used: String,
    pub until: String,
}

/// The ways "Confirm it's you" can take besides the password.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConfirmWays {
    pub has_authenticator: bool,
    pub has_passkeys: bool,
}

/// Setting up an authenticator app: the QR code to scan and the key to type instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuthenticatorSetup {
    pub qr_data_url: String,
    /// Base32, in groups of four for reading.
    pub key: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityItem {
    /// Nairobi time, formatted on the server.
    pub when: String,
    pub kind: String,
    pub device: Option<String>,
    pub place: Option<String>,
}

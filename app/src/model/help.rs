//! The help centre's data from the server: Huduma Centres by county.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HudumaCentre {
    pub name: String,
    pub county: String,
    pub town: String,
    pub address: String,
    pub hours: String,
    pub phone: Option<String>,
    /// Its address has not been checked against an official source.
    pub approximate: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HudumaCentres {
    /// Every county with a centre, by name.
    pub counties: Vec<String>,
    /// The county asked for, as listed (empty: every county).
    pub county: String,
    /// The centres of that county (or all), by county and name.
    pub centres: Vec<HudumaCentre>,
}

/// What a problem report is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SupportTopic {
    Registration,
    SignIn,
    Payment,
    Application,
    Collection,
    Other,
}

impl SupportTopic {
    pub const ALL: [SupportTopic; 6] = [
        SupportTopic::Registration,
        SupportTopic::SignIn,
        SupportTopic::Payment,
        SupportTopic::Application,
        SupportTopic::Collection,
        SupportTopic::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SupportTopic::Registration => "registration",
            SupportTopic::SignIn => "sign_in",
            SupportTopic::Payment => "payment",
            SupportTopic::Application => "application",
            SupportTopic::Collection => "collection",
            SupportTopic::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<SupportTopic> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// Where a support ticket stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TicketStatus {
    Open,
    InProgress,
    Closed,
}

impl TicketStatus {
    pub const ALL: [TicketStatus; 3] = [
        TicketStatus::Open,
        TicketStatus::InProgress,
        TicketStatus::Closed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TicketStatus::Open => "open",
            TicketStatus::InProgress => "in_progress",
            TicketStatus::Closed => "closed",
        }
    }

    pub fn from_code(code: &str) -> Option<TicketStatus> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// One ticket, as administrators see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ticket {
    pub number: String,
    pub topic: SupportTopic,
    pub status: TicketStatus,
    /// Who to reply to: the account's (signed in) or the given email and phone.
    pub reply_to: String,
    pub from_account: bool,
    pub name: Option<String>,
    pub page: Option<String>,
    pub description: String,
    pub created_at: String,
    pub updated_at: String,
}

/// The administrators' list of tickets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketList {
    /// The status shown (empty: every status).
    pub status: String,
    pub tickets: Vec<Ticket>,
}

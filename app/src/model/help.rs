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

coded_enum! {
    /// What a problem report is about.
    pub enum SupportTopic {
        Registration = "registration",
        SignIn = "sign_in",
        Payment = "payment",
        Application = "application",
        Collection = "collection",
        Other = "other",
    }
}

coded_enum! {
    /// Where a support ticket stands.
    pub enum TicketStatus {
        Open = "open",
        InProgress = "in_progress",
        Closed = "closed",
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

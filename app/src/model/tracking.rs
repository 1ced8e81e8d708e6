//! What the tracking pages show: an application's status, its timeline and what comes next.

use crate::tracking::{Actor, Status};
use serde::{Deserialize, Serialize};

/// An office, as a page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    pub slug: String,
    pub name: String,
    pub address: String,
    pub hours: String,
    /// "Mon-Fri 8-17", for SMS and USSD.
    pub hours_short: String,
    pub phone: Option<String>,
}

/// One status change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub status: Status,
    /// When (Nairobi time, "2026-12-01 14:05").
    pub at: String,
    pub by: Actor,
    /// The officer's reason or request, or the applicant's answer. Never on the public
    /// tracking page.
    pub note: Option<String>,
    pub place: Option<Place>,
}

/// An application's status as its owner (signed in) or a tracker (reference and proof)
/// sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusView {
    /// The application's public id (owner's view), or its reference (tracking page): what
    /// the live-update address is built from.
    pub id: String,
    pub reference: String,
    pub service_name: String,
    pub status: Status,
    /// Oldest first.
    pub timeline: Vec<TimelineEntry>,
    /// The day a decision is due by, from the service's longest processing time
    /// (while still being decided).
    pub expected_by: Option<String>,
    /// Where to collect, once ready.
    pub place: Option<Place>,
    /// What the officer asked for (owner's view only, while waiting for the answer).
    pub request: Option<String>,
    /// Why it was refused (owner's view only).
    pub reason: Option<String>,
    /// The newest event's id: the live stream sends only what comes after it.
    pub last_event: i64,
    /// When this was read (Nairobi time), shown as "updated at" for pages without
    /// JavaScript.
    pub read_at: String,
    /// The owner's view (answer form, receipt link) rather than the public one.
    pub owner: bool,
}

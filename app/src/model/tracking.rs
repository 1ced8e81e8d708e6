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

/// A question an officer asked again, with the answer so far (owner's view).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AskedQuestion {
    pub question: crate::forms::Question,
    pub value: String,
    pub file: Option<super::UploadedFile>,
}

/// An application's status as its owner (signed in) or a tracker (reference and proof)
/// sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
    /// The questions the officer asked again (owner's view, while waiting for the answer).
    pub asked: Vec<AskedQuestion>,
    /// Day the answer rules count from (Nairobi), `YYYY-MM-DD`.
    pub today: String,
    /// Who has viewed or changed it, and when (owner's view only).
    pub access: Vec<super::AccessEntry>,
    /// Finished (collected or refused): the owner may rate the service once; their
    /// rating, once given.
    pub can_rate: bool,
    pub rating: Option<i64>,
    /// A visit this application needs now, or has booked (owner's view).
    pub visit: Option<super::Purpose>,
    /// The certificate it was approved with, if its service issues one (owner's view).
    pub certificate: bool,
}

/// One message in the in-app inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxItem {
    pub text: String,
    /// The application's status page.
    pub link: String,
    /// When (Nairobi time).
    pub at: String,
    pub unread: bool,
}

/// The notification settings page: the channels chosen, and Web Push on this account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationSettings {
    pub inbox: bool,
    pub email: bool,
    pub sms: bool,
    pub push: bool,
    /// How many devices are subscribed to push.
    pub devices: usize,
    /// The server's VAPID public key (base64url), which a browser subscribes with.
    pub push_key: String,
}

/// A message the outbox gave up on, as administrators see it (no recipient, no body: they
/// are personal).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadLetterItem {
    pub id: i64,
    pub channel: String,
    /// What it was (e.g. `event:42:sms`, `submitted-email:<application>`).
    pub key: String,
    pub attempts: i32,
    pub error: String,
    pub first_queued: String,
    pub last_tried: String,
}

//! What the back office pages show: the work queue, an application as staff see it, and
//! what its applicant is shown of who handled it.

use super::{AnswerSection, InvoiceView, NamedLink};
use crate::tracking::Status;
use serde::{Deserialize, Serialize};

/// The queue's filters, as they stand in the page's address (a GET form without
/// JavaScript). Empty means the default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct QueueFilter {
    /// Agency slug; empty: the caller's first.
    pub agency: String,
    /// Service slug; empty: every service the caller works on.
    pub service: String,
    /// "" open work, "all", or one status code.
    pub status: String,
    /// Sent more than this many days ago; empty: any age.
    pub older_than: String,
    /// "" anyone's, "me", or "nobody" (unassigned).
    pub holder: String,
    /// "1": only those past their due date.
    pub overdue: String,
    /// "" due soonest first, "latest" due latest first.
    pub sort: String,
    /// Keyset cursors of the next and previous pages.
    pub after: String,
    pub before: String,
}

impl QueueFilter {
    /// The queue's address with these filters, moved to another page (`after`/`before`).
    pub fn href(&self, after: &str, before: &str) -> String {
        let pairs = [
            ("agency", self.agency.as_str()),
            ("service", self.service.as_str()),
            ("status", self.status.as_str()),
            ("older_than", self.older_than.as_str()),
            ("holder", self.holder.as_str()),
            ("overdue", self.overdue.as_str()),
            ("sort", self.sort.as_str()),
            ("after", after),
            ("before", before),
        ];
        crate::paths::with_query("/staff", &pairs)
    }
}

/// A staff member someone can hand work to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub id: i64,
    pub name: String,
}

/// One line of the work queue.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub id: String,
    pub reference: String,
    pub service: String,
    pub status: Status,
    /// When it was sent (Nairobi date).
    pub submitted: String,
    /// Whole days since it was sent.
    pub age_days: i64,
    /// The service-level date (Nairobi date).
    pub due: String,
    pub overdue: bool,
    pub holder: Option<String>,
    pub mine: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    pub agency: NamedLink,
    pub agencies: Vec<NamedLink>,
    pub services: Vec<NamedLink>,
    pub filter: QueueFilter,
    pub items: Vec<QueueItem>,
    /// Cursors for the next and previous pages, when there are more.
    pub next: Option<String>,
    pub prev: Option<String>,
    /// Supervisors (and administrators) assign work to others and act in bulk.
    pub supervisor: bool,
    /// Administrators also get a link to the administration pages.
    pub admin: bool,
    pub staff: Vec<StaffMember>,
    /// Where documents can be collected (for the bulk action; supervisors only).
    pub places: Vec<PlaceGroup>,
}

/// A file uploaded with an application, as staff open it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffFile {
    pub id: String,
    pub question: String,
    pub name: String,
    pub content_type: String,
    pub size_kb: i64,
}

impl StaffFile {
    pub fn is_image(&self) -> bool {
        self.content_type.starts_with("image/")
    }
}

/// The applicant, as the agency needs to know them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Applicant {
    pub name: String,
    pub account_type: super::AccountType,
    pub id_number: String,
    pub year_of_birth: i32,
    pub phone: String,
    pub email: String,
}

/// A status change as staff see it: who made it, by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffEvent {
    pub status: Status,
    pub at: String,
    pub by: String,
    pub note: Option<String>,
    /// A refusal's reason, in the reader's language.
    pub reason: Option<String>,
    /// The questions a request asked again (labels).
    pub requested: Vec<String>,
    pub place: Option<String>,
}

/// An internal note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffNote {
    pub author: String,
    pub at: String,
    pub body: String,
}

/// A question an officer may ask again in a request for information.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskableQuestion {
    pub key: String,
    pub label: String,
    pub file: bool,
}

/// A group of places to collect from (Huduma Centres, immigration offices, missions).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceGroup {
    pub label: String,
    pub places: Vec<NamedLink>,
}

/// One application, as the officer working on it sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkItem {
    pub id: String,
    pub reference: String,
    pub service: String,
    pub agency: String,
    pub status: Status,
    pub applicant: Applicant,
    pub submitted: String,
    pub due: String,
    pub overdue: bool,
    pub holder: Option<String>,
    pub mine: bool,
    pub supervisor: bool,
    pub staff: Vec<StaffMember>,
    pub sections: Vec<AnswerSection>,
    pub files: Vec<StaffFile>,
    pub invoice: Option<InvoiceView>,
    /// The M-Pesa receipt number and when it was paid.
    pub paid: Option<(String, String)>,
    pub timeline: Vec<StaffEvent>,
    pub notes: Vec<StaffNote>,
    /// The moves the caller may make now.
    pub moves: Vec<Status>,
    /// Some moves are open but not to the caller until they hold the application.
    pub hold_first: bool,
    pub questions: Vec<AskableQuestion>,
    pub places: Vec<PlaceGroup>,
    /// Who collected it: (collector's ID number, guardian's), once collected.
    pub collection: Option<(String, Option<String>)>,
    /// Its issued documents (receipt, certificate) and whether each was revoked.
    pub documents: Vec<super::IssuedDocument>,
    /// The label under which its certificate prints the approving officer's words.
    pub finding: Option<String>,
}

/// One entry of "Who has handled your application", as its applicant sees it: the role
/// and office, and a staff member's name only where their agency chose to show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessEntry {
    pub at: String,
    /// "Officer", "Supervisor", "You", "Uraia" … in the reader's language.
    pub who: String,
    /// The staff member's name, where the agency's policy shows it.
    pub name: Option<String>,
    /// The agency's name, for staff.
    pub office: Option<String>,
    /// "Viewed the application", "Opened a document", "Changed the status to …".
    pub what: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_queue_address_keeps_its_filters() {
        let filter = QueueFilter {
            agency: "immigration".into(),
            status: "processing".into(),
            holder: "me".into(),
            after: "ignored".into(),
            ..Default::default()
        };
        assert_eq!(
            filter.href("2026-12-01T10:00:00Z~7", ""),
            "/staff?agency=immigration&status=processing&holder=me&after=2026-12-01T10%3A00%3A00Z~7"
        );
        assert_eq!(QueueFilter::default().href("", ""), "/staff");
    }
}

/// How a table's figures are drawn.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChartKind {
    Bar,
    HorizontalBar,
    Line,
}

/// A chart's figures: one label per point, one or more named series.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub kind: ChartKind,
    pub labels: Vec<String>,
    pub series: Vec<(String, Vec<f64>)>,
}

/// One table of the dashboard, as the page, the chart and the CSV show it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DashTable {
    /// Its name in addresses (`/staff/dashboard/<key>.svg`, `.csv`).
    pub key: String,
    pub title: String,
    pub summary: Option<String>,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub chart: Option<Chart>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The agency's slug; empty: every agency.
    pub agency: String,
    pub agency_name: String,
    pub agencies: Vec<NamedLink>,
    /// May choose "every agency" (administrators).
    pub overall: bool,
    /// The range, Nairobi days `YYYY-MM-DD`, both included.
    pub from: String,
    pub to: String,
    pub tables: Vec<DashTable>,
}

/// What a visit to an office is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Purpose {
    /// Fingerprints and photo for a passport, at an immigration office.
    Biometrics,
    /// The driving test, booked at a Huduma Centre.
    DrivingTest,
    /// Collecting the document where it waits.
    Collection,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::Biometrics => "biometrics",
            Purpose::DrivingTest => "driving_test",
            Purpose::Collection => "collection",
        }
    }

    pub fn from_code(code: &str) -> Option<Purpose> {
        [
            Purpose::Biometrics,
            Purpose::DrivingTest,
            Purpose::Collection,
        ]
        .into_iter()
        .find(|p| p.code() == code)
    }
}

/// A time that can be booked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotChoice {
    pub id: i64,
    /// "09:30", Nairobi time.
    pub time: String,
    /// Places left.
    pub free: i64,
    /// The applicant's own booking.
    pub mine: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlotDay {
    /// `YYYY-MM-DD`.
    pub day: String,
    /// "Tue 2026-12-01".
    pub label: String,
    pub slots: Vec<SlotChoice>,
}

/// The applicant's open booking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    pub place: String,
    pub when: String,
    /// More than a day before it: can still be moved or cancelled.
    pub can_change: bool,
    pub changes_left: i64,
}

/// "Book a visit" for one application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppointmentPage {
    pub id: String,
    pub reference: String,
    pub service: String,
    pub purpose: Purpose,
    pub places: Vec<NamedLink>,
    pub place: Option<NamedLink>,
    /// The chosen office's opening hours.
    pub hours: String,
    pub days: Vec<SlotDay>,
    pub booking: Option<Booking>,
}

/// One booking on an office's day list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayEntry {
    pub appointment: i64,
    pub time: String,
    /// booked, attended or no_show.
    pub status: String,
    pub purpose: Purpose,
    pub reference: String,
    /// The application's public id (its staff page).
    pub application: String,
    pub name: String,
}

/// An office's bookings on one day, as staff see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayList {
    pub places: Vec<NamedLink>,
    pub place: NamedLink,
    pub day: String,
    pub entries: Vec<DayEntry>,
}

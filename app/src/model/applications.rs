//! What the application pages show, in the reader's language where it is text of ours
//! (form texts travel in both languages inside the definition).

use crate::forms::{Answers, FormDefinition, Status};
use serde::{Deserialize, Serialize};

/// One line of the task list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskItem {
    pub key: String,
    pub title: String,
    pub status: Status,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskList {
    pub id: String,
    pub service_slug: String,
    pub service_name: String,
    pub tasks: Vec<TaskItem>,
    /// Every shown section is complete: the answers can be checked.
    pub complete: bool,
    /// When an untouched draft is deleted (Nairobi date).
    pub keep_until: Option<String>,
}

/// A section's questions, with the whole form so the browser can run the same rules.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectionPage {
    pub id: String,
    pub service_name: String,
    pub form: FormDefinition,
    pub section: String,
    pub answers: Answers,
    /// Day the rules count from (server's today in Nairobi), `YYYY-MM-DD`.
    pub today: String,
    /// The files the answers point to.
    pub files: Vec<UploadedFile>,
    /// Signed in on a shared computer: nothing is kept on the device, not even a draft.
    pub shared: bool,
}

/// A file uploaded for a question, as its owner sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadedFile {
    pub question: String,
    pub id: String,
    pub name: String,
    pub size_kb: i64,
}

/// One answer as "Check your answers" shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRow {
    pub question: String,
    pub label: String,
    pub value: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerSection {
    pub key: String,
    pub title: String,
    pub rows: Vec<AnswerRow>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckAnswers {
    pub id: String,
    pub service_name: String,
    pub sections: Vec<AnswerSection>,
    /// Sections still to finish (a changed answer can open a new question).
    pub unfinished: Vec<TaskItem>,
    /// What sending it will cost, from the answers.
    pub fees: super::InvoiceView,
    /// The declaration the person makes by sending it.
    pub declaration: String,
}

/// A line of "My applications".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationItem {
    pub id: String,
    pub service_name: String,
    pub status: String,
    pub reference: Option<String>,
    /// Paid, once paid.
    pub paid_cents: Option<i64>,
    /// Last change (Nairobi time).
    pub updated: String,
    pub keep_until: Option<String>,
}

/// The page before starting: what the form asks and whether this person can apply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplyStart {
    pub service_slug: String,
    pub service_name: String,
    pub sections: Vec<String>,
    pub signed_in: bool,
    /// Signed in with an account type the service does not serve.
    pub not_eligible: bool,
    /// A draft already started for this service.
    pub draft: Option<String>,
}

/// What became of a part typed on the phone when it reached the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncOutcome {
    /// Which side won the questions both changed.
    pub winner: crate::drafts::merge::Winner,
    /// The questions both changed: their labels, and what the phone had (shown when the
    /// server's newer answer was kept, so nothing typed is lost).
    pub conflicts: Vec<SyncConflict>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncConflict {
    pub label: String,
    pub phone: String,
}

/// How far a resumable upload has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadProgress {
    /// Bytes the server has, in order from the start.
    pub received: i64,
    /// The whole file arrived and is now the question's answer.
    pub done: bool,
}

//! What the public check says about a document's code.

use serde::{Deserialize, Serialize};

/// A document's essential fields, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFacts {
    pub certificate: bool,
    pub number: String,
    pub reference: String,
    /// The service paid for, or the certificate's title.
    pub title: String,
    pub issued_on: String,
    pub holder: Option<String>,
    /// (label, value), as printed.
    pub lines: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentCheck {
    /// Signed by the portal and as issued.
    Genuine(DocumentFacts),
    /// Issued, then revoked.
    Revoked {
        facts: DocumentFacts,
        on: String,
        reason: String,
    },
    /// Not signed by the portal's key, or changed since: not to be trusted.
    Broken,
}

/// A document issued for an application, as its staff page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IssuedDocument {
    /// `receipt` or `certificate`.
    pub kind: String,
    pub label: String,
    pub number: String,
    pub issued_at: String,
    /// When and why, once revoked.
    pub revoked: Option<(String, String)>,
}

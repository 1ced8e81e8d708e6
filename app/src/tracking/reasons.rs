//! Why an application is refused: a short list every agency shares (so the analytics can
//! count them), and the officer's own words beside it.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Reason {
    /// Something required is missing.
    Incomplete,
    /// A document cannot be read, or is not what was asked for.
    DocumentUnclear,
    /// The details do not match the agency's or the registry's records.
    RecordsMismatch,
    /// The applicant does not meet the service's conditions.
    NotEligible,
    /// The same application was made before.
    Duplicate,
    Other,
}

impl Reason {
    pub const ALL: [Reason; 6] = [
        Reason::Incomplete,
        Reason::DocumentUnclear,
        Reason::RecordsMismatch,
        Reason::NotEligible,
        Reason::Duplicate,
        Reason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Reason::Incomplete => "incomplete",
            Reason::DocumentUnclear => "document_unclear",
            Reason::RecordsMismatch => "records_mismatch",
            Reason::NotEligible => "not_eligible",
            Reason::Duplicate => "duplicate",
            Reason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Reason::ALL {
            assert_eq!(Reason::from_code(r.code()), Some(r));
        }
        assert_eq!(Reason::from_code("bogus"), None);
    }
}

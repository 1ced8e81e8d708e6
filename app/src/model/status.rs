//! Agencies' service status: what administrators report about each agency's own systems.

use super::NamedLink;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceState {
    Normal,
    Degraded,
    Down,
}

impl ServiceState {
    pub const ALL: [ServiceState; 3] = [
        ServiceState::Normal,
        ServiceState::Degraded,
        ServiceState::Down,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ServiceState::Normal => "normal",
            ServiceState::Degraded => "degraded",
            ServiceState::Down => "down",
        }
    }

    pub fn from_code(code: &str) -> Option<ServiceState> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// One agency's status, in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyStatus {
    pub agency: NamedLink,
    pub state: ServiceState,
    pub message: Option<String>,
    /// When it was last set (Nairobi time), if ever.
    pub since: Option<String>,
}

/// Every agency's status, the ones with trouble first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusBoard {
    pub agencies: Vec<AgencyStatus>,
}

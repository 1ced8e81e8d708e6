//! Agencies' service status: what administrators report about each agency's own systems.

use super::NamedLink;
use serde::{Deserialize, Serialize};

coded_enum! {
    /// How an agency's own systems are working.
    pub enum ServiceState {
        Normal = "normal",
        Degraded = "degraded",
        Down = "down",
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

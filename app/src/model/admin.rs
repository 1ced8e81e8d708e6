//! What the administration pages show: agencies, services, offices and staff roles, already
//! in the reader's language, with the stored values the edit forms start from.

use super::NamedLink;
use serde::{Deserialize, Serialize};

/// `/staff/admin`: every agency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminHome {
    pub agencies: Vec<AdminAgency>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminAgency {
    pub slug: String,
    pub name: String,
    pub services: i64,
    pub shows_names: bool,
}

/// An agency's edit form (empty slug: a new agency).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyEdit {
    pub slug: String,
    pub kind: String,
    pub name_en: String,
    pub name_sw: String,
    pub summary_en: String,
    pub summary_sw: String,
    pub website: String,
    pub phone: String,
    pub email: String,
    pub show_staff_names: bool,
    /// Its services, for their edit pages.
    pub services: Vec<NamedLink>,
    /// Its service status (`ServiceState` code) and message in both languages.
    pub service_state: String,
    pub service_message_en: String,
    pub service_message_sw: String,
}

/// A service's edit page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceEdit {
    pub slug: String,
    pub name: String,
    pub agency: NamedLink,
    pub days_min: i64,
    pub days_max: i64,
    pub form_version: Option<i64>,
    /// Stored versions of its form: (version, when stored), newest first.
    pub versions: Vec<(i64, String)>,
    pub places: Vec<PlaceChoices>,
    /// True when no office was chosen (any office).
    pub any_place: bool,
    pub fees: Vec<FeeEdit>,
}

/// Offices of one kind, each ticked or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlaceChoices {
    pub label: String,
    pub places: Vec<(NamedLink, bool)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeEdit {
    pub id: i64,
    /// government or convenience.
    pub kind: String,
    pub label_en: String,
    pub label_sw: String,
    /// When the fee applies only in some case, that case (in the reader's language).
    pub when: Option<String>,
    /// In shillings as typed ("1050" or "1050.50").
    pub amount: String,
}

/// `/staff/admin/offices`: every office by kind.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeGroup {
    pub label: String,
    pub offices: Vec<OfficeItem>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeItem {
    pub slug: String,
    pub name: String,
    pub county: String,
    pub hours_short: String,
    pub capacity: i64,
}

/// An office's edit form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeEdit {
    pub slug: String,
    pub name: String,
    pub kind: String,
    pub name_en: String,
    pub name_sw: String,
    pub address_en: String,
    pub address_sw: String,
    pub hours_en: String,
    pub hours_sw: String,
    pub hours_short: String,
    pub phone: String,
    /// Empty: the default for its kind.
    pub capacity: String,
    pub default_capacity: i64,
}

/// `/staff/admin/staff`: who holds which staff role.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAdmin {
    pub members: Vec<StaffMemberAdmin>,
    pub agencies: Vec<NamedLink>,
    /// Services to limit an officer to, by agency.
    pub services: Vec<(String, Vec<NamedLink>)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMemberAdmin {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub disabled: bool,
    /// The caller: they cannot remove their own administrator role or disable themselves.
    pub me: bool,
    /// (role id, "Officer — Department of Immigration", is it the administrator role).
    pub roles: Vec<(i64, String, bool)>,
    pub limits: Vec<NamedLink>,
}

//! Data shared by the server and the browser: what server functions return, already in the
//! reader's language. Database rows live in `data::` and never cross to the wasm.

/// A small enum stored and posted as a text code: the enum with the usual derives, `ALL`
/// (every value, in order), `code()` and `from_code()`.
macro_rules! coded_enum {
    ($(#[$meta:meta])* $vis:vis enum $name:ident { $($variant:ident = $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        $vis enum $name { $($variant),+ }

        impl $name {
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                Self::ALL.into_iter().find(|v| v.code() == code)
            }
        }
    };
}

mod accounts;
mod admin;
mod applications;
mod documents;
mod help;
mod payments;
mod staff;
mod status;
mod tracking;

pub use accounts::*;
pub use admin::*;
pub use applications::*;
pub use documents::*;
pub use help::*;
pub use payments::*;
use serde::{Deserialize, Serialize};
pub use staff::*;
pub use status::*;
pub use tracking::*;

/// The kinds of account a person can hold; a service says which of them may apply.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountType {
    Citizen,
    Resident,
    Refugee,
    Diplomat,
    Foreigner,
}

impl AccountType {
    pub const ALL: [AccountType; 5] = [
        AccountType::Citizen,
        AccountType::Resident,
        AccountType::Refugee,
        AccountType::Diplomat,
        AccountType::Foreigner,
    ];

    /// The stable code stored in the database and the catalogue files.
    pub fn code(self) -> &'static str {
        match self {
            AccountType::Citizen => "citizen",
            AccountType::Resident => "resident",
            AccountType::Refugee => "refugee",
            AccountType::Diplomat => "diplomat",
            AccountType::Foreigner => "foreigner",
        }
    }

    pub fn from_code(code: &str) -> Option<AccountType> {
        AccountType::ALL.into_iter().find(|t| t.code() == code)
    }
}

/// What kind of body an agency is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AgencyKind {
    Ministry,
    Department,
    Authority,
    Commission,
    County,
    Judiciary,
    Agency,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 7] = [
        AgencyKind::Ministry,
        AgencyKind::Department,
        AgencyKind::Authority,
        AgencyKind::Commission,
        AgencyKind::County,
        AgencyKind::Judiciary,
        AgencyKind::Agency,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AgencyKind::Ministry => "ministry",
            AgencyKind::Department => "department",
            AgencyKind::Authority => "authority",
            AgencyKind::Commission => "commission",
            AgencyKind::County => "county",
            AgencyKind::Judiciary => "judiciary",
            AgencyKind::Agency => "agency",
        }
    }

    pub fn from_code(code: &str) -> Option<AgencyKind> {
        AgencyKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// Whether a fee goes to the agency or is the portal's convenience fee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FeeKind {
    Government,
    Convenience,
}

impl FeeKind {
    pub fn code(self) -> &'static str {
        match self {
            FeeKind::Government => "government",
            FeeKind::Convenience => "convenience",
        }
    }

    pub fn from_code(code: &str) -> Option<FeeKind> {
        match code {
            "government" => Some(FeeKind::Government),
            "convenience" => Some(FeeKind::Convenience),
            _ => None,
        }
    }
}

/// A link to an agency or category: its slug and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedLink {
    pub slug: String,
    pub name: String,
}

/// A service as shown in lists and search results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub agency: NamedLink,
    /// What the person pays at the least, in KES cents: every fee without a condition.
    pub minimum_total_cents: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentItem {
    pub name: String,
    pub note: Option<String>,
    pub required: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeLine {
    pub kind: FeeKind,
    pub label: String,
    /// When set, the fee is charged only in this case and is not in the minimum total.
    pub when: Option<String>,
    pub amount_cents: i64,
}

/// Everything the service page shows before anyone starts an application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceDetail {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub agency: NamedLink,
    pub category: NamedLink,
    pub account_types: Vec<AccountType>,
    pub eligibility: Vec<String>,
    pub documents: Vec<DocumentItem>,
    pub fees: Vec<FeeLine>,
    pub processing_days_min: i64,
    pub processing_days_max: i64,
    pub collection: String,
    /// Whether it has an online application form on Uraia.
    pub online: bool,
    /// The agency's systems, when they are not working normally.
    pub status: Option<AgencyStatus>,
}

impl ServiceDetail {
    /// The sum of every fee that is always charged.
    pub fn minimum_total_cents(&self) -> i64 {
        minimum_total(&self.fees)
    }
}

/// The sum of the fees that carry no condition.
pub fn minimum_total(fees: &[FeeLine]) -> i64 {
    fees.iter()
        .filter(|f| f.when.is_none())
        .map(|f| f.amount_cents)
        .sum()
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyListItem {
    pub slug: String,
    pub name: String,
    pub kind: AgencyKind,
    pub service_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDetail {
    pub slug: String,
    pub name: String,
    pub summary: String,
    pub kind: AgencyKind,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub parent: Option<NamedLink>,
    pub children: Vec<NamedLink>,
    /// One page of its services, by name.
    pub services: Vec<ServiceSummary>,
    pub paging: Paging,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryListItem {
    pub slug: String,
    pub name: String,
    pub description: String,
    pub service_count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryDetail {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// One page of its services, by name.
    pub services: Vec<ServiceSummary>,
    pub paging: Paging,
}

/// Where a page of a long list is: an agency with 2,000 services, a category with 5,000,
/// a search's results.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paging {
    /// From 1.
    pub page: u32,
    /// At least 1.
    pub pages: u32,
    /// How many items in all.
    pub total: usize,
    /// How many a page holds.
    pub per_page: usize,
}

impl Paging {
    /// The page asked for (0 or past the end: the nearest there is) of `total` items.
    pub fn new(asked: u32, total: usize, per_page: usize) -> Paging {
        let pages = total.div_ceil(per_page.max(1)).max(1) as u32;
        Paging {
            page: asked.clamp(1, pages),
            pages,
            total,
            per_page,
        }
    }

    /// Where the page's items start in the whole list.
    pub fn offset(&self) -> usize {
        (self.page as usize - 1) * self.per_page
    }
}

/// A search's answer: one page of services, best first, and what it can be narrowed by.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub services: Vec<ServiceSummary>,
    pub paging: Paging,
    pub choices: SearchChoices,
    /// The narrowing applied (slugs and an account type's code; empty: none).
    pub narrowed: SearchNarrowing,
}

/// What a search can be narrowed by, each list by name in the reader's language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchChoices {
    /// National agencies (ministries, departments, authorities…).
    pub agencies: Vec<NamedLink>,
    pub counties: Vec<NamedLink>,
    pub categories: Vec<NamedLink>,
}

/// A search's narrowing as its address carries it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchNarrowing {
    pub agency: String,
    pub county: String,
    pub category: String,
    pub account_type: String,
}

/// The home page: popular services first, then the ways to browse.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    pub popular: Vec<ServiceSummary>,
    pub categories: Vec<CategoryListItem>,
    pub agency_count: i64,
    pub service_count: i64,
}

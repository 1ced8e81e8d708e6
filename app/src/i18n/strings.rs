//! The shape of a language: every string the portal shows. Adding a field here makes both
//! `en.rs` and `sw.rs` fail to compile until they translate it.

use super::accounts::AccountStrings;
use super::admin::AdminStrings;
use super::applications::ApplicationStrings;
use super::offline::OfflineStrings;
use super::payments::PaymentStrings;
use super::staff::StaffStrings;
use super::tracking::TrackingStrings;
use crate::model::{AccountType, AgencyKind};

pub struct Strings {
    pub accounts: &'static AccountStrings,
    pub forms: &'static super::forms::FormStrings,
    pub passkeys: &'static super::passkeys::PasskeyStrings,
    pub applications: &'static ApplicationStrings,
    pub payments: &'static PaymentStrings,
    pub tracking: &'static TrackingStrings,
    pub staff: &'static StaffStrings,
    pub admin: &'static AdminStrings,
    pub offline: &'static OfflineStrings,
    pub documents: &'static super::documents::DocumentStrings,
    pub status: &'static super::status::StatusStrings,
    pub help: &'static super::help::HelpStrings,

    // Page frame
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_search: &'static str,
    pub nav_agencies: &'static str,
    pub nav_help: &'static str,
    pub change_language: &'static str,
    pub footer_about: &'static str,
    pub footer_help_heading: &'static str,
    pub footer_fees_note: &'static str,
    pub lite_on: &'static str,
    pub lite_off_hint: &'static str,
    pub lite_turn_on: &'static str,
    pub lite_turn_off: &'static str,
    pub loading: &'static str,
    pub breadcrumb_label: &'static str,
    pub title_suffix: &'static str,

    // Search
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub search_button: &'static str,
    pub search_title: &'static str,
    pub search_prompt: &'static str,
    pub results_for: fn(usize, &str) -> String,
    pub no_results: fn(&str) -> String,
    pub no_results_tips: &'static str,
    pub search_apply: &'static str,
    pub search_narrow: &'static str,
    pub search_agency: &'static str,
    pub search_any_agency: &'static str,
    pub search_county: &'static str,
    pub search_any_county: &'static str,
    pub search_category: &'static str,
    pub search_any_category: &'static str,
    pub search_account_type: &'static str,
    pub search_any_account_type: &'static str,
    /// How many services a narrowing without words lists.
    pub services_found: fn(usize) -> String,
    pub no_services_narrowed: &'static str,
    // Pages of a long list
    pub pages_label: &'static str,
    pub page_of: fn(u32, u32) -> String,
    pub previous_page: &'static str,
    pub next_page: &'static str,
    /// Which of the list's items this page shows: from, to, of.
    pub showing: fn(usize, usize, usize) -> String,
    pub from_price: fn(&str) -> String,
    pub free: &'static str,

    // Home
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub popular_services: &'static str,
    pub browse_by_category: &'static str,
    pub browse_by_agency: &'static str,
    pub browse_by_agency_text: fn(i64, i64) -> String,
    pub see_all_agencies: &'static str,
    pub service_count: fn(i64) -> String,

    // Agencies and categories
    pub agencies_title: &'static str,
    pub agencies_intro: &'static str,
    pub agency_services: &'static str,
    pub agency_contact: &'static str,
    pub agency_website: &'static str,
    pub agency_phone: &'static str,
    pub agency_email: &'static str,
    pub agency_part_of: &'static str,
    pub agency_children: &'static str,
    pub agency_no_services: &'static str,
    pub agency_kind: fn(AgencyKind) -> &'static str,
    pub agency_kind_plural: fn(AgencyKind) -> &'static str,
    pub category_services: &'static str,

    // Service page
    pub offered_by: &'static str,
    pub who_can_apply: &'static str,
    pub account_type: fn(AccountType) -> &'static str,
    pub eligibility: &'static str,
    pub documents_needed: &'static str,
    pub optional: &'static str,
    pub fees: &'static str,
    pub fees_intro: &'static str,
    pub fee_item: &'static str,
    pub fee_when: &'static str,
    pub fee_amount: &'static str,
    pub fee_always: &'static str,
    pub fee_convenience_tag: &'static str,
    pub fee_total: &'static str,
    pub processing_time: &'static str,
    pub processing_days: fn(i64, i64) -> String,
    pub where_to_collect: &'static str,
    pub start_application: &'static str,
    pub start_needs_sign_in: &'static str,
    /// For a service without an online form: where to apply instead.
    pub apply_at_agency: &'static str,

    // Help page
    pub help_title: &'static str,
    pub help_intro: &'static str,
    pub help_find_heading: &'static str,
    pub help_find_text: &'static str,
    pub help_fees_heading: &'static str,
    pub help_fees_text: &'static str,
    pub help_contact_heading: &'static str,
    pub help_contact_text: &'static str,
    pub help_access_heading: &'static str,
    pub help_access_text: &'static str,

    // Errors
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub error_title: &'static str,
    pub error_text: &'static str,
    pub error_reference: &'static str,
    pub go_home: &'static str,
}

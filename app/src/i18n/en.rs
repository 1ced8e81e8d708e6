//! English.

pub(super) mod accounts;
pub(super) mod admin;
pub(super) mod applications;
pub(super) mod documents;
pub(super) mod forms;
pub(super) mod help;
pub(super) mod offline;
pub(super) mod passkeys;
pub(super) mod payments;
pub(super) mod staff;
pub(super) mod status;
pub(super) mod tracking;
pub(super) mod uploads;

use super::Strings;
use crate::model::{AccountType, AgencyKind};
use crate::money::group_thousands;

pub static EN: Strings = Strings {
    accounts: &accounts::EN_ACCOUNTS,
    forms: &forms::EN_FORMS,
    passkeys: &passkeys::EN_PASSKEYS,
    applications: &applications::EN_APPLICATIONS,
    payments: &payments::EN_PAYMENTS,
    tracking: &tracking::EN_TRACKING,
    staff: &staff::EN_STAFF,
    admin: &admin::EN_ADMIN,
    offline: &offline::EN_OFFLINE,
    documents: &documents::EN_DOCUMENTS,
    status: &status::EN_STATUS,
    help: &help::EN_HELP,
    site_name: "Uraia",
    site_tagline: "Government services in one place",
    skip_to_content: "Skip to main content",
    nav_label: "Main",
    nav_home: "Home",
    nav_search: "Find a service",
    nav_agencies: "Agencies",
    nav_help: "Help",
    change_language: "Change language",
    footer_about: "Uraia is an open-source portal for government services: one place to find a service, see what it takes and apply.",
    footer_help_heading: "Help and information",
    footer_fees_note: "Fees shown in this demonstration catalogue are approximate. Always confirm with the agency.",
    lite_on: "Lite mode is on: pages load without scripts, to save data.",
    lite_off_hint: "Slow or costly connection?",
    lite_turn_on: "Use lite mode",
    lite_turn_off: "Turn lite mode off",
    loading: "Loading…",
    breadcrumb_label: "Breadcrumb",
    title_suffix: " – Uraia",

    search_label: "Search for a service",
    search_hint: "For example: passport, driving licence, business name",
    search_button: "Search",
    search_title: "Find a service",
    search_prompt: "Type what you need, such as “renew passport” or “good conduct”.",
    results_for: |n, q| match n {
        1 => format!("1 service found for “{q}”"),
        n => format!("{} services found for “{q}”", group_thousands(n as u64)),
    },
    no_results: |q| format!("No services match “{q}”."),
    no_results_tips: "Check the spelling, use fewer words, or try a more general word such as “licence” or “certificate”. You can also browse by agency.",
    search_apply: "Show services",
    search_narrow: "Narrow the results",
    search_agency: "National agency",
    search_any_agency: "Any national agency",
    search_county: "County",
    search_any_county: "Any county",
    search_category: "Kind of service",
    search_any_category: "Any kind",
    search_account_type: "Who can apply",
    search_any_account_type: "Anyone",
    services_found: |n| match n {
        1 => "1 service".to_string(),
        n => format!("{} services", group_thousands(n as u64)),
    },
    no_services_narrowed: "No services match these choices. Choose “Any” in one of them to see more.",
    pages_label: "Pages",
    page_of: |page, pages| format!("Page {page} of {pages}"),
    previous_page: "Previous page",
    next_page: "Next page",
    showing: |from, to, total| {
        format!("Showing {} to {} of {}", group_thousands(from as u64), group_thousands(to as u64), group_thousands(total as u64))
    },
    from_price: |price| format!("From {price}"),
    free: "Free",

    home_title: "Find a government service",
    home_intro: "Search every agency’s services, see the documents and fees up front, and apply online.",
    popular_services: "Popular services",
    browse_by_category: "Browse by category",
    browse_by_agency: "Browse by agency",
    browse_by_agency_text: |agencies, services| {
        format!("{services} services from {agencies} ministries, departments, authorities and counties.")
    },
    see_all_agencies: "See all agencies",
    service_count: |n| match n {
        1 => "1 service".to_string(),
        n => format!("{n} services"),
    },

    agencies_title: "Government agencies",
    agencies_intro: "Ministries, departments, authorities, commissions and counties that offer services on Uraia.",
    agency_services: "Services",
    agency_contact: "Contact",
    agency_website: "Website",
    agency_phone: "Phone",
    agency_email: "Email",
    agency_part_of: "Part of",
    agency_children: "Departments and agencies",
    agency_no_services: "This agency offers no online services yet. Its departments and agencies are listed below.",
    agency_kind: |kind| match kind {
        AgencyKind::Ministry => "Ministry",
        AgencyKind::Department => "Department",
        AgencyKind::Authority => "Authority",
        AgencyKind::Commission => "Commission",
        AgencyKind::County => "County government",
        AgencyKind::Judiciary => "Judiciary",
        AgencyKind::Agency => "Agency",
    },
    agency_kind_plural: |kind| match kind {
        AgencyKind::Ministry => "Ministries",
        AgencyKind::Department => "Departments",
        AgencyKind::Authority => "Authorities",
        AgencyKind::Commission => "Commissions",
        AgencyKind::County => "County governments",
        AgencyKind::Judiciary => "Judiciary",
        AgencyKind::Agency => "Agencies",
    },
    category_services: "Services in this category",

    offered_by: "Offered by",
    who_can_apply: "Who can apply",
    account_type: |t| match t {
        AccountType::Citizen => "Kenyan citizens",
        AccountType::Resident => "Foreign residents",
        AccountType::Refugee => "Refugees",
        AccountType::Diplomat => "Diplomats",
        AccountType::Foreigner => "Foreign visitors",
    },
    eligibility: "Before you apply",
    documents_needed: "Documents you need",
    optional: "optional",
    fees: "Fees",
    fees_intro: "Every fee is shown before you start. You pay online by M-Pesa when you submit.",
    fee_item: "Item",
    fee_when: "Charged",
    fee_amount: "Amount",
    fee_always: "Always",
    fee_convenience_tag: "convenience fee",
    fee_total: "Total you will pay at least",
    processing_time: "Processing time",
    processing_days: |min, max| match (min, max) {
        (1, 1) => "About 1 working day".to_string(),
        (a, b) if a == b => format!("About {a} working days"),
        (a, b) => format!("{a} to {b} working days"),
    },
    where_to_collect: "Where to collect",
    start_application: "Start application",
    start_needs_sign_in: "You will be asked to sign in to your Uraia account.",
    apply_at_agency: "You apply for this service with the agency, not on Uraia. Contact the agency:",


    help_title: "Help",
    help_intro: "How to find a service on Uraia and what the information means.",
    help_find_heading: "Finding a service",
    help_find_text: "Type a few words into the search box, such as “passport” or “business permit”. Spelling mistakes are fine. You can also browse by category or by agency.",
    help_fees_heading: "Fees",
    help_fees_text: "Each service page lists every fee before you start, including the convenience fee. Where a fee depends on a choice, the table says when it applies, and the total shows the least you will pay.",
    help_contact_heading: "Contacting an agency",
    help_contact_text: "Every agency page shows the agency’s website, phone number and email where we have them. Contact the agency about a particular service.",
    help_access_heading: "Accessibility",
    help_access_text: "Uraia aims to meet WCAG 2.2 level AA. It works without JavaScript, on small screens, with a keyboard and with screen readers. Tell the agency if something stops you from using a service.",

    not_found_title: "Page not found",
    not_found_text: "The page you asked for does not exist. If you typed the address, check it is correct, or search for the service you need.",
    error_title: "Sorry, something went wrong",
    error_text: "We could not show this page. Please try again in a few minutes.",
    error_reference: "Error reference",
    go_home: "Go to the home page",
};

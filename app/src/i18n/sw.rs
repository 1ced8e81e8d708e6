//! Kiswahili.

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

pub static SW: Strings = Strings {
    accounts: &accounts::SW_ACCOUNTS,
    forms: &forms::SW_FORMS,
    passkeys: &passkeys::SW_PASSKEYS,
    applications: &applications::SW_APPLICATIONS,
    payments: &payments::SW_PAYMENTS,
    tracking: &tracking::SW_TRACKING,
    staff: &staff::SW_STAFF,
    admin: &admin::SW_ADMIN,
    offline: &offline::SW_OFFLINE,
    documents: &documents::SW_DOCUMENTS,
    status: &status::SW_STATUS,
    help: &help::SW_HELP,
    site_name: "Uraia",
    site_tagline: "Huduma za serikali mahali pamoja",
    skip_to_content: "Ruka hadi maudhui makuu",
    nav_label: "Kuu",
    nav_home: "Mwanzo",
    nav_search: "Tafuta huduma",
    nav_agencies: "Taasisi",
    nav_help: "Msaada",
    change_language: "Badilisha lugha",
    footer_about: "Uraia ni tovuti huria ya huduma za serikali: mahali pamoja pa kupata huduma, kujua mahitaji yake na kutuma maombi.",
    footer_help_heading: "Msaada na taarifa",
    footer_fees_note: "Ada zinazoonyeshwa katika orodha hii ya majaribio ni za makadirio. Thibitisha kila mara na taasisi husika.",
    lite_on: "Hali nyepesi imewashwa: kurasa zinapakia bila skripti, ili kuokoa data.",
    lite_off_hint: "Mtandao wa polepole au wa gharama?",
    lite_turn_on: "Tumia hali nyepesi",
    lite_turn_off: "Zima hali nyepesi",
    loading: "Inapakia…",
    breadcrumb_label: "Njia ya ukurasa",
    title_suffix: " – Uraia",

    search_label: "Tafuta huduma",
    search_hint: "Kwa mfano: pasipoti, leseni ya udereva, jina la biashara",
    search_button: "Tafuta",
    search_title: "Tafuta huduma",
    search_prompt: "Andika unachohitaji, kama “kufanya upya pasipoti” au “cheti cha tabia njema”.",
    results_for: |n, q| match n {
        1 => format!("Huduma 1 imepatikana kwa “{q}”"),
        n => format!("Huduma {} zimepatikana kwa “{q}”", group_thousands(n as u64)),
    },
    no_results: |q| format!("Hakuna huduma inayolingana na “{q}”."),
    no_results_tips: "Angalia tahajia, tumia maneno machache, au jaribu neno la jumla kama “leseni” au “cheti”. Unaweza pia kuvinjari kwa taasisi.",
    search_apply: "Onyesha huduma",
    search_narrow: "Chuja matokeo",
    search_agency: "Taasisi ya kitaifa",
    search_any_agency: "Taasisi yoyote ya kitaifa",
    search_county: "Kaunti",
    search_any_county: "Kaunti yoyote",
    search_category: "Aina ya huduma",
    search_any_category: "Aina yoyote",
    search_account_type: "Nani anaweza kuomba",
    search_any_account_type: "Yeyote",
    services_found: |n| match n {
        1 => "Huduma 1".to_string(),
        n => format!("Huduma {}", group_thousands(n as u64)),
    },
    no_services_narrowed: "Hakuna huduma inayolingana na machaguo haya. Chagua “yoyote” katika mojawapo ili kuona zaidi.",
    pages_label: "Kurasa",
    page_of: |page, pages| format!("Ukurasa {page} kati ya {pages}"),
    previous_page: "Ukurasa uliotangulia",
    next_page: "Ukurasa unaofuata",
    showing: |from, to, total| {
        format!("Zinaonyeshwa {} hadi {} kati ya {}", group_thousands(from as u64), group_thousands(to as u64), group_thousands(total as u64))
    },
    from_price: |price| format!("Kuanzia {price}"),
    free: "Bila malipo",

    home_title: "Tafuta huduma ya serikali",
    home_intro: "Tafuta huduma za kila taasisi, ona hati na ada mapema, na utume maombi mtandaoni.",
    popular_services: "Huduma maarufu",
    browse_by_category: "Vinjari kwa aina ya huduma",
    browse_by_agency: "Vinjari kwa taasisi",
    browse_by_agency_text: |agencies, services| {
        format!("Huduma {services} kutoka wizara, idara, mamlaka na kaunti {agencies}.")
    },
    see_all_agencies: "Ona taasisi zote",
    service_count: |n| match n {
        1 => "Huduma 1".to_string(),
        n => format!("Huduma {n}"),
    },

    agencies_title: "Taasisi za serikali",
    agencies_intro: "Wizara, idara, mamlaka, tume na kaunti zinazotoa huduma kupitia Uraia.",
    agency_services: "Huduma",
    agency_contact: "Mawasiliano",
    agency_website: "Tovuti",
    agency_phone: "Simu",
    agency_email: "Barua pepe",
    agency_part_of: "Chini ya",
    agency_children: "Idara na taasisi",
    agency_no_services: "Taasisi hii bado haitoi huduma mtandaoni. Idara na taasisi zake zimeorodheshwa hapa chini.",
    agency_kind: |kind| match kind {
        AgencyKind::Ministry => "Wizara",
        AgencyKind::Department => "Idara",
        AgencyKind::Authority => "Mamlaka",
        AgencyKind::Commission => "Tume",
        AgencyKind::County => "Serikali ya kaunti",
        AgencyKind::Judiciary => "Mahakama",
        AgencyKind::Agency => "Taasisi",
    },
    agency_kind_plural: |kind| match kind {
        AgencyKind::Ministry => "Wizara",
        AgencyKind::Department => "Idara",
        AgencyKind::Authority => "Mamlaka",
        AgencyKind::Commission => "Tume",
        AgencyKind::County => "Serikali za kaunti",
        AgencyKind::Judiciary => "Mahakama",
        AgencyKind::Agency => "Taasisi",
    },
    category_services: "Huduma katika aina hii",

    offered_by: "Hutolewa na",
    who_can_apply: "Nani anaweza kuomba",
    account_type: |t| match t {
        AccountType::Citizen => "Raia wa Kenya",
        AccountType::Resident => "Wakazi wa kigeni",
        AccountType::Refugee => "Wakimbizi",
        AccountType::Diplomat => "Wanadiplomasia",
        AccountType::Foreigner => "Wageni kutoka nje",
    },
    eligibility: "Kabla ya kuomba",
    documents_needed: "Hati unazohitaji",
    optional: "si lazima",
    fees: "Ada",
    fees_intro: "Kila ada inaonyeshwa kabla hujaanza. Utalipa mtandaoni kwa M-Pesa unapowasilisha.",
    fee_item: "Kipengele",
    fee_when: "Hutozwa",
    fee_amount: "Kiasi",
    fee_always: "Kila mara",
    fee_convenience_tag: "ada ya huduma",
    fee_total: "Jumla utakayolipa angalau",
    processing_time: "Muda wa kushughulikia",
    processing_days: |min, max| match (min, max) {
        (1, 1) => "Takriban siku 1 ya kazi".to_string(),
        (a, b) if a == b => format!("Takriban siku {a} za kazi"),
        (a, b) => format!("Siku {a} hadi {b} za kazi"),
    },
    where_to_collect: "Mahali pa kuchukua",
    start_application: "Anza maombi",
    start_needs_sign_in: "Utaombwa kuingia kwenye akaunti yako ya Uraia.",
    apply_at_agency: "Huduma hii huombwa kwa idara husika, si kwenye Uraia. Wasiliana na idara husika:",


    help_title: "Msaada",
    help_intro: "Jinsi ya kupata huduma kwenye Uraia na maana ya taarifa zilizopo.",
    help_find_heading: "Kupata huduma",
    help_find_text: "Andika maneno machache kwenye kisanduku cha kutafuta, kama “pasipoti” au “kibali cha biashara”. Makosa ya tahajia si tatizo. Unaweza pia kuvinjari kwa aina ya huduma au kwa taasisi.",
    help_fees_heading: "Ada",
    help_fees_text: "Kila ukurasa wa huduma unaorodhesha kila ada kabla hujaanza, pamoja na ada ya huduma. Ada inapotegemea chaguo lako, jedwali linaeleza inapotozwa, na jumla inaonyesha kiasi cha chini utakacholipa.",
    help_contact_heading: "Kuwasiliana na taasisi",
    help_contact_text: "Kila ukurasa wa taasisi unaonyesha tovuti, nambari ya simu na barua pepe ya taasisi pale tulipo nazo. Wasiliana na taasisi kuhusu huduma mahususi.",
    help_access_heading: "Ufikivu",
    help_access_text: "Uraia inalenga kufikia kiwango cha WCAG 2.2 AA. Inafanya kazi bila JavaScript, kwenye skrini ndogo, kwa kibodi na kwa visoma skrini. Iambie taasisi husika iwapo kuna kitu kinachokuzuia kutumia huduma.",

    not_found_title: "Ukurasa haukupatikana",
    not_found_text: "Ukurasa ulioomba haupo. Ikiwa uliandika anwani, hakikisha ni sahihi, au tafuta huduma unayohitaji.",
    error_title: "Samahani, hitilafu imetokea",
    error_text: "Hatukuweza kuonyesha ukurasa huu. Tafadhali jaribu tena baada ya dakika chache.",
    error_reference: "Nambari ya kumbukumbu ya hitilafu",
    go_home: "Nenda kwenye ukurasa wa mwanzo",
};

//! The help centre's words: its frequently asked questions by topic (searchable on the
//! page), the ways to reach the portal's support, and the Huduma Centres page.

/// One topic of the FAQ: its heading and its questions with their answers.
pub struct FaqTopic {
    pub id: &'static str,
    pub title: &'static str,
    pub items: &'static [(&'static str, &'static str)],
}

pub struct HelpStrings {
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub faq_heading: &'static str,
    pub no_match: &'static str,
    pub show_all: &'static str,
    /// "3 questions match “pending”".
    pub matches: fn(usize, &str) -> String,
    pub faq: &'static [FaqTopic],

    pub channels_heading: &'static str,
    pub channels: &'static [(&'static str, &'static str)],

    // Huduma Centres (/huduma)
    pub huduma_title: &'static str,
    pub huduma_intro: &'static str,
    pub huduma_link: &'static str,
    pub county_label: &'static str,
    pub every_county: &'static str,
    pub show_button: &'static str,
    pub address: &'static str,
    pub hours: &'static str,
    pub phone: &'static str,
    pub approximate: &'static str,
    pub services_heading: &'static str,
    pub services: &'static [&'static str],
    pub none_in_county: &'static str,

    // Report a problem (/help/report)
    pub report_link: &'static str,
    pub report_title: &'static str,
    pub report_intro: &'static str,
    pub topic_label: &'static str,
    pub topic: fn(crate::model::SupportTopic) -> &'static str,
    pub description_label: &'static str,
    pub description_hint: &'static str,
    pub page_label: &'static str,
    pub page_hint: &'static str,
    pub name_label: &'static str,
    pub email_label: &'static str,
    pub phone_label: &'static str,
    pub contact_hint: &'static str,
    pub signed_in_reply: &'static str,
    pub report_button: &'static str,
    pub report_sent_title: &'static str,
    pub report_sent: fn(&str) -> String,

    // Administrators' list (/staff/admin/tickets)
    pub tickets_title: &'static str,
    pub tickets_intro: &'static str,
    pub ticket_status: fn(crate::model::TicketStatus) -> &'static str,
    pub status_label: &'static str,
    pub every_status: &'static str,
    pub no_tickets: &'static str,
    pub reply_to: &'static str,
    pub from_account: &'static str,
    pub reported: &'static str,
    pub move_button: &'static str,
    pub ticket_saved: fn(&str) -> String,
}

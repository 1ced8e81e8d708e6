//! The words of agencies' service status: the public status page, the notice on service
//! and pay pages, and the administrators' form.

use crate::model::ServiceState;

pub struct StatusStrings {
    pub title: &'static str,
    pub intro: &'static str,
    pub state: fn(ServiceState) -> &'static str,
    pub since: &'static str,
    pub agency: &'static str,
    /// "NTSA systems are down" / "… are slow or partly working".
    pub notice: fn(ServiceState, &str) -> String,
    pub pay_later: &'static str,
    pub footer_link: &'static str,

    // Administrators' form
    pub form_heading: &'static str,
    pub form_state: &'static str,
    pub form_message_en: &'static str,
    pub form_message_sw: &'static str,
    pub form_message_hint: &'static str,
    pub form_save: &'static str,
    pub form_saved: &'static str,
}

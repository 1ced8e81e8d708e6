use crate::i18n::status::StatusStrings;
use crate::model::ServiceState;

pub static EN_STATUS: StatusStrings = StatusStrings {
    title: "Service status",
    intro: "Whether each agency’s own systems are working, as Uraia’s administrators last reported. When an agency’s systems are down you can usually still apply now and pay later.",
    state: |s| match s {
        ServiceState::Normal => "Working normally",
        ServiceState::Degraded => "Slow or partly working",
        ServiceState::Down => "Not working",
    },
    since: "Since",
    agency: "Agency",
    notice: |s, agency| match s {
        ServiceState::Down => format!("{agency} systems are down"),
        _ => format!("{agency} systems are slow or partly working"),
    },
    pay_later: "You can still fill in and send your application now, and pay later when they are back.",
    footer_link: "Service status",
    form_heading: "Service status",
    form_state: "Its systems are",
    form_message_en: "Message (English)",
    form_message_sw: "Message (Kiswahili)",
    form_message_hint: "Shown to everyone on the status page and on the agency’s service pages, before anyone pays. Needed unless its systems are working normally.",
    form_save: "Save the status",
    form_saved: "The service status is saved.",
};

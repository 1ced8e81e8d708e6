//! Notifications to a person (server only): the text of each message in their language, put
//! in the outbox for the background worker to deliver (`applications`: sent, paid, drafts
//! about to expire; `status`: every later change of status, on the channels the person
//! chose). SMS texts stay within one
//! 160-character segment.

pub mod applications;
pub mod appointments;
pub mod status;
pub mod status_texts;
mod templates;
pub mod vapid;

use crate::data::outbox::{self, NewMessage};
use crate::data::Db;
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
pub use templates::Template;

/// Where a message goes.
pub enum To<'a> {
    Email(&'a str),
    Sms(&'a str),
}

/// Queues one message. `key` must be unique for this message (a retry of the same request
/// must not send twice).
pub async fn send(
    db: &Db,
    to: To<'_>,
    lang: Lang,
    template: Template<'_>,
    key: &str,
    not_before: Option<DateTime<Utc>>,
) -> Result<(), sqlx::Error> {
    let (channel, recipient, sms) = match to {
        To::Email(address) => ("email", address, false),
        To::Sms(number) => ("sms", number, true),
    };
    let (subject, body) = template.render(lang, sms);
    outbox::enqueue(
        db,
        &NewMessage {
            channel,
            recipient,
            subject: &subject,
            body: &body,
            key,
            not_before,
        },
    )
    .await
}

/// Hides most of an email address or phone number for logs ("w•••@example.com").
pub fn redact(recipient: &str) -> String {
    match recipient.split_once('@') {
        Some((local, domain)) => {
            format!("{}•••@{domain}", local.chars().next().unwrap_or('•'))
        }
        None => crate::auth::phone::masked(recipient),
    }
}

//! Status by SMS: a text carrying a reference number gets the application's status back by
//! SMS — to the applicant's own registered number, or to anyone who adds the applicant's
//! year of birth (or passport number) after the reference. Anything else gets a line on
//! how to ask. Replies go through the outbox, keyed by the gateway's message id, so a
//! callback delivered twice is answered once.

use super::lookup;
use super::texts::texts;
use app::auth::rate_limit::{take_text, RateLimits};
use app::data::Db;
use app::forms::reference::Reference;
use app::i18n::Lang;
use app::notify::{self, Template, To};

/// The reply to `text` from `from` (E.164).
pub async fn reply(db: &Db, limits: &RateLimits, from: &str, text: &str) -> anyhow::Result<String> {
    let lang = lookup::language_of(db, from).await?.unwrap_or(Lang::En);
    let t = texts(lang);
    let text = text.trim();
    // "PPR-2026-7K3M-9QX2U", or "PPR-2026-7K3M-9QX2U 1988" (the proof last).
    let (reference, proof) = match Reference::parse(text) {
        Ok(r) => (Some(r), None),
        Err(_) => match text.rsplit_once(char::is_whitespace) {
            Some((head, last)) => (Reference::parse(head).ok(), Some(last)),
            None => (None, None),
        },
    };
    let Some(reference) = reference else {
        return Ok(t.sms_usage.to_string());
    };
    let row = match proof {
        Some(proof) => {
            // Proofs for one reference are limited whichever phone tries them.
            if take_text(&limits.track_reference, &reference.to_string()).is_err() {
                return Ok(t.too_many_for_reference.to_string());
            }
            app::api::tracking::server::proved(db, &reference.to_string(), proof).await?
        }
        None => lookup::owned_by_phone(db, &reference, from).await?,
    };
    Ok(match row {
        Some(row) => format!("Uraia: {}", lookup::status_line(db, &row, lang).await?),
        None => t.sms_not_found.to_string(),
    })
}

/// Queues `body` by SMS to `to`, once per inbound message id.
pub async fn send(db: &Db, to: &str, body: &str, message_id: &str) -> anyhow::Result<()> {
    notify::send(
        db,
        To::Sms(to),
        Lang::En,
        Template::Plain { body },
        &format!("sms-query:{message_id}"),
        None,
    )
    .await?;
    Ok(())
}

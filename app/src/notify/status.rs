//! Telling a person that their application's status changed, on the channels they chose:
//! the in-app inbox, email, SMS and Web Push.
//!
//! The notifier reads the events table (written with each change, in its transaction) and
//! queues each event's messages in the outbox, keyed by event and channel: a crash halfway
//! means the event is claimed again later and nothing already queued is queued twice. The
//! outbox worker then delivers them with retries.

use super::status_texts::StatusMessage;
use crate::data::accounts::users;
use crate::data::outbox::{self, NewMessage};
use crate::data::tracking::{self, EventRow};
use crate::data::{applications, notifications, places, Db};
use crate::i18n::Lang;
use crate::tracking::{Actor, Status};

/// Queues the messages of every event not yet handled; returns how many events it handled.
pub async fn fan_out_due(db: &Db, site_url: &str) -> Result<usize, sqlx::Error> {
    let mut done = 0;
    loop {
        let mut batch = tracking::claim_unnotified(db, 50).await?;
        if batch.is_empty() {
            return Ok(done);
        }
        batch.sort_by_key(|e| e.id);
        for event in batch {
            fan_out(db, site_url, &event).await?;
            tracking::mark_notified(db, event.id).await?;
            done += 1;
        }
    }
}

/// The payload a push carries: what the service worker shows, and where a tap leads.
pub fn push_payload(title: &str, body: &str, url: &str) -> String {
    serde_json::json!({ "title": title, "body": body, "url": url }).to_string()
}

async fn fan_out(db: &Db, site_url: &str, event: &EventRow) -> Result<(), sqlx::Error> {
    let (Some(to), Some(by)) = (event.to(), event.actor()) else {
        return Ok(());
    };
    // The person's own moves (sending, answering) need no news; paying is confirmed by its
    // own message (`notify::applications::submitted`).
    if by == Actor::Citizen || to == Status::AwaitingPayment {
        return Ok(());
    }
    let Some(application) = applications::by_id(db, event.application_id).await? else {
        return Ok(());
    };
    let Some(user) = users::by_id(db, application.user_id).await? else {
        return Ok(());
    };
    let prefs = notifications::preferences(db, user.id).await?;
    if prefs.inbox {
        notifications::add_to_inbox(db, user.id, event.id).await?;
    }
    if to == Status::Submitted {
        return Ok(());
    }
    let lang = Lang::from_code(&user.language).unwrap_or_default();
    let place = match event.place_id {
        Some(id) => places::by_id(db, id).await?,
        None => None,
    };
    let service = match lang {
        Lang::En => &application.service_name_en,
        Lang::Sw => &application.service_name_sw,
    };
    let link = format!("{site_url}/applications/{}/status", application.public_id);
    let message = StatusMessage {
        service,
        reference: application.reference.as_deref().unwrap_or_default(),
        status: to,
        note: event.note.as_deref(),
        place: place
            .as_ref()
            .map(|p| (p.name(lang), p.hours_short.as_str())),
        link: &link,
    };
    let key = |channel: &str| format!("event:{}:{channel}", event.id);
    let queue = |channel: &'static str,
                 recipient: String,
                 subject: String,
                 body: String,
                 key: String| async move {
        outbox::enqueue(
            db,
            &NewMessage {
                channel,
                recipient: &recipient,
                subject: &subject,
                body: &body,
                key: &key,
                not_before: None,
            },
        )
        .await
    };
    if prefs.email {
        let (subject, body) = message.email(lang);
        queue("email", user.email.clone(), subject, body, key("email")).await?;
    }
    if prefs.sms {
        queue(
            "sms",
            user.phone.clone(),
            String::new(),
            message.short(lang),
            key("sms"),
        )
        .await?;
    }
    if prefs.push {
        let title = format!("{}: {}", message.reference, (lang.tracking().status)(to));
        let payload = push_payload(&title, &message.short(lang), &link);
        for subscription in notifications::subscriptions(db, user.id).await? {
            queue(
                "push",
                subscription.id.to_string(),
                title.clone(),
                payload.clone(),
                key(&format!("push:{}", subscription.id)),
            )
            .await?;
        }
    }
    Ok(())
}

//! Delivering notifications from the outbox: a background worker claims due messages and
//! hands each to the adapter for its channel. Adapters:
//!
//! - [`local::LocalSink`] (default): logs a redacted line and keeps the message in the
//!   development mailbox (`/dev/mailbox`, development mode only);
//! - [`sms::AfricasTalkingSms`]: an Africa's Talking-compatible SMS API client
//!   (`SMS_API_URL`, `SMS_USERNAME`, `SMS_API_KEY`);
//! - [`email::SmtpEmail`]: SMTP with lettre (`SMTP_URL`, `MAIL_FROM`);
//! - [`push::WebPush`]: Web Push to the browsers people subscribed (VAPID).
//!
//! A message is marked sent only after its adapter succeeded; a failure is retried with
//! backoff until it is dead. The idempotency key goes to the provider so a crash between
//! sending and marking does not send twice where the provider honours it.

pub mod email;
pub mod local;
pub mod push;
pub mod sms;

use app::data::outbox::{self, Message};
use app::data::Db;
use async_trait::async_trait;
use std::sync::Arc;

#[derive(Debug, thiserror::Error)]
pub enum DeliveryError {
    #[error("provider unreachable: {0}")]
    Unreachable(String),
    #[error("provider refused the message: {0}")]
    Refused(String),
    #[error("local sink failed: {0}")]
    Local(#[from] sqlx::Error),
}

#[async_trait]
pub trait Deliver: Send + Sync {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError>;
}

/// One adapter per channel.
#[derive(Clone)]
pub struct Channels {
    pub email: Arc<dyn Deliver>,
    pub sms: Arc<dyn Deliver>,
    pub push: Arc<dyn Deliver>,
}

impl Channels {
    /// From configuration: the SMS gateway and SMTP server when configured, else the local
    /// sink.
    pub fn from_config(
        config: &crate::config::Config,
        db: &Db,
    ) -> Result<Channels, email::SmtpConfigError> {
        let local: Arc<dyn Deliver> = Arc::new(local::LocalSink::new(db.clone()));
        let sms: Arc<dyn Deliver> = match (
            &config.sms_api_url,
            &config.sms_username,
            &config.sms_api_key,
        ) {
            (Some(url), Some(user), Some(key)) => Arc::new(sms::AfricasTalkingSms::new(
                url,
                user,
                key,
                config.sms_sender_id.clone(),
            )),
            _ => local.clone(),
        };
        let email: Arc<dyn Deliver> = match &config.smtp_url {
            Some(url) => Arc::new(email::SmtpEmail::new(url, &config.mail_from)?),
            None => local,
        };
        let push = Arc::new(push::WebPush::new(
            db.clone(),
            config.vapid_private_key.clone(),
            config.vapid_subject.clone(),
        ));
        Ok(Channels { email, sms, push })
    }

    /// Email and SMS to the local sink, push to the real client (tests).
    pub fn local(db: &Db) -> Channels {
        let local: Arc<dyn Deliver> = Arc::new(local::LocalSink::new(db.clone()));
        Channels {
            email: local.clone(),
            sms: local,
            push: Arc::new(push::WebPush::new(
                db.clone(),
                None,
                app::state::DEV_VAPID_SUBJECT.to_string(),
            )),
        }
    }
}

/// Delivers every due message once; returns how many were sent.
pub async fn deliver_due(db: &Db, channels: &Channels) -> Result<usize, sqlx::Error> {
    let mut sent = 0;
    loop {
        let batch = outbox::claim_due(db, 20).await?;
        if batch.is_empty() {
            return Ok(sent);
        }
        for message in batch {
            let adapter = match message.channel.as_str() {
                "sms" => &channels.sms,
                "push" => &channels.push,
                _ => &channels.email,
            };
            match adapter.deliver(&message).await {
                Ok(()) => {
                    outbox::mark_sent(db, message.id).await?;
                    sent += 1;
                }
                Err(error) => {
                    tracing::warn!(id = message.id, channel = %message.channel, %error, "delivery failed; will retry");
                    outbox::mark_failed(db, &message, &error.to_string()).await?;
                }
            }
        }
    }
}

/// Runs the delivery loop in the background, every second: first the status events are
/// turned into messages (`app::notify::status`), then every due message is delivered.
pub fn spawn_worker(db: Db, channels: Channels, site_url: String) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(1));
        loop {
            tick.tick().await;
            if let Err(error) = app::notify::status::fan_out_due(&db, &site_url).await {
                tracing::warn!(%error, "queueing status messages failed");
            }
            if let Err(error) = app::notify::appointments::remind_due(&db).await {
                tracing::warn!(%error, "queueing appointment reminders failed");
            }
            if let Err(error) = deliver_due(&db, &channels).await {
                tracing::warn!(%error, "outbox delivery round failed");
            }
        }
    });
}

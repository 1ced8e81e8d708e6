//! Email over SMTP with lettre (`SMTP_URL`, e.g. `smtps://user:password@smtp.example.com` or
//! `smtp://127.0.0.1:2525` for a local relay; `MAIL_FROM`). The outbox idempotency key
//! becomes the Message-ID, so a retried message can be recognised downstream.

use super::{Deliver, DeliveryError};
use app::data::outbox::Message;
use async_trait::async_trait;
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

pub struct SmtpEmail {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

#[derive(Debug, thiserror::Error)]
pub enum SmtpConfigError {
    #[error("SMTP_URL is not a valid SMTP address: {0}")]
    Url(String),
    #[error("MAIL_FROM is not a valid address: {0}")]
    From(String),
}

impl SmtpEmail {
    pub fn new(url: &str, from: &str) -> Result<SmtpEmail, SmtpConfigError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| SmtpConfigError::Url(e.to_string()))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| SmtpConfigError::From(e.to_string()))?;
        Ok(SmtpEmail { transport, from })
    }
}

#[async_trait]
impl Deliver for SmtpEmail {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let to = message
            .recipient
            .parse::<Mailbox>()
            .map_err(|e| DeliveryError::Refused(format!("bad recipient address: {e}")))?;
        let domain = self.from.email.domain().to_string();
        let key: String = message
            .idempotency_key
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '.'
                }
            })
            .collect();
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(message.subject.clone())
            .message_id(Some(format!("<{key}@{domain}>")))
            .header(ContentType::TEXT_PLAIN)
            .body(message.body.clone())
            .map_err(|e| DeliveryError::Refused(e.to_string()))?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| DeliveryError::Unreachable(e.to_string()))
    }
}

//! SMS through an Africa's Talking-compatible API: `POST {base}/version1/messaging` with a
//! form (username, to, message, from) and the key in an `apiKey` header; the answer lists
//! each recipient with a status code (100–102 mean accepted).

use super::{Deliver, DeliveryError};
use app::data::outbox::Message;
use async_trait::async_trait;
use serde::Deserialize;

pub struct AfricasTalkingSms {
    base_url: String,
    username: String,
    api_key: String,
    sender_id: Option<String>,
    client: reqwest::Client,
}

impl AfricasTalkingSms {
    pub fn new(base_url: &str, username: &str, api_key: &str, sender_id: Option<String>) -> Self {
        AfricasTalkingSms {
            base_url: base_url.trim_end_matches('/').to_string(),
            username: username.to_string(),
            api_key: api_key.to_string(),
            sender_id,
            client: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(15))
                .build()
                .unwrap_or_default(),
        }
    }
}

#[derive(Deserialize)]
struct Answer {
    #[serde(rename = "SMSMessageData")]
    data: AnswerData,
}

#[derive(Deserialize)]
struct AnswerData {
    #[serde(rename = "Recipients", default)]
    recipients: Vec<Recipient>,
}

#[derive(Deserialize)]
struct Recipient {
    #[serde(rename = "statusCode")]
    status_code: u16,
    status: String,
}

#[async_trait]
impl Deliver for AfricasTalkingSms {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let mut form = vec![
            ("username", self.username.as_str()),
            ("to", message.recipient.as_str()),
            ("message", message.body.as_str()),
        ];
        if let Some(from) = &self.sender_id {
            form.push(("from", from.as_str()));
        }
        let response = self
            .client
            .post(format!("{}/version1/messaging", self.base_url))
            .header("apiKey", &self.api_key)
            .header("Accept", "application/json")
            .header("Idempotency-Key", &message.idempotency_key)
            .form(&form)
            .send()
            .await
            .map_err(|e| DeliveryError::Unreachable(e.without_url().to_string()))?;
        let status = response.status();
        if !status.is_success() {
            return Err(DeliveryError::Refused(format!("HTTP {}", status.as_u16())));
        }
        let answer: Answer = response
            .json()
            .await
            .map_err(|e| DeliveryError::Refused(e.without_url().to_string()))?;
        match answer.data.recipients.first() {
            Some(r) if (100..=102).contains(&r.status_code) => Ok(()),
            Some(r) => Err(DeliveryError::Refused(r.status.clone())),
            None => Err(DeliveryError::Refused("no recipient in the answer".into())),
        }
    }
}

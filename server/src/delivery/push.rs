//! Web Push (RFC 8030) with VAPID (RFC 8292) and aes128gcm encryption (RFC 8291): the
//! `web-push` crate signs and encrypts, and [`ReqwestPush`], its client over this server's
//! reqwest, posts to the browser's push service. An outbox message for push carries the
//! subscription's id as its recipient and the notification's JSON as its body.
//!
//! A push service that says the subscription is gone (404, 410) gets no more tries: the
//! subscription is forgotten and the message counts as delivered.

use super::{Deliver, DeliveryError};
use app::data::outbox::Message;
use app::data::{notifications, Db};
use async_trait::async_trait;
use web_push::{
    request_builder, ContentEncoding, SubscriptionInfo, Urgency, VapidSignatureBuilder,
    WebPushClient, WebPushError, WebPushMessage, WebPushMessageBuilder,
};

/// How long a push service keeps a notification for a device that is off (a day).
const TTL_SECONDS: u32 = 24 * 60 * 60;

/// `web_push`'s client trait over reqwest (rustls, like every other outgoing call here).
pub struct ReqwestPush {
    client: reqwest::Client,
}

impl Default for ReqwestPush {
    fn default() -> Self {
        ReqwestPush {
            client: reqwest::Client::builder()
                .timeout(std::time::Duration::from_secs(15))
                .build()
                .unwrap_or_default(),
        }
    }
}

#[async_trait]
impl WebPushClient for ReqwestPush {
    async fn send(&self, message: WebPushMessage) -> Result<(), WebPushError> {
        let request: http02::Request<Vec<u8>> = request_builder::build_request(message);
        let mut outgoing = self.client.post(request.uri().to_string());
        for (name, value) in request.headers() {
            outgoing = outgoing.header(name.as_str(), value.as_bytes());
        }
        let response = outgoing
            .body(request.into_body())
            .send()
            .await
            .map_err(|e| WebPushError::Io(std::io::Error::other(e.to_string())))?;
        let status = http02::StatusCode::from_u16(response.status().as_u16())
            .map_err(|_| WebPushError::InvalidResponse)?;
        let body = response.bytes().await.unwrap_or_default().to_vec();
        request_builder::parse_response(status, body)
    }
}

pub struct WebPush {
    db: Db,
    /// `VAPID_PRIVATE_KEY`, else the key kept in the database (`app::notify::vapid`).
    configured_key: Option<String>,
    /// `VAPID_SUBJECT`: a `mailto:` or `https:` contact for push services.
    subject: String,
    client: ReqwestPush,
}

impl WebPush {
    pub fn new(db: Db, configured_key: Option<String>, subject: String) -> WebPush {
        WebPush {
            db,
            configured_key,
            subject,
            client: ReqwestPush::default(),
        }
    }
}

fn refused(error: impl std::fmt::Display) -> DeliveryError {
    DeliveryError::Refused(error.to_string())
}

#[async_trait]
impl Deliver for WebPush {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        let id: i64 = message.recipient.parse().map_err(refused)?;
        let Some(subscription) = notifications::subscription(&self.db, id).await? else {
            // Forgotten since (turned off, or gone): nothing to send it to.
            return Ok(());
        };
        let key = app::notify::vapid::private_key(&self.db, self.configured_key.as_deref())
            .await
            .map_err(refused)?;
        let info = SubscriptionInfo::new(
            subscription.endpoint.as_str(),
            subscription.p256dh.as_str(),
            subscription.auth.as_str(),
        );
        let mut signature = VapidSignatureBuilder::from_base64(&key, &info).map_err(refused)?;
        signature.add_claim("sub", self.subject.as_str());
        let mut builder = WebPushMessageBuilder::new(&info);
        builder.set_payload(ContentEncoding::Aes128Gcm, message.body.as_bytes());
        builder.set_vapid_signature(signature.build().map_err(refused)?);
        builder.set_ttl(TTL_SECONDS);
        builder.set_urgency(Urgency::Normal);
        let push = builder.build().map_err(refused)?;
        match self.client.send(push).await {
            Ok(()) => Ok(()),
            Err(WebPushError::EndpointNotValid(_) | WebPushError::EndpointNotFound(_)) => {
                notifications::unsubscribe(&self.db, subscription.user_id, Some(id)).await?;
                tracing::info!(subscription = id, "push subscription gone; forgotten");
                Ok(())
            }
            Err(error @ (WebPushError::ServerError { .. } | WebPushError::Io(_))) => {
                Err(DeliveryError::Unreachable(error.to_string()))
            }
            Err(error) => Err(refused(error)),
        }
    }
}

//! The local sink: nothing leaves the machine. The message is kept in the development
//! mailbox and a redacted line is logged (never the body: it may carry a code).

use super::{Deliver, DeliveryError};
use app::data::outbox::{self, Message};
use app::data::Db;
use async_trait::async_trait;

pub struct LocalSink {
    db: Db,
}

impl LocalSink {
    pub fn new(db: Db) -> LocalSink {
        LocalSink { db }
    }
}

#[async_trait]
impl Deliver for LocalSink {
    async fn deliver(&self, message: &Message) -> Result<(), DeliveryError> {
        outbox::keep_in_dev_mailbox(&self.db, message).await?;
        tracing::info!(
            channel = %message.channel,
            to = %app::notify::redact(&message.recipient),
            "message delivered to the local sink (see /dev/mailbox)"
        );
        Ok(())
    }
}

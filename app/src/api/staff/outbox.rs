//! Administration of message delivery: the messages the outbox gave up on (dead letters)
//! and trying one again. Administrators only; everyone else is refused before any work.

use crate::error::AppError;
use crate::model::DeadLetterItem;
use leptos::prelude::*;

#[server(endpoint = "staff/dead-letters")]
pub async fn get_dead_letters() -> Result<Vec<DeadLetterItem>, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        super::access::administrator(&call).await?;
        Ok(crate::data::outbox::dead_letters(&call.state.db, 200).await?)
    }
    .await;
    let rows = call.answer(result)?;
    Ok(rows
        .into_iter()
        .map(|r| DeadLetterItem {
            id: r.id,
            channel: r.channel,
            key: r.idempotency_key,
            attempts: r.attempts,
            error: r.last_error.unwrap_or_default(),
            first_queued: crate::shown::nairobi(r.created_at),
            last_tried: crate::shown::nairobi(r.updated_at),
        })
        .collect())
}

/// Gives a dead message a new round of tries (once its cause is mended).
#[server(endpoint = "staff/retry-message")]
pub async fn retry_message(id: i64) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let admin = super::access::administrator(&call).await?;
        if !crate::data::outbox::revive(&call.state.db, id).await? {
            return Err(AppError::NotFound);
        }
        call.audit(
            &admin.who(&call, "administrator", None),
            "message_retried",
            None,
            &format!("outbox:{id}"),
            serde_json::json!({}),
        )
        .await
    }
    .await;
    call.answer(result)?;
    crate::paths::go("/staff/outbox?retried=1");
    Ok(())
}

//! Administration of message delivery: the messages the outbox gave up on (dead letters)
//! and trying one again. Administrators only; everyone else is refused before any work.

use crate::error::AppError;
use crate::model::DeadLetterItem;
use leptos::prelude::*;

#[server(endpoint = "staff/dead-letters")]
pub async fn get_dead_letters() -> Result<Vec<DeadLetterItem>, AppError> {
    let call = crate::auth::call().await?;
    server::administrator(&call).await?;
    let rows = crate::data::outbox::dead_letters(&call.state.db, 200).await?;
    Ok(rows
        .into_iter()
        .map(|r| DeadLetterItem {
            id: r.id,
            channel: r.channel,
            key: r.idempotency_key,
            attempts: r.attempts,
            error: r.last_error.unwrap_or_default(),
            first_queued: crate::api::nairobi(r.created_at),
            last_tried: crate::api::nairobi(r.updated_at),
        })
        .collect())
}

/// Gives a dead message a new round of tries (once its cause is mended).
#[server(endpoint = "staff/retry-message")]
pub async fn retry_message(id: i64) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = server::administrator(&call).await?;
    if !crate::data::outbox::revive(&call.state.db, id).await? {
        return Err(AppError::NotFound);
    }
    call.record(user_id, "message_retried").await?;
    crate::api::accounts::go("/staff/outbox?retried=1");
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::auth::Call;
    use crate::error::AppError;

    /// The caller's id if they are an administrator; `Unauthorized` for nobody signed in,
    /// `Forbidden` for anyone else.
    pub async fn administrator(call: &Call) -> Result<i64, AppError> {
        let user_id = call.user_id().await?;
        let roles = crate::data::accounts::users::roles(&call.state.db, user_id).await?;
        if roles.iter().any(|(role, _)| role == "administrator") {
            Ok(user_id)
        } else {
            Err(AppError::Forbidden)
        }
    }
}

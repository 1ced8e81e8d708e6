//! Following an application: its owner's status page (with the answer to an officer's
//! request), and the public tracking page (reference + year of birth or passport number,
//! no sign-in). Someone else's application is "not found", never "forbidden".

use crate::error::AppError;
use crate::model::StatusView;
use leptos::prelude::*;

/// The owner's view of one of their sent applications.
#[server(endpoint = "tracking/status")]
pub async fn get_status(id: String) -> Result<StatusView, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::owner_view(&call, user_id, &id).await
}

/// The applicant answers an officer's request for more information, which sends the
/// application back to the officer.
#[server(endpoint = "tracking/answer")]
pub async fn answer_request(
    id: String,
    #[server(default)] answer: String,
    #[server(default)] answers: std::collections::HashMap<String, String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let result = server::answer(&call, user_id, &id, &answer, &answers).await;
    let mut values: Vec<(&str, &str)> = vec![("answer", answer.as_str())];
    values.extend(answers.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    call.keep_on_error(&format!("answer-{id}"), &values, result)
        .await?;
    crate::paths::go(&format!("/applications/{id}/status?answered=1"));
    Ok(())
}

/// The applicant rates the service of a finished application (1–5, and a comment).
#[server(endpoint = "tracking/rate")]
pub async fn rate_service(
    id: String,
    #[server(default)] rating: String,
    #[server(default)] comment: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let user_id = call.user_id().await?;
        server::rate(&call, user_id, &id, &rating, &comment).await
    }
    .await;
    let values = [("rating", rating.as_str()), ("comment", comment.as_str())];
    let result = call
        .keep_on_error(&format!("rate-{id}"), &values, result)
        .await;
    call.answer(result)?;
    crate::paths::go(&format!("/applications/{id}/status?rated=1"));
    Ok(())
}

/// Public: proves knowledge of an application (its reference and the applicant's year of
/// birth, or passport number for visitors) for this browser session, then shows it.
#[server(endpoint = "tracking/track")]
pub async fn track_application(
    #[server(default)] reference: String,
    #[server(default)] proof: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let values = [("reference", reference.as_str()), ("proof", proof.as_str())];
    let result = server::track(&call, &reference, &proof).await;
    let reference = call.keep_on_error("track", &values, result).await?;
    crate::paths::go(&format!("/track/{reference}"));
    Ok(())
}

/// Public: the tracked application's status, if this session proved it (`None`: ask for
/// the reference and proof first).
#[server(endpoint = "tracking/tracked")]
pub async fn get_tracked(reference: String) -> Result<Option<StatusView>, AppError> {
    let call = crate::auth::call().await?;
    server::tracked_view(&call, &reference).await
}

#[cfg(feature = "ssr")]
pub mod server;

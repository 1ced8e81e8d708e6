//! The status of a server function's error, for every server function in one place.
//!
//! server_fn answers every error 500, with the error encoded in the body and marked by its
//! `serverfnerror` header. Here that body is read back as the `AppError` it is and answered
//! with its own status (`AppError::status`): 400 for what the caller sent wrong, 401, 403,
//! 404, 429 with `Retry-After` for limits, 500 only for the portal's own faults; each
//! problem gets its words in the caller's language (`FieldError::message`). A plain
//! form post (JavaScript off) is a redirect back to the form and is left alone.
//!
//! This layer sits inside the session layer, so a session the call changed is saved (the
//! session layer does not save on a 5xx).

use app::error::AppError;
use app::i18n::Lang;
use axum::{
    body::Body,
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};

/// server_fn's marker on an error answer.
const SERVER_FN_ERROR: &str = "serverfnerror";
/// An error body is a few hundred bytes; one longer than this is not an `AppError`.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn map(request: Request, next: Next) -> Response {
    let lang = Lang::from_headers(request.headers());
    let response = next.run(request).await;
    if !response.headers().contains_key(SERVER_FN_ERROR) || response.status().is_redirection() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_ERROR_BODY).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let Ok(error) = serde_json::from_slice::<AppError>(&bytes) else {
        return Response::from_parts(parts, Body::from(bytes));
    };
    parts.status = error.status();
    if let Some(seconds) = error.retry_after() {
        parts
            .headers
            .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
    }
    // The problems in the caller's words, so an island shows them without a table of its own.
    let body = match serde_json::to_vec(&error.in_words(lang)) {
        Ok(words) => {
            parts.headers.remove(header::CONTENT_LENGTH);
            Body::from(words)
        }
        Err(_) => Body::from(bytes),
    };
    Response::from_parts(parts, body)
}

//! `GET /applications/{id}/receipt.pdf`: a paid application's receipt as a PDF, to its
//! owner only (anyone else, signed out or another person, gets 404), in the reader's
//! language, never cached by anyone else.

use app::i18n::Lang;
use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use tower_sessions::Session;

pub async fn pdf(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "Not found").into_response();
    let Ok(Some(user)) = app::auth::session::signed_in(&session).await else {
        return not_found();
    };
    let lang = Lang::from_headers(&headers);
    let loaded = match state.seal().await {
        Ok(seal) => app::payments::receipt::load(&state.db, &seal, user.user_id, &id, lang).await,
        Err(e) => Err(e),
    };
    let receipt = match loaded {
        Ok(Some(receipt)) => receipt,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::error!(error = %e, "receipt lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let url = app::payments::receipt::verify_url(&state.site_url(), &receipt);
    let bytes = app::payments::receipt::pdf(&receipt, &url, lang);
    pdf_response(bytes, &format!("receipt-{}.pdf", receipt.reference))
}

/// A PDF download: its type, a file name, and kept on the person's own phone for offline
/// use (the service worker may save it) but never by a shared cache; on a shared computer
/// `personal::cache_control` makes it no-store.
pub(crate) fn pdf_response(bytes: Vec<u8>, filename: &str) -> Response {
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{filename}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-cache"),
    );
    response
}

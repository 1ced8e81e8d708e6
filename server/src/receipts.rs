//! `GET /applications/{id}/receipt.pdf`: a paid application's receipt as a PDF, to its
//! owner only (anyone else, signed out or another person, gets 404), in the reader's
//! language, never cached by anyone else.

use app::error::AppError;
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
    let lang = Lang::from_headers(&headers);
    owner_pdf(&session, "receipt", |user_id| async move {
        let seal = state.seal().await?;
        let Some(receipt) =
            app::payments::receipt::load(&state.db, &seal, user_id, &id, lang).await?
        else {
            return Ok::<_, AppError>(None);
        };
        let url = app::payments::receipt::verify_url(&state.site_url(), &receipt);
        Ok(Some((
            app::payments::receipt::pdf(&receipt, &url, lang),
            format!("receipt-{}.pdf", receipt.reference),
        )))
    })
    .await
}

/// A PDF for the signed-in person only: `make` gets their id and gives the PDF with its file
/// name, or none (404, as for anyone signed out: its existence is not given away).
pub(crate) async fn owner_pdf<F, Fut, E>(session: &Session, what: &str, make: F) -> Response
where
    F: FnOnce(i64) -> Fut,
    Fut: std::future::Future<Output = Result<Option<(Vec<u8>, String)>, E>>,
    E: std::fmt::Display,
{
    let not_found = || (StatusCode::NOT_FOUND, "Not found").into_response();
    let Ok(Some(user)) = app::auth::session::signed_in(session).await else {
        return not_found();
    };
    match make(user.user_id).await {
        Ok(Some((bytes, filename))) => pdf_response(bytes, &filename),
        Ok(None) => not_found(),
        Err(error) => {
            tracing::error!(%error, "{what} failed");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
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

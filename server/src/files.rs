//! `GET /files/{id}`: an uploaded file, to its owner only. Anyone else — signed out, or
//! another person — gets 404, so a file's existence is not given away. Served inline with
//! its checked type, never sniffed, never cached by anyone else.

use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use tower_sessions::Session;

pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "Not found").into_response();
    let Ok(Some(user)) = app::auth::session::signed_in(&session).await else {
        return not_found();
    };
    let row = match app::data::applications::files::for_owner(&state.db, user.user_id, &id).await {
        Ok(Some(row)) => row,
        Ok(None) => return not_found(),
        Err(e) => {
            tracing::error!(error = %e, "file lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let bytes = match app::files::store::get(&state.files, &row.storage_key).await {
        Ok(bytes) => bytes,
        Err(e) => {
            tracing::error!(error = %e, "file store read failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let disposition = format!(
        "inline; filename=\"{}\"",
        row.file_name.replace(['"', '\\'], "")
    );
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&row.content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    headers.insert(
        "x-content-type-options",
        HeaderValue::from_static("nosniff"),
    );
    response
}

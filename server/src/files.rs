//! Uploaded files. `GET /files/{id}`: to its owner only. `GET /staff/files/{id}`: to staff
//! who may work on its application (every opening written to the audit log, which the
//! applicant can read), framable by the portal's own pages for the inline viewer. Anyone
//! else — signed out, another person — gets 404, so a file's existence is not given away.
//! Served inline with its checked type, never sniffed, never cached by anyone else.

use app::data::applications::files::FileRow;
use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use tower_sessions::Session;

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

fn failed(context: &str, error: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %error, "{context}");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

pub async fn download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
) -> Response {
    let Ok(Some(user)) = app::auth::session::signed_in(&session).await else {
        return not_found();
    };
    match app::data::applications::files::for_owner(&state.db, user.user_id, &id).await {
        Ok(Some(row)) => serve(&state, &row, false).await,
        Ok(None) => not_found(),
        Err(e) => failed("file lookup failed", &e),
    }
}

pub async fn staff_download(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    parts: Parts,
) -> Response {
    use app::api::staff::access;
    let Ok(staff) = access::staff_of_session(&state.db, &session).await else {
        return not_found();
    };
    let (row, application) =
        match app::data::applications::files::by_public_id(&state.db, &id).await {
            Ok(Some(found)) => found,
            Ok(None) => return not_found(),
            Err(e) => return failed("file lookup failed", &e),
        };
    let client = app::auth::client::Client::from_parts(&parts, state.settings.trust_proxy);
    let Ok((app_row, standing, agency)) =
        access::application_in(&state.db, &staff, &application, &client).await
    else {
        return not_found();
    };
    let who = access::acting_as(&staff, &client, standing, &agency);
    let detail = serde_json::json!({ "question": row.question_key }).to_string();
    let entry = app::data::audit::Entry {
        who: &who,
        action: "viewed_file",
        application_id: Some(app_row.id),
        subject: &format!("file:{}", row.public_id),
        detail: &detail,
    };
    // No audit entry, no file.
    if let Err(e) = app::data::audit::record(&state.db, &entry).await {
        return failed("audit write failed", &e);
    }
    serve(&state, &row, true).await
}

/// The file's bytes with its checked type. `framed`: the portal's own pages may show it in
/// a frame (the staff document viewer); otherwise no one may.
async fn serve(state: &AppState, row: &FileRow, framed: bool) -> Response {
    let bytes = match app::files::store::get(&state.files, &row.storage_key).await {
        Ok(bytes) => bytes,
        Err(e) => return failed("file store read failed", &e),
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
    if framed {
        // The portal's own pages may frame it (the layer only fills these in when absent).
        let policy = app::content_security_policy("", None)
            .replace("frame-ancestors 'none'", "frame-ancestors 'self'");
        if let Ok(v) = HeaderValue::from_str(&policy) {
            headers.insert(header::CONTENT_SECURITY_POLICY, v);
        }
        headers.insert(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("SAMEORIGIN"),
        );
    }
    response
}

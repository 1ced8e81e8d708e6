//! Issued documents over HTTP: `GET /applications/{id}/certificate.pdf` (the applicant's
//! certificate, to its owner only) and `GET /verify/keys.json` (the public key that signs
//! every document's code, which the installed app keeps to check codes offline).

use app::documents::{certificate, Payload};
use app::error::AppError;
use app::i18n::Lang;
use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use tower_sessions::Session;

pub async fn certificate_pdf(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let lang = Lang::from_headers(&headers);
    crate::receipts::owner_pdf(&session, "certificate", |user_id| async move {
        let Some(row) = app::data::applications::of_user(&state.db, user_id, &id).await? else {
            return Ok::<_, AppError>(None);
        };
        let seal = state.seal().await?;
        let Some((document, spec)) = certificate::issue(&state.db, &seal, &row).await? else {
            return Ok(None);
        };
        let payload = serde_json::from_str::<Payload>(&document.payload).map_err(|_| {
            AppError::internal("stored certificate payload unreadable", &document.id)
        })?;
        let url = format!(
            "{}{}",
            state.site_url(),
            app::documents::check_path(&app::documents::code(&document))
        );
        Ok(Some((
            certificate::pdf(&payload, spec, &url, lang),
            format!("certificate-{}.pdf", payload.r),
        )))
    })
    .await
}

/// The signing keys, as `{"keys": [{"kid": …, "x": base64url}]}` (the shape of a JWK set's
/// Ed25519 keys, trimmed to what the offline check needs).
pub async fn keys(State(state): State<AppState>) -> Response {
    match state.seal().await {
        Ok(seal) => {
            let body = serde_json::json!({
                "keys": [{ "kty": "OKP", "crv": "Ed25519", "kid": seal.key_id(), "x": seal.public_key() }]
            });
            let mut response = Json(body).into_response();
            // Public, and the same for a long time; a day lets a new key reach phones.
            response.headers_mut().insert(
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=86400"),
            );
            response
        }
        Err(e) => {
            tracing::error!(error = %e, "document keys unavailable");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}

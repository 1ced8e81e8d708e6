//! The registry protocol served over HTTP (`POST /v1/identity/verify`, bearer key), backed
//! by any `Registry`: with the embedded registry it is a local stand-in for a national
//! registry API, which the integration tests use to exercise the real HTTP client.

use app::auth::registry::{Registry, VerifyRequest};
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use std::sync::Arc;

#[derive(Clone)]
struct ApiState {
    registry: Arc<dyn Registry>,
    api_key: Arc<str>,
}

pub fn router(registry: Arc<dyn Registry>, api_key: &str) -> Router {
    Router::new()
        .route("/v1/identity/verify", post(verify))
        .with_state(ApiState {
            registry,
            api_key: api_key.into(),
        })
}

async fn verify(
    State(state): State<ApiState>,
    headers: HeaderMap,
    Json(request): Json<VerifyRequest>,
) -> Response {
    let authorised = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|key| key == &*state.api_key);
    if !authorised {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    match state.registry.verify(&request).await {
        Ok(answer) => Json(answer).into_response(),
        Err(error) => {
            tracing::error!(%error, "registry lookup failed");
            StatusCode::BAD_GATEWAY.into_response()
        }
    }
}

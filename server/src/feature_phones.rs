//! Feature phones, through an Africa's Talking-compatible gateway: the USSD callback
//! (`POST /ussd/<token>`, answering `CON …`/`END …` in plain text) and the inbound-SMS
//! callback (`POST /sms/inbound/<token>`, answered by an SMS through the outbox).
//!
//! The gateway is verified twice: the secret token in the address (`AT_CALLBACK_TOKEN`;
//! a wrong one is 404, as if nothing were here) and, when configured, the network it calls
//! from (`AT_ALLOWED_NETWORKS`; anything else is 403). Each phone number is rate limited.

pub mod lookup;
pub mod sms_query;
pub mod texts;
pub mod ussd;

use app::state::AppState;
use axum::{
    extract::{Path, Request, State},
    http::{header, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
    Router,
};
use serde::Deserialize;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/ussd/{token}", post(ussd_callback))
        .route("/sms/inbound/{token}", post(sms_callback))
}

/// Checks the caller, then reads the form it posted.
async fn verified<T: serde::de::DeserializeOwned>(
    state: &AppState,
    token: &str,
    request: Request,
) -> Result<T, StatusCode> {
    let Some(gateway) = state
        .settings
        .gateway
        .as_ref()
        .filter(|g| crate::callback_token::matches(&g.token, token))
    else {
        return Err(StatusCode::NOT_FOUND);
    };
    let (parts, body) = request.into_parts();
    if !crate::callback_network::allowed(&parts, &gateway.networks, state.settings.trust_proxy) {
        tracing::warn!("feature-phone callback from a network not allowed");
        return Err(StatusCode::FORBIDDEN);
    }
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .map_err(|_| StatusCode::BAD_REQUEST)?;
    serde_urlencoded::from_bytes(&bytes).map_err(|_| StatusCode::BAD_REQUEST)
}

fn plain(text: String) -> Response {
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response()
}

/// The phone number as the accounts store it (E.164), or a 400.
fn phone_of(raw: &str) -> Result<String, StatusCode> {
    app::auth::phone::normalise(raw).map_err(|_| StatusCode::BAD_REQUEST)
}

fn limited(state: &AppState, phone: &str) -> bool {
    state
        .limits
        .feature_phones
        .check_key(&phone.to_string())
        .is_err()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct UssdRequest {
    #[allow(dead_code)]
    session_id: String,
    phone_number: String,
    #[serde(default)]
    text: String,
}

async fn ussd_callback(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let form: UssdRequest = match verified(&state, &token, request).await {
        Ok(form) => form,
        Err(status) => return status.into_response(),
    };
    let phone = match phone_of(&form.phone_number) {
        Ok(phone) => phone,
        Err(status) => return status.into_response(),
    };
    let lang = lookup::language_of(&state.db, &phone)
        .await
        .ok()
        .flatten()
        .unwrap_or_default();
    if limited(&state, &phone) {
        return plain(ussd::Screen::End(texts::texts(lang).too_many.into()).into_text());
    }
    match ussd::answer(&state.db, &state.limits, &phone, lang, &form.text).await {
        Ok(screen) => plain(screen.into_text()),
        Err(error) => {
            tracing::error!(%error, "USSD answer failed");
            plain(ussd::Screen::End(texts::texts(lang).unavailable.into()).into_text())
        }
    }
}

#[derive(Deserialize)]
struct InboundSms {
    from: String,
    #[serde(default)]
    text: String,
    /// The gateway's id for the message: replies are keyed by it.
    id: String,
}

async fn sms_callback(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let form: InboundSms = match verified(&state, &token, request).await {
        Ok(form) => form,
        Err(status) => return status.into_response(),
    };
    let phone = match phone_of(&form.from) {
        Ok(phone) => phone,
        Err(status) => return status.into_response(),
    };
    if limited(&state, &phone) {
        // Said nothing: answering floods would cost an SMS each.
        return StatusCode::OK.into_response();
    }
    let reply = match sms_query::reply(&state.db, &state.limits, &phone, &form.text).await {
        Ok(reply) => reply,
        Err(error) => {
            tracing::error!(%error, "SMS query failed");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    match sms_query::send(&state.db, &phone, &reply, &form.id).await {
        Ok(()) => StatusCode::OK.into_response(),
        Err(error) => {
            tracing::error!(%error, "SMS reply not queued");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

//! "Remember this device for 30 days": a random token in an HttpOnly cookie, stored as a
//! keyed hash with the person's id. It skips the second factor on that device only; the
//! password is still asked for.

use super::{codes::keyed_hash, Call};
use crate::data::accounts::factors;
use crate::error::AppError;
use chrono::{Duration, Utc};
use rand::Rng;

pub const DAYS: i64 = 30;

fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-uraia_device"
    } else {
        "uraia_device"
    }
}

fn hash(call: &Call, token: &str) -> String {
    keyed_hash(&call.state.settings.secret, &format!("device:{token}"))
}

/// Whether the request carries a remembered-device cookie for this person.
pub async fn is_remembered(call: &Call, user_id: i64) -> Result<bool, AppError> {
    let name = cookie_name(call.state.settings.https);
    let token = leptos::prelude::use_context::<http::request::Parts>()
        .and_then(|p| p.headers.get(http::header::COOKIE).cloned())
        .and_then(|v| {
            v.to_str()
                .ok()
                .and_then(|c| crate::cookies::cookie_value(c, name).map(str::to_string))
        });
    match token {
        Some(token) => {
            Ok(factors::device_is_remembered(&call.state.db, user_id, &hash(call, &token)).await?)
        }
        None => Ok(false),
    }
}

/// Remembers this device for the person: stores the token's hash, sets the cookie.
pub async fn remember(call: &Call, user_id: i64) -> Result<(), AppError> {
    let token = hex::encode(rand::rng().random::<[u8; 32]>());
    let expires = Utc::now() + Duration::days(DAYS);
    factors::remember_device(
        &call.state.db,
        user_id,
        &hash(call, &token),
        &call.client.device,
        expires,
    )
    .await?;
    let https = call.state.settings.https;
    let cookie = format!(
        "{}={token}; Path=/; Max-Age={}; HttpOnly; SameSite=Lax{}",
        cookie_name(https),
        DAYS * 24 * 3600,
        if https { "; Secure" } else { "" }
    );
    if let (Some(res), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&cookie),
    ) {
        res.append_header(http::header::SET_COOKIE, value);
    }
    Ok(())
}

//! "Confirm it's you": changes to how a person signs in or is reached (email and phone, the
//! authenticator app and its recovery codes, passkeys), and signing out everywhere else,
//! need a proof of identity from the last `WINDOW_MINUTES`, given on `/account/confirm`
//! (the current password, a code from the authenticator app, or a passkey) or by typing the
//! current password to change it. The page says how long it lasts (`confirm_intro`).
//!
//! Signing in does not count: a session taken over minutes after sign-in (an unlocked
//! phone, a shared computer, a stolen cookie) must not be enough to move the account's
//! email, phone or second factors elsewhere (OWASP ASVS 5.0, 7.5.1: re-authentication
//! before changing what authentication and recovery rely on; 7.5.2: before ending other
//! sessions). The proof is kept in the session with its time and its person, and only
//! ever read there.

use super::Call;
use crate::error::AppError;
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// How long a confirmation lasts: long enough to make a few changes in a row, short enough
/// that an unattended session is not left able to make them.
pub const WINDOW_MINUTES: i64 = 10;
/// The session key of the proof.
pub const CONFIRMED: &str = "confirmed";

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Confirmed {
    pub user_id: i64,
    pub at: DateTime<Utc>,
}

/// Records that `user_id` proved who they are just now.
pub async fn stamp(session: &Session, user_id: i64) -> Result<(), AppError> {
    session
        .insert(
            CONFIRMED,
            Confirmed {
                user_id,
                at: Utc::now(),
            },
        )
        .await?;
    Ok(())
}

/// Whether `user_id` proved who they are in this session within the window.
pub async fn is_recent(session: &Session, user_id: i64) -> Result<bool, AppError> {
    let now = Utc::now();
    Ok(session.get::<Confirmed>(CONFIRMED).await?.is_some_and(|c| {
        c.user_id == user_id && c.at <= now && now - c.at < Duration::minutes(WINDOW_MINUTES)
    }))
}

/// Refuses with `ConfirmNeeded` unless `user_id` confirmed recently. A plain form post (or
/// a page loading) is sent on to "Confirm it's you", which comes back to `back` (the page
/// the change is made on); the hydrated page does the same on the error.
pub async fn require(call: &Call, user_id: i64, back: &str) -> Result<(), AppError> {
    if is_recent(&call.session, user_id).await? {
        return Ok(());
    }
    crate::paths::go(&crate::paths::confirm_then(back));
    Err(AppError::ConfirmNeeded)
}

/// `require`, keeping what was typed into `form` for when the person comes back (never
/// passwords or codes): they leave the page to confirm, with or without JavaScript.
pub async fn require_keeping(
    call: &Call,
    user_id: i64,
    back: &str,
    form: &str,
    values: &[(&str, &str)],
) -> Result<(), AppError> {
    let result = require(call, user_id, back).await;
    if let Err(AppError::ConfirmNeeded) = result {
        super::session::keep_form(&call.session, form, values).await?;
    }
    result
}

//! Authenticator app (TOTP) set-up and removal, recovery codes shown once, and forgetting
//! remembered devices. Signed-in people only; all but forgetting devices (which only takes
//! away) need a recent "Confirm it's you" (`auth::recent`).

use crate::error::AppError;
use crate::model::AuthenticatorSetup;
use leptos::prelude::*;

/// The page an authenticator app is set up on.
pub const SETUP_PAGE: &str = "/account/authenticator";

/// A secret to scan, kept in the session until the person proves their app has it.
#[server(endpoint = "accounts/authenticator-setup")]
pub async fn get_authenticator_setup() -> Result<AuthenticatorSetup, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::auth::recent::require(&call, user_id, SETUP_PAGE).await?;
    server::setup(&call, user_id).await
}

#[server(endpoint = "accounts/authenticator-confirm")]
pub async fn confirm_authenticator(code: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::auth::recent::require(&call, user_id, SETUP_PAGE).await?;
    server::confirm(&call, user_id, &code).await
}

#[server(endpoint = "accounts/authenticator-remove")]
pub async fn remove_authenticator() -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::auth::recent::require(&call, user_id, "/account").await?;
    crate::data::accounts::factors::remove_totp(&call.state.db, user_id).await?;
    call.record(user_id, "authenticator_removed").await?;
    crate::paths::go("/account");
    Ok(())
}

/// The recovery codes just made, once; afterwards only their hashes exist.
#[server(endpoint = "accounts/recovery-codes")]
pub async fn take_recovery_codes() -> Result<Vec<String>, AppError> {
    let call = crate::auth::call().await?;
    call.user_id().await?;
    Ok(call
        .session
        .remove::<Vec<String>>(server::SHOW_RECOVERY)
        .await?
        .unwrap_or_default())
}

/// Replaces the recovery codes with ten new ones, shown once (the old ones stop working).
#[server(endpoint = "accounts/recovery-codes-renew")]
pub async fn renew_recovery_codes() -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::auth::recent::require(&call, user_id, "/account").await?;
    server::renew_recovery_codes(&call, user_id).await
}

/// Forgets one remembered device (`id`), or all of them when `id` is empty.
#[server(endpoint = "accounts/forget-device")]
pub async fn forget_device(id: Option<String>) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let id = id.and_then(|v| v.parse::<i64>().ok());
    crate::data::accounts::factors::forget_devices(&call.state.db, user_id, id).await?;
    call.record(user_id, "device_forgotten").await?;
    crate::paths::go("/account");
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::codes::keyed_hash;
    use crate::auth::{totp, Call};
    use crate::data::accounts::{factors, users};
    use crate::error::AppError;
    use crate::model::AuthenticatorSetup;
    use crate::problem::Problem;
    use crate::validate;

    const PENDING_SECRET: &str = "pending_totp_secret";
    pub const SHOW_RECOVERY: &str = "show_recovery_codes";

    pub async fn setup(call: &Call, user_id: i64) -> Result<AuthenticatorSetup, AppError> {
        let user = users::by_id(&call.state.db, user_id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let secret = match call.session.get::<String>(PENDING_SECRET).await? {
            Some(secret) => secret,
            None => {
                let secret = totp::new_secret();
                call.session.insert(PENDING_SECRET, &secret).await?;
                secret
            }
        };
        let qr_data_url = totp::qr_data_url(&secret, &user.email)
            .ok_or_else(|| AppError::internal("QR code could not be made", &"totp"))?;
        let key = secret
            .as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join(" ");
        Ok(AuthenticatorSetup { qr_data_url, key })
    }

    pub async fn confirm(call: &Call, user_id: i64, typed: &str) -> Result<(), AppError> {
        let Some(secret) = call.session.get::<String>(PENDING_SECRET).await? else {
            return Err(AppError::form(Problem::StartAgain));
        };
        let typed = validate::code(typed).map_err(|p| AppError::field("code", p))?;
        // Not counted towards the lock on codes: the secret was just shown to this person,
        // so there is nothing to guess.
        let Some(step) = totp::matching_step(&secret, &typed) else {
            return Err(AppError::field("code", Problem::CodeWrong));
        };
        let (codes, hashes) = new_recovery_codes(call);
        let db = &call.state.db;
        factors::enrol_totp(db, user_id, &secret, step, &hashes).await?;
        call.session.remove_value(PENDING_SECRET).await?;
        call.session.insert(SHOW_RECOVERY, &codes).await?;
        call.new_sign_in_method(user_id, "authenticator_added")
            .await?;
        crate::paths::go("/account/recovery-codes");
        Ok(())
    }

    /// Ten new codes and their keyed hashes (only the hashes are stored).
    fn new_recovery_codes(call: &Call) -> (Vec<String>, Vec<String>) {
        let codes = totp::new_recovery_codes();
        let hashes = codes
            .iter()
            .map(|c| keyed_hash(&call.state.settings.secret, &format!("recovery:{c}")))
            .collect();
        (codes, hashes)
    }

    pub async fn renew_recovery_codes(call: &Call, user_id: i64) -> Result<(), AppError> {
        let db = &call.state.db;
        if factors::totp(db, user_id).await?.is_none() {
            // Recovery codes stand in for the authenticator app; without one there are none.
            return Err(AppError::NotFound);
        }
        let (codes, hashes) = new_recovery_codes(call);
        factors::replace_recovery_codes(db, user_id, &hashes).await?;
        call.session.insert(SHOW_RECOVERY, &codes).await?;
        call.record(user_id, "recovery_codes_renewed").await?;
        crate::paths::go("/account/recovery-codes");
        Ok(())
    }
}

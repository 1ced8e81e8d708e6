//! "Confirm it's you" (`auth::recent`): the current password, a code from the authenticator
//! app, or a passkey, before a change to how the person signs in or is reached. Attempts
//! are limited per address like sign-in; wrong passwords and codes count towards the
//! account's lockout like wrong sign-ins, so a taken-over session cannot guess either.
//! Each way ends by going on to `next` (a path of this site; the account page otherwise).

use crate::error::AppError;
use crate::model::ConfirmWays;
use leptos::prelude::*;

/// The ways the page offers besides the password.
#[server(endpoint = "accounts/confirm-options")]
pub async fn confirm_options() -> Result<ConfirmWays, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::options(&call, user_id).await
}

/// For a page whose form makes such a change: refused (and the browser sent on to confirm,
/// then back to `back`) unless the person confirmed within the last minutes.
#[server(endpoint = "accounts/confirmed")]
pub async fn confirmed_for(back: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let back = crate::paths::local_path(&back).unwrap_or("/account");
    crate::auth::recent::require(&call, user_id, back).await
}

#[server(endpoint = "accounts/confirm-password")]
pub async fn confirm_with_password(password: String, next: Option<String>) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::with_password(&call, user_id, password).await?;
    crate::paths::go(&server::next_path(next.as_deref()));
    Ok(())
}

#[server(endpoint = "accounts/confirm-code")]
pub async fn confirm_with_code(code: String, next: Option<String>) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::with_code(&call, user_id, &code).await?;
    crate::paths::go(&server::next_path(next.as_deref()));
    Ok(())
}

/// Options for `navigator.credentials.get()`, naming the person's own passkeys.
#[server(endpoint = "accounts/confirm-passkey-options")]
pub async fn confirm_passkey_options() -> Result<String, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let result = server::passkey_options(&call, user_id).await;
    call.answer(result)
}

/// Checks the passkey's answer; returns where to go next.
#[server(endpoint = "accounts/confirm-passkey")]
pub async fn confirm_with_passkey(
    credential: String,
    next: Option<String>,
) -> Result<String, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let result = server::with_passkey(&call, user_id, &credential)
        .await
        .map(|()| server::next_path(next.as_deref()));
    call.answer(result)
}

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::passkey::relying_party;
    use crate::auth::{factor_lock, lockout, password, rate_limit, recent, totp, Call};
    use crate::data::accounts::users::{self, UserRow};
    use crate::data::accounts::{factors, passkeys};
    use crate::error::AppError;
    use crate::model::ConfirmWays;
    use crate::problem::Problem;
    use chrono::Utc;
    use webauthn_rs::prelude::{Passkey, PasskeyAuthentication, PublicKeyCredential};

    const PASSKEY_STATE: &str = "confirm_passkey";

    /// Where to go once confirmed: `next` if it stays on the site, else the account page.
    pub fn next_path(next: Option<&str>) -> String {
        next.and_then(crate::paths::local_path)
            .unwrap_or("/account")
            .to_string()
    }

    fn to_json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
        serde_json::to_string(value).map_err(|e| AppError::internal("passkey confirmation", &e))
    }

    pub async fn options(call: &Call, user_id: i64) -> Result<ConfirmWays, AppError> {
        let db = &call.state.db;
        Ok(ConfirmWays {
            has_authenticator: factors::totp(db, user_id).await?.is_some(),
            has_passkeys: !passkeys::of_user(db, user_id).await?.is_empty(),
        })
    }

    /// The start of every attempt: one from this address's sign-in allowance, and none
    /// while the account is locked.
    async fn attempt(call: &Call, user_id: i64) -> Result<UserRow, AppError> {
        rate_limit::take(&call.state.limits.confirm, call.client.rate_key())
            .map_err(AppError::form)?;
        let user = users::by_id(&call.state.db, user_id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        if let Some(minutes) = lockout::minutes_left(&user, Utc::now()) {
            return Err(AppError::form(Problem::AccountLocked { minutes }));
        }
        Ok(user)
    }

    /// A wrong password or code, counted like a wrong sign-in: the error to show, which
    /// says so when this one locked the account.
    async fn wrong(
        call: &Call,
        user: &UserRow,
        field: &str,
        problem: Problem,
    ) -> Result<AppError, AppError> {
        Ok(match lockout::after_failure(call, user).await? {
            Some(minutes) => AppError::form(Problem::AccountLocked {
                minutes: minutes as u32,
            }),
            None => AppError::field(field, problem),
        })
    }

    async fn confirmed(call: &Call, user_id: i64) -> Result<(), AppError> {
        recent::stamp(&call.session, user_id).await?;
        call.record(user_id, "identity_confirmed").await
    }

    pub async fn with_password(call: &Call, user_id: i64, typed: String) -> Result<(), AppError> {
        if typed.is_empty() {
            return Err(AppError::field("password", Problem::Required));
        }
        let user = attempt(call, user_id).await?;
        if !password::verify(typed, Some(user.password_hash.clone())).await? {
            return Err(wrong(call, &user, "password", Problem::PasswordWrong).await?);
        }
        confirmed(call, user.id).await
    }

    pub async fn with_code(call: &Call, user_id: i64, typed: &str) -> Result<(), AppError> {
        let typed = crate::validate::code(typed).map_err(|p| AppError::field("code", p))?;
        let user = attempt(call, user_id).await?;
        let db = &call.state.db;
        let Some(enrolled) = factors::totp(db, user.id).await? else {
            return Err(AppError::form(Problem::StartAgain));
        };
        // Counted by the one per-account lock on codes before it is compared, as at sign-in.
        let compared = async {
            Ok(match totp::matching_step(&enrolled.secret, &typed) {
                Some(step) if factors::use_totp_step(db, user.id, step).await? => Ok(()),
                // The right code, already used (at sign-in, say): wait for the next.
                Some(_) => Err(Problem::CodeExpired),
                None => Err(Problem::CodeWrong),
            })
        };
        match factor_lock::attempt(call, &user, compared).await? {
            Ok(()) => confirmed(call, user.id).await,
            Err(problem) => Err(AppError::field("code", problem)),
        }
    }

    fn stored_passkeys(rows: &[passkeys::PasskeyRow]) -> Vec<(i64, Passkey)> {
        rows.iter()
            .filter_map(|row| {
                serde_json::from_str::<Passkey>(&row.passkey)
                    .ok()
                    .map(|p| (row.id, p))
            })
            .collect()
    }

    pub async fn passkey_options(call: &Call, user_id: i64) -> Result<String, AppError> {
        rate_limit::take(&call.state.limits.confirm, call.client.rate_key())
            .map_err(AppError::form)?;
        let rows = passkeys::of_user(&call.state.db, user_id).await?;
        let keys: Vec<Passkey> = stored_passkeys(&rows).into_iter().map(|(_, p)| p).collect();
        if keys.is_empty() {
            return Err(AppError::form(Problem::PasskeyFailed));
        }
        let (options, state) = relying_party(call)?
            .start_passkey_authentication(&keys)
            .map_err(|e| AppError::internal("passkey confirmation start", &e))?;
        call.session.insert(PASSKEY_STATE, state).await?;
        to_json(&options)
    }

    pub async fn with_passkey(call: &Call, user_id: i64, credential: &str) -> Result<(), AppError> {
        let user = attempt(call, user_id).await?;
        let Some(state) = call
            .session
            .remove::<PasskeyAuthentication>(PASSKEY_STATE)
            .await?
        else {
            return Err(AppError::form(Problem::StartAgain));
        };
        let failed = || AppError::form(Problem::PasskeyFailed);
        let credential: PublicKeyCredential =
            serde_json::from_str(credential).map_err(|_| failed())?;
        let result = relying_party(call)?
            .finish_passkey_authentication(&credential, &state)
            .map_err(|e| {
                tracing::info!(error = %e, "passkey confirmation refused");
                failed()
            })?;
        // The passkey's use is recorded (and its counter moved on) as after a sign-in.
        let db = &call.state.db;
        for (id, mut passkey) in stored_passkeys(&passkeys::of_user(db, user.id).await?) {
            if passkey.cred_id() == result.cred_id() {
                passkey.update_credential(&result);
                passkeys::used(db, id, &to_json(&passkey)?).await?;
            }
        }
        confirmed(call, user.id).await
    }
}

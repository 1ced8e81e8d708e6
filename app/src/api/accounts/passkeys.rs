//! Passkeys: adding one on the account page, removing it, and signing in with one alone.
//!
//! The two WebAuthn ceremonies each take two calls: the first returns the options for
//! `navigator.credentials` (as JSON) and keeps the ceremony's state in the server-side
//! session; the second takes the browser's answer (the credential's `toJSON()`) and checks
//! it against that state. Passkeys need JavaScript, so only the hydrated pages offer them;
//! removing one is a plain form. Adding and removing need a recent "Confirm it's you"
//! (`auth::recent`).

use crate::error::AppError;
use leptos::prelude::*;

/// Options for `navigator.credentials.create()`, for the signed-in person.
#[server(endpoint = "accounts/passkey-options")]
pub async fn passkey_registration_options() -> Result<String, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::auth::recent::require(&call, user_id, "/account").await?;
    server::registration_options(&call, user_id).await
}

/// Saves the passkey the browser made, under `name` (the device's description if empty).
#[server(endpoint = "accounts/passkey-add")]
pub async fn add_passkey(credential: String, name: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::auth::recent::require(&call, user_id, "/account").await?;
    let result = server::add(&call, user_id, &credential, &name).await;
    call.answer(result)
}

#[server(endpoint = "accounts/passkey-remove")]
pub async fn remove_passkey(id: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::auth::recent::require(&call, user_id, "/account").await?;
    let id = id.parse::<i64>().map_err(|_| AppError::NotFound)?;
    if !crate::data::accounts::passkeys::remove(&call.state.db, user_id, id).await? {
        return Err(AppError::NotFound);
    }
    call.record(user_id, "passkey_removed").await?;
    crate::paths::go("/account");
    Ok(())
}

/// Options for `navigator.credentials.get()`: any passkey of this site may answer.
#[server(endpoint = "accounts/passkey-sign-in-options")]
pub async fn passkey_sign_in_options() -> Result<String, AppError> {
    let call = crate::auth::call().await?;
    server::sign_in_options(&call).await
}

/// Signs in with the passkey the browser chose; returns where to go next.
#[server(endpoint = "accounts/passkey-sign-in")]
pub async fn sign_in_with_passkey(
    credential: String,
    shared: bool,
    next: Option<String>,
) -> Result<String, AppError> {
    let call = crate::auth::call().await?;
    let next = next
        .as_deref()
        .and_then(crate::paths::local_path)
        .map(str::to_string);
    let result = server::sign_in(&call, &credential, shared, next.as_deref()).await;
    call.answer(result)
}

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::passkey::{credential_key, relying_party};
    use crate::auth::{lockout, rate_limit, Call};
    use crate::data::accounts::{passkeys, users};
    use crate::error::AppError;
    use crate::problem::Problem;
    use chrono::Utc;
    use webauthn_rs::prelude::{
        DiscoverableAuthentication, Passkey, PasskeyRegistration, PublicKeyCredential,
        RegisterPublicKeyCredential, Uuid,
    };
    use webauthn_rs_proto::ResidentKeyRequirement;

    const REGISTRATION: &str = "passkey_registration";
    const AUTHENTICATION: &str = "passkey_authentication";
    /// Names are for the person's own list; long enough for "Wanjiku's Samsung A14".
    const NAME_MAX: usize = 60;

    fn to_json<T: serde::Serialize>(value: &T) -> Result<String, AppError> {
        serde_json::to_string(value).map_err(|e| AppError::internal("passkey options", &e))
    }

    pub async fn registration_options(call: &Call, user_id: i64) -> Result<String, AppError> {
        let db = &call.state.db;
        let user = users::by_id(db, user_id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let handle = match passkeys::user_handle(db, user_id).await? {
            Some(handle) => Uuid::parse_str(&handle)
                .map_err(|e| AppError::internal("stored passkey handle", &e))?,
            None => Uuid::new_v4(),
        };
        let existing = passkeys::of_user(db, user_id)
            .await?
            .iter()
            .filter_map(|row| serde_json::from_str::<Passkey>(&row.passkey).ok())
            .map(|p| p.cred_id().clone())
            .collect::<Vec<_>>();
        let display = [Some(user.first_name.as_str()), user.last_name.as_deref()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        let (mut options, state) = relying_party(call)?
            .start_passkey_registration(handle, &user.email, &display, Some(existing))
            .map_err(|e| AppError::internal("passkey registration start", &e))?;
        // A passkey must be discoverable: signing in with it alone starts with no username,
        // so the authenticator has to hold the account (webauthn-rs leaves this optional).
        if let Some(selection) = options.public_key.authenticator_selection.as_mut() {
            selection.resident_key = Some(ResidentKeyRequirement::Required);
            selection.require_resident_key = true;
        }
        call.session
            .insert(REGISTRATION, (handle.to_string(), state))
            .await?;
        to_json(&options)
    }

    pub async fn add(
        call: &Call,
        user_id: i64,
        credential: &str,
        name: &str,
    ) -> Result<(), AppError> {
        let name = name.trim();
        if name.chars().count() > NAME_MAX {
            return Err(AppError::field(
                "name",
                Problem::TooLong {
                    max: NAME_MAX as u32,
                },
            ));
        }
        let Some((handle, state)) = call
            .session
            .remove::<(String, PasskeyRegistration)>(REGISTRATION)
            .await?
        else {
            return Err(AppError::form(Problem::StartAgain));
        };
        let credential: RegisterPublicKeyCredential = serde_json::from_str(credential)
            .map_err(|_| AppError::form(Problem::PasskeyNotAdded))?;
        let passkey = relying_party(call)?
            .finish_passkey_registration(&credential, &state)
            .map_err(|e| {
                tracing::info!(error = %e, "passkey registration refused");
                AppError::form(Problem::PasskeyNotAdded)
            })?;
        let name = if name.is_empty() {
            call.client.device.clone()
        } else {
            name.to_string()
        };
        let db = &call.state.db;
        let added = passkeys::insert(
            db,
            user_id,
            &handle,
            &credential_key(passkey.cred_id()),
            &name,
            &to_json(&passkey)?,
        )
        .await?;
        if !added {
            // The same authenticator answered twice (excluded credentials ignored).
            return Err(AppError::form(Problem::PasskeyNotAdded));
        }
        call.new_sign_in_method(user_id, "passkey_added").await
    }

    pub async fn sign_in_options(call: &Call) -> Result<String, AppError> {
        rate_limit::take(&call.state.limits.sign_in, call.client.rate_key())
            .map_err(AppError::form)?;
        let (mut options, state) = relying_party(call)?
            .start_discoverable_authentication()
            .map_err(|e| AppError::internal("passkey authentication start", &e))?;
        // webauthn-rs asks for autofill ("conditional") mediation; Uraia asks on a button.
        options.mediation = None;
        call.session.insert(AUTHENTICATION, state).await?;
        to_json(&options)
    }

    pub async fn sign_in(
        call: &Call,
        credential: &str,
        shared: bool,
        next: Option<&str>,
    ) -> Result<String, AppError> {
        rate_limit::take(&call.state.limits.sign_in, call.client.rate_key())
            .map_err(AppError::form)?;
        let Some(state) = call
            .session
            .remove::<DiscoverableAuthentication>(AUTHENTICATION)
            .await?
        else {
            return Err(AppError::form(Problem::StartAgain));
        };
        let failed = || AppError::form(Problem::PasskeyFailed);
        let credential: PublicKeyCredential =
            serde_json::from_str(credential).map_err(|_| failed())?;
        let webauthn = relying_party(call)?;
        let (handle, credential_id) = webauthn
            .identify_discoverable_authentication(&credential)
            .map_err(|_| failed())?;
        let db = &call.state.db;
        let Some(row) =
            passkeys::by_credential(db, &handle.to_string(), &credential_key(credential_id))
                .await?
        else {
            return Err(failed());
        };
        let mut passkey: Passkey = serde_json::from_str(&row.passkey)
            .map_err(|e| AppError::internal("stored passkey", &e))?;
        let result = webauthn
            .finish_discoverable_authentication_v2(&credential, state, &passkey)
            .map_err(|e| {
                tracing::info!(error = %e, "passkey sign-in refused");
                failed()
            })?;
        let user = users::by_id(db, row.user_id)
            .await?
            .filter(|u| u.status == "active")
            .ok_or_else(failed)?;
        if let Some(minutes) = lockout::minutes_left(&user, Utc::now()) {
            return Err(AppError::form(Problem::AccountLocked { minutes }));
        }
        passkey.update_credential(&result);
        passkeys::used(db, row.id, &to_json(&passkey)?).await?;
        call.record(user.id, "passkey_used").await?;
        super::super::sign_in_code::finish(call, user.id, shared, next, false, true).await
    }
}

//! The signed-in person: the header's name, the account page, signing out elsewhere.

use crate::error::AppError;
use crate::model::{AccountView, Me};
use leptos::prelude::*;

/// Who is signed in (for the header), or `None`.
#[server(endpoint = "accounts/me")]
pub async fn get_me() -> Result<Option<Me>, AppError> {
    let state = crate::state::app_state()?;
    // Pages served without the session layer (static-file fallbacks) have nobody signed in.
    let Ok(session) = leptos_axum::extract::<tower_sessions::Session>().await else {
        return Ok(None);
    };
    let Some(signed_in) = crate::auth::session::signed_in(&session).await? else {
        return Ok(None);
    };
    let Some(user) = crate::data::accounts::users::by_id(&state.db, signed_in.user_id).await?
    else {
        return Ok(None);
    };
    let unread = crate::data::notifications::unread_count(&state.db, user.id).await?;
    let staff = crate::api::staff::access::is_staff(&state.db, user.id).await?;
    Ok(Some(Me {
        first_name: user.first_name,
        unread,
        staff,
    }))
}

#[server(endpoint = "accounts/account")]
pub async fn get_account() -> Result<AccountView, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::account(&call, user_id).await
}

/// Ends every other session of the signed-in person; returns how many. Needs a recent
/// "Confirm it's you" (ASVS 5.0, 7.5.2): a taken-over session must not sign the owner out.
#[server(endpoint = "accounts/sign-out-everywhere")]
pub async fn sign_out_everywhere() -> Result<u64, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::auth::recent::require(&call, user_id, "/account").await?;
    let keep = crate::auth::session::current_key(&call.session);
    let ended =
        crate::data::sessions::delete_for_user(&call.state.db, user_id, keep.as_deref()).await?;
    call.record(user_id, "signed_out_everywhere").await?;
    crate::paths::go(&format!("/account?signed_out_others={ended}"));
    Ok(ended)
}

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::Call;
    use crate::data::accounts::{events, factors, passkeys, users};
    use crate::error::AppError;
    use crate::model::{AccountType, AccountView, ActivityItem, PasskeyItem, RememberedDevice};
    use crate::shown::nairobi;

    pub async fn account(call: &Call, user_id: i64) -> Result<AccountView, AppError> {
        let db = &call.state.db;
        let user = users::by_id(db, user_id)
            .await?
            .ok_or(AppError::Unauthorized)?;
        let roles = users::roles(db, user_id).await?;
        let sessions = crate::data::sessions::count_for_user(db, user_id).await?;
        let activity = events::recent(db, user_id, 20)
            .await?
            .into_iter()
            .map(|e| ActivityItem {
                when: nairobi(e.created_at),
                kind: e.kind,
                device: e.device,
                place: e.place,
            })
            .collect();
        let full_name = [
            Some(user.first_name.as_str()),
            user.other_names.as_deref(),
            user.last_name.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
        Ok(AccountView {
            account_type: AccountType::from_code(&user.account_type)
                .unwrap_or(AccountType::Citizen),
            id_number: user.id_number,
            full_name,
            born: user
                .date_of_birth
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| user.year_of_birth.to_string()),
            email: user.email,
            email_verified: user.email_verified_at.is_some(),
            phone: user.phone,
            phone_verified: user.phone_verified_at.is_some(),
            roles,
            sessions,
            activity,
            has_authenticator: factors::totp(db, user_id).await?.is_some(),
            recovery_codes_left: factors::recovery_codes_left(db, user_id).await?,
            devices: factors::remembered_devices(db, user_id)
                .await?
                .into_iter()
                .map(|d| RememberedDevice {
                    id: d.id,
                    device: d.device,
                    last_used: nairobi(d.last_used_at),
                    until: nairobi(d.expires_at),
                })
                .collect(),
            passkeys: passkeys::of_user(db, user_id)
                .await?
                .into_iter()
                .map(|p| PasskeyItem {
                    id: p.id,
                    name: p.name,
                    added: nairobi(p.created_at),
                    last_used: p.last_used_at.map(nairobi),
                })
                .collect(),
        })
    }
}

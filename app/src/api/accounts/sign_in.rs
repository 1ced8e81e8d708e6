//! Sign-in, step 1: email or ID number and password. A right password leads to the second
//! factor (a code by SMS or email); wrong ones count towards the lockout.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "accounts/sign-in")]
pub async fn sign_in(
    identifier: String,
    password: String,
    shared: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let values = [("identifier", identifier.as_str())];
    let shared = shared.is_some_and(|v| !v.is_empty());
    let next = next
        .as_deref()
        .and_then(crate::paths::local_path)
        .map(str::to_string);
    let result = server::sign_in(&call, &identifier, password, shared, next).await;
    call.keep_on_error("sign-in", &values, result).await
}

#[server(endpoint = "accounts/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    if let Some(user) = crate::auth::session::signed_in(&call.session).await? {
        call.record(user.user_id, "signed_out").await?;
    }
    call.session.flush().await?;
    crate::paths::go("/sign-in?signed_out=1");
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::codes::Channel;
    use crate::auth::{lockout, password, rate_limit, session, Call};
    use crate::data::accounts::users::{self, UserRow};
    use crate::error::AppError;
    use crate::problem::{Problem, Problems};
    use chrono::Utc;
    use serde::{Deserialize, Serialize};

    /// A person who gave the right password and still owes the second factor.
    #[derive(Clone, Debug, Serialize, Deserialize)]
    pub struct PendingSignIn {
        pub user_id: i64,
        pub shared: bool,
        pub next: Option<String>,
        pub method: crate::model::SecondFactor,
    }

    /// Finds the account for an email address or an identity number.
    pub async fn find(call: &Call, identifier: &str) -> Result<Option<UserRow>, AppError> {
        let identifier = identifier.trim();
        let db = &call.state.db;
        Ok(if identifier.contains('@') {
            users::by_email(db, &identifier.to_lowercase()).await?
        } else {
            users::by_id_number(db, &crate::validate::id_number_form(identifier)).await?
        })
    }

    pub async fn sign_in(
        call: &Call,
        identifier: &str,
        password: String,
        shared: bool,
        next: Option<String>,
    ) -> Result<(), AppError> {
        let mut problems = Problems::default();
        if identifier.trim().is_empty() {
            problems.add("identifier", Problem::Required);
        }
        if password.is_empty() {
            problems.add("password", Problem::Required);
        }
        problems.into_result()?;
        rate_limit::take(&call.state.limits.sign_in, call.client.rate_key())
            .map_err(AppError::form)?;

        // An unknown account, a wrong password, a locked account (whatever the password) and
        // a disabled one get one answer, after the same checks in the same order: nothing
        // here tells whether an account exists or is locked. The owner of a locked account
        // is told by email (`lockout`).
        let failed = || AppError::form(Problem::SignInFailed);
        let user = find(call, identifier).await?;
        let right =
            password::verify(password, user.as_ref().map(|u| u.password_hash.clone())).await?;
        let Some(user) = user else {
            return Err(failed());
        };
        if lockout::minutes_left(&user, Utc::now()).is_some() {
            return Err(failed());
        }
        if !right {
            lockout::after_failure(call, &user).await?;
            return Err(failed());
        }
        if user.status == "disabled" {
            return Err(failed());
        }
        if user.status == "pending" {
            let next = super::super::register_details::resume_verification(call, &user).await?;
            crate::paths::go(next);
            return Ok(());
        }
        // A remembered device skips the second factor (never on a shared computer, and never
        // for staff, whose pages need it).
        if !shared
            && !crate::api::staff::access::is_staff(&call.state.db, user.id).await?
            && crate::auth::device::is_remembered(call, user.id).await?
        {
            let next = super::super::sign_in_code::finish(
                call,
                user.id,
                false,
                next.as_deref(),
                false,
                false,
            )
            .await?;
            crate::paths::go(&next);
            return Ok(());
        }
        let has_authenticator = crate::data::accounts::factors::totp(&call.state.db, user.id)
            .await?
            .is_some();
        let method = if has_authenticator {
            crate::model::SecondFactor::Authenticator
        } else {
            // A code that cannot be sent yet (asked less than a minute ago) is still on its way.
            let _ = super::super::sign_in_code::send_code(call, &user, Channel::Sms).await?;
            crate::model::SecondFactor::Sms
        };
        let pending = PendingSignIn {
            user_id: user.id,
            shared,
            next,
            method,
        };
        call.session
            .insert(session::PENDING_SIGN_IN, &pending)
            .await?;
        crate::paths::go("/sign-in/code");
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub(crate) use server::{find, PendingSignIn};

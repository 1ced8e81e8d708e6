//! Registration, step 3: the codes sent to the email and the phone. When both are right the
//! account is active and the person is signed in.

use crate::error::AppError;
use crate::model::VerifyStep;
use leptos::prelude::*;

/// Where the codes went, or `None` when no registration is waiting for codes.
#[server(endpoint = "accounts/verify-step")]
pub async fn get_verify_step() -> Result<Option<VerifyStep>, AppError> {
    let call = crate::auth::call().await?;
    let Some(user) = server::verifying_user(&call).await? else {
        return Ok(None);
    };
    Ok(Some(VerifyStep {
        email: crate::notify::redact(&user.email),
        phone: crate::auth::phone::masked(&user.phone),
        email_done: user.email_verified_at.is_some(),
        phone_done: user.phone_verified_at.is_some(),
    }))
}

#[server(endpoint = "accounts/verify-contact")]
pub async fn verify_contact(
    email_code: Option<String>,
    sms_code: Option<String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    server::verify(
        &call,
        email_code.unwrap_or_default(),
        sms_code.unwrap_or_default(),
    )
    .await
}

/// Sends a new code to `channel` ("email" or "sms").
#[server(endpoint = "accounts/resend-verification")]
pub async fn resend_verification(channel: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let Some(user) = server::verifying_user(&call).await? else {
        return Err(AppError::form(crate::problem::Problem::StartAgain));
    };
    crate::auth::rate_limit::take(&call.state.limits.codes, call.client.rate_key())
        .map_err(AppError::form)?;
    let field = if channel == "sms" {
        "sms_code"
    } else {
        "email_code"
    };
    super::register_details::send_verification(
        &call,
        user.id,
        &user.email,
        &user.phone,
        channel == "email",
        channel == "sms",
    )
    .await?
    .map_err(|p| AppError::field(field, p))?;
    crate::paths::go("/register/verify?resent=1");
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::codes::{self, Purpose};
    use crate::auth::{factor_lock, rate_limit, session, Call};
    use crate::data::accounts::users::{self, UserRow};
    use crate::error::AppError;
    use crate::problem::{Problem, Problems};
    use crate::validate;

    pub async fn verifying_user(call: &Call) -> Result<Option<UserRow>, AppError> {
        let Some(user_id) = call.session.get::<i64>(session::VERIFYING).await? else {
            return Ok(None);
        };
        Ok(users::by_id(&call.state.db, user_id)
            .await?
            .filter(|u| u.status == "pending"))
    }

    pub async fn verify(call: &Call, email_code: String, sms_code: String) -> Result<(), AppError> {
        let Some(user) = verifying_user(call).await? else {
            return Err(AppError::form(Problem::StartAgain));
        };
        rate_limit::take(&call.state.limits.codes, call.client.rate_key())
            .map_err(AppError::form)?;
        let db = &call.state.db;
        let secret = &call.state.settings.secret;
        let mut problems = Problems::default();
        let mut active = false;
        for (done, typed, purpose, field, email) in [
            (
                user.email_verified_at.is_some(),
                &email_code,
                Purpose::VerifyEmail,
                "email_code",
                true,
            ),
            (
                user.phone_verified_at.is_some(),
                &sms_code,
                Purpose::VerifyPhone,
                "sms_code",
                false,
            ),
        ] {
            if done {
                continue;
            }
            let Some(typed) = problems.check(field, validate::code(typed)) else {
                continue;
            };
            let tried = codes::check(db, secret, user.id, purpose, &typed);
            match factor_lock::attempt(call, &user, tried).await? {
                Ok(()) => active = users::mark_verified(db, user.id, email).await?,
                Err(problem) => problems.add(field, problem),
            }
        }
        problems.into_result()?;
        if !active {
            return Err(AppError::form(Problem::StartAgain));
        }
        call.record(user.id, "contact_verified").await?;
        // Both contact codes were just typed: as strong as a second factor.
        session::begin(&call.session, user.id, false, true).await?;
        call.signed_in(user.id, true).await?;
        crate::paths::go("/account?welcome=1");
        Ok(())
    }
}

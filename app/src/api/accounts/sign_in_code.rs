//! Sign-in, step 2: the one-time code sent by SMS or email.

use crate::error::AppError;
use crate::model::CodeStep;
use leptos::prelude::*;

/// Where the code went, or `None` when nobody is half-way through signing in.
#[server(endpoint = "accounts/code-step")]
pub async fn get_code_step() -> Result<Option<CodeStep>, AppError> {
    let call = crate::auth::call().await?;
    let Some((pending, user)) = server::pending(&call).await? else {
        return Ok(None);
    };
    Ok(Some(CodeStep {
        sent_to: if pending.by_sms {
            crate::auth::phone::masked(&user.phone)
        } else {
            crate::notify::redact(&user.email)
        },
        by_sms: pending.by_sms,
    }))
}

#[server(endpoint = "accounts/sign-in-code")]
pub async fn submit_code(code: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    server::submit(&call, &code).await
}

/// Sends a new code, by "sms" or "email".
#[server(endpoint = "accounts/send-code")]
pub async fn resend_code(channel: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    server::resend(&call, channel == "sms").await
}

#[cfg(feature = "ssr")]
mod server {
    use super::super::sign_in::PendingSignIn;
    use crate::auth::codes::{self, Channel, Purpose};
    use crate::auth::{rate_limit, session, Call};
    use crate::data::accounts::users::{self, UserRow};
    use crate::error::AppError;
    use crate::notify::{self, Template, To};
    use crate::problem::Problem;
    use crate::validate;

    pub async fn pending(call: &Call) -> Result<Option<(PendingSignIn, UserRow)>, AppError> {
        let Some(pending) = call
            .session
            .get::<PendingSignIn>(session::PENDING_SIGN_IN)
            .await?
        else {
            return Ok(None);
        };
        let user = users::by_id(&call.state.db, pending.user_id)
            .await?
            .filter(|u| u.status == "active");
        Ok(user.map(|u| (pending, u)))
    }

    /// Issues a sign-in code and queues it on `channel`.
    pub async fn send_code(
        call: &Call,
        user: &UserRow,
        channel: Channel,
    ) -> Result<Result<(), Problem>, AppError> {
        let db = &call.state.db;
        let code = match codes::issue(
            db,
            &call.state.settings.secret,
            user.id,
            Purpose::SignIn,
            channel,
        )
        .await?
        {
            Ok(code) => code,
            Err(problem) => return Ok(Err(problem)),
        };
        let lang = crate::i18n::Lang::from_code(&user.language).unwrap_or_default();
        let to = match channel {
            Channel::Sms => To::Sms(&user.phone),
            Channel::Email => To::Email(&user.email),
        };
        let key = format!("sign_in:{}:{}", user.id, uuid::Uuid::new_v4());
        notify::send(
            db,
            to,
            lang,
            Template::SignInCode { code: &code },
            &key,
            None,
        )
        .await?;
        Ok(Ok(()))
    }

    pub async fn submit(call: &Call, typed: &str) -> Result<(), AppError> {
        let Some((pending, user)) = pending(call).await? else {
            return Err(AppError::form(Problem::StartAgain));
        };
        let typed = validate::code(typed).map_err(|p| AppError::field("code", p))?;
        rate_limit::take(&call.state.limits.codes, call.client.rate_key())
            .map_err(AppError::form)?;
        if let Err(problem) = codes::check(
            &call.state.db,
            &call.state.settings.secret,
            user.id,
            Purpose::SignIn,
            &typed,
        )
        .await?
        {
            call.record(user.id, "code_failed").await?;
            return Err(AppError::field("code", problem));
        }
        session::begin(&call.session, user.id, pending.shared).await?;
        call.record(user.id, "signed_in").await?;
        super::super::go(pending.next.as_deref().unwrap_or("/account"));
        Ok(())
    }

    pub async fn resend(call: &Call, by_sms: bool) -> Result<(), AppError> {
        let Some((mut pending, user)) = pending(call).await? else {
            return Err(AppError::form(Problem::StartAgain));
        };
        rate_limit::take(&call.state.limits.codes, call.client.rate_key())
            .map_err(AppError::form)?;
        let channel = if by_sms { Channel::Sms } else { Channel::Email };
        send_code(call, &user, channel)
            .await?
            .map_err(|p| AppError::field("code", p))?;
        pending.by_sms = by_sms;
        call.session
            .insert(session::PENDING_SIGN_IN, &pending)
            .await?;
        super::super::go("/sign-in/code?resent=1");
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub(crate) use server::send_code;

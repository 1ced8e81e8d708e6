//! Sign-in, step 2: the second factor — a code by SMS or email, a code from the person's
//! authenticator app, or one of their recovery codes — and "remember this device".

use crate::error::AppError;
use crate::model::CodeStep;
use leptos::prelude::*;

/// What the second step asks for, or `None` when nobody is half-way through signing in.
#[server(endpoint = "accounts/code-step")]
pub async fn get_code_step() -> Result<Option<CodeStep>, AppError> {
    let call = crate::auth::call().await?;
    let Some((pending, user)) = server::pending(&call).await? else {
        return Ok(None);
    };
    let has_authenticator = crate::data::accounts::factors::totp(&call.state.db, user.id)
        .await?
        .is_some();
    Ok(Some(CodeStep {
        method: pending.method,
        sent_to: match pending.method {
            crate::model::SecondFactor::Email => crate::notify::redact(&user.email),
            _ => crate::auth::phone::masked(&user.phone),
        },
        has_authenticator,
        can_remember: !pending.shared,
    }))
}

#[server(endpoint = "accounts/sign-in-code")]
pub async fn submit_code(code: String, remember: Option<String>) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let remember = remember.is_some_and(|v| !v.is_empty());
    server::submit(&call, &code, remember).await
}

/// Switches the second factor: "sms" or "email" sends a new code; "authenticator" and
/// "recovery" ask for those instead.
#[server(endpoint = "accounts/send-code")]
pub async fn resend_code(channel: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let method = crate::model::SecondFactor::from_code(&channel).ok_or(AppError::NotFound)?;
    server::switch(&call, method).await
}

#[cfg(feature = "ssr")]
mod server {
    use super::super::sign_in::PendingSignIn;
    use crate::auth::codes::{self, keyed_hash, Channel, Purpose};
    use crate::auth::{device, factor_lock, rate_limit, session, totp, Call};
    use crate::data::accounts::factors;
    use crate::data::accounts::users::{self, UserRow};
    use crate::error::AppError;
    use crate::model::SecondFactor;
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

    /// A typed code in the shape its factor uses (a mistyped shape is not a guess, so it is
    /// not counted).
    enum Guess {
        Code(String),
        Recovery(String),
    }

    fn guess(method: SecondFactor, typed: &str) -> Result<Guess, Problem> {
        match method {
            SecondFactor::Sms | SecondFactor::Email | SecondFactor::Authenticator => {
                validate::code(typed).map(Guess::Code)
            }
            SecondFactor::RecoveryCode => totp::normalise_recovery_code(typed)
                .map(Guess::Recovery)
                .ok_or(Problem::RecoveryCodeWrong),
        }
    }

    /// Checks the typed code against the factor in use, counted towards the account's lock
    /// on codes whatever the factor.
    async fn check(
        call: &Call,
        user: &UserRow,
        method: SecondFactor,
        typed: &str,
    ) -> Result<Result<(), Problem>, AppError> {
        let guess = match guess(method, typed) {
            Ok(guess) => guess,
            Err(p) => return Ok(Err(p)),
        };
        factor_lock::attempt(call, user, compare(call, user, method, guess)).await
    }

    async fn compare(
        call: &Call,
        user: &UserRow,
        method: SecondFactor,
        guess: Guess,
    ) -> Result<Result<(), Problem>, AppError> {
        let db = &call.state.db;
        let secret = &call.state.settings.secret;
        match (method, guess) {
            (SecondFactor::Authenticator, Guess::Code(typed)) => {
                let Some(enrolled) = factors::totp(db, user.id).await? else {
                    return Ok(Err(Problem::StartAgain));
                };
                let step = totp::matching_step(&enrolled.secret, &typed);
                Ok(match step {
                    Some(step) if factors::use_totp_step(db, user.id, step).await? => Ok(()),
                    // Right code but already used: wait for the next one.
                    Some(_) => Err(Problem::CodeExpired),
                    None => Err(Problem::CodeWrong),
                })
            }
            (_, Guess::Code(typed)) => {
                codes::check(db, secret, user.id, Purpose::SignIn, &typed).await
            }
            (_, Guess::Recovery(code)) => {
                let used = factors::use_recovery_code(
                    db,
                    user.id,
                    &keyed_hash(secret, &format!("recovery:{code}")),
                )
                .await?;
                if used {
                    call.record(user.id, "recovery_code_used").await?;
                    Ok(Ok(()))
                } else {
                    Ok(Err(Problem::RecoveryCodeWrong))
                }
            }
        }
    }

    pub async fn submit(call: &Call, typed: &str, remember: bool) -> Result<(), AppError> {
        let Some((pending, user)) = pending(call).await? else {
            return Err(AppError::form(Problem::StartAgain));
        };
        rate_limit::take(&call.state.limits.codes, call.client.rate_key())
            .map_err(AppError::form)?;
        // A wrong try is recorded in the activity log by the lock (`factor_lock::attempt`).
        if let Err(problem) = check(call, &user, pending.method, typed).await? {
            return Err(AppError::field("code", problem));
        }
        let next = finish(
            call,
            user.id,
            pending.shared,
            pending.next.as_deref(),
            remember,
            true,
        )
        .await?;
        crate::paths::go(&next);
        Ok(())
    }

    /// Sign-in done (both factors, or a passkey): a fresh signed-in session, remembered
    /// device if asked. `second_factor`: a code or passkey was part of it. Returns where the
    /// person goes next.
    pub async fn finish(
        call: &Call,
        user_id: i64,
        shared: bool,
        next: Option<&str>,
        remember: bool,
        second_factor: bool,
    ) -> Result<String, AppError> {
        session::begin(&call.session, user_id, shared, second_factor).await?;
        call.signed_in(user_id, second_factor).await?;
        if remember && !shared {
            device::remember(call, user_id).await?;
            call.record(user_id, "device_remembered").await?;
        }
        // Checked where it was given too; checked again here, where every sign-in (password,
        // passkey, Digital ID) follows it, in case one of them kept it unchecked.
        Ok(next
            .and_then(crate::paths::local_path)
            .unwrap_or("/account")
            .to_string())
    }

    pub async fn switch(call: &Call, method: SecondFactor) -> Result<(), AppError> {
        let Some((mut pending, user)) = pending(call).await? else {
            return Err(AppError::form(Problem::StartAgain));
        };
        rate_limit::take(&call.state.limits.codes, call.client.rate_key())
            .map_err(AppError::form)?;
        let sent = match method {
            SecondFactor::Sms => Some(Channel::Sms),
            SecondFactor::Email => Some(Channel::Email),
            SecondFactor::Authenticator | SecondFactor::RecoveryCode => None,
        };
        if let Some(channel) = sent {
            send_code(call, &user, channel)
                .await?
                .map_err(|p| AppError::field("code", p))?;
        }
        pending.method = method;
        call.session
            .insert(session::PENDING_SIGN_IN, &pending)
            .await?;
        crate::paths::go(if sent.is_some() {
            "/sign-in/code?resent=1"
        } else {
            "/sign-in/code"
        });
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub(crate) use server::{finish, send_code};

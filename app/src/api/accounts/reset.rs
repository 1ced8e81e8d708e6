//! "Forgot your password?": account type and email or ID number, then a link by email
//! (single use, 30 minutes) or a code by SMS, accepted only in the browser session that asked
//! for it. Every answer is the same whether or not an account matched, and whether or not its
//! codes are locked: the checks that need the account come only after the right code. A new
//! password signs out every session and lifts a lockout.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "accounts/forgot-password")]
pub async fn request_reset(
    account_type: Option<String>,
    identifier: String,
    channel: Option<String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let values = [
        ("account_type", account_type.as_deref().unwrap_or_default()),
        ("identifier", identifier.as_str()),
        ("channel", channel.as_deref().unwrap_or_default()),
    ];
    let result = server::request(
        &call,
        account_type.as_deref().unwrap_or_default(),
        &identifier,
        channel.as_deref() == Some("sms"),
    )
    .await;
    call.keep_on_error("forgot-password", &values, result).await
}

/// The new password, with the token from the emailed link.
#[server(endpoint = "accounts/reset-with-link")]
pub async fn reset_with_link(token: String, password: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    server::reset_with_link(&call, &token, password).await
}

/// The new password, with the code sent by SMS.
#[server(endpoint = "accounts/reset-with-code")]
pub async fn reset_with_code(code: String, password: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    server::reset_with_code(&call, &code, password).await
}

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::codes::{self, Channel, Purpose};
    use crate::auth::{factor_lock, password, rate_limit, Call};
    use crate::data::accounts::users::{self, UserRow};
    use crate::error::AppError;
    use crate::model::AccountType;
    use crate::notify::{self, Template, To};
    use crate::problem::{Problem, Problems};
    use crate::validate;
    use serde::{Deserialize, Serialize};

    /// Who asked for an SMS code (None when nothing matched: the page looks the same).
    const RESET_BY_SMS: &str = "reset_by_sms";

    #[derive(Serialize, Deserialize)]
    struct ResetBySms {
        user_id: Option<i64>,
        /// The random value the code is bound to: typed in a session without it, the code is
        /// wrong. Kept when the same session asks again.
        #[serde(default)]
        binding: String,
    }

    pub async fn request(
        call: &Call,
        account_type: &str,
        identifier: &str,
        by_sms: bool,
    ) -> Result<(), AppError> {
        let mut problems = Problems::default();
        let account_type = problems.check(
            "account_type",
            AccountType::from_code(account_type).ok_or(Problem::Required),
        );
        if identifier.trim().is_empty() {
            problems.add("identifier", Problem::Required);
        }
        problems.into_result()?;
        rate_limit::take(&call.state.limits.sign_in, call.client.rate_key())
            .map_err(AppError::form)?;
        let user = super::super::sign_in::find(call, identifier)
            .await?
            .filter(|u| Some(u.account_type.as_str()) == account_type.map(AccountType::code))
            .filter(|u| u.status == "active");
        if by_sms {
            let binding = call
                .session
                .get::<ResetBySms>(RESET_BY_SMS)
                .await?
                .map(|asked| asked.binding)
                .filter(|b| !b.is_empty())
                .unwrap_or_else(codes::new_session_binding);
            if let Some(user) = &user {
                // A resend too soon is not reported: that would say the account exists.
                let _ = send(call, user, Some(&binding)).await?;
            }
            call.session
                .insert(
                    RESET_BY_SMS,
                    ResetBySms {
                        user_id: user.map(|u| u.id),
                        binding,
                    },
                )
                .await?;
            crate::paths::go("/forgot-password/code");
        } else {
            if let Some(user) = &user {
                let _ = send(call, user, None).await?;
            }
            crate::paths::go("/forgot-password/sent");
        }
        Ok(())
    }

    /// Sends a reset code by SMS, bound to the session holding `sms_binding`, or without it a
    /// reset link by email.
    async fn send(
        call: &Call,
        user: &UserRow,
        sms_binding: Option<&str>,
    ) -> Result<Result<(), Problem>, AppError> {
        let db = &call.state.db;
        let secret = &call.state.settings.secret;
        let lang = crate::i18n::Lang::from_code(&user.language).unwrap_or_default();
        let key = format!("reset:{}:{}", user.id, uuid::Uuid::new_v4());
        if let Some(binding) = sms_binding {
            let issued = codes::issue_in(
                db,
                secret,
                user.id,
                Purpose::Reset,
                Channel::Sms,
                Some(binding),
            )
            .await?;
            let code = match issued {
                Ok(code) => code,
                Err(p) => return Ok(Err(p)),
            };
            notify::send(
                db,
                To::Sms(&user.phone),
                lang,
                Template::ResetCode { code: &code },
                &key,
                None,
            )
            .await?;
        } else {
            let token = match codes::issue_link_token(db, secret, user.id, Purpose::Reset).await? {
                Ok(token) => token,
                Err(p) => return Ok(Err(p)),
            };
            let link = format!(
                "{}/reset-password?token={}-{token}",
                call.public_url(),
                user.id
            );
            notify::send(
                db,
                To::Email(&user.email),
                lang,
                Template::ResetLink { link: &link },
                &key,
                None,
            )
            .await?;
        }
        Ok(Ok(()))
    }

    /// The checks on a new password that need no account: the same answer for everyone,
    /// before the code or link is looked at.
    fn check_password_shape(new_password: &str) -> Result<(), AppError> {
        password::acceptable(new_password, &[]).map_err(|p| AppError::field("password", p))
    }

    /// The checks that name the person (a password built from their name, email or ID
    /// number): only once the code or link has proved the caller may see them.
    fn check_new_password(user: &UserRow, new_password: &str) -> Result<(), AppError> {
        password::acceptable(new_password, &password::personal_details(user))
            .map_err(|p| AppError::field("password", p))
    }

    pub async fn reset_with_link(
        call: &Call,
        token: &str,
        new_password: String,
    ) -> Result<(), AppError> {
        let invalid = || AppError::form(Problem::LinkExpired);
        check_password_shape(&new_password)?;
        let (user_id, secret_part) = token.split_once('-').ok_or_else(invalid)?;
        let user_id: i64 = user_id.parse().map_err(|_| invalid())?;
        rate_limit::take(&call.state.limits.codes, call.client.rate_key())
            .map_err(AppError::form)?;
        let user = users::by_id(&call.state.db, user_id)
            .await?
            .ok_or_else(invalid)?;
        // The link is 256 random bits: not counted towards the lock on codes (counting it
        // would let anyone lock any account by posting made-up links).
        let right = codes::verify(
            &call.state.db,
            &call.state.settings.secret,
            user.id,
            Purpose::Reset,
            secret_part,
            None,
        )
        .await?
        .map_err(|_| invalid())?;
        // A password refused here leaves the link usable for a better one.
        check_new_password(&user, &new_password)?;
        codes::use_up(&call.state.db, right)
            .await?
            .map_err(|_| invalid())?;
        finish(call, &user, new_password).await
    }

    pub async fn reset_with_code(
        call: &Call,
        code: &str,
        new_password: String,
    ) -> Result<(), AppError> {
        let pending = call.session.get::<ResetBySms>(RESET_BY_SMS).await?;
        let Some(pending) = pending else {
            return Err(AppError::form(Problem::StartAgain));
        };
        let code = validate::code(code).map_err(|p| AppError::field("code", p))?;
        check_password_shape(&new_password)?;
        rate_limit::take(&call.state.limits.codes, call.client.rate_key())
            .map_err(AppError::form)?;
        let user = match pending.user_id {
            Some(id) => users::by_id(&call.state.db, id)
                .await?
                .filter(|u| u.status == "active"),
            None => None,
        };
        // One answer for every failure — nobody matched, a wrong or expired code, a code
        // asked for in another session, the account's codes locked — so nothing here tells
        // whether the account exists. Its owner is emailed when the codes lock.
        let wrong = || AppError::field("code", Problem::CodeWrong);
        let Some(user) = user else {
            return Err(wrong());
        };
        let tried = codes::verify(
            &call.state.db,
            &call.state.settings.secret,
            user.id,
            Purpose::Reset,
            &code,
            Some(&pending.binding),
        );
        let right = factor_lock::attempt(call, &user, tried)
            .await?
            .map_err(|_| wrong())?;
        // A password refused here leaves the code usable for a better one.
        check_new_password(&user, &new_password)?;
        codes::use_up(&call.state.db, right)
            .await?
            .map_err(|_| wrong())?;
        call.session.remove_value(RESET_BY_SMS).await?;
        finish(call, &user, new_password).await
    }

    /// Sets the password, ends every session (this one included: the person signs in
    /// afresh), lifts a lock and tells the owner by email.
    async fn finish(call: &Call, user: &UserRow, new_password: String) -> Result<(), AppError> {
        let db = &call.state.db;
        let hash = password::hash(new_password).await?;
        users::set_password(db, user.id, &hash).await?;
        users::set_locked_until(db, user.id, None).await?;
        crate::data::sessions::delete_for_user(db, user.id, None).await?;
        call.session.flush().await?;
        call.record(user.id, "password_reset").await?;
        let lang = crate::i18n::Lang::from_code(&user.language).unwrap_or_default();
        let key = format!("password_changed:{}:{}", user.id, uuid::Uuid::new_v4());
        notify::send(
            db,
            To::Email(&user.email),
            lang,
            Template::PasswordChanged,
            &key,
            None,
        )
        .await?;
        crate::paths::go("/sign-in?reset=1");
        Ok(())
    }
}

//! Account care: change the password (the current one first), and change the email or phone,
//! which needs a recent "Confirm it's you" (`auth::recent`) and only takes effect once a
//! code sent to the new address or number comes back.

use crate::error::AppError;
use crate::model::ContactStep;
use leptos::prelude::*;

#[server(endpoint = "accounts/change-password")]
pub async fn change_password(current_password: String, password: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::change_password(&call, user_id, current_password, password).await
}

/// The contact details as they are (for the form), and what is waiting for a code.
#[server(endpoint = "accounts/contact-step")]
pub async fn get_contact_step() -> Result<ContactStep, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::contact_step(&call, user_id).await
}

/// The page the email and phone are changed on.
pub const CONTACT_PAGE: &str = "/account/contact";

#[server(endpoint = "accounts/change-contact")]
pub async fn change_contact(email: String, phone: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let values = [("email", email.as_str()), ("phone", phone.as_str())];
    crate::auth::recent::require_keeping(&call, user_id, CONTACT_PAGE, "change-contact", &values)
        .await?;
    let result = server::change_contact(&call, user_id, &email, &phone).await;
    call.keep_on_error("change-contact", &values, result).await
}

#[server(endpoint = "accounts/confirm-contact")]
pub async fn confirm_contact(
    email_code: Option<String>,
    sms_code: Option<String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::confirm_contact(
        &call,
        user_id,
        email_code.unwrap_or_default(),
        sms_code.unwrap_or_default(),
    )
    .await
}

#[cfg(feature = "ssr")]
mod server {
    use crate::auth::codes::{self, Channel, Purpose};
    use crate::auth::{factor_lock, lockout, password, phone, rate_limit, recent, session, Call};
    use crate::data::accounts::users::{self, UserRow};
    use crate::error::AppError;
    use crate::model::ContactStep;
    use crate::notify::{self, Template, To};
    use crate::problem::{Problem, Problems};
    use crate::validate;
    use serde::{Deserialize, Serialize};

    const PENDING_CONTACT: &str = "pending_contact";

    /// New contact details waiting for their codes; a code already proved is remembered,
    /// so a retry needs only the other one.
    #[derive(Clone, Serialize, Deserialize)]
    struct PendingContact {
        email: Option<String>,
        phone: Option<String>,
        #[serde(default)]
        email_ok: bool,
        #[serde(default)]
        phone_ok: bool,
    }

    async fn user(call: &Call, user_id: i64) -> Result<UserRow, AppError> {
        users::by_id(&call.state.db, user_id)
            .await?
            .ok_or(AppError::Unauthorized)
    }

    fn lang(user: &UserRow) -> crate::i18n::Lang {
        crate::i18n::Lang::from_code(&user.language).unwrap_or_default()
    }

    pub async fn change_password(
        call: &Call,
        user_id: i64,
        current: String,
        new: String,
    ) -> Result<(), AppError> {
        let user = user(call, user_id).await?;
        let mut problems = Problems::default();
        if current.is_empty() {
            problems.add("current_password", Problem::Required);
        }
        problems.check(
            "password",
            password::acceptable(&new, &password::personal_details(&user)),
        );
        problems.into_result()?;
        rate_limit::take(&call.state.limits.sign_in, call.client.rate_key())
            .map_err(AppError::form)?;
        if let Some(minutes) = lockout::minutes_left(&user, chrono::Utc::now()) {
            return Err(AppError::form(Problem::AccountLocked { minutes }));
        }
        if !password::verify(current, Some(user.password_hash.clone())).await? {
            // Counted like a wrong sign-in: a taken-over session cannot guess it either.
            return Err(match lockout::after_failure(call, &user).await? {
                Some(minutes) => AppError::form(Problem::AccountLocked {
                    minutes: minutes as u32,
                }),
                None => AppError::field("current_password", Problem::PasswordWrong),
            });
        }
        let db = &call.state.db;
        users::set_password(db, user.id, &password::hash(new).await?).await?;
        // The current password was just given: that is a confirmation too.
        recent::stamp(&call.session, user.id).await?;
        // Everywhere else is signed out; this session stays.
        let keep = session::current_key(&call.session);
        crate::data::sessions::delete_for_user(db, user.id, keep.as_deref()).await?;
        call.record(user.id, "password_changed").await?;
        let key = format!("password_changed:{}:{}", user.id, uuid::Uuid::new_v4());
        notify::send(
            db,
            To::Email(&user.email),
            lang(&user),
            Template::PasswordChanged,
            &key,
            None,
        )
        .await?;
        crate::paths::go("/account?password_changed=1");
        Ok(())
    }

    pub async fn contact_step(call: &Call, user_id: i64) -> Result<ContactStep, AppError> {
        let user = user(call, user_id).await?;
        let pending = call.session.get::<PendingContact>(PENDING_CONTACT).await?;
        Ok(ContactStep {
            email: user.email,
            phone: user.phone,
            new_email: pending
                .as_ref()
                .and_then(|p| p.email.as_deref().map(crate::notify::redact)),
            new_phone: pending
                .as_ref()
                .and_then(|p| p.phone.as_deref().map(phone::masked)),
        })
    }

    pub async fn change_contact(
        call: &Call,
        user_id: i64,
        email: &str,
        phone_typed: &str,
    ) -> Result<(), AppError> {
        let user = user(call, user_id).await?;
        let mut problems = Problems::default();
        let email = problems.check("email", validate::email(email));
        let phone = problems.check("phone", phone::normalise(phone_typed));
        problems.into_result()?;
        let (Some(email), Some(phone)) = (email, phone) else {
            return Err(AppError::form(Problem::StartAgain));
        };
        let new_email = (email != user.email).then_some(email);
        let new_phone = (phone != user.phone).then_some(phone);
        if new_email.is_none() && new_phone.is_none() {
            crate::paths::go("/account");
            return Ok(());
        }
        if let Some(email) = &new_email {
            if users::by_email(&call.state.db, email).await?.is_some() {
                return Err(AppError::field("email", Problem::EmailTaken));
            }
        }
        rate_limit::take(&call.state.limits.codes, call.client.rate_key())
            .map_err(AppError::form)?;
        let db = &call.state.db;
        let secret = &call.state.settings.secret;
        for (target, purpose, channel, field) in [
            (&new_email, Purpose::VerifyEmail, Channel::Email, "email"),
            (&new_phone, Purpose::VerifyPhone, Channel::Sms, "phone"),
        ] {
            let Some(target) = target else { continue };
            let code = codes::issue(db, secret, user.id, purpose, channel)
                .await?
                .map_err(|p| AppError::field(field, p))?;
            let to = if channel == Channel::Email {
                To::Email(target)
            } else {
                To::Sms(target)
            };
            let key = format!("{}:{}:{}", purpose.code(), user.id, uuid::Uuid::new_v4());
            notify::send(
                db,
                to,
                lang(&user),
                Template::VerifyContact { code: &code },
                &key,
                None,
            )
            .await?;
        }
        call.session
            .insert(
                PENDING_CONTACT,
                PendingContact {
                    email: new_email,
                    phone: new_phone,
                    email_ok: false,
                    phone_ok: false,
                },
            )
            .await?;
        crate::paths::go("/account/contact/verify");
        Ok(())
    }

    pub async fn confirm_contact(
        call: &Call,
        user_id: i64,
        email_code: String,
        sms_code: String,
    ) -> Result<(), AppError> {
        let Some(pending) = call.session.get::<PendingContact>(PENDING_CONTACT).await? else {
            return Err(AppError::form(Problem::StartAgain));
        };
        let user = user(call, user_id).await?;
        rate_limit::take(&call.state.limits.codes, call.client.rate_key())
            .map_err(AppError::form)?;
        let db = &call.state.db;
        let secret = &call.state.settings.secret;
        let mut pending = pending;
        let mut problems = Problems::default();
        for (wanted, typed, purpose, field) in [
            (
                pending.email.is_some() && !pending.email_ok,
                &email_code,
                Purpose::VerifyEmail,
                "email_code",
            ),
            (
                pending.phone.is_some() && !pending.phone_ok,
                &sms_code,
                Purpose::VerifyPhone,
                "sms_code",
            ),
        ] {
            if !wanted {
                continue;
            }
            let Some(typed) = problems.check(field, validate::code(typed)) else {
                continue;
            };
            let tried = codes::check(db, secret, user.id, purpose, &typed);
            match factor_lock::attempt(call, &user, tried).await? {
                Ok(()) if purpose == Purpose::VerifyEmail => pending.email_ok = true,
                Ok(()) => pending.phone_ok = true,
                Err(problem) => problems.add(field, problem),
            }
        }
        // Nothing changes until every new detail is proved.
        call.session.insert(PENDING_CONTACT, &pending).await?;
        problems.into_result()?;
        match users::set_contact(
            db,
            user.id,
            pending.email.as_deref(),
            pending.phone.as_deref(),
        )
        .await
        {
            Ok(()) => {}
            Err(users::CreateError::EmailTaken) => return Err(AppError::form(Problem::EmailTaken)),
            Err(users::CreateError::IdentityTaken) => {
                return Err(AppError::form(Problem::StartAgain))
            }
            Err(users::CreateError::Db(e)) => return Err(e.into()),
        }
        call.session.remove_value(PENDING_CONTACT).await?;
        call.record(user.id, "contact_changed").await?;
        // The old address hears about it, in case it was not the owner.
        let key = format!("contact_changed:{}:{}", user.id, uuid::Uuid::new_v4());
        notify::send(
            db,
            To::Email(&user.email),
            lang(&user),
            Template::ContactChanged,
            &key,
            None,
        )
        .await?;
        crate::paths::go("/account?contact_changed=1");
        Ok(())
    }
}

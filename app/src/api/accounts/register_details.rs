//! Registration, step 2: email, mobile number, password and (for all but foreigners) a
//! photo. Creates the account as pending and sends a code to the email and to the phone.
//! A multipart form, because of the photo; it works as a plain form post.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

#[server(input = MultipartFormData, endpoint = "accounts/register-details")]
pub async fn register_details(data: MultipartData) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    // Only a registration under way (step 1 done in this session) may send a body of this
    // size: checked before any of it is read.
    let draft = server::draft(&call).await?;
    let fields = server::read_fields(data).await?;
    let values = [
        ("email", fields.email.as_str()),
        ("phone", fields.phone.as_str()),
    ];
    let result = server::register(&call, draft, &fields).await;
    call.keep_on_error("register-details", &values, result)
        .await
}

#[cfg(feature = "ssr")]
mod server {
    use super::super::register::RegistrationDraft;
    use crate::auth::codes::{self, Channel, Purpose};
    use crate::auth::{password, phone, photo, session, Call};
    use crate::data::accounts::users::{self, CreateError, NewUser, UserRow};
    use crate::error::AppError;
    use crate::files::form;
    use crate::model::AccountType;
    use crate::notify::{self, Template, To};
    use crate::problem::{Problem, Problems};
    use crate::validate;
    use leptos::server_fn::codec::MultipartData;

    #[derive(Default)]
    pub struct Fields {
        pub email: String,
        pub phone: String,
        pub password: String,
        pub photo: Option<Vec<u8>>,
        /// The photo was over the limit (reading stopped there).
        pub photo_too_large: bool,
    }

    /// Reads the text fields and the photo, stopping a photo at the size limit.
    pub async fn read_fields(data: MultipartData) -> Result<Fields, AppError> {
        let mut multipart = data
            .into_inner()
            .ok_or_else(|| AppError::internal("multipart body missing", &"none"))?;
        let mut fields = Fields::default();
        let mut seen = 0;
        while let Some(mut field) = form::next_field(&mut multipart, &mut seen).await {
            let name = field.name().unwrap_or_default().to_string();
            if name == "photo" {
                match form::file(&mut field, photo::MAX_BYTES).await {
                    Ok(bytes) if !bytes.is_empty() => fields.photo = Some(bytes),
                    Ok(_) => {}
                    Err(form::TooLarge) => fields.photo_too_large = true,
                }
                continue;
            }
            let text = form::text(&mut field).await;
            match name.as_str() {
                "email" => fields.email = text,
                "phone" => fields.phone = text,
                "password" => fields.password = text,
                _ => {}
            }
        }
        Ok(fields)
    }

    /// The registration under way in this session, or "start again".
    pub async fn draft(call: &Call) -> Result<RegistrationDraft, AppError> {
        call.session
            .get::<RegistrationDraft>(session::REGISTRATION)
            .await?
            .ok_or_else(|| AppError::form(Problem::StartAgain))
    }

    pub async fn register(
        call: &Call,
        draft: RegistrationDraft,
        fields: &Fields,
    ) -> Result<(), AppError> {
        let mut problems = Problems::default();
        let email = problems.check("email", validate::email(&fields.email));
        let phone = problems.check("phone", phone::normalise(&fields.phone));
        let personal = [
            draft.first_name.as_str(),
            draft.last_name.as_deref().unwrap_or_default(),
            draft.id_number.as_str(),
            fields.email.as_str(),
        ];
        let password_ok = problems
            .check(
                "password",
                password::acceptable(&fields.password, &personal),
            )
            .is_some();
        let needs_photo = draft.account_type != AccountType::Foreigner;
        let jpeg = if fields.photo_too_large {
            problems.add("photo", Problem::PhotoTooLarge { max_mb: 2 });
            None
        } else {
            match (&fields.photo, needs_photo) {
                (Some(bytes), true) => {
                    problems.check("photo", photo::process(bytes.clone()).await?)
                }
                (None, true) => {
                    problems.add("photo", Problem::Required);
                    None
                }
                _ => None,
            }
        };
        problems.into_result()?;
        let (Some(email), Some(phone), true) = (email, phone, password_ok) else {
            return Err(AppError::form(Problem::StartAgain));
        };

        let password_hash = password::hash(fields.password.clone()).await?;
        let lang = crate::i18n::use_lang();
        let user_id = match users::create_pending(
            &call.state.db,
            &NewUser {
                account_type: draft.account_type.code().to_string(),
                id_number: draft.id_number.clone(),
                first_name: draft.first_name.clone(),
                last_name: draft.last_name.clone(),
                other_names: draft.other_names.clone(),
                gender: draft.gender.clone(),
                year_of_birth: draft.year_of_birth,
                date_of_birth: draft.date_of_birth,
                email: email.clone(),
                phone: phone.clone(),
                password_hash,
                language: lang.code().to_string(),
            },
        )
        .await
        {
            Ok(id) => id,
            Err(CreateError::EmailTaken) => {
                return Err(AppError::field("email", Problem::EmailTaken))
            }
            Err(CreateError::IdentityTaken) => return Err(AppError::form(Problem::IdentityTaken)),
            Err(CreateError::Db(e)) => return Err(e.into()),
        };
        if let Some(jpeg) = jpeg {
            users::set_photo(&call.state.db, user_id, &jpeg).await?;
        }
        call.record(user_id, "registered").await?;
        super::super::digital_id::link_after_registration(call, user_id).await?;
        send_verification(call, user_id, &email, &phone, true, true)
            .await?
            .map_err(AppError::form)?;
        call.session.remove_value(session::REGISTRATION).await?;
        call.session.insert(session::VERIFYING, user_id).await?;
        crate::paths::go("/register/verify");
        Ok(())
    }

    /// A person who registered but never confirmed the codes signs in (by password or
    /// Digital ID): they finish that first. Sends the codes still owed (a code asked for
    /// less than a minute ago is still on its way) and returns where to go.
    pub async fn resume_verification(
        call: &Call,
        user: &UserRow,
    ) -> Result<&'static str, AppError> {
        call.session.insert(session::VERIFYING, user.id).await?;
        let _ = send_verification(
            call,
            user.id,
            &user.email,
            &user.phone,
            user.email_verified_at.is_none(),
            user.phone_verified_at.is_none(),
        )
        .await?;
        Ok("/register/verify")
    }

    /// Sends verification codes to the email and/or the phone. A resend too soon is an error
    /// only when asked for explicitly (the caller decides).
    pub async fn send_verification(
        call: &Call,
        user_id: i64,
        email: &str,
        phone: &str,
        to_email: bool,
        to_phone: bool,
    ) -> Result<Result<(), Problem>, AppError> {
        let db = &call.state.db;
        let secret = &call.state.settings.secret;
        let lang = crate::i18n::use_lang();
        for (wanted, purpose, channel, to) in [
            (
                to_email,
                Purpose::VerifyEmail,
                Channel::Email,
                To::Email(email),
            ),
            (to_phone, Purpose::VerifyPhone, Channel::Sms, To::Sms(phone)),
        ] {
            if !wanted {
                continue;
            }
            let code = match codes::issue(db, secret, user_id, purpose, channel).await? {
                Ok(code) => code,
                Err(problem) => return Ok(Err(problem)),
            };
            let key = format!("{}:{user_id}:{}", purpose.code(), uuid::Uuid::new_v4());
            notify::send(
                db,
                to,
                lang,
                Template::VerifyContact { code: &code },
                &key,
                None,
            )
            .await?;
        }
        Ok(Ok(()))
    }
}

#[cfg(feature = "ssr")]
pub(crate) use server::{resume_verification, send_verification};

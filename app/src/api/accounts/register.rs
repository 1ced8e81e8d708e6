//! Registration, step 1: the account type and identity details, checked against the
//! population registry (foreigners: format only). On a match the details wait in the session
//! for step 2.

// A plain form posts one argument per field; the server-function macro generates the
// browser-side function too, so the allowance has to cover the whole module.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::model::AccountType;
use crate::model::RegistrationStep;
use leptos::prelude::*;

/// The identity a person proved in step 1, kept in their session until step 2.
#[cfg(feature = "ssr")]
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RegistrationDraft {
    pub account_type: AccountType,
    pub id_number: String,
    pub first_name: String,
    pub last_name: Option<String>,
    pub other_names: Option<String>,
    pub gender: Option<String>,
    pub year_of_birth: i32,
    pub date_of_birth: Option<chrono::NaiveDate>,
}

#[server(endpoint = "accounts/register")]
pub async fn validate_identity(
    account_type: String,
    id_number: String,
    first_name: String,
    last_name: Option<String>,
    other_names: Option<String>,
    gender: Option<String>,
    year_of_birth: Option<String>,
    date_of_birth: Option<String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let form = format!("register-{account_type}");
    let values = [
        ("id_number", id_number.as_str()),
        ("first_name", first_name.as_str()),
        ("last_name", last_name.as_deref().unwrap_or_default()),
        ("other_names", other_names.as_deref().unwrap_or_default()),
        ("gender", gender.as_deref().unwrap_or_default()),
        (
            "year_of_birth",
            year_of_birth.as_deref().unwrap_or_default(),
        ),
        (
            "date_of_birth",
            date_of_birth.as_deref().unwrap_or_default(),
        ),
    ];
    let result = server::validate(
        &call,
        &account_type,
        &id_number,
        &first_name,
        last_name.as_deref(),
        other_names.as_deref(),
        gender.as_deref(),
        year_of_birth.as_deref(),
        date_of_birth.as_deref(),
    )
    .await;
    call.keep_on_error(&form, &values, result).await
}

/// Step 2's view of the registration in progress, or `None` when step 1 is not done.
#[server(endpoint = "accounts/registration-step")]
pub async fn get_registration_step() -> Result<Option<RegistrationStep>, AppError> {
    let call = crate::auth::call().await?;
    let draft = call
        .session
        .get::<RegistrationDraft>(crate::auth::session::REGISTRATION)
        .await?;
    Ok(draft.map(|d| RegistrationStep {
        account_type: d.account_type,
        first_name: d.first_name,
        needs_photo: d.account_type != AccountType::Foreigner,
    }))
}

#[cfg(feature = "ssr")]
mod server {
    use super::RegistrationDraft;
    use crate::auth::{rate_limit, registry::VerifyRequest, Call};
    use crate::error::AppError;
    use crate::model::AccountType;
    use crate::problem::{Problem, Problems};
    use crate::validate;

    pub async fn validate(
        call: &Call,
        account_type: &str,
        id_number: &str,
        first_name: &str,
        last_name: Option<&str>,
        other_names: Option<&str>,
        gender: Option<&str>,
        year_of_birth: Option<&str>,
        date_of_birth: Option<&str>,
    ) -> Result<(), AppError> {
        let account_type = AccountType::from_code(account_type).ok_or(AppError::NotFound)?;
        let this_year = super::super::this_year();
        let mut problems = Problems::default();
        let id_number = problems.check("id_number", validate::id_number(account_type, id_number));
        let first_name = problems.check("first_name", validate::name(first_name));
        let foreigner = account_type == AccountType::Foreigner;
        let diplomat = account_type == AccountType::Diplomat;
        let (last_name, other_names, gender) = if foreigner {
            (
                problems.check("last_name", validate::name(last_name.unwrap_or_default())),
                problems
                    .check(
                        "other_names",
                        validate::optional_name(other_names.unwrap_or_default()),
                    )
                    .flatten(),
                problems.check(
                    "gender",
                    match gender.unwrap_or_default() {
                        g @ ("female" | "male") => Ok(g.to_string()),
                        _ => Err(Problem::Required),
                    },
                ),
            )
        } else {
            (None, None, None)
        };
        let (year, date) = if foreigner || diplomat {
            let date = problems.check(
                "date_of_birth",
                validate::date(date_of_birth.unwrap_or_default(), this_year),
            );
            (
                date.map(|(y, _, _)| y),
                date.and_then(|(y, m, d)| chrono::NaiveDate::from_ymd_opt(y, m, d)),
            )
        } else {
            (
                problems.check(
                    "year_of_birth",
                    validate::year_of_birth(year_of_birth.unwrap_or_default(), this_year),
                ),
                None,
            )
        };
        problems.into_result()?;
        let (Some(id_number), Some(first_name), Some(year)) = (id_number, first_name, year) else {
            return Err(AppError::form(Problem::StartAgain));
        };

        // Probing the registry is rate limited per address.
        rate_limit::take(&call.state.limits.registry, call.client.rate_key())
            .map_err(AppError::form)?;

        let mut draft = RegistrationDraft {
            account_type,
            id_number: id_number.clone(),
            first_name: first_name.clone(),
            last_name,
            other_names,
            gender,
            year_of_birth: year,
            date_of_birth: date,
        };
        if !foreigner {
            let answer = call
                .state
                .registry
                .verify(&VerifyRequest {
                    id_type: account_type.code().to_string(),
                    id_number: id_number.clone(),
                    first_name,
                    year_of_birth: (!diplomat).then_some(year),
                    date_of_birth: date,
                })
                .await
                .map_err(|e| AppError::internal("registry lookup failed", &e))?;
            let Some(person) = answer.person.filter(|_| answer.matched) else {
                return Err(AppError::form(Problem::NoMatch));
            };
            // The registry's spelling is the one on the document.
            draft.first_name = person.first_name;
            draft.last_name = Some(person.last_name);
            draft.other_names = person.other_names;
            draft.gender = Some(person.gender);
            draft.date_of_birth = Some(person.date_of_birth);
        }
        if let Some(existing) =
            crate::data::accounts::users::by_id_number(&call.state.db, &id_number).await?
        {
            if existing.status != "pending" {
                return Err(AppError::form(Problem::IdentityTaken));
            }
        }
        // Typed in by hand: not the identity a Digital ID sign-in may have started with.
        call.session
            .remove_value(super::super::digital_id::LINK)
            .await?;
        call.session
            .insert(crate::auth::session::REGISTRATION, &draft)
            .await?;
        crate::paths::go("/register/details");
        Ok(())
    }
}

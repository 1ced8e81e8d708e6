//! "Sign in with Digital ID": leave for the national identity provider, come back with who
//! the person is. The provider has authenticated them (with its own second factor), so no
//! further code is asked. The first time, the identity is linked to the account holding the
//! same national ID number, or, when there is none, registration starts with the verified
//! details filled in (the registry check is not repeated: the provider is the stronger one).

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Whether the sign-in page offers Digital ID (an identity provider is configured).
#[server(endpoint = "accounts/digital-id-offered")]
pub async fn digital_id_offered() -> Result<bool, AppError> {
    Ok(crate::state::app_state()?.digital_id.is_some())
}

/// Sends the browser to the identity provider (a plain form post; works without JavaScript).
#[server(endpoint = "accounts/digital-id")]
pub async fn start_digital_id(
    shared: Option<String>,
    next: Option<String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let shared = shared.is_some_and(|v| !v.is_empty());
    let next = next
        .as_deref()
        .and_then(crate::paths::local_path)
        .map(str::to_string);
    server::start(&call, shared, next).await
}

/// Where the identity provider sends the browser back. Always answers with a redirect:
/// on to the account (or registration), or back to sign-in with a message.
#[server(endpoint = "accounts/digital-id-callback", input = GetUrl)]
pub async fn digital_id_callback(
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let to = match server::come_back(&call, code, state, error).await {
        Ok(to) => to,
        Err(AppError::Invalid(_)) => "/sign-in?digital_id=failed".to_string(),
        Err(other) => return Err(other),
    };
    crate::paths::go(&to);
    Ok(())
}

#[cfg(feature = "ssr")]
mod server {
    use super::super::register::RegistrationDraft;
    use crate::auth::digital_id::{Pending, VerifiedIdentity};
    use crate::auth::{rate_limit, session, Call};
    use crate::data::accounts::{digital_id, users};
    use crate::error::AppError;
    use crate::model::AccountType;
    use crate::problem::Problem;
    use chrono::Datelike;
    use serde::{Deserialize, Serialize};

    const FLOW: &str = "digital_id_flow";
    /// The provider's name for a person who is registering, to link once the account exists.
    pub const LINK: &str = "digital_id_link";
    const CALLBACK: &str = "/api/accounts/digital-id-callback";

    #[derive(Serialize, Deserialize)]
    struct Flow {
        pending: Pending,
        shared: bool,
        next: Option<String>,
    }

    fn failed() -> AppError {
        AppError::form(Problem::DigitalIdFailed)
    }

    pub async fn start(call: &Call, shared: bool, next: Option<String>) -> Result<(), AppError> {
        let provider = call.state.digital_id.clone().ok_or(AppError::NotFound)?;
        rate_limit::take(&call.state.limits.sign_in, call.client.rate_key())
            .map_err(AppError::form)?;
        let redirect = format!("{}{CALLBACK}", call.origin());
        let (url, pending) = provider.start(&redirect).await.map_err(|e| {
            tracing::warn!(error = %e, "Digital ID unavailable");
            AppError::form(Problem::DigitalIdUnavailable)
        })?;
        call.session
            .insert(
                FLOW,
                Flow {
                    pending,
                    shared,
                    next,
                },
            )
            .await?;
        crate::paths::go(&url);
        Ok(())
    }

    /// Checks the answer and decides where the person goes.
    pub async fn come_back(
        call: &Call,
        code: Option<String>,
        state: Option<String>,
        error: Option<String>,
    ) -> Result<String, AppError> {
        let provider = call.state.digital_id.clone().ok_or(AppError::NotFound)?;
        let Some(flow) = call.session.remove::<Flow>(FLOW).await? else {
            return Err(failed());
        };
        if let Some(error) = error {
            // The person cancelled at the provider, or it refused: nothing more to do.
            tracing::info!(error = %error, "Digital ID sign-in not completed");
            return Err(failed());
        }
        // The state ties this answer to the browser that started (no login CSRF).
        let (Some(code), true) = (code, state.as_deref() == Some(flow.pending.state.as_str()))
        else {
            return Err(failed());
        };
        let redirect = format!("{}{CALLBACK}", call.origin());
        let identity = provider
            .finish(&redirect, flow.pending, code)
            .await
            .map_err(|e| {
                tracing::warn!(error = %e, "Digital ID answer refused");
                failed()
            })?;
        arrive(call, identity, flow.shared, flow.next.as_deref()).await
    }

    async fn arrive(
        call: &Call,
        identity: VerifiedIdentity,
        shared: bool,
        next: Option<&str>,
    ) -> Result<String, AppError> {
        let db = &call.state.db;
        let linked = digital_id::linked_user(db, &identity.issuer, &identity.subject).await?;
        let user = match linked {
            Some(user_id) => users::by_id(db, user_id).await?,
            None => {
                match users::by_id_number(db, &identity.id_number).await? {
                    Some(user) => {
                        // The provider vouches for this ID number: it is this account's holder.
                        digital_id::link(db, user.id, &identity.issuer, &identity.subject).await?;
                        call.new_sign_in_method(user.id, "digital_id_linked")
                            .await?;
                        Some(user)
                    }
                    None => return register(call, identity).await,
                }
            }
        };
        let Some(user) = user else {
            return Err(failed());
        };
        match user.status.as_str() {
            "active" => {
                call.record(user.id, "digital_id_used").await?;
                super::super::sign_in_code::finish(call, user.id, shared, next, false, false).await
            }
            "pending" => Ok(
                super::super::register_details::resume_verification(call, &user)
                    .await?
                    .to_string(),
            ),
            _ => Err(failed()),
        }
    }

    /// No account yet: registration's second step, with the verified identity.
    async fn register(call: &Call, identity: VerifiedIdentity) -> Result<String, AppError> {
        let draft = RegistrationDraft {
            account_type: AccountType::Citizen,
            id_number: identity.id_number,
            first_name: identity.first_name,
            last_name: identity.last_name,
            other_names: identity.other_names,
            gender: None,
            year_of_birth: identity.date_of_birth.year(),
            date_of_birth: Some(identity.date_of_birth),
        };
        call.session.insert(session::REGISTRATION, &draft).await?;
        call.session
            .insert(LINK, (identity.issuer, identity.subject))
            .await?;
        Ok("/register/details".to_string())
    }

    /// After registration created the account: link the identity it started from, if any.
    pub async fn link_after_registration(call: &Call, user_id: i64) -> Result<(), AppError> {
        if let Some((issuer, subject)) = call.session.remove::<(String, String)>(LINK).await? {
            digital_id::link(&call.state.db, user_id, &issuer, &subject).await?;
            call.record(user_id, "digital_id_linked").await?;
        }
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub(crate) use server::{link_after_registration, LINK};

//! Accounts and identity on the server: passwords, codes, sessions, the registry, photos,
//! and the request facts (client address, device) that rate limits and the activity log use.

pub mod client;
pub mod codes;
pub mod device;
pub mod digital_id;
pub mod factor_lock;
pub mod lockout;
pub mod passkey;
pub mod password;
pub mod phone;
pub mod photo;
pub mod rate_limit;
pub mod recent;
pub mod registry;
pub mod session;
pub mod totp;

use crate::error::AppError;
use crate::state::AppState;
use tower_sessions::Session;

/// What most account server functions start with: the app state, the caller's session and
/// who is calling from where.
pub struct Call {
    pub state: AppState,
    pub session: Session,
    pub client: client::Client,
}

pub async fn call() -> Result<Call, AppError> {
    let state = crate::state::app_state()?;
    let session = leptos_axum::extract::<Session>()
        .await
        .map_err(|e| AppError::internal("session layer missing", &e))?;
    let parts = leptos::prelude::use_context::<http::request::Parts>();
    let client = parts
        .as_ref()
        .map(|p| client::Client::from_parts(p, state.settings.trust_proxy))
        .unwrap_or_default();
    Ok(Call {
        state,
        session,
        client,
    })
}

impl Call {
    /// The signed-in person's id, or `Unauthorized`.
    pub async fn user_id(&self) -> Result<i64, AppError> {
        session::signed_in(&self.session)
            .await?
            .map(|u| u.user_id)
            .ok_or(AppError::Unauthorized)
    }

    /// True when the request is a plain form post (JavaScript off): the browser wants HTML
    /// back, so a failure must keep what was typed for the page it is sent back to.
    pub fn is_plain_form(&self) -> bool {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| p.headers.get(http::header::ACCEPT).cloned())
            .and_then(|v| v.to_str().ok().map(|s| s.contains("text/html")))
            .unwrap_or(false)
    }

    /// On failure of a plain form post, keeps the typed values (never passwords or codes).
    pub async fn keep_on_error<T>(
        &self,
        form: &str,
        values: &[(&str, &str)],
        result: Result<T, AppError>,
    ) -> Result<T, AppError> {
        if let Err(AppError::Invalid(_)) = &result {
            if self.is_plain_form() {
                session::keep_form(&self.session, form, values).await?;
            }
        }
        result
    }

    /// Where people reach the portal, for links in emails and SMS: the configured public
    /// address only (a request's Host can be anything the sender likes).
    pub fn public_url(&self) -> &str {
        &self.state.settings.public_url
    }

    /// Where this browser is talking to the portal (passkeys and Digital ID must match the
    /// page's own origin): the configured public address, else this request's host.
    pub fn origin(&self) -> String {
        if let Some(origin) = &self.state.settings.public_origin {
            return origin.clone();
        }
        let host = leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| p.headers.get(http::header::HOST).cloned())
            .and_then(|h| h.to_str().ok().map(str::to_string))
            .unwrap_or_else(|| "127.0.0.1:3000".to_string());
        let scheme = if self.state.settings.https {
            "https"
        } else {
            "http"
        };
        format!("{scheme}://{host}")
    }

    /// For calls from the hydrated app rather than form posts: the error's status
    /// (`AppError::status`, the one mapping) set here already, as the server's `api_status`
    /// layer would, for the functions that also want it in their own tests' view.
    /// A plain form post is left alone: leptos sends the browser back to the form's page
    /// with the error (a redirect), which a status set here would break.
    pub fn answer<T>(&self, result: Result<T, AppError>) -> Result<T, AppError> {
        if self.is_plain_form() {
            return result;
        }
        if let Err(error) = &result {
            let status = error.status();
            if status.is_client_error() {
                if let Some(response) =
                    leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
                {
                    response.set_status(status);
                }
            }
        }
        result
    }

    /// Records `kind` in the person's activity log and tells their email address that a new
    /// way to sign in (passkey, authenticator app, Digital ID) was added.
    pub async fn new_sign_in_method(&self, user_id: i64, kind: &str) -> Result<(), AppError> {
        self.record(user_id, kind).await?;
        let db = &self.state.db;
        if let Some(user) = crate::data::accounts::users::by_id(db, user_id).await? {
            let key = format!("{kind}:{user_id}:{}", uuid::Uuid::new_v4());
            crate::notify::send(
                db,
                crate::notify::To::Email(&user.email),
                crate::i18n::Lang::from_code(&user.language).unwrap_or_default(),
                crate::notify::Template::SignInMethodAdded,
                &key,
                None,
            )
            .await?;
        }
        Ok(())
    }

    /// Who is calling, for the audit log: `user_id` acting as `role` (for `agency`), from
    /// this request's address and device.
    pub fn who(
        &self,
        user_id: i64,
        role: &'static str,
        agency: Option<&str>,
    ) -> crate::data::audit::Who {
        crate::data::audit::Who {
            user_id: Some(user_id),
            role,
            agency: agency.map(str::to_string),
            ip: self.client.ip.map(|ip| ip.to_string()),
            device: Some(self.client.device.clone()),
        }
    }

    /// Appends an entry to the audit log.
    pub async fn audit(
        &self,
        who: &crate::data::audit::Who,
        action: &str,
        application_id: Option<i64>,
        subject: &str,
        detail: serde_json::Value,
    ) -> Result<(), AppError> {
        crate::data::audit::record(
            &self.state.db,
            &crate::data::audit::Entry {
                who,
                action,
                application_id,
                subject,
                detail: &detail.to_string(),
            },
        )
        .await?;
        Ok(())
    }

    /// A sign-in: in the person's activity log, and in the audit log under their highest
    /// role.
    pub async fn signed_in(&self, user_id: i64, second_factor: bool) -> Result<(), AppError> {
        self.record(user_id, "signed_in").await?;
        let role = crate::api::staff::access::highest_role(&self.state.db, user_id).await?;
        self.audit(
            &self.who(user_id, role, None),
            "signed_in",
            None,
            &format!("user:{user_id}"),
            serde_json::json!({ "second_factor": second_factor }),
        )
        .await
    }

    /// Records an event in a person's activity log.
    pub async fn record(&self, user_id: i64, kind: &str) -> Result<(), AppError> {
        crate::data::accounts::events::record(
            &self.state.db,
            user_id,
            kind,
            self.client.ip.map(|ip| ip.to_string()).as_deref(),
            Some(self.client.device.as_str()),
            None,
        )
        .await?;
        Ok(())
    }
}

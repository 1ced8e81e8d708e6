//! The error type of every server function: what a person may see, and nothing more.
//!
//! Internal failures are logged on the server with the request id, and the browser gets only
//! that id to quote (never SQL text or internals; see leptos-rs/leptos#3270).

use leptos::server_fn::{codec::JsonEncoding, error::FromServerFnError, error::ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or is not the caller's to see).
    #[error("not found")]
    NotFound,
    /// Something failed on the server; `reference` is the request id to quote.
    #[error("internal error, reference {reference}")]
    Internal { reference: String },
    /// Something the person typed is wrong: which field, and what (codes, no values).
    #[error("invalid input")]
    Invalid(Vec<crate::problem::FieldError>),
    /// The caller must sign in first.
    #[error("sign-in required")]
    Unauthorized,
    /// Signed in, but not allowed to do this.
    #[error("forbidden")]
    Forbidden,
    /// Staff signed in without a second factor (a remembered device, Digital ID alone):
    /// staff pages need one.
    #[error("second factor needed")]
    SecondFactorNeeded,
    /// A change to how the person signs in or is reached, without a recent "Confirm it's
    /// you" (`auth::recent`): the page sends them there first.
    #[error("confirmation needed")]
    ConfirmNeeded,
    /// The call itself failed (network, encoding) before or after the server ran it.
    #[error("request failed: {0}")]
    Call(ServerFnErrorErr),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Call(value)
    }
}

#[cfg(feature = "ssr")]
mod server {
    use super::AppError;

    /// The id of the request being served, as set by the request-id middleware.
    pub fn current_request_id() -> Option<String> {
        let parts = leptos::prelude::use_context::<http::request::Parts>()?;
        let id = parts.headers.get("x-request-id")?.to_str().ok()?;
        Some(id.to_string())
    }

    impl AppError {
        /// Logs an internal failure with its context and returns what the person may see.
        pub fn internal(context: &str, error: &dyn std::fmt::Display) -> AppError {
            let reference =
                current_request_id().unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
            tracing::error!(request_id = %reference, error = %error, "{context}");
            AppError::Internal { reference }
        }
    }

    impl AppError {
        /// The HTTP status this error is answered with, the one mapping for every server
        /// function (applied by the server's `api_status` layer): the person's mistakes are
        /// 4xx, only the portal's own faults 500.
        pub fn status(&self) -> http::StatusCode {
            use http::StatusCode;
            use leptos::server_fn::error::ServerFnErrorErr as Call;
            match self {
                AppError::Invalid(_) if self.retry_after().is_some() => {
                    StatusCode::TOO_MANY_REQUESTS
                }
                AppError::Invalid(_) => StatusCode::BAD_REQUEST,
                AppError::Unauthorized => StatusCode::UNAUTHORIZED,
                AppError::Forbidden | AppError::SecondFactorNeeded | AppError::ConfirmNeeded => {
                    StatusCode::FORBIDDEN
                }
                AppError::NotFound => StatusCode::NOT_FOUND,
                // What the caller sent could not be read as the function's arguments.
                AppError::Call(Call::Args(_) | Call::MissingArg(_) | Call::Deserialization(_)) => {
                    StatusCode::BAD_REQUEST
                }
                AppError::Call(Call::UnsupportedRequestMethod(_)) => StatusCode::METHOD_NOT_ALLOWED,
                AppError::Call(Call::Registration(_)) => StatusCode::NOT_FOUND,
                AppError::Internal { .. } | AppError::Call(_) => StatusCode::INTERNAL_SERVER_ERROR,
            }
        }

        /// With each problem's words in `lang`, for the browser to show (`FieldError::message`).
        pub fn in_words(self, lang: crate::i18n::Lang) -> AppError {
            match self {
                AppError::Invalid(problems) => {
                    AppError::Invalid(problems.into_iter().map(|p| p.in_words(lang)).collect())
                }
                other => other,
            }
        }

        /// Seconds to wait before trying again, for an error that is a limit (429).
        pub fn retry_after(&self) -> Option<u64> {
            use crate::problem::Problem;
            self.problems().iter().find_map(|p| match p.problem {
                Problem::TooManyAttempts { minutes }
                | Problem::AccountLocked { minutes }
                | Problem::CodesPaused { minutes } => Some(u64::from(minutes) * 60),
                Problem::ResendTooSoon { seconds } => Some(u64::from(seconds)),
                _ => None,
            })
        }
    }

    impl From<tower_sessions::session::Error> for AppError {
        fn from(error: tower_sessions::session::Error) -> Self {
            AppError::internal("session store failed", &error)
        }
    }

    impl From<sqlx::Error> for AppError {
        fn from(error: sqlx::Error) -> Self {
            AppError::internal("database query failed", &error)
        }
    }
}

#[cfg(feature = "ssr")]
pub use server::current_request_id;

impl AppError {
    /// A form-level problem (not tied to one field).
    pub fn form(problem: crate::problem::Problem) -> AppError {
        AppError::Invalid(vec![crate::problem::FieldError::new(
            crate::problem::FORM,
            problem,
        )])
    }

    /// One field's problem.
    pub fn field(field: &str, problem: crate::problem::Problem) -> AppError {
        AppError::Invalid(vec![crate::problem::FieldError::new(field, problem)])
    }

    /// The problems, if this is an invalid-input error.
    pub fn problems(&self) -> &[crate::problem::FieldError] {
        match self {
            AppError::Invalid(problems) => problems,
            _ => &[],
        }
    }
}

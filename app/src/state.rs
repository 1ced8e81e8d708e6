//! What every server function and page render can reach on the server: one value, put in
//! context by `leptos_routes` for both page renders and server-function calls.

use crate::data::Db;
use axum::extract::FromRef;
use leptos::config::LeptosOptions;

#[derive(Clone, Debug, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Db,
}

/// The state from context; server functions call this first.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        crate::error::AppError::internal("application state missing from context", &"no AppState")
    })
}

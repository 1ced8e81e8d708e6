//! The session layer: database-backed sessions (app::auth::session) in a cookie named
//! `__Host-uraia_session` (Secure) when the site is served over HTTPS, `uraia_session`
//! otherwise (browsers refuse `__Host-` cookies without `Secure`). HttpOnly, SameSite=Lax,
//! 30 minutes idle, renewed on every request.

use app::auth::session::{DbSessionStore, IDLE_MINUTES};
use app::state::AppState;
use tower_sessions::{cookie::SameSite, Expiry, SessionManagerLayer};

pub fn cookie_name(https: bool) -> &'static str {
    if https {
        "__Host-uraia_session"
    } else {
        "uraia_session"
    }
}

pub fn layer(state: &AppState) -> SessionManagerLayer<DbSessionStore> {
    let https = state.settings.https;
    SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(cookie_name(https))
        .with_secure(https)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_path("/")
        .with_expiry(Expiry::OnInactivity(time::Duration::minutes(IDLE_MINUTES)))
        .with_always_save(true)
}

/// Removes expired sessions every ten minutes.
pub fn spawn_cleanup(db: app::data::Db) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(error) = app::data::sessions::delete_expired(&db).await {
                tracing::warn!(%error, "could not remove expired sessions");
            }
        }
    });
}

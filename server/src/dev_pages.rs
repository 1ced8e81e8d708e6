//! Development-only pages (not routed in production mode): the mailbox where the local
//! sink keeps every email and SMS, so the demo and the tests can read the codes.

use app::state::AppState;
use axum::{
    extract::{Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct MailboxQuery {
    to: Option<String>,
}

/// Text for HTML (the development pages write their markup by hand).
pub(crate) fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub async fn mailbox(State(state): State<AppState>, Query(q): Query<MailboxQuery>) -> Response {
    if state.settings.production {
        return StatusCode::NOT_FOUND.into_response();
    }
    let messages = match app::data::outbox::dev_mailbox(&state.db, q.to.as_deref(), 50).await {
        Ok(m) => m,
        Err(error) => {
            tracing::error!(%error, "could not read the development mailbox");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let items: String = messages
        .iter()
        .map(|m| {
            format!(
                "<article class=\"message\"><h2>{subject}</h2><p><strong>{channel}</strong> · to <span class=\"to\">{to}</span> · {at}</p><pre>{body}</pre></article>",
                subject = escape(&m.subject),
                channel = escape(&m.channel),
                to = escape(&m.recipient),
                at = m.created_at.format("%Y-%m-%d %H:%M:%S UTC"),
                body = escape(&m.body),
            )
        })
        .collect();
    let empty = if messages.is_empty() {
        "<p>No messages yet. / Hakuna ujumbe bado.</p>"
    } else {
        ""
    };
    Html(format!(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"robots\" content=\"noindex\"><title>Development mailbox – Uraia</title></head><body><main>\
         <h1>Development mailbox <span lang=\"sw\">(Sanduku la barua la majaribio)</span></h1>\
         <p>Emails and SMS the local sink delivered, newest first. This page does not exist in production. \
         <span lang=\"sw\">Barua pepe na SMS zilizotumwa hapa, za karibuni kwanza. Ukurasa huu haupo katika uzalishaji.</span></p>\
         {empty}{items}</main></body></html>"
    ))
    .into_response()
}

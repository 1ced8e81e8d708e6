//! Server-sent events for open pages: `GET /applications/{id}/events` (its owner, signed
//! in) and `GET /track/{reference}/events` (a session that proved the reference on the
//! tracking page). Anyone else gets 404.
//!
//! Each stream starts after the event the page was rendered with (`?after=`), or after
//! the browser's `Last-Event-ID` when it reconnects, sends the events since, then waits on
//! the instance's hub (app/src/live.rs) and sends each new event of this application with
//! its id. Event data is the new status only: the page reads the rest itself.

use app::data::applications::{self, ApplicationRow};
use app::data::tracking;
use app::live::Wake;
use app::state::AppState;
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, HeaderValue, StatusCode},
    response::{
        sse::{Event, KeepAlive, Sse},
        IntoResponse, Response,
    },
};
use futures::stream::{self, Stream};
use serde::Deserialize;
use std::collections::VecDeque;
use std::convert::Infallible;
use std::time::Duration;
use tokio::sync::broadcast::{self, error::RecvError};
use tower_sessions::Session;

#[derive(Deserialize)]
pub struct After {
    after: Option<i64>,
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Not found").into_response()
}

/// `Last-Event-ID` (a reconnect) wins over `?after=` (the page's first connection).
fn start_after(headers: &HeaderMap, after: &After) -> Option<i64> {
    headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
        .or(after.after)
}

pub async fn application(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<String>,
    Query(after): Query<After>,
    headers: HeaderMap,
) -> Response {
    let Ok(Some(user)) = app::auth::session::signed_in(&session).await else {
        return not_found();
    };
    let found = applications::of_user(&state.db, user.user_id, &id).await;
    open(state, found, start_after(&headers, &after)).await
}

pub async fn tracked(
    State(state): State<AppState>,
    session: Session,
    Path(reference): Path<String>,
    Query(after): Query<After>,
    headers: HeaderMap,
) -> Response {
    let proved = app::api::tracking::server::session_tracks(&session, &reference).await;
    if !matches!(proved, Ok(true)) {
        return not_found();
    }
    let found = applications::by_reference(&state.db, &reference).await;
    open(state, found, start_after(&headers, &after)).await
}

/// The stream of the application the caller may see (`found`), or 404.
async fn open(
    state: AppState,
    found: Result<Option<ApplicationRow>, sqlx::Error>,
    after: Option<i64>,
) -> Response {
    let row = match found {
        Ok(Some(row)) => row,
        Ok(None) => return not_found(),
        Err(error) => {
            tracing::error!(%error, "event stream: application lookup failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    // Subscribe before reading, so nothing written in between is missed.
    let wakes = state.live.subscribe();
    let after = match after {
        Some(after) => after,
        // No starting point: from now on.
        None => match tracking::events(&state.db, row.id, 0).await {
            Ok(events) => events.last().map(|e| e.id).unwrap_or(0),
            Err(error) => {
                tracing::error!(%error, "event stream: reading events failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
    };
    let stream = events(state.db.clone(), row.id, after, wakes);
    let mut response = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // Proxies such as nginx would otherwise hold events back.
    headers.insert("x-accel-buffering", HeaderValue::from_static("no"));
    response
}

struct Cursor {
    db: app::data::Db,
    application_id: i64,
    after: i64,
    queued: VecDeque<tracking::EventRow>,
    wakes: broadcast::Receiver<Wake>,
    /// Read the database before waiting (at the start, and after any wake-up for us).
    look: bool,
}

fn events(
    db: app::data::Db,
    application_id: i64,
    after: i64,
    wakes: broadcast::Receiver<Wake>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let cursor = Cursor {
        db,
        application_id,
        after,
        queued: VecDeque::new(),
        wakes,
        look: true,
    };
    stream::unfold(cursor, |mut c| async move {
        loop {
            if let Some(event) = c.queued.pop_front() {
                c.after = event.id;
                let data = serde_json::json!({ "status": event.to_status }).to_string();
                let sse = Event::default()
                    .id(event.id.to_string())
                    .event("status")
                    .data(data);
                return Some((Ok(sse), c));
            }
            if c.look {
                c.look = false;
                match tracking::events(&c.db, c.application_id, c.after).await {
                    Ok(rows) => c.queued.extend(rows),
                    Err(error) => {
                        tracing::warn!(%error, "event stream: reading events failed");
                        return None;
                    }
                }
                continue;
            }
            match c.wakes.recv().await {
                Ok(Wake::Application(id)) if id == c.application_id => c.look = true,
                Ok(Wake::Application(_)) => {}
                Ok(Wake::All) | Err(RecvError::Lagged(_)) => c.look = true,
                Err(RecvError::Closed) => return None,
            }
        }
    })
}

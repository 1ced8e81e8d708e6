//! Server-sent events for open pages: `GET /applications/{id}/events` (its owner, signed
//! in) and `GET /track/{reference}/events` (a session that proved the reference on the
//! tracking page). Anyone else gets 404.
//!
//! Each stream starts after the event the page was rendered with (`?after=`), or after
//! the browser's `Last-Event-ID` when it reconnects, sends the events since, then waits on
//! the instance's hub (app/src/live.rs) and sends each new event of this application with
//! its id. Event data is the new status only: the page reads the rest itself.
//!
//! A stream lives only as long as the session that opened it: it checks the session every
//! few seconds and before reading new events, and ends once the session has (signed out,
//! "sign out everywhere", a password change or reset, a disabled account, or idle expiry).

use app::data::applications::{self, ApplicationRow};
use app::data::{sessions, tracking};
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
use chrono::Utc;
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
    let Some(key) = app::auth::session::current_key(&session) else {
        return not_found();
    };
    let found = applications::of_user(&state.db, user.user_id, &id).await;
    open(state, key, found, start_after(&headers, &after)).await
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
    let Some(key) = app::auth::session::current_key(&session) else {
        return not_found();
    };
    let found = applications::by_reference(&state.db, &reference).await;
    open(state, key, found, start_after(&headers, &after)).await
}

/// How often an open stream checks that its session still stands.
pub const SESSION_CHECK: Duration = Duration::from_secs(5);

/// The stream of the application the caller may see (`found`), for as long as the session
/// (row key `session`) stands, or 404.
async fn open(
    state: AppState,
    session: String,
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
    let stream = events(state.db.clone(), session, row.id, after, wakes);
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
    /// The row key of the session that opened the stream.
    session: String,
    /// When to look at the session again.
    check: tokio::time::Interval,
    application_id: i64,
    after: i64,
    queued: VecDeque<tracking::EventRow>,
    wakes: broadcast::Receiver<Wake>,
    /// Read the database before waiting (at the start, and after any wake-up for us).
    look: bool,
}

/// Whether the session still stands; a failed look ends the stream too (the browser
/// reconnects, and the handler checks afresh).
async fn session_stands(c: &Cursor) -> bool {
    match sessions::alive(&c.db, &c.session, Utc::now()).await {
        Ok(alive) => alive,
        Err(error) => {
            tracing::warn!(%error, "event stream: checking the session failed");
            false
        }
    }
}

fn events(
    db: app::data::Db,
    session: String,
    application_id: i64,
    after: i64,
    wakes: broadcast::Receiver<Wake>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    let mut check =
        tokio::time::interval_at(tokio::time::Instant::now() + SESSION_CHECK, SESSION_CHECK);
    check.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let cursor = Cursor {
        db,
        session,
        check,
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
                // Nothing more once the session has ended, however soon after the change.
                if !session_stands(&c).await {
                    return None;
                }
                match tracking::events(&c.db, c.application_id, c.after).await {
                    Ok(rows) => c.queued.extend(rows),
                    Err(error) => {
                        tracing::warn!(%error, "event stream: reading events failed");
                        return None;
                    }
                }
                continue;
            }
            tokio::select! {
                wake = c.wakes.recv() => match wake {
                    Ok(Wake::Application(id)) if id == c.application_id => c.look = true,
                    Ok(Wake::Application(_)) => {}
                    Ok(Wake::All) | Err(RecvError::Lagged(_)) => c.look = true,
                    Err(RecvError::Closed) => return None,
                },
                _ = c.check.tick() => {
                    if !session_stands(&c).await {
                        return None;
                    }
                }
            }
        }
    })
}

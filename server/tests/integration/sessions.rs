//! Sessions, on SQLite and PostgreSQL: ending one is final — a request that was in flight
//! when "sign out everywhere" or a staff account's disabling ended it does not write it
//! back — a disabled account is signed out at its next request, an open event stream ends
//! with its session, and what a session keeps of a failed form is bounded.

use crate::back_office::scalar;
use crate::browser::{citizen, officer, Browser};
use crate::support::{on_both_backends, TestApp};
use crate::tracking::submitted;
use app::auth::session::{self, DbSessionStore};
use http_body_util::BodyExt;
use std::sync::Arc;
use std::time::Duration;
use tower::ServiceExt;
use tower_sessions::session::Id;
use tower_sessions::{Expiry, Session};

/// The browser's session id, from its cookie.
fn session_id(b: &Browser<'_>) -> Id {
    let (_, value) = b
        .cookies
        .iter()
        .find(|(name, _)| name.contains("session"))
        .expect("a session cookie");
    value.parse().expect("a session id")
}

/// The same session as a request of that browser sees it in the session layer: its own
/// handle on the store, loaded lazily, saved at the end.
fn as_a_request(app: &TestApp, id: Option<Id>) -> Session {
    Session::new(
        id,
        Arc::new(DbSessionStore::new(app.db.clone())),
        Some(Expiry::OnInactivity(time::Duration::minutes(
            session::IDLE_MINUTES,
        ))),
    )
}

async fn sessions_of(app: &TestApp, email: &str) -> i64 {
    scalar(
        &app.db,
        "SELECT COUNT(*) FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = $1)",
        email,
    )
    .await
}

async fn set_status(app: &TestApp, email: &str, status: &str) {
    app::with_pool!(&app.db, |pool| sqlx::query(
        "UPDATE users SET status = $1 WHERE email = $2"
    )
    .bind(status)
    .bind(email)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

async fn a_request_in_flight_does_not_bring_an_ended_session_back(app: &TestApp) {
    let mut phone = citizen(app).await;
    let mut laptop = citizen(app).await;
    assert_eq!(sessions_of(app, "wanjiku@example.com").await, 2);

    // A request from the phone has read its session (it is signed in) and is still
    // working when the laptop signs out everywhere else.
    let in_flight = as_a_request(app, Some(session_id(&phone)));
    let user = session::signed_in(&in_flight).await.unwrap();
    assert!(user.is_some(), "the phone's request is signed in");
    crate::browser::confirm_it_is_you(&mut laptop, "demo citizen passphrase", "/account").await;
    let res = laptop
        .post_form("/api/accounts/sign-out-everywhere", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some("/account?signed_out_others=1"));
    assert_eq!(sessions_of(app, "wanjiku@example.com").await, 1);

    // The phone's request finishes: it changed something, and the session layer saves.
    in_flight.insert("seen", true).await.unwrap();
    in_flight.save().await.unwrap();
    assert_eq!(
        sessions_of(app, "wanjiku@example.com").await,
        1,
        "the ended session was not written back"
    );
    assert_eq!(phone.get("/account").await.status, 401, "the phone is out");
    assert_eq!(
        laptop.get("/account").await.status,
        200,
        "the laptop is not"
    );

    // The same after a staff account is disabled: its request in flight stays ended.
    let mut otieno = officer(app).await;
    let queue = [("filter[agency]", "ministry-lands")];
    assert_eq!(otieno.call("/api/staff/queue", &queue).await.status, 200);
    let in_flight = as_a_request(app, Some(session_id(&otieno)));
    assert!(session::signed_in(&in_flight).await.unwrap().is_some());
    let mut admin = crate::browser::administrator(app).await;
    let officer_id = scalar(
        &app.db,
        "SELECT id FROM users WHERE email = $1",
        "otieno@example.com",
    )
    .await
    .to_string();
    let res = admin
        .call(
            "/api/admin/set-account",
            &[("user", officer_id.as_str()), ("disabled", "true")],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text());
    in_flight.insert("seen", true).await.unwrap();
    in_flight.save().await.unwrap();
    assert_eq!(sessions_of(app, "otieno@example.com").await, 0);
    assert_eq!(otieno.call("/api/staff/queue", &queue).await.status, 401);
}

async fn a_disabled_account_is_signed_out_at_its_next_request(app: &TestApp) {
    let (_owner, id, _) = submitted(app).await;
    // Staff: refused at the next staff request, whatever is left of the session row
    // (here the account is switched off in the database, its sessions untouched).
    let mut otieno = officer(app).await;
    let queue = [("filter[agency]", "ministry-lands")];
    assert_eq!(otieno.call("/api/staff/queue", &queue).await.status, 200);
    set_status(app, "otieno@example.com", "disabled").await;
    assert_eq!(otieno.call("/api/staff/queue", &queue).await.status, 401);
    assert_eq!(
        otieno
            .call("/api/staff/application", &[("id", id.as_str())])
            .await
            .status,
        401
    );
    assert_eq!(otieno.get("/staff").await.status, 401);
    // Enabled again, the old session is not revived: it was ended, a new sign-in is
    // needed.
    set_status(app, "otieno@example.com", "active").await;
    assert_eq!(otieno.call("/api/staff/queue", &queue).await.status, 401);

    // A citizen: treated as signed out.
    let mut wanjiku = citizen(app).await;
    assert_eq!(wanjiku.get("/account").await.status, 200);
    set_status(app, "wanjiku@example.com", "disabled").await;
    assert_eq!(wanjiku.get("/account").await.status, 401);
    assert_ne!(
        wanjiku
            .get(&format!("/applications/{id}/status"))
            .await
            .status,
        200
    );
    let me = wanjiku.call("/api/accounts/me", &[]).await;
    assert_eq!(me.json(), serde_json::Value::Null, "{}", me.text());
}

/// Opens the application's event stream with the browser's cookie; its body.
async fn open_stream(app: &TestApp, b: &Browser<'_>, id: &str) -> axum::body::Body {
    let cookie: Vec<String> = b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let req = axum::http::Request::get(format!("/applications/{id}/events"))
        .header("host", crate::browser::HOST)
        .header("cookie", cookie.join("; "))
        .header("accept", "text/event-stream")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = app.router.clone().oneshot(req).await.unwrap();
    assert_eq!(res.status(), 200);
    res.into_body()
}

/// Reads the stream until it ends; panics if it is still open after `within`.
async fn ends_within(body: &mut axum::body::Body, within: Duration) {
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, body.frame()).await {
            Err(_) => panic!("the stream was still open after {within:?}"),
            Ok(None) => return,
            Ok(Some(frame)) => {
                frame.expect("the stream reads");
            }
        }
    }
}

async fn an_open_event_stream_ends_with_its_session(app: &TestApp) {
    let (owner, id, _) = submitted(app).await;
    let within = uraia_server::live::SESSION_CHECK * 3;

    // Signed out everywhere from another device: the page's stream ends.
    let mut body = open_stream(app, &owner, &id).await;
    let mut laptop = citizen(app).await;
    crate::browser::confirm_it_is_you(&mut laptop, "demo citizen passphrase", "/account").await;
    let res = laptop
        .post_form("/api/accounts/sign-out-everywhere", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some("/account?signed_out_others=1"));
    ends_within(&mut body, within).await;

    // The account disabled while a stream is open: it ends too.
    let mut body = open_stream(app, &laptop, &id).await;
    set_status(app, "wanjiku@example.com", "disabled").await;
    ends_within(&mut body, within).await;
}

async fn what_a_session_keeps_of_a_failed_form_is_bounded(app: &TestApp) {
    // A failed post made to carry far more than any form has: many fields, huge values.
    let kept = as_a_request(app, None);
    let huge = "ü".repeat(50_000);
    let names: Vec<String> = (0..500).map(|i| format!("field{i:03}")).collect();
    let mut values: Vec<(&str, &str)> = vec![("first", huge.as_str())];
    values.extend(names.iter().map(|n| (n.as_str(), "x")));
    session::keep_form(&kept, "report", &values).await.unwrap();
    // And many forms, each failed in turn.
    for i in 0..10 {
        session::keep_form(&kept, &format!("other-{i}"), &[("body", huge.as_str())])
            .await
            .unwrap();
    }
    session::keep_form(&kept, "report", &values).await.unwrap();
    kept.save().await.unwrap();

    let mut b = Browser::new(app);
    let id = kept.id().expect("saved").to_string();
    b.cookies
        .insert(uraia_server::sessions::cookie_name(false).into(), id);
    let res = b
        .call("/api/accounts/form-values", &[("form", "report")])
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let form = res.json();
    let form = form.as_object().expect("the kept values");
    let first = form["first"].as_str().unwrap();
    assert!(first.len() <= session::KEPT_VALUE_MAX, "{}", first.len());
    assert!(
        first.len() > session::KEPT_VALUE_MAX - 4 && first.chars().all(|c| c == 'ü'),
        "cut at a character boundary, most of it kept"
    );
    assert!(form.len() <= session::KEPT_FIELDS_MAX, "{}", form.len());
    // Only the latest few forms are kept; the oldest were dropped.
    let res = b
        .call("/api/accounts/form-values", &[("form", "other-0")])
        .await;
    assert_eq!(res.json(), serde_json::json!({}));
    let res = b
        .call("/api/accounts/form-values", &[("form", "other-9")])
        .await;
    assert!(res.json()["body"].is_string(), "{}", res.text());
    // The stored session stays small whatever was posted.
    let size: i64 = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT CAST(MAX(LENGTH(data)) AS BIGINT) FROM sessions"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    let bound = (session::KEPT_FORMS_MAX * session::KEPT_FORM_MAX) as i64 + 4096;
    assert!(size <= bound, "{size} > {bound}");
}

on_both_backends!(
    a_request_in_flight_does_not_bring_an_ended_session_back,
    a_disabled_account_is_signed_out_at_its_next_request,
    an_open_event_stream_ends_with_its_session,
    what_a_session_keeps_of_a_failed_form_is_bounded,
);

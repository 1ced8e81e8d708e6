//! Delivering status messages through the outbox, on SQLite and PostgreSQL: an SMS gateway
//! that fails is retried until it delivers; one that never recovers leaves a dead letter;
//! a worker that dies after claiming a message, or after sending it but before marking it,
//! delivers it once after the restart.

use crate::browser::{administrator, citizen, Browser};
use crate::support::{on_both_backends, TestApp};
use crate::tracking::{advance, submitted};
use app::data::{outbox, Db};
use axum::{extract::State, routing::post, Form, Json, Router};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use uraia_server::delivery::{self, sms::AfricasTalkingSms, Channels};

/// An Africa's Talking-compatible gateway that answers 500 to the first `failures` calls.
async fn flaky_gateway(failures: usize, calls: Arc<AtomicUsize>) -> String {
    let router = Router::new()
        .route(
            "/version1/messaging",
            post(
                move |State(calls): State<Arc<AtomicUsize>>,
                      Form(_form): Form<HashMap<String, String>>| async move {
                    let n = calls.fetch_add(1, Ordering::SeqCst);
                    if n < failures {
                        return Err(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
                    }
                    Ok(Json(
                        serde_json::json!({ "SMSMessageData": { "Message": "Sent to 1/1",
                        "Recipients": [{ "statusCode": 101, "number": "+254712000001",
                        "status": "Success", "cost": "KES 0.8000", "messageId": "ATXid_1" }] } }),
                    ))
                },
            ),
        )
        .with_state(calls);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}")
}

fn channels_with_sms(db: &Db, base: &str) -> Channels {
    let mut channels = Channels::local(db);
    channels.sms = Arc::new(AfricasTalkingSms::new(base, "uraia", "key", None));
    channels
}

/// A status SMS waiting in the outbox: its key.
async fn status_sms(app: &TestApp) -> String {
    let (_b, _id, reference) = submitted(app).await;
    // The confirmation messages of sending are not what these tests are about.
    app::with_pool!(&app.db, |pool| sqlx::query("DELETE FROM outbox")
        .execute(pool)
        .await
        .map(|_| ())
        .unwrap());
    advance(&app.db, &reference, "processing", None, None)
        .await
        .unwrap();
    app::notify::status::fan_out_due(&app.db, "http://uraia.test")
        .await
        .unwrap();
    let key: String = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT idempotency_key FROM outbox WHERE channel = 'sms'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    key
}

/// (status, attempts, last_error) of the message.
async fn state(db: &Db, key: &str) -> (String, i32, Option<String>) {
    app::with_pool!(db, |pool| sqlx::query_as(
        "SELECT status, attempts, last_error FROM outbox WHERE idempotency_key = $1"
    )
    .bind(key)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// Time passes: every retry and every claim is due now.
async fn later(db: &Db) {
    let past = chrono::Utc::now() - chrono::Duration::seconds(1);
    app::with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE outbox SET next_attempt_at = $1, locked_until = CASE WHEN locked_until IS NULL THEN NULL ELSE $1 END"
    )
    .bind(past)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap()
    });
}

/// How many times the local sink kept the message with this key.
async fn kept(db: &Db, key: &str) -> i64 {
    app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM dev_mailbox WHERE idempotency_key = $1"
    )
    .bind(key)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn a_failing_gateway_is_retried_until_it_delivers(app: &TestApp) {
    let key = status_sms(app).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let base = flaky_gateway(2, calls.clone()).await;
    let channels = channels_with_sms(&app.db, &base);
    assert_eq!(delivery::deliver_due(&app.db, &channels).await.unwrap(), 0);
    let (status, attempts, error) = state(&app.db, &key).await;
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(error.is_some());
    // Not again before its backoff is over.
    assert_eq!(delivery::deliver_due(&app.db, &channels).await.unwrap(), 0);
    assert_eq!(calls.load(Ordering::SeqCst), 1);
    later(&app.db).await;
    delivery::deliver_due(&app.db, &channels).await.unwrap();
    later(&app.db).await;
    assert_eq!(delivery::deliver_due(&app.db, &channels).await.unwrap(), 1);
    let (status, attempts, error) = state(&app.db, &key).await;
    assert_eq!((status.as_str(), attempts, error), ("sent", 3, None));
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

async fn a_gateway_that_never_recovers_leaves_a_dead_letter(app: &TestApp) {
    let key = status_sms(app).await;
    let calls = Arc::new(AtomicUsize::new(0));
    let base = flaky_gateway(usize::MAX, calls.clone()).await;
    let channels = channels_with_sms(&app.db, &base);
    for _ in 0..outbox::MAX_ATTEMPTS + 2 {
        delivery::deliver_due(&app.db, &channels).await.unwrap();
        later(&app.db).await;
    }
    let (status, attempts, error) = state(&app.db, &key).await;
    assert_eq!((status.as_str(), attempts), ("dead", outbox::MAX_ATTEMPTS));
    assert!(error.unwrap().contains("500"), "the last error is kept");
    assert_eq!(
        calls.load(Ordering::SeqCst),
        outbox::MAX_ATTEMPTS as usize,
        "no more tries"
    );
    let dead = outbox::dead_letters(&app.db, 50).await.unwrap();
    assert_eq!(dead.len(), 1);
    assert_eq!(dead[0].idempotency_key, key);

    // Administrators see it, with why; nobody else does.
    assert_eq!(citizen(app).await.get("/staff/outbox").await.status, 403);
    assert_eq!(Browser::new(app).get("/staff/outbox").await.status, 401);
    let mut admin = administrator(app).await;
    let page = admin.get("/staff/outbox").await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(html.contains(&key) && html.contains("500"), "{html}");
    assert!(!html.contains("+254712000001"), "no recipient on the page");
    // Tried again once the cause is mended.
    let res = admin
        .post_form(
            "/api/staff/retry-message",
            "/staff/outbox",
            &[("id", &dead[0].id.to_string())],
        )
        .await;
    assert_eq!(res.header("location"), Some("/staff/outbox?retried=1"));
    assert_eq!(state(&app.db, &key).await.0, "pending");
    let mended = channels_with_sms(&app.db, &flaky_gateway(0, Arc::default()).await);
    assert_eq!(delivery::deliver_due(&app.db, &mended).await.unwrap(), 1);
    assert_eq!(state(&app.db, &key).await.0, "sent");
}

async fn a_crash_between_claim_and_send_delivers_once_after_restart(app: &TestApp) {
    let key = status_sms(app).await;
    let channels = Channels::local(&app.db);
    // A worker claims the message, then dies before sending it.
    let claimed = outbox::claim_due(&app.db, 20).await.unwrap();
    assert_eq!(claimed.len(), 1);
    drop(claimed);
    // Its claim holds for now: a second worker does not send it meanwhile.
    assert_eq!(delivery::deliver_due(&app.db, &channels).await.unwrap(), 0);
    // After the claim runs out, the restarted worker sends it, once.
    later(&app.db).await;
    assert_eq!(delivery::deliver_due(&app.db, &channels).await.unwrap(), 1);
    assert_eq!(delivery::deliver_due(&app.db, &channels).await.unwrap(), 0);
    assert_eq!(kept(&app.db, &key).await, 1);
    assert_eq!(state(&app.db, &key).await.0, "sent");
}

async fn a_crash_between_send_and_mark_delivers_once(app: &TestApp) {
    let key = status_sms(app).await;
    let channels = Channels::local(&app.db);
    // A worker sends the message, then dies before marking it sent.
    let claimed = outbox::claim_due(&app.db, 20).await.unwrap();
    channels.sms.deliver(&claimed[0]).await.unwrap();
    later(&app.db).await;
    // The restarted worker sends it again with the same idempotency key, and the provider
    // (here the local sink, as Africa's Talking does) keeps one.
    assert_eq!(delivery::deliver_due(&app.db, &channels).await.unwrap(), 1);
    assert_eq!(kept(&app.db, &key).await, 1);
    assert_eq!(state(&app.db, &key).await.0, "sent");
}

on_both_backends!(
    a_failing_gateway_is_retried_until_it_delivers,
    a_gateway_that_never_recovers_leaves_a_dead_letter,
    a_crash_between_claim_and_send_delivers_once_after_restart,
    a_crash_between_send_and_mark_delivers_once,
);

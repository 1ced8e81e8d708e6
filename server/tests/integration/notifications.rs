//! Notification settings, the inbox and Web Push, on SQLite and PostgreSQL. Push goes
//! through the real client (VAPID signature, aes128gcm) to a local push service this test
//! runs, which decrypts what it got with the browser-side keys the test made.

use crate::browser::Browser;
use crate::support::{on_both_backends, TestApp};
use crate::tracking::{advance, submitted};
use axum::{extract::State, http::HeaderMap, http::StatusCode, routing::post, Router};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use std::sync::{Arc, Mutex};
use uraia_server::delivery::{self, Channels};

#[derive(Default)]
struct PushService {
    /// (headers, body) of every push received.
    received: Mutex<Vec<(HeaderMap, Vec<u8>)>>,
    /// Answer 410 Gone (the browser unsubscribed).
    gone: Mutex<bool>,
}

/// A push service on a local port: its subscription endpoint.
async fn push_service(service: Arc<PushService>) -> String {
    let router =
        Router::new()
            .route(
                "/push/{device}",
                post(
                    |State(s): State<Arc<PushService>>,
                     headers: HeaderMap,
                     body: axum::body::Bytes| async move {
                        s.received.lock().unwrap().push((headers, body.to_vec()));
                        if *s.gone.lock().unwrap() {
                            StatusCode::GONE
                        } else {
                            StatusCode::CREATED
                        }
                    },
                ),
            )
            .with_state(service);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    format!("http://{addr}/push/device-1")
}

async fn deliver(app: &TestApp) {
    app::notify::status::fan_out_due(&app.db, "http://uraia.test")
        .await
        .unwrap();
    delivery::deliver_due(&app.db, &Channels::local(&app.db))
        .await
        .unwrap();
}

async fn subscriptions(app: &TestApp) -> i64 {
    app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM push_subscriptions"
    )
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn subscribe(b: &mut Browser<'_>, endpoint: &str, p256dh: &str, auth: &str) -> u16 {
    b.call(
        "/api/notifications/subscribe",
        &[("endpoint", endpoint), ("p256dh", p256dh), ("auth", auth)],
    )
    .await
    .status
    .as_u16()
}

async fn a_push_reaches_the_subscribed_browser_encrypted_and_signed(app: &TestApp) {
    let (mut b, id, reference) = submitted(app).await;
    let service = Arc::new(PushService::default());
    let endpoint = push_service(service.clone()).await;
    // The browser's side: its key pair and auth secret, as PushManager would make them.
    let (keys, auth) = ece::generate_keypair_and_auth_secret().unwrap();
    let p256dh = URL_SAFE_NO_PAD.encode(keys.pub_as_raw().unwrap());
    let auth_b64 = URL_SAFE_NO_PAD.encode(auth);

    // The settings page offers the server's public key to subscribe with.
    let page = b.get("/account/notifications").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Notifications"));
    // Keys of the wrong shape, or an address that is no push service, are refused.
    assert_eq!(
        subscribe(&mut b, "ftp://example.com/x", &p256dh, &auth_b64).await,
        400
    );
    assert_eq!(subscribe(&mut b, &endpoint, "abc", &auth_b64).await, 400);
    assert_eq!(subscriptions(app).await, 0);
    assert_eq!(subscribe(&mut b, &endpoint, &p256dh, &auth_b64).await, 200);
    assert_eq!(subscriptions(app).await, 1);

    advance(&app.db, &reference, "processing", None, None)
        .await
        .unwrap();
    deliver(app).await;
    let received = service.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1, "one push");
    let (headers, body) = &received[0];
    let header = |n: &str| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        header("authorization").starts_with("vapid t="),
        "{headers:?}"
    );
    assert!(header("authorization").contains(", k="));
    assert_eq!(header("content-encoding"), "aes128gcm");
    assert_eq!(header("ttl"), "86400");
    let plain = ece::decrypt(&keys.raw_components().unwrap(), &auth, body).unwrap();
    let payload: serde_json::Value = serde_json::from_slice(&plain).unwrap();
    assert_eq!(payload["title"], format!("{reference}: Being processed"));
    assert_eq!(
        payload["url"],
        format!("http://uraia.test/applications/{id}/status")
    );
    assert!(payload["body"].as_str().unwrap().contains(&reference));

    // The browser unsubscribed: the push service says 410, the subscription is forgotten
    // and the message is not retried.
    *service.gone.lock().unwrap() = true;
    advance(&app.db, &reference, "approved", None, None)
        .await
        .unwrap();
    deliver(app).await;
    assert_eq!(subscriptions(app).await, 0);
    let dead: i64 = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM outbox WHERE channel = 'push' AND status <> 'sent'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(dead, 0);
}

async fn the_inbox_and_channel_choices(app: &TestApp) {
    let (mut b, id, reference) = submitted(app).await;
    advance(&app.db, &reference, "processing", None, None)
        .await
        .unwrap();
    deliver(app).await;
    // The header counts what is unread; the inbox lists it with its link.
    // (Without the renderer's empty comments between text nodes.)
    let home = b.get("/").await.text().replace("<!---->", "");
    assert!(home.contains(" (1 unread message)"), "{home}");
    assert!(home.contains("class=\"count\">1</span>"), "the badge");
    let inbox = b.get("/inbox").await.text();
    assert!(
        inbox.contains(&format!(
            "Do an official land search ({reference}): Being processed."
        )),
        "{inbox}"
    );
    assert!(inbox.contains(&format!("href=\"/applications/{id}/status\"")));
    assert!(inbox.contains("inbox__item--unread"));
    let res = b.post_form("/api/notifications/read", "/inbox", &[]).await;
    assert_eq!(res.header("location"), Some("/inbox"));
    assert!(!b.get("/").await.text().contains("unread message"));

    // Only email from now on: no SMS, no inbox entry.
    let res = b
        .post_form(
            "/api/notifications/save",
            "/account/notifications",
            &[("email", "1")],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/account/notifications?saved=1")
    );
    let page = b.get("/account/notifications?saved=1").await.text();
    assert!(page.contains("Your choices were saved."));
    advance(
        &app.db,
        &reference,
        "info_requested",
        Some("Send the title deed"),
        None,
    )
    .await
    .unwrap();
    deliver(app).await;
    let channels: Vec<String> = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT channel FROM outbox WHERE idempotency_key LIKE 'event:%' ORDER BY id"
    )
    .fetch_all(pool)
    .await
    .unwrap());
    assert_eq!(
        channels,
        vec!["sms", "email"],
        "processing by SMS, the request by email"
    );
    let inbox = b.get("/inbox").await.text();
    assert!(!inbox.contains("More information needed"));

    // Someone signed out is asked to sign in.
    let mut nobody = Browser::new(app);
    assert_eq!(nobody.get("/inbox").await.status, 401);
    assert_eq!(nobody.get("/account/notifications").await.status, 401);
    assert_eq!(
        subscribe(&mut nobody, "https://push.example/x", "a", "b").await,
        401
    );
}

async fn a_push_endpoint_is_never_moved_to_another_account(app: &TestApp) {
    let endpoint = "http://127.0.0.1:9/push/wanjikus-phone";
    let key = |byte: u8, len: usize| URL_SAFE_NO_PAD.encode(vec![byte; len]);
    let (owner_key, owner_auth) = (key(4, 65), key(1, 16));
    let mut wanjiku = crate::browser::citizen(app).await;
    assert_eq!(
        subscribe(&mut wanjiku, endpoint, &owner_key, &owner_auth).await,
        200
    );
    // Someone else who learnt the address subscribes with it and keys of their own: refused,
    // and the owner's subscription is untouched.
    let mut other = crate::browser::officer(app).await;
    let (their_key, their_auth) = (key(5, 65), key(2, 16));
    let res = other
        .call(
            "/api/notifications/subscribe",
            &[
                ("endpoint", endpoint),
                ("p256dh", their_key.as_str()),
                ("auth", their_auth.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status, 400, "{}", res.text());
    assert!(res.text().contains("PushElsewhere"), "{}", res.text());
    let row: (String, String, String) = app::with_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT u.email, s.p256dh, s.auth FROM push_subscriptions s \
         JOIN users u ON u.id = s.user_id WHERE s.endpoint = $1"
    )
    .bind(endpoint)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(
        row,
        (
            "wanjiku@example.com".to_string(),
            owner_key.clone(),
            owner_auth.clone()
        )
    );
    // Not even with the owner's own keys.
    assert_eq!(
        subscribe(&mut other, endpoint, &owner_key, &owner_auth).await,
        400
    );
    assert_eq!(subscriptions(app).await, 1);
    // The owner's browser subscribing again renews its keys.
    assert_eq!(
        subscribe(&mut wanjiku, endpoint, &their_key, &owner_auth).await,
        200
    );
    // Once the owner has stopped notifications on her devices, the address is free.
    let res = wanjiku
        .post_form(
            "/api/notifications/forget-devices",
            "/account/notifications",
            &[],
        )
        .await;
    assert!(res.status.is_redirection(), "{}", res.status);
    assert_eq!(subscriptions(app).await, 0);
    assert_eq!(
        subscribe(&mut other, endpoint, &their_key, &their_auth).await,
        200
    );
}

on_both_backends!(
    a_push_reaches_the_subscribed_browser_encrypted_and_signed,
    the_inbox_and_channel_choices,
    a_push_endpoint_is_never_moved_to_another_account,
);

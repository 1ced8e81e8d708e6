//! What the portal does at its edge: slow clients timed out, secrets kept out of the logs,
//! no foreign request ids, links in messages from the configured address only, HSTS in
//! production, and development mode kept off the network.

use crate::browser::Browser;
use crate::support::{on_both_backends, sqlite_app_with, TestApp};
use axum::http::StatusCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use uraia_server::config::Config;

fn config(args: &[&str]) -> Config {
    use clap::Parser;
    let mut all = vec!["uraia"];
    all.extend_from_slice(args);
    uraia_server::cli::Cli::parse_from(all).config
}

const SECRET: &str = "a-production-secret-of-at-least-32-characters";

#[test]
fn production_refuses_to_start_without_an_https_public_address() {
    let production = |extra: &[&str]| {
        let mut args = vec![
            "--mode",
            "production",
            "--secret",
            SECRET,
            "--registry-url",
            "https://registry.example.go.ke",
            "--registry-api-key",
            "key",
        ];
        args.extend_from_slice(extra);
        config(&args).settings()
    };
    for (extra, ok) in [
        (&[][..], false),
        (&["--public-url", "http://uraia.example.go.ke"][..], false),
        (
            &["--public-url", "https://uraia.example.go.ke/x?y"][..],
            false,
        ),
        (
            &["--public-url", "https://user@uraia.example.go.ke"][..],
            false,
        ),
        (&["--public-url", "https://uraia.example.go.ke"][..], true),
        (&["--public-url", "https://uraia.example.go.ke/"][..], true),
    ] {
        let settings = production(extra);
        assert_eq!(settings.is_ok(), ok, "{extra:?}: {:?}", settings.err());
        if let Ok(settings) = settings {
            assert_eq!(settings.public_url, "https://uraia.example.go.ke");
            assert!(settings.https);
        }
    }
    // Nor without the population registry (the embedded one holds synthetic people).
    let settings = config(&[
        "--mode",
        "production",
        "--secret",
        SECRET,
        "--public-url",
        "https://uraia.example.go.ke",
    ])
    .settings();
    assert!(
        settings.is_err(),
        "the embedded registry refused in production"
    );
    // Development needs none, and builds its links from its own listen address.
    let settings = config(&["--site-addr", "127.0.0.1:4010"])
        .settings()
        .unwrap();
    assert_eq!(settings.public_url, "http://127.0.0.1:4010");
}

#[tokio::test]
async fn development_mode_refuses_to_listen_on_a_network() {
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}", dir.path().join("u.db").display());
    let config = config(&["--database-url", &db_url, "--site-addr", "0.0.0.0:0"]);
    let db = uraia_server::serve::connect_and_migrate(&config)
        .await
        .unwrap();
    let error = tokio::time::timeout(
        Duration::from_secs(10),
        uraia_server::serve::serve(&config, db),
    )
    .await
    .expect("refuses at once")
    .expect_err("refused");
    let message = format!("{error:#}");
    assert!(message.contains("/dev/mailbox"), "{message}");
    assert!(
        message.contains("URAIA_DEVELOPMENT_ON_NETWORK"),
        "{message}"
    );
}

/// A client that sends its request headers a little at a time (slowloris) is cut off at
/// the header timeout instead of holding the connection.
#[tokio::test]
async fn slow_headers_are_cut_off() {
    let app = crate::support::sqlite_app().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(uraia_server::listen::serve(
        listener,
        app.router.clone(),
        Duration::from_secs(1),
        async {
            let _ = stopped.await;
        },
    ));
    // A whole request is answered.
    let mut fast = tokio::net::TcpStream::connect(addr).await.unwrap();
    fast.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut answer = String::new();
    fast.read_to_string(&mut answer).await.unwrap();
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");

    // Headers that never finish: the server closes the connection.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let mut rest = Vec::new();
    let closed = tokio::time::timeout(Duration::from_secs(10), async {
        loop {
            // Keep dribbling: a byte of a header every 300 ms.
            let _ = slow.write_all(b"X").await;
            let mut buf = [0u8; 256];
            match tokio::time::timeout(Duration::from_millis(300), slow.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => return,
                Ok(Ok(n)) => rest.extend_from_slice(&buf[..n]),
                Err(_) => {}
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "the slow connection was closed");
    let _ = stop.send(());
    server.await.unwrap();
    app.cleanup().await;
}

/// Collects what the server logs while `f` runs.
async fn logged<F: std::future::Future<Output = ()>>(f: F) -> String {
    #[derive(Clone, Default)]
    struct Sink(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let sink = Sink::default();
    let writer = sink.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::DEBUG)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    f.await;
    drop(guard);
    let bytes = sink.0.lock().unwrap().clone();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The callback tokens are path segments: the log names the route, never the token.
async fn callback_tokens_stay_out_of_the_logs(app: &TestApp) {
    let token = app::state::DEV_GATEWAY_TOKEN;
    let log = logged(async {
        let res = app
            .send(
                axum::http::Request::post(format!("/ussd/{token}"))
                    .header("content-type", "application/x-www-form-urlencoded")
                    .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                        [10, 0, 0, 7],
                        4000,
                    ))))
                    .body(axum::body::Body::from(
                        "sessionId=1&phoneNumber=%2B254712000001&text=",
                    ))
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, StatusCode::OK, "{}", res.text());
        // A cross-site post is refused and logged: the path is not.
        let res = app
            .send(
                axum::http::Request::post(format!("/ussd/{token}"))
                    .header("sec-fetch-site", "cross-site")
                    .body(axum::body::Body::empty())
                    .unwrap(),
            )
            .await;
        assert_eq!(res.status, StatusCode::FORBIDDEN);
    })
    .await;
    assert!(log.contains("/ussd/{token}"), "the route is logged: {log}");
    assert!(!log.contains(token), "the token is not: {log}");
}

/// A client's own request id is used only if it is shaped like the portal's.
async fn a_foreign_request_id_is_not_echoed(app: &TestApp) {
    let res = app
        .get("/healthz", &[("x-request-id", "<script>alert(1)</script>")])
        .await;
    let id = res.header("x-request-id").unwrap();
    assert!(uuid::Uuid::try_parse(id).is_ok(), "{id}");
    let ours = "0b9ce4a4-6f0e-4a8e-9f55-2f0c3c9b7a11";
    let res = app.get("/healthz", &[("x-request-id", ours)]).await;
    assert_eq!(res.header("x-request-id"), Some(ours));
}

/// A password-reset link is built from the configured address, whatever Host the request
/// that asked for it named.
async fn reset_links_ignore_the_host_header(app: &TestApp) {
    let mut b = Browser::new(app);
    let req = b
        .request("POST", "/api/accounts/forgot-password")
        .header("host", "evil.example")
        .header("accept", "text/html")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("sec-fetch-site", "same-origin")
        .body(axum::body::Body::from(
            "account_type=citizen&identifier=wanjiku%40example.com&channel=email",
        ))
        .unwrap();
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.text());
    uraia_server::delivery::deliver_due(&app.db, &uraia_server::delivery::Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, Some("wanjiku@example.com"), 1)
        .await
        .unwrap();
    let body = &mail.first().expect("an email").body;
    assert!(!body.contains("evil.example"), "{body}");
    assert!(
        body.contains("http://127.0.0.1:3000/reset-password?token="),
        "{body}"
    );
    b.cookies.clear();
}

on_both_backends!(
    callback_tokens_stay_out_of_the_logs,
    a_foreign_request_id_is_not_echoed,
    reset_links_ignore_the_host_header,
);

#[tokio::test]
async fn production_over_https_sends_hsts() {
    let app = sqlite_app_with(|state| {
        let mut settings = (*state.settings).clone();
        settings.production = true;
        settings.https = true;
        settings.public_url = "https://uraia.example.go.ke".into();
        state.settings = Arc::new(settings);
    })
    .await;
    let res = app.get("/healthz", &[]).await;
    let hsts = res.header("strict-transport-security").expect("HSTS");
    assert!(hsts.contains("max-age=63072000"), "{hsts}");
    app.cleanup().await;
    let app = crate::support::sqlite_app().await;
    let res = app.get("/healthz", &[]).await;
    assert!(res.header("strict-transport-security").is_none());
    app.cleanup().await;
}

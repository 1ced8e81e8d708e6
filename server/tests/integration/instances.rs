//! Two server instances on one PostgreSQL database, each with its own pool and its own
//! LISTEN connection: a browser's event stream on instance A hears, within a second, a
//! change made through instance B's HTTP.

use crate::support::postgres_app;
use crate::tracking::{advance, submitted};
use std::time::{Duration, Instant};

async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
    format!("http://{addr}")
}

#[tokio::test]
async fn a_change_through_instance_b_reaches_a_stream_on_instance_a() {
    let Some(app) = postgres_app().await else {
        return;
    };
    let (b, id, reference) = submitted(&app).await;
    advance(&app.db, &reference, "processing", None, None)
        .await
        .unwrap();
    advance(
        &app.db,
        &reference,
        "info_requested",
        Some("Which plot?"),
        None,
    )
    .await
    .unwrap();
    let instance_a = serve(app.router.clone()).await;
    let instance_b = serve(app.another_instance().await).await;
    // Sessions live in the database: the citizen's cookie works on both.
    let cookie: Vec<String> = b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let cookie = cookie.join("; ");
    let client = reqwest::Client::new();
    let last: i64 = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT MAX(id) FROM application_events"
    )
    .fetch_one(pool)
    .await
    .unwrap());

    let mut stream = client
        .get(format!(
            "{instance_a}/applications/{id}/events?after={last}"
        ))
        .header("cookie", &cookie)
        .header("accept", "text/event-stream")
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), 200);
    // Give instance A's stream a moment to be waiting.
    tokio::time::sleep(Duration::from_millis(200)).await;

    let host_b = instance_b.trim_start_matches("http://").to_string();
    let started = Instant::now();
    let answer = client
        .post(format!("{instance_b}/api/tracking/answer"))
        .header("cookie", &cookie)
        .header("host", &host_b)
        .header("origin", &instance_b)
        .header("sec-fetch-site", "same-origin")
        .header("accept", "text/html")
        .form(&[("id", id.as_str()), ("answer", "Plot 1234, Ngong Road.")])
        .send()
        .await
        .unwrap();
    assert!(
        answer.status().is_redirection() || answer.status().is_success(),
        "{}",
        answer.status()
    );

    let mut seen = String::new();
    while !seen.contains("resubmitted") {
        let left = Duration::from_secs(1).saturating_sub(started.elapsed());
        let chunk = tokio::time::timeout(left, stream.chunk())
            .await
            .unwrap_or_else(|_| {
                panic!("nothing on instance A within 1 s of the change on B: {seen:?}")
            })
            .unwrap()
            .expect("stream open");
        seen.push_str(&String::from_utf8_lossy(&chunk));
    }
    let took = started.elapsed();
    assert!(took < Duration::from_secs(1), "{took:?}");
    eprintln!("instance A heard instance B's change after {took:?}");
    app.cleanup().await;
}

//! The work queue at 100 000 applications: seeds them into a fresh database (SQLite file or
//! PostgreSQL), signs the demo officer in through the real router, then times the queue
//! page (the whole server-rendered HTML, in process, no socket) for the first page, a page
//! deep in the queue, and the common filters. Prints p50/p99 per case; asserts nothing.
//! Run by `bench/queue.sh`.
//!
//! Usage: queue_bench <database url> [applications] [requests per case]

use app::data::Db;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use chrono::{Duration, Utc};
use http_body_util::BodyExt;
use std::time::Instant;
use tower::ServiceExt;

const OFFICER: &str = "otieno@example.com";
const PASSWORD: &str = "demo officer passphrase";
const PHONE: &str = "+254712000002";

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let url = args.next().expect("a database url");
    let total: i64 = args
        .next()
        .map(|n| n.parse())
        .transpose()?
        .unwrap_or(100_000);
    let requests: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(50);

    let db = Db::connect(&url).await?;
    uraia_server::migrate::run(&db).await?;
    uraia_server::seed::all(&db, false).await?;
    let started = Instant::now();
    seed_applications(&db, total).await?;
    println!(
        "seeded {total} applications in {:.1} s ({})",
        started.elapsed().as_secs_f64(),
        db.backend().name()
    );

    let site = tempfile::tempdir()?;
    let options = leptos::config::LeptosOptions::builder()
        .output_name("uraia")
        .site_root(site.path().display().to_string())
        .hash_files(false)
        .build();
    let state =
        uraia_server::app_state::development(options, db.clone(), &site.path().join("files"))?;
    let router = uraia_server::router(state);
    let cookie = sign_in(&router, &db).await?;

    // A cursor deep in the queue: the 10 000th row in due order.
    let deep: (chrono::DateTime<Utc>, i64) = app::with_pool!(&db, |pool| {
        sqlx::query_as(
        "SELECT due_at, id FROM applications WHERE due_at IS NOT NULL ORDER BY due_at, id LIMIT 1 OFFSET 10000"
    )
    .fetch_one(pool)
    .await
    })?;
    let deep = format!(
        "{}~{}",
        deep.0.to_rfc3339_opts(chrono::SecondsFormat::Nanos, true),
        deep.1
    );
    let deep = deep.replace(':', "%3A").replace('+', "%2B");
    let cases = [
        ("first page", "/staff?agency=ministry-lands".to_string()),
        (
            "page 400 (keyset)",
            format!("/staff?agency=ministry-lands&after={deep}"),
        ),
        (
            "one service",
            "/staff?agency=ministry-lands&service=land-search".to_string(),
        ),
        (
            "overdue only",
            "/staff?agency=ministry-lands&overdue=1".to_string(),
        ),
        (
            "assigned to me",
            "/staff?agency=ministry-lands&holder=me".to_string(),
        ),
        (
            "latest first",
            "/staff?agency=ministry-lands&sort=latest".to_string(),
        ),
    ];
    println!("queue page, {requests} requests each (whole HTML page, in process):");
    for (name, uri) in cases {
        let mut times = Vec::with_capacity(requests);
        for i in 0..requests + 3 {
            let request = Request::builder()
                .uri(&uri)
                .header("host", "bench.test")
                .header("cookie", &cookie)
                .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                    [127, 0, 0, 1],
                    40000,
                ))))
                .body(Body::empty())?;
            let start = Instant::now();
            let response = router.clone().oneshot(request).await?;
            let status = response.status();
            let body = response.into_body().collect().await?.to_bytes();
            let elapsed = start.elapsed().as_secs_f64() * 1000.0;
            if status != StatusCode::OK || !body.windows(9).any(|w| w == b"LDS-BENCH") {
                anyhow::bail!("{name}: {status} without applications");
            }
            // The first few warm the caches.
            if i >= 3 {
                times.push(elapsed);
            }
        }
        times.sort_by(|a, b| a.total_cmp(b));
        let at =
            |p: f64| times[((p * times.len() as f64).ceil() as usize).clamp(1, times.len()) - 1];
        println!(
            "  {name:<20} p50 {:>7.1} ms   p99 {:>7.1} ms",
            at(0.5),
            at(0.99)
        );
    }
    Ok(())
}

/// `total` sent land searches and other Lands services, in the states of a working queue,
/// due over the last and next 60 days; a tenth held by the demo officer.
async fn seed_applications(db: &Db, total: i64) -> anyhow::Result<()> {
    let user: i64 = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT id FROM users WHERE email = 'wanjiku@example.com'"
    )
    .fetch_one(pool)
    .await)?;
    let officer: i64 = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT id FROM users WHERE email = $1"
    )
    .bind(OFFICER)
    .fetch_one(pool)
    .await)?;
    let services: Vec<i64> = app::with_pool!(db, |pool| {
        sqlx::query_scalar(
        "SELECT s.id FROM services s JOIN agencies a ON a.id = s.agency_id WHERE a.slug = 'ministry-lands' ORDER BY s.id"
    )
    .fetch_all(pool)
    .await
    })?;
    let statuses = [
        "submitted",
        "processing",
        "info_requested",
        "resubmitted",
        "approved",
        "ready_for_collection",
        "collected",
        "rejected",
    ];
    let start = Utc::now() - Duration::days(60);
    let batch = 500i64;
    let mut n = 0i64;
    while n < total {
        let rows = batch.min(total - n);
        let mut sql = String::from(
            "INSERT INTO applications (public_id, user_id, service_id, form_version, status, answers, \
             reference, submitted_at, due_at, assigned_to, created_at, updated_at) VALUES ",
        );
        let values: Vec<String> = (0..rows)
            .map(|i| {
                let k = n + i;
                let sent = start + Duration::seconds(k * 60 * 60 * 24 * 120 / total.max(1));
                let due = sent + Duration::days(2 + k % 20);
                let held = if k % 10 == 0 { officer.to_string() } else { "NULL".to_string() };
                format!(
                    "('bench{k:027}', {user}, {}, 1, '{}', '{{}}', 'LDS-BENCH-{k:07}', '{}', '{}', {held}, '{}', '{}')",
                    services[(k as usize) % services.len()],
                    statuses[(k as usize * 7 / 3) % statuses.len()],
                    sent.format("%Y-%m-%dT%H:%M:%S%.6f+00:00"),
                    due.format("%Y-%m-%dT%H:%M:%S%.6f+00:00"),
                    sent.format("%Y-%m-%dT%H:%M:%S%.6f+00:00"),
                    sent.format("%Y-%m-%dT%H:%M:%S%.6f+00:00"),
                )
            })
            .collect();
        sql.push_str(&values.join(", "));
        app::with_pool!(db, |pool| sqlx::query(&sql).execute(pool).await.map(|_| ()))?;
        n += rows;
    }
    // Fresh statistics for the planner, as a running database would have.
    app::with_pool!(db, |pool| sqlx::query("ANALYZE")
        .execute(pool)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Signs the demo officer in through the router (password, then the SMS code from the
/// local sink) and returns the session cookie.
async fn sign_in(router: &axum::Router, db: &Db) -> anyhow::Result<String> {
    let post = |uri: &str, cookie: Option<&str>, body: String| {
        let mut req = Request::builder()
            .method("POST")
            .uri(uri)
            .header("host", "bench.test")
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", "http://bench.test")
            .header("sec-fetch-site", "same-origin")
            .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                [127, 0, 0, 1],
                40000,
            ))));
        if let Some(c) = cookie {
            req = req.header("cookie", c);
        }
        req.body(Body::from(body))
    };
    let body = serde_urlencoded::to_string([("identifier", OFFICER), ("password", PASSWORD)])?;
    let res = router
        .clone()
        .oneshot(post("/api/accounts/sign-in", None, body)?)
        .await?;
    let cookie =
        session_cookie(&res).ok_or_else(|| anyhow::anyhow!("no session after the password"))?;
    uraia_server::delivery::deliver_due(db, &uraia_server::delivery::Channels::local(db)).await?;
    let message = app::data::outbox::dev_mailbox(db, Some(PHONE), 1).await?;
    let text = &message
        .first()
        .ok_or_else(|| anyhow::anyhow!("no code sent"))?
        .body;
    let digits: Vec<char> = text.chars().collect();
    let code: String = digits
        .windows(6)
        .find(|w| w.iter().all(char::is_ascii_digit))
        .map(|w| w.iter().collect())
        .ok_or_else(|| anyhow::anyhow!("no code in the message"))?;
    let body = serde_urlencoded::to_string([("code", code.as_str())])?;
    let res = router
        .clone()
        .oneshot(post("/api/accounts/sign-in-code", Some(&cookie), body)?)
        .await?;
    session_cookie(&res).ok_or_else(|| anyhow::anyhow!("no session after the code"))
}

fn session_cookie(res: &axum::response::Response) -> Option<String> {
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("uraia_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_string)
}

//! Tracking, on SQLite and PostgreSQL: every move writes one event and the right
//! messages, the owner's status page and answer, public tracking by reference and year of
//! birth, the live event stream, and who may see what.

use crate::browser::{citizen, officer, Browser};
use crate::payments::{complete_land_search, send, status_of};
use crate::support::{on_both_backends, TestApp};
use app::data::Db;
use http_body_util::BodyExt;
use tower::ServiceExt;

/// Land search made free, so sending submits it at once.
pub(crate) async fn make_land_search_free(db: &Db) {
    app::with_pool!(db, |pool| sqlx::query(
        "UPDATE service_fees SET amount_cents = 0 \
         WHERE service_id = (SELECT id FROM services WHERE slug = 'land-search')"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

/// The demo citizen with a submitted land search: (browser, public id, reference).
pub(crate) async fn submitted(app: &TestApp) -> (Browser<'_>, String, String) {
    make_land_search_free(&app.db).await;
    let mut b = citizen(app).await;
    let id = complete_land_search(&mut b).await;
    send(&mut b, &id, true).await;
    assert_eq!(status_of(&app.db, &id).await, "submitted");
    let reference = reference_of(&app.db, &id).await;
    (b, id, reference)
}

async fn reference_of(db: &Db, id: &str) -> String {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT reference FROM applications WHERE public_id = $1"
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// Moves the application as `uraia advance` does.
pub(crate) async fn advance(
    db: &Db,
    reference: &str,
    status: &str,
    note: Option<&str>,
    place: Option<&str>,
) -> anyhow::Result<String> {
    uraia_server::advance::run(
        db,
        &uraia_server::advance::Advance {
            reference,
            status,
            note,
            place,
            by: None,
        },
    )
    .await
}

async fn count(db: &Db, sql: &str, id: &str) -> i64 {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, i64>(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap())
}

async fn events_of(db: &Db, id: &str) -> i64 {
    count(
        db,
        "SELECT COUNT(*) FROM application_events e JOIN applications a ON a.id = e.application_id \
         WHERE a.public_id = $1",
        id,
    )
    .await
}

/// Outbox messages whose key starts with the prefix.
async fn outbox_with(db: &Db, prefix: &str) -> Vec<(String, String, String)> {
    app::with_pool!(db, |pool| {
        sqlx::query_as::<_, (String, String, String)>(
        "SELECT channel, idempotency_key, body FROM outbox WHERE idempotency_key LIKE $1 ORDER BY id"
    )
    .bind(format!("{prefix}%"))
    .fetch_all(pool)
    .await
    .unwrap()
    })
}

async fn fan_out(db: &Db) -> usize {
    app::notify::status::fan_out_due(db, "http://uraia.test")
        .await
        .unwrap()
}

async fn each_move_writes_one_event_and_the_right_messages(app: &TestApp) {
    let (_b, id, reference) = submitted(app).await;
    let db = &app.db;
    assert_eq!(events_of(db, &id).await, 1, "sending wrote its event");
    // Handled: the person's own sending needs no news.
    assert_eq!(fan_out(db).await, 1);
    assert!(outbox_with(db, "event:").await.is_empty());

    // Staff of another agency may not move it.
    crate::back_office::other_agency_officer(app).await;
    let not_staff = uraia_server::advance::run(
        db,
        &uraia_server::advance::Advance {
            reference: &reference,
            status: "processing",
            note: None,
            place: None,
            by: Some("ntsa.officer@example.com"),
        },
    )
    .await;
    assert!(not_staff.unwrap_err().to_string().contains("not staff"));
    advance(db, &reference, "processing", None, None)
        .await
        .unwrap();
    assert_eq!(events_of(db, &id).await, 2);
    assert_eq!(fan_out(db).await, 1);
    assert_eq!(fan_out(db).await, 0, "each event is handled once");
    let queued = outbox_with(db, "event:").await;
    // The defaults: SMS and the inbox, no email.
    assert_eq!(queued.len(), 1, "{queued:?}");
    assert_eq!(queued[0].0, "sms");
    assert!(queued[0].2.contains(&reference) && queued[0].2.contains("being processed"));
    assert!(queued[0].2.chars().count() <= 160);
    assert_eq!(
        count(
            db,
            "SELECT COUNT(*) FROM inbox_messages m JOIN users u ON u.id = m.user_id WHERE u.email = $1",
            "wanjiku@example.com"
        )
        .await,
        1
    );

    // A move the table refuses changes nothing and writes nothing.
    let refused = advance(db, &reference, "collected", None, None).await;
    assert!(refused.is_err());
    let refused = advance(db, &reference, "rejected", None, None).await;
    assert!(
        refused.unwrap_err().to_string().contains("note"),
        "a refusal needs a reason"
    );
    assert_eq!(events_of(db, &id).await, 2);
    assert_eq!(status_of(db, &id).await, "processing");

    // With email chosen too, the next move is emailed with the officer's note.
    let user_id = count(
        db,
        "SELECT id FROM users WHERE email = $1",
        "wanjiku@example.com",
    )
    .await;
    app::data::notifications::save_preferences(
        db,
        user_id,
        &app::data::notifications::Preferences {
            inbox: true,
            email: true,
            sms: true,
            push: true,
        },
    )
    .await
    .unwrap();
    advance(
        db,
        &reference,
        "info_requested",
        Some("Please upload a clearer copy of the title deed."),
        None,
    )
    .await
    .unwrap();
    fan_out(db).await;
    let queued = outbox_with(db, "event:").await;
    assert_eq!(queued.len(), 3, "{queued:?}");
    let email = queued.iter().find(|m| m.0 == "email").expect("an email");
    assert!(email.2.contains("clearer copy of the title deed"));
    let sms = &queued.iter().rfind(|m| m.0 == "sms").unwrap().2;
    assert!(!sms.contains("title deed"), "notes stay out of SMS: {sms}");
}

async fn the_owner_sees_the_timeline_and_answers_a_request(app: &TestApp) {
    let (mut b, id, reference) = submitted(app).await;
    let db = &app.db;
    let page = b.get(&format!("/applications/{id}/status")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(html.contains(&reference));
    assert!(html.contains("Submitted"));
    assert!(html.contains("A decision is expected by"), "{html}");
    assert!(
        html.contains("Updated at"),
        "a page without JavaScript says when it was read"
    );
    assert!(
        html.contains(&format!("href=\"/applications/{id}/status\"")),
        "and how to refresh"
    );

    advance(db, &reference, "processing", None, None)
        .await
        .unwrap();
    advance(
        db,
        &reference,
        "info_requested",
        Some("Which plot is this, exactly?"),
        None,
    )
    .await
    .unwrap();
    let html = b.get(&format!("/applications/{id}/status")).await.text();
    assert!(html.contains("More information needed"));
    assert!(html.contains("Which plot is this, exactly?"));

    // An empty answer is refused beside the field; nothing moves.
    let res = b
        .post_form(
            "/api/tracking/answer",
            &format!("/applications/{id}/status"),
            &[("id", &id), ("answer", "  ")],
        )
        .await;
    let back = b.follow(&res).await.text();
    assert!(back.contains("answer-error"), "{back}");
    assert_eq!(status_of(db, &id).await, "info_requested");

    let res = b
        .post_form(
            "/api/tracking/answer",
            &format!("/applications/{id}/status"),
            &[("id", &id), ("answer", "Plot 1234 on Ngong Road.")],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some(format!("/applications/{id}/status?answered=1").as_str())
    );
    assert_eq!(status_of(db, &id).await, "resubmitted");
    let html = b
        .get(&format!("/applications/{id}/status?answered=1"))
        .await
        .text();
    assert!(html.contains("Your answer was sent"));
    assert!(html.contains("Plot 1234 on Ngong Road."));
    // Answering twice does nothing more.
    b.post_form(
        "/api/tracking/answer",
        &format!("/applications/{id}/status"),
        &[("id", &id), ("answer", "again")],
    )
    .await;
    assert_eq!(events_of(db, &id).await, 4);
    fan_out(db).await;
    assert!(
        outbox_with(db, "event:").await.len() == 2,
        "processing and the request were told; the person's own answer was not"
    );

    advance(db, &reference, "approved", None, None)
        .await
        .unwrap();
    advance(
        db,
        &reference,
        "ready_for_collection",
        None,
        Some("huduma-nakuru"),
    )
    .await
    .unwrap();
    let html = b.get(&format!("/applications/{id}/status")).await.text();
    assert!(html.contains("Ready for collection"));
    assert!(html.contains("Huduma Centre Nakuru"), "{html}");
    assert!(html.contains("Opening hours"));
    fan_out(db).await;
    let sms = outbox_with(db, "event:").await.last().unwrap().2.clone();
    assert!(sms.contains("Huduma Centre Nakuru"), "{sms}");
}

async fn track(b: &mut Browser<'_>, reference: String, proof: &str) -> crate::support::Response {
    b.post_form(
        "/api/tracking/track",
        "/track",
        &[("reference", reference.as_str()), ("proof", proof)],
    )
    .await
}

async fn public_tracking_needs_the_reference_and_year_of_birth(app: &TestApp) {
    let (_owner, id, reference) = submitted(app).await;
    let db = &app.db;
    advance(db, &reference, "processing", None, None)
        .await
        .unwrap();
    advance(
        db,
        &reference,
        "info_requested",
        Some("A private request"),
        None,
    )
    .await
    .unwrap();
    let mut anyone = Browser::new(app);
    anyone.ip = [10, 0, 0, 9];
    // A wrong year and an unknown reference say the same thing.
    let res = track(&mut anyone, reference.clone(), "1991").await;
    let wrong_year = anyone.follow(&res).await.text();
    assert!(
        wrong_year.contains("We found no application"),
        "{wrong_year}"
    );
    assert!(wrong_year.contains(&reference), "what was typed stays");
    let unknown = app::forms::reference::Reference::new("LSR", 2026, 12345).to_string();
    let res = track(&mut anyone, unknown, "1990").await;
    assert!(anyone
        .follow(&res)
        .await
        .text()
        .contains("We found no application"));
    // A mistyped character is caught by the check character.
    let mut typo = reference.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == 'A' { 'B' } else { 'A' });
    let res = track(&mut anyone, typo, "1990").await;
    assert!(anyone.follow(&res).await.text().contains("looks mistyped"));
    // Without proof the page asks for it.
    let page = anyone.get(&format!("/track/{reference}")).await.text();
    assert!(page.contains("name=\"proof\""));
    assert!(!page.contains("More information needed"));

    let res = track(&mut anyone, reference.to_lowercase(), "1990").await;
    assert_eq!(
        res.header("location"),
        Some(format!("/track/{reference}").as_str())
    );
    let page = anyone.get(&format!("/track/{reference}")).await.text();
    assert!(page.contains("More information needed"), "{page}");
    assert!(!page.contains("A private request"), "no notes in public");
    assert!(!page.contains("Wanjiku"), "no names in public");
    assert!(page.contains("Updated at"));
    assert_eq!(status_of(db, &id).await, "info_requested");

    // Guessing years of birth one after another is stopped.
    let mut guesser = Browser::new(app);
    guesser.ip = [10, 0, 0, 77];
    let mut stopped = false;
    for year in 0..15 {
        let proof = format!("{}", 1950 + year);
        let res = track(&mut guesser, reference.clone(), &proof).await;
        if guesser
            .follow(&res)
            .await
            .text()
            .contains("Too many attempts")
        {
            stopped = true;
            break;
        }
    }
    assert!(stopped, "rate limited");
}

async fn nobody_else_sees_an_application_or_its_stream(app: &TestApp) {
    let (_owner, id, reference) = submitted(app).await;
    let mut other = officer(app).await;
    assert_eq!(
        other
            .get(&format!("/applications/{id}/status"))
            .await
            .status,
        404
    );
    assert_eq!(
        other
            .get(&format!("/applications/{id}/events"))
            .await
            .status,
        404
    );
    assert_eq!(
        other
            .get(&format!("/track/{reference}/events"))
            .await
            .status,
        404
    );
    let mut nobody = Browser::new(app);
    assert_eq!(
        nobody
            .get(&format!("/applications/{id}/events"))
            .await
            .status,
        404
    );
    // A draft has no status page: it leads to its task list.
    let mut b = citizen(app).await;
    let draft = crate::applications::start_service(&mut b, "land-search").await;
    let res = b.get(&format!("/applications/{draft}/status")).await;
    assert_eq!(
        res.header("location"),
        Some(format!("/applications/{draft}").as_str())
    );
}

/// Reads server-sent events from `body` until one carries `wanted` (or 3 s pass).
async fn read_until(body: &mut axum::body::Body, wanted: &str) -> String {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + std::time::Duration::from_secs(3);
    while !seen.contains(wanted) {
        let frame = tokio::time::timeout_at(deadline, body.frame())
            .await
            .unwrap_or_else(|_| panic!("no {wanted:?} within 3 s; got {seen:?}"));
        let Some(Ok(frame)) = frame else {
            panic!("stream ended: {seen:?}")
        };
        if let Some(data) = frame.data_ref() {
            seen.push_str(&String::from_utf8_lossy(data));
        }
    }
    seen
}

async fn the_stream_sends_each_change_and_catches_up(app: &TestApp) {
    let (b, id, reference) = submitted(app).await;
    let db = &app.db;
    let first: i64 = count(
        db,
        "SELECT MAX(e.id) FROM application_events e JOIN applications a ON a.id = e.application_id WHERE a.public_id = $1",
        &id,
    )
    .await;
    let cookie: Vec<String> = b.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let open = |last: Option<i64>| {
        let mut req = axum::http::Request::get(format!("/applications/{id}/events?after={first}"))
            .header("host", crate::browser::HOST)
            .header("cookie", cookie.join("; "))
            .header("accept", "text/event-stream");
        if let Some(last) = last {
            req = req.header("last-event-id", last.to_string());
        }
        req.body(axum::body::Body::empty()).unwrap()
    };
    let res = app.router.clone().oneshot(open(None)).await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "text/event-stream"
    );
    let mut body = res.into_body();
    advance(db, &reference, "processing", None, None)
        .await
        .unwrap();
    let got = read_until(&mut body, "processing").await;
    assert!(got.contains("event: status"), "{got}");
    let processing_id = count(
        db,
        "SELECT MAX(e.id) FROM application_events e JOIN applications a ON a.id = e.application_id WHERE a.public_id = $1",
        &id,
    )
    .await;
    assert!(processing_id > first);
    assert!(got.contains(&format!("id: {processing_id}\n")), "{got}");
    assert!(
        !got.contains("submitted"),
        "nothing before the page's own state"
    );
    drop(body);

    // Missed while away: a reconnect with the last id it had gets what came since.
    advance(db, &reference, "info_requested", Some("?"), None)
        .await
        .unwrap();
    // Refused by the table (a request must be answered first): nothing for the stream.
    advance(db, &reference, "rejected", Some("Wrong registry"), None)
        .await
        .unwrap_err();
    let res = app
        .router
        .clone()
        .oneshot(open(Some(processing_id)))
        .await
        .unwrap();
    let mut body = res.into_body();
    let got = read_until(&mut body, "info_requested").await;
    assert!(!got.contains("\"processing\""), "not sent twice: {got}");
}

on_both_backends!(
    each_move_writes_one_event_and_the_right_messages,
    the_owner_sees_the_timeline_and_answers_a_request,
    public_tracking_needs_the_reference_and_year_of_birth,
    nobody_else_sees_an_application_or_its_stream,
    the_stream_sends_each_change_and_catches_up,
);

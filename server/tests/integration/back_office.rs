//! The back office, on SQLite and PostgreSQL: who may call each staff function, the work
//! queue (filters, keyset pages, claiming), an officer's moves from Submitted to Collected
//! with a request for information answered in between, and staff file access.

use crate::application_files::{pdf, start, upload};
use crate::browser::{citizen, officer, signed_in, Browser};
use crate::payments::status_of;
use crate::support::{on_both_backends, TestApp};
use crate::tracking::submitted;
use app::data::Db;

/// A staff member made for the test (posts as (role, agency slug)), signed in with a code.
pub(crate) async fn staff_member<'a>(
    app: &'a TestApp,
    email: &str,
    phone: &str,
    id_number: &str,
    posts: &[(&str, &str)],
) -> Browser<'a> {
    let hash = app::auth::password::hash("staff test passphrase".to_string())
        .await
        .unwrap();
    let now = chrono::Utc::now();
    let id: i64 = app::with_pool!(&app.db, |pool| {
        sqlx::query_scalar(
        "INSERT INTO users (account_type, id_number, first_name, last_name, year_of_birth, email, \
         phone, email_verified_at, phone_verified_at, password_hash, status, language, created_at, updated_at) \
         VALUES ('citizen', $1, 'Test', 'Officer', 1980, $2, $3, $4, $4, $5, 'active', 'en', $4, $4) RETURNING id"
    )
    .bind(id_number)
    .bind(email)
    .bind(phone)
    .bind(now)
    .bind(&hash)
    .fetch_one(pool)
    .await
    .unwrap()
    });
    for (role, agency) in posts {
        app::with_pool!(&app.db, |pool| sqlx::query(
            "INSERT INTO user_roles (user_id, role, agency_id) \
             VALUES ($1, $2, (SELECT id FROM agencies WHERE slug = $3))"
        )
        .bind(id)
        .bind(*role)
        .bind(*agency)
        .execute(pool)
        .await
        .map(|_| ())
        .unwrap());
    }
    signed_in(app, email, "staff test passphrase", phone, false).await
}

/// An officer of the road transport authority only (another agency than the land search's).
pub(crate) async fn other_agency_officer(app: &TestApp) -> Browser<'_> {
    staff_member(
        app,
        "ntsa.officer@example.com",
        "+254712000091",
        "91000001",
        &[("officer", "ntsa")],
    )
    .await
}

pub(crate) async fn scalar(db: &Db, sql: &str, id: &str) -> i64 {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, i64>(sql)
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap())
}

async fn audit_count(db: &Db, action: &str) -> i64 {
    scalar(
        db,
        "SELECT COUNT(*) FROM audit_log WHERE action = $1",
        action,
    )
    .await
}

/// Every staff server function and page, with arguments that would succeed for the
/// application's own officer.
fn staff_calls(id: &str) -> Vec<(String, Vec<(String, String)>)> {
    let id = id.to_string();
    let with_id = |extra: &[(&str, &str)]| {
        let mut fields = vec![("id".to_string(), id.clone())];
        fields.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        fields
    };
    vec![
        (
            "/api/staff/queue".into(),
            vec![("filter[agency]".into(), "ministry-lands".into())],
        ),
        ("/api/staff/application".into(), with_id(&[])),
        ("/api/staff/claim".into(), with_id(&[])),
        ("/api/staff/release".into(), with_id(&[])),
        ("/api/staff/assign".into(), with_id(&[("to", "1")])),
        ("/api/staff/note".into(), with_id(&[("body", "A note")])),
        ("/api/staff/decide".into(), with_id(&[("to", "processing")])),
        ("/api/staff/dead-letters".into(), vec![]),
        (
            "/api/staff/retry-message".into(),
            vec![("id".into(), "1".into())],
        ),
    ]
}

async fn every_staff_function_refuses_outsiders(app: &TestApp) {
    let (mut owner, id, reference) = submitted(app).await;
    let mut anonymous = Browser::new(app);
    let mut other = other_agency_officer(app).await;
    for (uri, fields) in staff_calls(&id) {
        let fields: Vec<(&str, &str)> = fields
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let res = anonymous.call(&uri, &fields).await;
        assert_eq!(res.status, 401, "anonymous {uri}: {}", res.text());
        let res = owner.call(&uri, &fields).await;
        assert_eq!(res.status, 403, "citizen {uri}: {}", res.text());
        let res = other.call(&uri, &fields).await;
        assert!(
            res.status == 403 || res.status == 404,
            "other agency {uri}: {} {}",
            res.status,
            res.text()
        );
        assert!(
            !res.text().contains(&reference),
            "{uri} leaked the application"
        );
    }
    // Pages and the file route refuse them too.
    for uri in ["/staff", &format!("/staff/applications/{id}")] {
        assert_eq!(anonymous.get(uri).await.status, 401, "{uri}");
        assert_eq!(owner.get(uri).await.status, 403, "{uri}");
        let page = other.get(uri).await;
        assert!(!page.text().contains(&reference), "{uri}");
    }
    // Nothing happened to the application.
    assert_eq!(status_of(&app.db, &id).await, "submitted");
    assert_eq!(audit_count(&app.db, "viewed_application").await, 0);
    // The staff pages are never indexed.
    let page = officer(app).await.get("/staff?agency=ministry-lands").await;
    assert_eq!(page.status, 200, "{}", page.text());
    assert_eq!(page.header("x-robots-tag"), Some("noindex, nofollow"));
    assert!(
        page.text().contains(&reference),
        "the lands officer's queue lists it"
    );
}

async fn a_staff_session_needs_a_second_factor(app: &TestApp) {
    let (_owner, id, _) = submitted(app).await;
    let mut b = officer(app).await;
    // Mark the session as one made without a second factor (as a remembered device or
    // Digital ID alone would), directly in the session store.
    app::with_pool!(&app.db, |pool| {
        sqlx::query(
        "UPDATE sessions SET data = REPLACE(data, '\"second_factor\":true', '\"second_factor\":false')"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap()
    });
    let res = b
        .call("/api/staff/application", &[("id", id.as_str())])
        .await;
    assert_eq!(res.status, 403, "{}", res.text());
    let page = b.get(&format!("/staff/applications/{id}")).await;
    assert!(
        page.text().contains("Sign in again with a second step"),
        "{}",
        page.text()
    );
    // And staff never skip the code on a remembered device.
    let mut remembered = signed_in(
        app,
        "otieno@example.com",
        "demo officer passphrase",
        "+254712000002",
        true,
    )
    .await;
    remembered.cookies.retain(|name, _| name.contains("device"));
    crate::browser::shift_codes(app).await;
    let res = remembered
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "otieno@example.com"),
                ("password", "demo officer passphrase"),
            ],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/sign-in/code"),
        "staff always give the code"
    );
}

/// Posts a move as the page's plain form does; returns where the browser is sent.
async fn decide(b: &mut Browser<'_>, id: &str, fields: &[(&str, &str)]) -> String {
    let mut all = vec![("id", id)];
    all.extend_from_slice(fields);
    let res = b
        .post_form(
            "/api/staff/decide",
            &format!("/staff/applications/{id}"),
            &all,
        )
        .await;
    // Success or not, a plain form is answered with a redirect (back with the error).
    assert!(res.status.is_redirection(), "{} {}", res.status, res.text());
    res.header("location").unwrap_or_default().to_string()
}

async fn fan_out(db: &Db) -> usize {
    app::notify::status::fan_out_due(db, "http://uraia.test")
        .await
        .unwrap()
}

async fn sms_about(db: &Db, reference: &str) -> Vec<String> {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT body FROM outbox WHERE channel = 'sms' AND idempotency_key LIKE 'event:%' \
         AND body LIKE $1 ORDER BY id"
    )
    .bind(format!("%{reference}%"))
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn an_officer_works_it_to_collection_with_a_request_answered(app: &TestApp) {
    let (mut owner, id, reference) = submitted(app).await;
    let db = &app.db;
    let mut b = officer(app).await;
    fan_out(db).await;

    // The application view: answers, payment, moves; opening it is audited.
    let page = b.get(&format!("/staff/applications/{id}")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(
        html.contains("NAIROBI/BLOCK 82/1234"),
        "the answers are shown"
    );
    assert!(html.contains("Wanjiku"), "the applicant is named");
    assert!(html.contains("Start processing"));
    assert_eq!(audit_count(db, "viewed_application").await, 1);

    // Start processing: the officer takes it on; the applicant is told.
    let to = decide(&mut b, &id, &[("to", "processing")]).await;
    assert_eq!(to, format!("/staff/applications/{id}?moved=processing"));
    assert_eq!(status_of(db, &id).await, "processing");
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM applications WHERE public_id = $1 AND assigned_to IS NOT NULL",
            &id
        )
        .await,
        1
    );
    fan_out(db).await;
    assert_eq!(sms_about(db, &reference).await.len(), 1);

    // A request without words is refused beside the field, and what was ticked is no
    // loss: nothing moved.
    let to = decide(
        &mut b,
        &id,
        &[("to", "info_requested"), ("ask[title_number]", "on")],
    )
    .await;
    assert!(to.contains("/staff/applications/"), "{to}");
    assert_eq!(status_of(db, &id).await, "processing");
    let res = b
        .call(
            "/api/staff/decide",
            &[("id", id.as_str()), ("to", "info_requested")],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("\"note\""), "{}", res.text());

    // Ask for the title number again.
    decide(
        &mut b,
        &id,
        &[
            ("to", "info_requested"),
            (
                "note",
                "The title number does not match the registry. Check it on the deed.",
            ),
            ("ask[title_number]", "on"),
            ("ask[not_a_question]", "on"),
        ],
    )
    .await;
    assert_eq!(status_of(db, &id).await, "info_requested");
    let requested: String = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT requested FROM application_events WHERE to_status = 'info_requested'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(
        requested, "[\"title_number\"]",
        "unknown questions are dropped"
    );

    // The applicant sees the request with the question asked again, answers it wrongly
    // first (kept, with the error beside it), then rightly.
    let page = owner
        .get(&format!("/applications/{id}/status"))
        .await
        .text();
    assert!(page.contains("does not match the registry"));
    assert!(
        page.contains("name=\"answers[title_number]\""),
        "the question is asked again"
    );
    let res = owner
        .post_form(
            "/api/tracking/answer",
            &format!("/applications/{id}/status"),
            &[
                ("id", id.as_str()),
                ("answers[title_number]", "not a title"),
            ],
        )
        .await;
    let back = owner.follow(&res).await.text();
    assert!(back.contains("not a title"), "what was typed is kept");
    assert_eq!(status_of(db, &id).await, "info_requested");
    owner
        .post_form(
            "/api/tracking/answer",
            &format!("/applications/{id}/status"),
            &[
                ("id", id.as_str()),
                ("answers[title_number]", "NAIROBI/BLOCK 82/4321"),
                ("answer", "Corrected from the deed."),
            ],
        )
        .await;
    assert_eq!(status_of(db, &id).await, "resubmitted");
    let answers: String = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT answers FROM applications WHERE public_id = $1"
    )
    .bind(&id)
    .fetch_one(pool)
    .await
    .unwrap());
    assert!(answers.contains("NAIROBI/BLOCK 82/4321"), "{answers}");

    // The officer sees the new answer and the applicant's words, then approves.
    let html = b.get(&format!("/staff/applications/{id}")).await.text();
    assert!(html.contains("NAIROBI/BLOCK 82/4321") && html.contains("Corrected from the deed."));
    decide(&mut b, &id, &[("to", "approved")]).await;
    assert_eq!(status_of(db, &id).await, "approved");

    // Ready for collection needs a place.
    let res = b
        .call(
            "/api/staff/decide",
            &[("id", id.as_str()), ("to", "ready_for_collection")],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("\"place\""));
    decide(
        &mut b,
        &id,
        &[("to", "ready_for_collection"), ("place", "huduma-gpo")],
    )
    .await;
    assert_eq!(status_of(db, &id).await, "ready_for_collection");

    // Collected: the collector's ID, and for a minor the guardian's too.
    let res = b
        .call(
            "/api/staff/decide",
            &[
                ("id", id.as_str()),
                ("to", "collected"),
                ("collector", "12345678"),
                ("minor", "on"),
            ],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("\"guardian\""), "{}", res.text());
    decide(
        &mut b,
        &id,
        &[
            ("to", "collected"),
            ("collector", "1234 5678"),
            ("minor", "on"),
            ("guardian", "23456789"),
        ],
    )
    .await;
    assert_eq!(status_of(db, &id).await, "collected");
    let collected: (String, Option<String>) = app::with_pool!(db, |pool| sqlx::query_as(
        "SELECT collector_id_number, guardian_id_number FROM collections"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(
        collected,
        ("12345678".to_string(), Some("23456789".to_string()))
    );

    // Each officer move told the applicant (processing, request, approved, ready,
    // collected), and each is in the audit log with the officer's role and agency.
    fan_out(db).await;
    assert_eq!(sms_about(db, &reference).await.len(), 5);
    let officer_moves: i64 = app::with_pool!(db, |pool| {
        sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'status_changed' AND actor_role = 'officer' \
         AND actor_agency = 'ministry-lands'"
    )
    .fetch_one(pool)
    .await
    .unwrap()
    });
    assert_eq!(officer_moves, 5);

    // The applicant sees who handled it by role and office, never the officer's name.
    let page = owner
        .get(&format!("/applications/{id}/status"))
        .await
        .text();
    let log = &page[page
        .find("Who has handled your application")
        .expect("the access log")..];
    assert!(log.contains("Opened the application"));
    assert!(log.contains("Officer"));
    assert!(log.contains("Ministry of Lands"));
    assert!(!log.contains("Otieno"), "staff names stay private");

    // Nothing more can be done; a stale form is refused without a 500.
    let res = b
        .call(
            "/api/staff/decide",
            &[("id", id.as_str()), ("to", "approved")],
        )
        .await;
    assert_eq!(res.status, 400, "{}", res.text());
}

async fn refusing_needs_a_reason_from_the_list_and_words(app: &TestApp) {
    let (_owner, id, _) = submitted(app).await;
    let mut b = officer(app).await;
    decide(&mut b, &id, &[("to", "processing")]).await;
    let res = b
        .call(
            "/api/staff/decide",
            &[("id", id.as_str()), ("to", "rejected"), ("reason", "bogus")],
        )
        .await;
    assert_eq!(res.status, 400);
    let text = res.text();
    assert!(
        text.contains("\"reason\"") && text.contains("\"note\""),
        "{text}"
    );
    decide(
        &mut b,
        &id,
        &[
            ("to", "rejected"),
            ("reason", "duplicate"),
            ("note", "You applied for this parcel last week."),
        ],
    )
    .await;
    assert_eq!(status_of(&app.db, &id).await, "rejected");
    let reason: String = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT reason FROM application_events WHERE to_status = 'rejected'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(reason, "duplicate");
}

async fn internal_notes_stay_internal(app: &TestApp) {
    let (mut owner, id, _) = submitted(app).await;
    let mut b = officer(app).await;
    let res = b
        .post_form(
            "/api/staff/note",
            &format!("/staff/applications/{id}"),
            &[
                ("id", id.as_str()),
                ("body", "Called the registry: title looks genuine."),
            ],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some(format!("/staff/applications/{id}?noted=1#notes").as_str())
    );
    assert!(b
        .get(&format!("/staff/applications/{id}"))
        .await
        .text()
        .contains("title looks genuine"));
    let page = owner
        .get(&format!("/applications/{id}/status"))
        .await
        .text();
    assert!(!page.contains("title looks genuine"));
    // An empty note is refused beside the field.
    let res = b
        .call("/api/staff/note", &[("id", id.as_str()), ("body", "  ")])
        .await;
    assert_eq!(res.status, 400);
}

async fn claiming_is_first_come_and_supervisors_assign(app: &TestApp) {
    let (_owner, id, _) = submitted(app).await;
    let mut a = officer(app).await;
    let mut b = staff_member(
        app,
        "second.lands@example.com",
        "+254712000092",
        "91000002",
        &[("officer", "ministry-lands")],
    )
    .await;
    let fields = [("id", id.as_str())];
    let (ra, rb) = tokio::join!(
        a.call("/api/staff/claim", &fields),
        b.call("/api/staff/claim", &fields)
    );
    let won = [ra.status, rb.status]
        .iter()
        .filter(|s| s.is_success())
        .count();
    assert_eq!(
        won, 1,
        "exactly one claim wins: {} {}",
        ra.status, rb.status
    );
    assert!([ra.status, rb.status].iter().any(|s| s.as_u16() == 400));
    // The loser cannot release it; an officer cannot assign.
    let (winner, loser) = if ra.status.is_success() {
        (&mut a, &mut b)
    } else {
        (&mut b, &mut a)
    };
    assert_eq!(loser.call("/api/staff/release", &fields).await.status, 400);
    let res = loser
        .call("/api/staff/assign", &[("id", id.as_str()), ("to", "1")])
        .await;
    assert_eq!(res.status, 403, "{}", res.text());
    assert!(winner
        .call("/api/staff/release", &fields)
        .await
        .status
        .is_success());

    // A supervisor hands it to the second officer, whose "mine" filter then lists it.
    let mut sup = signed_in(
        app,
        "baraka@example.com",
        "demo supervisor passphrase",
        "+254712000004",
        false,
    )
    .await;
    let second: i64 = scalar(
        &app.db,
        "SELECT id FROM users WHERE email = $1",
        "second.lands@example.com",
    )
    .await;
    let res = sup
        .call(
            "/api/staff/assign",
            &[("id", id.as_str()), ("to", &second.to_string())],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text());
    // Not to someone outside the agency.
    let outsider: i64 = scalar(
        &app.db,
        "SELECT id FROM users WHERE email = $1",
        "wanjiku@example.com",
    )
    .await;
    let res = sup
        .call(
            "/api/staff/assign",
            &[("id", id.as_str()), ("to", &outsider.to_string())],
        )
        .await;
    assert_eq!(res.status, 400);
    let mine = b.get("/staff?agency=ministry-lands&holder=me").await.text();
    assert!(mine.contains(&format!("/staff/applications/{id}")));
    assert_eq!(audit_count(&app.db, "assigned").await, 1);
}

/// Puts `n` submitted land searches straight into the database, sent twelve hours apart
/// from 30 days ago, each due two days after it was sent.
pub(crate) async fn many_submitted(db: &Db, n: i64) {
    let user: i64 = scalar(
        db,
        "SELECT id FROM users WHERE email = $1",
        "wanjiku@example.com",
    )
    .await;
    let service: i64 = scalar(db, "SELECT id FROM services WHERE slug = $1", "land-search").await;
    let start = chrono::Utc::now() - chrono::Duration::days(30);
    for i in 0..n {
        let at = start + chrono::Duration::hours(12 * i);
        app::with_pool!(db, |pool| {
            sqlx::query(
            "INSERT INTO applications (public_id, user_id, service_id, form_version, status, answers, \
             reference, submitted_at, due_at, created_at, updated_at) \
             VALUES ($1, $2, $3, 1, 'submitted', '{}', $4, $5, $6, $5, $5)"
        )
        .bind(format!("bulk{i:028}"))
        .bind(user)
        .bind(service)
        .bind(format!("LDS-BULK-{i:06}"))
        .bind(at)
        .bind(at + chrono::Duration::days(2))
        .execute(pool)
        .await
        .map(|_| ())
        .unwrap()
        });
    }
}

/// The bulk references on a page, in order, each once (a row names it more than once).
fn references(html: &str) -> Vec<String> {
    let mut found: Vec<String> = html
        .match_indices("LDS-BULK-")
        .map(|(i, _)| html[i..i + 15].to_string())
        .collect();
    let mut seen = std::collections::HashSet::new();
    found.retain(|r| seen.insert(r.clone()));
    found
}

fn link(html: &str, rel: &str) -> Option<String> {
    let marker = format!("rel=\"{rel}\"");
    let at = html.find(&marker)?;
    let before = &html[..at];
    let start = before.rfind("href=\"")? + 6;
    let end = start + before[start..].find('"')?;
    Some(html[start..end].replace("&amp;", "&"))
}

async fn the_queue_filters_and_pages_by_keyset(app: &TestApp) {
    many_submitted(&app.db, 60).await;
    let mut b = officer(app).await;
    let first = b.get("/staff?agency=ministry-lands").await;
    assert_eq!(first.status, 200);
    let first = first.text();
    let page1 = references(&first);
    assert_eq!(page1.len(), 25, "a page is 25");
    assert_eq!(page1[0], "LDS-BULK-000000", "due soonest first");
    assert!(first.contains("Overdue"), "old ones are marked overdue");
    let next = link(&first, "next").expect("a next page");
    let second = b.get(&next).await.text();
    let page2 = references(&second);
    assert_eq!(page2.first().map(String::as_str), Some("LDS-BULK-000025"));
    let third = b.get(&link(&second, "next").unwrap()).await.text();
    assert_eq!(references(&third).len(), 10);
    assert!(link(&third, "next").is_none(), "no page after the last");
    let back = b.get(&link(&third, "prev").unwrap()).await.text();
    assert_eq!(references(&back), page2, "previous is the page before");

    // Filters: latest first; only overdue; a status with nothing in it.
    let latest = references(
        &b.get("/staff?agency=ministry-lands&sort=latest")
            .await
            .text(),
    );
    assert_eq!(latest[0], "LDS-BULK-000059");
    let overdue = references(
        &b.get("/staff?agency=ministry-lands&overdue=1&sort=latest")
            .await
            .text(),
    );
    assert!(
        !overdue.contains(&"LDS-BULK-000059".to_string()),
        "due in the future is not overdue"
    );
    let none = b
        .get("/staff?agency=ministry-lands&status=collected")
        .await
        .text();
    assert!(references(&none).is_empty() && none.contains("Nothing matches"));
    let old = references(
        &b.get("/staff?agency=ministry-lands&older_than=29")
            .await
            .text(),
    );
    assert!(!old.is_empty() && old.len() < 25, "{}", old.len());
    // An officer limited to another service sees none of them.
    let limited = staff_member(
        app,
        "limited@example.com",
        "+254712000093",
        "91000003",
        &[("officer", "ministry-lands")],
    )
    .await;
    app::with_pool!(&app.db, |pool| {
        sqlx::query(
        "INSERT INTO officer_services (user_id, service_id) SELECT u.id, s.id FROM users u, services s \
         WHERE u.email = 'limited@example.com' AND s.slug <> 'land-search' AND s.agency_id = \
         (SELECT agency_id FROM services WHERE slug = 'land-search') LIMIT 1"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap()
    });
    let mut limited = limited;
    let html = limited.get("/staff?agency=ministry-lands").await.text();
    assert!(references(&html).is_empty(), "limited to another service");
    let res = limited
        .call(
            "/api/staff/application",
            &[("id", "bulk0000000000000000000000000000")],
        )
        .await;
    assert_eq!(res.status, 404);
}

async fn staff_open_documents_inline_and_each_opening_is_audited(app: &TestApp) {
    // A passport renewal draft with a document, then sent (set directly: the payment flow
    // is tested elsewhere).
    let mut owner = citizen(app).await;
    let id = start(&mut owner).await;
    let page = upload(&mut owner, &id, "doc_passport", "passport.pdf", pdf()).await;
    let file = crate::application_files::file_id(&page, "doc_passport");
    app::with_pool!(&app.db, |pool| sqlx::query(
        "UPDATE applications SET status = 'submitted', reference = 'PPR-2026-TEST-00001', \
         submitted_at = $1, due_at = $1 WHERE public_id = $2"
    )
    .bind(chrono::Utc::now())
    .bind(&id)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let uri = format!("/staff/files/{file}");
    let mut immigration = officer(app).await;
    let res = immigration.get(&uri).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.header("content-type"), Some("application/pdf"));
    assert_eq!(res.header("x-frame-options"), Some("SAMEORIGIN"));
    assert!(res
        .header("content-security-policy")
        .unwrap()
        .contains("frame-ancestors 'self'"));
    assert_eq!(audit_count(&app.db, "viewed_file").await, 1);
    // The work page shows it in a frame.
    let html = immigration
        .get(&format!("/staff/applications/{id}"))
        .await
        .text();
    let frame = html.find("<iframe").expect("the document in a frame");
    assert!(html[frame..].contains(&format!("src=\"{uri}\"")), "{uri}");
    // Nobody else gets it through the staff route, not even its owner.
    assert_eq!(owner.get(&uri).await.status, 404);
    assert_eq!(Browser::new(app).get(&uri).await.status, 404);
    assert_eq!(other_agency_officer(app).await.get(&uri).await.status, 404);
    assert_eq!(audit_count(&app.db, "viewed_file").await, 1);
    // Pages elsewhere still may not be framed.
    assert_eq!(owner.get("/").await.header("x-frame-options"), Some("DENY"));
}

async fn supervisors_act_in_bulk(app: &TestApp) {
    let db = &app.db;
    many_submitted(db, 3).await;
    app::with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE applications SET status = 'approved' WHERE reference IN ('LDS-BULK-000000', 'LDS-BULK-000001')"
    )
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap()
    });
    let ids: Vec<String> = (0..3).map(|i| format!("bulk{i:028}")).collect();
    let ticked: Vec<(String, String)> = ids
        .iter()
        .map(|id| (format!("ids[{id}]"), "on".to_string()))
        .collect();
    let with = |extra: &[(&str, &str)]| {
        let mut fields: Vec<(String, String)> = ticked.clone();
        fields.extend(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        fields
    };
    // Officers do not act in bulk.
    let mut b = officer(app).await;
    let fields = with(&[("action", "ready"), ("place", "huduma-gpo")]);
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(b.call("/api/staff/bulk", &borrowed).await.status, 403);

    let mut sup = signed_in(
        app,
        "baraka@example.com",
        "demo supervisor passphrase",
        "+254712000004",
        false,
    )
    .await;
    // Ready for collection needs a place; then the two approved ones move, the other not.
    let fields = with(&[("action", "ready")]);
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    assert_eq!(sup.call("/api/staff/bulk", &borrowed).await.status, 400);
    let fields = with(&[
        ("action", "ready"),
        ("place", "huduma-gpo"),
        ("back", "/staff?agency=ministry-lands"),
    ]);
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = sup.post_form("/api/staff/bulk", "/staff", &borrowed).await;
    assert_eq!(
        res.header("location"),
        Some("/staff?agency=ministry-lands&done=2&skipped=1")
    );
    assert_eq!(status_of(db, &ids[0]).await, "ready_for_collection");
    assert_eq!(status_of(db, &ids[2]).await, "submitted");
    // Assign all three to the officer.
    let otieno = scalar(
        db,
        "SELECT id FROM users WHERE email = $1",
        "otieno@example.com",
    )
    .await;
    let to = otieno.to_string();
    let fields = with(&[("action", "assign"), ("to", &to)]);
    let borrowed: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = sup.post_form("/api/staff/bulk", "/staff", &borrowed).await;
    assert_eq!(res.header("location"), Some("/staff?done=3&skipped=0"));
    let held: i64 = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM applications WHERE assigned_to = $1"
    )
    .bind(otieno)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(held, 3);
}

on_both_backends!(
    supervisors_act_in_bulk,
    every_staff_function_refuses_outsiders,
    a_staff_session_needs_a_second_factor,
    an_officer_works_it_to_collection_with_a_request_answered,
    refusing_needs_a_reason_from_the_list_and_words,
    internal_notes_stay_internal,
    claiming_is_first_come_and_supervisors_assign,
    the_queue_filters_and_pages_by_keyset,
    staff_open_documents_inline_and_each_opening_is_audited,
);

//! The dashboard, on SQLite and PostgreSQL: every table's figures against a small fixture
//! worked out by hand, read through the CSV a supervisor downloads; the page with its
//! charts; who may see it; and the applicant's rating that feeds it.

use crate::back_office::{other_agency_officer, scalar};
use crate::browser::{officer, signed_in, Browser};
use crate::support::{on_both_backends, TestApp};
use app::data::Db;
use chrono::{DateTime, Duration, TimeZone, Utc};

/// 2026-11-02 at `hour` o'clock in Nairobi.
fn nov2(hour: u32) -> DateTime<Utc> {
    chrono::FixedOffset::east_opt(3 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 11, 2, hour, 0, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// One application of the fixture: the moves after it was sent, in hours.
struct Fixture {
    key: &'static str,
    moves: &'static [(&'static str, &'static str, i64)],
    paid: bool,
    failed_payments: i64,
    rating: Option<i64>,
}

/// A: sent 2 Nov 09:00, processing after 4 h, approved after 10 h, ready after 20 h,
/// collected after 44 h; paid; rated 5.
/// B: sent 2 Nov 15:00, processing after 2 h, refused after 100 h (due after 48 h: late);
/// one failed payment request, then paid; rated 2.
/// C: sent 3 Nov 10:00, nothing since (due 5 Nov: late now); not paid.
const FIXTURE: [Fixture; 3] = [
    Fixture {
        key: "a",
        moves: &[
            ("submitted", "processing", 4),
            ("processing", "approved", 10),
            ("approved", "ready_for_collection", 20),
            ("ready_for_collection", "collected", 44),
        ],
        paid: true,
        failed_payments: 0,
        rating: Some(5),
    },
    Fixture {
        key: "b",
        moves: &[
            ("submitted", "processing", 2),
            ("processing", "rejected", 100),
        ],
        paid: true,
        failed_payments: 1,
        rating: Some(2),
    },
    Fixture {
        key: "c",
        moves: &[],
        paid: false,
        failed_payments: 0,
        rating: None,
    },
];

async fn seed_fixture(db: &Db) {
    let user = scalar(
        db,
        "SELECT id FROM users WHERE email = $1",
        "wanjiku@example.com",
    )
    .await;
    let service = scalar(db, "SELECT id FROM services WHERE slug = $1", "land-search").await;
    let sent = [nov2(9), nov2(15), nov2(9) + Duration::hours(25)];
    for (i, f) in FIXTURE.iter().enumerate() {
        let at = sent[i];
        let status = f.moves.last().map(|m| m.1).unwrap_or("submitted");
        let id: i64 = app::with_pool!(db, |pool| {
            sqlx::query_scalar(
            "INSERT INTO applications (public_id, user_id, service_id, form_version, status, answers, \
             reference, submitted_at, due_at, created_at, updated_at) \
             VALUES ($1, $2, $3, 1, $4, '{}', $5, $6, $7, $6, $6) RETURNING id"
        )
        .bind(format!("fixture{}{}", f.key, "0".repeat(24)))
        .bind(user)
        .bind(service)
        .bind(status)
        .bind(format!("LDS-FIX-{}", f.key))
        .bind(at)
        .bind(at + Duration::hours(48))
        .fetch_one(pool)
        .await
        .unwrap()
        });
        let mut events = vec![("awaiting_payment", "submitted", at)];
        events.extend(
            f.moves
                .iter()
                .map(|(from, to, h)| (*from, *to, at + Duration::hours(*h))),
        );
        for (from, to, when) in events {
            app::with_pool!(db, |pool| sqlx::query(
                "INSERT INTO application_events (application_id, from_status, to_status, actor, \
                 notified_at, created_at, updated_at) VALUES ($1, $2, $3, 'officer', $4, $4, $4)"
            )
            .bind(id)
            .bind(from)
            .bind(to)
            .bind(when)
            .execute(pool)
            .await
            .map(|_| ())
            .unwrap());
        }
        let invoice: i64 = app::with_pool!(db, |pool| {
            sqlx::query_scalar(
            "INSERT INTO invoices (number, application_id, total_cents, status, paid_at, created_at) \
             VALUES ($1, $2, 55000, $3, $4, $5) RETURNING id"
        )
        .bind(format!("INV-FIX-{}", f.key))
        .bind(id)
        .bind(if f.paid { "paid" } else { "unpaid" })
        .bind(f.paid.then_some(at))
        .bind(at)
        .fetch_one(pool)
        .await
        .unwrap()
        });
        let outcomes: Vec<&str> = std::iter::repeat_n("failed", f.failed_payments as usize)
            .chain(f.paid.then_some("paid"))
            .collect();
        for (n, outcome) in outcomes.iter().enumerate() {
            app::with_pool!(db, |pool| {
                sqlx::query(
                "INSERT INTO payments (invoice_id, method, phone, amount_cents, status, created_at) \
                 VALUES ($1, 'stk', '+254712000001', 55000, $2, $3)"
            )
            .bind(invoice)
            .bind(*outcome)
            .bind(at - Duration::minutes(10 - n as i64))
            .execute(pool)
            .await
            .map(|_| ())
            .unwrap()
            });
        }
        if let Some(rating) = f.rating {
            app::data::analytics::give_feedback(db, id, rating, None)
                .await
                .unwrap();
            app::with_pool!(db, |pool| sqlx::query(
                "UPDATE feedback SET created_at = $1 WHERE application_id = $2"
            )
            .bind(at + Duration::hours(50))
            .bind(id)
            .execute(pool)
            .await
            .map(|_| ())
            .unwrap());
        }
    }
}

const RANGE: &str = "agency=ministry-lands&from=2026-11-01&to=2026-11-30";

async fn supervisor(app: &TestApp) -> Browser<'_> {
    signed_in(
        app,
        "baraka@example.com",
        "demo supervisor passphrase",
        "+254712000004",
        false,
    )
    .await
}

async fn csv(b: &mut Browser<'_>, table: &str) -> Vec<String> {
    let res = b
        .get(&format!("/staff/dashboard/{table}.csv?{RANGE}"))
        .await;
    assert_eq!(res.status, 200, "{table}: {}", res.text());
    assert_eq!(res.header("content-type"), Some("text/csv; charset=utf-8"));
    res.text().lines().map(str::to_string).collect()
}

async fn the_figures_match_a_fixture_worked_out_by_hand(app: &TestApp) {
    seed_fixture(&app.db).await;
    let mut b = supervisor(app).await;
    assert_eq!(
        csv(&mut b, "per-day").await,
        [
            "Date,Service,Applications",
            "2026-11-02,Do an official land search,2",
            "2026-11-03,Do an official land search,1",
        ]
    );
    let backlog = csv(&mut b, "backlog").await;
    for line in [
        "Submitted,1",
        "Refused,1",
        "Collected,1",
        "Being processed,0",
    ] {
        assert!(backlog.contains(&line.to_string()), "{line} in {backlog:?}");
    }
    // Time in each stage (hours), median and 90th percentile by nearest rank:
    // Submitted 2, 4; Processing 6, 98; Approved 10; Ready 24.
    assert_eq!(
        csv(&mut b, "stages").await,
        [
            "Stage,Times left,Median (hours),90th percentile (hours)",
            "Submitted,2,2.0,4.0",
            "Being processed,2,6.0,98.0",
            "Approved,1,10.0,10.0",
            "Ready for collection,1,24.0,24.0",
        ]
    );
    // B was refused after its due date; C is still waiting past it; A was decided in time.
    assert_eq!(
        csv(&mut b, "service-levels").await,
        [
            "Service,Applications,Past their due date,Share",
            "Do an official land search,3,2,66.7%",
        ]
    );
    assert_eq!(
        csv(&mut b, "collections").await,
        [
            "Service,Collected,Median days waiting",
            "Do an official land search,1,1.0"
        ]
    );
    assert_eq!(
        csv(&mut b, "revenue").await,
        [
            "Service,Paid invoices,Revenue (KES)",
            "Do an official land search,2,\"KES 1,100\""
        ]
    );
    // Three requests: two paid, one failed.
    assert_eq!(
        csv(&mut b, "payments").await,
        [
            "Outcome,Payment requests,Share",
            "Paid,2,66.7%",
            "Failed or cancelled,1,33.3%",
            "No answer yet,0,0.0%",
        ]
    );
    assert_eq!(
        csv(&mut b, "ratings").await,
        [
            "Service,Ratings,Average (1–5),1,2,3,4,5",
            "Do an official land search,2,3.50,0,1,0,0,1",
        ]
    );

    // The page: summaries, tables, a chart image per table, a CSV link per table.
    let page = b.get(&format!("/staff/dashboard?{RANGE}")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    assert!(html.contains("3 in all."));
    assert!(html.contains("Failure rate: 33.3%"));
    assert!(html.contains("Average 3.50 from 2 ratings."));
    assert_eq!(
        html.matches("class=\"dash__chart\"").count(),
        8,
        "a chart per table"
    );
    assert!(html.contains(&format!(
        "/staff/dashboard/stages.csv?{}",
        RANGE.replace('&', "&amp;")
    )));
    // A chart is an SVG image with its own strict policy.
    let chart = b.get(&format!("/staff/dashboard/stages.svg?{RANGE}")).await;
    assert_eq!(chart.status, 200);
    assert_eq!(chart.header("content-type"), Some("image/svg+xml"));
    assert!(chart.text().starts_with("<svg"), "{}", &chart.text()[..80]);
    assert!(chart
        .header("content-security-policy")
        .unwrap()
        .contains("default-src 'none'"));
    // Another range leaves them out.
    let none = b
        .get("/staff/dashboard/per-day.csv?agency=ministry-lands&from=2026-10-01&to=2026-10-31")
        .await
        .text();
    assert_eq!(none.lines().count(), 1, "{none}");
    // A bad date is refused beside the field, not a 500.
    let res = b
        .call(
            "/api/staff/dashboard",
            &[("agency", "ministry-lands"), ("from", "not a date")],
        )
        .await;
    assert_eq!(res.status, 400, "{}", res.text());
}

async fn only_supervisors_and_administrators_see_it(app: &TestApp) {
    let mut anonymous = Browser::new(app);
    assert_eq!(
        anonymous
            .get(&format!("/staff/dashboard/per-day.csv?{RANGE}"))
            .await
            .status,
        401
    );
    assert_eq!(anonymous.get("/staff/dashboard").await.status, 401);
    let mut o = officer(app).await;
    assert_eq!(
        o.get(&format!("/staff/dashboard/per-day.csv?{RANGE}"))
            .await
            .status,
        403
    );
    assert_eq!(
        o.get(&format!("/staff/dashboard?{RANGE}")).await.status,
        403
    );
    let mut other = other_agency_officer(app).await;
    assert_eq!(
        other
            .get(&format!("/staff/dashboard/revenue.svg?{RANGE}"))
            .await
            .status,
        403
    );
    // A supervisor, not of the agency asked for.
    let mut sup = supervisor(app).await;
    assert_eq!(
        sup.get("/staff/dashboard/revenue.csv?agency=ntsa")
            .await
            .status,
        403
    );
    assert_eq!(sup.get("/staff/dashboard/nonsense.csv").await.status, 404);
    // The administrator sees every agency at once.
    let mut admin = signed_in(
        app,
        "amani@example.com",
        "demo administrator passphrase",
        "+254712000003",
        false,
    )
    .await;
    let page = admin.get("/staff/dashboard?agency=all").await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Every agency"));
}

async fn the_applicant_rates_a_finished_application_once(app: &TestApp) {
    let (mut owner, id, reference) = crate::tracking::submitted(app).await;
    // Not before it is finished.
    let res = owner
        .call(
            "/api/tracking/rate",
            &[("id", id.as_str()), ("rating", "4")],
        )
        .await;
    assert_eq!(res.status, 404);
    for status in [
        "processing",
        "approved",
        "ready_for_collection",
        "collected",
    ] {
        let place = (status == "ready_for_collection").then_some("huduma-gpo");
        crate::tracking::advance(&app.db, &reference, status, None, place)
            .await
            .unwrap();
    }
    let page = owner
        .get(&format!("/applications/{id}/status"))
        .await
        .text();
    assert!(page.contains("How was this service?"));
    // No rating chosen: the error is beside it, and the comment is kept.
    let res = owner
        .post_form(
            "/api/tracking/rate",
            &format!("/applications/{id}/status"),
            &[("id", id.as_str()), ("comment", "Quick, thank you")],
        )
        .await;
    assert!(res.status.is_redirection());
    assert!(owner.follow(&res).await.text().contains("Quick, thank you"));
    owner
        .post_form(
            "/api/tracking/rate",
            &format!("/applications/{id}/status"),
            &[
                ("id", id.as_str()),
                ("rating", "4"),
                ("comment", "Quick, thank you"),
            ],
        )
        .await;
    // A second rating does not replace the first.
    owner
        .post_form(
            "/api/tracking/rate",
            &format!("/applications/{id}/status"),
            &[("id", id.as_str()), ("rating", "1")],
        )
        .await;
    let rating = scalar(
        &app.db,
        "SELECT CAST(f.rating AS BIGINT) FROM feedback f JOIN applications a ON a.id = f.application_id WHERE a.public_id = $1",
        &id,
    )
    .await;
    assert_eq!(rating, 4);
    let page = owner
        .get(&format!("/applications/{id}/status"))
        .await
        .text();
    assert!(page.contains("You rated this service 4 out of 5."));
}

on_both_backends!(
    the_figures_match_a_fixture_worked_out_by_hand,
    only_supervisors_and_administrators_see_it,
    the_applicant_rates_a_finished_application_once,
);

//! Appointments, on SQLite and PostgreSQL: the last place in a slot under two requests at
//! once (exactly one wins), the limits on moving and cancelling, the reminder the day
//! before (once), and staff marking who came.

use crate::back_office::{other_agency_officer, scalar};
use crate::browser::{officer, Browser};
use crate::support::{on_both_backends, TestApp};
use crate::tracking::{advance, submitted};
use app::data::Db;
use chrono::{Duration, Utc};

/// The demo citizen's land search, ready for collection at Huduma Centre GPO: (browser,
/// public id, reference).
async fn ready(app: &TestApp) -> (Browser<'_>, String, String) {
    let (b, id, reference) = submitted(app).await;
    for status in ["processing", "approved", "ready_for_collection"] {
        let place = (status == "ready_for_collection").then_some("huduma-gpo");
        advance(&app.db, &reference, status, None, place)
            .await
            .unwrap();
    }
    (b, id, reference)
}

/// A second application of the same person, ready at the same office (straight into the
/// database: how it got there is tested elsewhere).
async fn another_ready(db: &Db) -> String {
    let user = scalar(
        db,
        "SELECT id FROM users WHERE email = $1",
        "wanjiku@example.com",
    )
    .await;
    let service = scalar(db, "SELECT id FROM services WHERE slug = $1", "land-search").await;
    let place = scalar(db, "SELECT id FROM places WHERE slug = $1", "huduma-gpo").await;
    let now = Utc::now();
    let id: i64 = app::with_pool!(db, |pool| {
        sqlx::query_scalar(
        "INSERT INTO applications (public_id, user_id, service_id, form_version, status, answers, \
         reference, submitted_at, due_at, created_at, updated_at) \
         VALUES ('second00000000000000000000000000', $1, $2, 1, 'ready_for_collection', '{}', \
         'LDS-SECOND', $3, $3, $3, $3) RETURNING id"
    )
    .bind(user)
    .bind(service)
    .bind(now)
    .fetch_one(pool)
    .await
    .unwrap()
    });
    app::with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO application_events (application_id, from_status, to_status, actor, place_id, \
         notified_at, created_at, updated_at) VALUES ($1, 'approved', 'ready_for_collection', 'officer', $2, $3, $3, $3)"
    )
    .bind(id)
    .bind(place)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap()
    });
    "second00000000000000000000000000".to_string()
}

/// The first slot offered on the booking page (its id), and the page.
async fn first_slot(b: &mut Browser<'_>, id: &str) -> (String, String) {
    let page = b.get(&format!("/applications/{id}/appointment")).await;
    assert_eq!(page.status, 200, "{}", page.text());
    let html = page.text();
    let at = html.find("name=\"slot\" value=\"").expect("a slot offered")
        + "name=\"slot\" value=\"".len();
    let slot = html[at..].split('"').next().unwrap().to_string();
    (slot, html)
}

/// Moves a slot to another time (as if time had passed).
async fn move_slot(db: &Db, slot: &str, at: chrono::DateTime<Utc>) {
    app::with_pool!(db, |pool| sqlx::query(
        "UPDATE appointment_slots SET starts_at = $1 WHERE id = CAST($2 AS BIGINT)"
    )
    .bind(at)
    .bind(slot)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

/// Every slot offered on a page, in time order.
fn slot_ids(html: &str) -> Vec<String> {
    html.match_indices("name=\"slot\" value=\"")
        .map(|(i, m)| html[i + m.len()..].split('"').next().unwrap().to_string())
        .collect()
}

async fn booked_count(db: &Db, slot: &str) -> i64 {
    scalar(
        db,
        "SELECT CAST(booked AS BIGINT) FROM appointment_slots WHERE id = CAST($1 AS BIGINT)",
        slot,
    )
    .await
}

async fn the_last_place_goes_to_exactly_one(app: &TestApp) {
    let db = &app.db;
    let (mut b, id, _) = ready(app).await;
    let second = another_ready(db).await;
    let (slot, html) = first_slot(&mut b, &id).await;
    assert!(html.contains("Book a time to collect"));
    assert!(html.contains("Huduma Centre GPO"));
    // One place left in that slot.
    app::with_pool!(db, |pool| sqlx::query(
        "UPDATE appointment_slots SET capacity = 1 WHERE id = CAST($1 AS BIGINT)"
    )
    .bind(&slot)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
    let mut other = Browser::new(app);
    other.cookies = b.cookies.clone();
    let first = [("id", id.as_str()), ("slot", slot.as_str())];
    let other_fields = [("id", second.as_str()), ("slot", slot.as_str())];
    let (one, two) = tokio::join!(
        b.call("/api/appointments/book", &first),
        other.call("/api/appointments/book", &other_fields),
    );
    let won = [one.status, two.status]
        .iter()
        .filter(|s| s.is_success())
        .count();
    assert_eq!(
        won,
        1,
        "exactly one booking: {} {} / {}",
        one.status,
        two.status,
        two.text()
    );
    let lost = if one.status.is_success() { two } else { one };
    assert_eq!(lost.status, 400);
    assert!(lost.text().contains("SlotTaken"), "{}", lost.text());
    assert_eq!(booked_count(db, &slot).await, 1);
    let open: i64 = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM appointments WHERE status = 'booked'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(open, 1);
}

async fn bookings_follow_the_office_hours_and_the_limits(app: &TestApp) {
    let db = &app.db;
    let (mut b, id, _) = ready(app).await;
    let (_, html) = first_slot(&mut b, &id).await;
    let slots = slot_ids(&html);
    // The latest times offered (two weeks ahead): a booking there can still be changed.
    let slot = slots.last().unwrap().clone();
    // Huduma Centre GPO opens Mon–Fri 7–19: no weekend day, nothing before 07:00.
    assert!(
        !html.contains("Sat ") && !html.contains("Sun "),
        "no weekend slots"
    );
    assert!(!html.contains(">06:30") && !html.contains(">19:00"));
    // A plain form books and comes back to the page with the booking.
    let res = b
        .post_form(
            "/api/appointments/book",
            &format!("/applications/{id}/appointment"),
            &[("id", id.as_str()), ("slot", slot.as_str())],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some(format!("/applications/{id}/appointment?booked=1").as_str())
    );
    assert_eq!(booked_count(db, &slot).await, 1);
    let page = b.follow(&res).await.text();
    assert!(page.contains("Your booking"));
    assert!(page.contains("Move it to another time"));
    // Moved twice, then no more.
    let n = slots.len();
    for next in [&slots[n - 2], &slots[n - 3]] {
        let res = b
            .call(
                "/api/appointments/book",
                &[("id", id.as_str()), ("slot", next.as_str())],
            )
            .await;
        assert!(res.status.is_success(), "{}", res.text());
    }
    assert_eq!(
        booked_count(db, &slot).await,
        0,
        "a move gives the old place back"
    );
    let res = b
        .call(
            "/api/appointments/book",
            &[("id", id.as_str()), ("slot", slots[n - 4].as_str())],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(
        res.text().contains("BookingChangedTooOften"),
        "{}",
        res.text()
    );
    // Cancelling gives the place back; less than a day before, it is refused.
    let current = &slots[n - 3];
    move_slot(db, current, Utc::now() + Duration::hours(5)).await;
    let res = b
        .call("/api/appointments/cancel", &[("id", id.as_str())])
        .await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("BookingTooLate"));
    move_slot(db, current, Utc::now() + Duration::days(3)).await;
    let res = b
        .call("/api/appointments/cancel", &[("id", id.as_str())])
        .await;
    assert!(res.status.is_success(), "{}", res.text());
    assert_eq!(booked_count(db, current).await, 0);
    // Someone else's application is not found; an application with no visit neither.
    let res = officer(app)
        .await
        .call("/api/appointments/page", &[("id", id.as_str())])
        .await;
    assert_eq!(res.status, 404);
}

async fn the_reminder_goes_once_the_day_before(app: &TestApp) {
    let db = &app.db;
    let (mut b, id, reference) = ready(app).await;
    let (slot, _) = first_slot(&mut b, &id).await;
    b.call(
        "/api/appointments/book",
        &[("id", id.as_str()), ("slot", slot.as_str())],
    )
    .await;
    // Not yet: more than a day away (the first slot is at least two hours away; move it).
    move_slot(db, &slot, Utc::now() + Duration::days(2)).await;
    assert_eq!(app::notify::appointments::remind_due(db).await.unwrap(), 0);
    move_slot(db, &slot, Utc::now() + Duration::hours(20)).await;
    assert_eq!(app::notify::appointments::remind_due(db).await.unwrap(), 1);
    assert_eq!(
        app::notify::appointments::remind_due(db).await.unwrap(),
        0,
        "once"
    );
    let sms: String = app::with_pool!(db, |pool| {
        sqlx::query_scalar(
        "SELECT body FROM outbox WHERE channel = 'sms' AND idempotency_key LIKE 'appointment:%'"
    )
    .fetch_one(pool)
    .await
    .unwrap()
    });
    assert!(
        sms.contains(&reference) && sms.contains("Huduma Centre GPO"),
        "{sms}"
    );
    assert!(sms.chars().count() <= 160, "{sms}");
}

async fn staff_see_the_day_and_mark_who_came(app: &TestApp) {
    let db = &app.db;
    let (mut b, id, reference) = ready(app).await;
    let (slot, _) = first_slot(&mut b, &id).await;
    b.call(
        "/api/appointments/book",
        &[("id", id.as_str()), ("slot", slot.as_str())],
    )
    .await;
    let appointment = scalar(
        db,
        "SELECT id FROM appointments WHERE status = $1",
        "booked",
    )
    .await;
    let appointment = appointment.to_string();
    // Today, an hour ago.
    let at = Utc::now() - Duration::hours(1);
    move_slot(db, &slot, at).await;
    let day = at
        .with_timezone(&chrono::FixedOffset::east_opt(3 * 3600).unwrap())
        .format("%Y-%m-%d")
        .to_string();
    let uri = format!("/staff/appointments?place=huduma-gpo&day={day}");
    let mut other = other_agency_officer(app).await;
    assert!(
        !other.get(&uri).await.text().contains(&reference),
        "not their agency's"
    );
    let res = other
        .call(
            "/api/staff/appointment-outcome",
            &[
                ("appointment", appointment.as_str()),
                ("outcome", "attended"),
            ],
        )
        .await;
    assert_eq!(res.status, 404);
    let mut lands = officer(app).await;
    let page = lands.get(&uri).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains(&reference));
    let res = lands
        .call(
            "/api/staff/appointment-outcome",
            &[
                ("appointment", appointment.as_str()),
                ("outcome", "attended"),
            ],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text());
    let status: String = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT status FROM appointments WHERE id = CAST($1 AS BIGINT)"
    )
    .bind(&appointment)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(status, "attended");
    assert_eq!(
        scalar(
            db,
            "SELECT COUNT(*) FROM audit_log WHERE action = $1",
            "appointment_attended"
        )
        .await,
        1
    );
}

on_both_backends!(
    the_last_place_goes_to_exactly_one,
    bookings_follow_the_office_hours_and_the_limits,
    the_reminder_goes_once_the_day_before,
    staff_see_the_day_and_mark_who_came,
);

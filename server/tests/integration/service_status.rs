//! Agencies' service status, on SQLite and PostgreSQL: an administrator reports an agency's
//! systems down (words needed in both languages), and the status page, the agency's service
//! pages and the pay page say so before anyone pays, in either language; back to normal,
//! the notices go.

use crate::browser::{administrator, citizen, Browser};
use crate::payments::{complete_land_search, send};
use crate::support::{on_both_backends, TestApp};

const FROM: &str = "/staff/admin/agencies/ministry-lands";

async fn set(admin: &mut Browser<'_>, fields: &[(&str, &str)]) -> String {
    let mut all = vec![("slug", "ministry-lands")];
    all.extend_from_slice(fields);
    let res = admin.post_form("/api/admin/save-status", FROM, &all).await;
    assert!(res.status.is_redirection(), "{}", res.text());
    res.header("location").unwrap_or_default().to_string()
}

async fn an_agency_down_is_told_before_anyone_pays(app: &TestApp) {
    let mut visitor = Browser::new(app);
    let board = visitor.get("/status").await.text();
    assert!(board.contains("Service status"), "{board}");
    assert!(board.contains("Working normally"));
    assert!(!board.contains("Not working"));
    let service = visitor.get("/services/land-search").await.text();
    assert!(
        !service.contains("data-service-status"),
        "no notice while normal"
    );

    let mut admin = administrator(app).await;
    // Down without words: refused beside both messages, nothing changed.
    let res = admin
        .call(
            "/api/admin/save-status",
            &[("slug", "ministry-lands"), ("state", "down")],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(
        res.text().contains("message_en") && res.text().contains("message_sw"),
        "{}",
        res.text()
    );
    let to = set(&mut admin, &[("state", "down")]).await;
    assert!(to.contains(FROM), "back to the form: {to}");
    let page = admin.follow_location(&to).await.text();
    assert!(page.contains("This cannot be empty."), "{page}");
    assert!(!visitor
        .get("/services/land-search")
        .await
        .text()
        .contains("data-service-status"));

    let to = set(
        &mut admin,
        &[
            ("state", "down"),
            ("message_en", "Ardhisasa is being upgraded until Monday."),
            ("message_sw", "Ardhisasa inaboreshwa hadi Jumatatu."),
        ],
    )
    .await;
    assert_eq!(to, format!("{FROM}?status=1#status"));

    // The service page says it, and that one can pay later.
    let service = visitor.get("/services/land-search").await.text();
    for expected in [
        "systems are down",
        "Ardhisasa is being upgraded until Monday.",
        "pay later",
    ] {
        assert!(
            service.contains(expected),
            "{expected} not in the service page"
        );
    }
    // Another agency's services are not affected.
    let other = visitor.get("/services/driving-licence-renewal").await;
    assert_eq!(other.status, 200);
    assert!(!other.text().contains("data-service-status"));
    // The status page lists it first, with its words.
    let board = visitor.get("/status").await.text();
    let down = board
        .find("Not working")
        .expect("the agency is listed as down");
    assert!(
        down < board.find("Working normally").unwrap(),
        "trouble first"
    );
    assert!(board.contains("Ardhisasa is being upgraded"));
    // In Kiswahili, in its Kiswahili words.
    visitor.cookies.insert("lang".into(), "sw".into());
    let service = visitor.get("/services/land-search").await.text();
    assert!(service.contains("haifanyi kazi"), "{service}");
    assert!(service.contains("Ardhisasa inaboreshwa hadi Jumatatu."));

    // The pay page warns before anyone pays; sending still works.
    let mut c = citizen(app).await;
    let id = complete_land_search(&mut c).await;
    send(&mut c, &id, true).await;
    let pay = c.get(&format!("/applications/{id}/pay")).await.text();
    assert!(pay.contains("systems are down"), "{pay}");
    assert!(pay.contains("pay later"));

    // Recorded in the audit log.
    let audited: i64 = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'set_service_status'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(audited, 1);

    // Back to normal: the words are dropped and the notices go.
    set(&mut admin, &[("state", "normal"), ("message_en", "x")]).await;
    visitor.cookies.remove("lang");
    let service = visitor.get("/services/land-search").await.text();
    assert!(!service.contains("data-service-status"));
    let board = visitor.get("/status").await.text();
    assert!(!board.contains("Not working") && !board.contains("Ardhisasa"));
}

on_both_backends!(an_agency_down_is_told_before_anyone_pays);

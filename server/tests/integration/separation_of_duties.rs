//! Separation of duties in the back office, on SQLite and PostgreSQL, through the real
//! router: staff never work on an application they applied for, and an application's
//! decisions are made by the one who holds it — each refusal audited. Supervisors still
//! assign work and mark approved applications ready for collection in bulk.

use crate::administration::supervisor;
use crate::back_office::{scalar, staff_member};
use crate::browser::{officer, Browser};
use crate::payments::{complete_land_search, send, status_of};
use crate::support::{on_both_backends, TestApp};
use crate::tracking::{make_land_search_free, submitted};

async fn audited(app: &TestApp, action: &str) -> i64 {
    scalar(
        &app.db,
        "SELECT COUNT(*) FROM audit_log WHERE action = $1",
        action,
    )
    .await
}

async fn user_id(app: &TestApp, email: &str) -> String {
    scalar(&app.db, "SELECT id FROM users WHERE email = $1", email)
        .await
        .to_string()
}

/// A move as the hydrated page makes it: the answer's status.
async fn decide(b: &mut Browser<'_>, id: &str, fields: &[(&str, &str)]) -> u16 {
    let mut all = vec![("id", id)];
    all.extend_from_slice(fields);
    let res = b.call("/api/staff/decide", &all).await;
    res.status.as_u16()
}

/// A second officer of the Ministry of Lands.
async fn second_officer(app: &TestApp) -> Browser<'_> {
    staff_member(
        app,
        "second.lands@example.com",
        "+254712000092",
        "91000002",
        &[("officer", "ministry-lands")],
    )
    .await
}

async fn staff_never_work_on_their_own_application(app: &TestApp) {
    // The lands officer applies for a land search himself.
    make_land_search_free(&app.db).await;
    let mut otieno = officer(app).await;
    let id = complete_land_search(&mut otieno).await;
    send(&mut otieno, &id, true).await;
    assert_eq!(status_of(&app.db, &id).await, "submitted");
    // Most ids begin with a digit; make sure this one does (the bulk form below).
    let id = format!("0{}", &id[1..]);
    app::with_pool!(&app.db, |pool| sqlx::query(
        "UPDATE applications SET public_id = $1 WHERE user_id = \
         (SELECT id FROM users WHERE email = 'otieno@example.com')"
    )
    .bind(&id)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());

    // He cannot open it as staff, take it on, note on it or move it.
    let with_id = [("id", id.as_str())];
    for (uri, fields) in [
        ("/api/staff/application", with_id.to_vec()),
        ("/api/staff/claim", with_id.to_vec()),
        ("/api/staff/release", with_id.to_vec()),
        (
            "/api/staff/note",
            vec![("id", id.as_str()), ("body", "Fine.")],
        ),
        (
            "/api/staff/decide",
            vec![("id", id.as_str()), ("to", "processing")],
        ),
    ] {
        let res = otieno.call(uri, &fields).await;
        assert_eq!(res.status, 403, "{uri}: {}", res.text());
    }
    assert_eq!(
        otieno
            .get(&format!("/staff/applications/{id}"))
            .await
            .status,
        403
    );
    assert_eq!(status_of(&app.db, &id).await, "submitted");
    assert_eq!(audited(app, "refused_own_application").await, 6);
    assert_eq!(audited(app, "viewed_application").await, 0);

    // A supervisor cannot give it to him; to another officer, yes.
    let mut sup = supervisor(app).await;
    let _second = second_officer(app).await;
    let otieno_id = user_id(app, "otieno@example.com").await;
    let res = sup
        .call(
            "/api/staff/assign",
            &[("id", id.as_str()), ("to", otieno_id.as_str())],
        )
        .await;
    assert_eq!(res.status, 403, "{}", res.text());
    assert_eq!(audited(app, "refused_own_application").await, 7);
    let second_id = user_id(app, "second.lands@example.com").await;
    let res = sup
        .call(
            "/api/staff/assign",
            &[("id", id.as_str()), ("to", second_id.as_str())],
        )
        .await;
    assert!(res.status.is_success(), "{}", res.text());

    // Bulk: his own application is skipped when a supervisor gives work to him.
    // As the queue's checkbox names it.
    let ticked = format!("ids[app-{id}]");
    let res = sup
        .post_form(
            "/api/staff/bulk",
            "/staff",
            &[
                ("action", "assign"),
                ("to", otieno_id.as_str()),
                (ticked.as_str(), "on"),
            ],
        )
        .await;
    assert_eq!(res.header("location"), Some("/staff?done=0&skipped=1"));
    let holder = scalar(
        &app.db,
        "SELECT assigned_to FROM applications WHERE public_id = $1",
        &id,
    )
    .await;
    assert_eq!(holder.to_string(), second_id, "still the second officer's");

    // The supervisor's own application: not even a supervisor may move it.
    let own = complete_land_search(&mut sup).await;
    send(&mut sup, &own, true).await;
    assert_eq!(decide(&mut sup, &own, &[("to", "processing")]).await, 403);
    assert_eq!(status_of(&app.db, &own).await, "submitted");
}

async fn decisions_are_made_by_the_one_who_holds_the_application(app: &TestApp) {
    let (_owner, id, _) = submitted(app).await;
    let mut otieno = officer(app).await;
    let mut second = second_officer(app).await;
    let with_id = [("id", id.as_str())];
    assert!(second
        .call("/api/staff/claim", &with_id)
        .await
        .status
        .is_success());

    // Held by the second officer: the first cannot start on it.
    assert_eq!(decide(&mut otieno, &id, &[("to", "processing")]).await, 403);
    assert_eq!(status_of(&app.db, &id).await, "submitted");
    assert_eq!(decide(&mut second, &id, &[("to", "processing")]).await, 200);

    // Nor decide it: not offered on his page, refused if sent anyway.
    let page = otieno.get(&format!("/staff/applications/{id}")).await;
    assert_eq!(page.status, 200);
    let html = page.text();
    assert!(
        !html.contains("name=\"to\" value=\"approved\""),
        "approving is not offered"
    );
    assert!(html.contains("Only the person who holds this application"));
    assert_eq!(decide(&mut otieno, &id, &[("to", "approved")]).await, 403);
    let refusal = [
        ("to", "rejected"),
        ("reason", "duplicate"),
        ("note", "Applied twice."),
    ];
    assert_eq!(decide(&mut otieno, &id, &refusal).await, 403);
    assert_eq!(status_of(&app.db, &id).await, "processing");
    assert_eq!(audited(app, "refused_not_holding").await, 3);

    // Nobody holds it: still no decision without taking it on first.
    assert!(second
        .call("/api/staff/release", &with_id)
        .await
        .status
        .is_success());
    assert_eq!(decide(&mut otieno, &id, &[("to", "approved")]).await, 403);
    assert!(otieno
        .call("/api/staff/claim", &with_id)
        .await
        .status
        .is_success());
    assert_eq!(decide(&mut otieno, &id, &[("to", "approved")]).await, 200);
    assert_eq!(status_of(&app.db, &id).await, "approved");

    // A supervisor still marks approved work ready for collection without holding it,
    // but recording who collected it is the holder's.
    let mut sup = supervisor(app).await;
    let ready = [("to", "ready_for_collection"), ("place", "huduma-gpo")];
    assert_eq!(decide(&mut sup, &id, &ready).await, 200);
    let collected = [("to", "collected"), ("collector", "12345678")];
    assert_eq!(decide(&mut sup, &id, &collected).await, 403);
    assert_eq!(decide(&mut second, &id, &collected).await, 403);
    assert_eq!(status_of(&app.db, &id).await, "ready_for_collection");
    assert_eq!(decide(&mut otieno, &id, &collected).await, 200);
    assert_eq!(status_of(&app.db, &id).await, "collected");
    assert_eq!(audited(app, "refused_not_holding").await, 6);
    assert!(uraia_server::audit::verify(&app.db).await.unwrap().0);
}

on_both_backends!(
    staff_never_work_on_their_own_application,
    decisions_are_made_by_the_one_who_holds_the_application,
);

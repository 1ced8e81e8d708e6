//! Administration, on SQLite and PostgreSQL: only administrators reach it; agencies,
//! services (processing time, form version, collection places, fees), offices (hours,
//! slot capacity) and staff roles are changed through it, each change audited, kept from
//! the seed, and in force at once; a failed form comes back with its problems and what was
//! typed; applicants see staff names only where the agency chose to show them.

use crate::back_office::{scalar, staff_member};
use crate::browser::{administrator, citizen, officer, signed_in, Browser};
use crate::support::{on_both_backends, TestApp};
use crate::tracking::submitted;
use app::data::Db;

async fn count(db: &Db, sql: &str) -> i64 {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(pool)
        .await
        .unwrap())
}

async fn text(db: &Db, sql: &str, arg: &str) -> String {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, String>(sql)
        .bind(arg)
        .fetch_one(pool)
        .await
        .unwrap())
}

async fn audited(db: &Db, action: &str) -> i64 {
    scalar(
        db,
        "SELECT COUNT(*) FROM audit_log WHERE action = $1",
        action,
    )
    .await
}

async fn user_id(db: &Db, email: &str) -> String {
    scalar(db, "SELECT id FROM users WHERE email = $1", email)
        .await
        .to_string()
}

/// Disables or enables an account as `admin`: the answer's status.
async fn set_account(admin: &mut Browser<'_>, user: &str, disabled: bool) -> u16 {
    let disabled = if disabled { "true" } else { "false" };
    admin
        .call(
            "/api/admin/set-account",
            &[("user", user), ("disabled", disabled)],
        )
        .await
        .status
        .as_u16()
}

/// The demo supervisor (immigration and lands).
pub(crate) async fn supervisor(app: &TestApp) -> Browser<'_> {
    signed_in(
        app,
        "baraka@example.com",
        "demo supervisor passphrase",
        "+254712000004",
        false,
    )
    .await
}

/// The agency form's fields as stored, with `changes` applied.
async fn agency_form(db: &Db, slug: &str, changes: &[(&str, &str)]) -> Vec<(String, String)> {
    let a = app::data::admin::agencies::by_slug(db, slug)
        .await
        .unwrap()
        .unwrap();
    let mut fields: Vec<(String, String)> = vec![
        ("original".into(), a.slug.clone()),
        ("kind".into(), a.kind),
        ("name_en".into(), a.name_en),
        ("name_sw".into(), a.name_sw),
        ("summary_en".into(), a.summary_en),
        ("summary_sw".into(), a.summary_sw),
        ("website".into(), a.website.unwrap_or_default()),
        ("phone".into(), a.phone.unwrap_or_default()),
        ("email".into(), a.email.unwrap_or_default()),
    ];
    if a.show_staff_names {
        fields.push(("show_staff_names".into(), "on".into()));
    }
    for (k, v) in changes {
        fields.retain(|(name, _)| name != k);
        fields.push((k.to_string(), v.to_string()));
    }
    fields
}

fn pairs(fields: &[(String, String)]) -> Vec<(&str, &str)> {
    fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// Every administration function, with arguments that would succeed for an administrator.
fn admin_calls() -> Vec<(&'static str, Vec<(&'static str, &'static str)>)> {
    vec![
        ("/api/admin/home", vec![]),
        ("/api/admin/agency", vec![("slug", "ministry-lands")]),
        (
            "/api/admin/save-agency",
            vec![
                ("slug", "kenya-ports-authority"),
                ("kind", "authority"),
                ("name_en", "Kenya Ports Authority"),
                ("name_sw", "Mamlaka ya Bandari ya Kenya"),
                ("summary_en", "Runs the ports."),
                ("summary_sw", "Inaendesha bandari."),
            ],
        ),
        ("/api/admin/service", vec![("slug", "land-search")]),
        (
            "/api/admin/save-service",
            vec![
                ("slug", "land-search"),
                ("days_min", "1"),
                ("days_max", "3"),
            ],
        ),
        (
            "/api/admin/save-fee",
            vec![
                ("service", "land-search"),
                ("fee", "0"),
                ("kind", "government"),
                ("label_en", "Search fee"),
                ("label_sw", "Ada ya utafutaji"),
                ("amount", "500"),
            ],
        ),
        (
            "/api/admin/remove-fee",
            vec![("service", "land-search"), ("fee", "1")],
        ),
        ("/api/admin/offices", vec![]),
        ("/api/admin/office", vec![("slug", "huduma-baringo")]),
        (
            "/api/admin/save-office",
            vec![
                ("slug", "huduma-baringo"),
                ("name_en", "Huduma Centre Baringo"),
                ("name_sw", "Kituo cha Huduma Baringo"),
                ("address_en", "Kabarnet"),
                ("address_sw", "Kabarnet"),
                ("hours_en", "Monday to Friday"),
                ("hours_sw", "Jumatatu hadi Ijumaa"),
                ("hours_short", "Mon-Fri 8-17"),
            ],
        ),
        ("/api/admin/staff", vec![]),
        (
            "/api/admin/grant-role",
            vec![("email", "wanjiku@example.com"), ("role", "administrator")],
        ),
        ("/api/admin/remove-role", vec![("id", "1")]),
        (
            "/api/admin/remove-limit",
            vec![("user", "1"), ("service", "land-search")],
        ),
        (
            "/api/admin/set-account",
            vec![("user", "1"), ("disabled", "true")],
        ),
        ("/api/admin/tickets", vec![]),
        (
            "/api/admin/ticket-status",
            vec![("number", "T-AAAAAA"), ("status", "closed")],
        ),
        (
            "/api/admin/save-status",
            vec![
                ("slug", "ntsa"),
                ("state", "down"),
                ("message_en", "Down"),
                ("message_sw", "Haifanyi kazi"),
            ],
        ),
    ]
}

async fn only_administrators_reach_administration(app: &TestApp) {
    let before = count(&app.db, "SELECT COUNT(*) FROM audit_log").await;
    let mut anonymous = Browser::new(app);
    let mut citizen = citizen(app).await;
    let mut officer = officer(app).await;
    let mut supervisor = supervisor(app).await;
    let signed_in_entries = count(&app.db, "SELECT COUNT(*) FROM audit_log").await - before;
    for (uri, fields) in admin_calls() {
        assert_eq!(
            anonymous.call(uri, &fields).await.status,
            401,
            "anonymous {uri}"
        );
        assert_eq!(
            citizen.call(uri, &fields).await.status,
            403,
            "citizen {uri}"
        );
        assert_eq!(
            officer.call(uri, &fields).await.status,
            403,
            "officer {uri}"
        );
        let res = supervisor.call(uri, &fields).await;
        assert_eq!(res.status, 403, "supervisor {uri}: {}", res.text());
    }
    for uri in [
        "/staff/admin",
        "/staff/admin/new-agency",
        "/staff/admin/agencies/ministry-lands",
        "/staff/admin/services/land-search",
        "/staff/admin/offices",
        "/staff/admin/offices/huduma-baringo",
        "/staff/admin/staff",
    ] {
        assert_eq!(anonymous.get(uri).await.status, 401, "{uri}");
        assert_eq!(citizen.get(uri).await.status, 403, "{uri}");
        assert_eq!(supervisor.get(uri).await.status, 403, "{uri}");
    }
    // Nothing was changed, and nothing but the sign-ins was written to the audit log.
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM audit_log").await - before,
        signed_in_entries
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM agencies WHERE slug = 'kenya-ports-authority'"
        )
        .await,
        0
    );
    assert_eq!(
        count(
            &app.db,
            "SELECT COUNT(*) FROM user_roles WHERE role = 'administrator'"
        )
        .await,
        1
    );
    // The administrator reaches every page, never indexed.
    let mut admin = administrator(app).await;
    for uri in [
        "/staff/admin",
        "/staff/admin/new-agency",
        "/staff/admin/agencies/ministry-lands",
        "/staff/admin/services/land-search",
        "/staff/admin/offices",
        "/staff/admin/offices/huduma-baringo",
        "/staff/admin/staff",
    ] {
        let page = admin.get(uri).await;
        assert_eq!(page.status, 200, "{uri}: {}", page.text());
        assert_eq!(
            page.header("x-robots-tag"),
            Some("noindex, nofollow"),
            "{uri}"
        );
    }
}

async fn agencies_are_changed_and_added_audited_and_kept_from_the_seed(app: &TestApp) {
    let mut admin = administrator(app).await;
    let from = "/staff/admin/agencies/ministry-lands";
    let form = agency_form(
        &app.db,
        "ministry-lands",
        &[
            ("name_en", "Ministry of Lands and Physical Planning"),
            ("phone", "020 2718050"),
        ],
    )
    .await;
    let res = admin
        .post_form("/api/admin/save-agency", from, &pairs(&form))
        .await;
    assert_eq!(
        res.header("location"),
        Some("/staff/admin/agencies/ministry-lands?saved=1"),
        "{}",
        res.text()
    );
    let name = text(
        &app.db,
        "SELECT name_en FROM agencies WHERE slug = $1",
        "ministry-lands",
    )
    .await;
    assert_eq!(name, "Ministry of Lands and Physical Planning");
    let detail = text(
        &app.db,
        "SELECT detail FROM audit_log WHERE action = $1",
        "agency_changed",
    )
    .await;
    let detail: serde_json::Value = serde_json::from_str(&detail).unwrap();
    assert_eq!(
        detail["name_en"][1],
        "Ministry of Lands and Physical Planning"
    );
    assert_eq!(detail["phone"][1], "020 2718050");
    assert!(
        detail.get("name_sw").is_none(),
        "only changed fields: {detail}"
    );
    // The public pages show it, and the seed running again leaves it be.
    let page = Browser::new(app).get("/agencies/ministry-lands").await;
    assert!(page
        .text()
        .contains("Ministry of Lands and Physical Planning"));
    uraia_server::seed::run(&app.db).await.unwrap();
    let name = text(
        &app.db,
        "SELECT name_en FROM agencies WHERE slug = $1",
        "ministry-lands",
    )
    .await;
    assert_eq!(name, "Ministry of Lands and Physical Planning");

    // A bad form comes back with its problems beside the fields and what was typed.
    let bad = agency_form(
        &app.db,
        "ministry-lands",
        &[
            ("name_en", " "),
            ("website", "http://lands.go.ke"),
            ("summary_sw", "Ardhi na mipango"),
        ],
    )
    .await;
    let res = admin
        .post_form("/api/admin/save-agency", from, &pairs(&bad))
        .await;
    assert!(res
        .header("location")
        .unwrap_or_default()
        .contains("__err="));
    let page = admin.follow(&res).await;
    let body = page.text();
    assert!(body.contains("This cannot be empty."), "{body}");
    assert!(body.contains("starting with https://"), "{body}");
    assert!(body.contains("Ardhi na mipango"), "typed text kept: {body}");
    assert!(body.contains("value=\"http://lands.go.ke\""), "{body}");
    assert_eq!(audited(&app.db, "agency_changed").await, 1);

    // A new agency, on the public list at once; its slug cannot be taken twice.
    let new = [
        ("original", ""),
        ("slug", "kenya-ports-authority"),
        ("kind", "authority"),
        ("name_en", "Kenya Ports Authority"),
        ("name_sw", "Mamlaka ya Bandari ya Kenya"),
        ("summary_en", "Runs the ports of Mombasa and Lamu."),
        ("summary_sw", "Inaendesha bandari za Mombasa na Lamu."),
        ("website", "https://www.kpa.co.ke"),
        ("show_staff_names", "on"),
    ];
    let res = admin.call("/api/admin/save-agency", &new).await;
    assert!(res.status.as_u16() < 400, "{}", res.text());
    assert_eq!(audited(&app.db, "agency_added").await, 1);
    let list = Browser::new(app).get("/agencies").await;
    assert!(list.text().contains("Kenya Ports Authority"));
    let again = admin.call("/api/admin/save-agency", &new).await;
    assert_eq!(again.status, 400);
    assert!(again.text().contains("SlugTaken"), "{}", again.text());
    assert!(uraia_server::audit::verify(&app.db).await.unwrap().0);
}

async fn first_place(db: &Db, kind: &str) -> String {
    text(
        db,
        "SELECT slug FROM places WHERE kind = $1 ORDER BY slug LIMIT 1",
        kind,
    )
    .await
}

async fn services_change_time_form_places_and_fees(app: &TestApp) {
    let (_owner, id, _) = submitted(app).await;
    let mut admin = administrator(app).await;
    let huduma = first_place(&app.db, "huduma_centre").await;
    let immigration = first_place(&app.db, "immigration_office").await;
    let place_field = format!("place[{huduma}]");
    // The longest time before the shortest, a version never stored: refused, nothing kept.
    let res = admin
        .call(
            "/api/admin/save-service",
            &[
                ("slug", "land-search"),
                ("days_min", "5"),
                ("days_max", "2"),
                ("form_version", "99"),
            ],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(
        res.text().contains("days_max") && res.text().contains("form_version"),
        "{}",
        res.text()
    );
    let version = text(
        &app.db,
        "SELECT CAST(form_version AS TEXT) FROM services WHERE slug = $1",
        "land-search",
    )
    .await;
    let res = admin
        .call(
            "/api/admin/save-service",
            &[
                ("slug", "land-search"),
                ("days_min", "2"),
                ("days_max", "4"),
                ("form_version", version.as_str()),
                (place_field.as_str(), "on"),
            ],
        )
        .await;
    assert!(res.status.as_u16() < 400, "{}", res.text());
    assert_eq!(
        count(
            &app.db,
            "SELECT CAST(processing_days_max AS BIGINT) FROM services WHERE slug = 'land-search'"
        )
        .await,
        4
    );
    assert_eq!(audited(&app.db, "service_changed").await, 1);
    // Officers can now send the documents only to the chosen office.
    let mut officer = officer(app).await;
    for to in ["processing", "approved"] {
        let res = officer
            .call("/api/staff/decide", &[("id", id.as_str()), ("to", to)])
            .await;
        assert!(res.status.as_u16() < 400, "{to}: {}", res.text());
    }
    let work = officer
        .call("/api/staff/application", &[("id", id.as_str())])
        .await;
    assert!(work.text().contains(&huduma));
    assert!(
        !work.text().contains(&immigration),
        "only the chosen office is offered"
    );
    let res = officer
        .call(
            "/api/staff/decide",
            &[
                ("id", id.as_str()),
                ("to", "ready_for_collection"),
                ("place", immigration.as_str()),
            ],
        )
        .await;
    assert_eq!(res.status, 400, "{}", res.text());
    let res = officer
        .call(
            "/api/staff/decide",
            &[
                ("id", id.as_str()),
                ("to", "ready_for_collection"),
                ("place", huduma.as_str()),
            ],
        )
        .await;
    assert!(res.status.as_u16() < 400, "{}", res.text());

    // Fees: a bad amount is refused beside the field; a good one is on the public page.
    let fee_id = count(
        &app.db,
        "SELECT MIN(id) FROM service_fees WHERE service_id = (SELECT id FROM services WHERE slug = 'land-search')",
    )
    .await
    .to_string();
    let fee = |amount: &'static str| {
        vec![
            ("service", "land-search".to_string()),
            ("fee", fee_id.clone()),
            ("kind", "government".to_string()),
            ("label_en", "Search fee".to_string()),
            ("label_sw", "Ada ya utafutaji".to_string()),
            ("amount", amount.to_string()),
        ]
    };
    let bad = fee("five hundred");
    let bad: Vec<(&str, &str)> = bad.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = admin.call("/api/admin/save-fee", &bad).await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("amount"), "{}", res.text());
    let good = fee("1,234.50");
    let good: Vec<(&str, &str)> = good.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let res = admin.call("/api/admin/save-fee", &good).await;
    assert!(res.status.as_u16() < 400, "{}", res.text());
    let page = Browser::new(app).get("/services/land-search").await;
    assert!(page.text().contains("1,234.50"), "{}", page.text());
    let add = [
        ("service", "land-search"),
        ("fee", "0"),
        ("kind", "convenience"),
        ("label_en", "SMS updates"),
        ("label_sw", "Taarifa kwa SMS"),
        ("amount", "10"),
    ];
    assert!(
        admin
            .call("/api/admin/save-fee", &add)
            .await
            .status
            .as_u16()
            < 400
    );
    let added = count(
        &app.db,
        "SELECT id FROM service_fees WHERE label_en = 'SMS updates'",
    )
    .await
    .to_string();
    let res = admin
        .call(
            "/api/admin/remove-fee",
            &[("service", "land-search"), ("fee", added.as_str())],
        )
        .await;
    assert!(res.status.as_u16() < 400, "{}", res.text());
    // Another service's fee cannot be removed through this one.
    let other = count(
        &app.db,
        "SELECT MIN(id) FROM service_fees WHERE service_id <> (SELECT id FROM services WHERE slug = 'land-search')",
    )
    .await
    .to_string();
    let res = admin
        .call(
            "/api/admin/remove-fee",
            &[("service", "land-search"), ("fee", other.as_str())],
        )
        .await;
    assert_eq!(res.status, 404);
    for action in ["fee_changed", "fee_added", "fee_removed"] {
        assert_eq!(audited(&app.db, action).await, 1, "{action}");
    }
    // The seed leaves the changed service's fees and places be.
    uraia_server::seed::run(&app.db).await.unwrap();
    let page = Browser::new(app).get("/services/land-search").await;
    assert!(page.text().contains("1,234.50"));
    assert_eq!(
        count(&app.db, "SELECT COUNT(*) FROM service_places").await,
        1
    );
    assert!(uraia_server::audit::verify(&app.db).await.unwrap().0);
}

async fn offices_change_hours_and_slot_capacity(app: &TestApp) {
    let mut admin = administrator(app).await;
    let office = "huduma-baringo";
    let place_id = scalar(&app.db, "SELECT id FROM places WHERE slug = $1", office).await;
    // Two future slots: one empty, one holding two bookings.
    let soon = chrono::Utc::now() + chrono::Duration::days(3);
    for (hours, booked) in [(0, 0), (1, 2)] {
        app::with_pool!(&app.db, |pool| {
            sqlx::query(
            "INSERT INTO appointment_slots (place_id, starts_at, capacity, booked) VALUES ($1, $2, 4, $3)"
        )
        .bind(place_id)
        .bind(soon + chrono::Duration::hours(hours))
        .bind(booked)
        .execute(pool)
        .await
        .map(|_| ())
        .unwrap()
        });
    }
    let mut fields = vec![
        ("slug", office),
        ("name_en", "Huduma Centre Baringo"),
        ("name_sw", "Kituo cha Huduma Baringo"),
        ("address_en", "Kabarnet town, Post Office building"),
        ("address_sw", "Mji wa Kabarnet, jengo la Posta"),
        ("hours_en", "Monday to Friday, 9 am to 4 pm"),
        (
            "hours_sw",
            "Jumatatu hadi Ijumaa, saa 3 asubuhi hadi saa 10 jioni",
        ),
        ("hours_short", "weekdays"),
        ("capacity", "1"),
    ];
    let from = format!("/staff/admin/offices/{office}");
    let res = admin
        .post_form("/api/admin/save-office", &from, &fields)
        .await;
    let page = admin.follow(&res).await;
    assert!(page.text().contains("like Mon-Fri 8-17"), "{}", page.text());
    assert!(
        page.text().contains("value=\"weekdays\""),
        "typed hours kept"
    );
    fields.retain(|(k, _)| *k != "hours_short");
    fields.push(("hours_short", "Mon-Fri 9-16"));
    let res = admin
        .post_form("/api/admin/save-office", &from, &fields)
        .await;
    assert_eq!(
        res.header("location"),
        Some(format!("/staff/admin/offices/{office}?saved=1&kept=1").as_str())
    );
    let capacities: Vec<i64> = app::with_pool!(&app.db, |pool| {
        sqlx::query_scalar(
        "SELECT CAST(capacity AS BIGINT) FROM appointment_slots WHERE place_id = $1 ORDER BY starts_at"
    )
    .bind(place_id)
    .fetch_all(pool)
    .await
    .unwrap()
    });
    assert_eq!(
        capacities,
        vec![1, 4],
        "the empty slot follows; the booked one keeps its bookings"
    );
    assert_eq!(
        text(
            &app.db,
            "SELECT hours_short FROM places WHERE slug = $1",
            office
        )
        .await,
        "Mon-Fri 9-16"
    );
    let page = admin
        .get(&format!("/staff/admin/offices/{office}?saved=1&kept=1"))
        .await;
    assert!(
        page.text().contains("1 time already has more bookings"),
        "{}",
        page.text()
    );
    assert_eq!(audited(&app.db, "office_changed").await, 1);
    uraia_server::seed::places::write_places(&app.db)
        .await
        .unwrap();
    assert_eq!(
        text(
            &app.db,
            "SELECT hours_short FROM places WHERE slug = $1",
            office
        )
        .await,
        "Mon-Fri 9-16",
        "the seed leaves an edited office be"
    );
}

const NJERI_LIMITS: &str =
    "SELECT COUNT(*) FROM officer_services o JOIN users u ON u.id = o.user_id \
     WHERE u.email = 'njeri@example.com'";

async fn roles_are_given_and_taken_away_at_once(app: &TestApp) {
    let mut admin = administrator(app).await;
    let mut newcomer =
        staff_member(app, "njeri@example.com", "+254712000081", "81000001", &[]).await;
    let queue = [("filter[agency]", "ministry-lands")];
    assert_eq!(newcomer.call("/api/staff/queue", &queue).await.status, 403);
    // Problems beside the fields: no such account, no agency for an officer.
    let res = admin
        .call(
            "/api/admin/grant-role",
            &[("email", "nobody@example.com"), ("role", "officer")],
        )
        .await;
    assert_eq!(res.status, 400);
    assert!(
        res.text().contains("NoSuchAccount") && res.text().contains("agency"),
        "{}",
        res.text()
    );
    let grant = [
        ("email", "njeri@example.com"),
        ("role", "officer"),
        ("agency", "ministry-lands"),
        ("service", "land-search"),
    ];
    let res = admin.call("/api/admin/grant-role", &grant).await;
    assert!(res.status.as_u16() < 400, "{}", res.text());
    assert_eq!(newcomer.call("/api/staff/queue", &queue).await.status, 200);
    let res = admin.call("/api/admin/grant-role", &grant).await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("RoleHeld"));
    let list = admin.get("/staff/admin/staff").await;
    assert!(list.text().contains("njeri@example.com"));
    assert_eq!(count(&app.db, NJERI_LIMITS).await, 1);
    // Taken away: the next call is refused, and the service limit went with the role.
    let role = count(
        &app.db,
        "SELECT r.id FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.email = 'njeri@example.com' AND r.role = 'officer'",
    )
    .await
    .to_string();
    let res = admin
        .call("/api/admin/remove-role", &[("id", role.as_str())])
        .await;
    assert!(res.status.as_u16() < 400, "{}", res.text());
    assert_eq!(newcomer.call("/api/staff/queue", &queue).await.status, 403);
    assert_eq!(count(&app.db, NJERI_LIMITS).await, 0);
    // An administrator cannot take away their own role or switch themselves off.
    let own = count(
        &app.db,
        "SELECT id FROM user_roles WHERE role = 'administrator'",
    )
    .await
    .to_string();
    let res = admin
        .call("/api/admin/remove-role", &[("id", own.as_str())])
        .await;
    assert_eq!(res.status, 400);
    assert!(res.text().contains("OwnAdministrator"));
    // Disabling a staff account signs it out everywhere; citizens are not disabled here.
    let supervisor_id = user_id(&app.db, "baraka@example.com").await;
    let mut baraka = supervisor(app).await;
    assert_eq!(baraka.call("/api/staff/queue", &queue).await.status, 200);
    assert_eq!(set_account(&mut admin, &supervisor_id, true).await, 200);
    assert_eq!(baraka.call("/api/staff/queue", &queue).await.status, 401);
    assert_eq!(
        scalar(
            &app.db,
            "SELECT COUNT(*) FROM sessions WHERE user_id = CAST($1 AS BIGINT)",
            &supervisor_id
        )
        .await,
        0
    );
    assert_eq!(set_account(&mut admin, &supervisor_id, false).await, 200);
    let citizen_id = user_id(&app.db, "wanjiku@example.com").await;
    assert_eq!(set_account(&mut admin, &citizen_id, true).await, 404);
    for (action, n) in [
        ("role_granted", 1),
        ("role_removed", 1),
        ("account_disabled", 1),
        ("account_enabled", 1),
    ] {
        assert_eq!(audited(&app.db, action).await, n, "{action}");
    }
    assert!(uraia_server::audit::verify(&app.db).await.unwrap().0);
}

async fn applicants_see_staff_names_only_where_the_agency_shows_them(app: &TestApp) {
    let (mut owner, id, _) = submitted(app).await;
    let mut officer = officer(app).await;
    let res = officer
        .call(
            "/api/staff/decide",
            &[("id", id.as_str()), ("to", "processing")],
        )
        .await;
    assert!(res.status.as_u16() < 400, "{}", res.text());
    let status = format!("/applications/{id}/status");
    let page = owner.get(&status).await;
    assert!(page.text().contains("Officer"), "{}", page.text());
    assert!(!page.text().contains("Otieno"), "no names by default");
    let mut admin = administrator(app).await;
    let form = agency_form(&app.db, "ministry-lands", &[("show_staff_names", "on")]).await;
    let res = admin.call("/api/admin/save-agency", &pairs(&form)).await;
    assert!(res.status.as_u16() < 400, "{}", res.text());
    let page = owner.get(&status).await;
    assert!(page.text().contains("Otieno Ochieng"), "{}", page.text());
}

on_both_backends!(
    only_administrators_reach_administration,
    agencies_are_changed_and_added_audited_and_kept_from_the_seed,
    services_change_time_form_places_and_fees,
    offices_change_hours_and_slot_capacity,
    roles_are_given_and_taken_away_at_once,
    applicants_see_staff_names_only_where_the_agency_shows_them,
);

//! The demo catalogue: its files are consistent and loading them twice changes nothing.

use crate::support::{on_both_backends, TestApp};
use app::with_pool;

async fn counts(app: &TestApp) -> (i64, i64, i64, i64) {
    with_pool!(&app.db, |pool| {
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM agencies), (SELECT COUNT(*) FROM services), \
                    (SELECT COUNT(*) FROM service_documents), (SELECT COUNT(*) FROM service_fees)",
        )
        .fetch_one(pool)
        .await
        .expect("counts")
    })
}

async fn seeding_twice_changes_nothing(app: &TestApp) {
    let before = counts(app).await;
    let report = uraia_server::seed::run(&app.db).await.expect("second seed");
    assert_eq!(counts(app).await, before);
    assert_eq!(report.services as i64, before.1);
    assert_eq!(report.agencies as i64, before.0);
}

/// The synthetic national catalogue (`uraia seed --national`) written next to the bundled
/// one: every county's services page by page, and search finds its way in 20,000 services.
async fn the_national_catalogue_pages_and_searches(app: &TestApp) {
    use app::i18n::Lang;
    use app::model::SearchNarrowing;
    let (agencies, services) = uraia_server::seed::national(&app.db)
        .await
        .expect("national catalogue written");
    assert!(
        agencies >= 67 && services >= 19_000,
        "{agencies} agencies, {services} services"
    );
    let catalogue = app::data::catalogue::read_snapshot(&app.db)
        .await
        .expect("read");
    assert!(catalogue.service_count() >= services + 150);
    // A county's services, page by page, with none lost or repeated.
    let first = catalogue
        .agency("garissa-county", Lang::Sw, 1)
        .expect("a county added");
    assert!(
        first.paging.total >= 400 && first.paging.pages >= 8,
        "{:?}",
        first.paging
    );
    let mut seen = std::collections::HashSet::new();
    for page in 1..=first.paging.pages {
        let agency = catalogue.agency("garissa-county", Lang::Sw, page).unwrap();
        seen.extend(agency.services.into_iter().map(|s| s.slug));
    }
    assert_eq!(seen.len(), first.paging.total);
    // A bundled county keeps its own services and gains the synthetic ones.
    let nairobi = catalogue.agency("nairobi-county", Lang::En, 1).unwrap();
    assert!(nairobi.paging.total > 400);
    let county_services = catalogue.category("county-services", Lang::En, 1).unwrap();
    assert!(
        county_services.paging.total >= 5_000,
        "{:?}",
        county_services.paging
    );
    let none = SearchNarrowing::default();
    for (query, lang, expected) in [
        ("passport", Lang::En, "passport-renewal"),
        (
            "business permit hotel large garissa",
            Lang::En,
            "garissa-county-business-permit-hotel-large",
        ),
        (
            "kibali cha biashara bucha ndogo nakuru",
            Lang::Sw,
            "nakuru-county-business-permit-butchery-small",
        ),
        (
            "liquor licence wines and spirits kisumu",
            Lang::En,
            "kisumu-county-liquor-licence-wines-spirits",
        ),
        (
            "practising licence architect",
            Lang::En,
            "architect-practising-licence",
        ),
    ] {
        let found = catalogue.search(query, lang, &none, 1);
        assert_eq!(
            found.services.first().map(|s| s.slug.as_str()),
            Some(expected),
            "{query:?}: {:?}",
            found
                .services
                .iter()
                .take(3)
                .map(|s| &s.slug)
                .collect::<Vec<_>>()
        );
    }
    let in_nakuru = SearchNarrowing {
        county: "nakuru-county".into(),
        ..SearchNarrowing::default()
    };
    let permits = catalogue.search("permit", Lang::En, &in_nakuru, 3);
    assert_eq!(permits.paging.page, 3);
    assert!(permits
        .services
        .iter()
        .all(|s| s.agency.slug == "nakuru-county"));
}

/// The demo history (`uraia seed` in development): thousands of applications in every
/// state, told already, chained into an intact audit log, written once; the demo officer's
/// queue and dashboard have something in them, and the demo citizen has her own.
async fn the_demo_history_is_alive(app: &TestApp) {
    use uraia_server::seed::history;
    let now = chrono::Utc::now();
    let report = history::history(&app.db, &app.files(), now)
        .await
        .expect("history written")
        .expect("a fresh database has no history");
    assert!(report.applications >= 2_000, "{report:?}");
    assert!(
        history::history(&app.db, &app.files(), now)
            .await
            .expect("second run")
            .is_none(),
        "written twice"
    );
    let statuses: Vec<(String, i64)> = with_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT status, COUNT(*) FROM applications GROUP BY status ORDER BY status"
    )
    .fetch_all(pool)
    .await
    .expect("statuses"));
    for status in [
        "awaiting_payment",
        "submitted",
        "processing",
        "info_requested",
        "resubmitted",
        "approved",
        "rejected",
        "ready_for_collection",
        "collected",
    ] {
        assert!(
            statuses.iter().any(|(s, n)| s == status && *n > 0),
            "no application is {status}: {statuses:?}"
        );
    }
    let (unnotified, overdue, rated, booked, unpaid_submitted): (i64, i64, i64, i64, i64) = with_pool!(
        &app.db,
        |pool| {
            sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM application_events WHERE notified_at IS NULL), \
                    (SELECT COUNT(*) FROM applications WHERE due_at < $1 \
                       AND status IN ('submitted', 'processing', 'info_requested', 'resubmitted')), \
                    (SELECT COUNT(*) FROM feedback), \
                    (SELECT COUNT(*) FROM appointments WHERE status = 'booked'), \
                    (SELECT COUNT(*) FROM applications a JOIN invoices i ON i.application_id = a.id \
                       WHERE a.status <> 'awaiting_payment' AND i.status <> 'paid')"
        )
        .bind(now)
        .fetch_one(pool)
        .await
        .expect("counts")
        }
    );
    assert_eq!(unnotified, 0, "the history would be sent as messages");
    assert!(
        overdue > 0 && rated > 100 && booked > 0,
        "{overdue} {rated} {booked}"
    );
    assert_eq!(unpaid_submitted, 0, "submitted without being paid");
    let (intact, line) = uraia_server::audit::verify(&app.db).await.expect("verify");
    assert!(intact, "{line}");

    // The demo officer's queue and dashboard, and an application with its files.
    let mut officer = crate::browser::officer(app).await;
    let queue = officer.get("/staff?agency=immigration").await.text();
    assert!(!queue.contains("Nothing matches these filters"), "{queue}");
    let id = queue
        .split("/staff/applications/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("an application in the queue")
        .to_string();
    let item = officer.get(&format!("/staff/applications/{id}")).await;
    assert_eq!(item.status, 200);
    let item = item.text();
    let file = item
        .split("/staff/files/")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_string);
    if let Some(file) = file {
        let res = officer.get(&format!("/staff/files/{file}")).await;
        assert_eq!(res.status, 200, "{file}");
    }
    // The supervisor's dashboard: every table has rows (the default range, the last weeks).
    let mut supervisor = crate::browser::signed_in(
        app,
        "baraka@example.com",
        "demo supervisor passphrase",
        "+254712000004",
        false,
    )
    .await;
    for table in app::api::staff::dashboard::server::TABLES {
        let res = supervisor
            .get(&format!("/staff/dashboard/{table}.csv?agency=immigration"))
            .await;
        assert_eq!(res.status, 200, "{table}");
        assert!(res.text().lines().count() > 2, "{table}: {}", res.text());
    }

    // The demo citizen's own: one in each of eight states.
    let mut citizen = crate::browser::citizen(app).await;
    let mine = citizen.get("/applications").await.text();
    let own: i64 = with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(DISTINCT a.status) FROM applications a JOIN users u ON u.id = a.user_id \
         WHERE u.email = 'wanjiku@example.com'"
    )
    .fetch_one(pool)
    .await
    .expect("own"));
    assert_eq!(own, 8);
    assert!(mine.matches("/applications/").count() >= 8, "{mine}");
}

on_both_backends!(
    the_demo_history_is_alive,
    seeding_twice_changes_nothing,
    forms_are_stored_by_version,
    the_national_catalogue_pages_and_searches,
);

#[test]
fn the_national_catalogue_is_whole() {
    let catalogue =
        uraia_server::seed::national_catalogue().expect("it passes the catalogue's checks");
    let counties = catalogue
        .agencies
        .iter()
        .filter(|a| a.kind == "county")
        .count();
    assert_eq!(counties, 47);
    let services: usize = catalogue.agencies.iter().map(|a| a.services.len()).sum();
    assert!((19_000..=23_000).contains(&services), "{services} services");
    let bundled = uraia_server::seed::load_catalogue().unwrap();
    let kisumu = |c: &uraia_server::seed::Catalogue| {
        c.agencies
            .iter()
            .find(|a| a.slug == "kisumu-county")
            .map(|a| a.name.sw.clone())
    };
    assert_eq!(
        kisumu(&catalogue),
        kisumu(&bundled),
        "a bundled county keeps its words"
    );
}

#[test]
fn the_catalogue_files_are_consistent() {
    let catalogue = uraia_server::seed::load_catalogue().expect("catalogue loads and checks");
    assert!(catalogue.agencies.len() >= 40);
    let services: usize = catalogue.agencies.iter().map(|a| a.services.len()).sum();
    assert!(services >= 150, "{services} services");
    for required in [
        "passport-new",
        "passport-new",
        "passport-renewal",
        "passport-replacement",
        "visa-tourist",
        "visa-business",
        "visa-student",
        "visa-extension",
        "work-permit",
        "foreigner-id",
        "driving-licence-renewal",
        "provisional-licence",
        "driving-test-booking",
        "vehicle-registration",
        "vehicle-ownership-transfer",
        "ntsa-fines",
        "business-name-registration",
        "land-search",
        "marriage-certificate",
        "birth-certificate",
        "certificate-of-good-conduct",
    ] {
        assert!(
            catalogue
                .agencies
                .iter()
                .flat_map(|a| &a.services)
                .any(|s| s.slug == required),
            "the catalogue has {required}"
        );
    }
}

#[test]
fn the_checker_reports_broken_data() {
    let mut catalogue = uraia_server::seed::load_catalogue().expect("catalogue loads");
    let agency = &mut catalogue.agencies[0];
    agency.parent = Some("no-such-agency".into());
    if let Some(service) = catalogue
        .agencies
        .iter_mut()
        .find_map(|a| a.services.first_mut())
    {
        service.category = "no-such-category".into();
        service.processing_days = vec![5, 2];
        service.name.sw = String::new();
        service.fee.clear();
    }
    let problems = uraia_server::seed::check(&catalogue);
    let all = problems.join("\n");
    for expected in [
        "unknown parent",
        "unknown category",
        "processing_days",
        "Kiswahili",
        "at least one fee",
    ] {
        assert!(
            all.contains(expected),
            "expected a problem about {expected}:\n{all}"
        );
    }
}

/// Every service's form loads and is stored by version; a stored version never changes.
async fn forms_are_stored_by_version(app: &TestApp) {
    let forms = uraia_server::seed::forms::load_forms().expect("forms load and check");
    for service in [
        "passport-new",
        "passport-renewal",
        "passport-replacement",
        "passport-minor",
        "visa-tourist",
        "driving-licence-renewal",
        "certificate-of-good-conduct",
        "business-name-registration",
        "land-search",
    ] {
        assert!(
            forms.iter().any(|(s, _)| s == service),
            "{service} has a form"
        );
    }
    assert!(
        forms
            .iter()
            .any(|(s, f)| s == "passport-minor" && f.for_child),
        "a guardian applies for a child's passport"
    );
    let (service_id, current) = app::data::forms::current(&app.db, "passport-renewal")
        .await
        .unwrap()
        .expect("passport renewal has a form");
    assert_eq!(
        app::data::forms::version(&app.db, service_id, current.version)
            .await
            .unwrap()
            .as_ref(),
        Some(&current)
    );

    // The same version with other content is refused, and nothing changes.
    let mut changed = current.clone();
    changed.sections.pop();
    let refused = app::data::forms::store(&app.db, "passport-renewal", &changed).await;
    assert!(
        matches!(
            refused,
            Err(app::data::forms::FormStoreError::VersionReused { .. })
        ),
        "{refused:?}"
    );
    // A new version becomes current; the old one stays readable for old applications.
    changed.version = current.version + 1;
    app::data::forms::store(&app.db, "passport-renewal", &changed)
        .await
        .unwrap();
    let (_, now) = app::data::forms::current(&app.db, "passport-renewal")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now.version, current.version + 1);
    assert_eq!(
        app::data::forms::version(&app.db, service_id, current.version)
            .await
            .unwrap(),
        Some(current)
    );
    // Seeding again does not bring the older version back as current.
    uraia_server::seed::run(&app.db).await.unwrap();
    let (_, after) = app::data::forms::current(&app.db, "passport-renewal")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.version, changed.version);
}

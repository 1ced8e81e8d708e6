//! Catalogue queries and search ranking, through the data layer and the HTTP API.

use crate::support::{on_both_backends, TestApp};
use app::data::catalogue;
use app::i18n::Lang;

/// The catalogue as the public pages read it (all of it, from the database).
async fn snapshot(app: &TestApp) -> catalogue::Snapshot {
    catalogue::read_snapshot(&app.db)
        .await
        .expect("the catalogue reads")
}

async fn search_slugs(app: &TestApp, query: &str, lang: Lang) -> Vec<String> {
    snapshot(app)
        .await
        .search(query, lang, 30)
        .into_iter()
        .map(|s| s.slug)
        .collect()
}

async fn the_seeded_catalogue_is_large_enough(app: &TestApp) {
    let home = snapshot(app).await.home(Lang::En);
    assert!(home.agency_count >= 40, "agencies: {}", home.agency_count);
    assert!(
        home.service_count >= 150,
        "services: {}",
        home.service_count
    );
    assert!(home.popular.len() >= 8);
    assert_eq!(
        home.popular[0].slug, "passport-renewal",
        "popular rank 1 comes first"
    );
    assert!(home.categories.iter().all(|c| c.service_count > 0));
}

async fn passport_comes_first_for_passport(app: &TestApp) {
    let slugs = search_slugs(app, "passport", Lang::En).await;
    assert!(slugs.len() >= 4, "{slugs:?}");
    assert!(
        slugs[..4].iter().all(|s| s.starts_with("passport-")),
        "passport services first: {slugs:?}"
    );
    assert_eq!(
        slugs[0], "passport-renewal",
        "the most popular passport service leads: {slugs:?}"
    );
}

async fn passport_renewal_is_the_top_hit(app: &TestApp) {
    let slugs = search_slugs(app, "passport renewal", Lang::En).await;
    assert_eq!(
        slugs.first().map(String::as_str),
        Some("passport-renewal"),
        "{slugs:?}"
    );
}

async fn misspellings_still_find_passports(app: &TestApp) {
    for query in ["pasport", "passprot", "pasport renewal"] {
        let slugs = search_slugs(app, query, Lang::En).await;
        assert!(
            slugs.iter().take(3).any(|s| s.starts_with("passport-")),
            "{query:?} should find passports: {slugs:?}"
        );
    }
}

async fn other_journeys_rank_sensibly(app: &TestApp) {
    let cases = [
        (
            "driving licence renewal",
            Lang::En,
            "driving-licence-renewal",
        ),
        ("good conduct", Lang::En, "certificate-of-good-conduct"),
        ("business name", Lang::En, "business-name-registration"),
        (
            "cheti cha tabia njema",
            Lang::Sw,
            "certificate-of-good-conduct",
        ),
        ("pasipoti", Lang::Sw, "passport-renewal"),
    ];
    for (query, lang, expected) in cases {
        let slugs = search_slugs(app, query, lang).await;
        assert!(
            slugs.iter().take(3).any(|s| s == expected),
            "{query:?} should find {expected} near the top: {slugs:?}"
        );
    }
}

async fn nonsense_finds_nothing(app: &TestApp) {
    assert!(search_slugs(app, "xqzwv", Lang::En).await.is_empty());
    assert!(search_slugs(app, "   ", Lang::En).await.is_empty());
}

async fn a_service_has_everything_the_page_shows(app: &TestApp) {
    let catalogue = snapshot(app).await;
    let s = catalogue
        .service("passport-renewal", Lang::En)
        .expect("service exists");
    assert_eq!(s.agency.slug, "immigration");
    assert!(!s.eligibility.is_empty());
    assert!(!s.documents.is_empty());
    assert!(
        s.fees.iter().any(|f| f.amount_cents == 750000),
        "34-page fee: {:?}",
        s.fees
    );
    let unconditional: i64 = s
        .fees
        .iter()
        .filter(|f| f.when.is_none())
        .map(|f| f.amount_cents)
        .sum();
    assert_eq!(s.minimum_total_cents(), unconditional);
    assert!(s.processing_days_min > 0 && s.processing_days_min <= s.processing_days_max);

    let sw = catalogue.service("passport-renewal", Lang::Sw).unwrap();
    assert_ne!(sw.name, s.name, "Kiswahili name differs");
    assert_eq!(sw.fees.len(), s.fees.len());

    assert!(catalogue.service("no-such-service", Lang::En).is_none());
}

async fn agencies_and_categories_load(app: &TestApp) {
    let catalogue = snapshot(app).await;
    let list = catalogue.agencies(Lang::En);
    assert!(list.len() >= 40);
    let immigration = catalogue.agency("immigration", Lang::En).unwrap();
    assert!(immigration
        .services
        .iter()
        .any(|s| s.slug == "passport-new"));
    assert_eq!(
        immigration.parent.as_ref().map(|p| p.slug.as_str()),
        Some("ministry-interior")
    );
    let ministry = catalogue.agency("ministry-interior", Lang::En).unwrap();
    assert!(ministry.children.iter().any(|c| c.slug == "immigration"));
    let category = catalogue.category("driving-transport", Lang::En).unwrap();
    assert!(category
        .services
        .iter()
        .any(|s| s.slug == "driving-licence-renewal"));
    assert!(catalogue.agency("nope", Lang::En).is_none());
}

async fn search_api_answers_json(app: &TestApp) {
    let res = app
        .get("/api/catalogue/search?query=pasport&lang=En", &[])
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let results = res.json();
    let first = &results.as_array().expect("a list")[0];
    assert!(
        first["slug"].as_str().unwrap().starts_with("passport-"),
        "{results}"
    );
}

async fn missing_service_api_is_not_found_without_internals(app: &TestApp) {
    let res = app
        .get("/api/catalogue/service?slug=nope&lang=En", &[])
        .await;
    assert!(
        res.status.is_server_error() || res.status.is_client_error(),
        "{}",
        res.status
    );
    let body = res.text();
    assert!(body.contains("NotFound"), "{body}");
    assert!(
        !body.to_lowercase().contains("select"),
        "no SQL in errors: {body}"
    );
}

async fn counter(app: &TestApp) -> i64 {
    app::with_pool!(&app.db, |pool| sqlx::query_scalar::<_, i64>(
        "SELECT CAST(version AS BIGINT) FROM catalogue_version WHERE id = 1"
    )
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn sql(app: &TestApp, statement: &str) {
    app::with_pool!(&app.db, |pool| sqlx::query(statement)
        .execute(pool)
        .await
        .map(|_| ())
        .unwrap());
}

/// Each table the public pages read moves the counter on, whoever writes: that is how
/// every instance knows its copy is old.
async fn every_catalogue_write_moves_the_counter(app: &TestApp) {
    for statement in [
        "UPDATE services SET name_en = name_en WHERE slug = 'passport-renewal'",
        "UPDATE agencies SET phone = phone WHERE slug = 'immigration'",
        "UPDATE categories SET name_en = name_en WHERE slug = 'driving-transport'",
        "UPDATE service_fees SET amount_cents = amount_cents \
         WHERE service_id = (SELECT id FROM services WHERE slug = 'passport-renewal')",
        "DELETE FROM service_documents \
         WHERE service_id = (SELECT id FROM services WHERE slug = 'land-search') AND position = 0",
    ] {
        let before = counter(app).await;
        sql(app, statement).await;
        assert!(counter(app).await > before, "{statement}");
    }
    let before = counter(app).await;
    sql(app, "UPDATE users SET updated_at = updated_at").await;
    assert_eq!(counter(app).await, before, "other tables leave it alone");
}

/// The service's name as the JSON API gives it (from the instance's in-memory catalogue).
async fn served_name(router: &axum::Router) -> String {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let request = axum::http::Request::get("/api/catalogue/service?slug=passport-renewal&lang=En")
        .body(axum::body::Body::empty())
        .unwrap();
    let res = router.clone().oneshot(request).await.unwrap();
    let body = res.into_body().collect().await.unwrap().to_bytes();
    let json: serde_json::Value = serde_json::from_slice(&body).unwrap();
    json["name"].as_str().unwrap_or_default().to_string()
}

/// Waits (up to 10 s) for `router` to serve `name`.
async fn serves_name(router: &axum::Router, name: &str) {
    for _ in 0..100 {
        if served_name(router).await == name {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("still served {:?}, not {name:?}", served_name(router).await);
}

/// A change written by someone else (the `uraia` command, another instance, a hand-written
/// fix) reaches an instance that already holds the catalogue in memory.
async fn a_change_written_elsewhere_reaches_the_pages(app: &TestApp) {
    let before = served_name(&app.router).await;
    assert!(!before.is_empty());
    sql(
        app,
        "UPDATE services SET name_en = 'Passport renewal (changed)' WHERE slug = 'passport-renewal'",
    )
    .await;
    serves_name(&app.router, "Passport renewal (changed)").await;
    if app.postgres_url().is_some() {
        // A second instance, which hears of changes by notification.
        let other = app.another_instance().await;
        assert_eq!(served_name(&other).await, "Passport renewal (changed)");
        sql(
            app,
            "UPDATE services SET name_en = 'Passport renewal' WHERE slug = 'passport-renewal'",
        )
        .await;
        serves_name(&other, "Passport renewal").await;
    }
}

on_both_backends!(
    the_seeded_catalogue_is_large_enough,
    passport_comes_first_for_passport,
    passport_renewal_is_the_top_hit,
    misspellings_still_find_passports,
    other_journeys_rank_sensibly,
    nonsense_finds_nothing,
    a_service_has_everything_the_page_shows,
    agencies_and_categories_load,
    search_api_answers_json,
    missing_service_api_is_not_found_without_internals,
    every_catalogue_write_moves_the_counter,
    a_change_written_elsewhere_reaches_the_pages,
);

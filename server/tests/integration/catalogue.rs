//! Catalogue queries and search ranking, through the data layer and the HTTP API.

use crate::support::{on_both_backends, TestApp};
use app::data::catalogue;
use app::i18n::Lang;

async fn search_slugs(app: &TestApp, query: &str, lang: Lang) -> Vec<String> {
    catalogue::search(&app.db, query, lang, 30)
        .await
        .expect("search runs")
        .into_iter()
        .map(|s| s.slug)
        .collect()
}

async fn the_seeded_catalogue_is_large_enough(app: &TestApp) {
    let home = catalogue::home(&app.db, Lang::En)
        .await
        .expect("home loads");
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
    let s = catalogue::service(&app.db, "passport-renewal", Lang::En)
        .await
        .expect("query runs")
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

    let sw = catalogue::service(&app.db, "passport-renewal", Lang::Sw)
        .await
        .unwrap()
        .unwrap();
    assert_ne!(sw.name, s.name, "Kiswahili name differs");
    assert_eq!(sw.fees.len(), s.fees.len());

    assert!(catalogue::service(&app.db, "no-such-service", Lang::En)
        .await
        .unwrap()
        .is_none());
}

async fn agencies_and_categories_load(app: &TestApp) {
    let list = catalogue::agencies(&app.db, Lang::En).await.unwrap();
    assert!(list.len() >= 40);
    let immigration = catalogue::agency(&app.db, "immigration", Lang::En)
        .await
        .unwrap()
        .unwrap();
    assert!(immigration
        .services
        .iter()
        .any(|s| s.slug == "passport-new"));
    assert_eq!(
        immigration.parent.as_ref().map(|p| p.slug.as_str()),
        Some("ministry-interior")
    );
    let ministry = catalogue::agency(&app.db, "ministry-interior", Lang::En)
        .await
        .unwrap()
        .unwrap();
    assert!(ministry.children.iter().any(|c| c.slug == "immigration"));
    let category = catalogue::category(&app.db, "driving-transport", Lang::En)
        .await
        .unwrap()
        .unwrap();
    assert!(category
        .services
        .iter()
        .any(|s| s.slug == "driving-licence-renewal"));
    assert!(catalogue::agency(&app.db, "nope", Lang::En)
        .await
        .unwrap()
        .is_none());
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
);

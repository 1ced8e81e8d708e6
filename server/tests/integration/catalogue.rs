//! Catalogue queries and search ranking, through the data layer and the HTTP API.

use crate::support::{on_both_backends, TestApp};
use app::data::catalogue;
use app::i18n::Lang;
use app::model::SearchNarrowing;

/// The catalogue as the public pages read it (all of it, from the database).
async fn snapshot(app: &TestApp) -> catalogue::Snapshot {
    catalogue::read_snapshot(&app.db)
        .await
        .expect("the catalogue reads")
}

async fn search_slugs(app: &TestApp, query: &str, lang: Lang) -> Vec<String> {
    snapshot(app)
        .await
        .search(query, lang, &SearchNarrowing::default(), 1)
        .services
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

/// What people type, and the service that must come first: misspellings, Kiswahili, words
/// half typed, agency names, "how do I…" (issue 20's relevance test).
async fn real_queries_find_the_right_service_first(app: &TestApp) {
    let cases = [
        ("passport", Lang::En, "passport-renewal"),
        ("renew passport", Lang::En, "passport-renewal"),
        ("pasport", Lang::En, "passport-renewal"),
        ("passprot renewal", Lang::En, "passport-renewal"),
        ("new passport", Lang::En, "passport-new"),
        ("lost passport", Lang::En, "passport-replacement"),
        ("passport for my child", Lang::En, "passport-minor"),
        (
            "driving licence renewal",
            Lang::En,
            "driving-licence-renewal",
        ),
        ("renew driving license", Lang::En, "driving-licence-renewal"),
        ("drivng licence", Lang::En, "driving-licence-renewal"),
        ("good conduct", Lang::En, "certificate-of-good-conduct"),
        (
            "certificate of good conduct",
            Lang::En,
            "certificate-of-good-conduct",
        ),
        ("business name", Lang::En, "business-name-registration"),
        ("register a company", Lang::En, "company-registration"),
        ("kra pin", Lang::En, "kra-pin-registration"),
        ("birth certificate", Lang::En, "birth-certificate"),
        (
            "how do i get a birth certificate",
            Lang::En,
            "birth-certificate",
        ),
        ("death certificate", Lang::En, "death-certificate"),
        ("lost id", Lang::En, "national-id-replacement"),
        ("land search", Lang::En, "land-search"),
        ("title deed", Lang::En, "title-deed-replacement"),
        ("work permit", Lang::En, "work-permit"),
        ("tax compliance", Lang::En, "tax-compliance-certificate"),
        ("nil return", Lang::En, "income-tax-return"),
        ("logbook transfer", Lang::En, "vehicle-ownership-transfer"),
        ("traffic fine", Lang::En, "ntsa-fines"),
        ("refugee id", Lang::En, "refugee-id"),
        ("asylum", Lang::En, "refugee-registration"),
        ("drone", Lang::En, "kcaa-drone-permit"),
        ("dual citizenship", Lang::En, "dual-citizenship-declaration"),
        (
            "single business permit nairobi",
            Lang::En,
            "nairobi-single-business-permit",
        ),
        ("immigration", Lang::En, "passport-renewal"),
        ("birth certif", Lang::En, "birth-certificate"),
        ("passp", Lang::En, "passport-renewal"),
        (
            "cheti cha tabia njema",
            Lang::Sw,
            "certificate-of-good-conduct",
        ),
        ("pasipoti", Lang::Sw, "passport-renewal"),
        ("leseni ya udereva", Lang::Sw, "driving-licence-renewal"),
        ("cheti cha kuzaliwa", Lang::Sw, "birth-certificate"),
        ("kibali cha kazi", Lang::Sw, "work-permit"),
        (
            "nawezaje kupata cheti cha kifo",
            Lang::Sw,
            "death-certificate",
        ),
    ];
    let mut wrong = Vec::new();
    for (query, lang, expected) in cases {
        let slugs = search_slugs(app, query, lang).await;
        if slugs.first().map(String::as_str) != Some(expected) {
            wrong.push(format!(
                "{query:?}: wanted {expected} first, got {:?}",
                &slugs[..slugs.len().min(3)]
            ));
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {} queries:\n{}",
        wrong.len(),
        cases.len(),
        wrong.join("\n")
    );
}

/// Narrowing by agency (with the agencies under it), county, category and account type,
/// and pages of results.
async fn searches_narrow_and_page(app: &TestApp) {
    let catalogue = snapshot(app).await;
    let narrowed =
        |agency: &str, county: &str, category: &str, account_type: &str| SearchNarrowing {
            agency: agency.into(),
            county: county.into(),
            category: category.into(),
            account_type: account_type.into(),
        };
    // A ministry finds its departments' services.
    let interior = catalogue.search("", Lang::En, &narrowed("ministry-interior", "", "", ""), 1);
    assert!(
        interior
            .services
            .iter()
            .any(|s| s.agency.slug == "immigration"),
        "{interior:?}"
    );
    assert_eq!(interior.narrowed.agency, "ministry-interior");
    // A county is narrowed to as a county, not as a national agency.
    let nairobi = catalogue.search(
        "permit",
        Lang::En,
        &narrowed("", "nairobi-county", "", ""),
        1,
    );
    assert!(!nairobi.services.is_empty());
    assert!(
        nairobi
            .services
            .iter()
            .all(|s| s.agency.slug == "nairobi-county"),
        "{nairobi:?}"
    );
    let wrong_kind = catalogue.search(
        "permit",
        Lang::En,
        &narrowed("nairobi-county", "", "", ""),
        1,
    );
    assert_eq!(
        wrong_kind.narrowed,
        SearchNarrowing::default(),
        "not applied, and says so"
    );
    // Refugees see what refugees may apply for.
    let refugees = catalogue.search("", Lang::En, &narrowed("", "", "", "refugee"), 1);
    assert!(refugees.paging.total < catalogue.home(Lang::En).service_count as usize);
    let refugee_id = catalogue.search("refugee id", Lang::En, &narrowed("", "", "", "refugee"), 1);
    assert_eq!(
        refugee_id.services.first().map(|s| s.slug.as_str()),
        Some("refugee-id")
    );
    let diplomats = catalogue.search("refugee id", Lang::En, &narrowed("", "", "", "diplomat"), 1);
    assert!(diplomats.services.iter().all(|s| s.slug != "refugee-id"));
    // Category.
    let transport = catalogue.search(
        "licence",
        Lang::En,
        &narrowed("", "", "driving-transport", ""),
        1,
    );
    assert_eq!(
        transport.services.first().map(|s| s.slug.as_str()),
        Some("driving-licence-renewal")
    );
    // Pages: every service of a broad query once, page after page; far past the end is the
    // last page.
    let first = catalogue.search("certificate", Lang::En, &SearchNarrowing::default(), 1);
    assert!(
        first.paging.total > first.services.len(),
        "{:?}",
        first.paging
    );
    let mut seen: Vec<String> = Vec::new();
    for page in 1..=first.paging.pages {
        let found = catalogue.search("certificate", Lang::En, &SearchNarrowing::default(), page);
        assert_eq!(found.paging.page, page);
        seen.extend(found.services.into_iter().map(|s| s.slug));
    }
    let unique: std::collections::HashSet<&String> = seen.iter().collect();
    assert_eq!(
        (seen.len(), unique.len()),
        (first.paging.total, first.paging.total)
    );
    let past = catalogue.search(
        "certificate",
        Lang::En,
        &SearchNarrowing::default(),
        u32::MAX,
    );
    assert_eq!(past.paging.page, first.paging.pages);
    assert!(!past.services.is_empty());
    // Words and no narrowing of what is there: nothing, and nothing for nothing.
    assert!(catalogue
        .search("", Lang::En, &SearchNarrowing::default(), 1)
        .services
        .is_empty());
}

async fn search_pages_and_narrowing_over_http(app: &TestApp) {
    let res = app
        .get("/search?q=permit&county=nairobi-county&page=2", &[])
        .await;
    assert_eq!(res.status, 200);
    let page = res.text();
    assert!(
        page.contains(r#"<option value="nairobi-county" selected"#),
        "the county stays chosen"
    );
    let res = app
        .get("/search?q=certificate&page=abc&agency=nope", &[])
        .await;
    assert_eq!(
        res.status, 200,
        "a page or narrowing that makes no sense is not an error"
    );
    assert!(
        res.text().contains("rel=\"next\""),
        "more than one page of certificates"
    );
    let json = app
        .get(
            "/api/catalogue/search?query=certificate&lang=En&page=2",
            &[],
        )
        .await
        .json();
    assert_eq!(json["paging"]["page"], 2, "{json}");
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
    let immigration = catalogue.agency("immigration", Lang::En, 1).unwrap();
    assert!(immigration
        .services
        .iter()
        .any(|s| s.slug == "passport-new"));
    assert_eq!(
        immigration.parent.as_ref().map(|p| p.slug.as_str()),
        Some("ministry-interior")
    );
    let ministry = catalogue.agency("ministry-interior", Lang::En, 1).unwrap();
    assert!(ministry.children.iter().any(|c| c.slug == "immigration"));
    let category = catalogue
        .category("driving-transport", Lang::En, 1)
        .unwrap();
    assert!(category
        .services
        .iter()
        .any(|s| s.slug == "driving-licence-renewal"));
    assert!(catalogue.agency("nope", Lang::En, 1).is_none());
}

async fn search_api_answers_json(app: &TestApp) {
    let res = app
        .get("/api/catalogue/search?query=pasport&lang=En", &[])
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    let results = res.json();
    let first = &results["services"].as_array().expect("a list")[0];
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
    real_queries_find_the_right_service_first,
    searches_narrow_and_page,
    search_pages_and_narrowing_over_http,
    nonsense_finds_nothing,
    a_service_has_everything_the_page_shows,
    agencies_and_categories_load,
    search_api_answers_json,
    missing_service_api_is_not_found_without_internals,
    every_catalogue_write_moves_the_counter,
    a_change_written_elsewhere_reaches_the_pages,
);

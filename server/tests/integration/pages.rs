//! Server-rendered pages: content, language, status codes and headers.

use crate::support::{on_both_backends, TestApp};

async fn home_page_renders_in_english_by_default(app: &TestApp) {
    let res = app.get("/", &[]).await;
    assert_eq!(res.status, 200);
    let html = res.text();
    assert!(html.contains(r#"<html lang="en""#), "lang attribute");
    assert!(html.contains("Find a government service"));
    assert!(html.contains("Popular services"));
    assert!(
        html.contains("Renew a passport"),
        "popular services are listed"
    );
    assert!(html.contains(r##"href="#main""##), "skip link");
    assert!(res.header("content-type").unwrap().starts_with("text/html"));
}

async fn pages_carry_a_nonce_csp_matching_their_scripts(app: &TestApp) {
    let res = app.get("/", &[]).await;
    let csp = res
        .header("content-security-policy")
        .expect("csp")
        .to_string();
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("script nonce in CSP");
    assert!(csp.contains("'wasm-unsafe-eval'"), "{csp}");
    assert!(
        res.text().contains(&format!("nonce=\"{nonce}\"")),
        "inline scripts carry the nonce"
    );
}

async fn kiswahili_by_cookie_and_by_accept_language(app: &TestApp) {
    for headers in [
        [("cookie", "lang=sw")],
        [("accept-language", "sw-KE,sw;q=0.9,en;q=0.5")],
    ] {
        let html = app.get("/", &headers).await.text();
        assert!(html.contains(r#"<html lang="sw""#), "{headers:?}");
        assert!(html.contains("Tafuta huduma ya serikali"), "{headers:?}");
        assert!(
            html.contains("Fanya upya pasipoti") || html.contains("pasipoti"),
            "catalogue text in Kiswahili"
        );
    }
    // The cookie wins over the browser's preference.
    let html = app
        .get("/", &[("cookie", "lang=en"), ("accept-language", "sw")])
        .await
        .text();
    assert!(html.contains(r#"<html lang="en""#));
}

async fn service_page_shows_fees_documents_and_the_way_in(app: &TestApp) {
    let res = app.get("/services/passport-renewal", &[]).await;
    assert_eq!(res.status, 200);
    let html = res.text();
    assert!(html.contains("Renew a passport"));
    assert!(html.contains("KES 7,500"), "fees table");
    assert!(html.contains("Documents you need"));
    assert!(html.contains("Processing time"));
    assert!(
        html.contains(r#"href="/apply/passport-renewal""#),
        "the way in to its online application"
    );
    // A service without an online form says where to apply instead.
    let offline = app.get("/services/national-id-new", &[]).await.text();
    assert!(
        !offline.contains("/apply/"),
        "no way in where there is no form"
    );
    assert!(
        offline.contains("You apply for this service with the agency"),
        "{offline}"
    );
    assert!(offline.contains(r#"href="/agencies/national-registration""#));

    let sw = app
        .get("/services/passport-renewal", &[("cookie", "lang=sw")])
        .await
        .text();
    assert!(sw.contains("Hati unazohitaji"));
    assert!(sw.contains("Anza maombi"));
}

async fn search_page_works_as_a_plain_get(app: &TestApp) {
    let html = app.get("/search?q=pasport", &[]).await.text();
    assert!(
        html.contains("Renew a passport"),
        "typo-tolerant results are in the HTML"
    );
    assert!(html.contains(r#"role="status""#));
    let empty = app.get("/search?q=xqzwv", &[]).await.text();
    assert!(empty.contains("No services match"));
}

async fn agency_and_category_pages_render(app: &TestApp) {
    let html = app.get("/agencies/immigration", &[]).await.text();
    assert!(html.contains("Department of Immigration Services") || html.contains("Immigration"));
    assert!(html.contains("/services/passport-new"));
    let list = app.get("/agencies", &[]).await;
    assert_eq!(list.status, 200);
    assert!(list.text().contains("/agencies/ntsa"));
    let category = app.get("/categories/driving-transport", &[]).await;
    assert_eq!(category.status, 200);
    assert!(category
        .text()
        .contains("/services/driving-licence-renewal"));
}

async fn unknown_pages_are_404_in_both_languages(app: &TestApp) {
    for uri in [
        "/no-such-page",
        "/services/no-such-service",
        "/agencies/nope",
        "/categories/nope",
    ] {
        let res = app.get(uri, &[]).await;
        assert_eq!(res.status, 404, "{uri}");
        assert!(res.text().contains("Page not found"), "{uri}");
        let sw = app.get(uri, &[("cookie", "lang=sw")]).await;
        assert_eq!(sw.status, 404, "{uri}");
        assert!(sw.text().contains("Ukurasa haukupatikana"), "{uri}");
    }
}

async fn a_database_failure_shows_the_500_page_without_internals(app: &TestApp) {
    app.db.close().await;
    let res = app.get("/services/passport-renewal", &[]).await;
    assert_eq!(res.status, 500);
    let html = res.text();
    assert!(html.contains("Sorry, something went wrong"));
    let request_id = res.header("x-request-id").expect("request id").to_string();
    assert!(html.contains(&request_id), "the page quotes the request id");
    assert!(
        !html.to_lowercase().contains("pool"),
        "no internals: {html}"
    );
    let sw = app.get("/", &[("cookie", "lang=sw")]).await;
    assert_eq!(sw.status, 500);
    assert!(sw.text().contains("Samahani, hitilafu imetokea"));
}

async fn language_switch_sets_cookie_and_returns_safely(app: &TestApp) {
    let res = app
        .get("/language?to=sw&next=%2Fagencies%3Fx%3D1", &[])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location"), Some("/agencies?x=1"));
    let cookie = res.header("set-cookie").expect("cookie");
    assert!(
        cookie.starts_with("lang=sw;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    for evil in [
        "%2F%2Fevil.example",
        "https%3A%2F%2Fevil.example",
        "%2F%5Cevil.example",
    ] {
        let res = app.get(&format!("/language?to=en&next={evil}"), &[]).await;
        assert_eq!(res.header("location"), Some("/"), "{evil}");
    }
}

async fn html_is_compressed_when_asked(app: &TestApp) {
    let plain = app.get("/", &[]).await;
    let br = app.get("/", &[("accept-encoding", "br")]).await;
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert!(
        br.body.len() * 3 < plain.body.len(),
        "brotli shrinks the page"
    );
    let gz = app.get("/", &[("accept-encoding", "gzip")]).await;
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
}

async fn lite_mode_sends_no_scripts(app: &TestApp) {
    // The sign-in page has islands (the home page has none: islands.rs).
    let full = app.get("/sign-in", &[]).await.text();
    assert!(
        full.contains("modulepreload") && full.contains(".wasm"),
        "a page with islands hydrates them"
    );
    assert!(full.contains("Use lite mode"));
    for headers in [vec![("save-data", "on")], vec![("cookie", "lite=1")]] {
        let html = app.get("/sign-in", &headers).await.text();
        assert!(
            !html.contains(".wasm")
                && !html.contains("modulepreload")
                && !html.contains(r#"type="module""#)
                && !html.contains("serviceWorker"),
            "{headers:?}: no wasm and no script to load it"
        );
        assert!(html.contains("Lite mode is on"), "{headers:?}");
        let home = app.get("/", &headers).await.text();
        assert!(
            home.contains("Renew a passport"),
            "{headers:?}: the content is all there"
        );
    }
    // An explicit choice wins over the browser's Save-Data.
    let html = app
        .get("/sign-in", &[("save-data", "on"), ("cookie", "lite=0")])
        .await
        .text();
    assert!(html.contains(".wasm"));
    let res = app.get("/", &[]).await;
    let vary = res
        .headers
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    assert!(
        vary.contains("Save-Data") && vary.contains("Cookie"),
        "{vary}"
    );
}

async fn lite_switch_sets_cookie_and_returns(app: &TestApp) {
    let res = app
        .get("/lite?on=1&next=%2Fservices%2Fland-search", &[])
        .await;
    assert_eq!(res.status, 303);
    assert_eq!(res.header("location"), Some("/services/land-search"));
    assert!(res.header("set-cookie").unwrap().starts_with("lite=1;"));
    let off = app
        .get("/lite?on=0&next=https%3A%2F%2Fevil.example", &[])
        .await;
    assert_eq!(off.header("location"), Some("/"));
    assert!(off.header("set-cookie").unwrap().starts_with("lite=0;"));
}

on_both_backends!(
    lite_mode_sends_no_scripts,
    lite_switch_sets_cookie_and_returns,
    home_page_renders_in_english_by_default,
    pages_carry_a_nonce_csp_matching_their_scripts,
    kiswahili_by_cookie_and_by_accept_language,
    service_page_shows_fees_documents_and_the_way_in,
    search_page_works_as_a_plain_get,
    agency_and_category_pages_render,
    unknown_pages_are_404_in_both_languages,
    a_database_failure_shows_the_500_page_without_internals,
    language_switch_sets_cookie_and_returns_safely,
    html_is_compressed_when_asked,
);

#[tokio::test]
async fn a_panic_becomes_the_bilingual_500_page_with_headers() {
    use axum::{routing::get, Router};
    async fn boom() -> &'static str {
        panic!("secret internal detail")
    }
    let router = uraia_server::middleware::wrap(Router::new().route("/boom", get(boom)), false);
    let res = tower::ServiceExt::oneshot(
        router,
        axum::http::Request::get("/boom")
            .body(axum::body::Body::empty())
            .unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(res.status(), 500);
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(res.headers().contains_key("x-request-id"));
    let body = http_body_util::BodyExt::collect(res.into_body())
        .await
        .unwrap()
        .to_bytes();
    let html = String::from_utf8_lossy(&body);
    assert!(
        html.contains("Sorry, something went wrong")
            && html.contains("Samahani, hitilafu imetokea")
    );
    assert!(!html.contains("secret internal detail"));
}

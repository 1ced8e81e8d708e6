//! /healthz and /readyz.

use crate::support::{on_both_backends, TestApp};

async fn healthz_says_ok(app: &TestApp) {
    let res = app.get("/healthz", &[]).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["status"], "ok");
}

async fn readyz_checks_the_database(app: &TestApp) {
    let res = app.get("/readyz", &[]).await;
    assert_eq!(res.status, 200);
    assert_eq!(res.json()["status"], "ready");
    app.db.close().await;
    let res = app.get("/readyz", &[]).await;
    assert_eq!(res.status, 503, "a closed database is not ready");
    assert_eq!(res.json()["status"], "unavailable");
}

async fn every_response_has_request_id_and_security_headers(app: &TestApp) {
    let res = app.get("/healthz", &[]).await;
    let id = res.header("x-request-id").expect("request id");
    assert_eq!(id.len(), 36, "a UUID: {id}");
    assert_eq!(res.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(res.header("x-frame-options"), Some("DENY"));
    assert_eq!(
        res.header("referrer-policy"),
        Some("strict-origin-when-cross-origin")
    );
    let csp = res.header("content-security-policy").expect("csp");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
}

on_both_backends!(
    healthz_says_ok,
    readyz_checks_the_database,
    every_response_has_request_id_and_security_headers,
    built_assets_are_cached_for_a_year_and_sent_precompressed,
);

async fn built_assets_are_cached_for_a_year_and_sent_precompressed(app: &TestApp) {
    let pkg = std::path::Path::new(app.site_root()).join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("uraia.abc123.css"), "body { color: black }").unwrap();
    std::fs::write(pkg.join("uraia.abc123.css.br"), b"pretend-brotli").unwrap();
    let res = app
        .get("/pkg/uraia.abc123.css", &[("accept-encoding", "br")])
        .await;
    assert_eq!(res.status, 200);
    assert_eq!(
        res.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(res.header("content-encoding"), Some("br"));
    assert_eq!(
        res.body, b"pretend-brotli",
        "the precompressed file is sent as is"
    );
    let plain = app.get("/pkg/uraia.abc123.css", &[]).await;
    assert_eq!(plain.text(), "body { color: black }");
}

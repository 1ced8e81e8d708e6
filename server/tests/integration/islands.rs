//! Islands: a page sends the wasm and the script that loads it only when it has an island
//! to hydrate, once; every page is written as valid markup (no `<!>`, nothing after
//! `</html>`), and hydration data goes only where something hydrates.

use crate::applications::start_service;
use crate::browser::citizen;
use crate::support::{on_both_backends, TestApp};

/// What a page that hydrates nothing must not carry.
fn assert_sends_no_wasm(page: &str, html: &str) {
    for script in [
        ".wasm",
        "modulepreload",
        r#"type="module""#,
        "__RESOLVED_RESOURCES",
    ] {
        assert!(!html.contains(script), "{page} carries {script}");
    }
    assert!(!html.contains("<leptos-island"), "{page} has an island");
}

fn assert_valid_markup(page: &str, html: &str) {
    assert!(!html.contains("<!>"), "{page}: a bogus comment");
    assert!(
        html.trim_end().ends_with("</html>"),
        "{page}: something after </html>"
    );
}

/// The wasm, and its loader, once; the hydration data inside the body.
fn assert_hydrates_islands(page: &str, html: &str) {
    assert!(html.contains("<leptos-island"), "{page} has no island");
    assert_eq!(html.matches(r#"rel="modulepreload""#).count(), 1, "{page}");
    assert_eq!(
        html.matches(r#"type="application/wasm""#).count(),
        1,
        "{page}"
    );
    assert_eq!(html.matches(r#"type="module""#).count(), 1, "{page}");
    let data = html.find("__RESOLVED_RESOURCES").expect("hydration data");
    assert!(
        data < html.find("</body>").unwrap(),
        "{page}: data in the body"
    );
}

async fn public_pages_send_no_wasm(app: &TestApp) {
    for page in [
        "/",
        "/search?q=passport",
        "/agencies",
        "/agencies/immigration",
        "/categories/driving-transport",
        "/services/passport-renewal",
        "/help",
        "/huduma",
        "/status",
        "/verify",
        "/track",
        "/register",
        "/forgot-password",
        "/services/no-such-service",
    ] {
        for lang in ["lang=en", "lang=sw"] {
            let html = app.get(page, &[("cookie", lang)]).await.text();
            assert_sends_no_wasm(page, &html);
            assert_valid_markup(page, &html);
        }
    }
}

async fn a_page_with_islands_loads_the_wasm_once(app: &TestApp) {
    // Sign-in: "This is a shared computer" and the passkey button.
    let html = app.get("/sign-in", &[]).await.text();
    assert_hydrates_islands("/sign-in", &html);
    assert_valid_markup("/sign-in", &html);
    // Lite mode: the islands are there as plain HTML, and nothing loads.
    let lite = app.get("/sign-in", &[("cookie", "lite=1")]).await.text();
    assert!(lite.contains("This is a shared or public computer"));
    for script in [
        ".wasm",
        "modulepreload",
        r#"type="module""#,
        "__RESOLVED_RESOURCES",
    ] {
        assert!(!lite.contains(script), "lite sign-in carries {script}");
    }
    assert_valid_markup("/sign-in (lite)", &lite);
}

async fn signed_in_pages_hydrate_only_what_needs_it(app: &TestApp) {
    let mut b = citizen(app).await;
    let id = start_service(&mut b, "passport-renewal").await;
    for page in [
        "/account/password",
        "/applications",
        &format!("/applications/{id}"),
    ] {
        let html = b.get(page).await.text();
        assert_sends_no_wasm(page, &html);
        assert_valid_markup(page, &html);
    }
    // An application's part: autosave, drafts kept offline, uploads.
    let part = format!("/applications/{id}/section/about-you");
    let html = b.get(&part).await.text();
    assert_hydrates_islands(&part, &html);
    assert_valid_markup(&part, &html);
}

on_both_backends!(
    public_pages_send_no_wasm,
    a_page_with_islands_loads_the_wasm_once,
    signed_in_pages_hydrate_only_what_needs_it,
);

//! The installable app's server side: the manifest in each language, the icons it names,
//! the offline page the service worker stores, the worker's registration (never in lite
//! mode), and the caching headers that keep a person's pages out of shared caches and, on
//! a shared computer, off the device.

use crate::browser::{signed_in_on, Browser};
use crate::support::{on_both_backends, TestApp};

/// A PNG's width and height, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

async fn the_manifest_names_the_app_in_each_language_with_real_icons(app: &TestApp) {
    for (lang, name, track) in [
        (
            "en",
            "Uraia – Kenya government services",
            "Track an application",
        ),
        ("sw", "Uraia – Huduma za Serikali ya Kenya", "Fuatilia ombi"),
    ] {
        let res = app.get(&format!("/manifest/{lang}.webmanifest"), &[]).await;
        assert_eq!(res.status, 200);
        assert_eq!(
            res.header("content-type"),
            Some("application/manifest+json")
        );
        let manifest: serde_json::Value = serde_json::from_slice(&res.body).unwrap();
        assert_eq!(manifest["name"], name);
        assert_eq!(manifest["lang"], lang);
        assert_eq!(manifest["display"], "standalone");
        assert_eq!(manifest["start_url"], "/");
        assert_eq!(manifest["shortcuts"][0]["name"], track);
        assert_eq!(manifest["shortcuts"][0]["url"], "/track");
        assert_eq!(manifest["shortcuts"][1]["url"], "/applications");
        let icons = manifest["icons"].as_array().unwrap();
        assert!(icons.iter().any(|i| i["purpose"] == "maskable"));
        assert!(icons.iter().any(|i| i["sizes"] == "512x512"));
        let shortcut_icons = manifest["shortcuts"][0]["icons"].as_array().unwrap();
        for icon in icons.iter().chain(shortcut_icons) {
            let src = icon["src"].as_str().unwrap();
            let file = format!("{}/../public{src}", env!("CARGO_MANIFEST_DIR"));
            let bytes = std::fs::read(&file).unwrap_or_else(|_| panic!("{file} exists"));
            let (w, h) = png_size(&bytes);
            assert_eq!(icon["sizes"], format!("{w}x{h}"), "{src}");
        }
    }
    assert_eq!(app.get("/manifest/fr.webmanifest", &[]).await.status, 404);
    assert_eq!(app.get("/manifest/en.json", &[]).await.status, 404);
}

async fn pages_link_their_manifest_and_register_the_worker_except_in_lite_mode(app: &TestApp) {
    let html = app.get("/", &[]).await.text();
    assert!(html.contains(r#"<link rel="manifest" href="/manifest/en.webmanifest""#));
    assert!(html.contains("navigator.serviceWorker.register('/sw.js')"));
    let html = app.get("/help", &[("cookie", "lang=sw")]).await.text();
    assert!(html.contains(r#"<link rel="manifest" href="/manifest/sw.webmanifest""#));
    // The note shown on a saved copy is there, hidden, for the worker to reveal.
    assert!(html.contains(r#"<p hidden data-saved-copy"#), "{html}");
    assert!(html.contains("<span data-saved-at></span>"));
    assert!(html.contains("Imehifadhiwa kwenye simu hii"));

    let lite = app.get("/", &[("cookie", "lite=1")]).await.text();
    assert!(!lite.contains("serviceWorker"), "no worker in lite mode");
    assert!(!lite.contains(".wasm"), "no wasm in lite mode");
}

async fn the_offline_page_in_both_languages(app: &TestApp) {
    let res = app.get("/offline", &[]).await;
    assert_eq!(res.status, 200);
    let html = res.text();
    assert!(html.contains("You are offline"));
    assert!(html.contains(r#"<ul class="saved-pages" data-saved-pages></ul>"#));
    assert!(html.contains("<p data-no-saved-pages>No pages are saved yet."));
    assert!(html.contains(r#"<meta name="robots" content="noindex""#));
    let html = app.get("/offline", &[("cookie", "lang=sw")]).await.text();
    assert!(html.contains("Uko nje ya mtandao"));
    assert!(html.contains("Jaribu tena"));
}

/// The demo citizen, signed in on a shared computer or not.
async fn citizen_signs_in(app: &TestApp, shared: bool) -> Browser<'_> {
    signed_in_on(
        app,
        "wanjiku@example.com",
        "demo citizen passphrase",
        "+254712000001",
        false,
        shared,
    )
    .await
}

async fn personal_pages_stay_private_and_off_a_shared_computer(app: &TestApp) {
    assert_eq!(
        app.get("/", &[]).await.header("cache-control"),
        Some("no-cache")
    );

    let mut own = citizen_signs_in(app, false).await;
    expect_caching(
        &mut own,
        &["/applications", "/", "/account"],
        "private, no-cache",
    )
    .await;
    let res = own.call("/api/accounts/me", &[]).await;
    assert_eq!(res.header("cache-control"), Some("private, no-cache"));

    let mut shared = citizen_signs_in(app, true).await;
    expect_caching(
        &mut shared,
        &["/applications", "/", "/help"],
        "private, no-store",
    )
    .await;
}

async fn expect_caching(b: &mut Browser<'_>, pages: &[&str], expected: &str) {
    for page in pages {
        let res = b.get(page).await;
        assert_eq!(res.status, 200, "{page}");
        assert_eq!(res.header("cache-control"), Some(expected), "{page}");
    }
}

on_both_backends!(
    the_manifest_names_the_app_in_each_language_with_real_icons,
    pages_link_their_manifest_and_register_the_worker_except_in_lite_mode,
    the_offline_page_in_both_languages,
    personal_pages_stay_private_and_off_a_shared_computer,
);

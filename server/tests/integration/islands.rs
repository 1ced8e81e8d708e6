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

/// The part's form is drawn by the server, the same with JavaScript on and off: a question
/// that depends on an answer in the part is there, hidden until that answer is chosen, and
/// the island around the form gets the part's keys and conditions, never the form's whole
/// definition (nor the form again as data to draw).
async fn a_part_is_drawn_by_the_server_and_its_island_only_acts_on_it(app: &TestApp) {
    let mut b = citizen(app).await;
    let id = start_service(&mut b, "passport-renewal").await;
    let part = format!("/applications/{id}/section/current-passport");
    let html = b.get(&part).await.text();
    assert_hydrates_islands(&part, &html);
    assert_valid_markup(&part, &html);
    let question = html
        .find(r#"data-question="new_name_reason""#)
        .expect("the conditional question is drawn");
    let tag_end = question + html[question..].find('>').unwrap();
    assert!(
        html[question..tag_end].contains("hidden"),
        "hidden until its answer is chosen: {}",
        &html[question..tag_end]
    );
    // Its condition, drawn for the island to read: the question that answers it and the
    // answer that shows it.
    assert!(
        html[question..tag_end].contains(r#"data-show-if="reason""#)
            && html[question..tag_end].contains(r#"data-show-values="name_change""#),
        "the condition on the question: {}",
        &html[question..tag_end]
    );
    assert!(html.contains(r#"name="answers[new_name_reason]""#));
    // The island's props: in the island's data-props attribute; the part and its typed
    // questions only (answers and conditions are read from the drawn form).
    let island = html.find(r#"data-component="PartLive_"#).expect("PartLive");
    let props_at = island + html[island..].find("data-props=").expect("props");
    let props = &html[props_at..props_at + html[props_at..].find('>').unwrap()];
    assert!(
        props.contains("new_name_reason"),
        "its typed questions: {props}"
    );
    assert!(
        !props.contains("name_change"),
        "no condition in the props: {props}"
    );
    assert!(
        !props.contains("Why did your name change"),
        "no labels in the props: {props}"
    );
    assert!(
        !props.contains("Your new passport"),
        "no other part: {props}"
    );
    // With the reason chosen and saved, the question shows when the page is drawn again.
    let saved = b
        .post_form(
            "/api/applications/save",
            &part,
            &[
                ("id", id.as_str()),
                ("section", "current-passport"),
                ("answers[reason]", "name_change"),
            ],
        )
        .await;
    assert!(saved.status.is_redirection(), "{}", saved.status);
    let html = b.get(&part).await.text();
    let question = html.find(r#"data-question="new_name_reason""#).unwrap();
    let tag_end = question + html[question..].find('>').unwrap();
    assert!(!html[question..tag_end].contains("hidden"));
}

on_both_backends!(
    public_pages_send_no_wasm,
    a_page_with_islands_loads_the_wasm_once,
    signed_in_pages_hydrate_only_what_needs_it,
    a_part_is_drawn_by_the_server_and_its_island_only_acts_on_it,
);

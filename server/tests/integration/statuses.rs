//! A user's error is never a 500: every server function answers what a caller sent wrong
//! with a 4xx (400 for bad input, 401, 403, 404, 413, 415, 429 with Retry-After), to the
//! hydrated app and to any other API client alike.

use crate::browser::{administrator, citizen, officer, Browser};
use crate::support::{on_both_backends, TestApp};
use axum::http::StatusCode;

/// Every registered server function, with its method.
fn server_functions() -> Vec<(&'static str, axum::http::Method)> {
    let mut all: Vec<_> = leptos::server_fn::axum::server_fn_paths().collect();
    all.sort_by_key(|(path, _)| *path);
    assert!(all.len() > 100, "the server functions are registered");
    all
}

/// Calls every server function with arguments it does not take, as `b`, and returns those
/// that answered 5xx.
async fn nonsense_to_every_function(b: &mut Browser<'_>) -> Vec<String> {
    let mut faults = Vec::new();
    for (path, method) in server_functions() {
        let res = if method == axum::http::Method::GET {
            b.get_json(&format!("{path}?nonsense=1")).await
        } else {
            b.call(path, &[("nonsense", "1")]).await
        };
        if res.status.is_server_error() {
            faults.push(format!("{path}: {} {}", res.status, res.text()));
        }
    }
    faults
}

async fn no_function_answers_nonsense_with_a_server_error(app: &TestApp) {
    let mut anonymous = Browser::new(app);
    let faults = nonsense_to_every_function(&mut anonymous).await;
    assert!(faults.is_empty(), "anonymous: {faults:#?}");
    for mut b in [
        citizen(app).await,
        officer(app).await,
        administrator(app).await,
    ] {
        let faults = nonsense_to_every_function(&mut b).await;
        assert!(faults.is_empty(), "signed in: {faults:#?}");
    }
}

/// A sign-in with the demo citizen's email and a wrong password, as `b`.
async fn wrong_password(b: &mut Browser<'_>) -> crate::support::Response {
    b.call(
        "/api/accounts/sign-in",
        &[
            ("identifier", "wanjiku@example.com"),
            ("password", "not the password at all"),
        ],
    )
    .await
}

/// The families, each with a call a person can get wrong, answered by its own status.
async fn each_family_answers_its_own_status(app: &TestApp) {
    let mut anonymous = Browser::new(app);
    // Accounts: a wrong password is the caller's error.
    let res = wrong_password(&mut anonymous).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text());
    assert!(
        res.text().contains("Invalid"),
        "the error itself: {}",
        res.text()
    );
    // With its words in the caller's language, which an island shows as they are.
    let words = |lang| app::i18n::Lang::problem(lang, app::problem::Problem::SignInFailed);
    let said = serde_json::json!(words(app::i18n::Lang::En)).to_string();
    assert!(res.text().contains(&said), "English words: {}", res.text());
    let mut swahili = Browser::new(app);
    swahili.cookies.insert("lang".into(), "sw".into());
    let res = wrong_password(&mut swahili).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text());
    let said = serde_json::json!(words(app::i18n::Lang::Sw)).to_string();
    assert!(
        res.text().contains(&said),
        "Kiswahili words: {}",
        res.text()
    );

    // Tracking: an unknown reference.
    let res = anonymous
        .call(
            "/api/tracking/track",
            &[
                ("reference", unknown_reference().as_str()),
                ("proof", "1990"),
            ],
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text());

    // Applications and staff pages: nobody signed in.
    for path in ["/api/applications/mine", "/api/staff/dead-letters"] {
        let res = anonymous.call(path, &[]).await;
        assert_eq!(
            res.status,
            StatusCode::UNAUTHORIZED,
            "{path}: {}",
            res.text()
        );
    }

    // Staff and administration: a citizen is not allowed.
    let mut wanjiku = citizen(app).await;
    for path in ["/api/staff/dead-letters", "/api/admin/home"] {
        let res = wanjiku.call(path, &[]).await;
        assert_eq!(res.status, StatusCode::FORBIDDEN, "{path}: {}", res.text());
    }

    // Something that is not there.
    let res = wanjiku
        .call("/api/applications/task-list", &[("id", "999999999")])
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.text());

    // Arguments that cannot be read at all.
    let res = wanjiku.call("/api/tracking/rate", &[]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text());
}

/// A well-formed reference no application has.
fn unknown_reference() -> String {
    app::forms::reference::Reference::new("PPR", 2026, 12345).to_string()
}

/// A limit answers 429 with how long to wait.
async fn a_limit_is_429_with_retry_after(app: &TestApp) {
    let mut b = Browser::new(app);
    b.ip = [10, 9, 9, 9];
    let mut last = None;
    let reference = unknown_reference();
    for _ in 0..40 {
        let res = b
            .call(
                "/api/tracking/track",
                &[("reference", reference.as_str()), ("proof", "1990")],
            )
            .await;
        if res.status == StatusCode::TOO_MANY_REQUESTS {
            last = Some(res);
            break;
        }
        assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.text());
    }
    let res = last.expect("the tracking limit is reached within 40 tries");
    let wait: u64 = res
        .header("retry-after")
        .expect("Retry-After")
        .parse()
        .expect("seconds");
    assert!((1..=3600).contains(&wait), "{wait}");
}

/// Without JavaScript the same mistakes still go back to the form (a redirect with the
/// error), not to a status page.
async fn plain_forms_still_go_back_to_the_form(app: &TestApp) {
    let mut b = Browser::new(app);
    let res = b
        .post_form(
            "/api/tracking/track",
            "/track",
            &[("reference", "PPR-2026-0000-00000"), ("proof", "1990")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND, "{}", res.text());
    assert!(res.header("location").unwrap().contains("__err"));
}

on_both_backends!(
    no_function_answers_nonsense_with_a_server_error,
    each_family_answers_its_own_status,
    a_limit_is_429_with_retry_after,
    plain_forms_still_go_back_to_the_form,
);

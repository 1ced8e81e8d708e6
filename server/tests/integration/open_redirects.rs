//! Every redirect whose target comes from the request stays on the site, whatever browser
//! quirk the target leans on (a tab or newline browsers drop, a backslash they read as a
//! slash, percent-encoding a proxy might undo, dot segments, look-alike slashes).

use crate::browser::{citizen, latest_code, shift_codes, Browser};
use crate::support::{on_both_backends, TestApp};

/// `next=` values as they arrive in a query string (already percent-encoded once).
const EVIL: &[&str] = &[
    "%2F%09%2Fevil.example",
    "%2F%0A%2Fevil.example",
    "%2F%0D%2Fevil.example",
    "%2F%5Cevil.example",
    "%2F%2F%2Fevil.example",
    "%2F.%2F%2Fevil.example",
    "%2F.%2F%5Cevil.example",
    "%2F%252F%252Fevil.example",
    "%2F%25%30%39%2Fevil.example",
    "%2F%EF%BC%8Fevil.example",
    "%2F%E2%88%95evil.example",
    "%2F%E2%81%84evil.example",
    "%2F%2Fevil%E3%80%82example",
    "https%3A%2F%2Fevil.example",
];

/// The values of a page's hidden `next` fields.
fn next_fields(page: &str) -> Vec<&str> {
    page.split("<input")
        .skip(1)
        .map(|tag| &tag[..tag.find('>').unwrap_or(tag.len())])
        .filter(|tag| tag.contains(r#"name="next""#))
        .map(|tag| {
            let from = tag.find(r#"value=""#).map_or(tag.len(), |i| i + 7);
            &tag[from..from + tag[from..].find('"').unwrap_or(0)]
        })
        .collect()
}

/// The same values decoded, as a form field carries them.
fn decoded(value: &str) -> String {
    serde_urlencoded::from_str::<Vec<(String, String)>>(&format!("v={value}")).unwrap()[0]
        .1
        .clone()
}

async fn language_and_lite_switches_stay_on_the_site(app: &TestApp) {
    for evil in EVIL {
        let res = app.get(&format!("/language?to=sw&next={evil}"), &[]).await;
        assert_eq!(res.status, 303);
        assert_eq!(res.header("location"), Some("/"), "language: {evil}");
        let res = app.get(&format!("/lite?on=1&next={evil}"), &[]).await;
        assert_eq!(res.header("location"), Some("/"), "lite: {evil}");
    }
    // Ordinary pages, with a query in Kiswahili, still come back.
    let res = app
        .get(
            "/language?to=sw&next=%2Fsearch%3Fq%3Dcheti%2520cha%2520kuzaliwa",
            &[],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/search?q=cheti%20cha%20kuzaliwa")
    );
}

async fn sign_in_goes_on_only_to_a_page_of_the_site(app: &TestApp) {
    for evil in &EVIL[..4] {
        // The sign-in page does not carry it on.
        let mut b = Browser::new(app);
        let page = b.get(&format!("/sign-in?next={evil}")).await.text();
        let fields = next_fields(&page);
        assert!(
            !fields.is_empty() && fields.iter().all(|v| v.is_empty()),
            "{evil}: {fields:?}"
        );
        // Posted anyway, it is dropped: the person lands on their account.
        shift_codes(app).await;
        let res = b
            .post_form(
                "/api/accounts/sign-in",
                "/sign-in",
                &[
                    ("identifier", "wanjiku@example.com"),
                    ("password", "demo citizen passphrase"),
                    ("next", &decoded(evil)),
                ],
            )
            .await;
        assert_eq!(res.header("location"), Some("/sign-in/code"));
        let code = latest_code(app, "+254712000001").await;
        let res = b
            .post_form(
                "/api/accounts/sign-in-code",
                "/sign-in/code",
                &[("code", &code)],
            )
            .await;
        assert_eq!(res.header("location"), Some("/account"), "{evil}");
    }
}

async fn confirming_goes_back_only_to_a_page_of_the_site(app: &TestApp) {
    let mut b = citizen(app).await;
    let page = b
        .get("/account/confirm?next=%2F%09%2Fevil.example")
        .await
        .text();
    assert_eq!(next_fields(&page), ["/account"], "{page}");
    for evil in &EVIL[..6] {
        let res = b
            .post_form(
                "/api/accounts/confirm-password",
                "/account/confirm",
                &[
                    ("password", "demo citizen passphrase"),
                    ("next", &decoded(evil)),
                ],
            )
            .await;
        assert_eq!(res.header("location"), Some("/account"), "{evil}");
    }
}

on_both_backends!(
    language_and_lite_switches_stay_on_the_site,
    sign_in_goes_on_only_to_a_page_of_the_site,
    confirming_goes_back_only_to_a_page_of_the_site,
);

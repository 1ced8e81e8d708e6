//! Sign-in and "Forgot your password?" answer an unknown account, an existing one and a
//! locked one byte for byte alike (but for the request id and the session cookie), so
//! nobody can learn from the answers which accounts exist or are locked. The owner of a
//! locked account is told by email.

use crate::browser::{latest_code, Browser};
use crate::support::{on_both_backends, Response, TestApp};
use uraia_server::delivery::{deliver_due, Channels};

/// What a caller can tell from an answer: its status, its headers but the request id and
/// the session cookie, and its body.
fn seen(res: &Response) -> (u16, Vec<(String, String)>, Vec<u8>) {
    let mut headers: Vec<(String, String)> = res
        .headers
        .iter()
        .filter(|(name, _)| !["x-request-id", "set-cookie", "date"].contains(&name.as_str()))
        .map(|(name, value)| {
            (
                name.to_string(),
                value.to_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    headers.sort();
    (res.status.as_u16(), headers, res.body.clone())
}

fn assert_all_alike(answers: &[(&str, Response)]) {
    let (first_case, first) = &answers[0];
    for (case, answer) in &answers[1..] {
        assert_eq!(
            seen(answer),
            seen(first),
            "{case} answered unlike {first_case}: {} / {}",
            answer.text(),
            first.text()
        );
    }
}

const WRONG: &str = "not the password at all";

/// One sign-in try from a fresh browser (its own address), as a plain form or as the
/// hydrated app's call.
async fn sign_in(app: &TestApp, ip: u8, identifier: &str, password: &str, form: bool) -> Response {
    let mut b = Browser::new(app);
    b.ip = [10, 70, 0, ip];
    let fields = [("identifier", identifier), ("password", password)];
    if form {
        b.post_form("/api/accounts/sign-in", "/sign-in", &fields)
            .await
    } else {
        b.call("/api/accounts/sign-in", &fields).await
    }
}

async fn sign_in_says_the_same_for_unknown_wrong_and_locked(app: &TestApp) {
    // Wanjiku's account is locked by five wrong passwords.
    for n in 0..5 {
        sign_in(app, 1, "wanjiku@example.com", WRONG, n % 2 == 0).await;
    }
    for form in [true, false] {
        let answers = [
            (
                "an unknown account",
                sign_in(app, 2, "nobody@example.com", WRONG, form).await,
            ),
            (
                "an unknown ID number",
                sign_in(app, 3, "99999999", WRONG, form).await,
            ),
            (
                "a wrong password",
                sign_in(app, 4, "otieno@example.com", WRONG, form).await,
            ),
            (
                "a locked account, wrong password",
                sign_in(app, 5, "wanjiku@example.com", WRONG, form).await,
            ),
            (
                "a locked account, right password",
                sign_in(
                    app,
                    6,
                    "wanjiku@example.com",
                    "demo citizen passphrase",
                    form,
                )
                .await,
            ),
        ];
        assert_all_alike(&answers);
        if form {
            let error = crate::brute_force::error_of(&answers[0].1);
            assert!(error.contains("SignInFailed"), "{error}");
        }
    }
    // Its owner alone is told, by email.
    deliver_due(&app.db, &Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, Some("wanjiku@example.com"), 20)
        .await
        .unwrap();
    assert!(mail.iter().any(|m| m.subject.contains("locked")));
}

async fn forgot_password(b: &mut Browser<'_>, identifier: &str, channel: &str) -> Response {
    b.post_form(
        "/api/accounts/forgot-password",
        "/forgot-password",
        &[
            ("account_type", "citizen"),
            ("identifier", identifier),
            ("channel", channel),
        ],
    )
    .await
}

async fn reset_with(b: &mut Browser<'_>, code: &str) -> Response {
    b.post_form(
        "/api/accounts/reset-with-code",
        "/forgot-password/code",
        &[
            ("code", code),
            ("password", "mchele na maharagwe kila jumamosi"),
        ],
    )
    .await
}

async fn reset_says_the_same_for_unknown_existing_and_locked(app: &TestApp) {
    let mut unknown = Browser::new(app);
    unknown.ip = [10, 71, 0, 1];
    let mut known = Browser::new(app);
    known.ip = [10, 71, 0, 2];
    for channel in ["email", "sms"] {
        let answers = [
            (
                "an existing account",
                forgot_password(&mut known, "otieno@example.com", channel).await,
            ),
            (
                "an unknown account",
                forgot_password(&mut unknown, "nobody@example.com", channel).await,
            ),
        ];
        assert_all_alike(&answers);
    }
    let right = latest_code(app, "+254712000002").await;
    let wrong = format!("{:06}", (right.parse::<u32>().unwrap() + 1) % 1_000_000);
    // Wrong codes, try after try (no count of tries left that would differ).
    for _ in 0..2 {
        let answers = [
            ("an existing account", reset_with(&mut known, &wrong).await),
            ("an unknown account", reset_with(&mut unknown, &wrong).await),
        ];
        assert_all_alike(&answers);
    }
    // Three more lock the account's codes; then even the right code is answered as a
    // wrong one is for an unknown account.
    for _ in 0..3 {
        reset_with(&mut known, &wrong).await;
    }
    let answers = [
        (
            "a locked account, right code",
            reset_with(&mut known, &right).await,
        ),
        ("an unknown account", reset_with(&mut unknown, &right).await),
    ];
    assert_all_alike(&answers);
    assert!(crate::brute_force::error_of(&answers[0].1).contains("CodeWrong"));
    // The owner is told.
    deliver_due(&app.db, &Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, Some("otieno@example.com"), 20)
        .await
        .unwrap();
    assert!(mail.iter().any(|m| m
        .subject
        .contains("Codes for your Uraia account are paused")));
}

on_both_backends!(
    sign_in_says_the_same_for_unknown_wrong_and_locked,
    reset_says_the_same_for_unknown_existing_and_locked,
);

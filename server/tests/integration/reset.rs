//! "Forgot your password?": the link by email (single use, 30 minutes), the code by SMS,
//! no hint whether an account exists, and every session ended by a reset.

use crate::browser::{citizen, latest_code, Browser};
use crate::support::{on_both_backends, TestApp};
use uraia_server::delivery::{deliver_due, Channels};

const NEW_PASSWORD: &str = "mchele na maharagwe kila jumamosi";

/// The reset link in the newest email to `to`, as a path.
async fn latest_link(app: &TestApp, to: &str) -> String {
    deliver_due(&app.db, &Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, Some(to), 1)
        .await
        .unwrap();
    let body = &mail.first().expect("an email").body;
    let start = body.find("/reset-password?token=").expect("a reset link");
    body[start..].split_whitespace().next().unwrap().to_string()
}

async fn ask(b: &mut Browser<'_>, account_type: &str, identifier: &str, channel: &str) -> String {
    let res = b
        .post_form(
            "/api/accounts/forgot-password",
            "/forgot-password",
            &[
                ("account_type", account_type),
                ("identifier", identifier),
                ("channel", channel),
            ],
        )
        .await;
    res.header("location").unwrap_or_default().to_string()
}

async fn a_reset_link_works_once_and_signs_out_everywhere(app: &TestApp) {
    // Signed in somewhere else first.
    let mut other = citizen(app).await;
    assert_eq!(other.get("/account").await.status, 200);

    let mut b = Browser::new(app);
    assert_eq!(
        ask(&mut b, "citizen", "wanjiku@example.com", "email").await,
        "/forgot-password/sent"
    );
    let link = latest_link(app, "wanjiku@example.com").await;
    let page = b.get(&link).await;
    assert!(page.text().contains("Choose a new password"));
    let token = link.split("token=").nth(1).unwrap();

    // A weak password is refused without spending the link.
    let res = b
        .post_form(
            "/api/accounts/reset-with-link",
            &link,
            &[("token", token), ("password", "12345678")],
        )
        .await;
    assert!(b.follow(&res).await.text().contains("There is a problem"));
    let res = b
        .post_form(
            "/api/accounts/reset-with-link",
            &link,
            &[("token", token), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/sign-in?reset=1"),
        "{}",
        res.text()
    );
    assert_eq!(
        other.get("/account").await.status,
        401,
        "every session ended"
    );

    // Used once: the second time it is refused.
    let res = b
        .post_form(
            "/api/accounts/reset-with-link",
            &link,
            &[
                ("token", token),
                ("password", "another long passphrase here"),
            ],
        )
        .await;
    assert!(b
        .follow(&res)
        .await
        .text()
        .contains("This link has expired or has already been used"));

    // The new password works; the old one does not.
    let res = b
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[("identifier", "12345678"), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(res.header("location"), Some("/sign-in/code"));
    deliver_due(&app.db, &Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, Some("wanjiku@example.com"), 5)
        .await
        .unwrap();
    assert!(mail
        .iter()
        .any(|m| m.subject.contains("password was changed")));
}

async fn an_expired_link_is_refused(app: &TestApp) {
    let mut b = Browser::new(app);
    ask(&mut b, "citizen", "12345678", "email").await;
    let link = latest_link(app, "wanjiku@example.com").await;
    let past = chrono::Utc::now() - chrono::Duration::minutes(31);
    app::with_pool!(&app.db, |pool| sqlx::query(
        "UPDATE one_time_codes SET expires_at = $1 WHERE purpose = 'reset'"
    )
    .bind(past)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
    let token = link.split("token=").nth(1).unwrap();
    let res = b
        .post_form(
            "/api/accounts/reset-with-link",
            &link,
            &[("token", token), ("password", NEW_PASSWORD)],
        )
        .await;
    assert!(b
        .follow(&res)
        .await
        .text()
        .contains("This link has expired"));
}

async fn a_reset_by_sms_code(app: &TestApp) {
    let mut b = Browser::new(app);
    assert_eq!(
        ask(&mut b, "citizen", "otieno@example.com", "sms").await,
        "/forgot-password/code"
    );
    let code = latest_code(app, "+254712000002").await;
    let res = b
        .post_form(
            "/api/accounts/reset-with-code",
            "/forgot-password/code",
            &[("code", &code), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/sign-in?reset=1"),
        "{}",
        res.text()
    );
}

async fn nothing_tells_whether_an_account_exists(app: &TestApp) {
    let mut b = Browser::new(app);
    // Wrong account type, unknown email, unknown ID: the same answers as a real account.
    assert_eq!(
        ask(&mut b, "refugee", "wanjiku@example.com", "email").await,
        "/forgot-password/sent"
    );
    assert_eq!(
        ask(&mut b, "citizen", "nobody@example.com", "email").await,
        "/forgot-password/sent"
    );
    assert_eq!(
        ask(&mut b, "citizen", "99999999", "sms").await,
        "/forgot-password/code"
    );
    let res = b
        .post_form(
            "/api/accounts/reset-with-code",
            "/forgot-password/code",
            &[("code", "123456"), ("password", NEW_PASSWORD)],
        )
        .await;
    assert!(b
        .follow(&res)
        .await
        .text()
        .contains("This code is not right"));
    deliver_due(&app.db, &Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, None, 50)
        .await
        .unwrap();
    assert!(
        !mail.iter().any(|m| m.subject.contains("Reset")),
        "nothing was sent"
    );
}

on_both_backends!(
    a_reset_link_works_once_and_signs_out_everywhere,
    an_expired_link_is_refused,
    a_reset_by_sms_code,
    nothing_tells_whether_an_account_exists,
);

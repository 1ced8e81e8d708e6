//! Account care: changing the password (current one first; other devices signed out) and the
//! email or phone (codes to the new ones; the old address is told).

use crate::browser::{confirm_it_is_you, latest_code, officer, shift_codes, Browser};
use crate::support::{on_both_backends, TestApp};

async fn the_password_changes_with_the_current_one(app: &TestApp) {
    let mut other = officer(app).await;
    let mut b = officer(app).await;
    let res = b
        .post_form(
            "/api/accounts/change-password",
            "/account/password",
            &[
                ("current_password", "wrong"),
                ("password", "mvua ya masika imefika mapema"),
            ],
        )
        .await;
    assert!(b
        .follow(&res)
        .await
        .text()
        .contains("This is not your current password"));
    let res = b
        .post_form(
            "/api/accounts/change-password",
            "/account/password",
            &[
                ("current_password", "demo officer passphrase"),
                ("password", "mvua ya masika imefika mapema"),
            ],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account?password_changed=1"));
    assert_eq!(
        b.get("/account").await.status,
        200,
        "this device stays signed in"
    );
    assert_eq!(
        other.get("/account").await.status,
        401,
        "the others are signed out"
    );
}

async fn a_new_phone_and_email_need_their_codes(app: &TestApp) {
    let mut b = officer(app).await;
    confirm_it_is_you(&mut b, "demo officer passphrase", "/account/contact").await;
    shift_codes(app).await;
    // An email that another account uses is refused.
    let res = b
        .post_form(
            "/api/accounts/change-contact",
            "/account/contact",
            &[("email", "wanjiku@example.com"), ("phone", "0712000002")],
        )
        .await;
    assert!(b
        .follow(&res)
        .await
        .text()
        .contains("already used by another account"));
    let res = b
        .post_form(
            "/api/accounts/change-contact",
            "/account/contact",
            &[
                ("email", "otieno.new@example.com"),
                ("phone", "0799 111 222"),
            ],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account/contact/verify"));
    // Nothing changed yet.
    assert!(b
        .get("/account")
        .await
        .text()
        .contains("otieno@example.com"));
    let email_code = latest_code(app, "otieno.new@example.com").await;
    let sms_code = latest_code(app, "+254799111222").await;
    let res = b
        .post_form(
            "/api/accounts/confirm-contact",
            "/account/contact/verify",
            &[("email_code", "000000"), ("sms_code", &sms_code)],
        )
        .await;
    assert!(b.follow(&res).await.text().contains("There is a problem"));
    let account = b.get("/account").await.text();
    assert!(
        account.contains("otieno@example.com") && !account.contains("+254799111222"),
        "nothing changes until both codes are right"
    );
    let res = b
        .post_form(
            "/api/accounts/confirm-contact",
            "/account/contact/verify",
            &[("email_code", &email_code), ("sms_code", &sms_code)],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/account?contact_changed=1"),
        "{}",
        res.text()
    );
    let account = b.get("/account").await.text();
    assert!(account.contains("otieno.new@example.com") && account.contains("+254799111222"));
    uraia_server::delivery::deliver_due(&app.db, &uraia_server::delivery::Channels::local(&app.db))
        .await
        .unwrap();
    let old = app::data::outbox::dev_mailbox(&app.db, Some("otieno@example.com"), 5)
        .await
        .unwrap();
    assert!(
        old.iter()
            .any(|m| m.subject.contains("contact details were changed")),
        "the old address is told"
    );
    // Sign-in now works with the new email.
    let mut c = Browser::new(app);
    let res = c
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "otieno.new@example.com"),
                ("password", "demo officer passphrase"),
            ],
        )
        .await;
    assert_eq!(res.header("location"), Some("/sign-in/code"));
}

async fn account_pages_need_a_signed_in_person(app: &TestApp) {
    let mut b = Browser::new(app);
    for page in [
        "/account",
        "/account/password",
        "/account/contact",
        "/account/authenticator",
    ] {
        let res = b.get(page).await;
        let status = res.status.as_u16();
        assert!(
            status == 401 || (status == 200 && res.text().contains("Sign in to continue")),
            "{page}: {status}"
        );
    }
    let res = b
        .post_form(
            "/api/accounts/change-password",
            "/account/password",
            &[("current_password", "x"), ("password", "y")],
        )
        .await;
    assert!(
        b.follow(&res).await.text().contains("Sign in"),
        "a server function refuses before any work"
    );
}

on_both_backends!(
    the_password_changes_with_the_current_one,
    a_new_phone_and_email_need_their_codes,
    account_pages_need_a_signed_in_person,
);

//! "Confirm it's you": changing the email or phone, the authenticator app, the recovery
//! codes or passkeys, and signing out everywhere else, are refused without a confirmation
//! from the last minutes (signing in does not count), accepted after one, and refused again
//! once it is old. Wrong passwords and codes there count towards the account's lockout.

use crate::browser::{
    age_confirmations, citizen, confirm_it_is_you, latest_code, shift_codes, Browser,
};
use crate::support::{on_both_backends, TestApp};

const PASSWORD: &str = "demo citizen passphrase";
const CONFIRM_CONTACT: &str = "/account/confirm?next=%2Faccount%2Fcontact";
const CONFIRM_ACCOUNT: &str = "/account/confirm?next=%2Faccount";

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

async fn wanjiku(app: &TestApp) -> i64 {
    app::data::accounts::users::by_email(&app.db, "wanjiku@example.com")
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn wrong_passwords_counted(app: &TestApp) -> i64 {
    failures_counted(app, "sign_in_failed").await
}

/// Wrong codes counted by the one per-account lock on codes (`factor_lock`).
async fn wrong_codes_counted(app: &TestApp) -> i64 {
    failures_counted(app, "code_failed").await
}

async fn failures_counted(app: &TestApp, kind: &str) -> i64 {
    let since = chrono::Utc::now() - chrono::Duration::hours(1);
    app::data::accounts::events::count_since(&app.db, wanjiku(app).await, kind, since)
        .await
        .unwrap()
}

/// Messages the local sink delivered to `to`.
async fn messages_to(app: &TestApp, to: &str) -> usize {
    uraia_server::delivery::deliver_due(&app.db, &uraia_server::delivery::Channels::local(&app.db))
        .await
        .unwrap();
    app::data::outbox::dev_mailbox(&app.db, Some(to), 50)
        .await
        .unwrap()
        .len()
}

async fn changing_the_phone_needs_a_recent_confirmation(app: &TestApp) {
    let mut b = citizen(app).await;
    shift_codes(app).await;
    let change = [("email", "wanjiku@example.com"), ("phone", "0799 333 444")];

    // Just signed in is not enough: the page sends the person to confirm first.
    let res = b.get("/account/contact").await;
    assert_eq!(res.status, 302, "{}", res.text());
    assert_eq!(res.header("location"), Some(CONFIRM_CONTACT));
    // A post without it changes nothing, sends no code, and goes to confirm too.
    let res = b
        .post_form("/api/accounts/change-contact", "/account/contact", &change)
        .await;
    assert_eq!(res.header("location"), Some(CONFIRM_CONTACT));
    assert_eq!(messages_to(app, "+254799333444").await, 0);
    // The hydrated page's call is refused with the error that sends it there.
    let res = b.call("/api/accounts/change-contact", &change).await;
    assert!(!res.status.is_success(), "{}", res.status);
    assert!(res.text().contains("ConfirmNeeded"), "{}", res.text());
    assert_eq!(messages_to(app, "+254799333444").await, 0);

    // On "Confirm it's you", a wrong password is refused beside its field, and counted.
    let page = b.get(CONFIRM_CONTACT).await;
    assert_eq!(page.status, 200);
    assert!(page.text().contains("Confirm it’s you"), "{}", page.text());
    let res = b
        .post_form(
            "/api/accounts/confirm-password",
            CONFIRM_CONTACT,
            &[
                ("password", "not my password"),
                ("next", "/account/contact"),
            ],
        )
        .await;
    let page = b.follow(&res).await.text();
    assert!(
        page.contains(
            r#"id="password-error" class="field__error">This is not your current password."#
        ),
        "{page}"
    );
    assert_eq!(wrong_passwords_counted(app).await, 1);
    // The right one goes back to the change, with what was typed before kept.
    confirm_it_is_you(&mut b, PASSWORD, "/account/contact").await;
    let page = b.get("/account/contact").await;
    assert_eq!(page.status, 200);
    assert!(
        page.text().contains(r#"value="0799 333 444""#),
        "{}",
        page.text()
    );

    // Now the change goes through.
    let res = b
        .post_form("/api/accounts/change-contact", "/account/contact", &change)
        .await;
    assert_eq!(res.header("location"), Some("/account/contact/verify"));
    let code = latest_code(app, "+254799333444").await;
    let res = b
        .post_form(
            "/api/accounts/confirm-contact",
            "/account/contact/verify",
            &[("sms_code", &code)],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account?contact_changed=1"));
    let account = b.get("/account").await.text();
    assert!(account.contains("+254799333444"), "{account}");
    assert!(account.contains("Confirmed it was you before a change"));

    // Ten minutes on, it is needed again.
    age_confirmations(app).await;
    shift_codes(app).await;
    let res = b
        .post_form(
            "/api/accounts/change-contact",
            "/account/contact",
            &[("email", "wanjiku@example.com"), ("phone", "0799 555 666")],
        )
        .await;
    assert_eq!(res.header("location"), Some(CONFIRM_CONTACT));
    assert_eq!(messages_to(app, "+254799555666").await, 0);
    assert_eq!(b.get("/account/contact").await.status, 302);
}

async fn second_factor_changes_need_a_recent_confirmation(app: &TestApp) {
    let mut b = citizen(app).await;
    let confirm_setup = "/account/confirm?next=%2Faccount%2Fauthenticator";

    // Setting up an authenticator app: neither the page nor its form without confirming.
    let res = b.get("/account/authenticator").await;
    assert_eq!(res.header("location"), Some(confirm_setup));
    let res = b
        .post_form(
            "/api/accounts/authenticator-confirm",
            "/account/authenticator",
            &[("code", "123456")],
        )
        .await;
    assert_eq!(res.header("location"), Some(confirm_setup));
    confirm_it_is_you(&mut b, PASSWORD, "/account/authenticator").await;
    let page = b.get("/account/authenticator").await.text();
    let marker = "<code class=\"secret-key\">";
    let from = page.find(marker).expect("the key") + marker.len();
    let secret: String = page[from..from + page[from..].find('<').unwrap()]
        .split_whitespace()
        .collect();
    let code = app::auth::totp::code_at(&secret, now()).unwrap();
    let res = b
        .post_form(
            "/api/accounts/authenticator-confirm",
            "/account/authenticator",
            &[("code", &code)],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account/recovery-codes"));

    // New recovery codes: refused once the confirmation is old.
    age_confirmations(app).await;
    let res = b
        .post_form("/api/accounts/recovery-codes-renew", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some(CONFIRM_ACCOUNT));
    // A code from the app confirms too; a wrong one is refused beside its field and counted.
    let page = b.get(CONFIRM_ACCOUNT).await.text();
    assert!(page.contains("Code from your authenticator app"), "{page}");
    let before = wrong_codes_counted(app).await;
    let res = b
        .post_form(
            "/api/accounts/confirm-code",
            CONFIRM_ACCOUNT,
            &[("code", "12345"), ("next", "/account")],
        )
        .await;
    assert!(b
        .follow(&res)
        .await
        .text()
        .contains(r#"id="code-error" class="field__error""#));
    let wrong = if app::auth::totp::matching_step(&secret, "000000").is_some() {
        "111111"
    } else {
        "000000"
    };
    let res = b
        .post_form(
            "/api/accounts/confirm-code",
            CONFIRM_ACCOUNT,
            &[("code", wrong), ("next", "/account")],
        )
        .await;
    assert!(b
        .follow(&res)
        .await
        .text()
        .contains(r#"id="code-error" class="field__error""#));
    // A wrong code counts towards the lock on codes, as at sign-in.
    assert_eq!(wrong_codes_counted(app).await, before + 1);
    let next = app::auth::totp::code_at(&secret, now() + 30).unwrap();
    let res = b
        .post_form(
            "/api/accounts/confirm-code",
            CONFIRM_ACCOUNT,
            &[("code", &next), ("next", "/account")],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account"), "{}", res.text());
    let res = b
        .post_form("/api/accounts/recovery-codes-renew", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some("/account/recovery-codes"));

    // Turning the app off: refused once old, done after confirming.
    age_confirmations(app).await;
    let res = b
        .post_form("/api/accounts/authenticator-remove", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some(CONFIRM_ACCOUNT));
    assert!(b
        .get("/account")
        .await
        .text()
        .contains("unused recovery code(s)"));
    confirm_it_is_you(&mut b, PASSWORD, "/account").await;
    let res = b
        .post_form("/api/accounts/authenticator-remove", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some("/account"));
    assert!(b
        .get("/account")
        .await
        .text()
        .contains("Authenticator app: off"));

    // Passkeys: adding one (its options) and removing one, likewise.
    let user = wanjiku(app).await;
    let handle = "7b0f0c8e-2f4d-4a55-9b1e-3c2d1a0f9e8d";
    app::data::accounts::passkeys::insert(&app.db, user, handle, "0a0b", "Phone", "{}")
        .await
        .unwrap();
    let id = app::data::accounts::passkeys::of_user(&app.db, user)
        .await
        .unwrap()[0]
        .id
        .to_string();
    age_confirmations(app).await;
    let res = b.call("/api/accounts/passkey-options", &[]).await;
    assert!(res.text().contains("ConfirmNeeded"), "{}", res.text());
    let res = b
        .call(
            "/api/accounts/passkey-add",
            &[("credential", "{}"), ("name", "Laptop")],
        )
        .await;
    assert!(res.text().contains("ConfirmNeeded"), "{}", res.text());
    let res = b
        .post_form("/api/accounts/passkey-remove", "/account", &[("id", &id)])
        .await;
    assert_eq!(res.header("location"), Some(CONFIRM_ACCOUNT));
    assert!(b.get("/account").await.text().contains("<span>Phone"));
    confirm_it_is_you(&mut b, PASSWORD, "/account").await;
    let res = b.call("/api/accounts/passkey-options", &[]).await;
    assert_eq!(res.status, 200, "{}", res.text());
    let res = b
        .post_form("/api/accounts/passkey-remove", "/account", &[("id", &id)])
        .await;
    assert_eq!(res.header("location"), Some("/account"));
    assert!(b
        .get("/account")
        .await
        .text()
        .contains("You have no passkeys yet."));
}

async fn signing_out_elsewhere_needs_a_recent_confirmation(app: &TestApp) {
    let mut phone = citizen(app).await;
    let mut laptop = citizen(app).await;
    let res = laptop
        .post_form("/api/accounts/sign-out-everywhere", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some(CONFIRM_ACCOUNT));
    assert_eq!(phone.get("/account").await.status, 200, "still signed in");
    confirm_it_is_you(&mut laptop, PASSWORD, "/account").await;
    let res = laptop
        .post_form("/api/accounts/sign-out-everywhere", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some("/account?signed_out_others=1"));
    assert_eq!(phone.get("/account").await.status, 401);
}

async fn wrong_passwords_when_confirming_lock_the_account(app: &TestApp) {
    let mut b = citizen(app).await;
    for attempt in 1..=5 {
        let res = b
            .post_form(
                "/api/accounts/confirm-password",
                CONFIRM_ACCOUNT,
                &[("password", "a guess"), ("next", "/account")],
            )
            .await;
        let page = b.follow(&res).await.text();
        if attempt < 5 {
            assert!(
                page.contains("This is not your current password."),
                "{page}"
            );
        } else {
            assert!(
                page.contains("This account is locked for 10 more minute(s)"),
                "{page}"
            );
        }
    }
    // Locked: even the right password is refused now, here and at sign-in.
    let res = b
        .post_form(
            "/api/accounts/confirm-password",
            CONFIRM_ACCOUNT,
            &[("password", PASSWORD), ("next", "/account")],
        )
        .await;
    assert!(b
        .follow(&res)
        .await
        .text()
        .contains("This account is locked"));
    let mut other = Browser::new(app);
    let res = other
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "wanjiku@example.com"),
                ("password", PASSWORD),
            ],
        )
        .await;
    // Sign-in says no more than for any wrong password (no hint that the account exists
    // or is locked).
    assert!(other
        .follow(&res)
        .await
        .text()
        .contains("signing in to an account is paused for a while"));
    // The owner was told by email.
    uraia_server::delivery::deliver_due(&app.db, &uraia_server::delivery::Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, Some("wanjiku@example.com"), 10)
        .await
        .unwrap();
    assert!(mail
        .iter()
        .any(|m| m.subject.to_lowercase().contains("locked")));
}

async fn the_confirmation_page_needs_a_signed_in_person(app: &TestApp) {
    let mut b = Browser::new(app);
    let res = b.get(CONFIRM_ACCOUNT).await;
    assert_eq!(res.status, 401);
    let res = b
        .post_form(
            "/api/accounts/confirm-password",
            CONFIRM_ACCOUNT,
            &[("password", PASSWORD), ("next", "/account")],
        )
        .await;
    assert!(res.header("location").unwrap_or_default().contains("__err"));
}

on_both_backends!(
    changing_the_phone_needs_a_recent_confirmation,
    second_factor_changes_need_a_recent_confirmation,
    signing_out_elsewhere_needs_a_recent_confirmation,
    wrong_passwords_when_confirming_lock_the_account,
    the_confirmation_page_needs_a_signed_in_person,
);

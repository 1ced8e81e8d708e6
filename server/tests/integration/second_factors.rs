//! Second factors: an authenticator app (TOTP) with recovery codes shown once, and a device
//! remembered for 30 days.

use crate::browser::{confirm_it_is_you, signed_in, Browser};
use crate::support::{on_both_backends, TestApp};

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// Signs the demo citizen in with an SMS code (optionally remembering the device).
async fn sign_in_with_sms(app: &TestApp, remember: bool) -> Browser<'_> {
    signed_in(
        app,
        "wanjiku@example.com",
        "demo citizen passphrase",
        "+254712000001",
        remember,
    )
    .await
}

fn between<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in page"))
        + start.len();
    &text[from..from + text[from..].find(end).unwrap()]
}

async fn an_authenticator_app_and_recovery_codes(app: &TestApp) {
    let mut b = sign_in_with_sms(app, false).await;
    confirm_it_is_you(&mut b, "demo citizen passphrase", "/account/authenticator").await;
    let page = b.get("/account/authenticator").await;
    assert!(
        page.text().contains("data:image/png;base64,"),
        "QR code shown"
    );
    let secret: String = between(&page.text(), "<code class=\"secret-key\">", "<")
        .split_whitespace()
        .collect();
    // A wrong code does not turn it on.
    let res = b
        .post_form(
            "/api/accounts/authenticator-confirm",
            "/account/authenticator",
            &[("code", "000000")],
        )
        .await;
    assert!(res.header("location").unwrap().contains("__err"));
    let code = app::auth::totp::code_at(&secret, now()).unwrap();
    let res = b
        .post_form(
            "/api/accounts/authenticator-confirm",
            "/account/authenticator",
            &[("code", &code)],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account/recovery-codes"));
    let page = b.get("/account/recovery-codes").await.text();
    let codes: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .map(|c| c[..c.find('<').unwrap()].to_string())
        .collect();
    assert_eq!(codes.len(), 10, "{page}");
    assert!(
        !b.get("/account/recovery-codes")
            .await
            .text()
            .contains(&codes[0]),
        "shown once"
    );
    assert!(b
        .get("/account")
        .await
        .text()
        .contains("You have 10 unused recovery code(s)"));

    // Next sign-in asks for the app's code, and sends no SMS.
    b.post_form("/api/accounts/sign-out", "/account", &[]).await;
    let sms_before = app::data::outbox::dev_mailbox(&app.db, Some("+254712000001"), 50)
        .await
        .unwrap()
        .len();
    let res = b
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "12345678"),
                ("password", "demo citizen passphrase"),
            ],
        )
        .await;
    let page = b.follow(&res).await.text();
    assert!(
        page.contains("Enter the code from your authenticator app"),
        "{page}"
    );
    // The code used at enrolment is not accepted again; the next step's is.
    let res = b
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &code)],
        )
        .await;
    assert!(
        res.header("location").unwrap().contains("__err"),
        "a code is used once"
    );
    let next = app::auth::totp::code_at(&secret, now() + 30).unwrap();
    let res = b
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &next)],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account"));
    uraia_server::delivery::deliver_due(&app.db, &uraia_server::delivery::Channels::local(&app.db))
        .await
        .unwrap();
    let sms_after = app::data::outbox::dev_mailbox(&app.db, Some("+254712000001"), 50)
        .await
        .unwrap()
        .len();
    assert_eq!(
        sms_before, sms_after,
        "no SMS for someone with an authenticator"
    );

    // A recovery code works once.
    b.post_form("/api/accounts/sign-out", "/account", &[]).await;
    for attempt in 0..2 {
        let mut c = Browser::new(app);
        c.post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "12345678"),
                ("password", "demo citizen passphrase"),
            ],
        )
        .await;
        let res = c
            .post_form(
                "/api/accounts/send-code",
                "/sign-in/code",
                &[("channel", "recovery")],
            )
            .await;
        let page = c.follow(&res).await.text();
        assert!(page.contains("Enter a recovery code"));
        let typed = codes[3].to_uppercase().replace('-', " ");
        let res = c
            .post_form(
                "/api/accounts/sign-in-code",
                "/sign-in/code",
                &[("code", &typed)],
            )
            .await;
        if attempt == 0 {
            assert_eq!(res.header("location"), Some("/account"));
            assert!(c
                .get("/account")
                .await
                .text()
                .contains("You have 9 unused recovery code(s)"));
        } else {
            assert!(c
                .follow(&res)
                .await
                .text()
                .contains("not one of your unused recovery codes"));
        }
    }

    // The enrolment was announced by email.
    uraia_server::delivery::deliver_due(&app.db, &uraia_server::delivery::Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, Some("wanjiku@example.com"), 50)
        .await
        .unwrap();
    assert!(mail
        .iter()
        .any(|m| m.subject.contains("A new way to sign in was added")));

    // New recovery codes replace the old ones, and are shown once.
    let mut d = Browser::new(app);
    d.post_form(
        "/api/accounts/sign-in",
        "/sign-in",
        &[
            ("identifier", "12345678"),
            ("password", "demo citizen passphrase"),
        ],
    )
    .await;
    // (The authenticator's next codes are spent; a recovery code signs in here.)
    d.post_form(
        "/api/accounts/send-code",
        "/sign-in/code",
        &[("channel", "recovery")],
    )
    .await;
    let res = d
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &codes[4])],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account"));
    confirm_it_is_you(&mut d, "demo citizen passphrase", "/account").await;
    let res = d
        .post_form("/api/accounts/recovery-codes-renew", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some("/account/recovery-codes"));
    let page = d.get("/account/recovery-codes").await.text();
    let renewed: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .map(|c| c[..c.find('<').unwrap()].to_string())
        .collect();
    assert_eq!(renewed.len(), 10);
    assert!(renewed.iter().all(|c| !codes.contains(c)), "all new");
    let account = d.get("/account").await.text();
    assert!(
        account.contains("You have 10 unused recovery code(s)"),
        "{account}"
    );
    assert!(account.contains("New recovery codes made"));
    let mut e = Browser::new(app);
    e.post_form(
        "/api/accounts/sign-in",
        "/sign-in",
        &[
            ("identifier", "12345678"),
            ("password", "demo citizen passphrase"),
        ],
    )
    .await;
    e.post_form(
        "/api/accounts/send-code",
        "/sign-in/code",
        &[("channel", "recovery")],
    )
    .await;
    let res = e
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &codes[5])],
        )
        .await;
    assert!(
        res.header("location").unwrap().contains("__err"),
        "an old recovery code no longer works"
    );
}

async fn a_remembered_device_skips_the_code_there_only(app: &TestApp) {
    let mut phone = sign_in_with_sms(app, true).await;
    assert!(
        phone.cookies.contains_key("uraia_device"),
        "device cookie set"
    );
    assert!(phone
        .get("/account")
        .await
        .text()
        .contains("Device remembered for 30 days"));
    phone
        .post_form("/api/accounts/sign-out", "/account", &[])
        .await;
    let res = phone
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "wanjiku@example.com"),
                ("password", "demo citizen passphrase"),
            ],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/account"),
        "no second factor on this device"
    );

    // Another device still needs the code; a shared computer never uses the cookie.
    let mut other = Browser::new(app);
    let res = other
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "wanjiku@example.com"),
                ("password", "demo citizen passphrase"),
            ],
        )
        .await;
    assert_eq!(res.header("location"), Some("/sign-in/code"));
    phone
        .post_form("/api/accounts/sign-out", "/account", &[])
        .await;
    let res = phone
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "wanjiku@example.com"),
                ("password", "demo citizen passphrase"),
                ("shared", "1"),
            ],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/sign-in/code"),
        "shared computer: nothing remembered"
    );

    // Forgetting the device brings the code back.
    let mut b = sign_in_with_sms(app, false).await;
    let res = b
        .post_form("/api/accounts/forget-device", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some("/account"));
    let mut phone2 = Browser::new(app);
    phone2.cookies = phone.cookies.clone();
    phone2.cookies.remove("uraia_session");
    let res = phone2
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "wanjiku@example.com"),
                ("password", "demo citizen passphrase"),
            ],
        )
        .await;
    assert_eq!(res.header("location"), Some("/sign-in/code"));
}

on_both_backends!(
    an_authenticator_app_and_recovery_codes,
    a_remembered_device_skips_the_code_there_only
);

//! Accounts: registration for each account type, codes, sign-in, lockout, sessions and the
//! cross-origin guard — through the real router, as a browser with JavaScript off would.

use crate::browser::{citizen, confirm_it_is_you, latest_code, officer, png, shift_codes, Browser};
use crate::support::{on_both_backends, TestApp};

const PASSWORD: &str = "kahawa tamu asubuhi mapema";

/// Registers a citizen from the registry's synthetic people, verifying both codes.
async fn register_citizen<'a>(
    app: &'a TestApp,
    email: &str,
    phone_typed: &str,
    phone_e164: &str,
) -> Browser<'a> {
    let mut b = Browser::new(app);
    let form = "/register/identity?type=citizen";
    let res = b
        .post_form(
            "/api/accounts/register",
            form,
            &[
                ("account_type", "citizen"),
                ("id_number", "30000001"),
                ("first_name", "achieng"),
                ("year_of_birth", "1988"),
            ],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/register/details"),
        "{}",
        res.text()
    );
    let page = b.follow(&res).await;
    assert!(
        page.text().contains("Your details matched, Achieng"),
        "{}",
        page.text()
    );

    let res = b
        .post_multipart(
            "/api/accounts/register-details",
            "/register/details",
            &[
                ("email", email),
                ("phone", phone_typed),
                ("password", PASSWORD),
            ],
            Some(("photo", "me.png", png(600, 800))),
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/register/verify"),
        "{}",
        res.text()
    );
    let page = b.follow(&res).await;
    assert!(page.text().contains("Check your email and phone"));

    let email_code = latest_code(app, email).await;
    let sms_code = latest_code(app, phone_e164).await;
    let res = b
        .post_form(
            "/api/accounts/verify-contact",
            "/register/verify",
            &[("email_code", &email_code), ("sms_code", &sms_code)],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/account?welcome=1"),
        "{}",
        res.text()
    );
    b
}

async fn a_citizen_registers_and_lands_signed_in(app: &TestApp) {
    let mut b = register_citizen(app, "achieng@example.com", "0722 000 111", "+254722000111").await;
    let page = b.get("/account?welcome=1").await;
    assert_eq!(page.status, 200);
    let text = page.text();
    assert!(text.contains("Your account is ready"), "{text}");
    assert!(
        text.contains("Achieng Atieno Odhiambo"),
        "registry spelling: {text}"
    );
    assert!(text.contains("+254722000111"));
    assert!(text.contains("Account created") && text.contains("Email and phone confirmed"));
    let user = app::data::accounts::users::by_email(&app.db, "achieng@example.com")
        .await
        .unwrap()
        .expect("account exists");
    let photo = app::data::accounts::users::photo(&app.db, user.id)
        .await
        .unwrap();
    let photo = photo.expect("photo stored");
    assert_eq!(&photo[..3], &[0xFF, 0xD8, 0xFF], "re-encoded as JPEG");
}

async fn a_mismatch_says_no_more_than_no_match(app: &TestApp) {
    let mut b = Browser::new(app);
    let form = "/register/identity?type=citizen";
    let res = b
        .post_form(
            "/api/accounts/register",
            form,
            &[
                ("account_type", "citizen"),
                ("id_number", "30000001"),
                ("first_name", "Achieng"),
                ("year_of_birth", "1989"),
            ],
        )
        .await;
    let location = res.header("location").expect("sent back").to_string();
    assert!(
        location.starts_with(&format!("http://{}{form}", crate::browser::HOST))
            && location.contains("__err=")
    );
    let page = b.follow(&res).await;
    let text = page.text();
    assert!(
        text.contains("do not match the population registry"),
        "{text}"
    );
    assert!(!text.contains("Odhiambo"), "nothing about the person leaks");
    // What was typed is still there.
    assert!(
        text.contains("value=\"30000001\"") && text.contains("value=\"1989\""),
        "{text}"
    );
}

async fn an_identity_with_an_account_cannot_register_again(app: &TestApp) {
    let mut b = Browser::new(app);
    let res = b
        .post_form(
            "/api/accounts/register",
            "/register/identity?type=citizen",
            &[
                ("account_type", "citizen"),
                ("id_number", "12345678"),
                ("first_name", "Wanjiku"),
                ("year_of_birth", "1990"),
            ],
        )
        .await;
    let page = b.follow(&res).await;
    let text = page.text();
    assert!(
        text.contains("An account already exists for this identity number"),
        "{text}"
    );
    assert!(
        !text.contains("wanjiku@example.com"),
        "whose account is not said"
    );
}

async fn every_account_type_validates(app: &TestApp) {
    let cases: [(&str, &[(&str, &str)]); 4] = [
        (
            "resident",
            &[
                ("id_number", "200100001"),
                ("first_name", "Priya"),
                ("year_of_birth", "1985"),
            ],
        ),
        (
            "refugee",
            &[
                ("id_number", "800100001"),
                ("first_name", "Amina"),
                ("year_of_birth", "1996"),
            ],
        ),
        (
            "diplomat",
            &[
                ("id_number", "dpl0042"),
                ("first_name", "Jean"),
                ("date_of_birth", "1979-05-05"),
            ],
        ),
        (
            "foreigner",
            &[
                ("id_number", "C01X00T47"),
                ("first_name", "Maria"),
                ("last_name", "Rossi"),
                ("gender", "female"),
                ("date_of_birth", "1991-04-02"),
            ],
        ),
    ];
    for (kind, fields) in cases {
        let mut b = Browser::new(app);
        let mut all = vec![("account_type", kind)];
        all.extend_from_slice(fields);
        let res = b
            .post_form(
                "/api/accounts/register",
                &format!("/register/identity?type={kind}"),
                &all,
            )
            .await;
        assert_eq!(
            res.header("location"),
            Some("/register/details"),
            "{kind}: {}",
            res.text()
        );
        let page = b.follow(&res).await;
        let has_photo = page.text().contains("name=\"photo\"");
        assert_eq!(
            has_photo,
            kind != "foreigner",
            "{kind}: photo asked for all but foreigners"
        );
    }
    // A diplomat's date must match exactly.
    let mut b = Browser::new(app);
    let res = b
        .post_form(
            "/api/accounts/register",
            "/register/identity?type=diplomat",
            &[
                ("account_type", "diplomat"),
                ("id_number", "DPL0042"),
                ("first_name", "Jean"),
                ("date_of_birth", "1979-05-06"),
            ],
        )
        .await;
    assert!(b.follow(&res).await.text().contains("do not match"));
}

async fn bad_details_come_back_beside_each_field(app: &TestApp) {
    let mut b = Browser::new(app);
    let res = b
        .post_form(
            "/api/accounts/register",
            "/register/identity?type=refugee",
            &[
                ("account_type", "refugee"),
                ("id_number", "800100002"),
                ("first_name", "Deng"),
                ("year_of_birth", "1990"),
            ],
        )
        .await;
    assert_eq!(res.header("location"), Some("/register/details"));
    let res = b
        .post_multipart(
            "/api/accounts/register-details",
            "/register/details",
            &[
                ("email", "deng@example"),
                ("phone", "0812"),
                ("password", "password123"),
            ],
            Some(("photo", "x.gif", b"GIF89a not really".to_vec())),
        )
        .await;
    let page = b.follow(&res).await;
    let text = page.text();
    assert!(text.contains("There is a problem"), "{text}");
    assert!(text.contains("Enter an email address like"));
    assert!(text.contains("Enter a mobile number like"));
    assert!(text.contains("one of the most common ones"));
    assert!(text.contains("must be a JPEG or PNG"));
    assert!(
        text.contains("value=\"deng@example\""),
        "typed email kept: {}",
        &text[text.find("name=\"email\"").unwrap_or(0).saturating_sub(300)..][..600]
    );
    assert!(!text.contains("password123"), "passwords are never echoed");
}

async fn sign_in_by_email_and_by_id_with_a_code(app: &TestApp) {
    for identifier in ["wanjiku@example.com", "12 345 678"] {
        shift_codes(app).await;
        let mut b = Browser::new(app);
        let res = b
            .post_form(
                "/api/accounts/sign-in",
                "/sign-in",
                &[
                    ("identifier", identifier),
                    ("password", "demo citizen passphrase"),
                    ("next", "/services/passport-renewal"),
                ],
            )
            .await;
        assert_eq!(
            res.header("location"),
            Some("/sign-in/code"),
            "{}",
            res.text()
        );
        let page = b.follow(&res).await;
        assert!(page.text().contains("+2547•••••001"), "{}", page.text());
        // Not signed in yet.
        assert_eq!(b.get("/account").await.status, 401);
        let code = latest_code(app, "+254712000001").await;
        let res = b
            .post_form(
                "/api/accounts/sign-in-code",
                "/sign-in/code",
                &[("code", &code)],
            )
            .await;
        assert_eq!(res.header("location"), Some("/services/passport-renewal"));
        let account = b.get("/account").await;
        assert_eq!(account.status, 200);
        assert!(account.text().contains("Wanjiku"));
        // The same code does not work twice.
        let mut other = Browser::new(app);
        other
            .post_form(
                "/api/accounts/sign-in",
                "/sign-in",
                &[
                    ("identifier", identifier),
                    ("password", "demo citizen passphrase"),
                ],
            )
            .await;
        let res = other
            .post_form(
                "/api/accounts/sign-in-code",
                "/sign-in/code",
                &[("code", &code)],
            )
            .await;
        assert!(res.header("location").unwrap_or_default().contains("__err"));
    }
}

async fn wrong_passwords_lock_the_account_and_email_its_owner(app: &TestApp) {
    let mut b = Browser::new(app);
    for attempt in 1..=5 {
        let res = b
            .post_form(
                "/api/accounts/sign-in",
                "/sign-in",
                &[
                    ("identifier", "wanjiku@example.com"),
                    ("password", "not the password"),
                ],
            )
            .await;
        let page = b.follow(&res).await;
        let text = page.text();
        // The fifth locks the account, and says no more than the others: the page never
        // tells whether an account exists or is locked (its owner is told by email).
        assert!(
            text.contains("or the password, is not right"),
            "{attempt}: {text}"
        );
        assert!(!text.contains("locked"), "{attempt}: {text}");
    }
    let lock: Option<chrono::DateTime<chrono::Utc>> = app::with_pool!(&app.db, |pool| {
        sqlx::query_scalar("SELECT locked_until FROM users WHERE id = 1")
            .fetch_one(pool)
            .await
            .unwrap()
    });
    assert!(
        lock.is_some_and(|until| until > chrono::Utc::now() + chrono::Duration::minutes(9)),
        "locked for 10 minutes"
    );
    // The right password is refused while locked, with the same answer.
    let res = b
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[
                ("identifier", "wanjiku@example.com"),
                ("password", "demo citizen passphrase"),
            ],
        )
        .await;
    assert_ne!(res.header("location"), Some("/sign-in/code"));
    assert!(b
        .follow(&res)
        .await
        .text()
        .contains("or the password, is not right"));
    // The lock is emailed now; the unlock notice waits for the end of the lock.
    uraia_server::delivery::deliver_due(&app.db, &uraia_server::delivery::Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, Some("wanjiku@example.com"), 10)
        .await
        .unwrap();
    assert!(mail.iter().any(|m| m.subject.contains("locked")));
    assert!(
        !mail.iter().any(|m| m.subject.contains("unlocked")),
        "not before the lock ends"
    );
    // When the lock has ended, the unlock notice goes and the password works again.
    let past = chrono::Utc::now() - chrono::Duration::seconds(1);
    app::data::accounts::users::set_locked_until(&app.db, 1, Some(past))
        .await
        .unwrap();
    app::data::outbox::reschedule(&app.db, "unlocked:1:", past)
        .await
        .unwrap();
    uraia_server::delivery::deliver_due(&app.db, &uraia_server::delivery::Channels::local(&app.db))
        .await
        .unwrap();
    let mail = app::data::outbox::dev_mailbox(&app.db, Some("wanjiku@example.com"), 10)
        .await
        .unwrap();
    assert!(mail.iter().any(|m| m.subject.contains("unlocked")));
    let res = b
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

async fn cross_origin_posts_are_refused(app: &TestApp) {
    use axum::body::Body;
    use axum::http::Request;
    for (name, value) in [
        ("origin", "https://evil.example"),
        ("sec-fetch-site", "cross-site"),
    ] {
        let req = Request::post("/api/accounts/sign-in")
            .header("host", crate::browser::HOST)
            .header(name, value)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from("identifier=wanjiku%40example.com&password=x"))
            .unwrap();
        let res = app.send(req).await;
        assert_eq!(res.status, 403, "{name}: {value}");
    }
}

async fn sign_out_and_sign_out_everywhere(app: &TestApp) {
    let mut phone = officer(app).await;
    let mut laptop = officer(app).await;
    assert!(laptop
        .get("/account")
        .await
        .text()
        .contains("signed in on 2 devices"));
    confirm_it_is_you(&mut laptop, "demo officer passphrase", "/account").await;
    let res = laptop
        .post_form("/api/accounts/sign-out-everywhere", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some("/account?signed_out_others=1"));
    assert_eq!(
        phone.get("/account").await.status,
        401,
        "the other device is signed out"
    );
    assert_eq!(laptop.get("/account").await.status, 200, "this one is not");
    let res = laptop
        .post_form("/api/accounts/sign-out", "/account", &[])
        .await;
    assert_eq!(res.header("location"), Some("/sign-in?signed_out=1"));
    assert_eq!(laptop.get("/account").await.status, 401);
}

async fn idle_sessions_expire(app: &TestApp) {
    let mut b = citizen(app).await;
    assert_eq!(b.get("/account").await.status, 200);
    let past = chrono::Utc::now() - chrono::Duration::seconds(1);
    app::with_pool!(&app.db, |pool| sqlx::query(
        "UPDATE sessions SET expires_at = $1"
    )
    .bind(past)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
    assert_eq!(b.get("/account").await.status, 401);
}

/// 12 hours after signing in the session ends, however active the person has been
/// (2 hours on a shared computer).
async fn sessions_end_twelve_hours_after_sign_in(app: &TestApp) {
    let mut b = citizen(app).await;
    assert_eq!(b.get("/account").await.status, 200);
    let age_session = |hours: i64| async move {
        let rows: Vec<(String, String)> = app::with_pool!(&app.db, |pool| sqlx::query_as(
            "SELECT id, data FROM sessions WHERE user_id IS NOT NULL"
        )
        .fetch_all(pool)
        .await)
        .unwrap();
        for (id, data) in rows {
            let mut data: serde_json::Value = serde_json::from_str(&data).unwrap();
            let then = chrono::Utc::now() - chrono::Duration::hours(hours);
            data["user"]["signed_in_at"] = serde_json::json!(then);
            app::with_pool!(&app.db, |pool| sqlx::query(
                "UPDATE sessions SET data = $1 WHERE id = $2"
            )
            .bind(data.to_string())
            .bind(&id)
            .execute(pool)
            .await
            .map(|_| ()))
            .unwrap();
        }
    };
    age_session(11).await;
    assert_eq!(b.get("/account").await.status, 200, "11 hours: still in");
    age_session(12).await;
    assert_eq!(b.get("/account").await.status, 401, "12 hours: signed out");
    assert_eq!(
        b.get("/account").await.status,
        401,
        "and the session is gone, not just refused"
    );
}

async fn registry_probing_is_rate_limited(app: &TestApp) {
    let mut b = Browser::new(app);
    b.ip = [10, 9, 9, 9];
    let mut limited = false;
    for n in 0..12 {
        let number = format!("4000000{n:02}");
        let res = b
            .post_form(
                "/api/accounts/register",
                "/register/identity?type=citizen",
                &[
                    ("account_type", "citizen"),
                    ("id_number", &number),
                    ("first_name", "Test"),
                    ("year_of_birth", "1990"),
                ],
            )
            .await;
        let text = b.follow(&res).await.text();
        if text.contains("Too many attempts from this connection") {
            limited = true;
            assert!(n >= 10, "the first ten are answered");
            break;
        }
    }
    assert!(limited, "probing is cut off");
}

on_both_backends!(
    a_citizen_registers_and_lands_signed_in,
    a_mismatch_says_no_more_than_no_match,
    an_identity_with_an_account_cannot_register_again,
    every_account_type_validates,
    bad_details_come_back_beside_each_field,
    sign_in_by_email_and_by_id_with_a_code,
    wrong_passwords_lock_the_account_and_email_its_owner,
    cross_origin_posts_are_refused,
    sign_out_and_sign_out_everywhere,
    idle_sessions_expire,
    sessions_end_twelve_hours_after_sign_in,
    registry_probing_is_rate_limited,
);

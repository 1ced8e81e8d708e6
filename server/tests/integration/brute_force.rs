//! Guessing second factors and one-time codes: 50 guesses sent at once, each from its own
//! address (as an attacker spreads them to get past per-address limits), are counted five
//! at most; the account's codes lock, the right code is refused while they are, and the
//! owner is emailed. Every kind of code counts towards the one lock. A reset code works only
//! in the session that asked for it.

use crate::browser::{citizen, latest_code, shift_codes, Browser};
use crate::support::{on_both_backends, Response, TestApp};
use chrono::{DateTime, Duration, Utc};
use uraia_server::delivery::{deliver_due, Channels};

const PHONE: &str = "+254712000001";
const EMAIL: &str = "wanjiku@example.com";
const PASSWORD: &str = "demo citizen passphrase";
const NOTICE: &str = "Codes for your Uraia account are paused";
const NEW_PASSWORD: &str = "mchele na maharagwe kila jumamosi";

fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

async fn user_id(app: &TestApp, email: &str) -> i64 {
    app::data::accounts::users::by_email(&app.db, email)
        .await
        .unwrap()
        .expect("a demo account")
        .id
}

/// Wrong tries counted for the account, and until when its codes are locked.
async fn lock_state(app: &TestApp, user: i64) -> (i32, Option<DateTime<Utc>>) {
    app::with_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT failures, locked_until FROM factor_attempts WHERE user_id = $1"
    )
    .bind(user)
    .fetch_optional(pool)
    .await
    .unwrap())
    .unwrap_or((0, None))
}

/// Ends the lock on an account's codes now, as if its time had passed.
async fn end_lock(app: &TestApp, user: i64) {
    let past = Utc::now() - Duration::seconds(1);
    app::with_pool!(&app.db, |pool| sqlx::query(
        "UPDATE factor_attempts SET locked_until = $1 WHERE user_id = $2"
    )
    .bind(past)
    .bind(user)
    .execute(pool)
    .await
    .map(|_| ())
    .unwrap());
}

async fn wrong_tries_logged(app: &TestApp, user: i64) -> i64 {
    app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM account_events WHERE user_id = $1 AND kind = 'code_failed'"
    )
    .bind(user)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// The lock notices emailed to `to`.
async fn notices(app: &TestApp, to: &str) -> usize {
    deliver_due(&app.db, &Channels::local(&app.db))
        .await
        .unwrap();
    app::data::outbox::dev_mailbox(&app.db, Some(to), 100)
        .await
        .unwrap()
        .iter()
        .filter(|m| m.subject.contains(NOTICE))
        .count()
}

/// Checks that the account's codes are locked for `minutes` from now.
fn assert_locked_for(until: Option<DateTime<Utc>>, minutes: i64) {
    let until = until.expect("the codes are locked");
    let left = until - Utc::now();
    assert!(
        left > Duration::minutes(minutes - 1) && left <= Duration::minutes(minutes),
        "locked for {minutes} minutes, not {left}"
    );
}

/// The error a failed form post sends the browser back with (never a 500): the JSON that
/// leptos puts, base64-encoded, in the `__err` of the page's address.
pub fn error_of(res: &Response) -> String {
    use base64::Engine;
    let location = res
        .header("location")
        .unwrap_or_else(|| panic!("a redirect, not {}: {}", res.status, res.text()));
    let query = location.split_once('?').map_or("", |(_, q)| q);
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(query).unwrap();
    let encoded = pairs
        .iter()
        .find(|(name, _)| name == "__err")
        .unwrap_or_else(|| panic!("an error: {location}"))
        .1
        .clone();
    let json = base64::engine::general_purpose::STANDARD
        .decode(encoded)
        .expect("base64");
    String::from_utf8(json).unwrap()
}

/// Password given; the browser is at the second step.
async fn at_second_step(app: &TestApp) -> Browser<'_> {
    shift_codes(app).await;
    let mut b = Browser::new(app);
    let res = b
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[("identifier", EMAIL), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        res.header("location"),
        Some("/sign-in/code"),
        "{}",
        res.text()
    );
    b
}

/// Sends each guess at once from a browser of its own holding `b`'s session, each from its
/// own address. Returns where each answer sends the browser.
async fn guess_at_once(b: &Browser<'_>, guesses: &[String]) -> Vec<String> {
    let mut attackers: Vec<Browser> = (0..guesses.len())
        .map(|i| {
            let mut a = Browser::new(b.app);
            a.cookies = b.cookies.clone();
            a.ip = [10, 50, (i / 250) as u8, (i % 250 + 1) as u8];
            a
        })
        .collect();
    let fields: Vec<[(&str, &str); 1]> = guesses.iter().map(|g| [("code", g.as_str())]).collect();
    let answers = futures::future::join_all(
        attackers
            .iter_mut()
            .zip(&fields)
            .map(|(a, f)| a.post_form("/api/accounts/sign-in-code", "/sign-in/code", f)),
    )
    .await;
    answers.iter().map(error_of).collect()
}

/// 50 answers to 50 guesses at once: five were compared (the fifth locked the codes), the
/// other 45 refused unread.
fn assert_five_compared(answers: &[String]) {
    let paused = answers.iter().filter(|l| l.contains("CodesPaused")).count();
    assert_eq!(answers.len(), 50);
    assert_eq!(
        paused, 46,
        "45 refused unread and the fifth wrong one: {answers:?}"
    );
}

/// Six-digit codes that are not `right`.
fn wrong_codes(right: &str, n: u32) -> Vec<String> {
    let right: u32 = right.parse().unwrap();
    (1..=n)
        .map(|i| format!("{:06}", (right + i) % 1_000_000))
        .collect()
}

async fn fifty_sms_guesses_at_once_count_five_and_lock(app: &TestApp) {
    let user = user_id(app, EMAIL).await;
    let mut b = at_second_step(app).await;
    let right = latest_code(app, PHONE).await;

    let answers = guess_at_once(&b, &wrong_codes(&right, 50)).await;
    assert_five_compared(&answers);
    assert_eq!(wrong_tries_logged(app, user).await, 5);
    let tries: i32 = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT MAX(attempts) FROM one_time_codes WHERE user_id = $1 AND purpose = 'sign_in'"
    )
    .bind(user)
    .fetch_one(pool)
    .await
    .unwrap());
    assert!(tries <= 5, "the code itself was tried {tries} times");
    let (failures, until) = lock_state(app, user).await;
    assert_eq!(failures, 5);
    assert_locked_for(until, 15);

    // The right code is refused while the codes are locked, and the page says why.
    let res = b
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &right)],
        )
        .await;
    assert!(error_of(&res).contains("CodesPaused"));
    let page = b.follow(&res).await.text();
    assert!(
        page.contains("no code is accepted for 15 more minute(s)"),
        "{page}"
    );
    assert_eq!(b.get("/account").await.status, 401, "not signed in");
    assert_eq!(notices(app, EMAIL).await, 1, "the owner is told once");

    // Once the lock has ended, a new code signs in and the count starts again.
    end_lock(app, user).await;
    shift_codes(app).await;
    b.post_form(
        "/api/accounts/send-code",
        "/sign-in/code",
        &[("channel", "sms")],
    )
    .await;
    let fresh = latest_code(app, PHONE).await;
    let res = b
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &fresh)],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account"), "{}", res.text());
    assert_eq!(lock_state(app, user).await, (0, None));
}

fn between<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("{start} not in page"))
        + start.len();
    &text[from..from + text[from..].find(end).unwrap()]
}

/// Turns on an authenticator app for the demo citizen; returns its secret and the recovery
/// codes.
async fn with_authenticator(app: &TestApp) -> (String, Vec<String>) {
    let mut b = citizen(app).await;
    crate::browser::confirm_it_is_you(&mut b, "demo citizen passphrase", "/account/authenticator")
        .await;
    let page = b.get("/account/authenticator").await.text();
    let secret: String = between(&page, "<code class=\"secret-key\">", "<")
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
    let page = b.get("/account/recovery-codes").await.text();
    let codes: Vec<String> = page
        .split("<li><code>")
        .skip(1)
        .map(|c| c[..c.find('<').unwrap()].to_string())
        .collect();
    assert_eq!(codes.len(), 10);
    b.post_form("/api/accounts/sign-out", "/account", &[]).await;
    (secret, codes)
}

async fn fifty_authenticator_guesses_at_once_count_five_and_lock(app: &TestApp) {
    let user = user_id(app, EMAIL).await;
    let (secret, _) = with_authenticator(app).await;
    let mut b = at_second_step(app).await;
    let guesses: Vec<String> = (0..1_000_000u32)
        .map(|n| format!("{n:06}"))
        .filter(|c| app::auth::totp::matching_step(&secret, c).is_none())
        .take(50)
        .collect();

    let answers = guess_at_once(&b, &guesses).await;
    assert_five_compared(&answers);
    assert_eq!(wrong_tries_logged(app, user).await, 5);
    let (failures, until) = lock_state(app, user).await;
    assert_eq!(failures, 5);
    assert_locked_for(until, 15);
    assert_eq!(notices(app, EMAIL).await, 1);

    // The app's next code is refused while locked.
    let right = app::auth::totp::code_at(&secret, now() + 30).unwrap();
    let res = b
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &right)],
        )
        .await;
    assert!(error_of(&res).contains("CodesPaused"));
    assert_eq!(b.get("/account").await.status, 401);

    // Five more wrong once the lock ends: locked again, twice as long, and told again.
    end_lock(app, user).await;
    for guess in &guesses[..5] {
        b.post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", guess)],
        )
        .await;
    }
    assert_locked_for(lock_state(app, user).await.1, 30);
    assert_eq!(notices(app, EMAIL).await, 2);

    // After it, the right code signs in.
    end_lock(app, user).await;
    let right = app::auth::totp::code_at(&secret, now() + 30).unwrap();
    let res = b
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &right)],
        )
        .await;
    assert_eq!(res.header("location"), Some("/account"), "{}", res.text());
}

async fn fifty_recovery_code_guesses_at_once_count_five_and_lock(app: &TestApp) {
    let user = user_id(app, EMAIL).await;
    let (_, recovery) = with_authenticator(app).await;
    let mut b = at_second_step(app).await;
    b.post_form(
        "/api/accounts/send-code",
        "/sign-in/code",
        &[("channel", "recovery")],
    )
    .await;
    let guesses: Vec<String> = (0..50).map(|i| format!("zzzz-{i:04}")).collect();

    let answers = guess_at_once(&b, &guesses).await;
    assert_five_compared(&answers);
    assert_eq!(wrong_tries_logged(app, user).await, 5);
    assert_locked_for(lock_state(app, user).await.1, 15);
    assert_eq!(notices(app, EMAIL).await, 1);

    // A real, unused recovery code is refused while locked, and is not spent.
    let res = b
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &recovery[0])],
        )
        .await;
    assert!(error_of(&res).contains("CodesPaused"));
    assert_eq!(
        app::data::accounts::factors::recovery_codes_left(&app.db, user)
            .await
            .unwrap(),
        10
    );
    assert_eq!(b.get("/account").await.status, 401);
}

async fn ask_reset_by_sms<'a>(app: &'a TestApp, ip: [u8; 4], identifier: &str) -> Browser<'a> {
    let mut b = Browser::new(app);
    b.ip = ip;
    let res = b
        .post_form(
            "/api/accounts/forgot-password",
            "/forgot-password",
            &[
                ("account_type", "citizen"),
                ("identifier", identifier),
                ("channel", "sms"),
            ],
        )
        .await;
    assert_eq!(res.header("location"), Some("/forgot-password/code"));
    b
}

async fn reset_with(b: &mut Browser<'_>, code: &str) -> Response {
    b.post_form(
        "/api/accounts/reset-with-code",
        "/forgot-password/code",
        &[("code", code), ("password", NEW_PASSWORD)],
    )
    .await
}

async fn a_reset_code_works_only_in_the_session_that_asked(app: &TestApp) {
    let otieno = user_id(app, "otieno@example.com").await;
    let mut asker = ask_reset_by_sms(app, [10, 60, 0, 1], "otieno@example.com").await;
    let code = latest_code(app, "+254712000002").await;

    // Someone else asks for the same account's reset (no new code within the minute) and
    // types the code sent for the first: refused as wrong, and counted.
    let mut other = ask_reset_by_sms(app, [10, 60, 0, 2], "otieno@example.com").await;
    let res = reset_with(&mut other, &code).await;
    assert!(error_of(&res).contains("CodeWrong"));
    assert!(other
        .follow(&res)
        .await
        .text()
        .contains("This code is not right"));
    assert_eq!(lock_state(app, otieno).await.0, 1, "counted");
    assert_eq!(wrong_tries_logged(app, otieno).await, 1);

    // A session that never asked gets nowhere.
    let mut stranger = Browser::new(app);
    let res = reset_with(&mut stranger, &code).await;
    assert!(error_of(&res).contains("StartAgain"));

    // In the session that asked, the code works.
    let res = reset_with(&mut asker, &code).await;
    assert_eq!(
        res.header("location"),
        Some("/sign-in?reset=1"),
        "{}",
        res.text()
    );
    assert_eq!(
        lock_state(app, otieno).await,
        (0, None),
        "a right code clears the count"
    );
}

async fn every_kind_of_code_counts_towards_one_lock(app: &TestApp) {
    let user = user_id(app, EMAIL).await;
    // Two wrong reset codes…
    let mut resetter = ask_reset_by_sms(app, [10, 61, 0, 1], EMAIL).await;
    let reset_code = latest_code(app, PHONE).await;
    for guess in wrong_codes(&reset_code, 2) {
        let res = reset_with(&mut resetter, &guess).await;
        assert!(error_of(&res).contains("CodeWrong"));
    }
    // …and three wrong sign-in codes lock the account's codes.
    let mut b = at_second_step(app).await;
    let sign_in_code = latest_code(app, PHONE).await;
    for guess in wrong_codes(&sign_in_code, 3) {
        b.post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &guess)],
        )
        .await;
    }
    assert_eq!(wrong_tries_logged(app, user).await, 5);
    assert_locked_for(lock_state(app, user).await.1, 15);
    assert_eq!(notices(app, EMAIL).await, 1);
    // The right sign-in code is refused.
    let res = b
        .post_form(
            "/api/accounts/sign-in-code",
            "/sign-in/code",
            &[("code", &sign_in_code)],
        )
        .await;
    assert!(error_of(&res).contains("CodesPaused"));
    // So is the right reset code, typed in the session that asked for it with tries left,
    // and with the answer any wrong code gets (nothing tells a locked account from an
    // unknown one).
    let res = reset_with(&mut resetter, &reset_code).await;
    assert!(error_of(&res).contains("CodeWrong"));
    assert_eq!(b.get("/account").await.status, 401);
    let res = b
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[("identifier", EMAIL), ("password", NEW_PASSWORD)],
        )
        .await;
    assert_ne!(
        res.header("location"),
        Some("/sign-in/code"),
        "the password did not change"
    );
}

on_both_backends!(
    fifty_sms_guesses_at_once_count_five_and_lock,
    fifty_authenticator_guesses_at_once_count_five_and_lock,
    fifty_recovery_code_guesses_at_once_count_five_and_lock,
    a_reset_code_works_only_in_the_session_that_asked,
    every_kind_of_code_counts_towards_one_lock,
);

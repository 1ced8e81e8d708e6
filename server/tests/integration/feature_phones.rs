//! Feature phones, on SQLite and PostgreSQL: the USSD menu through every path (with bad
//! input), the inbound-SMS status query, and the gateway's verification.

use crate::support::{on_both_backends, TestApp};
use crate::tracking::{advance, submitted};
use app::state::DEV_GATEWAY_TOKEN;
use axum::body::Body;
use axum::http::Request;

const CITIZEN_PHONE: &str = "+254712000001";

async fn ussd(app: &TestApp, phone: &str, text: &str) -> String {
    let body = serde_urlencoded::to_string([
        ("sessionId", "ATUid_1"),
        ("serviceCode", "*384*123#"),
        ("phoneNumber", phone),
        ("networkCode", "63902"),
        ("text", text),
    ])
    .unwrap();
    let res = app
        .send(
            Request::post(format!("/ussd/{DEV_GATEWAY_TOKEN}"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from(body))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert!(res
        .header("content-type")
        .unwrap()
        .starts_with("text/plain"));
    let text = res.text();
    assert!(
        text.starts_with("CON ") || text.starts_with("END "),
        "{text}"
    );
    assert!(text.chars().count() <= 182, "one USSD screen: {text}");
    text
}

async fn sms_in(app: &TestApp, from: &str, text: &str, id: &str) -> u16 {
    let body = serde_urlencoded::to_string([
        ("from", from),
        ("to", "22384"),
        ("text", text),
        ("id", id),
        ("date", "2026-12-01 10:00:00"),
        ("linkId", "SampleLinkId123"),
    ])
    .unwrap();
    app.send(
        Request::post(format!("/sms/inbound/{DEV_GATEWAY_TOKEN}"))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap(),
    )
    .await
    .status
    .as_u16()
}

/// The SMS replies queued to `to`.
async fn replies(app: &TestApp, to: &str) -> Vec<String> {
    app::with_pool!(&app.db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT body FROM outbox WHERE channel = 'sms' AND recipient = $1 \
         AND idempotency_key LIKE 'sms-query:%' ORDER BY id"
    )
    .bind(to)
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn ussd_menu_every_path(app: &TestApp) {
    let (_b, _id, reference) = submitted(app).await;
    advance(&app.db, &reference, "processing", None, None)
        .await
        .unwrap();
    let stranger = "+254722999888";

    let menu = ussd(app, stranger, "").await;
    assert!(
        menu.starts_with("CON ") && menu.contains("1. Track an application"),
        "{menu}"
    );
    // A choice that is not offered shows the menu again, saying so.
    let bad = ussd(app, stranger, "9").await;
    assert!(
        bad.starts_with("CON That is not one of the choices."),
        "{bad}"
    );
    // Kiswahili, and back.
    let sw = ussd(app, stranger, "4").await;
    assert!(sw.contains("1. Fuatilia ombi"), "{sw}");
    assert!(ussd(app, stranger, "4*4")
        .await
        .contains("1. Track an application"));

    // Track: reference, then year of birth.
    assert!(ussd(app, stranger, "1")
        .await
        .contains("Enter the reference number"));
    let not_one = ussd(app, stranger, "1*HELLO").await;
    assert!(
        not_one.starts_with("CON That is not a reference number."),
        "{not_one}"
    );
    let mut typo = reference.clone();
    let last = typo.pop().unwrap();
    typo.push(if last == 'A' { 'B' } else { 'A' });
    assert!(ussd(app, stranger, &format!("1*{typo}"))
        .await
        .contains("looks mistyped"));
    assert!(
        ussd(app, stranger, "1*0")
            .await
            .contains("2. My applications"),
        "0 goes back"
    );
    let ask = ussd(app, stranger, &format!("1*{reference}")).await;
    assert!(ask.contains("year of birth"), "{ask}");
    let wrong = ussd(app, stranger, &format!("1*{reference}*1991")).await;
    assert!(wrong.starts_with("END No application matches"), "{wrong}");
    // A mistyped reference first, then the right one: the path replays.
    let found = ussd(app, stranger, &format!("1*HELLO*{reference}*1990")).await;
    assert!(
        found.starts_with(&format!("END {reference}: Being processed.")),
        "{found}"
    );
    assert!(found.contains("Decision expected by"));
    let sw = ussd(app, stranger, &format!("4*1*{reference}*1990")).await;
    assert!(sw.contains("Linashughulikiwa"), "{sw}");

    // My applications: only for the number registered to them.
    let mine = ussd(app, CITIZEN_PHONE, "2").await;
    assert!(
        mine.starts_with("END Your applications:") && mine.contains(&reference),
        "{mine}"
    );
    let none = ussd(app, stranger, "2").await;
    assert!(none.starts_with("END No sent applications"), "{none}");
    assert!(!none.contains(&reference));

    // Huduma Centres by county, forgiving of case and dashes.
    assert!(ussd(app, stranger, "3").await.contains("Enter your county"));
    let nakuru = ussd(app, stranger, "3*nakuru").await;
    assert!(
        nakuru.starts_with("END ") && nakuru.contains("Huduma Centre Nakuru"),
        "{nakuru}"
    );
    assert!(ussd(app, stranger, "3*taita taveta")
        .await
        .starts_with("END "));
    let nowhere = ussd(app, stranger, "3*Atlantis").await;
    assert!(
        nowhere.starts_with("CON No Huduma Centre found"),
        "{nowhere}"
    );
    assert!(ussd(app, stranger, "3*0")
        .await
        .contains("1. Track an application"));
}

async fn ussd_and_sms_callbacks_check_the_caller(app: &TestApp) {
    let res = app
        .send(
            Request::post("/ussd/not-the-token")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("sessionId=1&phoneNumber=%2B254712000001&text="))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, 404);
    let res = app
        .send(
            Request::post("/sms/inbound/not-the-token")
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("from=%2B254712000001&text=x&id=1"))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, 404);
    // A number that is not a phone number is refused.
    let res = app
        .send(
            Request::post(format!("/ussd/{DEV_GATEWAY_TOKEN}"))
                .header("content-type", "application/x-www-form-urlencoded")
                .body(Body::from("sessionId=1&phoneNumber=hello&text="))
                .unwrap(),
        )
        .await;
    assert_eq!(res.status, 400);
    // One phone cannot hammer the menu.
    let mut limited = false;
    for _ in 0..40 {
        if ussd(app, "+254733000111", "")
            .await
            .contains("Too many requests")
        {
            limited = true;
            break;
        }
    }
    assert!(limited, "rate limited per phone number");
}

async fn sms_query_answers_with_the_status(app: &TestApp) {
    let (_b, _id, reference) = submitted(app).await;
    advance(&app.db, &reference, "processing", None, None)
        .await
        .unwrap();
    // The applicant's own number needs only the reference.
    assert_eq!(sms_in(app, CITIZEN_PHONE, &reference, "m1").await, 200);
    // The gateway repeating a callback is answered once.
    assert_eq!(sms_in(app, CITIZEN_PHONE, &reference, "m1").await, 200);
    let got = replies(app, CITIZEN_PHONE).await;
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with(&format!("Uraia: {reference}: Being processed.")),
        "{got:?}"
    );
    assert!(got[0].chars().count() <= 160);

    // Anyone else needs the year of birth too.
    let other = "+254722999888";
    sms_in(app, other, &reference, "m2").await;
    sms_in(app, other, &format!("{reference} 1991"), "m3").await;
    sms_in(
        app,
        other,
        &format!(" {} 1990 ", reference.to_lowercase()),
        "m4",
    )
    .await;
    sms_in(app, other, "hello", "m5").await;
    let got = replies(app, other).await;
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(got[0].contains("no application matches"), "{got:?}");
    assert!(got[1].contains("no application matches"));
    assert!(got[2].contains("Being processed"), "{got:?}");
    assert!(got[3].contains("to track an application, send"), "{got:?}");
}

/// Years of birth are few: one reference gets a handful of proofs, whichever phones send
/// them (a SIM farm gets no more than one phone), by SMS and USSD together.
async fn proofs_are_limited_per_reference(app: &TestApp) {
    let (_b, _id, reference) = submitted(app).await;
    for (n, year) in (1950..1960).enumerate() {
        let phone = format!("+2547220000{n:02}");
        sms_in(
            app,
            &phone,
            &format!("{reference} {year}"),
            &format!("g{n}"),
        )
        .await;
        let got = replies(app, &phone).await;
        assert!(got[0].contains("no application matches"), "{n}: {got:?}");
    }
    // The eleventh phone: the right year, but the reference has had its tries.
    let late = "+254722000099";
    sms_in(app, late, &format!("{reference} 1990"), "g-late").await;
    let got = replies(app, late).await;
    assert!(
        got[0].contains("Too many tries for this reference"),
        "{got:?}"
    );
    let screen = ussd(app, "+254722000098", &format!("1*{reference}*1990")).await;
    assert!(
        screen.contains("Too many tries for this reference"),
        "{screen}"
    );
    // Another reference is not held back, and the owner's own number needs no proof.
    sms_in(app, CITIZEN_PHONE, &reference, "g-own").await;
    assert!(replies(app, CITIZEN_PHONE).await[0].contains(&reference));
}

on_both_backends!(
    proofs_are_limited_per_reference,
    ussd_menu_every_path,
    ussd_and_sms_callbacks_check_the_caller,
    sms_query_answers_with_the_status,
);

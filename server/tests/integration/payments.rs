//! Sending and paying, end to end over real HTTP: the app is served on a local port and
//! M-Pesa is the embedded simulator on another, so pushes, callbacks, status queries and
//! Paybill payments travel as they would in production. On SQLite and PostgreSQL.

use crate::applications::{save, start_service};
use crate::browser::{citizen, officer, Browser};
use crate::support::{postgres_app_with, sqlite_app_with, TestApp};
use app::forms::reference::Reference;
use app::payments::daraja::{Daraja, DarajaConfig};
use app::payments::mpesa::Mpesa;
use std::sync::Arc;
use uraia_server::daraja_sim::{router as simulator_router, Delivery, Simulator, SimulatorConfig};

pub(crate) const TOKEN: &str = "a-test-callback-token-of-enough-length";

pub(crate) struct Paying {
    pub(crate) app: TestApp,
    /// M-Pesa as the app has it.
    pub(crate) mpesa: Arc<Mpesa>,
    pub(crate) simulator: Arc<Simulator>,
    pub(crate) simulator_url: String,
}

async fn serve(router: axum::Router, listener: tokio::net::TcpListener) {
    tokio::spawn(async move {
        axum::serve(
            listener,
            router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
        )
        .await
    });
}

/// M-Pesa at the simulator at `simulator_url`, for the app at `site`; its callbacks are
/// allowed from this machine only (as from Safaricom's networks).
pub(crate) fn mpesa_at(simulator_url: &str, site: &str) -> Mpesa {
    let sim_config = SimulatorConfig::default();
    Mpesa {
        daraja: Daraja::new(DarajaConfig {
            base_url: simulator_url.to_string(),
            consumer_key: sim_config.consumer_key,
            consumer_secret: sim_config.consumer_secret,
            shortcode: sim_config.shortcode,
            passkey: sim_config.passkey,
            callback_url: format!("{site}/payments/mpesa/{TOKEN}/stk"),
            initiator: sim_config.initiator,
            security_credential: sim_config.security_credential,
        }),
        site_url: site.to_string(),
        callback_token: TOKEN.into(),
        networks: vec!["127.0.0.0/8".parse().unwrap()],
    }
}

/// An app with M-Pesa set up against a simulator, both listening on local ports.
async fn paying(postgres: bool) -> Option<Paying> {
    paying_with(postgres, |_, _| {}).await
}

/// As `paying`, with the app's M-Pesa changed first (its networks, its Daraja; given the
/// simulator's address); the Paybill addresses are registered with the simulator all the
/// same.
pub(crate) async fn paying_with(
    postgres: bool,
    adjust: impl FnOnce(&mut Mpesa, &str),
) -> Option<Paying> {
    let simulator = Simulator::new(SimulatorConfig::default());
    let sim_listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let sim_url = format!("http://{}", sim_listener.local_addr().unwrap());
    serve(simulator_router(simulator.clone()), sim_listener).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let site = format!("http://{}", listener.local_addr().unwrap());
    let mut mpesa = mpesa_at(&sim_url, &site);
    adjust(&mut mpesa, &sim_url);
    let mpesa = Arc::new(mpesa);
    let given = mpesa.clone();
    let customise = move |state: &mut app::state::AppState| state.mpesa = Some(given);
    let app = if postgres {
        postgres_app_with(customise).await?
    } else {
        sqlite_app_with(customise).await
    };
    serve(app.router.clone(), listener).await;
    uraia_server::reconcile::register_paybill(&mpesa_at(&sim_url, &mpesa.site_url)).await;
    Some(Paying {
        app,
        mpesa,
        simulator,
        simulator_url: sim_url,
    })
}

/// Waits up to ten seconds for `done`: M-Pesa's answers to status queries arrive after the
/// call that asked, as Safaricom's do.
pub(crate) async fn eventually<F, Fut>(what: &str, mut done: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    for _ in 0..200 {
        if done().await {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("not within ten seconds: {what}");
}

/// The invoice number of a sent application.
pub(crate) async fn invoice_number_of(db: &app::data::Db, id: &str) -> String {
    app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT i.number FROM invoices i JOIN applications a ON a.id = i.application_id \
         WHERE a.public_id = $1"
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// A land search with every answer given; returns its id.
pub(crate) async fn complete_land_search(b: &mut Browser<'_>) -> String {
    let id = start_service(b, "land-search").await;
    save(
        b,
        &id,
        "the-parcel",
        &[
            ("registry", "nairobi"),
            ("title_number", "NAIROBI/BLOCK 82/1234"),
        ],
    )
    .await;
    save(b, &id, "why", &[("purpose", "buying"), ("on_behalf", "no")]).await;
    id
}

pub(crate) async fn send(b: &mut Browser<'_>, id: &str, declared: bool) -> String {
    let mut fields = vec![("id", id)];
    if declared {
        fields.push(("declaration", "1"));
    }
    let res = b
        .post_form(
            "/api/applications/send",
            &format!("/applications/{id}/check"),
            &fields,
        )
        .await;
    res.header("location").unwrap_or_default().to_string()
}

/// Asks for an M-Pesa prompt with this form key; returns where the browser is sent.
pub(crate) async fn prompt(b: &mut Browser<'_>, id: &str, key: &str) -> String {
    let res = b
        .post_form(
            "/api/applications/pay-mpesa",
            &format!("/applications/{id}/pay"),
            &[("id", id), ("phone", "0712 345 678"), ("key", key)],
        )
        .await;
    res.header("location").unwrap_or_default().to_string()
}

pub(crate) fn key(n: u8) -> String {
    format!("{n:032x}")
}

pub(crate) async fn status_of(db: &app::data::Db, id: &str) -> String {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT status FROM applications WHERE public_id = $1"
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap())
}

/// The simulator's pushes to the test citizen's phone, newest first.
pub(crate) fn pushes(p: &Paying) -> Vec<uraia_server::daraja_sim::Push> {
    p.simulator.pushes_to("254712345678")
}

async fn outbox_count(db: &app::data::Db, key_prefix: &str) -> i64 {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM outbox WHERE idempotency_key LIKE $1"
    )
    .bind(format!("{key_prefix}%"))
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn fees_follow_the_answers(p: &Paying) {
    let mut b = citizen(&p.app).await;
    let id = start_service(&mut b, "passport-renewal").await;
    let check = b.get(&format!("/applications/{id}/check")).await.text();
    // No booklet chosen yet: only the convenience fee, and no way to send.
    assert!(check.contains("KES 50"), "{check}");
    assert!(!check.contains("34-page ordinary passport"));
    assert!(!check.contains("Accept and send"));
    save(&mut b, &id, "new-passport", &[("booklet", "50")]).await;
    let check = b.get(&format!("/applications/{id}/check")).await.text();
    assert!(check.contains("50-page ordinary passport"), "{check}");
    assert!(!check.contains("34-page ordinary passport"));
    assert!(check.contains("KES 9,550"), "{check}");
}

async fn sending_needs_every_answer_and_the_declaration(p: &Paying) {
    let mut b = citizen(&p.app).await;
    let id = start_service(&mut b, "land-search").await;
    let to = send(&mut b, &id, true).await;
    assert!(to.contains("__err"), "incomplete: {to}");
    let id = complete_land_search(&mut b).await;
    let check = b.get(&format!("/applications/{id}/check")).await.text();
    assert!(check.contains("Accept and send"), "{check}");
    assert!(check.contains("KES 550"));
    let to = send(&mut b, &id, false).await;
    assert!(to.contains("__err"), "no declaration: {to}");
    let page = b.follow_location(&to).await.text();
    assert!(page.contains("You must tick the box"), "{page}");
    assert_eq!(status_of(&p.app.db, &id).await, "draft");

    assert_eq!(
        send(&mut b, &id, true).await,
        format!("/applications/{id}/pay")
    );
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
    // Sending again does nothing new.
    assert_eq!(
        send(&mut b, &id, true).await,
        format!("/applications/{id}/pay")
    );
    let pay = b.get(&format!("/applications/{id}/pay")).await.text();
    assert!(pay.contains("Pay for your application"), "{pay}");
    assert!(pay.contains("KES 550"));
    assert!(pay.contains("174379"), "the Paybill number");
    let reference = pay
        .split("Your reference number is ")
        .nth(1)
        .and_then(|r| r.split('.').next())
        .expect("the reference is shown");
    let parsed = Reference::parse(reference).expect("a valid reference");
    assert_eq!(parsed.prefix, "LDS");
    // Locked: the draft pages now lead to paying.
    let res = b.get(&format!("/applications/{id}")).await;
    assert_eq!(
        res.header("location"),
        Some(format!("/applications/{id}/pay").as_str())
    );
    let mine = b.get("/applications").await.text();
    assert!(mine.contains("Waiting for payment"), "{mine}");
    assert!(mine.contains(reference));
    // Not paid: no confirmation yet.
    assert_eq!(
        b.get(&format!("/applications/{id}/confirmation"))
            .await
            .status,
        404
    );
}

async fn a_prompt_paid_once_whatever_m_pesa_repeats(p: &Paying) {
    let mut b = citizen(&p.app).await;
    let id = complete_land_search(&mut b).await;
    send(&mut b, &id, true).await;
    // A bad number is told beside the field.
    let res = b
        .post_form(
            "/api/applications/pay-mpesa",
            &format!("/applications/{id}/pay"),
            &[("id", &id), ("phone", "12"), ("key", &key(1))],
        )
        .await;
    let page = b
        .follow_location(res.header("location").unwrap())
        .await
        .text();
    assert!(page.contains("registered for M-Pesa"), "{page}");
    assert!(pushes(p).is_empty());

    let to = prompt(&mut b, &id, &key(1)).await;
    assert_eq!(to, format!("/applications/{id}/payment/{}", key(1)));
    // The same form posted twice rings the phone once.
    prompt(&mut b, &id, &key(1)).await;
    assert_eq!(pushes(p).len(), 1);
    let push = &pushes(p)[0];
    assert_eq!(push.amount, 550);
    let waiting = b.get(&to).await.text();
    assert!(waiting.contains("Check your phone"), "{waiting}");

    p.simulator
        .answer(&push.checkout_request_id, "pay", true)
        .await
        .unwrap();
    let paid = b.get(&to).await.text();
    assert!(paid.contains("Payment received"), "{paid}");
    assert_eq!(status_of(&p.app.db, &id).await, "submitted");
    // M-Pesa sends the same callback again: nothing changes, nothing is sent twice.
    let resend = reqwest::Client::new()
        .post(format!(
            "{}/simulator/pushes/{}/resend",
            p.simulator_url, push.checkout_request_id
        ))
        .send()
        .await
        .unwrap();
    assert!(resend.status().is_success());
    assert_eq!(outbox_count(&p.app.db, "submitted-email:").await, 1);
    assert_eq!(outbox_count(&p.app.db, "submitted-sms:").await, 1);

    let confirmation = b
        .get(&format!("/applications/{id}/confirmation"))
        .await
        .text();
    assert!(confirmation.contains("Application sent"), "{confirmation}");
    let receipt = match &pushes(p)[0].state {
        uraia_server::daraja_sim::PushState::Paid { receipt } => receipt.clone(),
        other => panic!("{other:?}"),
    };
    assert!(confirmation.contains(&receipt), "the M-Pesa receipt number");
    // The PDF: the same receipt, and a QR code whose address the public check confirms.
    let pdf = b.get(&format!("/applications/{id}/receipt.pdf")).await;
    assert_eq!(pdf.header("content-type"), Some("application/pdf"));
    let text = lopdf::Document::load_mem(&pdf.body)
        .expect("a PDF")
        .extract_text(&[1])
        .unwrap();
    assert!(text.contains(&receipt), "{text}");
    // Beside the QR code, the document's number; the confirmation links the code's check.
    let number = text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("R-"))
        .expect("the receipt's number is printed beside the QR code")
        .to_string();
    let reference = number.trim_start_matches("R-").to_string();
    let start = confirmation
        .find("/verify?code=")
        .expect("the confirmation links the receipt's check");
    let path = &confirmation[start..];
    let path = &path[..path.find('"').unwrap()];
    let mut stranger = Browser::new(&p.app);
    let check = stranger.get(path).await.text();
    assert!(check.contains("This document is genuine"), "{check}");
    assert!(check.contains("KES 550"));
    assert!(
        check.contains(&receipt),
        "the M-Pesa receipt number is signed too"
    );
    assert!(!check.contains("Wanjiku"), "no names on the public check");
    // By reference and M-Pesa receipt number: the same receipt; the reference alone (or
    // with a blank receipt number) says nothing about it; a typo is caught by its check
    // character.
    for blank in [
        format!("/verify?reference={reference}"),
        format!("/verify?reference={reference}&receipt=+"),
    ] {
        let check = stranger.get(&blank).await.text();
        assert!(
            check.contains("Type the M-Pesa receipt number too"),
            "{check}"
        );
        assert!(!check.contains("This receipt is genuine"), "{check}");
        assert!(!check.contains("KES 550"), "{check}");
    }
    let check = stranger
        .get(&format!("/verify?reference={reference}&receipt={receipt}"))
        .await
        .text();
    assert!(check.contains("This receipt is genuine"), "{check}");
    let last = reference.chars().last().unwrap();
    let typo = format!(
        "{}{}",
        &reference[..reference.len() - 1],
        if last == '0' { '1' } else { '0' }
    );
    let check = stranger
        .get(&format!("/verify?reference={typo}"))
        .await
        .text();
    assert!(check.contains("One of the characters is wrong"), "{check}");
    let mine = b.get("/applications").await.text();
    assert!(mine.contains("Submitted"), "{mine}");
}

async fn cancelled_timed_out_and_late_callbacks(p: &Paying) {
    let mut b = citizen(&p.app).await;
    let id = complete_land_search(&mut b).await;
    send(&mut b, &id, true).await;
    // Cancelled on the phone.
    let to = prompt(&mut b, &id, &key(2)).await;
    let checkout = pushes(p)[0].checkout_request_id.clone();
    p.simulator.answer(&checkout, "cancel", true).await.unwrap();
    let page = b.get(&to).await.text();
    assert!(page.contains("cancelled on the phone"), "{page}");
    assert!(page.contains("Try again"));
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");

    // No answer, and the callback never comes: reconciliation asks and settles it.
    let to = prompt(&mut b, &id, &key(3)).await;
    let checkout = pushes(p)[0].checkout_request_id.clone();
    p.simulator
        .answer(&checkout, "timeout", false)
        .await
        .unwrap();
    assert!(b.get(&to).await.text().contains("Check your phone"));
    let settled = app::payments::mpesa::reconcile(&p.app.db, &p.mpesa, chrono::Duration::zero())
        .await
        .unwrap();
    assert_eq!(settled, 1);
    assert!(b.get(&to).await.text().contains("did not answer in time"));

    // Paid, but the callback is lost: reconciliation finds it paid.
    let to = prompt(&mut b, &id, &key(4)).await;
    let checkout = pushes(p)[0].checkout_request_id.clone();
    p.simulator.answer(&checkout, "pay", false).await.unwrap();
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
    app::payments::mpesa::reconcile(&p.app.db, &p.mpesa, chrono::Duration::zero())
        .await
        .unwrap();
    assert_eq!(status_of(&p.app.db, &id).await, "submitted");
    assert!(b.get(&to).await.text().contains("Payment received"));
    // Asked again (another instance's worker): already settled, nothing changes.
    assert_eq!(
        app::payments::mpesa::reconcile(&p.app.db, &p.mpesa, chrono::Duration::zero())
            .await
            .unwrap(),
        0
    );
}

async fn a_second_payment_is_flagged_for_refund(p: &Paying) {
    let mut b = citizen(&p.app).await;
    let id = complete_land_search(&mut b).await;
    send(&mut b, &id, true).await;
    // Two prompts (two tabs), both paid.
    let first = prompt(&mut b, &id, &key(5)).await;
    let second = prompt(&mut b, &id, &key(6)).await;
    let all = pushes(p);
    assert_eq!(all.len(), 2);
    for push in &all {
        p.simulator
            .answer(&push.checkout_request_id, "pay", true)
            .await
            .unwrap();
    }
    let pages = [b.get(&first).await.text(), b.get(&second).await.text()];
    assert_eq!(
        pages
            .iter()
            .filter(|p| p.contains("will be refunded"))
            .count(),
        1,
        "one of the two is flagged"
    );
    let refunds = app::data::payments::refunds_due(&p.app.db).await.unwrap();
    assert_eq!(refunds.len(), 1);
    assert_eq!(status_of(&p.app.db, &id).await, "submitted");
    assert_eq!(outbox_count(&p.app.db, "submitted-email:").await, 1);
}

async fn paybill_checks_the_account_and_amount(p: &Paying) {
    let mut b = citizen(&p.app).await;
    let id = complete_land_search(&mut b).await;
    send(&mut b, &id, true).await;
    let number = invoice_number_of(&p.app.db, &id).await;
    let daraja = &p.mpesa.daraja;
    // A typo in the account number, or the wrong amount: M-Pesa is told to refuse it.
    assert_eq!(
        daraja
            .simulate_c2b("254712345678", 550, "UR0000000000")
            .await
            .unwrap(),
        "C2B00012"
    );
    assert_eq!(
        daraja
            .simulate_c2b("254712345678", 500, &number)
            .await
            .unwrap(),
        "C2B00013"
    );
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
    // Typed in lower case with spaces: still the invoice, paid once M-Pesa confirms it.
    let typed = format!("{} {}", &number[..5], &number[5..]).to_lowercase();
    assert_eq!(
        daraja
            .simulate_c2b("254712345678", 550, &typed)
            .await
            .unwrap(),
        "0"
    );
    let (db, app_id) = (&p.app.db, &id);
    eventually(
        "the Paybill payment is checked and applied",
        || async move { status_of(db, app_id).await == "submitted" },
    )
    .await;
    let confirmation = b
        .get(&format!("/applications/{id}/confirmation"))
        .await
        .text();
    assert!(confirmation.contains("M-Pesa Paybill"), "{confirmation}");
    // Paid twice by Paybill: M-Pesa's validation refuses it (the invoice is paid).
    assert_eq!(
        daraja
            .simulate_c2b("254712345678", 550, &number)
            .await
            .unwrap(),
        "C2B00012"
    );
    // Where validation cannot be reached, the payment goes through and its confirmation
    // comes anyway: recorded once M-Pesa bears it out, flagged for refund, and recorded
    // once however often the confirmation is repeated.
    let second = p
        .simulator
        .pay_bill_with(
            "254712345678",
            "550",
            &number,
            Delivery {
                validate: false,
                confirm: true,
            },
        )
        .await
        .unwrap();
    eventually("the second payment is flagged for refund", || async move {
        !app::data::payments::refunds_due(db)
            .await
            .unwrap()
            .is_empty()
    })
    .await;
    let confirmation_url = format!(
        "{}/payments/mpesa/{TOKEN}/c2b/confirmation",
        p.mpesa.site_url
    );
    let body = serde_json::json!({
        "TransactionType": "Pay Bill", "TransID": second.transaction, "TransTime": "20261122100000",
        "TransAmount": "550.00", "BusinessShortCode": "174379", "BillRefNumber": number,
        "MSISDN": "254712345678",
    });
    for _ in 0..2 {
        let res = reqwest::Client::new()
            .post(&confirmation_url)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(res.status().is_success());
    }
    let refunds = app::data::payments::refunds_due(&p.app.db).await.unwrap();
    assert_eq!(refunds.len(), 1);
    assert_eq!(
        refunds[0].mpesa_receipt.as_deref(),
        Some(second.transaction.as_str())
    );
}

async fn nobody_else_sees_or_pays_it(p: &Paying) {
    let mut owner = citizen(&p.app).await;
    let id = complete_land_search(&mut owner).await;
    send(&mut owner, &id, true).await;
    let to = prompt(&mut owner, &id, &key(7)).await;
    let mut other = officer(&p.app).await;
    for path in [
        format!("/applications/{id}/pay"),
        to.clone(),
        format!("/applications/{id}/confirmation"),
        format!("/applications/{id}/receipt.pdf"),
    ] {
        assert_eq!(other.get(&path).await.status, 404, "{path}");
    }
    let res = other
        .post_form(
            "/api/applications/pay-mpesa",
            &format!("/applications/{id}/pay"),
            &[("id", &id), ("phone", "0712345678"), ("key", &key(8))],
        )
        .await;
    assert!(res.header("location").unwrap_or_default().contains("__err"));
    assert_eq!(pushes(p).len(), 1, "no prompt for someone else's invoice");
    // A callback without the secret token is nobody's business.
    let forged = reqwest::Client::new()
        .post(format!(
            "{}/payments/mpesa/wrong-token/stk",
            p.mpesa.site_url
        ))
        .json(&serde_json::json!({"Body": {"stkCallback": {
            "MerchantRequestID": "x", "CheckoutRequestID": pushes(p)[0].checkout_request_id,
            "ResultCode": 0, "ResultDesc": "ok"}}}))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 404);
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
}

async fn a_free_application_is_submitted_when_sent(p: &Paying) {
    // A service with nothing to pay (as a visa extension is): here, land search made free.
    crate::tracking::make_land_search_free(&p.app.db).await;
    let mut b = citizen(&p.app).await;
    let id = complete_land_search(&mut b).await;
    assert_eq!(
        send(&mut b, &id, true).await,
        format!("/applications/{id}/confirmation")
    );
    assert_eq!(status_of(&p.app.db, &id).await, "submitted");
    let page = b
        .get(&format!("/applications/{id}/confirmation"))
        .await
        .text();
    assert!(page.contains("Application sent"), "{page}");
    assert!(page.contains("No fee: nothing to pay"));
    assert!(pushes(p).is_empty(), "no M-Pesa prompt");
    assert_eq!(outbox_count(&p.app.db, "submitted-sms:").await, 1);
}

macro_rules! paying_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let p = super::paying(false).await.expect("SQLite is always there");
                    super::$name(&p).await;
                    p.app.cleanup().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(p) = super::paying(true).await else { return };
                    super::$name(&p).await;
                    p.app.cleanup().await;
                }
            )*
        }
    };
}

paying_tests!(
    fees_follow_the_answers,
    sending_needs_every_answer_and_the_declaration,
    a_prompt_paid_once_whatever_m_pesa_repeats,
    cancelled_timed_out_and_late_callbacks,
    a_second_payment_is_flagged_for_refund,
    paybill_checks_the_account_and_amount,
    nobody_else_sees_or_pays_it,
    a_free_application_is_submitted_when_sent
);

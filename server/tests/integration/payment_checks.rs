//! What M-Pesa's callbacks are not taken on their word for (issue 17), over real HTTP with
//! the simulator, on SQLite and PostgreSQL: a Paybill confirmation pays an invoice only
//! once M-Pesa's Transaction Status answer bears it out (a transaction it never saw, or
//! another amount, pays nothing; one M-Pesa cannot be asked about is kept and asked again);
//! callbacks come only from the allowed networks; and an STK callback saying "paid" for
//! another amount or phone than was asked settles nothing.

use crate::browser::citizen;
use crate::payments::{
    complete_land_search, eventually, invoice_number_of, key, mpesa_at, prompt, pushes, send,
    status_of, Paying, TOKEN,
};
use app::data::Db;
use app::payments::daraja::{Daraja, DarajaConfig};
use app::payments::mpesa::Mpesa;
use serde_json::{json, Value};
use uraia_server::daraja_sim::{Delivery, SimulatorConfig};

const PHONE: &str = "254712345678";

/// A land search sent and waiting for its KES 550: its id and invoice number.
async fn waiting(p: &Paying) -> (String, String) {
    let mut b = citizen(&p.app).await;
    let id = complete_land_search(&mut b).await;
    send(&mut b, &id, true).await;
    let number = invoice_number_of(&p.app.db, &id).await;
    (id, number)
}

fn confirmation(transaction: &str, amount: &str, account: &str) -> Value {
    json!({
        "TransactionType": "Pay Bill", "TransID": transaction, "TransTime": "20261207100000",
        "TransAmount": amount, "BusinessShortCode": "174379", "BillRefNumber": account,
        "InvoiceNumber": "", "OrgAccountBalance": "", "ThirdPartyTransID": "",
        "MSISDN": PHONE, "FirstName": "John",
    })
}

/// Posts to one of M-Pesa's callback addresses (`/payments/mpesa/<token>/<path>`).
async fn post(p: &Paying, path: &str, body: &Value) -> reqwest::Response {
    reqwest::Client::new()
        .post(format!(
            "{}/payments/mpesa/{TOKEN}/{path}",
            p.mpesa.site_url
        ))
        .json(body)
        .send()
        .await
        .unwrap()
}

async fn check_of(db: &Db, transaction: &str) -> Option<(String, bool, Option<String>)> {
    app::with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT status, contradicted, conversation_id FROM paybill_checks WHERE transaction_id = $1"
    )
    .bind(transaction)
    .fetch_optional(pool)
    .await
    .unwrap()
    })
}

async fn count(db: &Db, sql: &str) -> i64 {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, i64>(sql)
        .fetch_one(pool)
        .await
        .unwrap())
}

/// Waits until M-Pesa's answer has decided the check of `transaction`.
async fn decided(p: &Paying, transaction: &str, status: &str) {
    let db = &p.app.db;
    eventually(
        &format!("the check of {transaction} is {status}"),
        || async move {
            check_of(db, transaction)
                .await
                .is_some_and(|(s, _, _)| s == status)
        },
    )
    .await;
}

async fn forged_confirmations_pay_nothing(p: &Paying) {
    let (id, number) = waiting(p).await;
    // A transaction id M-Pesa never saw, with the right account and total: kept, answered
    // as Daraja expects, refused once M-Pesa says it does not exist.
    let res = post(
        p,
        "c2b/confirmation",
        &confirmation("QFORGED001", "550.00", &number),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<Value>().await.unwrap()["ResultCode"], 0);
    decided(p, "QFORGED001", "refused").await;
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
    assert_eq!(count(&p.app.db, "SELECT COUNT(*) FROM payments").await, 0);

    // A real transaction (KES 100 paid while validation was unreachable, its confirmation
    // lost), claimed as the invoice's KES 550: M-Pesa knows it for another amount.
    let small = p
        .simulator
        .pay_bill_with(
            PHONE,
            "100",
            &number,
            Delivery {
                validate: false,
                confirm: false,
            },
        )
        .await
        .unwrap();
    post(
        p,
        "c2b/confirmation",
        &confirmation(&small.transaction, "550.00", &number),
    )
    .await;
    decided(p, &small.transaction, "refused").await;
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");

    // A genuine payment of another invoice, claimed again for this one: the account is not
    // in M-Pesa's answer, but the second claim contradicts the first and pays nothing.
    let (other, other_number) = waiting(p).await;
    let genuine = p
        .simulator
        .pay_bill(PHONE, "550", &other_number)
        .await
        .unwrap();
    assert_eq!(genuine.code, "0");
    decided(p, &genuine.transaction, "confirmed").await;
    assert_eq!(status_of(&p.app.db, &other).await, "submitted");
    post(
        p,
        "c2b/confirmation",
        &confirmation(&genuine.transaction, "550.00", &number),
    )
    .await;
    let (status, contradicted, _) = check_of(&p.app.db, &genuine.transaction).await.unwrap();
    assert_eq!((status.as_str(), contradicted), ("confirmed", true));
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");

    // An answer posted for a check nobody made is nobody's business.
    let found = json!({"Result": {"ResultType": 0, "ResultCode": 0,
        "ResultDesc": "The service request is processed successfully.",
        "ConversationID": "AG_1", "OriginatorConversationID": "1-1-1", "TransactionID": "X",
        "ResultParameters": {"ResultParameter": [
            {"Key": "ReceiptNo", "Value": "QFORGED001"}, {"Key": "Amount", "Value": 550.0},
            {"Key": "TransactionStatus", "Value": "Completed"},
            {"Key": "CreditPartyName", "Value": "174379 - Uraia"}]}}});
    let res = post(p, "c2b/status/0123456789abcdef0123456789abcdef", &found).await;
    assert_eq!(res.status(), 404);
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
}

async fn a_genuine_paybill_payment_is_paid_after_the_status_check(p: &Paying) {
    let (id, number) = waiting(p).await;
    let paid = p.simulator.pay_bill(PHONE, "550", &number).await.unwrap();
    assert_eq!(paid.code, "0");
    decided(p, &paid.transaction, "confirmed").await;
    let (_, contradicted, conversation) = check_of(&p.app.db, &paid.transaction).await.unwrap();
    assert!(!contradicted);
    assert!(
        conversation.is_some_and(|c| c.starts_with("AG_")),
        "M-Pesa was asked"
    );
    assert_eq!(status_of(&p.app.db, &id).await, "submitted");
    let receipt: String = app::with_pool!(&p.app.db, |pool| sqlx::query_scalar(
        "SELECT mpesa_receipt FROM payments WHERE method = 'paybill'"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(receipt, paid.transaction);
    // M-Pesa repeats the confirmation: nothing more is asked or recorded.
    post(
        p,
        "c2b/confirmation",
        &confirmation(&paid.transaction, "550.00", &number),
    )
    .await;
    assert_eq!(count(&p.app.db, "SELECT COUNT(*) FROM payments").await, 1);
    assert_eq!(
        count(&p.app.db, "SELECT COUNT(*) FROM paybill_checks").await,
        1
    );
}

async fn a_confirmation_is_kept_while_m_pesa_cannot_be_asked(p: &Paying) {
    // The app's Daraja is unreachable (see the setup below); the simulator still plays the
    // payment and delivers its confirmation.
    let (id, number) = waiting(p).await;
    let paid = p.simulator.pay_bill(PHONE, "550", &number).await.unwrap();
    assert_eq!(paid.code, "0");
    let (status, _, conversation) = check_of(&p.app.db, &paid.transaction).await.unwrap();
    assert_eq!((status.as_str(), conversation), ("unchecked", None));
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
    // M-Pesa is back: the worker's next round asks, and M-Pesa's answer pays the invoice.
    let reachable = mpesa_at(&p.simulator_url, &p.mpesa.site_url);
    let asked = app::payments::paybill::recheck(&p.app.db, &reachable, chrono::Duration::zero())
        .await
        .unwrap();
    assert_eq!(asked, 1);
    decided(p, &paid.transaction, "confirmed").await;
    assert_eq!(status_of(&p.app.db, &id).await, "submitted");
    let asked = app::payments::paybill::recheck(&p.app.db, &reachable, chrono::Duration::zero())
        .await
        .unwrap();
    assert_eq!(asked, 0, "nothing left to ask about");
}

async fn a_refused_initiator_leaves_the_check_open(p: &Paying) {
    // The app's security credential is wrong (see the setup below): M-Pesa answers 2001.
    let (id, number) = waiting(p).await;
    let paid = p.simulator.pay_bill(PHONE, "550", &number).await.unwrap();
    let (db, transaction) = (&p.app.db, paid.transaction.as_str());
    eventually("M-Pesa refuses the initiator", || async move {
        app::with_pool!(db, |pool| sqlx::query_scalar::<_, Option<String>>(
            "SELECT result_code FROM paybill_checks WHERE transaction_id = $1"
        )
        .bind(transaction)
        .fetch_one(pool)
        .await
        .unwrap())
        .as_deref()
            == Some("2001")
    })
    .await;
    let (status, _, _) = check_of(&p.app.db, transaction).await.unwrap();
    assert_eq!(status, "unchecked", "not refused: the fault is ours");
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
    // Put right, the worker's round settles it.
    let fixed = mpesa_at(&p.simulator_url, &p.mpesa.site_url);
    app::payments::paybill::recheck(&p.app.db, &fixed, chrono::Duration::zero())
        .await
        .unwrap();
    decided(p, transaction, "confirmed").await;
    assert_eq!(status_of(&p.app.db, &id).await, "submitted");
}

async fn callbacks_from_other_networks_are_refused(p: &Paying) {
    // Only 192.0.2.0/24 may call (see the setup below); these calls come from 127.0.0.1.
    let (id, number) = waiting(p).await;
    // M-Pesa's own validation call is refused in Daraja's shape, so no money moves.
    let played = p.simulator.pay_bill(PHONE, "550", &number).await.unwrap();
    assert_eq!(played.code, "C2B00016");
    // A confirmation with the token, from elsewhere: 403, in Daraja's shape, not kept.
    let res = post(
        p,
        "c2b/confirmation",
        &confirmation("QFORGED003", "550.00", &number),
    )
    .await;
    assert_eq!(res.status(), 403);
    assert_eq!(res.json::<Value>().await.unwrap()["ResultCode"], "C2B00016");
    // Saying it comes from an allowed address changes nothing without a trusted proxy.
    let res = reqwest::Client::new()
        .post(format!(
            "{}/payments/mpesa/{TOKEN}/c2b/confirmation",
            p.mpesa.site_url
        ))
        .header("x-forwarded-for", "192.0.2.7")
        .json(&confirmation("QFORGED003", "550.00", &number))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 403);
    let stk = json!({"Body": {"stkCallback": {"MerchantRequestID": "x",
        "CheckoutRequestID": "ws_CO_1", "ResultCode": 0, "ResultDesc": "ok"}}});
    assert_eq!(post(p, "stk", &stk).await.status(), 403);
    // Without the token it is still as if nothing were there.
    let res = reqwest::Client::new()
        .post(format!(
            "{}/payments/mpesa/wrong-token/c2b/confirmation",
            p.mpesa.site_url
        ))
        .json(&confirmation("QFORGED003", "550.00", &number))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 404);
    assert_eq!(
        count(&p.app.db, "SELECT COUNT(*) FROM paybill_checks").await,
        0
    );
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
}

fn paid_callback(checkout: &str, amount: Option<i64>, phone: Option<i64>) -> Value {
    let mut items = vec![
        json!({"Name": "MpesaReceiptNumber", "Value": "QFORGED004"}),
        json!({"Name": "TransactionDate", "Value": 20261207100000_i64}),
    ];
    if let Some(amount) = amount {
        items.push(json!({"Name": "Amount", "Value": amount}));
    }
    if let Some(phone) = phone {
        items.push(json!({"Name": "PhoneNumber", "Value": phone}));
    }
    json!({"Body": {"stkCallback": {"MerchantRequestID": "1-1-1",
        "CheckoutRequestID": checkout, "ResultCode": 0,
        "ResultDesc": "The service request is processed successfully.",
        "CallbackMetadata": {"Item": items}}}})
}

async fn stk_callbacks_for_another_amount_or_phone_settle_nothing(p: &Paying) {
    let mut b = citizen(&p.app).await;
    let id = complete_land_search(&mut b).await;
    send(&mut b, &id, true).await;
    prompt(&mut b, &id, &key(1)).await;
    let checkout = pushes(p)[0].checkout_request_id.clone();
    let mismatch = || async {
        app::with_pool!(&p.app.db, |pool| sqlx::query_as::<
            _,
            (String, Option<String>),
        >(
            "SELECT status, callback_mismatch FROM payments"
        )
        .fetch_one(pool)
        .await
        .unwrap())
    };
    for (amount, phone, differs) in [
        (Some(1), Some(254712345678), "amount"),
        (Some(550), Some(254700000001), "phone"),
        (None, None, "amount, phone"),
    ] {
        let res = post(p, "stk", &paid_callback(&checkout, amount, phone)).await;
        assert_eq!(res.status(), 200, "answered as Daraja expects");
        assert_eq!(
            mismatch().await,
            ("pending".to_string(), Some(differs.to_string()))
        );
        assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
    }
    // Asked itself, M-Pesa says the prompt is still waiting: still not paid.
    app::payments::mpesa::reconcile(&p.app.db, &p.mpesa, chrono::Duration::zero())
        .await
        .unwrap();
    assert_eq!(status_of(&p.app.db, &id).await, "awaiting_payment");
    // The person pays: M-Pesa's own callback matches, and settles it.
    p.simulator.answer(&checkout, "pay", true).await.unwrap();
    assert_eq!(status_of(&p.app.db, &id).await, "submitted");
    let receipt: Option<String> = app::with_pool!(&p.app.db, |pool| sqlx::query_scalar(
        "SELECT mpesa_receipt FROM payments"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    assert_ne!(receipt.as_deref(), Some("QFORGED004"));
}

/// An app whose Daraja cannot be reached.
fn unreachable(m: &mut Mpesa, _simulator: &str) {
    m.daraja = mpesa_at("http://127.0.0.1:9", &m.site_url).daraja;
}

/// An app asking M-Pesa with a security credential M-Pesa refuses.
fn wrong_credential(m: &mut Mpesa, simulator: &str) {
    let config = SimulatorConfig::default();
    m.daraja = Daraja::new(DarajaConfig {
        base_url: simulator.to_string(),
        consumer_key: config.consumer_key,
        consumer_secret: config.consumer_secret,
        shortcode: config.shortcode,
        passkey: config.passkey,
        callback_url: format!("{}/payments/mpesa/{TOKEN}/stk", m.site_url),
        initiator: config.initiator,
        security_credential: "not-the-credential".into(),
    });
}

/// An app taking M-Pesa's callbacks only from a network these tests are not on.
fn elsewhere(m: &mut Mpesa, _simulator: &str) {
    m.networks = vec!["192.0.2.0/24".parse().unwrap()];
}

fn as_is(_: &mut Mpesa, _simulator: &str) {}

macro_rules! checks {
    ($($name:ident with $adjust:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let p = crate::payments::paying_with(false, super::$adjust)
                        .await
                        .expect("SQLite is always there");
                    super::$name(&p).await;
                    p.app.cleanup().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(p) = crate::payments::paying_with(true, super::$adjust).await
                    else { return };
                    super::$name(&p).await;
                    p.app.cleanup().await;
                }
            )*
        }
    };
}

checks!(
    forged_confirmations_pay_nothing with as_is,
    a_genuine_paybill_payment_is_paid_after_the_status_check with as_is,
    a_confirmation_is_kept_while_m_pesa_cannot_be_asked with unreachable,
    a_refused_initiator_leaves_the_check_open with wrong_credential,
    callbacks_from_other_networks_are_refused with elsewhere,
    stk_callbacks_for_another_amount_or_phone_settle_nothing with as_is,
);

mod configuration {
    use clap::Parser;
    use uraia_server::config::{Config, ConfigError};

    const TOKEN: &str = "a-callback-token-long-enough-for-production-use";

    fn config(extra: &[&str]) -> Config {
        let mut args = vec![
            "uraia",
            "--mode",
            "production",
            "--daraja-url",
            "https://api.safaricom.co.ke",
            "--daraja-consumer-key",
            "key",
            "--daraja-consumer-secret",
            "secret",
            "--daraja-shortcode",
            "174379",
            "--daraja-passkey",
            "passkey",
            "--daraja-callback-token",
            TOKEN,
        ];
        args.extend_from_slice(extra);
        uraia_server::cli::Cli::parse_from(args).config
    }

    fn networks(extra: &[&str]) -> Result<usize, ConfigError> {
        config(extra).mpesa().map(|m| m.networks.len())
    }

    const INITIATOR: [&str; 4] = [
        "--daraja-initiator",
        "uraia-api",
        "--daraja-security-credential",
        "c2VjcmV0",
    ];

    #[test]
    fn production_with_daraja_says_where_callbacks_come_from() {
        // Without the initiator, Paybill confirmations could not be checked.
        assert!(matches!(networks(&[]), Err(ConfigError::DarajaIncomplete)));
        assert!(matches!(
            networks(&INITIATOR),
            Err(ConfigError::DarajaNetworksMissing)
        ));
        let listed = [
            &INITIATOR[..],
            &[
                "--daraja-allowed-networks",
                "196.201.214.0/24, 196.201.213.114",
            ],
        ]
        .concat();
        assert_eq!(networks(&listed).ok(), Some(2));
        let any = [&INITIATOR[..], &["--daraja-allowed-networks", "any"]].concat();
        assert_eq!(networks(&any).ok(), Some(0), "a proxy in front checks");
        let wrong = [&INITIATOR[..], &["--daraja-allowed-networks", "safaricom"]].concat();
        assert!(matches!(
            networks(&wrong),
            Err(ConfigError::DarajaNetwork(n)) if n == "safaricom"
        ));
    }

    #[test]
    fn development_takes_callbacks_from_anywhere_unless_told() {
        let dev = uraia_server::cli::Cli::parse_from(["uraia"]).config;
        let setup = dev.mpesa().expect("the simulator");
        assert!(setup.simulated && setup.networks.is_empty());
        let told =
            uraia_server::cli::Cli::parse_from(["uraia", "--daraja-allowed-networks", "127.0.0.1"])
                .config;
        assert_eq!(told.mpesa().ok().map(|m| m.networks.len()), Some(1));
    }
}

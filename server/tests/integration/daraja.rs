//! The M-Pesa Daraja client against the embedded simulator, over real HTTP: token, STK push
//! with its password, the person paying, cancelling or not answering, the callback M-Pesa
//! posts, the status query that settles a callback that never came, and the Transaction
//! Status query whose answer is posted back.

use app::payments::daraja::{
    codes, status_codes, Daraja, DarajaConfig, DarajaError, StatusResultEnvelope,
    StkCallbackEnvelope, StkOutcome,
};
use std::sync::{Arc, Mutex};
use uraia_server::daraja_sim::{router, Simulator, SimulatorConfig};

/// Serves a router on a free local port; returns its base URL.
async fn serve(router: axum::Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{address}")
}

struct Setup {
    daraja: Daraja,
    simulator: String,
    callbacks: Arc<Mutex<Vec<StkCallbackEnvelope>>>,
}

async fn setup(passkey: &str) -> Setup {
    let sim_config = SimulatorConfig::default();
    let simulator = serve(router(Simulator::new(sim_config.clone()))).await;
    // Stands in for Uraia's callback endpoint: keeps what M-Pesa posts.
    let callbacks: Arc<Mutex<Vec<StkCallbackEnvelope>>> = Arc::default();
    let kept = callbacks.clone();
    let receiver = axum::Router::new().route(
        "/callback",
        axum::routing::post(move |axum::Json(body): axum::Json<StkCallbackEnvelope>| {
            let kept = kept.clone();
            async move {
                kept.lock().unwrap().push(body);
                axum::Json(serde_json::json!({"ResultCode": 0, "ResultDesc": "Accepted"}))
            }
        }),
    );
    let callback_url = format!("{}/callback", serve(receiver).await);
    let daraja = Daraja::new(DarajaConfig {
        base_url: simulator.clone(),
        consumer_key: sim_config.consumer_key,
        consumer_secret: sim_config.consumer_secret,
        shortcode: sim_config.shortcode,
        passkey: passkey.to_string(),
        callback_url,
        initiator: sim_config.initiator,
        security_credential: sim_config.security_credential,
    });
    Setup {
        daraja,
        simulator,
        callbacks,
    }
}

/// Does on the simulated phone what the person would: pay, cancel, timeout.
async fn on_phone(simulator: &str, checkout: &str, action: &str, callback: bool) {
    let url = format!("{simulator}/simulator/pushes/{checkout}/{action}?callback={callback}");
    let res = reqwest::Client::new().post(url).send().await.unwrap();
    assert!(res.status().is_success(), "{}", res.status());
}

#[tokio::test]
async fn a_paid_push_calls_back_with_the_receipt() {
    let s = setup("uraia-local-passkey").await;
    let push = s
        .daraja
        .stk_push("254712000001", 1050, "INV-7K3M9QX2", "Passport")
        .await
        .expect("push accepted");
    assert!(push.checkout_request_id.starts_with("ws_CO_"));
    assert_eq!(
        s.daraja.stk_query(&push.checkout_request_id).await.unwrap(),
        StkOutcome::Pending
    );
    on_phone(&s.simulator, &push.checkout_request_id, "pay", true).await;
    let callbacks = s.callbacks.lock().unwrap().clone();
    assert_eq!(callbacks.len(), 1);
    let callback = &callbacks[0].body.stk_callback;
    assert_eq!(callback.checkout_request_id, push.checkout_request_id);
    assert_eq!(callback.outcome(), StkOutcome::Paid);
    assert_eq!(callback.amount(), Some(1050));
    assert_eq!(callback.receipt().map(|r| r.len()), Some(10));
    assert_eq!(
        s.daraja.stk_query(&push.checkout_request_id).await.unwrap(),
        StkOutcome::Paid
    );
}

#[tokio::test]
async fn cancelling_and_not_answering_are_told_apart() {
    let s = setup("uraia-local-passkey").await;
    let cancelled = s
        .daraja
        .stk_push("254712000001", 50, "INV-1", "Test")
        .await
        .unwrap();
    on_phone(&s.simulator, &cancelled.checkout_request_id, "cancel", true).await;
    let ignored = s
        .daraja
        .stk_push("254712000001", 50, "INV-2", "Test")
        .await
        .unwrap();
    // The phone never answers and the callback never arrives: the query settles it.
    on_phone(&s.simulator, &ignored.checkout_request_id, "timeout", false).await;
    let callbacks = s.callbacks.lock().unwrap().clone();
    assert_eq!(callbacks.len(), 1, "no callback for the lost one");
    assert!(matches!(
        callbacks[0].body.stk_callback.outcome(),
        StkOutcome::Failed {
            code: codes::CANCELLED,
            ..
        }
    ));
    assert!(matches!(
        s.daraja
            .stk_query(&ignored.checkout_request_id)
            .await
            .unwrap(),
        StkOutcome::Failed {
            code: codes::PHONE_UNREACHABLE,
            ..
        }
    ));
}

#[tokio::test]
async fn a_wrong_passkey_or_phone_is_refused() {
    let s = setup("not-the-passkey").await;
    let refused = s.daraja.stk_push("254712000001", 50, "INV-1", "Test").await;
    assert!(
        matches!(&refused, Err(DarajaError::Refused { message, .. }) if message.contains("Password")),
        "{refused:?}"
    );
    let s = setup("uraia-local-passkey").await;
    let refused = s.daraja.stk_push("0712000001", 50, "INV-1", "Test").await;
    assert!(
        matches!(&refused, Err(DarajaError::Refused { message, .. }) if message.contains("PhoneNumber")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn an_unreachable_daraja_is_reported_as_such() {
    let daraja = Daraja::new(DarajaConfig {
        base_url: "http://127.0.0.1:9".into(),
        consumer_key: "k".into(),
        consumer_secret: "s".into(),
        shortcode: "174379".into(),
        passkey: "p".into(),
        callback_url: "http://127.0.0.1:9/callback".into(),
        initiator: "i".into(),
        security_credential: "c".into(),
    });
    assert!(matches!(
        daraja.stk_push("254712000001", 1, "INV", "T").await,
        Err(DarajaError::Unreachable(_))
    ));
}

/// The Transaction Status query: acknowledged at once, and M-Pesa's answer posted to the
/// ResultURL afterwards, knowing only the payments that were really made.
#[tokio::test]
async fn a_status_query_is_answered_at_the_result_url() {
    let s = setup("uraia-local-passkey").await;
    let results: Arc<Mutex<Vec<StatusResultEnvelope>>> = Arc::default();
    let kept = results.clone();
    let receiver = axum::Router::new().route(
        "/result",
        axum::routing::post(move |axum::Json(body): axum::Json<StatusResultEnvelope>| {
            let kept = kept.clone();
            async move {
                kept.lock().unwrap().push(body);
                axum::Json(serde_json::json!({"ResultCode": 0, "ResultDesc": "Accepted"}))
            }
        }),
    );
    let result_url = format!("{}/result", serve(receiver).await);
    // A push paid on the phone: a transaction M-Pesa knows.
    let push = s
        .daraja
        .stk_push("254712000001", 1050, "INV-7K3M9QX2", "Passport")
        .await
        .unwrap();
    on_phone(&s.simulator, &push.checkout_request_id, "pay", true).await;
    let receipt = s.callbacks.lock().unwrap()[0]
        .body
        .stk_callback
        .receipt()
        .unwrap();
    let known = s
        .daraja
        .transaction_status(&receipt, &result_url, &result_url)
        .await
        .expect("acknowledged");
    assert!(known.conversation_id.starts_with("AG_"), "{known:?}");
    let unknown = s
        .daraja
        .transaction_status("QFORGED001", &result_url, &result_url)
        .await
        .expect("acknowledged: the answer comes later");
    // Asked as an initiator M-Pesa does not accept.
    let sim_config = SimulatorConfig::default();
    let wrong = Daraja::new(DarajaConfig {
        base_url: s.simulator.clone(),
        consumer_key: sim_config.consumer_key,
        consumer_secret: sim_config.consumer_secret,
        shortcode: sim_config.shortcode,
        passkey: sim_config.passkey,
        callback_url: result_url.clone(),
        initiator: sim_config.initiator,
        security_credential: "not-the-credential".into(),
    });
    let refused = wrong
        .transaction_status(&receipt, &result_url, &result_url)
        .await
        .expect("acknowledged");
    for _ in 0..200 {
        if results.lock().unwrap().len() == 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let results = results.lock().unwrap().clone();
    assert_eq!(results.len(), 3, "three answers posted");
    let answer = |conversation: &str| {
        results
            .iter()
            .find(|r| r.result.conversation_id == conversation)
            .map(|r| r.result.clone())
            .expect("an answer for each query")
    };
    let found = answer(&known.conversation_id).found().expect("found");
    assert_eq!(found.receipt, receipt);
    assert_eq!(found.amount_cents, Some(105_000));
    assert_eq!(found.status, "Completed");
    assert!(found.paid_to("174379"), "{}", found.credit_party);
    assert!(!found.paid_to("600000"));
    let not_found = answer(&unknown.conversation_id);
    assert_eq!(not_found.code(), status_codes::NO_SUCH_TRANSACTION);
    assert!(not_found.found().is_none());
    assert_eq!(
        answer(&refused.conversation_id).code(),
        status_codes::INITIATOR_INVALID
    );
}

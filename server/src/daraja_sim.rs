//! An embedded M-Pesa Daraja simulator: the same HTTP protocol as Safaricom's API (OAuth
//! token, STK push, STK query, and the result callback it posts), so Uraia's real client
//! works offline end to end. The "phone" is driven on demand: a waiting push is paid,
//! cancelled, or left to time out through the `/simulator/…` control routes (the
//! development phone page and the tests use them), and a callback can be held back to
//! exercise reconciliation by status query. Paybill payments (C2B) are in `c2b`; the
//! Transaction Status query, answered from the payments the simulator really took, in
//! `status`.

mod c2b;
mod status;

pub use c2b::{BillPaid, Delivery};

use app::payments::daraja::{
    codes, password, CallbackMetadata, MetadataItem, StkCallback, StkCallbackBody,
    StkCallbackEnvelope,
};
use axum::{
    extract::{Path, Query, State},
    http::{header, HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::{get, post},
    Json, Router,
};
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// The credentials the simulator accepts (Uraia's development configuration uses these).
#[derive(Clone, Debug)]
pub struct SimulatorConfig {
    pub consumer_key: String,
    pub consumer_secret: String,
    pub shortcode: String,
    pub passkey: String,
    /// The initiator of Transaction Status queries, and its security credential (taken as
    /// is: Safaricom decrypts it with its key, the simulator has none).
    pub initiator: String,
    pub security_credential: String,
}

impl Default for SimulatorConfig {
    fn default() -> Self {
        SimulatorConfig {
            consumer_key: "uraia-local-consumer-key".into(),
            consumer_secret: "uraia-local-consumer-secret".into(),
            shortcode: "174379".into(),
            passkey: "uraia-local-passkey".into(),
            initiator: "uraia-local-initiator".into(),
            security_credential: "uraia-local-security-credential".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PushState {
    Waiting,
    Paid { receipt: String },
    Failed { code: i64, description: String },
}

/// An STK push as the simulated phone sees it.
#[derive(Clone, Debug, Serialize)]
pub struct Push {
    pub merchant_request_id: String,
    pub checkout_request_id: String,
    pub phone: String,
    pub amount: i64,
    pub account: String,
    #[serde(skip)]
    callback_url: String,
    pub state: PushState,
}

pub struct Simulator {
    config: SimulatorConfig,
    tokens: Mutex<HashSet<String>>,
    pushes: Mutex<HashMap<String, Push>>,
    c2b: Mutex<Option<c2b::C2bUrls>>,
    /// Paybill payments that went through, by receipt number.
    bills: Mutex<HashMap<String, c2b::Bill>>,
    http: reqwest::Client,
}

impl Simulator {
    pub fn new(config: SimulatorConfig) -> Arc<Simulator> {
        Arc::new(Simulator {
            config,
            tokens: Mutex::default(),
            pushes: Mutex::default(),
            c2b: Mutex::default(),
            bills: Mutex::default(),
            http: reqwest::Client::new(),
        })
    }

    pub fn shortcode(&self) -> &str {
        &self.config.shortcode
    }

    /// Every push to a phone number, newest first (the development phone page).
    pub fn pushes_to(&self, phone: &str) -> Vec<Push> {
        let pushes = self.pushes.lock().expect("lock");
        let mut list: Vec<Push> = pushes
            .values()
            .filter(|p| p.phone == phone)
            .cloned()
            .collect();
        list.sort_by(|a, b| b.checkout_request_id.cmp(&a.checkout_request_id));
        list
    }
}

pub(crate) fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(json!({ "requestId": uuid::Uuid::new_v4().to_string(), "errorCode": code, "errorMessage": message })),
    )
        .into_response()
}

/// Daraja's answer to a call without a valid bearer token, if this is one.
pub(crate) fn unauthorised(sim: &Simulator, headers: &HeaderMap) -> Option<Response> {
    let valid = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .is_some_and(|t| sim.tokens.lock().expect("lock").contains(t));
    (!valid).then(|| {
        error(
            StatusCode::UNAUTHORIZED,
            "404.001.03",
            "Invalid Access Token",
        )
    })
}

async fn token(State(sim): State<Arc<Simulator>>, headers: HeaderMap) -> Response {
    let expected = base64::engine::general_purpose::STANDARD.encode(format!(
        "{}:{}",
        sim.config.consumer_key, sim.config.consumer_secret
    ));
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "));
    if given != Some(expected.as_str()) {
        return error(
            StatusCode::BAD_REQUEST,
            "400.008.01",
            "Invalid Authentication passed",
        );
    }
    let token = uuid::Uuid::new_v4().simple().to_string();
    sim.tokens.lock().expect("lock").insert(token.clone());
    Json(json!({ "access_token": token, "expires_in": "3599" })).into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StkPushRequest {
    business_short_code: String,
    password: String,
    timestamp: String,
    amount: serde_json::Value,
    phone_number: serde_json::Value,
    #[serde(rename = "CallBackURL")]
    call_back_url: String,
    account_reference: String,
}

pub(crate) fn text_of(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

async fn stk_push(
    State(sim): State<Arc<Simulator>>,
    headers: HeaderMap,
    Json(request): Json<StkPushRequest>,
) -> Response {
    if let Some(refused) = unauthorised(&sim, &headers) {
        return refused;
    }
    let expected = password(
        &sim.config.shortcode,
        &sim.config.passkey,
        &request.timestamp,
    );
    if request.business_short_code != sim.config.shortcode || request.password != expected {
        return error(
            StatusCode::BAD_REQUEST,
            "400.002.02",
            "Bad Request - Invalid Password",
        );
    }
    let phone = text_of(&request.phone_number);
    if !(phone.len() == 12 && (phone.starts_with("2547") || phone.starts_with("2541"))) {
        return error(
            StatusCode::BAD_REQUEST,
            "400.002.02",
            "Bad Request - Invalid PhoneNumber",
        );
    }
    let Some(amount) = request
        .amount
        .as_i64()
        .or_else(|| text_of(&request.amount).parse().ok())
        .filter(|a| *a >= 1)
    else {
        return error(
            StatusCode::BAD_REQUEST,
            "400.002.02",
            "Bad Request - Invalid Amount",
        );
    };
    let now = chrono::Utc::now();
    let checkout_request_id = format!(
        "ws_CO_{}{}",
        now.format("%d%m%Y%H%M%S%3f"),
        &uuid::Uuid::new_v4().simple().to_string()[..6]
    );
    let merchant_request_id = format!("{}-{}-1", now.timestamp_subsec_micros(), now.timestamp());
    sim.pushes.lock().expect("lock").insert(
        checkout_request_id.clone(),
        Push {
            merchant_request_id: merchant_request_id.clone(),
            checkout_request_id: checkout_request_id.clone(),
            phone,
            amount,
            account: request.account_reference,
            callback_url: request.call_back_url,
            state: PushState::Waiting,
        },
    );
    Json(json!({
        "MerchantRequestID": merchant_request_id,
        "CheckoutRequestID": checkout_request_id,
        "ResponseCode": "0",
        "ResponseDescription": "Success. Request accepted for processing",
        "CustomerMessage": "Success. Request accepted for processing",
    }))
    .into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct StkQueryRequest {
    #[serde(rename = "CheckoutRequestID")]
    checkout_request_id: String,
}

async fn stk_query(
    State(sim): State<Arc<Simulator>>,
    headers: HeaderMap,
    Json(request): Json<StkQueryRequest>,
) -> Response {
    if let Some(refused) = unauthorised(&sim, &headers) {
        return refused;
    }
    let state = sim
        .pushes
        .lock()
        .expect("lock")
        .get(&request.checkout_request_id)
        .map(|p| p.state.clone());
    match state {
        None => error(
            StatusCode::BAD_REQUEST,
            "400.002.02",
            "Bad Request - Invalid CheckoutRequestID",
        ),
        Some(PushState::Waiting) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "500.001.1001",
            "The transaction is being processed",
        ),
        Some(PushState::Paid { .. }) => Json(json!({
            "ResponseCode": "0",
            "ResponseDescription": "The service request has been accepted successsfully",
            "CheckoutRequestID": request.checkout_request_id,
            "ResultCode": "0",
            "ResultDesc": "The service request is processed successfully.",
        }))
        .into_response(),
        Some(PushState::Failed { code, description }) => Json(json!({
            "ResponseCode": "0",
            "ResponseDescription": "The service request has been accepted successsfully",
            "CheckoutRequestID": request.checkout_request_id,
            "ResultCode": code.to_string(),
            "ResultDesc": description,
        }))
        .into_response(),
    }
}

#[derive(Deserialize)]
struct ActionQuery {
    /// `false` holds the callback back (M-Pesa's callback never arrives).
    callback: Option<bool>,
}

/// Why a push could not be answered.
#[derive(Debug, PartialEq, Eq)]
pub enum AnswerError {
    NoSuchPush,
    NoSuchAction,
    AlreadyAnswered,
}

impl Simulator {
    /// What the person does on the phone: `pay`, `cancel`, or `timeout` (no answer). With
    /// `callback` false the result callback is held back (M-Pesa's never arrives).
    pub async fn answer(
        &self,
        checkout_request_id: &str,
        action: &str,
        callback: bool,
    ) -> Result<Push, AnswerError> {
        let new_state = match action {
            "pay" => PushState::Paid {
                receipt: receipt_number(),
            },
            "cancel" => PushState::Failed {
                code: codes::CANCELLED,
                description: "Request cancelled by user".into(),
            },
            "timeout" => PushState::Failed {
                code: codes::PHONE_UNREACHABLE,
                description: "DS timeout user cannot be reached".into(),
            },
            _ => return Err(AnswerError::NoSuchAction),
        };
        let push = {
            let mut pushes = self.pushes.lock().expect("lock");
            let push = pushes
                .get_mut(checkout_request_id)
                .ok_or(AnswerError::NoSuchPush)?;
            if push.state != PushState::Waiting {
                return Err(AnswerError::AlreadyAnswered);
            }
            push.state = new_state;
            push.clone()
        };
        if callback {
            let envelope = callback_for(&push);
            if let Err(e) = self
                .http
                .post(&push.callback_url)
                .json(&envelope)
                .send()
                .await
            {
                tracing::warn!(error = %e.without_url(), "simulated M-Pesa callback not delivered");
            }
        }
        Ok(push)
    }
}

async fn act(
    State(sim): State<Arc<Simulator>>,
    Path((checkout_request_id, action)): Path<(String, String)>,
    Query(query): Query<ActionQuery>,
) -> Response {
    match sim
        .answer(&checkout_request_id, &action, query.callback != Some(false))
        .await
    {
        Ok(push) => Json(push).into_response(),
        Err(AnswerError::AlreadyAnswered) => {
            (StatusCode::CONFLICT, "already answered").into_response()
        }
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Sends the same callback again (M-Pesa sometimes does).
async fn resend(
    State(sim): State<Arc<Simulator>>,
    Path(checkout_request_id): Path<String>,
) -> Response {
    let push = sim
        .pushes
        .lock()
        .expect("lock")
        .get(&checkout_request_id)
        .cloned();
    let Some(push) = push.filter(|p| p.state != PushState::Waiting) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match sim
        .http
        .post(&push.callback_url)
        .json(&callback_for(&push))
        .send()
        .await
    {
        Ok(_) => StatusCode::NO_CONTENT.into_response(),
        Err(_) => StatusCode::BAD_GATEWAY.into_response(),
    }
}

#[derive(Deserialize)]
struct PhoneQuery {
    phone: String,
}

async fn pushes(State(sim): State<Arc<Simulator>>, Query(q): Query<PhoneQuery>) -> Response {
    Json(sim.pushes_to(&q.phone)).into_response()
}

pub(crate) fn receipt_number() -> String {
    // M-Pesa receipts: ten upper-case letters and digits.
    uuid::Uuid::new_v4().simple().to_string()[..10].to_uppercase()
}

fn callback_for(push: &Push) -> StkCallbackEnvelope {
    let (result_code, result_desc, metadata) = match &push.state {
        PushState::Paid { receipt } => (
            0,
            "The service request is processed successfully.".to_string(),
            Some(CallbackMetadata {
                item: vec![
                    MetadataItem {
                        name: "Amount".into(),
                        value: Some(json!(push.amount)),
                    },
                    MetadataItem {
                        name: "MpesaReceiptNumber".into(),
                        value: Some(json!(receipt)),
                    },
                    MetadataItem {
                        name: "TransactionDate".into(),
                        value: Some(json!(chrono::Utc::now()
                            .format("%Y%m%d%H%M%S")
                            .to_string()
                            .parse::<i64>()
                            .unwrap_or_default())),
                    },
                    MetadataItem {
                        name: "PhoneNumber".into(),
                        value: Some(json!(push.phone.parse::<i64>().unwrap_or_default())),
                    },
                ],
            }),
        ),
        PushState::Failed { code, description } => (*code, description.clone(), None),
        PushState::Waiting => (codes::PHONE_UNREACHABLE, "waiting".into(), None),
    };
    StkCallbackEnvelope {
        body: StkCallbackBody {
            stk_callback: StkCallback {
                merchant_request_id: push.merchant_request_id.clone(),
                checkout_request_id: push.checkout_request_id.clone(),
                result_code,
                result_desc,
                callback_metadata: metadata,
            },
        },
    }
}

/// The simulator's routes, to nest under a path or serve on their own.
pub fn router(sim: Arc<Simulator>) -> Router {
    Router::new()
        .route("/oauth/v1/generate", get(token))
        .route("/mpesa/stkpush/v1/processrequest", post(stk_push))
        .route("/mpesa/stkpushquery/v1/query", post(stk_query))
        .route("/mpesa/c2b/v1/registerurl", post(c2b::register))
        .route("/mpesa/c2b/v1/simulate", post(c2b::simulate))
        .route("/mpesa/transactionstatus/v1/query", post(status::query))
        .route("/simulator/pushes", get(pushes))
        .route("/simulator/pushes/{id}/resend", post(resend))
        .route("/simulator/pushes/{id}/{action}", post(act))
        .with_state(sim)
}

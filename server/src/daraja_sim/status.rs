//! The simulator's Transaction Status query (`/mpesa/transactionstatus/v1/query`), as
//! Safaricom's: the call is acknowledged with a conversation id, and the result is posted
//! afterwards to the ResultURL. It knows only the payments the simulator really took (STK
//! pushes paid on the phone, Paybill payments that went through): any other receipt number
//! is "The transaction receipt number does not exist." (2032), and a wrong initiator
//! credential is "The initiator information is invalid." (2001), as M-Pesa answers.

use super::{error, text_of, unauthorised, PushState, Simulator};
use app::payments::daraja::status_codes;
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;
use serde_json::{json, Value};
use std::sync::Arc;

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct StatusRequest {
    initiator: String,
    security_credential: String,
    #[serde(rename = "CommandID")]
    command_id: String,
    #[serde(rename = "TransactionID")]
    transaction_id: String,
    party_a: Value,
    #[serde(rename = "ResultURL")]
    result_url: String,
    #[serde(rename = "QueueTimeOutURL")]
    queue_time_out_url: String,
    #[serde(default)]
    occasion: String,
}

/// A payment M-Pesa took, as the status query describes it.
struct Taken {
    phone: String,
    amount_cents: i64,
    /// How M-Pesa names the kind of payment.
    reason: &'static str,
}

impl Simulator {
    fn taken(&self, receipt: &str) -> Option<Taken> {
        if let Some(bill) = self.bills.lock().expect("lock").get(receipt) {
            return Some(Taken {
                phone: bill.phone.clone(),
                amount_cents: bill.amount_cents,
                reason: "Pay Bill",
            });
        }
        self.pushes
            .lock()
            .expect("lock")
            .values()
            .find(|p| matches!(&p.state, PushState::Paid { receipt: r } if r == receipt))
            .map(|p| Taken {
                phone: p.phone.clone(),
                amount_cents: p.amount * 100,
                reason: "Pay Bill Online",
            })
    }
}

pub(super) async fn query(
    State(sim): State<Arc<Simulator>>,
    headers: HeaderMap,
    Json(request): Json<StatusRequest>,
) -> Response {
    if let Some(refused) = unauthorised(&sim, &headers) {
        return refused;
    }
    let invalid = |what: &str| {
        error(
            StatusCode::BAD_REQUEST,
            "400.002.02",
            &format!("Bad Request - Invalid {what}"),
        )
    };
    if request.command_id != "TransactionStatusQuery" {
        return invalid("CommandID");
    }
    if text_of(&request.party_a) != sim.config.shortcode {
        return invalid("PartyA");
    }
    if !request.result_url.starts_with("http") {
        return invalid("ResultURL");
    }
    if !request.queue_time_out_url.starts_with("http") {
        return invalid("QueueTimeOutURL");
    }
    let now = chrono::Utc::now();
    let hex = uuid::Uuid::new_v4().simple().to_string();
    let conversation = format!("AG_{}_{}", now.format("%Y%m%d"), &hex[..20]);
    let originator = format!("{}-{}-1", &hex[20..25], now.timestamp_subsec_micros());
    let mut result = if request.initiator != sim.config.initiator
        || request.security_credential != sim.config.security_credential
    {
        failure(
            status_codes::INITIATOR_INVALID,
            "The initiator information is invalid.",
        )
    } else {
        match sim.taken(request.transaction_id.trim()) {
            Some(taken) => found(
                &sim,
                &request.transaction_id,
                &taken,
                &originator,
                &conversation,
            ),
            None => failure(
                status_codes::NO_SUCH_TRANSACTION,
                "The transaction receipt number does not exist.",
            ),
        }
    };
    result["OriginatorConversationID"] = json!(originator);
    result["ConversationID"] = json!(conversation);
    result["ReferenceData"] = json!({
        "ReferenceItem": { "Key": "Occasion", "Value": request.occasion }
    });
    // Answered later, as M-Pesa does: after this acknowledgement is on its way.
    let post = sim.clone();
    let url = request.result_url;
    tokio::spawn(async move {
        let envelope = json!({ "Result": result });
        if let Err(e) = post.http.post(&url).json(&envelope).send().await {
            tracing::warn!(error = %e.without_url(), "simulated status result not delivered");
        }
    });
    Json(json!({
        "OriginatorConversationID": originator,
        "ConversationID": conversation,
        "ResponseCode": "0",
        "ResponseDescription": "Accept the service request successfully.",
    }))
    .into_response()
}

fn failure(code: &str, description: &str) -> Value {
    json!({
        "ResultType": 0,
        "ResultCode": code.parse::<i64>().map(Value::from).unwrap_or_else(|_| json!(code)),
        "ResultDesc": description,
        "TransactionID": "",
    })
}

fn found(
    sim: &Simulator,
    receipt: &str,
    taken: &Taken,
    originator: &str,
    conversation: &str,
) -> Value {
    let time: i64 = chrono::Utc::now()
        .format("%Y%m%d%H%M%S")
        .to_string()
        .parse()
        .unwrap_or_default();
    let parameter = |key: &str, value: Value| json!({ "Key": key, "Value": value });
    json!({
        "ResultType": 0,
        "ResultCode": 0,
        "ResultDesc": "The service request is processed successfully.",
        // The query's own transaction, as M-Pesa numbers it.
        "TransactionID": format!("{}0000000", &receipt.get(..3).unwrap_or("SIM")),
        "ResultParameters": { "ResultParameter": [
            parameter("DebitPartyName", json!(format!("{} - John Doe", taken.phone))),
            parameter("CreditPartyName", json!(format!("{} - Uraia", sim.config.shortcode))),
            parameter("OriginatorConversationID", json!(originator)),
            parameter("InitiatedTime", json!(time)),
            parameter("DebitAccountType", json!("MMF Account For Customer")),
            { "Key": "TransactionReason" },
            parameter("ReasonType", json!(taken.reason)),
            parameter("TransactionStatus", json!("Completed")),
            parameter("FinalisedTime", json!(time)),
            parameter("Amount", json!(taken.amount_cents as f64 / 100.0)),
            parameter("ConversationID", json!(conversation)),
            parameter("ReceiptNo", json!(receipt)),
        ]},
    })
}

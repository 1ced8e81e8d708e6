//! The simulator's Paybill side (C2B): Uraia registers its validation and confirmation
//! addresses as with Safaricom (`/mpesa/c2b/v1/registerurl`), and a customer's payment to
//! the Paybill is played out on demand (`/mpesa/c2b/v1/simulate`, as in Safaricom's
//! sandbox): the validation call first, which may refuse it, then the confirmation. A
//! payment that goes through is kept, so the Transaction Status query can be answered.

use super::{error, receipt_number, text_of, unauthorised, Simulator};
use app::payments::daraja::cents;
use axum::{
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde::Deserialize;
use serde_json::json;
use std::sync::Arc;

/// Where a shortcode's Paybill payments are announced.
#[derive(Clone, Debug)]
pub struct C2bUrls {
    pub validation: String,
    pub confirmation: String,
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct RegisterRequest {
    short_code: serde_json::Value,
    #[serde(rename = "ConfirmationURL")]
    confirmation_url: String,
    #[serde(rename = "ValidationURL")]
    validation_url: String,
}

pub(super) async fn register(
    State(sim): State<Arc<Simulator>>,
    headers: HeaderMap,
    Json(request): Json<RegisterRequest>,
) -> Response {
    if let Some(refused) = unauthorised(&sim, &headers) {
        return refused;
    }
    let shortcode = text_of(&request.short_code);
    if shortcode != sim.config.shortcode {
        return error(
            StatusCode::BAD_REQUEST,
            "400.003.02",
            "Bad Request - Invalid ShortCode",
        );
    }
    *sim.c2b.lock().expect("lock") = Some(C2bUrls {
        validation: request.validation_url,
        confirmation: request.confirmation_url,
    });
    Json(json!({
        "OriginatorCoversationID": uuid::Uuid::new_v4().to_string(),
        "ResponseCode": "0",
        "ResponseDescription": "Success",
    }))
    .into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(super) struct SimulateRequest {
    short_code: serde_json::Value,
    amount: serde_json::Value,
    msisdn: serde_json::Value,
    bill_ref_number: String,
}

/// How a played Paybill payment ended: M-Pesa's response code ("0" went through) and the
/// transaction id.
pub struct BillPaid {
    pub code: String,
    pub transaction: String,
}

/// A Paybill payment that went through, as M-Pesa keeps it.
#[derive(Clone, Debug)]
pub(super) struct Bill {
    pub phone: String,
    pub amount_cents: i64,
}

/// How a played Paybill payment reaches Uraia.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Delivery {
    /// Uraia's validation is asked first; `false`: its address could not be reached, and
    /// (registered as "Completed") the payment goes through unasked.
    pub validate: bool,
    /// The confirmation is posted; `false`: it is lost on the way.
    pub confirm: bool,
}

impl Delivery {
    pub const NORMAL: Delivery = Delivery {
        validate: true,
        confirm: true,
    };
}

impl Simulator {
    /// A customer pays `amount` shillings to the Paybill with `account` as the account
    /// number: validation first (which may refuse it), then confirmation.
    pub async fn pay_bill(&self, phone: &str, amount: &str, account: &str) -> Option<BillPaid> {
        self.pay_bill_with(phone, amount, account, Delivery::NORMAL)
            .await
    }

    /// As `pay_bill`, with validation or confirmation going astray as told.
    pub async fn pay_bill_with(
        &self,
        phone: &str,
        amount: &str,
        account: &str,
        delivery: Delivery,
    ) -> Option<BillPaid> {
        let urls = self.c2b.lock().expect("lock").clone()?;
        let transaction = receipt_number();
        let now = chrono::Utc::now().format("%Y%m%d%H%M%S").to_string();
        let body = json!({
            "TransactionType": "Pay Bill",
            "TransID": transaction,
            "TransTime": now,
            "TransAmount": format!("{}.00", amount.trim().trim_end_matches(".00")),
            "BusinessShortCode": self.config.shortcode,
            "BillRefNumber": account,
            "InvoiceNumber": "",
            "OrgAccountBalance": "",
            "ThirdPartyTransID": "",
            "MSISDN": phone,
            "FirstName": "John",
        });
        // Validation: anything but ResultCode "0" refuses the payment (no money moves).
        let code = if !delivery.validate {
            "0".into()
        } else {
            match self.http.post(&urls.validation).json(&body).send().await {
                Ok(response) => response
                    .json::<serde_json::Value>()
                    .await
                    .ok()
                    .and_then(|v| v.get("ResultCode").map(text_of))
                    .unwrap_or_else(|| "0".into()),
                // An unreachable validation address: registered as "Completed", so it goes
                // through.
                Err(_) => "0".into(),
            }
        };
        if code == "0" {
            let amount_cents = body["TransAmount"].as_str().and_then(cents);
            if let Some(amount_cents) = amount_cents {
                self.bills.lock().expect("lock").insert(
                    transaction.clone(),
                    Bill {
                        phone: phone.to_string(),
                        amount_cents,
                    },
                );
            }
            if delivery.confirm {
                if let Err(e) = self.http.post(&urls.confirmation).json(&body).send().await {
                    tracing::warn!(error = %e.without_url(), "simulated C2B confirmation not delivered");
                }
            }
        }
        Some(BillPaid { code, transaction })
    }
}

pub(super) async fn simulate(
    State(sim): State<Arc<Simulator>>,
    headers: HeaderMap,
    Json(request): Json<SimulateRequest>,
) -> Response {
    if let Some(refused) = unauthorised(&sim, &headers) {
        return refused;
    }
    if text_of(&request.short_code) != sim.config.shortcode {
        return error(
            StatusCode::BAD_REQUEST,
            "400.003.02",
            "Bad Request - Invalid ShortCode",
        );
    }
    let paid = sim
        .pay_bill(
            &text_of(&request.msisdn),
            &text_of(&request.amount),
            &request.bill_ref_number,
        )
        .await;
    let Some(paid) = paid else {
        return error(
            StatusCode::BAD_REQUEST,
            "400.003.01",
            "No URLs registered for this ShortCode",
        );
    };
    Json(json!({
        "ConversationID": "",
        "OriginatorCoversationID": uuid::Uuid::new_v4().to_string(),
        "ResponseCode": paid.code,
        "ResponseDescription": if paid.code == "0" {
            "Accept the service request successfully."
        } else {
            "Rejected by the validation URL"
        },
        // Not in Safaricom's answer: the simulator tells its caller the transaction id.
        "TransID": paid.transaction,
    }))
    .into_response()
}

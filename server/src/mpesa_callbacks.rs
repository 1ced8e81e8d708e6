//! Where M-Pesa tells Uraia about payments: the STK push result, and Paybill payments
//! (validation, then confirmation). The addresses carry a secret token only Safaricom was
//! given; anything else gets 404, as if there were nothing here. Each answer is what
//! Daraja expects; the work is in `app::payments` and `app::data::payments`, which apply
//! each payment exactly once however often M-Pesa repeats itself.

use app::data::{
    invoices,
    payments::{self, Settled},
};
use app::forms::reference::normalise_account;
use app::payments::daraja::{verdict, C2bPayment, StkCallbackEnvelope};
use app::payments::mpesa::{self, Mpesa};
use app::state::AppState;
use axum::{
    extract::{Path, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use serde_json::json;
use std::sync::Arc;

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/payments/mpesa/{token}/stk", post(stk))
        .route("/payments/mpesa/{token}/c2b/validation", post(validation))
        .route(
            "/payments/mpesa/{token}/c2b/confirmation",
            post(confirmation),
        )
}

fn mpesa_for(state: &AppState, token: &str) -> Option<Arc<Mpesa>> {
    state
        .mpesa
        .clone()
        .filter(|m| crate::callback_token::matches(&m.callback_token, token))
}

fn accepted() -> Response {
    Json(json!({ "ResultCode": 0, "ResultDesc": "Accepted" })).into_response()
}

/// A failure on our side: M-Pesa retries callbacks it could not deliver.
fn retry_later(error: sqlx::Error) -> Response {
    tracing::error!(%error, "M-Pesa callback not recorded");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

async fn stk(State(state): State<AppState>, Path(token): Path<String>, body: String) -> Response {
    let Some(mpesa) = mpesa_for(&state, &token) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let Ok(envelope) = serde_json::from_str::<StkCallbackEnvelope>(&body) else {
        tracing::warn!("an STK callback that is not Daraja's shape");
        return StatusCode::BAD_REQUEST.into_response();
    };
    let callback = &envelope.body.stk_callback;
    let payment = match payments::by_checkout(&state.db, &callback.checkout_request_id).await {
        Ok(Some(payment)) => payment,
        Ok(None) => {
            tracing::warn!("an STK callback for no payment of ours");
            return accepted();
        }
        Err(e) => return retry_later(e),
    };
    let receipt = callback.receipt();
    match mpesa::settle(
        &state.db,
        &mpesa.site_url,
        &payment,
        &callback.outcome(),
        receipt.as_deref(),
    )
    .await
    {
        Ok(_) => accepted(),
        Err(e) => retry_later(e),
    }
}

fn c2b_verdict(code: &str) -> Response {
    Json(json!({
        "ResultCode": code,
        "ResultDesc": if code == verdict::ACCEPT { "Accepted" } else { "Rejected" },
    }))
    .into_response()
}

/// Before a Paybill payment goes through: refuse an account number that is no unpaid
/// invoice, or an amount that is not its total, so the person's money is not taken.
async fn validation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Json(payment): Json<C2bPayment>,
) -> Response {
    if mpesa_for(&state, &token).is_none() {
        return StatusCode::NOT_FOUND.into_response();
    }
    let number = normalise_account(&payment.bill_ref_number);
    match invoices::by_number(&state.db, &number).await {
        Ok(Some(invoice)) if !invoice.paid() => {
            if payment.amount_cents() == Some(invoice.total_cents) {
                c2b_verdict(verdict::ACCEPT)
            } else {
                c2b_verdict(verdict::INVALID_AMOUNT)
            }
        }
        Ok(_) => c2b_verdict(verdict::INVALID_ACCOUNT),
        Err(e) => retry_later(e),
    }
}

/// A Paybill payment went through: record it against the invoice it names.
async fn confirmation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    Json(payment): Json<C2bPayment>,
) -> Response {
    let Some(mpesa) = mpesa_for(&state, &token) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let number = normalise_account(&payment.bill_ref_number);
    let Some(amount) = payment.amount_cents() else {
        tracing::warn!("a Paybill confirmation without a readable amount");
        return accepted();
    };
    let settled = payments::paybill(
        &state.db,
        &number,
        &payment.trans_id,
        amount,
        &payment.msisdn,
    )
    .await;
    match settled {
        Ok(Settled::Applied) => {
            let invoice = invoices::by_number(&state.db, &number).await.ok().flatten();
            if let Some(invoice) = invoice {
                if let Err(e) =
                    app::notify::applications::submitted(&state.db, &mpesa.site_url, invoice.id)
                        .await
                {
                    tracing::error!(error = %e, "confirmation not queued");
                }
            }
            accepted()
        }
        Ok(Settled::Unknown) => {
            // Money for no invoice of ours (validation was bypassed): for the back office.
            tracing::warn!("a Paybill payment for an unknown account number");
            accepted()
        }
        Ok(settled) => {
            tracing::info!(?settled, "Paybill payment recorded");
            accepted()
        }
        Err(e) => retry_later(e),
    }
}

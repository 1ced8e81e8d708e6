//! Where M-Pesa tells Uraia about payments: the STK push result, Paybill payments
//! (validation, then confirmation), and the answers to the Transaction Status queries that
//! check each Paybill confirmation. The addresses carry a secret token only Safaricom was
//! given; anything else gets 404, as if there were nothing here. With the token, a caller
//! outside M-Pesa's networks (`DARAJA_ALLOWED_NETWORKS`) gets 403, answered in Daraja's
//! shape. Each answer is what Daraja expects; the work is in `app::payments` and
//! `app::data::payments`, which apply each payment exactly once however often M-Pesa
//! repeats itself, and never on a confirmation's word alone (`app::payments::paybill`).

use app::data::{invoices, paybill_checks::Claim, payments};
use app::forms::reference::normalise_account;
use app::payments::daraja::{verdict, C2bPayment, StatusResultEnvelope, StkCallbackEnvelope};
use app::payments::mpesa::{self, Mpesa};
use app::payments::paybill::{self, Answered};
use app::state::AppState;
use axum::{
    extract::{Path, Request, State},
    http::StatusCode,
    response::{IntoResponse, Response},
    routing::post,
    Json, Router,
};
use serde::de::DeserializeOwned;
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
        .route("/payments/mpesa/{token}/c2b/status/{key}", post(status))
        .route(
            "/payments/mpesa/{token}/c2b/status/{key}/timeout",
            post(status_timeout),
        )
}

/// What M-Pesa posts is small; anything larger is not M-Pesa.
const BODY_LIMIT: usize = 64 * 1024;

/// M-Pesa's setup and what it posted, once the caller is checked: the token first (else
/// 404), then the network it calls from (else 403), then Daraja's shape (else 400).
async fn verified<T: DeserializeOwned>(
    state: &AppState,
    token: &str,
    request: Request,
) -> Result<(Arc<Mpesa>, T), Response> {
    let Some(mpesa) = state
        .mpesa
        .clone()
        .filter(|m| crate::callback_token::matches(&m.callback_token, token))
    else {
        return Err(StatusCode::NOT_FOUND.into_response());
    };
    let (parts, body) = request.into_parts();
    if !crate::callback_network::allowed(&parts, &mpesa.networks, state.settings.trust_proxy) {
        tracing::warn!("an M-Pesa callback from a network not allowed: refused");
        return Err(refused());
    }
    let bytes = axum::body::to_bytes(body, BODY_LIMIT)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())?;
    let posted = serde_json::from_slice(&bytes).map_err(|_| {
        tracing::warn!("an M-Pesa callback that is not Daraja's shape");
        StatusCode::BAD_REQUEST.into_response()
    })?;
    Ok((mpesa, posted))
}

fn accepted() -> Response {
    Json(json!({ "ResultCode": 0, "ResultDesc": "Accepted" })).into_response()
}

/// A caller outside M-Pesa's networks: refused, in the shape Daraja's callers expect.
fn refused() -> Response {
    (
        StatusCode::FORBIDDEN,
        Json(json!({ "ResultCode": verdict::OTHER, "ResultDesc": "Rejected" })),
    )
        .into_response()
}

/// A failure on our side: M-Pesa retries callbacks it could not deliver.
fn retry_later(error: sqlx::Error) -> Response {
    tracing::error!(%error, "M-Pesa callback not recorded");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

async fn stk(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let (mpesa, envelope) = match verified::<StkCallbackEnvelope>(&state, &token, request).await {
        Ok(verified) => verified,
        Err(response) => return response,
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
    match mpesa::callback(&state.db, &mpesa.site_url, &payment, callback).await {
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
    request: Request,
) -> Response {
    let payment = match verified::<C2bPayment>(&state, &token, request).await {
        Ok((_, payment)) => payment,
        Err(response) => return response,
    };
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

/// A Paybill payment went through, the confirmation says: kept, and checked with M-Pesa
/// before it counts (`payments::paybill`).
async fn confirmation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let (mpesa, payment) = match verified::<C2bPayment>(&state, &token, request).await {
        Ok(verified) => verified,
        Err(response) => return response,
    };
    let Some(amount_cents) = payment.amount_cents() else {
        tracing::warn!("a Paybill confirmation without a readable amount");
        return accepted();
    };
    let account = normalise_account(&payment.bill_ref_number);
    let claim = Claim {
        transaction_id: payment.trans_id.trim(),
        account: &account,
        amount_cents,
        phone: &payment.msisdn,
    };
    if claim.transaction_id.is_empty() {
        tracing::warn!("a Paybill confirmation without a transaction id");
        return accepted();
    }
    match paybill::confirmation(&state.db, &mpesa, &claim).await {
        Ok(()) => accepted(),
        Err(e) => retry_later(e),
    }
}

/// M-Pesa's answer to the status query of one Paybill check (the key is that check's
/// secret: an unknown one is 404).
async fn status(
    State(state): State<AppState>,
    Path((token, key)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (mpesa, envelope) = match verified::<StatusResultEnvelope>(&state, &token, request).await {
        Ok(verified) => verified,
        Err(response) => return response,
    };
    match paybill::answered(&state.db, &mpesa, &key, &envelope.result).await {
        Ok(Answered::Unknown) => StatusCode::NOT_FOUND.into_response(),
        Ok(_) => accepted(),
        Err(e) => retry_later(e),
    }
}

/// M-Pesa gave up waiting on a status query inside its systems: asked again later.
async fn status_timeout(
    State(state): State<AppState>,
    Path((token, key)): Path<(String, String)>,
    request: Request,
) -> Response {
    if let Err(response) = verified::<serde_json::Value>(&state, &token, request).await {
        return response;
    }
    match paybill::timed_out(&state.db, &key).await {
        Ok(true) => accepted(),
        Ok(false) => StatusCode::NOT_FOUND.into_response(),
        Err(e) => retry_later(e),
    }
}

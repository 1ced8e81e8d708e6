//! Sending an application and paying for it: the declaration (which fixes the invoice and
//! gives the reference), the M-Pesa prompt, waiting for it, the confirmation with the
//! receipt, and the public check of a receipt. Like every application function, each checks
//! first that the caller is signed in and the application is theirs ("not found" if not).

use crate::error::AppError;
use crate::model::{PayPage, PaymentStatus, Receipt, Verification};
use leptos::prelude::*;

/// Sends the application: every answer must be complete and the declaration ticked. The
/// invoice is fixed now; the application is submitted once it is paid.
#[server(endpoint = "applications/send")]
pub async fn send_application(
    id: String,
    #[server(default)] declaration: Option<String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let next = server::send(&call, user_id, &id, declaration.is_some()).await?;
    crate::paths::go(&next);
    Ok(())
}

#[server(endpoint = "applications/pay-page")]
pub async fn get_pay_page(id: String) -> Result<PayPage, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::pay_page(&call, user_id, &id).await
}

/// Sends the M-Pesa prompt to the phone, then shows the waiting page. `key` comes with the
/// form: the same form posted twice (a double tap, a retry) prompts once.
#[server(endpoint = "applications/pay-mpesa")]
pub async fn pay_by_mpesa(id: String, phone: String, key: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let result = server::pay(&call, user_id, &id, &phone, &key).await;
    let prompted = call
        .keep_on_error("pay", &[("phone", phone.as_str())], result)
        .await?;
    if prompted {
        crate::paths::go(&format!("/applications/{id}/payment/{key}"));
    } else {
        crate::paths::go(&format!("/applications/{id}/confirmation"));
    }
    Ok(())
}

#[server(endpoint = "applications/payment-status")]
pub async fn get_payment_status(id: String, key: String) -> Result<PaymentStatus, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::status(&call, user_id, &id, &key).await
}

#[server(endpoint = "applications/receipt")]
pub async fn get_receipt(id: String) -> Result<Receipt, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::receipt(&call, user_id, &id).await
}

/// Public: whether a receipt is genuine, by reference (and M-Pesa receipt number, which
/// the QR code on the PDF carries). Says nothing about who applied.
#[server(endpoint = "receipts/verify", input = server_fn::codec::GetUrl)]
pub async fn verify_receipt(
    #[server(default)] reference: String,
    #[server(default)] receipt: String,
) -> Result<Verification, AppError> {
    let call = crate::auth::call().await?;
    server::verify(&call, &reference, &receipt).await
}

#[cfg(feature = "ssr")]
pub(crate) mod server;

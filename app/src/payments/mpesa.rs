//! Paying an invoice by M-Pesa: the push to the person's phone, what M-Pesa says back
//! (callback or status query), and the confirmation once an application is paid. The
//! exactly-once rules live in `data::payments`; this module talks to Daraja and decides
//! what each answer means.

use super::daraja::{Daraja, DarajaError, StkCallback, StkOutcome};
use crate::data::invoices::InvoiceRow;
use crate::data::payments::{self, PaymentRow, Settled};
use crate::data::Db;
use crate::problem::Problem;
use chrono::Duration;

/// M-Pesa as the portal uses it: the Daraja client and where people reach the portal (for
/// the link in the confirmation message).
pub struct Mpesa {
    pub daraja: Daraja,
    pub site_url: String,
    /// The secret part of the callback addresses (only M-Pesa was told them).
    pub callback_token: String,
    /// The networks M-Pesa's callbacks may come from (`DARAJA_ALLOWED_NETWORKS`); empty:
    /// any (development, or a proxy in front that already checks).
    pub networks: Vec<ipnet::IpNet>,
}

// The callback token is a secret: never in a log.
impl std::fmt::Debug for Mpesa {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mpesa")
            .field("daraja", &self.daraja)
            .field("site_url", &self.site_url)
            .field("networks", &self.networks)
            .finish_non_exhaustive()
    }
}

/// An M-Pesa phone number as Daraja wants it (`2547…`), from what the person typed.
pub fn mpesa_phone(typed: &str) -> Result<String, Problem> {
    let e164 = crate::auth::phone::normalise(typed).map_err(|_| Problem::MpesaPhone)?;
    match e164.strip_prefix("+254") {
        Some(rest) if rest.len() == 9 && (rest.starts_with('7') || rest.starts_with('1')) => {
            Ok(format!("254{rest}"))
        }
        _ => Err(Problem::MpesaPhone),
    }
}

/// Whole shillings for Daraja (fees are whole shillings; a part is rounded up, never down).
pub fn shillings(cents: i64) -> i64 {
    (cents + 99) / 100
}

/// Asks the person's phone to pay the invoice. The same `key` (one per pay form shown)
/// never pushes twice. A push M-Pesa would not take ends as failed, and says so.
pub async fn push(
    db: &Db,
    daraja: &Daraja,
    invoice: &InvoiceRow,
    phone: &str,
    key: &str,
) -> Result<PaymentRow, PushError> {
    let (payment, new) =
        payments::start_stk(db, invoice.id, key, phone, invoice.total_cents).await?;
    if !new {
        return Ok(payment);
    }
    match daraja
        .stk_push(
            phone,
            shillings(invoice.total_cents),
            &invoice.number,
            "Uraia",
        )
        .await
    {
        Ok(accepted) => {
            payments::pushed(
                db,
                payment.id,
                &accepted.merchant_request_id,
                &accepted.checkout_request_id,
            )
            .await?;
            Ok(payment)
        }
        Err(error) => {
            // What M-Pesa said is for the operators, not the person (and holds no secret).
            tracing::warn!(payment = payment.id, %error, "STK push not accepted");
            payments::fail(db, payment.id, None, "not accepted by M-Pesa").await?;
            Err(PushError::Mpesa(error))
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error(transparent)]
    Mpesa(#[from] DarajaError),
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// What a "paid" callback says differently from the request it answers: the amount (in
/// whole shillings, as pushed) and the phone that paid. Empty when both match. A digit
/// Safaricom masks matches any digit; a callback without them matches nothing.
pub fn mismatch(payment: &PaymentRow, callback: &StkCallback) -> Vec<&'static str> {
    let mut differs = Vec::new();
    if callback.amount() != Some(shillings(payment.amount_cents)) {
        differs.push("amount");
    }
    let same_phone = callback.phone().is_some_and(|paid| {
        paid.len() == payment.phone.len()
            && paid
                .chars()
                .zip(payment.phone.chars())
                .all(|(p, asked)| p == asked || !p.is_ascii_digit())
            && paid.chars().any(|c| c.is_ascii_digit())
    });
    if !same_phone {
        differs.push("phone");
    }
    differs
}

/// Applies an STK callback. A "paid" one for another amount or phone than the request does
/// not settle it: it is flagged on the payment and logged (without the numbers), and the
/// reconciliation worker asks M-Pesa itself about the push.
pub async fn callback(
    db: &Db,
    site_url: &str,
    payment: &PaymentRow,
    callback: &StkCallback,
) -> Result<Settled, sqlx::Error> {
    let outcome = callback.outcome();
    if outcome == StkOutcome::Paid {
        let differs = mismatch(payment, callback);
        if !differs.is_empty() {
            let why = differs.join(", ");
            tracing::warn!(
                payment = payment.id,
                differs = %why,
                "an STK callback says paid, but not what was asked: not settled by it"
            );
            payments::flag_mismatch(db, payment.id, &why).await?;
            return Ok(Settled::Mismatched);
        }
    }
    settle(
        db,
        site_url,
        payment,
        &outcome,
        callback.receipt().as_deref(),
    )
    .await
}

/// Applies what M-Pesa said about a push (callback or status query).
pub async fn settle(
    db: &Db,
    site_url: &str,
    payment: &PaymentRow,
    outcome: &StkOutcome,
    receipt: Option<&str>,
) -> Result<Settled, sqlx::Error> {
    let settled = match outcome {
        StkOutcome::Pending => return Ok(Settled::Waiting),
        StkOutcome::Paid => payments::succeed(db, payment.id, receipt).await?,
        StkOutcome::Failed { code, description } => {
            payments::fail(db, payment.id, Some(*code), description).await?
        }
    };
    if settled == Settled::Applied {
        crate::notify::applications::submitted(db, site_url, payment.invoice_id).await?;
    }
    tracing::info!(payment = payment.id, ?settled, "M-Pesa outcome applied");
    Ok(settled)
}

/// Pushes whose callback is late (older than `after`) are asked about by status query.
/// Returns how many were settled. A push M-Pesa still calls "being processed" waits for
/// the next round; one unanswered for an hour is ended as failed (M-Pesa gives up on an
/// unanswered prompt within minutes).
pub async fn reconcile(db: &Db, mpesa: &Mpesa, after: Duration) -> Result<usize, sqlx::Error> {
    let mut settled = 0;
    for payment in payments::due_for_query(db, after, 50).await? {
        let outcome = match &payment.checkout_request_id {
            // The push itself never got an answer: nothing can have been charged.
            None => StkOutcome::Failed {
                code: -1,
                description: "no answer to the push".into(),
            },
            Some(checkout) => match mpesa.daraja.stk_query(checkout).await {
                Ok(outcome) => outcome,
                Err(error) => {
                    tracing::warn!(payment = payment.id, %error, "status query failed");
                    continue;
                }
            },
        };
        let outcome = match outcome {
            StkOutcome::Pending if chrono::Utc::now() - payment.created_at > Duration::hours(1) => {
                StkOutcome::Failed {
                    code: super::daraja::codes::PHONE_UNREACHABLE,
                    description: "no answer within an hour".into(),
                }
            }
            other => other,
        };
        let result = settle(db, &mpesa.site_url, &payment, &outcome, None).await?;
        if !matches!(result, Settled::Duplicate | Settled::Waiting) {
            settled += 1;
        }
    }
    Ok(settled)
}

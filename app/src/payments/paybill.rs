//! Paybill payments are taken on M-Pesa's word, never on a confirmation's. Whoever holds
//! the callback address could post a confirmation naming any invoice and its total, so a
//! confirmation is only kept (`data::paybill_checks`) and M-Pesa is asked about the
//! transaction with Daraja's Transaction Status query. Its answer is posted to an address
//! holding this check's own secret (only M-Pesa was told it), and records the money only if
//! M-Pesa knows the transaction as completed, for the amount claimed, paid to Uraia's
//! shortcode. A query that cannot be sent (M-Pesa unreachable) is retried by the
//! reconciliation worker; nothing is ever paid unchecked.
//!
//! What the query cannot say is the account number the payer typed: M-Pesa's answer does
//! not carry it. A second confirmation of one transaction naming another account holds the
//! check for people to decide.

use super::daraja::{status_codes, StatusResult};
use super::mpesa::Mpesa;
use crate::data::paybill_checks::{self, CheckRow, Claim, Recorded};
use crate::data::payments::{self, Settled};
use crate::data::{invoices, Db};
use chrono::Duration;

/// Where M-Pesa posts the answer about one check, and where it says it gave up waiting.
fn result_urls(mpesa: &Mpesa, result_key: &str) -> (String, String) {
    let base = format!(
        "{}/payments/mpesa/{}/c2b/status/{result_key}",
        mpesa.site_url, mpesa.callback_token
    );
    (base.clone(), format!("{base}/timeout"))
}

/// A confirmation arrived: kept, and (when it is news) M-Pesa is asked about it.
pub async fn confirmation(db: &Db, mpesa: &Mpesa, claim: &Claim<'_>) -> Result<(), sqlx::Error> {
    let key = uuid::Uuid::new_v4().simple().to_string();
    match paybill_checks::record(db, claim, &key).await? {
        Recorded::New(check) => ask(db, mpesa, &check).await,
        Recorded::Repeat(_) => Ok(()),
        Recorded::Contradicts(check) => {
            tracing::warn!(
                check = check.id,
                "a Paybill confirmation contradicts an earlier one of the same transaction"
            );
            Ok(())
        }
    }
}

/// Sends the status query; a failure leaves the check for the worker's next round.
async fn ask(db: &Db, mpesa: &Mpesa, check: &CheckRow) -> Result<(), sqlx::Error> {
    let (result_url, timeout_url) = result_urls(mpesa, &check.result_key);
    match mpesa
        .daraja
        .transaction_status(&check.transaction_id, &result_url, &timeout_url)
        .await
    {
        Ok(queried) => paybill_checks::asked(db, check.id, &queried.conversation_id).await,
        Err(error) => {
            tracing::warn!(check = check.id, %error, "Paybill check not sent to M-Pesa; asked again later");
            Ok(())
        }
    }
}

/// The worker's round: asks again about open checks last asked longer than `after` ago
/// (M-Pesa was unreachable, or its answer never came). Returns how many were asked.
pub async fn recheck(db: &Db, mpesa: &Mpesa, after: Duration) -> Result<usize, sqlx::Error> {
    let due = paybill_checks::due(db, after, 50).await?;
    for check in &due {
        ask(db, mpesa, check).await?;
    }
    Ok(due.len())
}

/// What M-Pesa's answer did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answered {
    /// No check has that key.
    Unknown,
    /// M-Pesa confirmed it: the money is recorded (and what that did).
    Recorded(Settled),
    /// M-Pesa does not know the transaction as claimed: nothing is recorded.
    Refused,
    /// Contradicted by another confirmation: left for people, nothing recorded.
    Held,
    /// M-Pesa could not answer for a reason of Uraia's: asked again later.
    AskAgain,
    /// The check was decided before this answer came.
    Stale,
}

/// Why M-Pesa's answer does not confirm the check, if it does not.
fn refusal(check: &CheckRow, result: &StatusResult, shortcode: &str) -> Option<&'static str> {
    let Some(found) = result.found() else {
        return Some("M-Pesa does not know the transaction");
    };
    if found.status != "Completed" {
        Some("the transaction is not completed")
    } else if !found.receipt.eq_ignore_ascii_case(&check.transaction_id) {
        Some("M-Pesa answered about another transaction")
    } else if found.amount_cents != Some(check.amount_cents) {
        Some("another amount was paid")
    } else if !found.paid_to(shortcode) {
        Some("the money was not paid to this Paybill")
    } else {
        None
    }
}

/// M-Pesa's answer to the query of the check with this key.
pub async fn answered(
    db: &Db,
    mpesa: &Mpesa,
    result_key: &str,
    result: &StatusResult,
) -> Result<Answered, sqlx::Error> {
    let Some(check) = paybill_checks::by_key(db, result_key).await? else {
        return Ok(Answered::Unknown);
    };
    if check.status != "unchecked" {
        return Ok(Answered::Stale);
    }
    let code = result.code();
    if code == status_codes::INITIATOR_INVALID {
        tracing::error!(
            check = check.id,
            "M-Pesa refused the initiator (DARAJA_INITIATOR, DARAJA_SECURITY_CREDENTIAL): Paybill payments cannot be checked"
        );
        paybill_checks::note(db, check.id, &code, &result.result_desc).await?;
        return Ok(Answered::AskAgain);
    }
    if let Some(why) = refusal(&check, result, mpesa.daraja.shortcode()) {
        tracing::warn!(check = check.id, code = %code, why, "a Paybill confirmation M-Pesa does not bear out: nothing recorded");
        let closed = paybill_checks::close(db, check.id, "refused", &code, why).await?;
        return Ok(if closed {
            Answered::Refused
        } else {
            Answered::Stale
        });
    }
    if check.contradicted {
        tracing::warn!(
            check = check.id,
            "a contradicted Paybill confirmation: held for the back office"
        );
        paybill_checks::close(db, check.id, "held", &code, &result.result_desc).await?;
        return Ok(Answered::Held);
    }
    let settled = payments::paybill(db, check.id, &code, &result.result_desc).await?;
    match settled {
        Settled::Applied => {
            if let Some(invoice) = invoices::by_number(db, &check.account).await? {
                crate::notify::applications::submitted(db, &mpesa.site_url, invoice.id).await?;
            }
        }
        // Money for no invoice of ours (validation was bypassed): for the back office.
        Settled::Unknown => tracing::warn!(
            check = check.id,
            "a Paybill payment for an unknown account number"
        ),
        _ => {}
    }
    tracing::info!(
        check = check.id,
        ?settled,
        "Paybill payment checked with M-Pesa"
    );
    Ok(Answered::Recorded(settled))
}

/// M-Pesa gave up waiting on the query inside its own systems: the check stays open and
/// the worker asks again. `false` for no such check.
pub async fn timed_out(db: &Db, result_key: &str) -> Result<bool, sqlx::Error> {
    let check = paybill_checks::by_key(db, result_key).await?;
    if let Some(check) = &check {
        tracing::info!(
            check = check.id,
            "M-Pesa timed out on a Paybill check; asked again later"
        );
    }
    Ok(check.is_some())
}

//! M-Pesa payments against invoices, applied exactly once.
//!
//! Every change is a conditional update inside a transaction, so the order and number of
//! callbacks, status queries and Paybill confirmations cannot matter: a payment leaves
//! `pending` once; an invoice becomes `paid` once, by the first successful payment; any
//! other money that arrives for it is kept on record and flagged for refund; and M-Pesa's
//! receipt number is unique, so the same transaction is never recorded twice.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Duration, Utc};

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct PaymentRow {
    pub id: i64,
    pub invoice_id: i64,
    pub method: String,
    pub idempotency_key: Option<String>,
    pub phone: String,
    pub amount_cents: i64,
    pub checkout_request_id: Option<String>,
    pub status: String,
    pub result_code: Option<i64>,
    pub result_desc: Option<String>,
    pub mpesa_receipt: Option<String>,
    pub refund_due: bool,
    /// Set when a callback claimed this payment for another amount or phone.
    pub callback_mismatch: Option<String>,
    pub created_at: DateTime<Utc>,
    pub resolved_at: Option<DateTime<Utc>>,
}

const SELECT: &str = "SELECT id, invoice_id, method, idempotency_key, phone, amount_cents, \
     checkout_request_id, status, result_code, result_desc, mpesa_receipt, refund_due, \
     callback_mismatch, created_at, resolved_at FROM payments";

/// What a payment's outcome did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Settled {
    /// It paid the invoice: the application is now submitted.
    Applied,
    /// Money arrived for an invoice already paid (or the wrong amount): flagged for refund.
    RefundDue,
    /// The attempt failed (cancelled, timed out, no funds …).
    Failed,
    /// Already settled before: this news was ignored.
    Duplicate,
    /// M-Pesa is still waiting for the person: nothing changed.
    Waiting,
    /// No such payment or invoice.
    Unknown,
    /// A callback said "paid" for another amount or phone than asked: flagged, not applied.
    Mismatched,
}

/// The part both successes share, inside their transaction `$tx` (a macro, so it is
/// written once for both backends): the invoice is paid by this payment if nothing paid it
/// yet, and its application is submitted; otherwise the payment is flagged for refund.
macro_rules! apply_to_invoice {
    ($tx:ident, $invoice_id:expr, $payment_id:expr, $now:expr) => {{
        let paid = sqlx::query(
            "UPDATE invoices SET status = 'paid', paid_by = $1, paid_at = $2 \
             WHERE id = $3 AND status = 'unpaid'",
        )
        .bind($payment_id)
        .bind($now)
        .bind($invoice_id)
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        if paid == 1 {
            let submitted: Option<i64> = sqlx::query_scalar(
                "UPDATE applications SET status = 'submitted', submitted_at = $1, updated_at = $1 \
                 WHERE id = (SELECT application_id FROM invoices WHERE id = $2) \
                 AND status = 'awaiting_payment' RETURNING id",
            )
            .bind($now)
            .bind($invoice_id)
            .fetch_optional(&mut *$tx)
            .await?;
            if let Some(application_id) = submitted {
                let event = $crate::data::tracking::NewEvent::plain(
                    application_id,
                    $crate::tracking::Status::AwaitingPayment,
                    $crate::tracking::Status::Submitted,
                    $crate::tracking::Actor::System,
                    &$crate::data::audit::Who::SYSTEM,
                );
                $crate::insert_event!($tx, &event, $now);
            }
            Settled::Applied
        } else {
            flag_refund!($tx, $payment_id);
            Settled::RefundDue
        }
    }};
}

/// Money that did not settle anything: to be returned.
macro_rules! flag_refund {
    ($tx:ident, $payment_id:expr) => {
        sqlx::query("UPDATE payments SET refund_due = TRUE WHERE id = $1")
            .bind($payment_id)
            .execute(&mut *$tx)
            .await?;
    };
}

/// Starts an STK payment attempt, or finds the one this idempotency key already started
/// (`true` when it is new and a push should be sent).
pub async fn start_stk(
    db: &Db,
    invoice_id: i64,
    key: &str,
    phone: &str,
    amount_cents: i64,
) -> Result<(PaymentRow, bool), sqlx::Error> {
    let inserted = with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO payments (invoice_id, method, idempotency_key, phone, amount_cents, created_at) \
         VALUES ($1, 'stk', $2, $3, $4, $5) ON CONFLICT (idempotency_key) DO NOTHING"
    )
    .bind(invoice_id)
    .bind(key)
    .bind(phone)
    .bind(amount_cents)
    .bind(Utc::now())
    .execute(pool)
    .await?
    .rows_affected()
    });
    let row = by_key(db, key).await?.ok_or(sqlx::Error::RowNotFound)?;
    Ok((row, inserted == 1))
}

pub async fn by_key(db: &Db, key: &str) -> Result<Option<PaymentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE idempotency_key = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(key)
        .fetch_optional(pool)
        .await)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<PaymentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// The payment that settled an invoice (none for an unpaid or free one).
pub async fn settling(
    db: &Db,
    invoice: &crate::data::invoices::InvoiceRow,
) -> Result<Option<PaymentRow>, sqlx::Error> {
    match invoice.paid_by {
        Some(id) => by_id(db, id).await,
        None => Ok(None),
    }
}

/// Every payment made against an invoice, newest first.
pub async fn of_invoice(db: &Db, invoice_id: i64) -> Result<Vec<PaymentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE invoice_id = $1 ORDER BY id DESC");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(invoice_id)
        .fetch_all(pool)
        .await)
}

/// M-Pesa accepted the push: remember its ids to match the callback.
pub async fn pushed(
    db: &Db,
    id: i64,
    merchant_request_id: &str,
    checkout_request_id: &str,
) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE payments SET merchant_request_id = $1, checkout_request_id = $2 WHERE id = $3"
    )
    .bind(merchant_request_id)
    .bind(checkout_request_id)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Ends a pending payment as failed (M-Pesa said so, or could not be reached).
pub async fn fail(
    db: &Db,
    id: i64,
    code: Option<i64>,
    description: &str,
) -> Result<Settled, sqlx::Error> {
    let done = with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE payments SET status = 'failed', result_code = $1, result_desc = $2, resolved_at = $3 \
         WHERE id = $4 AND status = 'pending'"
    )
    .bind(code)
    .bind(description)
    .bind(Utc::now())
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected()
    });
    Ok(if done == 1 {
        Settled::Failed
    } else {
        Settled::Duplicate
    })
}

/// Notes on a payment that a callback claimed it paid, for something other than what was
/// asked (`mismatch`: "amount", "phone"). The payment itself is left as it was.
pub async fn flag_mismatch(db: &Db, id: i64, mismatch: &str) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE payments SET callback_mismatch = $1 WHERE id = $2"
    )
    .bind(mismatch)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// A pending payment succeeded: it pays the invoice if nothing has yet, else it is flagged
/// for refund. A receipt number learnt late (a callback after a status query) is filled in.
pub async fn succeed(db: &Db, id: i64, receipt: Option<&str>) -> Result<Settled, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let moved = sqlx::query(
            "UPDATE payments SET status = 'paid', result_code = 0, mpesa_receipt = $1, resolved_at = $2 \
             WHERE id = $3 AND status = 'pending'",
        )
        .bind(receipt)
        .bind(now)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if moved != 1 {
            if let Some(receipt) = receipt {
                sqlx::query(
                    "UPDATE payments SET mpesa_receipt = $1 WHERE id = $2 AND status = 'paid' \
                     AND mpesa_receipt IS NULL",
                )
                .bind(receipt)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            }
            tx.commit().await?;
            return Ok(Settled::Duplicate);
        }
        let invoice_id: i64 = sqlx::query_scalar("SELECT invoice_id FROM payments WHERE id = $1")
            .bind(id)
            .fetch_one(&mut *tx)
            .await?;
        let outcome = apply_to_invoice!(tx, invoice_id, id, now);
        tx.commit().await?;
        Ok(outcome)
    })
}

/// Money M-Pesa itself confirmed was paid to the Paybill (`data::paybill_checks`): the
/// check is closed as confirmed and the payment recorded from what was checked, in one
/// transaction. Recorded once per check and per M-Pesa receipt; pays the invoice its
/// account number names if the amount is the total and it is unpaid, else it is flagged
/// for refund. A check already closed, or contradicted meanwhile, records nothing.
pub async fn paybill(
    db: &Db,
    check_id: i64,
    result_code: &str,
    result_desc: &str,
) -> Result<Settled, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let checked: Option<(String, String, i64, String)> = sqlx::query_as(
            "UPDATE paybill_checks SET status = 'confirmed', result_code = $1, result_desc = $2, \
             updated_at = $3 WHERE id = $4 AND status = 'unchecked' AND contradicted = FALSE \
             RETURNING transaction_id, account, amount_cents, phone",
        )
        .bind(result_code)
        .bind(result_desc)
        .bind(now)
        .bind(check_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((receipt, account, amount_cents, phone)) = checked else {
            return Ok(Settled::Duplicate);
        };
        let invoice: Option<(i64, i64)> =
            sqlx::query_as("SELECT id, total_cents FROM invoices WHERE number = $1")
                .bind(&account)
                .fetch_optional(&mut *tx)
                .await?;
        let Some((invoice_id, total)) = invoice else {
            tx.commit().await?;
            return Ok(Settled::Unknown);
        };
        let payment_id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO payments (invoice_id, method, phone, amount_cents, status, result_code, \
             mpesa_receipt, created_at, resolved_at) VALUES ($1, 'paybill', $2, $3, 'paid', 0, $4, $5, $5) \
             ON CONFLICT (mpesa_receipt) DO NOTHING RETURNING id",
        )
        .bind(invoice_id)
        .bind(&phone)
        .bind(amount_cents)
        .bind(&receipt)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(payment_id) = payment_id else {
            // The same money, already recorded (an STK push's receipt).
            tx.commit().await?;
            return Ok(Settled::Duplicate);
        };
        let outcome = if amount_cents == total {
            apply_to_invoice!(tx, invoice_id, payment_id, now)
        } else {
            flag_refund!(tx, payment_id);
            Settled::RefundDue
        };
        tx.commit().await?;
        Ok(outcome)
    })
}

/// The payment an STK callback is about.
pub async fn by_checkout(
    db: &Db,
    checkout_request_id: &str,
) -> Result<Option<PaymentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE checkout_request_id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(checkout_request_id)
        .fetch_optional(pool)
        .await)
}

/// Pending pushes old enough that their callback is late and not asked about lately: the
/// reconciliation worker's list. Marks each as asked now.
pub async fn due_for_query(
    db: &Db,
    older_than: Duration,
    limit: i64,
) -> Result<Vec<PaymentRow>, sqlx::Error> {
    let now = Utc::now();
    let sql = format!(
        "{SELECT} WHERE status = 'pending' AND method = 'stk' AND created_at < $1 \
         AND (queried_at IS NULL OR queried_at < $1) ORDER BY id LIMIT $2"
    );
    let rows: Vec<PaymentRow> = with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(now - older_than)
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    for row in &rows {
        with_pool!(db, |pool| sqlx::query(
            "UPDATE payments SET queried_at = $1 WHERE id = $2"
        )
        .bind(now)
        .bind(row.id)
        .execute(pool)
        .await
        .map(|_| ()))?;
    }
    Ok(rows)
}

/// Payments flagged for refund (for the back office), newest first.
pub async fn refunds_due(db: &Db) -> Result<Vec<PaymentRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE refund_due = TRUE ORDER BY id DESC");
    with_pool!(db, |pool| sqlx::query_as(&sql).fetch_all(pool).await)
}

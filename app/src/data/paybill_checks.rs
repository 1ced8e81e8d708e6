//! Paybill confirmations waiting for M-Pesa's word. A confirmation is kept as a check the
//! moment it arrives, so none is lost while M-Pesa cannot be asked; the money is recorded
//! only once M-Pesa's Transaction Status answer matches it (`data::payments::paybill`).
//! Every change is conditional on the check still being open, so repeated confirmations,
//! repeated answers and several instances' workers cannot act twice.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Duration, Utc};

#[derive(sqlx::FromRow, Clone)]
pub struct CheckRow {
    pub id: i64,
    pub transaction_id: String,
    pub account: String,
    pub amount_cents: i64,
    /// The secret in this check's ResultURL.
    pub result_key: String,
    pub status: String,
    pub contradicted: bool,
    pub attempts: i64,
    pub asked_at: Option<DateTime<Utc>>,
}

// The result key is a secret, and the rest is about someone's payment: only the id is shown.
impl std::fmt::Debug for CheckRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CheckRow")
            .field("id", &self.id)
            .field("status", &self.status)
            .finish_non_exhaustive()
    }
}

const SELECT: &str = "SELECT id, transaction_id, account, amount_cents, result_key, status, \
     contradicted, attempts, asked_at FROM paybill_checks";

/// What a Paybill confirmation claims.
pub struct Claim<'a> {
    pub transaction_id: &'a str,
    /// Normalised (`forms::reference::normalise_account`).
    pub account: &'a str,
    pub amount_cents: i64,
    pub phone: &'a str,
}

/// What keeping a confirmation did.
pub enum Recorded {
    /// A new check, counted as asked now: M-Pesa is to be asked about it.
    New(CheckRow),
    /// M-Pesa repeating a confirmation it sent before: the check is under way already.
    Repeat(CheckRow),
    /// Another confirmation of the same transaction named another account or amount: the
    /// check is marked, and will not record money by itself.
    Contradicts(CheckRow),
}

/// Keeps a confirmation as a check (one per transaction id).
pub async fn record(db: &Db, claim: &Claim<'_>, result_key: &str) -> Result<Recorded, sqlx::Error> {
    let now = Utc::now();
    let inserted: Option<i64> = with_pool!(db, |pool| {
        sqlx::query_scalar(
        "INSERT INTO paybill_checks (transaction_id, account, amount_cents, phone, result_key, \
         attempts, asked_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, 1, $6, $6, $6) \
         ON CONFLICT (transaction_id) DO NOTHING RETURNING id"
    )
    .bind(claim.transaction_id)
    .bind(claim.account)
    .bind(claim.amount_cents)
    .bind(claim.phone)
    .bind(result_key)
    .bind(now)
    .fetch_optional(pool)
    .await
    })?;
    let sql = format!("{SELECT} WHERE transaction_id = $1");
    let row: CheckRow = with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(claim.transaction_id)
        .fetch_one(pool)
        .await)?;
    if inserted.is_some() {
        return Ok(Recorded::New(row));
    }
    if row.account == claim.account && row.amount_cents == claim.amount_cents {
        return Ok(Recorded::Repeat(row));
    }
    with_pool!(db, |pool| sqlx::query(
        "UPDATE paybill_checks SET contradicted = TRUE, updated_at = $1 WHERE id = $2"
    )
    .bind(now)
    .bind(row.id)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(Recorded::Contradicts(CheckRow {
        contradicted: true,
        ..row
    }))
}

/// The check a result was posted for.
pub async fn by_key(db: &Db, result_key: &str) -> Result<Option<CheckRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE result_key = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(result_key)
        .fetch_optional(pool)
        .await)
}

pub async fn by_transaction(
    db: &Db,
    transaction_id: &str,
) -> Result<Option<CheckRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE transaction_id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(transaction_id)
        .fetch_optional(pool)
        .await)
}

/// M-Pesa took the query: its conversation id, for the back office to trace.
pub async fn asked(db: &Db, id: i64, conversation_id: &str) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE paybill_checks SET conversation_id = $1, updated_at = $2 WHERE id = $3"
    )
    .bind(conversation_id)
    .bind(Utc::now())
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// Open checks last asked about longer ago than `older_than` (or never): the worker's list.
/// Each is claimed with a conditional update (counted as asked now), so two workers do not
/// both ask.
pub async fn due(db: &Db, older_than: Duration, limit: i64) -> Result<Vec<CheckRow>, sqlx::Error> {
    let now = Utc::now();
    let cutoff = now - older_than;
    let sql = format!(
        "{SELECT} WHERE status = 'unchecked' AND (asked_at IS NULL OR asked_at <= $1) \
         ORDER BY id LIMIT $2"
    );
    let rows: Vec<CheckRow> = with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(cutoff)
        .bind(limit)
        .fetch_all(pool)
        .await)?;
    let mut claimed = Vec::with_capacity(rows.len());
    for row in rows {
        let attempts: Option<i64> = with_pool!(db, |pool| {
            sqlx::query_scalar(
            "UPDATE paybill_checks SET asked_at = $1, attempts = attempts + 1, updated_at = $1 \
             WHERE id = $2 AND status = 'unchecked' AND (asked_at IS NULL OR asked_at <= $3) \
             RETURNING attempts"
        )
        .bind(now)
        .bind(row.id)
        .bind(cutoff)
        .fetch_optional(pool)
        .await
        })?;
        if let Some(attempts) = attempts {
            claimed.push(CheckRow {
                attempts,
                asked_at: Some(now),
                ..row
            });
        }
    }
    Ok(claimed)
}

/// Closes an open check without recording money: `refused` (M-Pesa does not know the
/// transaction as claimed) or `held` (contradicted). `false` if it was closed already.
pub async fn close(
    db: &Db,
    id: i64,
    status: &str,
    result_code: &str,
    result_desc: &str,
) -> Result<bool, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE paybill_checks SET status = $1, result_code = $2, result_desc = $3, updated_at = $4 \
         WHERE id = $5 AND status = 'unchecked'"
    )
    .bind(status)
    .bind(result_code)
    .bind(result_desc)
    .bind(Utc::now())
    .bind(id)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1)
    })
}

/// Keeps what M-Pesa said while leaving the check open (a refused initiator: asked again).
pub async fn note(
    db: &Db,
    id: i64,
    result_code: &str,
    result_desc: &str,
) -> Result<(), sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE paybill_checks SET result_code = $1, result_desc = $2, updated_at = $3 \
         WHERE id = $4 AND status = 'unchecked'"
    )
    .bind(result_code)
    .bind(result_desc)
    .bind(Utc::now())
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ()))
}

//! Invoices: what an application costs, fixed line by line when the person sends it. Sending
//! gives the application its reference, locks its answers and creates the invoice in one
//! transaction; the application counts as submitted only once the invoice is paid
//! (`data::payments`).

use crate::data::db::collided;
use crate::data::tracking::NewEvent;
use crate::data::Db;
use crate::forms::Answers;
use crate::identifiers::ATTEMPTS;
use crate::tracking::{Actor, Status};
use crate::{insert_event, with_pool};
use chrono::{DateTime, Utc};

/// A fee line as the catalogue lists it for a service (`service_fees`).
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct ServiceFeeRow {
    pub kind: String,
    pub label_en: String,
    pub label_sw: String,
    pub when_en: Option<String>,
    pub amount_cents: i64,
}

/// Every fee line of a service, in the catalogue's order.
pub async fn service_fees(db: &Db, service_id: i64) -> Result<Vec<ServiceFeeRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT kind, label_en, label_sw, when_en, amount_cents FROM service_fees \
         WHERE service_id = $1 ORDER BY position"
    )
    .bind(service_id)
    .fetch_all(pool)
    .await)
}

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct InvoiceRow {
    pub id: i64,
    pub number: String,
    pub application_id: i64,
    pub total_cents: i64,
    pub currency: String,
    pub status: String,
    pub paid_by: Option<i64>,
    pub paid_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

impl InvoiceRow {
    pub fn paid(&self) -> bool {
        self.status == "paid"
    }
}

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct LineRow {
    pub kind: String,
    pub label_en: String,
    pub label_sw: String,
    pub amount_cents: i64,
}

const SELECT: &str = "SELECT id, number, application_id, total_cents, currency, status, paid_by, \
     paid_at, created_at FROM invoices";

/// What sending an application writes.
pub struct Sending<'a> {
    pub application_id: i64,
    /// The answers that count (those to questions still shown), kept as sent.
    pub answers: &'a Answers,
    pub lines: &'a [ServiceFeeRow],
    /// The applicant, as the audit log records them.
    pub who: &'a crate::data::audit::Who,
}

/// What sending did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sent {
    /// It was no longer a draft (sent twice: the second does nothing).
    Already,
    /// Sent; the invoice waits for payment.
    AwaitingPayment,
    /// Sent, and submitted at once: nothing to pay (a free service).
    Submitted,
}

/// Sends a draft: reference, answers locked, invoice with its lines. An invoice of nothing
/// is paid by being issued, so a free application is submitted in the same breath. The
/// reference and invoice number come from `identifiers`; if either came out the same as
/// one already taken, the whole sending is tried again with fresh ones (`identifiers`).
pub async fn send(
    db: &Db,
    mut identifiers: impl FnMut() -> (String, String),
    sending: &Sending<'_>,
) -> Result<Sent, sqlx::Error> {
    let mut attempt = 1;
    loop {
        let (reference, number) = identifiers();
        match send_once(db, sending, &reference, &number).await {
            Err(e)
                if attempt < ATTEMPTS
                    && (collided(&e, "applications", "reference")
                        || collided(&e, "invoices", "number")) =>
            {
                tracing::info!(
                    attempt,
                    "a reference or invoice number was taken already; others"
                );
                attempt += 1;
            }
            sent => return sent,
        }
    }
}

async fn send_once(
    db: &Db,
    sending: &Sending<'_>,
    reference: &str,
    invoice_number: &str,
) -> Result<Sent, sqlx::Error> {
    let now = Utc::now();
    let answers = serde_json::to_string(sending.answers).unwrap_or_else(|_| "{}".into());
    let total: i64 = sending.lines.iter().map(|l| l.amount_cents).sum();
    let to = if total == 0 {
        Status::Submitted
    } else {
        Status::AwaitingPayment
    };
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let sent = sqlx::query(
            "UPDATE applications SET status = $5, reference = $1, answers = $2, \
             expires_at = NULL, reminded_at = NULL, updated_at = $3, \
             submitted_at = CASE WHEN $5 = 'submitted' THEN $3 END \
             WHERE id = $4 AND status = 'draft'",
        )
        .bind(reference)
        .bind(&answers)
        .bind(now)
        .bind(sending.application_id)
        .bind(to.code())
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if sent != 1 {
            return Ok(Sent::Already);
        }
        let event = NewEvent::plain(
            sending.application_id,
            Status::Draft,
            to,
            Actor::Citizen,
            sending.who,
        );
        insert_event!(tx, &event, now);
        let invoice_id: i64 = sqlx::query_scalar(
            "INSERT INTO invoices (number, application_id, total_cents, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(invoice_number)
        .bind(sending.application_id)
        .bind(total)
        .bind(now)
        .fetch_one(&mut *tx)
        .await?;
        for (position, line) in sending.lines.iter().enumerate() {
            sqlx::query(
                "INSERT INTO invoice_lines (invoice_id, position, kind, label_en, label_sw, amount_cents) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(invoice_id)
            .bind(position as i64)
            .bind(&line.kind)
            .bind(&line.label_en)
            .bind(&line.label_sw)
            .bind(line.amount_cents)
            .execute(&mut *tx)
            .await?;
        }
        if total == 0 {
            sqlx::query("UPDATE invoices SET status = 'paid', paid_at = $1 WHERE id = $2")
                .bind(now)
                .bind(invoice_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(if total == 0 {
            Sent::Submitted
        } else {
            Sent::AwaitingPayment
        })
    })
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<InvoiceRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

pub async fn of_application(
    db: &Db,
    application_id: i64,
) -> Result<Option<InvoiceRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE application_id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(application_id)
        .fetch_optional(pool)
        .await)
}

/// The invoice an account number names (as stored: see `reference::normalise_account`).
pub async fn by_number(db: &Db, number: &str) -> Result<Option<InvoiceRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE number = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(number)
        .fetch_optional(pool)
        .await)
}

pub async fn lines(db: &Db, invoice_id: i64) -> Result<Vec<LineRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT kind, label_en, label_sw, amount_cents FROM invoice_lines \
         WHERE invoice_id = $1 ORDER BY position"
    )
    .bind(invoice_id)
    .fetch_all(pool)
    .await)
}

/// An invoice's lines as pages and receipts show them, in the reader's language.
pub fn view(
    number: Option<String>,
    lines: &[LineRow],
    lang: crate::i18n::Lang,
) -> crate::model::InvoiceView {
    let pick = |en: &str, sw: &str| match lang {
        crate::i18n::Lang::En => en.to_string(),
        crate::i18n::Lang::Sw => sw.to_string(),
    };
    crate::model::InvoiceView {
        number,
        total_cents: lines.iter().map(|l| l.amount_cents).sum(),
        lines: lines
            .iter()
            .map(|l| crate::model::InvoiceLineView {
                label: pick(&l.label_en, &l.label_sw),
                convenience: l.kind == "convenience",
                amount_cents: l.amount_cents,
            })
            .collect(),
    }
}

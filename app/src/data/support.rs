//! Support tickets ("Report a problem"): written by anyone, read and moved along by
//! administrators.

use crate::data::db::collided;
use crate::data::Db;
use crate::identifiers::ATTEMPTS;
use crate::with_pool;
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct TicketRow {
    pub id: i64,
    pub number: String,
    pub user_id: Option<i64>,
    /// The account's email, for a signed-in reporter.
    pub account_email: Option<String>,
    pub account_phone: Option<String>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub topic: String,
    pub page: Option<String>,
    pub description: String,
    pub status: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

pub struct NewTicket<'a> {
    pub user_id: Option<i64>,
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub phone: Option<&'a str>,
    pub topic: &'a str,
    pub page: Option<&'a str>,
    pub description: &'a str,
    pub language: &'a str,
}

/// Stores a ticket under a number from `number`; returns the number it got. A number that
/// came out the same as another ticket's is replaced by a fresh one (`identifiers`).
pub async fn create(
    db: &Db,
    mut number: impl FnMut() -> String,
    t: &NewTicket<'_>,
) -> Result<String, sqlx::Error> {
    let now = Utc::now();
    let mut attempt = 1;
    loop {
        let candidate = number();
        let inserted = with_pool!(db, |pool| sqlx::query(
            "INSERT INTO support_tickets (number, user_id, name, email, phone, topic, page, \
             description, language, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)"
        )
        .bind(&candidate)
        .bind(t.user_id)
        .bind(t.name)
        .bind(t.email)
        .bind(t.phone)
        .bind(t.topic)
        .bind(t.page)
        .bind(t.description)
        .bind(t.language)
        .bind(now)
        .execute(pool)
        .await
        .map(|_| ()));
        match inserted {
            Ok(_) => return Ok(candidate),
            Err(e) if attempt < ATTEMPTS && collided(&e, "support_tickets", "number") => {
                tracing::info!(
                    attempt,
                    "a problem-report number was taken already; another one"
                );
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

/// Tickets in `status` (every status when `None`), newest first, at most `limit`.
pub async fn list(
    db: &Db,
    status: Option<&str>,
    limit: i64,
) -> Result<Vec<TicketRow>, sqlx::Error> {
    let sql = format!(
        "SELECT t.id, t.number, t.user_id, u.email AS account_email, u.phone AS account_phone, \
         t.name, t.email, t.phone, t.topic, t.page, t.description, t.status, t.created_at, \
         t.updated_at FROM support_tickets t LEFT JOIN users u ON u.id = t.user_id \
         {} ORDER BY t.created_at DESC, t.id DESC LIMIT {limit}",
        if status.is_some() {
            "WHERE t.status = $1"
        } else {
            ""
        }
    );
    with_pool!(db, |pool| {
        let query = sqlx::query_as(&sql);
        match status {
            Some(status) => query.bind(status).fetch_all(pool).await,
            None => query.fetch_all(pool).await,
        }
    })
}

/// Moves a ticket to `status`; `false` if there is no such ticket.
pub async fn set_status(db: &Db, number: &str, status: &str, by: i64) -> Result<bool, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query(
        "UPDATE support_tickets SET status = $1, updated_by = $2, updated_at = $3 \
         WHERE number = $4"
    )
    .bind(status)
    .bind(by)
    .bind(Utc::now())
    .bind(number)
    .execute(pool)
    .await
    .map(|r| r.rows_affected() == 1))
}

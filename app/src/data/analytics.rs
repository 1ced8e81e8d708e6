//! What the dashboards count, read straight from the applications, their events, invoices,
//! payments and feedback. Each query is scoped to an agency (or all) and a time range; the
//! grouping by Nairobi day and the percentiles are done by the caller, in Rust, so the SQL
//! stays the same on both databases.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

/// Which agency (None: all of them) and which time range, [from, to).
#[derive(Clone, Copy, Debug)]
pub struct Scope {
    pub agency_id: Option<i64>,
    pub from: DateTime<Utc>,
    pub to: DateTime<Utc>,
}

impl Scope {
    /// The agency as bound in SQL: 0 means every agency.
    fn agency(&self) -> i64 {
        self.agency_id.unwrap_or(0)
    }
}

/// A service's names, as rows carry them.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct ServiceNames {
    pub service_en: String,
    pub service_sw: String,
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Submitted {
    pub submitted_at: DateTime<Utc>,
    #[sqlx(flatten)]
    pub service: ServiceNames,
}

/// Applications submitted in the range, with their service.
pub async fn submitted(db: &Db, scope: &Scope) -> Result<Vec<Submitted>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT a.submitted_at, s.name_en AS service_en, s.name_sw AS service_sw \
         FROM applications a JOIN services s ON s.id = a.service_id \
         WHERE ($1 = 0 OR s.agency_id = $1) AND a.submitted_at >= $2 AND a.submitted_at < $3 \
         ORDER BY a.submitted_at"
    )
    .bind(scope.agency())
    .bind(scope.from)
    .bind(scope.to)
    .fetch_all(pool)
    .await)
}

/// Sent applications by their status now, as (status, count).
pub async fn backlog(db: &Db, agency_id: Option<i64>) -> Result<Vec<(String, i64)>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT a.status, COUNT(*) FROM applications a JOIN services s ON s.id = a.service_id \
         WHERE ($1 = 0 OR s.agency_id = $1) AND a.status NOT IN ('draft', 'awaiting_payment') \
         GROUP BY a.status"
    )
    .bind(agency_id.unwrap_or(0))
    .fetch_all(pool)
    .await)
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct StageEvent {
    pub application_id: i64,
    pub to_status: String,
    pub created_at: DateTime<Utc>,
}

/// Every event (up to the end of the range) of the applications that moved in the range,
/// by application then time: the time spent in each state is the gap between an event and
/// the next one of the same application.
pub async fn stage_events(db: &Db, scope: &Scope) -> Result<Vec<StageEvent>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT e.application_id, e.to_status, e.created_at FROM application_events e \
         JOIN applications a ON a.id = e.application_id JOIN services s ON s.id = a.service_id \
         WHERE ($1 = 0 OR s.agency_id = $1) AND e.created_at < $3 AND e.application_id IN \
           (SELECT application_id FROM application_events WHERE created_at >= $2 AND created_at < $3) \
         ORDER BY e.application_id, e.id"
    )
    .bind(scope.agency())
    .bind(scope.from)
    .bind(scope.to)
    .fetch_all(pool)
    .await
    })
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Deadline {
    #[sqlx(flatten)]
    pub service: ServiceNames,
    pub due_at: DateTime<Utc>,
    /// When it was first approved or refused, if it has been.
    pub decided_at: Option<DateTime<Utc>>,
}

/// Applications submitted in the range with their due date and decision time.
pub async fn deadlines(db: &Db, scope: &Scope) -> Result<Vec<Deadline>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT s.name_en AS service_en, s.name_sw AS service_sw, a.due_at, \
           (SELECT MIN(e.created_at) FROM application_events e WHERE e.application_id = a.id \
            AND e.to_status IN ('approved', 'rejected')) AS decided_at \
         FROM applications a JOIN services s ON s.id = a.service_id \
         WHERE ($1 = 0 OR s.agency_id = $1) AND a.submitted_at >= $2 AND a.submitted_at < $3 \
           AND a.due_at IS NOT NULL"
    )
    .bind(scope.agency())
    .bind(scope.from)
    .bind(scope.to)
    .fetch_all(pool)
    .await)
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Collected {
    #[sqlx(flatten)]
    pub service: ServiceNames,
    pub collected_at: DateTime<Utc>,
    pub ready_at: Option<DateTime<Utc>>,
}

/// Documents collected in the range, with when they were ready.
pub async fn collected(db: &Db, scope: &Scope) -> Result<Vec<Collected>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT s.name_en AS service_en, s.name_sw AS service_sw, e.created_at AS collected_at, \
           (SELECT MAX(r.created_at) FROM application_events r WHERE r.application_id = e.application_id \
            AND r.to_status = 'ready_for_collection') AS ready_at \
         FROM application_events e JOIN applications a ON a.id = e.application_id \
         JOIN services s ON s.id = a.service_id \
         WHERE ($1 = 0 OR s.agency_id = $1) AND e.to_status = 'collected' \
           AND e.created_at >= $2 AND e.created_at < $3"
    )
    .bind(scope.agency())
    .bind(scope.from)
    .bind(scope.to)
    .fetch_all(pool)
    .await
    })
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Revenue {
    #[sqlx(flatten)]
    pub service: ServiceNames,
    pub invoices: i64,
    pub cents: i64,
}

/// Invoices paid in the range, by service.
pub async fn revenue(db: &Db, scope: &Scope) -> Result<Vec<Revenue>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT s.name_en AS service_en, s.name_sw AS service_sw, COUNT(*) AS invoices, \
           CAST(SUM(i.total_cents) AS BIGINT) AS cents \
         FROM invoices i JOIN applications a ON a.id = i.application_id \
         JOIN services s ON s.id = a.service_id \
         WHERE ($1 = 0 OR s.agency_id = $1) AND i.status = 'paid' \
           AND i.paid_at >= $2 AND i.paid_at < $3 \
         GROUP BY s.name_en, s.name_sw ORDER BY cents DESC"
    )
    .bind(scope.agency())
    .bind(scope.from)
    .bind(scope.to)
    .fetch_all(pool)
    .await)
}

/// M-Pesa payment requests made in the range, by outcome (pending, paid, failed).
pub async fn payment_outcomes(db: &Db, scope: &Scope) -> Result<Vec<(String, i64)>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT p.status, COUNT(*) FROM payments p JOIN invoices i ON i.id = p.invoice_id \
         JOIN applications a ON a.id = i.application_id JOIN services s ON s.id = a.service_id \
         WHERE ($1 = 0 OR s.agency_id = $1) AND p.created_at >= $2 AND p.created_at < $3 \
         GROUP BY p.status"
    )
    .bind(scope.agency())
    .bind(scope.from)
    .bind(scope.to)
    .fetch_all(pool)
    .await)
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Rating {
    #[sqlx(flatten)]
    pub service: ServiceNames,
    pub rating: i64,
}

/// Ratings given in the range.
pub async fn ratings(db: &Db, scope: &Scope) -> Result<Vec<Rating>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT s.name_en AS service_en, s.name_sw AS service_sw, CAST(f.rating AS BIGINT) AS rating \
         FROM feedback f JOIN applications a ON a.id = f.application_id \
         JOIN services s ON s.id = a.service_id \
         WHERE ($1 = 0 OR s.agency_id = $1) AND f.created_at >= $2 AND f.created_at < $3"
    )
    .bind(scope.agency())
    .bind(scope.from)
    .bind(scope.to)
    .fetch_all(pool)
    .await
    })
}

/// The applicant's rating of a finished application (once; a second is refused).
pub async fn give_feedback(
    db: &Db,
    application_id: i64,
    rating: i64,
    comment: Option<&str>,
) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let done = with_pool!(db, |pool| sqlx::query(
        "INSERT INTO feedback (application_id, rating, comment, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) ON CONFLICT (application_id) DO NOTHING"
    )
    .bind(application_id)
    .bind(rating)
    .bind(comment)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

/// The rating given to an application, if any: (rating, comment).
pub async fn feedback_of(
    db: &Db,
    application_id: i64,
) -> Result<Option<(i64, Option<String>)>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT CAST(rating AS BIGINT), comment FROM feedback WHERE application_id = $1"
    )
    .bind(application_id)
    .fetch_optional(pool)
    .await)
}

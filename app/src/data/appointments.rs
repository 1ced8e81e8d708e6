//! Appointments: time slots at offices (with a capacity), and the visits booked in them.
//!
//! A slot's `booked` count only changes by conditional updates (`booked < capacity` to
//! take a place, `booked > 0` to give one back), and the table's CHECK refuses more, so two
//! people taking the last place at once get one booking and one "just taken". An
//! application has at most one open booking (a partial unique index).

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct SlotRow {
    pub id: i64,
    pub place_id: i64,
    pub starts_at: DateTime<Utc>,
    pub capacity: i64,
    pub booked: i64,
}

/// Makes the slots (if missing) for an office: `starts` at `capacity` each.
pub async fn ensure_slots(
    db: &Db,
    place_id: i64,
    starts: &[DateTime<Utc>],
    capacity: i64,
) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        for at in starts {
            sqlx::query(
                "INSERT INTO appointment_slots (place_id, starts_at, capacity, booked, created_at, updated_at) \
                 VALUES ($1, $2, $3, 0, $4, $4) ON CONFLICT (place_id, starts_at) DO NOTHING",
            )
            .bind(place_id)
            .bind(*at)
            .bind(capacity)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await
    })
}

const SLOT: &str = "SELECT id, place_id, starts_at, CAST(capacity AS BIGINT) AS capacity, \
     CAST(booked AS BIGINT) AS booked FROM appointment_slots";

/// An office's slots in [from, to), soonest first.
pub async fn slots(
    db: &Db,
    place_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<SlotRow>, sqlx::Error> {
    let sql = format!(
        "{SLOT} WHERE place_id = $1 AND starts_at >= $2 AND starts_at < $3 ORDER BY starts_at"
    );
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(place_id)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await)
}

pub async fn slot(db: &Db, id: i64) -> Result<Option<SlotRow>, sqlx::Error> {
    let sql = format!("{SLOT} WHERE id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct AppointmentRow {
    pub id: i64,
    pub application_id: i64,
    pub slot_id: i64,
    pub place_id: i64,
    pub starts_at: DateTime<Utc>,
    pub purpose: String,
    pub status: String,
    pub changes: i64,
}

const APPOINTMENT: &str = "SELECT p.id, p.application_id, p.slot_id, s.place_id, s.starts_at, \
     p.purpose, p.status, CAST(p.changes AS BIGINT) AS changes \
     FROM appointments p JOIN appointment_slots s ON s.id = p.slot_id";

/// The application's open booking, if any.
pub async fn open_for(db: &Db, application_id: i64) -> Result<Option<AppointmentRow>, sqlx::Error> {
    let sql = format!("{APPOINTMENT} WHERE p.application_id = $1 AND p.status = 'booked'");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(application_id)
        .fetch_optional(pool)
        .await)
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<AppointmentRow>, sqlx::Error> {
    let sql = format!("{APPOINTMENT} WHERE p.id = $1");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(id)
        .fetch_optional(pool)
        .await)
}

/// What booking did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Booked {
    Booked(i64),
    /// The slot filled up first (or is gone).
    Full,
    /// The application's booking changed meanwhile (another tab): nothing done.
    Stale,
}

/// Books `slot_id` for an application, in one transaction: takes a place in the slot, and,
/// when `replacing` an open booking (a reschedule), gives its place back and closes it.
pub async fn book(
    db: &Db,
    application_id: i64,
    slot_id: i64,
    purpose: &str,
    replacing: Option<&AppointmentRow>,
) -> Result<Booked, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let taken = sqlx::query(
            "UPDATE appointment_slots SET booked = booked + 1, updated_at = $2 \
             WHERE id = $1 AND booked < capacity",
        )
        .bind(slot_id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if taken != 1 {
            return Ok(Booked::Full);
        }
        let mut changes = 0i64;
        if let Some(old) = replacing {
            let closed = sqlx::query(
                "UPDATE appointments SET status = 'cancelled', updated_at = $2 \
                 WHERE id = $1 AND status = 'booked'",
            )
            .bind(old.id)
            .bind(now)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if closed != 1 {
                return Ok(Booked::Stale);
            }
            sqlx::query(
                "UPDATE appointment_slots SET booked = booked - 1, updated_at = $2 WHERE id = $1 AND booked > 0",
            )
            .bind(old.slot_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
            changes = old.changes + 1;
        }
        let inserted: Result<i64, sqlx::Error> = sqlx::query_scalar(
            "INSERT INTO appointments (application_id, slot_id, purpose, status, changes, created_at, updated_at) \
             VALUES ($1, $2, $3, 'booked', $4, $5, $5) RETURNING id",
        )
        .bind(application_id)
        .bind(slot_id)
        .bind(purpose)
        .bind(changes)
        .bind(now)
        .fetch_one(&mut *tx)
        .await;
        match inserted {
            Ok(id) => {
                tx.commit().await?;
                Ok(Booked::Booked(id))
            }
            // Another request booked for this application first (the partial unique index).
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Ok(Booked::Stale),
            Err(e) => Err(e),
        }
    })
}

/// Cancels an open booking and gives its place back; false if it was not open.
pub async fn cancel(db: &Db, appointment: &AppointmentRow) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let closed = sqlx::query(
            "UPDATE appointments SET status = 'cancelled', updated_at = $2 WHERE id = $1 AND status = 'booked'",
        )
        .bind(appointment.id)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if closed != 1 {
            return Ok(false);
        }
        sqlx::query(
            "UPDATE appointment_slots SET booked = booked - 1, updated_at = $2 WHERE id = $1 AND booked > 0",
        )
        .bind(appointment.slot_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(true)
    })
}

/// Staff record how a booking went (attended or no_show); false if it was not open.
pub async fn mark(db: &Db, id: i64, outcome: &str, by: i64) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let done = with_pool!(db, |pool| sqlx::query(
        "UPDATE appointments SET status = $2, marked_by = $3, updated_at = $4 \
         WHERE id = $1 AND status = 'booked'"
    )
    .bind(id)
    .bind(outcome)
    .bind(by)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected());
    Ok(done == 1)
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct DayRow {
    pub id: i64,
    pub starts_at: DateTime<Utc>,
    pub status: String,
    pub purpose: String,
    pub application_public_id: String,
    pub reference: Option<String>,
    pub service_id: i64,
    pub agency_id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
}

/// An office's bookings (open and settled) in [from, to), by time.
pub async fn day_list(
    db: &Db,
    place_id: i64,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<DayRow>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT p.id, s.starts_at, p.status, p.purpose, a.public_id AS application_public_id, \
         a.reference, a.service_id, v.agency_id, u.first_name, u.last_name \
         FROM appointments p JOIN appointment_slots s ON s.id = p.slot_id \
         JOIN applications a ON a.id = p.application_id JOIN services v ON v.id = a.service_id \
         JOIN users u ON u.id = a.user_id \
         WHERE s.place_id = $1 AND s.starts_at >= $2 AND s.starts_at < $3 AND p.status <> 'cancelled' \
         ORDER BY s.starts_at, p.id"
    )
    .bind(place_id)
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await
    })
}

/// Open bookings starting in [from, to) whose reminder has not gone: (appointment id,
/// application id, starts at, place id).
pub async fn due_reminders(
    db: &Db,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Result<Vec<(i64, i64, DateTime<Utc>, i64)>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT p.id, p.application_id, s.starts_at, s.place_id FROM appointments p \
         JOIN appointment_slots s ON s.id = p.slot_id \
         WHERE p.status = 'booked' AND p.reminded_at IS NULL AND s.starts_at >= $1 AND s.starts_at < $2 \
         ORDER BY s.starts_at LIMIT 200"
    )
    .bind(from)
    .bind(to)
    .fetch_all(pool)
    .await
    })
}

pub async fn mark_reminded(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| sqlx::query(
        "UPDATE appointments SET reminded_at = $2, updated_at = $2 WHERE id = $1"
    )
    .bind(id)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ()))
}

/// The public holidays between two days (inclusive), as `YYYY-MM-DD`.
pub async fn holidays(db: &Db, from: NaiveDate, to: NaiveDate) -> Result<Vec<String>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT day FROM holidays WHERE day >= $1 AND day <= $2"
    )
    .bind(from.format("%Y-%m-%d").to_string())
    .bind(to.format("%Y-%m-%d").to_string())
    .fetch_all(pool)
    .await)
}

//! Offices (Huduma Centres, immigration offices, missions) as administrators edit them: the
//! names, address and opening hours people read, the short hours slots are made from, and
//! how many people one half-hour slot takes.

use super::Changes;
use crate::data::audit::{Entry, Who};
use crate::data::places::PlaceRow;
use crate::data::Db;
use crate::{audit_append, with_pool};
use chrono::Utc;

/// What an administrator saves (already checked).
pub struct OfficeFields {
    pub name_en: String,
    pub name_sw: String,
    pub address_en: String,
    pub address_sw: String,
    pub hours_en: String,
    pub hours_sw: String,
    pub hours_short: String,
    pub phone: Option<String>,
    pub slot_capacity: Option<i64>,
}

/// Saves an office, audited. Slots not yet taken follow a new capacity at once; a slot
/// already holding more bookings than the new capacity keeps them (and its old capacity).
/// Returns how many future slots kept more bookings than the new capacity allows.
pub async fn save(
    db: &Db,
    who: &Who,
    before: &PlaceRow,
    f: &OfficeFields,
    default_capacity: i64,
) -> Result<i64, sqlx::Error> {
    let now = Utc::now();
    let capacity = f.slot_capacity.unwrap_or(default_capacity);
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        sqlx::query(
            "UPDATE places SET name_en = $1, name_sw = $2, address_en = $3, address_sw = $4, hours_en = $5, \
             hours_sw = $6, hours_short = $7, phone = $8, slot_capacity = $9, edited_at = $10, updated_at = $10 \
             WHERE id = $11",
        )
        .bind(&f.name_en)
        .bind(&f.name_sw)
        .bind(&f.address_en)
        .bind(&f.address_sw)
        .bind(&f.hours_en)
        .bind(&f.hours_sw)
        .bind(&f.hours_short)
        .bind(&f.phone)
        .bind(f.slot_capacity)
        .bind(now)
        .bind(before.id)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "UPDATE appointment_slots SET capacity = $1, updated_at = $2 \
             WHERE place_id = $3 AND starts_at > $2 AND booked <= $1",
        )
        .bind(capacity)
        .bind(now)
        .bind(before.id)
        .execute(&mut *tx)
        .await?;
        let over: i64 = sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM appointment_slots \
             WHERE place_id = $1 AND starts_at > $2 AND booked > $3",
        )
        .bind(before.id)
        .bind(now)
        .bind(capacity)
        .fetch_one(&mut *tx)
        .await?;
        let mut c = Changes::default();
        c.field("name_en", before.name_en.as_str(), f.name_en.as_str());
        c.field("name_sw", before.name_sw.as_str(), f.name_sw.as_str());
        c.field(
            "address_en",
            before.address_en.as_str(),
            f.address_en.as_str(),
        );
        c.field(
            "address_sw",
            before.address_sw.as_str(),
            f.address_sw.as_str(),
        );
        c.field("hours_en", before.hours_en.as_str(), f.hours_en.as_str());
        c.field("hours_sw", before.hours_sw.as_str(), f.hours_sw.as_str());
        c.field(
            "hours_short",
            before.hours_short.as_str(),
            f.hours_short.as_str(),
        );
        c.field("phone", before.phone.clone(), f.phone.clone());
        c.field("slot_capacity", before.slot_capacity, f.slot_capacity);
        if !c.is_empty() {
            let subject = format!("place:{}", before.slug);
            let detail = c.detail();
            audit_append!(
                tx,
                &Entry {
                    who,
                    action: "office_changed",
                    application_id: None,
                    subject: &subject,
                    detail: &detail,
                },
                now
            );
        }
        tx.commit().await?;
        Ok(over)
    })
}

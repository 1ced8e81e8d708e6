//! The server side of appointments: what a visit is for, the offices that take it, their
//! slots (made from the opening hours, skipping public holidays), and the limits on
//! booking, moving and cancelling.

use crate::api::staff::access::Staff;
use crate::auth::Call;
use crate::data::applications::{self, ApplicationRow};
use crate::data::appointments::{self as data, AppointmentRow, Booked};
use crate::data::places::{self, PlaceRow};
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::model::{
    AppointmentPage, Booking, DayEntry, DayList, NamedLink, Purpose, SlotChoice, SlotDay,
};
use crate::problem::Problem;
use crate::tracking::Status;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc, Weekday};

/// How far ahead people can book.
pub const BOOK_DAYS: i64 = 14;
/// The earliest a booking can be for: not sooner than this from now.
pub const LEAD_HOURS: i64 = 2;
/// A booking can be moved or cancelled up to this long before it.
pub const CHANGE_HOURS: i64 = 24;
/// How many times a booking can be moved.
pub const MAX_CHANGES: i64 = 2;
/// The length of a slot.
pub const SLOT_MINUTES: i64 = 30;

fn nairobi_tz() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(3 * 3600).expect("valid offset")
}

/// What a visit is for, if this application needs one now.
pub fn purpose(row: &ApplicationRow) -> Option<Purpose> {
    let status = Status::from_code(&row.status)?;
    match status {
        Status::ReadyForCollection => Some(Purpose::Collection),
        Status::Submitted | Status::Processing | Status::Resubmitted => {
            if row.service_slug.starts_with("passport-") {
                Some(Purpose::Biometrics)
            } else if row.service_slug == "driving-test-booking" {
                Some(Purpose::DrivingTest)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// How many people an office of this kind sees in one slot, unless an administrator set
/// its own number.
pub fn default_capacity(kind: &str) -> i64 {
    match kind {
        "huduma_centre" => 4,
        "immigration_office" => 3,
        _ => 2,
    }
}

/// How many people an office sees in one slot.
fn capacity(place: &PlaceRow) -> i64 {
    place
        .slot_capacity
        .unwrap_or_else(|| default_capacity(&place.kind))
}

/// Opening days and hours from an office's short hours ("Mon-Fri 8-17", "Sun-Thu 9-13").
pub fn opening(short: &str) -> Option<(Vec<Weekday>, u32, u32)> {
    let (days, hours) = short.trim().split_once(' ')?;
    let (first, last) = days.split_once('-')?;
    let first: Weekday = first.parse().ok()?;
    let last: Weekday = last.parse().ok()?;
    let mut open = vec![first];
    let mut day = first;
    while day != last {
        day = day.succ();
        open.push(day);
        if open.len() > 7 {
            return None;
        }
    }
    let (from, to) = hours.split_once('-')?;
    let (from, to): (u32, u32) = (from.parse().ok()?, to.parse().ok()?);
    (from < to && to <= 24).then_some((open, from, to))
}

/// The slot start times of an office over the booking window, in UTC.
pub fn slot_times(place: &PlaceRow, today: NaiveDate, holidays: &[String]) -> Vec<DateTime<Utc>> {
    let Some((days, from, to)) = opening(&place.hours_short) else {
        return Vec::new();
    };
    let tz = nairobi_tz();
    let mut out = Vec::new();
    for offset in 0..=BOOK_DAYS {
        let day = today + Duration::days(offset);
        if !days.contains(&day.weekday()) || holidays.contains(&day.format("%Y-%m-%d").to_string())
        {
            continue;
        }
        let mut minute = from as i64 * 60;
        while minute + SLOT_MINUTES <= to as i64 * 60 {
            let local = day.and_hms_opt((minute / 60) as u32, (minute % 60) as u32, 0);
            if let Some(at) = local.and_then(|l| tz.from_local_datetime(&l).single()) {
                out.push(at.with_timezone(&Utc));
            }
            minute += SLOT_MINUTES;
        }
    }
    out
}

/// The offices that take this kind of visit (a collection: where the document waits).
async fn offices(
    call: &Call,
    row: &ApplicationRow,
    purpose: Purpose,
) -> Result<Vec<PlaceRow>, AppError> {
    let db = &call.state.db;
    if purpose == Purpose::Collection {
        let events = crate::data::tracking::events(db, row.id, 0).await?;
        let place = events
            .iter()
            .rev()
            .find_map(|e| (e.to() == Some(Status::ReadyForCollection)).then_some(e.place_id))
            .flatten();
        return Ok(match place {
            Some(id) => places::by_id(db, id).await?.into_iter().collect(),
            None => Vec::new(),
        });
    }
    let kind = match purpose {
        Purpose::Biometrics => "immigration_office",
        _ => "huduma_centre",
    };
    Ok(places::all(db)
        .await?
        .into_iter()
        .filter(|p| p.kind == kind)
        .collect())
}

fn link(place: &PlaceRow, lang: Lang) -> NamedLink {
    NamedLink {
        slug: place.slug.clone(),
        name: place.name(lang).to_string(),
    }
}

fn when(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&nairobi_tz());
    format!(
        "{} {}",
        (lang.staff().weekday)(local.weekday()),
        local.format("%Y-%m-%d %H:%M")
    )
}

/// The caller's sent application.
async fn own(call: &Call, user_id: i64, id: &str) -> Result<ApplicationRow, AppError> {
    let row = applications::of_user(&call.state.db, user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if matches!(row.status.as_str(), "draft" | "awaiting_payment") {
        return Err(AppError::NotFound);
    }
    Ok(row)
}

fn changeable(booking: &AppointmentRow, now: DateTime<Utc>) -> bool {
    booking.starts_at - now > Duration::hours(CHANGE_HOURS)
}

pub async fn page(
    call: &Call,
    user_id: i64,
    id: &str,
    place: &str,
) -> Result<AppointmentPage, AppError> {
    let row = own(call, user_id, id).await?;
    let db = &call.state.db;
    let lang = use_lang();
    let now = Utc::now();
    let booking = data::open_for(db, row.id).await?;
    let purpose = booking
        .as_ref()
        .and_then(|b| Purpose::from_code(&b.purpose))
        .or_else(|| purpose(&row));
    let Some(purpose) = purpose else {
        return Err(AppError::NotFound);
    };
    let offices = offices(call, &row, purpose).await?;
    let booked_place = match &booking {
        Some(b) => places::by_id(db, b.place_id).await?,
        None => None,
    };
    let chosen = offices
        .iter()
        .find(|p| p.slug == place)
        .or(booked_place.as_ref().filter(|_| place.is_empty()))
        .or_else(|| offices.first())
        .cloned();
    let mut days: Vec<SlotDay> = Vec::new();
    if let Some(office) = &chosen {
        let today = now.with_timezone(&nairobi_tz()).date_naive();
        let holidays = data::holidays(db, today, today + Duration::days(BOOK_DAYS)).await?;
        let times = slot_times(office, today, &holidays);
        data::ensure_slots(db, office.id, &times, capacity(office)).await?;
        let from = now + Duration::hours(LEAD_HOURS);
        for slot in data::slots(db, office.id, from, now + Duration::days(BOOK_DAYS + 1)).await? {
            if !times.contains(&slot.starts_at) {
                continue; // an hour the office no longer keeps
            }
            let local = slot.starts_at.with_timezone(&nairobi_tz());
            let day = local.format("%Y-%m-%d").to_string();
            let choice = SlotChoice {
                id: slot.id,
                time: local.format("%H:%M").to_string(),
                free: slot.capacity - slot.booked,
                mine: booking.as_ref().is_some_and(|b| b.slot_id == slot.id),
            };
            match days.last_mut().filter(|d| d.day == day) {
                Some(d) => d.slots.push(choice),
                None => days.push(SlotDay {
                    label: format!("{} {}", (lang.staff().weekday)(local.weekday()), day),
                    day,
                    slots: vec![choice],
                }),
            }
        }
    }
    Ok(AppointmentPage {
        id: row.public_id.clone(),
        reference: row.reference.clone().unwrap_or_default(),
        service: row.service_name(lang),
        purpose,
        places: offices.iter().map(|p| link(p, lang)).collect(),
        place: chosen.as_ref().map(|p| link(p, lang)),
        hours: chosen
            .as_ref()
            .map(|p| p.hours(lang).to_string())
            .unwrap_or_default(),
        days,
        booking: match (&booking, &booked_place) {
            (Some(b), Some(p)) => Some(Booking {
                place: p.name(lang).to_string(),
                when: when(b.starts_at, lang),
                can_change: changeable(b, now),
                changes_left: (MAX_CHANGES - b.changes).max(0),
            }),
            _ => None,
        },
    })
}

pub async fn book(call: &Call, user_id: i64, id: &str, slot: &str) -> Result<(), AppError> {
    let row = own(call, user_id, id).await?;
    let db = &call.state.db;
    let now = Utc::now();
    let booking = data::open_for(db, row.id).await?;
    let purpose = booking
        .as_ref()
        .and_then(|b| Purpose::from_code(&b.purpose))
        .or_else(|| purpose(&row))
        .ok_or(AppError::NotFound)?;
    let slot = match slot.parse::<i64>() {
        Ok(id) => data::slot(db, id).await?,
        Err(_) => None,
    }
    .ok_or_else(|| AppError::field("slot", Problem::Required))?;
    // Only an office that takes this visit, in the booking window.
    let offices = offices(call, &row, purpose).await?;
    if !offices.iter().any(|p| p.id == slot.place_id) {
        return Err(AppError::field("slot", Problem::Required));
    }
    if slot.starts_at < now + Duration::hours(LEAD_HOURS)
        || slot.starts_at > now + Duration::days(BOOK_DAYS + 1)
    {
        return Err(AppError::field("slot", Problem::SlotTaken));
    }
    if let Some(b) = &booking {
        if b.slot_id == slot.id {
            return Ok(()); // already booked there
        }
        if !changeable(b, now) {
            return Err(AppError::form(Problem::BookingTooLate));
        }
        if b.changes >= MAX_CHANGES {
            return Err(AppError::form(Problem::BookingChangedTooOften));
        }
    }
    match data::book(db, row.id, slot.id, purpose.code(), booking.as_ref()).await? {
        Booked::Booked(appointment) => {
            let who = call.who(user_id, "citizen", None);
            call.audit(
                &who,
                if booking.is_some() {
                    "appointment_moved"
                } else {
                    "appointment_booked"
                },
                Some(row.id),
                &format!("appointment:{appointment}"),
                serde_json::json!({ "slot": slot.id }),
            )
            .await?;
            call.record(user_id, "appointment_booked").await
        }
        Booked::Full => Err(AppError::field("slot", Problem::SlotTaken)),
        Booked::Stale => Err(AppError::form(Problem::StaleAction)),
    }
}

pub async fn cancel(call: &Call, user_id: i64, id: &str) -> Result<(), AppError> {
    let row = own(call, user_id, id).await?;
    let db = &call.state.db;
    let Some(booking) = data::open_for(db, row.id).await? else {
        return Ok(()); // cancelled already
    };
    if !changeable(&booking, Utc::now()) {
        return Err(AppError::form(Problem::BookingTooLate));
    }
    if data::cancel(db, &booking).await? {
        call.audit(
            &call.who(user_id, "citizen", None),
            "appointment_cancelled",
            Some(row.id),
            &format!("appointment:{}", booking.id),
            serde_json::json!({}),
        )
        .await?;
    }
    Ok(())
}

/// The places a staff member can see the day of: every office (bookings are then shown
/// only for applications they may work on).
pub async fn day_list(
    call: &Call,
    staff: &Staff,
    place: &str,
    day: &str,
) -> Result<DayList, AppError> {
    let db = &call.state.db;
    let lang = use_lang();
    let all = places::all(db).await?;
    let chosen = all
        .iter()
        .find(|p| p.slug == place)
        .or_else(|| all.first())
        .ok_or(AppError::NotFound)?;
    let today = Utc::now().with_timezone(&nairobi_tz()).date_naive();
    let day = match day.trim() {
        "" => today,
        text => NaiveDate::parse_from_str(text, "%Y-%m-%d")
            .map_err(|_| AppError::field("day", Problem::DateInvalid))?,
    };
    let tz = nairobi_tz();
    let start = tz
        .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
        .single()
        .expect("fixed offset")
        .with_timezone(&Utc);
    let rows = data::day_list(db, chosen.id, start, start + Duration::days(1)).await?;
    let entries = rows
        .into_iter()
        .filter(|r| staff.standing(r.agency_id, r.service_id).is_some())
        .map(|r| DayEntry {
            appointment: r.id,
            time: r.starts_at.with_timezone(&tz).format("%H:%M").to_string(),
            status: r.status,
            purpose: Purpose::from_code(&r.purpose).unwrap_or(Purpose::Collection),
            reference: r.reference.unwrap_or_default(),
            application: r.application_public_id,
            name: crate::shown::person_name(&r.first_name, r.last_name.as_deref()),
        })
        .collect();
    Ok(DayList {
        places: all.iter().map(|p| link(p, lang)).collect(),
        place: link(chosen, lang),
        day: day.format("%Y-%m-%d").to_string(),
        entries,
    })
}

pub async fn mark(
    call: &Call,
    staff: &Staff,
    appointment: i64,
    outcome: &str,
) -> Result<(), AppError> {
    let db = &call.state.db;
    if !matches!(outcome, "attended" | "no_show") {
        return Err(AppError::field("outcome", Problem::Required));
    }
    let booking = data::by_id(db, appointment)
        .await?
        .ok_or(AppError::NotFound)?;
    let row = applications::by_id(db, booking.application_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let standing = staff
        .standing(row.agency_id, row.service_id)
        .ok_or(AppError::NotFound)?;
    if booking.starts_at.with_timezone(&nairobi_tz()).date_naive()
        > Utc::now().with_timezone(&nairobi_tz()).date_naive()
    {
        // Not before the day.
        return Err(AppError::form(Problem::StaleAction));
    }
    if !data::mark(db, appointment, outcome, staff.user_id).await? {
        return Err(AppError::form(Problem::StaleAction));
    }
    let agency = (standing != crate::api::staff::access::Standing::Administrator)
        .then_some(row.agency_slug.as_str());
    call.audit(
        &staff.who(call, standing.role(), agency),
        &format!("appointment_{outcome}"),
        Some(row.id),
        &format!("appointment:{appointment}"),
        serde_json::json!({}),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opening_hours_are_read_from_the_short_form() {
        let (days, from, to) = opening("Mon-Fri 8-17").unwrap();
        assert_eq!(
            days,
            vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri
            ]
        );
        assert_eq!((from, to), (8, 17));
        let (days, _, _) = opening("Sun-Thu 9-13").unwrap();
        assert_eq!(days.len(), 5);
        assert_eq!(days[0], Weekday::Sun);
        assert!(opening("by appointment").is_none());
        assert!(opening("Mon-Fri 17-8").is_none());
    }
}

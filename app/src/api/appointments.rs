//! Booking a visit: passport biometrics at an immigration office, a driving test at a
//! Huduma Centre, or collecting a ready document where it waits. The applicant picks a
//! time from the office's slots (opening hours, no public holidays, a capacity each),
//! reschedules up to twice, or cancels; up to a day before. Staff see each office's day
//! and mark who came.

use crate::error::AppError;
use crate::model::{AppointmentPage, DayList};
use leptos::prelude::*;

/// The booking page of one of the caller's applications (`place`: the office chosen;
/// empty: the one booked, or the first that fits).
#[server(endpoint = "appointments/page")]
pub async fn get_appointment_page(
    id: String,
    #[server(default)] place: String,
) -> Result<AppointmentPage, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let user_id = call.user_id().await?;
        server::page(&call, user_id, &id, &place).await
    }
    .await;
    call.answer(result)
}

/// Books (or moves the booking to) a slot.
#[server(endpoint = "appointments/book")]
pub async fn book_appointment(id: String, #[server(default)] slot: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let user_id = call.user_id().await?;
        server::book(&call, user_id, &id, &slot).await
    }
    .await;
    call.answer(result)?;
    crate::paths::go(&format!("/applications/{id}/appointment?booked=1"));
    Ok(())
}

#[server(endpoint = "appointments/cancel")]
pub async fn cancel_appointment(id: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let user_id = call.user_id().await?;
        server::cancel(&call, user_id, &id).await
    }
    .await;
    call.answer(result)?;
    crate::paths::go(&format!("/applications/{id}/appointment?cancelled=1"));
    Ok(())
}

/// Staff: an office's bookings on a day (only those of applications they may work on).
#[server(endpoint = "staff/appointments")]
pub async fn get_day_list(
    #[server(default)] place: String,
    #[server(default)] day: String,
) -> Result<DayList, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = crate::api::staff::access::staff(&call).await?;
        server::day_list(&call, &staff, &place, &day).await
    }
    .await;
    call.answer(result)
}

/// Staff: the applicant came (`outcome` "attended") or did not ("no_show").
#[server(endpoint = "staff/appointment-outcome")]
pub async fn mark_appointment(
    appointment: i64,
    #[server(default)] outcome: String,
    #[server(default)] back: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = crate::api::staff::access::staff(&call).await?;
        server::mark(&call, &staff, appointment, &outcome).await
    }
    .await;
    call.answer(result)?;
    let back = if back.starts_with("/staff/appointments") {
        back
    } else {
        "/staff/appointments".to_string()
    };
    crate::paths::go(&back);
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod server;

//! The server side of tracking: building the status view from the events, the applicant's
//! answer, and the public tracking proof kept in the session.

use crate::api::{nairobi, nairobi_offset_date};
use crate::auth::{rate_limit, Call};
use crate::data::accounts::users;
use crate::data::applications::{self, ApplicationRow};
use crate::data::tracking::{self, Applied, EventRow, NewEvent};
use crate::data::{places, Db};
use crate::error::AppError;
use crate::forms::reference::{Reference, ReferenceError};
use crate::i18n::{use_lang, Lang};
use crate::model::{StatusView, TimelineEntry};
use crate::problem::Problem;
use crate::tracking::{Actor, Status};

/// The session key of the references this browser has proved (public tracking).
const TRACKED: &str = "tracked_references";
/// How many a session keeps (the oldest is forgotten first).
const TRACKED_MAX: usize = 10;
/// The longest answer to an officer's request.
pub const ANSWER_MAX: usize = 2000;

fn status_of(row: &ApplicationRow) -> Result<Status, AppError> {
    Status::from_code(&row.status).ok_or_else(|| AppError::internal("unknown status", &row.status))
}

/// Everything the status pages show, from the application's events. `owner` adds what is
/// personal: the officer's notes, the request and the reason.
pub async fn view(
    db: &Db,
    row: &ApplicationRow,
    lang: Lang,
    owner: bool,
) -> Result<StatusView, AppError> {
    let status = status_of(row)?;
    let events = tracking::events(db, row.id, 0).await?;
    let mut timeline = Vec::with_capacity(events.len());
    for event in &events {
        // Only "ready for collection" names a place: one lookup per application at most.
        let place = match event.place_id {
            Some(id) => places::by_id(db, id).await?.map(|p| p.summary(lang)),
            None => None,
        };
        timeline.push(TimelineEntry {
            status: event.to().unwrap_or(Status::Submitted),
            at: nairobi(event.created_at),
            by: event.actor().unwrap_or(Actor::System),
            note: owner.then(|| event.note.clone()).flatten(),
            place,
        });
    }
    let last_note = |to: Status| -> Option<String> {
        events
            .iter()
            .rev()
            .find(|e| e.to() == Some(to))
            .and_then(|e| e.note.clone())
    };
    let place = matches!(status, Status::ReadyForCollection | Status::Collected)
        .then(|| timeline.iter().rev().find_map(|e| e.place.clone()))
        .flatten();
    let expected_by = match (status.is_pending_decision(), row.submitted_at) {
        (true, Some(submitted)) => {
            let days = crate::data::catalogue::processing_days_max(db, row.service_id).await?;
            Some(nairobi_offset_date(submitted, days))
        }
        _ => None,
    };
    Ok(StatusView {
        id: if owner {
            row.public_id.clone()
        } else {
            row.reference.clone().unwrap_or_default()
        },
        reference: row.reference.clone().unwrap_or_default(),
        service_name: match lang {
            Lang::En => row.service_name_en.clone(),
            Lang::Sw => row.service_name_sw.clone(),
        },
        status,
        timeline,
        expected_by,
        place,
        request: (owner && status == Status::InfoRequested)
            .then(|| last_note(Status::InfoRequested))
            .flatten(),
        reason: (owner && status == Status::Rejected)
            .then(|| last_note(Status::Rejected))
            .flatten(),
        last_event: events.last().map(|e: &EventRow| e.id).unwrap_or(0),
        read_at: nairobi(chrono::Utc::now()),
        owner,
    })
}

/// The caller's own sent application (drafts have their task list instead).
async fn own_sent(call: &Call, user_id: i64, id: &str) -> Result<ApplicationRow, AppError> {
    let row = applications::of_user(&call.state.db, user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status == "draft" {
        crate::api::accounts::go(&format!("/applications/{id}"));
        return Err(AppError::NotFound);
    }
    Ok(row)
}

pub async fn owner_view(call: &Call, user_id: i64, id: &str) -> Result<StatusView, AppError> {
    let row = own_sent(call, user_id, id).await?;
    view(&call.state.db, &row, use_lang(), true).await
}

pub async fn answer(call: &Call, user_id: i64, id: &str, answer: &str) -> Result<(), AppError> {
    let row = own_sent(call, user_id, id).await?;
    if status_of(&row)? != Status::InfoRequested {
        // Answered already (a second tap), or the officer moved on: nothing to do.
        return Ok(());
    }
    let answer = answer.trim();
    if answer.is_empty() {
        return Err(AppError::field("answer", Problem::Required));
    }
    if answer.chars().count() > ANSWER_MAX {
        return Err(AppError::field(
            "answer",
            Problem::TooLong {
                max: ANSWER_MAX as u32,
            },
        ));
    }
    let event = NewEvent {
        application_id: row.id,
        from: Status::InfoRequested,
        to: Status::Resubmitted,
        by: Actor::Citizen,
        actor_user_id: Some(user_id),
        note: Some(answer),
        place_id: None,
    };
    if let Applied::Moved(_) = tracking::apply(&call.state.db, &event).await? {
        call.record(user_id, "application_answered").await?;
    }
    Ok(())
}

/// The application with this reference, if `proof` is its applicant's: the year of birth,
/// or (for visitors, who registered with a passport) the passport number. Tracking on the
/// web, by USSD and by SMS all ask this.
pub async fn proved(
    db: &Db,
    reference: &str,
    proof: &str,
) -> Result<Option<ApplicationRow>, sqlx::Error> {
    let Some(row) = applications::by_reference(db, reference).await? else {
        return Ok(None);
    };
    let Some(user) = users::by_id(db, row.user_id).await? else {
        return Ok(None);
    };
    let proof = proof.trim();
    let proves = if user.account_type == "foreigner" {
        crate::validate::id_number_form(proof) == user.id_number
    } else {
        proof.parse::<i32>().ok() == Some(user.year_of_birth)
    };
    Ok(proves.then_some(row))
}

/// Checks a tracking request and remembers the proof in the session; returns the
/// reference as written canonically.
pub async fn track(call: &Call, reference: &str, proof: &str) -> Result<String, AppError> {
    let mut problems = crate::problem::Problems::default();
    if reference.trim().is_empty() {
        problems.add("reference", Problem::Required);
    }
    if proof.trim().is_empty() {
        problems.add("proof", Problem::Required);
    }
    problems.into_result()?;
    let reference = match Reference::parse(reference) {
        Ok(r) => r.to_string(),
        Err(ReferenceError::Typo) => {
            return Err(AppError::field("reference", Problem::ReferenceTypo))
        }
        Err(_) => return Err(AppError::field("reference", Problem::ReferenceInvalid)),
    };
    // Counted only for well-formed references: guessing is what this limits.
    rate_limit::take(&call.state.limits.track, call.client.rate_key())
        .map_err(|p| AppError::field(crate::problem::FORM, p))?;
    let db = &call.state.db;
    if proved(db, &reference, proof).await?.is_none() {
        return Err(AppError::form(Problem::TrackNoMatch));
    }
    let mut tracked: Vec<String> = call.session.get(TRACKED).await?.unwrap_or_default();
    tracked.retain(|r| *r != reference);
    tracked.push(reference.clone());
    if tracked.len() > TRACKED_MAX {
        tracked.remove(0);
    }
    call.session.insert(TRACKED, tracked).await?;
    Ok(reference)
}

/// Whether this session proved `reference` (the live stream asks too).
pub async fn session_tracks(
    session: &tower_sessions::Session,
    reference: &str,
) -> Result<bool, AppError> {
    let tracked: Vec<String> = session.get(TRACKED).await?.unwrap_or_default();
    Ok(tracked.iter().any(|r| r == reference))
}

pub async fn tracked_view(call: &Call, reference: &str) -> Result<Option<StatusView>, AppError> {
    if !session_tracks(&call.session, reference).await? {
        return Ok(None);
    }
    let Some(row) = applications::by_reference(&call.state.db, reference).await? else {
        return Ok(None);
    };
    Ok(Some(view(&call.state.db, &row, use_lang(), false).await?))
}

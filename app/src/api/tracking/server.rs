//! The server side of tracking: building the status view from the events, the applicant's
//! answer, and the public tracking proof kept in the session.

use crate::auth::{rate_limit, Call};
use crate::data::accounts::users;
use crate::data::applications::{self, ApplicationRow};
use crate::data::tracking::{self, Applied, EventRow, NewEvent};
use crate::data::{places, Db};
use crate::error::AppError;
use crate::forms::reference::{Reference, ReferenceError};
use crate::i18n::{use_lang, Lang};
use crate::model::{AccessEntry, AskedQuestion, StatusView, TimelineEntry, UploadedFile};
use crate::problem::Problem;
use crate::shown::{nairobi, nairobi_offset_date};
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
            let (_, days) = crate::data::catalogue::processing_days(db, row.service_id).await?;
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
        asked: match (owner, status, request_event(&events)) {
            (true, Status::InfoRequested, Some(request)) => {
                asked_questions(db, row, request).await?
            }
            _ => Vec::new(),
        },
        today: crate::shown::nairobi_today().format("%Y-%m-%d").to_string(),
        access: if owner {
            access_log(db, row.id, lang).await?
        } else {
            Vec::new()
        },
        visit: if owner {
            match crate::data::appointments::open_for(db, row.id).await? {
                Some(b) => crate::model::Purpose::from_code(&b.purpose),
                None => crate::api::appointments::server::purpose(row),
            }
        } else {
            None
        },
        can_rate: owner && matches!(status, Status::Collected | Status::Rejected),
        certificate: owner
            && crate::documents::certificate::issued_in(status)
            && crate::documents::certificate::for_service(&row.service_slug).is_some(),
        rating: if owner {
            crate::data::analytics::feedback_of(db, row.id)
                .await?
                .map(|(rating, _)| rating)
        } else {
            None
        },
    })
}

/// The request for information being answered: the last move to InfoRequested.
fn request_event(events: &[EventRow]) -> Option<&EventRow> {
    events
        .iter()
        .rev()
        .find(|e| e.to() == Some(Status::InfoRequested))
}

/// The questions a request asked again, with the answers and files as they are now.
async fn asked_questions(
    db: &Db,
    row: &ApplicationRow,
    request: &EventRow,
) -> Result<Vec<AskedQuestion>, AppError> {
    let keys = request.requested_keys();
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let form = crate::data::forms::version(db, row.service_id, row.form_version as u32)
        .await?
        .ok_or_else(|| AppError::internal("form version missing", &row.form_version))?;
    let answers = row.answers();
    let files = crate::data::applications::files::of_application(db, row.id).await?;
    Ok(keys
        .iter()
        .filter_map(|k| form.question(k))
        .map(|q| AskedQuestion {
            question: q.clone(),
            value: answers.get(&q.key).cloned().unwrap_or_default(),
            file: files
                .iter()
                .find(|f| {
                    answers.get(&f.question_key) == Some(&f.public_id) && f.question_key == q.key
                })
                .map(|f| UploadedFile {
                    question: f.question_key.clone(),
                    id: f.public_id.clone(),
                    name: f.file_name.clone(),
                    size_kb: (f.size_bytes + 1023) / 1024,
                }),
        })
        .collect())
}

/// Who has opened or changed the application, as its applicant is shown: role and
/// office, and a staff member's name only where their agency shows names; internal notes
/// are not mentioned.
async fn access_log(
    db: &Db,
    application_id: i64,
    lang: Lang,
) -> Result<Vec<AccessEntry>, AppError> {
    let t = lang.t();
    let entries = crate::data::audit::of_application(db, application_id).await?;
    let (agencies, showing) = if entries.iter().any(|e| e.actor_agency.is_some()) {
        (
            crate::data::staff::agencies(db).await?,
            crate::data::admin::agencies::showing_names(db).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    let named = |e: &crate::data::audit::AuditRow| {
        e.actor_agency.as_ref().is_some_and(|a| showing.contains(a))
            && matches!(e.actor_role.as_str(), "officer" | "supervisor")
    };
    let mut ids: Vec<i64> = entries
        .iter()
        .filter(|e| named(e))
        .filter_map(|e| e.actor_user_id)
        .collect();
    ids.sort_unstable();
    ids.dedup();
    let names = crate::data::staff::names(db, &ids).await?;
    Ok(entries
        .iter()
        .filter_map(|e| {
            let what = (t.staff.access_action)(&e.action)?;
            let what = if e.action == "status_changed" {
                serde_json::from_str::<serde_json::Value>(&e.detail)
                    .ok()
                    .and_then(|d| {
                        d.get("to")
                            .and_then(|v| v.as_str())
                            .and_then(Status::from_code)
                    })
                    .map(|to| (t.staff.access_status)((t.tracking.status)(to)))
                    .unwrap_or_else(|| what.to_string())
            } else {
                what.to_string()
            };
            Some(AccessEntry {
                at: nairobi(e.at),
                who: (t.staff.access_role)(&e.actor_role).to_string(),
                name: named(e)
                    .then(|| names.iter().find(|n| Some(n.0) == e.actor_user_id))
                    .flatten()
                    .map(|(_, first, last)| crate::shown::person_name(first, last.as_deref())),
                office: e.actor_agency.as_deref().and_then(|slug| {
                    agencies
                        .iter()
                        .find(|a| a.slug == slug)
                        .map(|a| a.name(lang).to_string())
                }),
                what,
            })
        })
        .collect())
}

/// The caller's own sent application (drafts have their task list instead).
async fn own_sent(call: &Call, user_id: i64, id: &str) -> Result<ApplicationRow, AppError> {
    let row = applications::of_user(&call.state.db, user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status == "draft" {
        crate::paths::go(&format!("/applications/{id}"));
        return Err(AppError::NotFound);
    }
    Ok(row)
}

pub async fn owner_view(call: &Call, user_id: i64, id: &str) -> Result<StatusView, AppError> {
    let row = own_sent(call, user_id, id).await?;
    view(&call.state.db, &row, use_lang(), true).await
}

/// The applicant's answer to a request for information: their words, the answers asked
/// again (checked by the form's rules), and the documents asked again (uploaded since the
/// request). All of it goes with the move back to the officer, in one transaction.
pub async fn answer(
    call: &Call,
    user_id: i64,
    id: &str,
    answer: &str,
    posted: &std::collections::HashMap<String, String>,
) -> Result<(), AppError> {
    let row = own_sent(call, user_id, id).await?;
    if status_of(&row)? != Status::InfoRequested {
        // Answered already (a second tap), or the officer moved on: nothing to do.
        return Ok(());
    }
    let db = &call.state.db;
    let events = tracking::events(db, row.id, 0).await?;
    let Some(request) = request_event(&events) else {
        return Ok(());
    };
    let keys = request.requested_keys();
    let mut problems = crate::problem::Problems::default();
    let mut answers = row.answers();
    if !keys.is_empty() {
        let form = crate::data::forms::version(db, row.service_id, row.form_version as u32)
            .await?
            .ok_or_else(|| AppError::internal("form version missing", &row.form_version))?;
        let files = crate::data::applications::files::of_application(db, row.id).await?;
        let today = crate::shown::nairobi_today();
        for question in keys.iter().filter_map(|k| form.question(k)) {
            if question.kind == crate::forms::Kind::File {
                // The document must be a new one, uploaded since the request.
                let renewed = files.iter().any(|f| {
                    f.question_key == question.key
                        && answers.get(&question.key) == Some(&f.public_id)
                        && f.created_at >= request.created_at
                });
                if !renewed {
                    problems.add(&question.key, Problem::FileMissing);
                }
                continue;
            }
            let typed = posted.get(&question.key).map(|v| v.trim()).unwrap_or("");
            let typed: String = typed.chars().take(5000).collect();
            match crate::forms::rules::check(question, &typed, today) {
                Ok(value) if value.is_empty() => {
                    answers.remove(&question.key);
                }
                Ok(value) => {
                    answers.insert(question.key.clone(), value);
                }
                Err(problem) => problems.add(&question.key, problem),
            }
        }
    }
    let answer = answer.trim();
    // Words are needed when nothing else was asked for.
    if answer.is_empty() && keys.is_empty() {
        problems.add("answer", Problem::Required);
    }
    if answer.chars().count() > ANSWER_MAX {
        problems.add(
            "answer",
            Problem::TooLong {
                max: ANSWER_MAX as u32,
            },
        );
    }
    problems.into_result()?;
    let who = call.who(user_id, "citizen", None);
    let event = NewEvent {
        note: (!answer.is_empty()).then_some(answer),
        ..NewEvent::plain(
            row.id,
            Status::InfoRequested,
            Status::Resubmitted,
            Actor::Citizen,
            &who,
        )
    };
    let json = serde_json::to_string(&answers).unwrap_or_else(|_| "{}".into());
    let with = if keys.is_empty() {
        tracking::With::Nothing
    } else {
        tracking::With::Answers(&json)
    };
    if let Applied::Moved(_) = tracking::apply_with(db, &event, with).await? {
        call.record(user_id, "application_answered").await?;
    }
    Ok(())
}

/// The longest comment with a rating.
pub const COMMENT_MAX: usize = 1000;

/// The applicant rates a finished application (collected or refused), once.
pub async fn rate(
    call: &Call,
    user_id: i64,
    id: &str,
    rating: &str,
    comment: &str,
) -> Result<(), AppError> {
    let row = own_sent(call, user_id, id).await?;
    if !matches!(status_of(&row)?, Status::Collected | Status::Rejected) {
        return Err(AppError::NotFound);
    }
    let mut problems = crate::problem::Problems::default();
    let rating = match rating.trim().parse::<i64>() {
        Ok(r) if (1..=5).contains(&r) => Some(r),
        _ => {
            problems.add("rating", Problem::Required);
            None
        }
    };
    let comment = comment.trim();
    if comment.chars().count() > COMMENT_MAX {
        problems.add(
            "comment",
            Problem::TooLong {
                max: COMMENT_MAX as u32,
            },
        );
    }
    problems.into_result()?;
    let rating = rating.unwrap_or(3);
    let comment = (!comment.is_empty()).then_some(comment);
    // A second rating changes nothing (the first stands).
    crate::data::analytics::give_feedback(&call.state.db, row.id, rating, comment).await?;
    Ok(())
}

/// Whether the applicant may upload a file for `question` now: while a request for
/// information asks for it again.
pub async fn asked_again(db: &Db, row: &ApplicationRow, question: &str) -> Result<bool, AppError> {
    if status_of(row)? != Status::InfoRequested {
        return Ok(false);
    }
    let events = tracking::events(db, row.id, 0).await?;
    Ok(request_event(&events).is_some_and(|r| r.requested_keys().iter().any(|k| k == question)))
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
    rate_limit::take_text(&call.state.limits.track_reference, &reference)
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

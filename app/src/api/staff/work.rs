//! Working on one application: the staff view (every opening audited), internal notes, and
//! the officer's moves — start processing, ask for more information, approve, refuse with
//! a reason, ready for collection at a place, collected (by whom).

use crate::error::AppError;
use crate::model::WorkItem;
use leptos::prelude::*;

/// The application as staff see it. Opening it is written to the audit log, which its
/// applicant can read.
#[server(endpoint = "staff/application")]
pub async fn get_work_item(id: String) -> Result<WorkItem, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = super::access::staff(&call).await?;
        server::work_item(&call, &staff, &id).await
    }
    .await;
    call.answer(result)
}

/// Adds an internal note (never shown to the applicant).
#[server(endpoint = "staff/note")]
pub async fn add_staff_note(id: String, #[server(default)] body: String) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = super::access::staff(&call).await?;
        server::note(&call, &staff, &id, &body).await
    }
    .await;
    let result = call
        .keep_on_error(&format!("note-{id}"), &[("body", body.as_str())], result)
        .await;
    call.answer(result)?;
    crate::paths::go(&format!("/staff/applications/{id}?noted=1#notes"));
    Ok(())
}

/// One move of the application (`to`: the status code), with what that move needs.
pub use decide_fn::*;

/// The move's form: one field per thing a move may carry, each an argument (the macro's
/// browser-side function cannot carry an `allow`, hence the module).
mod decide_fn {
    #![allow(clippy::too_many_arguments)]
    use crate::error::AppError;
    use leptos::prelude::*;
    use std::collections::HashMap;

    #[server(endpoint = "staff/decide")]
    pub async fn decide(
        id: String,
        to: String,
        #[server(default)] note: String,
        #[server(default)] reason: String,
        #[server(default)] place: String,
        #[server(default)] collector: String,
        #[server(default)] minor: String,
        #[server(default)] guardian: String,
        #[server(default)] ask: HashMap<String, String>,
    ) -> Result<(), AppError> {
        let call = crate::auth::call().await?;
        let decision = crate::api::staff::work::server::Decision {
            to: &to,
            note: &note,
            reason: &reason,
            place: &place,
            collector: &collector,
            minor: minor == "on" || minor == "true",
            guardian: &guardian,
            ask: ask.into_keys().collect(),
        };
        let ticked: Vec<String> = decision.ask.iter().map(|k| format!("ask:{k}")).collect();
        let result = async {
            let staff = crate::api::staff::access::staff(&call).await?;
            crate::api::staff::work::server::decide(&call, &staff, &id, &decision).await
        }
        .await;
        let mut values = vec![
            ("note", note.as_str()),
            ("reason", reason.as_str()),
            ("place", place.as_str()),
            ("collector", collector.as_str()),
            ("guardian", guardian.as_str()),
        ];
        values.extend(ticked.iter().map(|k| (k.as_str(), "on")));
        let result = call
            .keep_on_error(&format!("decide-{id}-{to}"), &values, result)
            .await;
        call.answer(result)?;
        crate::paths::go(&format!("/staff/applications/{id}?moved={to}"));
        Ok(())
    }
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::super::access::{self, Staff, Standing};
    use super::super::duties;
    use super::super::queue::server::staff_members;
    use crate::auth::Call;
    use crate::data::accounts::users;
    use crate::data::applications::{files, ApplicationRow};
    use crate::data::audit::Who;
    use crate::data::tracking::{self, Applied, Collection, NewEvent, With};
    use crate::data::{invoices, payments, places, staff as data};
    use crate::error::AppError;
    use crate::forms::Kind;
    use crate::i18n::{use_lang, Lang};
    use crate::model::{
        AccountType, Applicant, AskableQuestion, NamedLink, PlaceGroup, StaffEvent, StaffFile,
        StaffNote, WorkItem,
    };
    use crate::problem::{Problem, Problems};
    use crate::shown::nairobi;
    use crate::shown::person_name as name;
    use crate::tracking::{Actor, Reason, Status};
    use chrono::Utc;

    /// The longest note, request or reason an officer writes.
    pub const NOTE_MAX: usize = 2000;

    fn acting(call: &Call, staff: &Staff, standing: Standing, agency: &str) -> Who {
        let agency = (standing != Standing::Administrator).then_some(agency);
        staff.who(call, standing.role(), agency)
    }

    pub async fn work_item(call: &Call, staff: &Staff, id: &str) -> Result<WorkItem, AppError> {
        let (row, standing, agency) = access::application(call, staff, id).await?;
        let db = &call.state.db;
        let lang = use_lang();
        call.audit(
            &acting(call, staff, standing, &agency),
            "viewed_application",
            Some(row.id),
            &format!("application:{}", row.id),
            serde_json::json!({}),
        )
        .await?;
        let form = crate::data::forms::version(db, row.service_id, row.form_version as u32)
            .await?
            .ok_or_else(|| AppError::internal("form version missing", &row.form_version))?;
        let answers = row.answers();
        let all_files = files::of_application(db, row.id).await?;
        let current: Vec<&files::FileRow> = all_files
            .iter()
            .filter(|f| answers.get(&f.question_key) == Some(&f.public_id))
            .collect();
        let sections = crate::api::applications::server::answer_sections(
            &form,
            &answers,
            |key| {
                current
                    .iter()
                    .find(|f| f.question_key == key)
                    .map(|f| f.file_name.clone())
            },
            lang,
        );
        let label_of = |key: &str| {
            form.question(key)
                .map(|q| q.label.get(lang).to_string())
                .unwrap_or_else(|| key.to_string())
        };
        let files = current
            .iter()
            .map(|f| StaffFile {
                id: f.public_id.clone(),
                question: label_of(&f.question_key),
                name: f.file_name.clone(),
                content_type: f.content_type.clone(),
                size_kb: (f.size_bytes + 1023) / 1024,
            })
            .collect();
        let user = users::by_id(db, row.user_id)
            .await?
            .ok_or_else(|| AppError::internal("applicant missing", &row.user_id))?;
        let (invoice, paid) = match invoices::of_application(db, row.id).await? {
            Some(invoice) => {
                let lines = invoices::lines(db, invoice.id).await?;
                let paid = match invoice.paid_by {
                    Some(payment) => payments::by_id(db, payment).await?.map(|p| {
                        (
                            p.mpesa_receipt.unwrap_or_default(),
                            nairobi(p.resolved_at.unwrap_or(p.created_at)),
                        )
                    }),
                    None => None,
                };
                (
                    Some(crate::data::invoices::view(
                        Some(invoice.number.clone()),
                        &lines,
                        lang,
                    )),
                    paid,
                )
            }
            None => (None, None),
        };
        let timeline = timeline(call, &row, &label_of, lang).await?;
        let notes = data::notes(db, row.id)
            .await?
            .into_iter()
            .map(|n| StaffNote {
                author: name(&n.first_name, n.last_name.as_deref()),
                at: nairobi(n.created_at),
                body: n.body,
            })
            .collect();
        let status = Status::from_code(&row.status)
            .ok_or_else(|| AppError::internal("unknown status", &row.status))?;
        let holding = data::holding(db, row.id).await?;
        let open: Vec<Status> = status
            .next()
            .filter(|to| tracking_allows(status, *to))
            .collect();
        // Only the moves the caller may make as things stand (separation of duties).
        let moves: Vec<Status> = open
            .iter()
            .copied()
            .filter(|to| {
                duties::holding_needed(standing, *to, staff.user_id).allows(holding.assigned_to)
            })
            .collect();
        let hold_first = moves.len() < open.len();
        let questions = form
            .questions()
            .filter(|q| crate::forms::rules::is_shown(&form, q, &answers))
            .map(|q| AskableQuestion {
                key: q.key.clone(),
                label: q.label.get(lang).to_string(),
                file: q.kind == Kind::File,
            })
            .collect();
        let now = Utc::now();
        let due = holding.due_at.unwrap_or(now);
        let groups = place_groups(call, Some(row.service_id), lang).await?;
        let supervisor = standing.supervises();
        Ok(WorkItem {
            id: row.public_id.clone(),
            reference: row.reference.clone().unwrap_or_default(),
            service: row.service_name(lang),
            agency: agency_name(call, row.agency_id, lang).await?,
            status,
            applicant: Applicant {
                name: [
                    Some(user.first_name.as_str()),
                    user.other_names.as_deref(),
                    user.last_name.as_deref(),
                ]
                .into_iter()
                .flatten()
                .filter(|n| !n.is_empty())
                .collect::<Vec<_>>()
                .join(" "),
                account_type: AccountType::from_code(&user.account_type)
                    .unwrap_or(AccountType::Citizen),
                id_number: user.id_number.clone(),
                year_of_birth: user.year_of_birth,
                phone: user.phone.clone(),
                email: user.email.clone(),
            },
            submitted: row.submitted_at.map(nairobi).unwrap_or_default(),
            due: nairobi(due)[..10].to_string(),
            overdue: status.is_pending_decision() && due < now,
            holder: holding
                .first_name
                .as_deref()
                .map(|f| name(f, holding.last_name.as_deref())),
            mine: holding.assigned_to == Some(staff.user_id),
            supervisor,
            staff: if supervisor {
                staff_members(call, row.agency_id).await?
            } else {
                Vec::new()
            },
            sections,
            files,
            invoice,
            paid,
            timeline,
            notes,
            moves,
            hold_first,
            questions,
            places: groups,
            collection: data::collection(db, row.id)
                .await?
                .map(|c| (c.collector_id_number, c.guardian_id_number)),
            documents: crate::api::documents::server::issued(call, row.id, lang).await?,
            finding: crate::documents::certificate::for_service(&row.service_slug)
                .and_then(|s| s.note.as_ref())
                .map(|n| n.get(lang).to_string()),
        })
    }

    /// The collection places of a service (every place when it has none chosen, or for
    /// no one service), grouped by kind (Huduma Centres, immigration offices, missions),
    /// for choosing where a document waits.
    pub async fn place_groups(
        call: &Call,
        service_id: Option<i64>,
        lang: Lang,
    ) -> Result<Vec<PlaceGroup>, AppError> {
        let t = lang.staff();
        let mut groups: Vec<PlaceGroup> = Vec::new();
        let db = &call.state.db;
        let offered = match service_id {
            Some(id) => places::for_service(db, id).await?,
            None => places::all(db).await?,
        };
        for place in offered {
            let label = (t.place_kind)(&place.kind).to_string();
            let link = NamedLink {
                slug: place.slug.clone(),
                name: place.name(lang).to_string(),
            };
            match groups.iter_mut().find(|g| g.label == label) {
                Some(group) => group.places.push(link),
                None => groups.push(PlaceGroup {
                    label,
                    places: vec![link],
                }),
            }
        }
        Ok(groups)
    }

    /// Moves an officer makes (the applicant's answer and payments are not theirs).
    fn tracking_allows(from: Status, to: Status) -> bool {
        crate::tracking::status::MOVES
            .iter()
            .any(|m| m.from == from && m.to == to && m.by == Actor::Officer)
    }

    async fn agency_name(call: &Call, agency_id: i64, lang: Lang) -> Result<String, AppError> {
        Ok(data::agencies(&call.state.db)
            .await?
            .into_iter()
            .find(|a| a.id == agency_id)
            .map(|a| a.name(lang).to_string())
            .unwrap_or_default())
    }

    async fn timeline(
        call: &Call,
        row: &ApplicationRow,
        label_of: &impl Fn(&str) -> String,
        lang: Lang,
    ) -> Result<Vec<StaffEvent>, AppError> {
        let db = &call.state.db;
        let t = lang.t();
        let events = tracking::events(db, row.id, 0).await?;
        let mut ids: Vec<i64> = events.iter().filter_map(|e| e.actor_user_id).collect();
        ids.sort_unstable();
        ids.dedup();
        let names = data::names(db, &ids).await?;
        let mut out = Vec::with_capacity(events.len());
        for e in &events {
            let actor = e.actor().unwrap_or(Actor::System);
            let by = match e
                .actor_user_id
                .and_then(|id| names.iter().find(|n| n.0 == id))
            {
                Some((_, first, last)) => {
                    format!(
                        "{} ({})",
                        name(first, last.as_deref()),
                        (t.tracking.actor)(actor)
                    )
                }
                None => (t.tracking.actor)(actor).to_string(),
            };
            let place = match e.place_id {
                Some(id) => places::by_id(db, id)
                    .await?
                    .map(|p| p.name(lang).to_string()),
                None => None,
            };
            out.push(StaffEvent {
                status: e.to().unwrap_or(Status::Submitted),
                at: nairobi(e.created_at),
                by,
                note: e.note.clone(),
                reason: e
                    .reason
                    .as_deref()
                    .and_then(Reason::from_code)
                    .map(|r| (t.staff.reason)(r).to_string()),
                requested: e.requested_keys().iter().map(|k| label_of(k)).collect(),
                place,
            });
        }
        Ok(out)
    }

    pub async fn note(call: &Call, staff: &Staff, id: &str, body: &str) -> Result<(), AppError> {
        let (row, standing, agency) = access::application(call, staff, id).await?;
        let body = body.trim();
        if body.is_empty() {
            return Err(AppError::field("body", Problem::Required));
        }
        if body.chars().count() > NOTE_MAX {
            return Err(AppError::field(
                "body",
                Problem::TooLong {
                    max: NOTE_MAX as u32,
                },
            ));
        }
        let note_id = data::add_note(&call.state.db, row.id, staff.user_id, body).await?;
        call.audit(
            &acting(call, staff, standing, &agency),
            "noted",
            Some(row.id),
            &format!("application:{}", row.id),
            serde_json::json!({ "note": note_id }),
        )
        .await
    }

    /// What the officer sent with a move.
    pub struct Decision<'a> {
        pub to: &'a str,
        pub note: &'a str,
        pub reason: &'a str,
        pub place: &'a str,
        pub collector: &'a str,
        pub minor: bool,
        pub guardian: &'a str,
        pub ask: Vec<String>,
    }

    fn long(problems: &mut Problems, field: &str, text: &str) {
        if text.chars().count() > NOTE_MAX {
            problems.add(
                field,
                Problem::TooLong {
                    max: NOTE_MAX as u32,
                },
            );
        }
    }

    pub async fn decide(
        call: &Call,
        staff: &Staff,
        id: &str,
        d: &Decision<'_>,
    ) -> Result<(), AppError> {
        let (row, standing, agency) = access::application(call, staff, id).await?;
        let db = &call.state.db;
        let from = Status::from_code(&row.status)
            .ok_or_else(|| AppError::internal("unknown status", &row.status))?;
        let Some(to) = Status::from_code(d.to).filter(|to| tracking_allows(from, *to)) else {
            // The page was older than the application (someone moved it meanwhile).
            return Err(AppError::form(Problem::StaleAction));
        };
        // Decisions are made by whoever holds the application (separation of duties);
        // checked again in the move's own update, so a reassignment meanwhile stops it.
        let held_by = duties::holding_needed(standing, to, staff.user_id);
        let holder = data::holding(db, row.id).await?.assigned_to;
        if !held_by.allows(holder) {
            let who = acting(call, staff, standing, &agency);
            let detail = serde_json::json!({ "to": to.code(), "holder": holder });
            return Err(duties::refuse(db, &who, row.id, "refused_not_holding", detail).await);
        }
        let mut problems = Problems::default();
        let note = d.note.trim();
        long(&mut problems, "note", note);
        let mut reason = None;
        let mut place_id = None;
        let mut requested = None;
        let mut collection = None;
        let (collector, guardian);
        match to {
            Status::InfoRequested => {
                if note.is_empty() {
                    problems.add("note", Problem::Required);
                }
                let form = crate::data::forms::version(db, row.service_id, row.form_version as u32)
                    .await?
                    .ok_or_else(|| AppError::internal("form version missing", &row.form_version))?;
                let mut keys: Vec<String> = d
                    .ask
                    .iter()
                    .filter(|k| form.question(k).is_some())
                    .cloned()
                    .collect();
                keys.sort();
                if !keys.is_empty() {
                    requested = Some(serde_json::to_string(&keys).unwrap_or_default());
                }
            }
            Status::Rejected => {
                match Reason::from_code(d.reason) {
                    Some(r) => reason = Some(r.code()),
                    None => problems.add("reason", Problem::Required),
                }
                if note.is_empty() {
                    problems.add("note", Problem::Required);
                }
            }
            // Only where the service's documents can be collected.
            Status::ReadyForCollection => match places::for_service(db, row.service_id)
                .await?
                .into_iter()
                .find(|p| p.slug == d.place)
            {
                Some(place) => place_id = Some(place.id),
                None => problems.add("place", Problem::Required),
            },
            Status::Collected => {
                collector = problems.check("collector", id_number(d.collector));
                guardian = if d.minor {
                    problems.check("guardian", id_number(d.guardian))
                } else {
                    None
                };
                if let Some(collector) = &collector {
                    collection = Some((collector.clone(), guardian.clone()));
                }
            }
            _ => {}
        }
        problems.into_result()?;
        let who = acting(call, staff, standing, &agency);
        let event = NewEvent {
            note: (!note.is_empty()).then_some(note),
            place_id,
            reason,
            requested: requested.as_deref(),
            held_by,
            ..NewEvent::plain(row.id, from, to, Actor::Officer, &who)
        };
        let with = match &collection {
            Some((collector, guardian)) => With::Collection(Collection {
                collector_id_number: collector,
                guardian_id_number: guardian.as_deref(),
                recorded_by: staff.user_id,
            }),
            None => With::Nothing,
        };
        match tracking::apply_with(db, &event, with).await? {
            Applied::Moved(_) => {}
            Applied::Stale => return Err(AppError::form(Problem::StaleAction)),
        }
        // Starting on an application nobody holds takes it on.
        if to == Status::Processing {
            let _ = data::set_holder(db, row.id, Some(staff.user_id), Some(data::Holder::Nobody))
                .await?;
        }
        Ok(())
    }

    /// An ID number as typed at the counter: a national ID, alien or refugee card, or a
    /// passport number (letters and digits, 6–12 of them).
    fn id_number(typed: &str) -> Result<String, Problem> {
        let cleaned = crate::validate::id_number_form(typed);
        if cleaned.is_empty() {
            return Err(Problem::Required);
        }
        if !(6..=12).contains(&cleaned.len()) || !cleaned.chars().all(|c| c.is_ascii_alphanumeric())
        {
            return Err(Problem::IdNumberInvalid);
        }
        Ok(cleaned)
    }
}

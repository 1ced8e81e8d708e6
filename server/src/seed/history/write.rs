//! Writes the planned history: its people, then every application with its files,
//! invoice and payments, then every status change in the order they happened (so the
//! audit chain reads forwards in time), then collections, visits, ratings, officers'
//! notes and the demo citizen's inbox. One transaction: a history is written whole or not
//! at all (the files put in the store first are then left behind, unreferenced).

use super::applicants::{Applicant, Officer};
use super::{Application, Service, Taken};
use crate::seed::SeedError;
use app::data::audit::Who;
use app::data::tracking::{HeldBy, NewEvent};
use app::data::Db;
use app::files::store::{self, FileStore};
use app::tracking::{Actor, Status};
use app::{insert_event, with_pool};
use chrono::{DateTime, Duration, Utc};
use futures::{StreamExt, TryStreamExt};
use rand::Rng;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

static PHOTO: &[u8] = include_bytes!("../../../seed/history/photo.png");
static DOCUMENT: &[u8] = include_bytes!("../../../seed/history/document.pdf");

/// Who works where: the synthetic applicants' user ids (in `applicants()` order), and the
/// staff of each agency with their role.
pub(crate) struct Staff {
    pub applicants: Vec<i64>,
    by_agency: HashMap<String, Vec<i64>>,
    roles: HashMap<i64, &'static str>,
}

impl Staff {
    pub fn of_agency(&self, agency: &str) -> &[i64] {
        self.by_agency.get(agency).map_or(&[], Vec::as_slice)
    }

    fn role(&self, id: i64) -> &'static str {
        self.roles.get(&id).copied().unwrap_or("officer")
    }
}

/// Creates the applicants and officers (nobody can sign in as them: their password is
/// random and forgotten), and finds the demo officer and supervisor, who also work at
/// Immigration and Lands.
pub(crate) async fn people(
    db: &Db,
    applicants: &[Applicant],
    officers: &[Officer],
) -> Result<Staff, SeedError> {
    let secret: String = rand::rng()
        .sample_iter(rand::distr::Alphanumeric)
        .take(40)
        .map(char::from)
        .collect();
    let hash = app::auth::password::hash(secret)
        .await
        .map_err(|e| SeedError::History(e.to_string()))?;
    let joined = Utc::now() - Duration::days(super::DAYS + 60);
    let insert = "INSERT INTO users (account_type, id_number, first_name, last_name, other_names, \
         gender, year_of_birth, date_of_birth, email, phone, email_verified_at, phone_verified_at, \
         password_hash, status, language, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12, 'active', $13, $11, $11) \
         RETURNING id";
    let role = "INSERT INTO user_roles (user_id, role, agency_id, created_at, updated_at) \
         VALUES ($1, $2, (SELECT id FROM agencies WHERE slug = $3), $4, $4)";
    use chrono::Datelike;
    let (applicant_ids, officer_ids) = with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let mut applicant_ids = Vec::with_capacity(applicants.len());
        for p in applicants {
            let id: i64 = sqlx::query_scalar(insert)
                .bind(p.account_type)
                .bind(&p.id_number)
                .bind(&p.first_name)
                .bind(&p.last_name)
                .bind(&p.other_names)
                .bind(p.gender)
                .bind(p.date_of_birth.year())
                .bind(p.date_of_birth)
                .bind(&p.email)
                .bind(&p.phone)
                .bind(joined)
                .bind(&hash)
                .bind(p.language)
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(role)
                .bind(id)
                .bind("citizen")
                .bind(None::<&str>)
                .bind(joined)
                .execute(&mut *tx)
                .await?;
            applicant_ids.push(id);
        }
        let mut officer_ids = Vec::with_capacity(officers.len());
        for (i, o) in officers.iter().enumerate() {
            let born = chrono::NaiveDate::from_ymd_opt(1975 + i as i32, 1 + (i as u32 % 12), 10)
                .unwrap_or_default();
            let id: i64 = sqlx::query_scalar(insert)
                .bind("citizen")
                .bind(&o.id_number)
                .bind(o.first_name)
                .bind(o.last_name)
                .bind(None::<&str>)
                .bind(None::<&str>)
                .bind(born.year())
                .bind(born)
                .bind(&o.email)
                .bind(&o.phone)
                .bind(joined)
                .bind(&hash)
                .bind("en")
                .fetch_one(&mut *tx)
                .await?;
            sqlx::query(role)
                .bind(id)
                .bind("officer")
                .bind(o.agency)
                .bind(joined)
                .execute(&mut *tx)
                .await?;
            officer_ids.push(id);
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>((applicant_ids, officer_ids))
    })?;
    let mut by_agency: HashMap<String, Vec<i64>> = HashMap::new();
    let mut roles = HashMap::new();
    for (o, id) in officers.iter().zip(officer_ids) {
        by_agency.entry(o.agency.to_string()).or_default().push(id);
        roles.insert(id, "officer");
    }
    // The demo officer takes up as much as the others together; the supervisor some too.
    for (email, role, share) in [
        ("otieno@example.com", "officer", 2),
        ("baraka@example.com", "supervisor", 1),
    ] {
        let id: Option<i64> = with_pool!(db, |pool| sqlx::query_scalar(
            "SELECT id FROM users WHERE email = $1"
        )
        .bind(email)
        .fetch_optional(pool)
        .await)?;
        let Some(id) = id else { continue };
        roles.insert(id, role);
        for agency in ["immigration", "ministry-lands"] {
            let staff = by_agency.entry(agency.to_string()).or_default();
            staff.extend(std::iter::repeat_n(id, share));
        }
    }
    Ok(Staff {
        applicants: applicant_ids,
        by_agency,
        roles,
    })
}

/// A file put in the store for an application.
struct Stored {
    question: String,
    public_id: String,
    storage_key: String,
    content_type: &'static str,
    size: i64,
    name: String,
    sha256: String,
}

/// Puts every application's files in the store, sixteen at a time.
async fn store_files(
    files: &FileStore,
    planned: &[Application],
) -> Result<Vec<Vec<Stored>>, SeedError> {
    let photo_sha = hex::encode(Sha256::digest(PHOTO));
    let document_sha = hex::encode(Sha256::digest(DOCUMENT));
    let all: Vec<Vec<Stored>> = planned
        .iter()
        .map(|a| {
            a.files
                .iter()
                .map(|f| {
                    let (ext, content_type, bytes, sha256) = if f.photo {
                        ("png", "image/png", PHOTO, &photo_sha)
                    } else {
                        ("pdf", "application/pdf", DOCUMENT, &document_sha)
                    };
                    Stored {
                        question: f.key.clone(),
                        public_id: uuid::Uuid::new_v4().simple().to_string(),
                        storage_key: store::new_key(ext),
                        content_type,
                        size: bytes.len() as i64,
                        name: format!("{}.{ext}", f.key.replace('_', "-")),
                        sha256: sha256.clone(),
                    }
                })
                .collect()
        })
        .collect();
    let puts: Vec<(String, &'static [u8])> = all
        .iter()
        .flatten()
        .map(|s| {
            let bytes = if s.content_type == "image/png" {
                PHOTO
            } else {
                DOCUMENT
            };
            (s.storage_key.clone(), bytes)
        })
        .collect();
    futures::stream::iter(puts)
        .map(|(key, bytes)| async move { store::put(files, &key, bytes.to_vec()).await })
        .buffer_unordered(16)
        .try_collect::<Vec<()>>()
        .await
        .map_err(|e| SeedError::History(format!("storing a demo file: {e}")))?;
    Ok(all)
}

/// What a request for information asks again, and its words: a document if the
/// application has one, else a typed answer.
fn request(service: &Service, application: &Application) -> (String, String) {
    let label = |key: &str| {
        service
            .form
            .question(key)
            .map(|q| q.label.en.clone())
            .unwrap_or_else(|| key.to_string())
    };
    if let Some(file) = application.files.first() {
        let words = format!(
            "Please upload \"{}\" again: the copy sent cannot be read clearly.",
            label(&file.key)
        );
        return (format!("[\"{}\"]", file.key), words);
    }
    let key = application
        .answers
        .keys()
        .next()
        .cloned()
        .unwrap_or_default();
    let words = format!(
        "Please check your answer to \"{}\": it does not match our records.",
        label(&key)
    );
    (format!("[\"{key}\"]"), words)
}

/// Writes every planned application; returns how many status changes were written.
pub(crate) async fn applications(
    db: &Db,
    files: &FileStore,
    services: &[Service],
    planned: &[Application],
    staff: &Staff,
    now: DateTime<Utc>,
    rng: &mut impl Rng,
) -> Result<usize, SeedError> {
    let stored = store_files(files, planned).await?;
    let places: Vec<(i64, String)> = with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT id, kind FROM places WHERE kind IN ('immigration_office', 'huduma_centre') ORDER BY id"
    )
    .fetch_all(pool)
    .await
    })?;
    let of_kind =
        |kind: &str| -> Vec<i64> { places.iter().filter(|p| p.1 == kind).map(|p| p.0).collect() };
    let (immigration, huduma) = (of_kind("immigration_office"), of_kind("huduma_centre"));
    if immigration.is_empty() || huduma.is_empty() {
        return Err(SeedError::Places("no offices to collect from".into()));
    }
    // Where each application's document waits, and its visit is made.
    let places: Vec<(i64, i64)> = planned
        .iter()
        .map(|a| {
            let slug = services[a.service].slug;
            let immigration_work = slug.starts_with("passport-")
                || slug.starts_with("visa-")
                || slug == "work-permit"
                || slug == "foreigner-id";
            let ready = if immigration_work {
                &immigration
            } else {
                &huduma
            };
            let visit = if slug.starts_with("passport-") {
                &immigration
            } else {
                &huduma
            };
            (
                ready[rng.random_range(0..ready.len())],
                visit[rng.random_range(0..visit.len())],
            )
        })
        .collect();
    let requests: Vec<(String, String)> = planned
        .iter()
        .map(|a| request(&services[a.service], a))
        .collect();
    let mut taken = Taken::default();
    let mut receipt = || {
        taken.fresh(|| {
            const LETTERS: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";
            let tail: String = (0..8)
                .map(|_| LETTERS[rng.random_range(0..LETTERS.len())] as char)
                .collect();
            format!("TL{tail}")
        })
    };
    let receipts: Vec<String> = planned.iter().map(|_| receipt()).collect();
    // Every status change, in the order they happened.
    let mut moves: Vec<(DateTime<Utc>, usize, usize)> = planned
        .iter()
        .enumerate()
        .flat_map(|(a, p)| {
            p.plan
                .steps
                .iter()
                .enumerate()
                .map(move |(s, step)| (step.at, a, s))
        })
        .collect();
    moves.sort();
    let capacity = |place: i64| {
        let kind = if immigration.contains(&place) {
            "immigration_office"
        } else {
            "huduma_centre"
        };
        app::api::appointments::server::default_capacity(kind)
    };

    let events = with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let before: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM application_events")
            .fetch_one(&mut *tx)
            .await?;
        let mut ids = Vec::with_capacity(planned.len());
        for (i, (a, files)) in planned.iter().zip(&stored).enumerate() {
            let service = &services[a.service];
            let status = a.plan.status();
            let steps = &a.plan.steps;
            let sent = steps.first().map_or(a.plan.sent_at, |s| s.at);
            let last = steps.last().map_or(sent, |s| s.at);
            let taken_up = steps
                .iter()
                .find(|s| s.to == Status::Processing)
                .map(|s| s.at);
            let mut answers = a.answers.clone();
            for f in files {
                answers.insert(f.question.clone(), f.public_id.clone());
            }
            let begun = sent - Duration::minutes(5 + (i as i64 * 7) % 40);
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO applications (public_id, user_id, service_id, form_version, status, \
                 answers, reference, submitted_at, assigned_to, assigned_at, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
            )
            .bind(&a.public_id)
            .bind(a.user_id)
            .bind(service.id)
            .bind(service.form.version as i64)
            .bind(status.code())
            .bind(serde_json::to_string(&answers).unwrap_or_else(|_| "{}".into()))
            .bind(&a.reference)
            .bind(a.plan.submitted_at())
            .bind(taken_up.map(|_| a.officer))
            .bind(taken_up)
            .bind(begun)
            .bind(last)
            .fetch_one(&mut *tx)
            .await?;
            for f in files {
                sqlx::query(
                    "INSERT INTO application_files (public_id, application_id, question_key, \
                     storage_key, content_type, size_bytes, file_name, sha256, uploaded_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
                )
                .bind(&f.public_id)
                .bind(id)
                .bind(&f.question)
                .bind(&f.storage_key)
                .bind(f.content_type)
                .bind(f.size)
                .bind(&f.name)
                .bind(&f.sha256)
                .bind(a.user_id)
                .bind(begun + Duration::minutes(2))
                .execute(&mut *tx)
                .await?;
            }
            let total: i64 = a.lines.iter().map(|l| l.amount_cents).sum();
            let invoice: i64 = sqlx::query_scalar(
                "INSERT INTO invoices (number, application_id, total_cents, status, paid_at, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(&a.invoice_number)
            .bind(id)
            .bind(total)
            .bind(if total == 0 { "paid" } else { "unpaid" })
            .bind((total == 0).then_some(sent))
            .bind(sent)
            .fetch_one(&mut *tx)
            .await?;
            for (position, line) in a.lines.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO invoice_lines (invoice_id, position, kind, label_en, label_sw, amount_cents) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(invoice)
                .bind(position as i64)
                .bind(&line.kind)
                .bind(&line.label_en)
                .bind(&line.label_sw)
                .bind(line.amount_cents)
                .execute(&mut *tx)
                .await?;
            }
            let checkout = |at: DateTime<Utc>, n: usize| {
                format!("ws_CO_{}{:06}{n}", at.format("%d%m%Y%H%M%S"), i)
            };
            if let Some(at) = a.plan.cancelled_prompt.filter(|at| *at <= now) {
                sqlx::query(
                    "INSERT INTO payments (invoice_id, method, phone, amount_cents, merchant_request_id, \
                     checkout_request_id, status, result_code, result_desc, created_at, resolved_at) \
                     VALUES ($1, 'stk', $2, $3, $4, $5, 'failed', 1032, 'Request cancelled by user', $6, $7)",
                )
                .bind(invoice)
                .bind(&a.phone)
                .bind(total)
                .bind(format!("29115-{:08}-1", i * 2))
                .bind(checkout(at, 0))
                .bind(at - Duration::seconds(30))
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            if let Some(paid) = steps.iter().find(|s| s.from == Status::AwaitingPayment) {
                // Most pay by the prompt on their phone; some at the Paybill number.
                let prompt = i % 7 != 3;
                let payment: i64 = sqlx::query_scalar(
                    "INSERT INTO payments (invoice_id, method, phone, amount_cents, merchant_request_id, \
                     checkout_request_id, status, result_code, result_desc, mpesa_receipt, created_at, resolved_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, 'paid', 0, $7, $8, $9, $10) RETURNING id",
                )
                .bind(invoice)
                .bind(if prompt { "stk" } else { "paybill" })
                .bind(&a.phone)
                .bind(total)
                .bind(prompt.then(|| format!("29115-{:08}-1", i * 2 + 1)))
                .bind(prompt.then(|| checkout(paid.at, 1)))
                .bind("The service request is processed successfully.")
                .bind(&receipts[i])
                .bind(paid.at - Duration::seconds(if prompt { 35 } else { 5 }))
                .bind(paid.at)
                .fetch_one(&mut *tx)
                .await?;
                sqlx::query(
                    "UPDATE invoices SET status = 'paid', paid_by = $1, paid_at = $2 WHERE id = $3",
                )
                .bind(payment)
                .bind(paid.at)
                .bind(invoice)
                .execute(&mut *tx)
                .await?;
            }
            ids.push(id);
        }

        let mut collected_by_event = HashMap::new();
        let mut own_events = Vec::new();
        for (at, a, s) in &moves {
            let application = &planned[*a];
            let step = &application.plan.steps[*s];
            let service = &services[application.service];
            let who = match step.by {
                Actor::Citizen => Who {
                    user_id: Some(application.user_id),
                    role: "citizen",
                    ..Who::default()
                },
                Actor::Officer => Who {
                    user_id: Some(application.officer),
                    role: staff.role(application.officer),
                    agency: Some(service.agency.clone()),
                    ..Who::default()
                },
                Actor::System => Who::SYSTEM,
            };
            let (requested, asked) = &requests[*a];
            let asking = step.to == Status::InfoRequested;
            let event = NewEvent {
                application_id: ids[*a],
                from: step.from,
                to: step.to,
                by: step.by,
                who: &who,
                note: if asking {
                    Some(asked.as_str())
                } else {
                    step.note
                },
                place_id: (step.to == Status::ReadyForCollection).then_some(places[*a].0),
                reason: step.reason.map(|r| r.code()),
                requested: asking.then_some(requested.as_str()),
                held_by: HeldBy::Anyone,
            };
            let id = insert_event!(tx, &event, *at);
            if step.to == Status::Collected {
                collected_by_event.insert(*a, (id, *at));
            }
            if application.own {
                own_events.push((id, *at));
            }
        }
        // Told already, long ago: the notifier has nothing to send for the history.
        sqlx::query(
            "UPDATE application_events SET notified_at = created_at WHERE id > $1 AND notified_at IS NULL",
        )
        .bind(before)
        .execute(&mut *tx)
        .await?;

        for (a, (event, at)) in &collected_by_event {
            let application = &planned[*a];
            sqlx::query(
                "INSERT INTO collections (application_id, event_id, collector_id_number, recorded_by, \
                 created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)",
            )
            .bind(ids[*a])
            .bind(event)
            .bind(&application.id_number)
            .bind(application.officer)
            .bind(at)
            .execute(&mut *tx)
            .await?;
        }
        for (a, application) in planned.iter().enumerate() {
            if let Some((at, rating, comment)) = application.plan.rating {
                sqlx::query(
                    "INSERT INTO feedback (application_id, rating, comment, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $4)",
                )
                .bind(ids[a])
                .bind(rating)
                .bind(comment)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            if let Some((at, body)) = application.plan.staff_note {
                sqlx::query(
                    "INSERT INTO staff_notes (application_id, author_id, body, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $4)",
                )
                .bind(ids[a])
                .bind(application.officer)
                .bind(body)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
            let Some(visit) = &application.plan.visit else {
                continue;
            };
            let place = if visit.purpose == "collection" {
                places[a].0
            } else {
                places[a].1
            };
            let booked_at = application
                .plan
                .steps
                .last()
                .map_or(application.plan.sent_at, |s| s.at)
                .min(visit.at - Duration::hours(2));
            sqlx::query(
                "INSERT INTO appointment_slots (place_id, starts_at, capacity, booked, created_at, updated_at) \
                 VALUES ($1, $2, $3, 0, $4, $4) ON CONFLICT (place_id, starts_at) DO NOTHING",
            )
            .bind(place)
            .bind(visit.at)
            .bind(capacity(place))
            .bind(booked_at)
            .execute(&mut *tx)
            .await?;
            // Taken as a booking is: only while the slot has room.
            let slot: Option<i64> = sqlx::query_scalar(
                "UPDATE appointment_slots SET booked = booked + 1 \
                 WHERE place_id = $1 AND starts_at = $2 AND booked < capacity RETURNING id",
            )
            .bind(place)
            .bind(visit.at)
            .fetch_optional(&mut *tx)
            .await?;
            let Some(slot) = slot else { continue };
            sqlx::query(
                "INSERT INTO appointments (application_id, slot_id, purpose, status, marked_by, \
                 reminded_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6, $6)",
            )
            .bind(ids[a])
            .bind(slot)
            .bind(visit.purpose)
            .bind(visit.status)
            .bind((visit.status != "booked").then_some(application.officer))
            // Reminded already: synthetic people get no reminders in the mailbox.
            .bind(booked_at)
            .execute(&mut *tx)
            .await?;
        }
        // The demo citizen's inbox: what she was told, read but for the last few days.
        let owner = planned.iter().find(|a| a.own).map(|a| a.user_id);
        if let Some(owner) = owner {
            for (event, at) in &own_events {
                sqlx::query(
                    "INSERT INTO inbox_messages (user_id, event_id, read_at, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $4) ON CONFLICT (user_id, event_id) DO NOTHING",
                )
                .bind(owner)
                .bind(event)
                .bind((now - *at > Duration::days(3)).then(|| *at + Duration::hours(1)))
                .bind(at)
                .execute(&mut *tx)
                .await?;
            }
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(moves.len())
    })?;
    Ok(events)
}

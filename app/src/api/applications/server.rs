//! The server side of applying: drafts, answers and the form each was started with.

use crate::auth::Call;
use crate::data::accounts::users::{self, UserRow};
use crate::data::applications::{self, ApplicationRow};
use crate::error::AppError;
use crate::forms::definition::Prefill;
use crate::forms::{rules, Answers, FormDefinition, Kind, Status};
use crate::i18n::{use_lang, Lang};
use crate::model::{
    AccountType, AnswerRow, AnswerSection, ApplicationItem, ApplyStart, CheckAnswers, SectionPage,
    TaskItem, TaskList, UploadedFile,
};
use crate::shown::{nairobi, nairobi_today};
use std::collections::HashMap;

/// The caller's application and the form version it was started with.
pub(crate) async fn load(
    call: &Call,
    user_id: i64,
    id: &str,
) -> Result<(ApplicationRow, FormDefinition), AppError> {
    let db = &call.state.db;
    let row = applications::of_user(db, user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let form = crate::data::forms::version(db, row.service_id, row.form_version as u32)
        .await?
        .ok_or_else(|| AppError::internal("form version missing", &row.form_version))?;
    Ok((row, form))
}

/// A draft only: a submitted application's answers no longer change here.
pub(crate) fn draft(row: &ApplicationRow) -> Result<(), AppError> {
    if row.status == "draft" {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

/// Whether the person's account type is one the service serves.
fn eligible(user: &UserRow, service: &crate::model::ServiceDetail) -> bool {
    AccountType::from_code(&user.account_type).is_some_and(|t| service.account_types.contains(&t))
}

/// The day (Nairobi) an untouched draft is deleted.
fn keep_until(expires_at: chrono::DateTime<chrono::Utc>) -> String {
    nairobi(expires_at)[..10].to_string()
}

fn prefilled(form: &FormDefinition, user: &UserRow) -> Answers {
    form.questions()
        .filter_map(|q| {
            let value = match q.prefill? {
                Prefill::FirstName => Some(user.first_name.clone()),
                Prefill::LastName => user.last_name.clone(),
                Prefill::OtherNames => user.other_names.clone(),
                Prefill::IdNumber => Some(user.id_number.clone()),
                Prefill::DateOfBirth => {
                    user.date_of_birth.map(|d| d.format("%Y-%m-%d").to_string())
                }
                Prefill::Email => Some(user.email.clone()),
                Prefill::Phone => Some(user.phone.clone()),
            }?;
            Some((q.key.clone(), value))
        })
        .collect()
}

pub async fn apply_start(call: &Call, slug: &str) -> Result<ApplyStart, AppError> {
    let db = &call.state.db;
    let lang = use_lang();
    let (service_id, form) = crate::data::forms::current(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let service = call
        .state
        .catalogue
        .now(db)
        .await?
        .service(slug, lang)
        .ok_or(AppError::NotFound)?;
    let signed_in = crate::auth::session::signed_in(&call.session).await?;
    let (not_eligible, draft) = match &signed_in {
        Some(s) => {
            let user = users::by_id(db, s.user_id)
                .await?
                .ok_or(AppError::Unauthorized)?;
            let eligible = eligible(&user, &service);
            (
                !eligible,
                applications::open_draft(db, user.id, service_id).await?,
            )
        }
        None => (false, None),
    };
    Ok(ApplyStart {
        service_slug: slug.to_string(),
        service_name: service.name,
        sections: form
            .sections
            .iter()
            .map(|s| s.title.get(lang).to_string())
            .collect(),
        signed_in: signed_in.is_some(),
        not_eligible,
        draft,
    })
}

pub async fn start(call: &Call, user_id: i64, slug: &str) -> Result<String, AppError> {
    let db = &call.state.db;
    let (service_id, form) = crate::data::forms::current(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(id) = applications::open_draft(db, user_id, service_id).await? {
        return Ok(id);
    }
    let user = users::by_id(db, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let service = call
        .state
        .catalogue
        .now(db)
        .await?
        .service(slug, use_lang())
        .ok_or(AppError::NotFound)?;
    let eligible = eligible(&user, &service);
    if !eligible {
        return Err(AppError::Forbidden);
    }
    let id = applications::create_draft(
        db,
        user_id,
        service_id,
        form.version,
        &prefilled(&form, &user),
    )
    .await?;
    call.record(user_id, "application_started").await?;
    Ok(id)
}

fn tasks(form: &FormDefinition, answers: &Answers, lang: Lang) -> Vec<TaskItem> {
    let today = nairobi_today();
    form.sections
        .iter()
        .filter(|s| rules::section_shown(form, s, answers))
        .map(|s| TaskItem {
            key: s.key.clone(),
            title: s.title.get(lang).to_string(),
            status: rules::status(form, s, answers, today),
        })
        .collect()
}

/// Where a sent application's own page is: paying, or (once paid) its status.
pub(crate) fn sent_page(row: &ApplicationRow) -> String {
    match row.status.as_str() {
        "awaiting_payment" => format!("/applications/{}/pay", row.public_id),
        _ => format!("/applications/{}/status", row.public_id),
    }
}

/// The caller's draft. A sent application has no draft pages: the browser is sent on to
/// its own page (paying, or its confirmation).
async fn load_draft(
    call: &Call,
    user_id: i64,
    id: &str,
) -> Result<(ApplicationRow, FormDefinition), AppError> {
    let (row, form) = load(call, user_id, id).await?;
    if row.status != "draft" {
        crate::paths::go(&sent_page(&row));
    }
    draft(&row)?;
    Ok((row, form))
}

pub async fn task_list(call: &Call, user_id: i64, id: &str) -> Result<TaskList, AppError> {
    let (row, form) = load_draft(call, user_id, id).await?;
    let lang = use_lang();
    let answers = row.answers();
    let tasks = tasks(&form, &answers, lang);
    Ok(TaskList {
        id: row.public_id.clone(),
        service_slug: row.service_slug.clone(),
        service_name: row.service_name(lang),
        complete: tasks.iter().all(|t| t.status == Status::Completed),
        tasks,
        keep_until: row.expires_at.map(keep_until),
    })
}

/// The files the answers point to (older uploads replaced since are not shown).
async fn uploaded(
    call: &Call,
    row: &ApplicationRow,
    answers: &Answers,
) -> Result<Vec<UploadedFile>, AppError> {
    Ok(
        crate::data::applications::files::of_application(&call.state.db, row.id)
            .await?
            .into_iter()
            .filter(|f| answers.get(&f.question_key) == Some(&f.public_id))
            .map(|f| UploadedFile {
                question: f.question_key,
                id: f.public_id,
                name: f.file_name,
                size_kb: (f.size_bytes + 1023) / 1024,
            })
            .collect(),
    )
}

pub async fn section(
    call: &Call,
    user_id: i64,
    id: &str,
    key: &str,
) -> Result<SectionPage, AppError> {
    let (row, form) = load(call, user_id, id).await?;
    draft(&row)?;
    let answers = row.answers();
    let section = form.section(key).ok_or(AppError::NotFound)?;
    if !rules::section_shown(&form, section, &answers) {
        return Err(AppError::NotFound);
    }
    Ok(SectionPage {
        id: row.public_id.clone(),
        service_name: row.service_name(use_lang()),
        section: key.to_string(),
        files: uploaded(call, &row, &answers).await?,
        answers,
        today: nairobi_today().format("%Y-%m-%d").to_string(),
        form,
        shared: crate::auth::session::signed_in(&call.session)
            .await?
            .is_some_and(|s| s.shared),
    })
}

/// The part's typed answers as posted: trimmed, at most 5000 characters (long enough for
/// any answer; the rules say what is too long), empty ones left out. Files arrive by
/// upload, not by this form.
fn typed(section: &crate::forms::Section, posted: &HashMap<String, String>) -> Answers {
    section
        .questions
        .iter()
        .filter(|q| q.kind != Kind::File)
        .filter_map(|q| {
            let value = posted.get(&q.key).map(|v| v.trim()).unwrap_or_default();
            (!value.is_empty()).then(|| (q.key.clone(), value.chars().take(5000).collect()))
        })
        .collect()
}

/// The part's answers replaced by `part` (its typed questions only).
fn replace_part(section: &crate::forms::Section, answers: &mut Answers, part: Answers) {
    for question in section.questions.iter().filter(|q| q.kind != Kind::File) {
        answers.remove(&question.key);
    }
    answers.extend(part);
}

pub async fn save(
    call: &Call,
    user_id: i64,
    id: &str,
    key: &str,
    posted: HashMap<String, String>,
) -> Result<(), AppError> {
    let (row, form) = load(call, user_id, id).await?;
    draft(&row)?;
    let section = form.section(key).ok_or(AppError::NotFound)?;
    let mut answers = row.answers();
    replace_part(section, &mut answers, typed(section, &posted));
    applications::save_answers(&call.state.db, row.id, &answers).await?;
    rules::check_section(&form, section, &answers, nairobi_today())
        .map(|_| ())
        .map_err(AppError::Invalid)
}

/// A part typed on the phone while offline, arriving now: merged with the server's copy
/// (crate::drafts::merge), the phone's side winning the questions both changed if it was
/// typed after the draft last changed here. `age_millis` is how long ago it was typed, by
/// the phone's own clock, so a phone set to the wrong time still compares fairly.
pub async fn sync(
    call: &Call,
    user_id: i64,
    id: &str,
    key: &str,
    phone: HashMap<String, String>,
    base: HashMap<String, String>,
    age_millis: i64,
) -> Result<crate::model::SyncOutcome, AppError> {
    use crate::drafts::merge::{merge, Winner};
    let (row, form) = load(call, user_id, id).await?;
    draft(&row)?;
    let section = form.section(key).ok_or(AppError::NotFound)?;
    let keys = section.typed_keys();
    // A draft lasts weeks, not longer: an older age is a wrong clock.
    let age = chrono::Duration::milliseconds(age_millis.clamp(0, 60 * 24 * 3600 * 1000));
    let winner = if chrono::Utc::now() - age >= row.updated_at {
        Winner::Phone
    } else {
        Winner::Server
    };
    let (phone, base) = (typed(section, &phone), typed(section, &base));
    let mut answers = row.answers();
    let merged = merge(&keys, &base, &phone, &answers, winner);
    replace_part(section, &mut answers, merged.answers);
    applications::save_answers(&call.state.db, row.id, &answers).await?;
    let lang = use_lang();
    let conflicts = merged
        .conflicts
        .iter()
        .filter_map(|key| section.questions.iter().find(|q| &q.key == key))
        .map(|q| crate::model::SyncConflict {
            label: q.label.get(lang).to_string(),
            phone: phone
                .get(&q.key)
                .map(|v| shown_value(q, v, lang))
                .unwrap_or_default(),
        })
        .collect();
    Ok(crate::model::SyncOutcome { winner, conflicts })
}

/// An answer as the person reads it back: the label of a choice, "Yes"/"No", a file's name.
fn shown_value(question: &crate::forms::Question, value: &str, lang: Lang) -> String {
    let t = lang.t();
    match question.kind {
        Kind::Choice => question
            .options
            .iter()
            .find(|o| o.value == value)
            .map(|o| o.label.get(lang).to_string())
            .unwrap_or_else(|| value.to_string()),
        Kind::YesNo => match value {
            "yes" => t.applications.yes.to_string(),
            "no" => t.applications.no.to_string(),
            other => other.to_string(),
        },
        _ => value.to_string(),
    }
}

/// The answers to the questions shown, section by section, as people read them back (a
/// file question shows the file's name, from `file_name`).
pub(crate) fn answer_sections(
    form: &FormDefinition,
    answers: &Answers,
    file_name: impl Fn(&str) -> Option<String>,
    lang: Lang,
) -> Vec<AnswerSection> {
    form.sections
        .iter()
        .filter(|s| rules::section_shown(form, s, answers))
        .map(|s| AnswerSection {
            key: s.key.clone(),
            title: s.title.get(lang).to_string(),
            rows: s
                .questions
                .iter()
                .filter(|q| rules::is_shown(form, q, answers))
                .map(|q| AnswerRow {
                    question: q.key.clone(),
                    label: q.label.get(lang).to_string(),
                    value: match q.kind {
                        Kind::File => file_name(&q.key).unwrap_or_default(),
                        _ => answers
                            .get(&q.key)
                            .map(|v| shown_value(q, v, lang))
                            .unwrap_or_default(),
                    },
                })
                .collect(),
        })
        .collect()
}

pub async fn check_answers(call: &Call, user_id: i64, id: &str) -> Result<CheckAnswers, AppError> {
    let (row, form) = load_draft(call, user_id, id).await?;
    let lang = use_lang();
    let answers = row.answers();
    let files = uploaded(call, &row, &answers).await?;
    let file_name = |key: &str| {
        files
            .iter()
            .find(|f| f.question == key)
            .map(|f| f.name.clone())
    };
    let sections = answer_sections(&form, &answers, file_name, lang);
    let shown = rules::shown_answers(&form, &answers);
    Ok(CheckAnswers {
        id: row.public_id.clone(),
        service_name: row.service_name(lang),
        sections,
        unfinished: tasks(&form, &answers, lang)
            .into_iter()
            .filter(|t| t.status != Status::Completed)
            .collect(),
        fees: crate::api::payments::server::preview(call, &row, &form, &shown).await?,
        declaration: crate::api::payments::server::declaration(&form, lang),
    })
}

pub async fn mine(call: &Call, user_id: i64) -> Result<Vec<ApplicationItem>, AppError> {
    let lang = use_lang();
    let db = &call.state.db;
    let mut items = Vec::new();
    for row in applications::list(db, user_id).await? {
        let paid_cents = match row.status.as_str() {
            "draft" => None,
            _ => crate::data::invoices::of_application(db, row.id)
                .await?
                .filter(|i| i.paid())
                .map(|i| i.total_cents),
        };
        items.push(ApplicationItem {
            id: row.public_id.clone(),
            service_name: row.service_name(lang),
            status: row.status.clone(),
            reference: row.reference.clone(),
            paid_cents,
            updated: nairobi(row.updated_at),
            keep_until: row.expires_at.map(keep_until),
        });
    }
    Ok(items)
}

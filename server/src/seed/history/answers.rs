//! A demo application's answers: what its applicant would have typed into the service's
//! form, passing the form's own checks on the day it was sent. Names, numbers and dates come
//! from the applicant's account where the form fills them in; other typed answers are
//! picked from server/seed/history/answers.toml; choices and dates are drawn within the
//! form's rules; every file question gets one of two small files.

use super::applicants::Applicant;
use app::forms::dates::Bound;
use app::forms::{rules, Answers, FormDefinition, Kind, Question};
use chrono::{Duration, NaiveDate};
use rand::Rng;
use std::collections::HashMap;

static ANSWERS_FILE: &str = include_str!("../../../seed/history/answers.toml");

/// Plausible typed answers by question key.
pub struct AnswerTable(HashMap<String, Vec<String>>);

impl AnswerTable {
    pub fn load() -> Result<AnswerTable, toml::de::Error> {
        Ok(AnswerTable(toml::from_str(ANSWERS_FILE)?))
    }
}

/// A file question answered: which question, and whether it wants a photo.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileAnswer {
    pub key: String,
    pub photo: bool,
}

/// The answers, cleaned as the form keeps them, and the files they point at. A file
/// question's answer is a placeholder (`file:<key>`) until the file is written and has its
/// public id.
pub struct Filled {
    pub answers: Answers,
    pub files: Vec<FileAnswer>,
}

/// Fills `form` as `who` would on `today`. Questions are taken in order, so a question shown
/// by an earlier answer is answered too; yes/no questions lean to "no" (most people have no
/// convictions or previous refusals to explain).
pub fn fill(
    form: &FormDefinition,
    who: &Applicant,
    today: NaiveDate,
    table: &AnswerTable,
    rng: &mut impl Rng,
) -> Result<Filled, String> {
    let mut answers = Answers::new();
    let mut files = Vec::new();
    for section in &form.sections {
        if !rules::section_shown(form, section, &answers) {
            continue;
        }
        for question in &section.questions {
            if !rules::is_shown(form, question, &answers) {
                continue;
            }
            if question.kind == Kind::File {
                if question.required || rng.random_bool(0.5) {
                    answers.insert(question.key.clone(), format!("file:{}", question.key));
                    files.push(FileAnswer {
                        key: question.key.clone(),
                        photo: question.photo,
                    });
                }
                continue;
            }
            let Some(value) = typed(question, who, today, table, rng)? else {
                continue;
            };
            let cleaned = rules::check(question, &value, today)
                .map_err(|problem| format!("{}: {value:?}: {problem:?}", question.key))?;
            if !cleaned.is_empty() {
                answers.insert(question.key.clone(), cleaned);
            }
        }
    }
    Ok(Filled { answers, files })
}

/// A typed answer to one question, or None to leave an optional one blank.
fn typed(
    question: &Question,
    who: &Applicant,
    today: NaiveDate,
    table: &AnswerTable,
    rng: &mut impl Rng,
) -> Result<Option<String>, String> {
    use app::forms::definition::Prefill;
    if let Some(prefill) = question.prefill {
        let value = match prefill {
            Prefill::FirstName => Some(who.first_name.clone()),
            Prefill::LastName => Some(who.last_name.clone()),
            Prefill::OtherNames => who.other_names.clone(),
            Prefill::IdNumber => Some(who.id_number.clone()),
            Prefill::DateOfBirth => Some(who.date_of_birth.format("%Y-%m-%d").to_string()),
            Prefill::Email => Some(who.email.clone()),
            Prefill::Phone => Some(who.phone.clone()),
        };
        // A prefilled answer the form's rules refuse (a visitor's name longer than the
        // field) falls through to the table, as a person would retype it.
        if let Some(value) = value.filter(|v| rules::check(question, v, today).is_ok()) {
            return Ok(Some(value));
        }
    }
    if !question.required && rng.random_bool(0.3) {
        return Ok(None);
    }
    let value = match question.kind {
        Kind::Choice => {
            let options = &question.options;
            (!options.is_empty()).then(|| options[rng.random_range(0..options.len())].value.clone())
        }
        Kind::YesNo => Some(if rng.random_bool(0.15) { "yes" } else { "no" }.to_string()),
        Kind::Date => Some(date(question, today, rng).format("%Y-%m-%d").to_string()),
        Kind::Phone => Some(match table.0.get(&question.key) {
            Some(values) => values[rng.random_range(0..values.len())].clone(),
            None => who.phone.clone(),
        }),
        Kind::IdNumber => Some(match table.0.get(&question.key) {
            Some(values) => values[rng.random_range(0..values.len())].clone(),
            None => format!("{}", rng.random_range(10_000_000..39_999_999u32)),
        }),
        Kind::Text | Kind::LongText | Kind::Address | Kind::Number => {
            let values = table
                .0
                .get(&question.key)
                .ok_or_else(|| format!("answers.toml has nothing for question {}", question.key))?;
            Some(values[rng.random_range(0..values.len())].clone())
        }
        Kind::File => None,
    };
    Ok(value)
}

/// A date within the question's bounds (resolved on `today`), at most 40 years wide.
fn date(question: &Question, today: NaiveDate, rng: &mut impl Rng) -> NaiveDate {
    let bound = |b: &Option<String>| {
        b.as_deref()
            .and_then(Bound::parse)
            .map(|b| b.resolve(today))
    };
    let latest = bound(&question.latest).unwrap_or(today + Duration::days(365));
    let earliest = bound(&question.earliest)
        .unwrap_or(latest - Duration::days(365 * 20))
        .max(latest - Duration::days(365 * 40));
    let span = (latest - earliest).num_days().max(0);
    earliest + Duration::days(rng.random_range(0..=span))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    /// Every form, filled by many applicants on many days, passes the form's own checks.
    #[test]
    fn every_form_filled_passes_its_checks() {
        let table = AnswerTable::load().expect("answers.toml parses");
        let forms = crate::seed::forms::load_forms().expect("forms load");
        let people = super::super::applicants::applicants();
        let mut rng = rand::rngs::StdRng::seed_from_u64(7);
        for (slug, form) in &forms {
            for round in 0..60 {
                let who = &people[(round * 37) % people.len()];
                let today =
                    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(round as i64 * 6);
                let filled = fill(form, who, today, &table, &mut rng)
                    .unwrap_or_else(|e| panic!("{slug}: {e}"));
                // Files are real public ids by the time the form is checked.
                let mut answers = filled.answers.clone();
                for file in &filled.files {
                    answers.insert(file.key.clone(), "0123456789abcdef".into());
                }
                let problems = rules::check_all(form, &answers, today);
                assert!(problems.is_empty(), "{slug}: {problems:?}");
            }
        }
    }
}

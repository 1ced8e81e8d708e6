//! Checking answers against a form definition. The server is the authority; the browser
//! runs the same code after hydration for instant feedback.

use super::dates::{self, Bound};
use super::definition::{Condition, FormDefinition, Kind, Question, Section};
use crate::problem::{FieldError, Problem};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;

/// A draft's answers: question key → what was typed or chosen (a file's document id).
pub type Answers = BTreeMap<String, String>;

/// Answers from (key, value) pairs: the tests' way of writing a draft.
#[cfg(test)]
pub fn answers_of(pairs: &[(&str, &str)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Where a section stands, for the task list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Status {
    NotStarted,
    InProgress,
    Completed,
}

/// Whether a condition holds for the answers (and the question it names is itself shown).
pub fn holds(form: &FormDefinition, condition: &Condition, answers: &Answers) -> bool {
    let answered = answers
        .get(&condition.question)
        .is_some_and(|a| condition.equals.iter().any(|e| e == a.trim()));
    // A condition on a question that is itself hidden does not hold.
    answered
        && form
            .question(&condition.question)
            .is_some_and(|q| is_shown(form, q, answers))
}

pub fn section_shown(form: &FormDefinition, section: &Section, answers: &Answers) -> bool {
    section
        .show_if
        .as_ref()
        .is_none_or(|c| holds(form, c, answers))
}

/// Whether the question is asked, given the answers so far (its own condition and its
/// section's).
pub fn is_shown(form: &FormDefinition, question: &Question, answers: &Answers) -> bool {
    let section = form
        .sections
        .iter()
        .find(|s| s.questions.iter().any(|q| q.key == question.key));
    section.is_some_and(|s| section_shown(form, s, answers))
        && question
            .show_if
            .as_ref()
            .is_none_or(|c| holds(form, c, answers))
}

/// Characters, not bytes (Kiswahili and names with accents count as people count them).
fn length(text: &str) -> u32 {
    text.chars().count() as u32
}

/// Checks one answer; returns it cleaned (trimmed; a number without separators).
pub fn check(question: &Question, value: &str, today: NaiveDate) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return if question.required {
            Err(match question.kind {
                Kind::Choice | Kind::YesNo => Problem::ChooseOne,
                Kind::File => Problem::FileMissing,
                _ => Problem::Required,
            })
        } else {
            Ok(String::new())
        };
    }
    let cleaned = match question.kind {
        Kind::Text | Kind::LongText | Kind::Address => value.to_string(),
        Kind::Number => {
            let digits: String = value.chars().filter(|c| !matches!(c, ',' | ' ')).collect();
            let n: i64 = digits.parse().map_err(|_| Problem::NumberInvalid)?;
            if let Some(min) = question.min.filter(|min| n < *min) {
                return Err(Problem::NumberTooSmall { min });
            }
            if let Some(max) = question.max.filter(|max| n > *max) {
                return Err(Problem::NumberTooLarge { max });
            }
            n.to_string()
        }
        Kind::Date => {
            let date = dates::parse(value).ok_or(Problem::DateInvalid)?;
            let bound = |b: &Option<String>| {
                b.as_deref()
                    .and_then(Bound::parse)
                    .map(|b| b.resolve(today))
            };
            if let Some(earliest) = bound(&question.earliest).filter(|e| date < *e) {
                return Err(Problem::DateTooEarly {
                    day: earliest.num_days_from_ce(),
                });
            }
            if let Some(latest) = bound(&question.latest).filter(|l| date > *l) {
                return Err(Problem::DateTooLate {
                    day: latest.num_days_from_ce(),
                });
            }
            date.format("%Y-%m-%d").to_string()
        }
        Kind::Choice => {
            if !question.options.iter().any(|o| o.value == value) {
                return Err(Problem::ChooseOne);
            }
            value.to_string()
        }
        Kind::YesNo => match value {
            "yes" | "no" => value.to_string(),
            _ => return Err(Problem::ChooseOne),
        },
        Kind::Phone => crate::validate::phone_shape(value)?,
        Kind::IdNumber => {
            let id = crate::validate::id_number_form(value);
            let ok = (5..=12).contains(&id.len())
                && id.chars().all(|c| c.is_ascii_alphanumeric())
                && id.chars().any(|c| c.is_ascii_digit());
            if !ok {
                return Err(Problem::IdNumberInvalid);
            }
            id
        }
        Kind::File => value.to_string(),
    };
    if let Some(min) = question.min_length.filter(|m| length(&cleaned) < *m) {
        return Err(Problem::TooShort { min });
    }
    if let Some(max) = question.max_length.filter(|m| length(&cleaned) > *m) {
        return Err(Problem::TooLong { max });
    }
    if let Some(pattern) = &question.pattern {
        // Anchored: the whole answer must match, whatever the definition wrote.
        let anchored = format!("^(?:{pattern})$");
        let matches = regex_lite::Regex::new(&anchored).is_ok_and(|r| r.is_match(&cleaned));
        if !matches {
            return Err(Problem::FormatWrong);
        }
    }
    Ok(cleaned)
}

/// Checks the shown questions of a section; returns the cleaned answers or the problems.
pub fn check_section(
    form: &FormDefinition,
    section: &Section,
    answers: &Answers,
    today: NaiveDate,
) -> Result<Answers, Vec<FieldError>> {
    let mut cleaned = Answers::new();
    let mut problems = Vec::new();
    for question in &section.questions {
        if !is_shown(form, question, answers) {
            continue;
        }
        let value = answers.get(&question.key).map(String::as_str).unwrap_or("");
        match check(question, value, today) {
            Ok(v) => {
                cleaned.insert(question.key.clone(), v);
            }
            Err(p) => problems.push(FieldError::new(&question.key, p)),
        }
    }
    if problems.is_empty() {
        Ok(cleaned)
    } else {
        Err(problems)
    }
}

/// A section is not started until one of its questions has an answer, and completed when
/// every question it shows passes.
pub fn status(
    form: &FormDefinition,
    section: &Section,
    answers: &Answers,
    today: NaiveDate,
) -> Status {
    let touched = section
        .questions
        .iter()
        .any(|q| answers.get(&q.key).is_some_and(|a| !a.trim().is_empty()));
    if !touched {
        Status::NotStarted
    } else if check_section(form, section, answers, today).is_ok() {
        Status::Completed
    } else {
        Status::InProgress
    }
}

/// The answers that count: those to questions still shown (an answer to a question hidden
/// by a later change is dropped, not submitted).
pub fn shown_answers(form: &FormDefinition, answers: &Answers) -> Answers {
    form.questions()
        .filter(|q| is_shown(form, q, answers))
        .filter_map(|q| answers.get(&q.key).map(|a| (q.key.clone(), a.clone())))
        .collect()
}

/// Every problem in the whole form (before the declaration).
pub fn check_all(form: &FormDefinition, answers: &Answers, today: NaiveDate) -> Vec<FieldError> {
    form.sections
        .iter()
        .filter(|s| section_shown(form, s, answers))
        .filter_map(|s| check_section(form, s, answers, today).err())
        .flatten()
        .collect()
}

#[cfg(test)]
mod tests;

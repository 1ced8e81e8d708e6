//! A service's application form, as data: sections of questions, each with a type, rules,
//! help text and both languages. Definitions are written as TOML under
//! `server/seed/forms/`, checked by [`FormDefinition::problems`] when `uraia seed` loads
//! them, and stored as JSON with a version number; an application keeps the version it was
//! filled against.

use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// A text in English and Kiswahili.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub sw: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::Sw => &self.sw,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormDefinition {
    pub version: u32,
    /// The start of every reference this service gives (2–4 capital letters, e.g. `PPR`).
    pub reference_prefix: String,
    /// A guardian may apply on behalf of a child (a minor's passport, a birth certificate).
    #[serde(default)]
    pub for_child: bool,
    pub sections: Vec<Section>,
    /// Which of the service's conditional fees an application pays (see [`FeeRule`]).
    #[serde(default)]
    pub fees: Vec<FeeRule>,
}

/// When a line of the service's fee list (`[[service.fee]]` in the catalogue, 1 = first) is
/// charged. A line no rule names is charged to every application; a rule without
/// `applies_if` means the line is never charged with this form (it is paid elsewhere).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeeRule {
    pub line: u32,
    #[serde(default)]
    pub applies_if: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// Lowercase letters, digits and hyphens; part of the section's address.
    pub key: String,
    pub title: Text,
    #[serde(default)]
    pub intro: Option<Text>,
    /// Shown only when an earlier answer says so (e.g. "About the child").
    #[serde(default)]
    pub show_if: Option<Condition>,
    pub questions: Vec<Question>,
}

impl Section {
    /// The keys of the questions answered by typing or choosing (files arrive by upload).
    pub fn typed_keys(&self) -> Vec<String> {
        self.questions
            .iter()
            .filter(|q| q.kind != Kind::File)
            .map(|q| q.key.clone())
            .collect()
    }

    /// Whether question `key` is one of this part's.
    pub fn asks(&self, key: &str) -> bool {
        self.questions.iter().any(|q| q.key == key)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Text,
    /// Several lines (reasons, descriptions).
    LongText,
    Number,
    Date,
    /// One of `options`.
    Choice,
    YesNo,
    /// A postal or physical address (several lines).
    Address,
    Phone,
    IdNumber,
    /// A document or photo, uploaded in the documents step.
    File,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub value: String,
    pub label: Text,
}

/// "Show this when question `question` was answered with one of `equals`".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    pub question: String,
    pub equals: Vec<String>,
}

/// What an answer can be filled in with from the person's account.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Prefill {
    FirstName,
    LastName,
    OtherNames,
    IdNumber,
    DateOfBirth,
    Email,
    Phone,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Lowercase letters, digits and underscores; unique in the form.
    pub key: String,
    pub kind: Kind,
    pub label: Text,
    #[serde(default)]
    pub hint: Option<Text>,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub min_length: Option<u32>,
    #[serde(default)]
    pub max_length: Option<u32>,
    /// A regular expression the whole answer must match (after trimming).
    #[serde(default)]
    pub pattern: Option<String>,
    /// Said when the pattern does not match: what the format is, with an example.
    #[serde(default)]
    pub pattern_message: Option<Text>,
    #[serde(default)]
    pub min: Option<i64>,
    #[serde(default)]
    pub max: Option<i64>,
    /// Date bounds (see `forms::dates::Bound`): `today-18y`, `2000-01-01`, …
    #[serde(default)]
    pub earliest: Option<String>,
    #[serde(default)]
    pub latest: Option<String>,
    #[serde(default)]
    pub options: Vec<Choice>,
    #[serde(default)]
    pub show_if: Option<Condition>,
    #[serde(default)]
    pub prefill: Option<Prefill>,
    /// A file question for a passport-style photo: an image of a sensible size and shape.
    #[serde(default)]
    pub photo: bool,
}

fn is_key(text: &str, extra: char) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == extra)
}

impl FormDefinition {
    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    pub fn question(&self, key: &str) -> Option<&Question> {
        self.questions().find(|q| q.key == key)
    }

    pub fn section(&self, key: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.key == key)
    }

    /// What is wrong with the definition itself (for the seed loader): keys, duplicates,
    /// conditions that point forward or at nothing, choices without options, rules that do
    /// not fit the type, unparsable patterns and date bounds, texts left empty.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut sections: Vec<&str> = Vec::new();
        let empty = |t: &Text| t.en.trim().is_empty() || t.sw.trim().is_empty();
        let check_condition =
            |c: &Condition, seen: &[&str], problems: &mut Vec<String>, at: &str| {
                if !seen.contains(&c.question.as_str()) {
                    problems.push(format!(
                        "{at}: show_if refers to {:?}, which is not an earlier question",
                        c.question
                    ));
                }
                if c.equals.is_empty() {
                    problems.push(format!("{at}: show_if has no values"));
                }
            };
        if self.sections.is_empty() {
            problems.push("the form has no sections".into());
        }
        let prefix = &self.reference_prefix;
        if !(2..=4).contains(&prefix.len()) || !prefix.chars().all(|c| c.is_ascii_uppercase()) {
            problems.push("reference_prefix must be 2 to 4 capital letters".into());
        }
        for section in &self.sections {
            let at = format!("section {:?}", section.key);
            if !is_key(&section.key, '-') {
                problems.push(format!("{at}: the key must be lowercase a-z, 0-9 and -"));
            }
            if sections.contains(&section.key.as_str()) {
                problems.push(format!("{at}: used twice"));
            }
            sections.push(&section.key);
            if empty(&section.title) {
                problems.push(format!("{at}: the title needs both languages"));
            }
            if let Some(c) = &section.show_if {
                check_condition(c, &seen, &mut problems, &at);
            }
            if section.questions.is_empty() {
                problems.push(format!("{at}: no questions"));
            }
            for q in &section.questions {
                let at = format!("question {:?}", q.key);
                if !is_key(&q.key, '_') {
                    problems.push(format!("{at}: the key must be lowercase a-z, 0-9 and _"));
                }
                if seen.contains(&q.key.as_str()) {
                    problems.push(format!("{at}: used twice"));
                }
                if empty(&q.label) || q.hint.as_ref().is_some_and(empty) {
                    problems.push(format!("{at}: texts need both languages"));
                }
                if let Some(c) = &q.show_if {
                    check_condition(c, &seen, &mut problems, &at);
                }
                match q.kind {
                    Kind::Choice if q.options.len() < 2 => {
                        problems.push(format!("{at}: a choice needs at least two options"))
                    }
                    Kind::Choice => {}
                    _ if !q.options.is_empty() => {
                        problems.push(format!("{at}: only a choice has options"))
                    }
                    _ => {}
                }
                if (q.min.is_some() || q.max.is_some()) && q.kind != Kind::Number {
                    problems.push(format!("{at}: min/max are for numbers"));
                }
                if q.photo && q.kind != Kind::File {
                    problems.push(format!("{at}: photo is for file questions"));
                }
                if (q.earliest.is_some() || q.latest.is_some()) && q.kind != Kind::Date {
                    problems.push(format!("{at}: earliest/latest are for dates"));
                }
                for bound in [&q.earliest, &q.latest].into_iter().flatten() {
                    if super::dates::Bound::parse(bound).is_none() {
                        problems.push(format!("{at}: {bound:?} is not a date bound"));
                    }
                }
                if let Some(pattern) = &q.pattern {
                    if regex_lite::Regex::new(pattern).is_err() {
                        problems.push(format!("{at}: the pattern does not compile"));
                    }
                    if q.pattern_message.as_ref().is_none_or(empty) {
                        problems.push(format!("{at}: a pattern needs a pattern_message"));
                    }
                }
                seen.push(&q.key);
            }
        }
        let mut lines = Vec::new();
        for rule in &self.fees {
            let at = format!("fee line {}", rule.line);
            if rule.line == 0 {
                problems.push("fee lines are numbered from 1".into());
            }
            if lines.contains(&rule.line) {
                problems.push(format!("{at}: has two rules"));
            }
            lines.push(rule.line);
            if let Some(c) = &rule.applies_if {
                check_condition(c, &seen, &mut problems, &at);
            }
        }
        problems
    }
}

//! Application forms as data: definitions (`definition`), the rules that check answers the
//! same way on the server and in the browser (`rules`, with date ranges in `dates`), and
//! application reference numbers (`reference`), and which fees an application pays (`fees`).

pub mod dates;
pub mod definition;
pub mod fees;
pub mod reference;
pub mod rules;

pub use definition::{Condition, FormDefinition, Kind, Question, Section, Text};
pub use rules::{Answers, Status};

/// The name of question `key`'s input: a plain form post brings every answer of a part
/// as `answers[key]`, and the part's island reads them by the same names.
pub fn answer_name(key: &str) -> String {
    format!("answers[{key}]")
}

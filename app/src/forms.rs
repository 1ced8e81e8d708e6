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

/// The question key an input `name` answers (`answers[key]` → `key`); `None` for any
/// other field of the form.
pub fn answer_key(name: &str) -> Option<&str> {
    name.strip_prefix("answers[")?.strip_suffix(']')
}

#[cfg(test)]
mod tests {
    use super::{answer_key, answer_name};

    #[test]
    fn an_answer_s_name_gives_back_its_key() {
        assert_eq!(answer_key(&answer_name("surname")), Some("surname"));
        assert_eq!(answer_key("section"), None);
        assert_eq!(answer_key("answers[surname"), None);
    }
}

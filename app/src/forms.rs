//! Application forms as data: definitions (`definition`), the rules that check answers the
//! same way on the server and in the browser (`rules`, with date ranges in `dates`), and
//! application reference numbers (`reference`), and which fees an application pays (`fees`).

pub mod dates;
pub mod definition;
pub mod fees;
pub mod reference;
pub mod rules;

pub use definition::{FormDefinition, Kind, Question, Section, Text};
pub use rules::{Answers, Status};

//! Bringing a part typed on the phone (offline) together with the server's copy of it.
//!
//! A three-way merge, question by question, from `base` (the answers the phone last knew
//! the server to have): a question changed only on the phone takes the phone's answer; one
//! changed only on the server keeps the server's; one changed on both sides to different
//! answers is a conflict, and the newer side wins it (`winner`). An empty answer and
//! no answer are the same thing, as the form post treats them.

use crate::forms::Answers;
use serde::{Deserialize, Serialize};

/// Which side won the questions both sides changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Winner {
    Phone,
    Server,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Merged {
    /// The part's answers to keep (only the part's questions).
    pub answers: Answers,
    /// The questions both sides changed, in the order given.
    pub conflicts: Vec<String>,
}

fn answer<'a>(answers: &'a Answers, key: &str) -> &'a str {
    answers.get(key).map(|v| v.trim()).unwrap_or_default()
}

/// Merges the part's `keys`.
pub fn merge(
    keys: &[String],
    base: &Answers,
    phone: &Answers,
    server: &Answers,
    winner: Winner,
) -> Merged {
    let mut merged = Merged {
        answers: Answers::new(),
        conflicts: Vec::new(),
    };
    for key in keys {
        let (was, ours, theirs) = (answer(base, key), answer(phone, key), answer(server, key));
        let value = if ours == theirs || ours == was {
            theirs
        } else if theirs == was {
            ours
        } else {
            merged.conflicts.push(key.clone());
            match winner {
                Winner::Phone => ours,
                Winner::Server => theirs,
            }
        };
        if !value.is_empty() {
            merged.answers.insert(key.clone(), value.to_string());
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> Answers {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    fn keys() -> Vec<String> {
        ["name", "town", "phone"].map(String::from).to_vec()
    }

    #[test]
    fn a_question_changed_on_one_side_takes_that_side() {
        let base = answers(&[("name", "Wanjiku"), ("town", "Nakuru")]);
        let phone = answers(&[("name", "Wanjiku Kamau"), ("town", "Nakuru")]);
        let server = answers(&[("name", "Wanjiku"), ("town", "Naivasha"), ("phone", "0712")]);
        for winner in [Winner::Phone, Winner::Server] {
            let m = merge(&keys(), &base, &phone, &server, winner);
            assert_eq!(
                m.answers,
                answers(&[
                    ("name", "Wanjiku Kamau"),
                    ("town", "Naivasha"),
                    ("phone", "0712")
                ])
            );
            assert!(m.conflicts.is_empty());
        }
    }

    #[test]
    fn both_sides_changing_a_question_is_a_conflict_the_newer_side_wins() {
        let base = answers(&[("town", "Nakuru")]);
        let phone = answers(&[("town", "Kisumu")]);
        let server = answers(&[("town", "Eldoret")]);
        let phone_won = merge(&keys(), &base, &phone, &server, Winner::Phone);
        assert_eq!(phone_won.answers, answers(&[("town", "Kisumu")]));
        assert_eq!(phone_won.conflicts, vec!["town".to_string()]);
        let server_won = merge(&keys(), &base, &phone, &server, Winner::Server);
        assert_eq!(server_won.answers, answers(&[("town", "Eldoret")]));
        assert_eq!(server_won.conflicts, vec!["town".to_string()]);
    }

    #[test]
    fn the_same_change_on_both_sides_and_emptied_answers_are_no_conflict() {
        let base = answers(&[("town", "Nakuru"), ("name", "W")]);
        let phone = answers(&[("town", "Kisumu "), ("name", "")]);
        let server = answers(&[("town", "Kisumu"), ("name", "W")]);
        let m = merge(&keys(), &base, &phone, &server, Winner::Server);
        assert_eq!(m.answers, answers(&[("town", "Kisumu")]));
        assert!(m.conflicts.is_empty());
    }

    #[test]
    fn questions_of_other_parts_are_left_out() {
        let phone = answers(&[("town", "Kisumu"), ("elsewhere", "x")]);
        let m = merge(
            &keys(),
            &Answers::new(),
            &phone,
            &Answers::new(),
            Winner::Phone,
        );
        assert_eq!(m.answers, answers(&[("town", "Kisumu")]));
    }
}

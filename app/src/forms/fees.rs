//! Which of a service's fees an application pays. The amounts are the catalogue's
//! (`[[service.fee]]`, shown on the service page); the form says when a conditional line
//! applies (`[[fees]]`, see [`FeeRule`](super::definition::FeeRule)), e.g. the 50-page
//! booklet instead of the 34-page one.

use super::definition::FormDefinition;
use super::rules::{holds, Answers};

/// The positions (0-based) of the service's fee lines this application is charged.
pub fn charged(form: &FormDefinition, answers: &Answers, line_count: usize) -> Vec<usize> {
    (0..line_count)
        .filter(
            |&i| match form.fees.iter().find(|r| r.line as usize == i + 1) {
                None => true,
                Some(rule) => rule
                    .applies_if
                    .as_ref()
                    .is_some_and(|c| holds(form, c, answers)),
            },
        )
        .collect()
}

/// What does not fit between a form's fee rules and the service's fee list, whose lines are
/// `conditional` (they carry a "when" text) or not: a rule for a line that does not exist,
/// and a conditional line with no rule saying when it applies.
pub fn mismatches(form: &FormDefinition, conditional: &[bool]) -> Vec<String> {
    let mut problems: Vec<String> = form
        .fees
        .iter()
        .filter(|r| r.line as usize > conditional.len())
        .map(|r| format!("fee line {} does not exist in the catalogue", r.line))
        .collect();
    for (i, _) in conditional.iter().enumerate().filter(|(_, c)| **c) {
        if !form.fees.iter().any(|r| r.line as usize == i + 1) {
            problems.push(format!(
                "fee line {} is conditional in the catalogue but the form has no rule for it",
                i + 1
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const FORM: &str = r#"
version = 1
reference_prefix = "TST"

[[sections]]
key = "new"
title = { en = "New", sw = "Mpya" }

[[sections.questions]]
key = "booklet"
kind = "choice"
label = { en = "Booklet", sw = "Kitabu" }
options = [
  { value = "34", label = { en = "34", sw = "34" } },
  { value = "50", label = { en = "50", sw = "50" } },
]

[[fees]]
line = 1
applies_if = { question = "booklet", equals = ["34"] }

[[fees]]
line = 2
applies_if = { question = "booklet", equals = ["50"] }

[[fees]]
line = 4
"#;

    fn form() -> FormDefinition {
        toml::from_str(FORM).unwrap()
    }

    #[rstest]
    #[case::small_booklet(Some("34"), vec![0, 2])]
    #[case::big_booklet(Some("50"), vec![1, 2])]
    #[case::not_answered_yet(None, vec![2])]
    fn lines_follow_the_answers(#[case] booklet: Option<&str>, #[case] expected: Vec<usize>) {
        let answers: Answers = booklet
            .map(|b| [("booklet".to_string(), b.to_string())].into())
            .unwrap_or_default();
        // Line 3 has no rule (always charged); line 4 has a rule without a condition (never).
        assert_eq!(charged(&form(), &answers, 4), expected);
    }

    #[test]
    fn rules_and_the_catalogue_must_agree() {
        assert!(mismatches(&form(), &[false, true, false, false]).is_empty());
        let problems = mismatches(&form(), &[false, true, true]);
        assert!(
            problems.iter().any(|p| p.contains("line 4 does not exist")),
            "{problems:?}"
        );
        assert!(
            problems.iter().any(|p| p.contains("line 3 is conditional")),
            "{problems:?}"
        );
    }
}

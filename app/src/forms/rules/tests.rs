//! Every rule type, conditional questions and sections, and section status.

use super::answers_of as answers;
use super::*;
use crate::forms::FormDefinition;
use rstest::rstest;

const FORM: &str = r#"
version = 1
reference_prefix = "TST"

[[sections]]
key = "about-you"
title = { en = "About you", sw = "Kuhusu wewe" }

[[sections.questions]]
key = "surname"
kind = "text"
label = { en = "Surname", sw = "Jina la ukoo" }
required = true
min_length = 2
max_length = 10

[[sections.questions]]
key = "kra_pin"
kind = "text"
label = { en = "KRA PIN", sw = "PIN ya KRA" }
pattern = "[AP][0-9]{9}[A-Z]"
pattern_message = { en = "Like A123456789B", sw = "Kama A123456789B" }

[[sections.questions]]
key = "children"
kind = "number"
label = { en = "Children", sw = "Watoto" }
min = 0
max = 20

[[sections.questions]]
key = "born"
kind = "date"
label = { en = "Date of birth", sw = "Tarehe ya kuzaliwa" }
required = true
earliest = "1900-01-01"
latest = "today-18y"

[[sections.questions]]
key = "reason"
kind = "choice"
label = { en = "Why", sw = "Kwa nini" }
required = true
options = [
  { value = "lost", label = { en = "Lost", sw = "Ilipotea" } },
  { value = "expired", label = { en = "Expired", sw = "Imeisha muda" } },
]

[[sections.questions]]
key = "reported"
kind = "yes_no"
label = { en = "Reported to police?", sw = "Uliripoti polisi?" }
required = true
show_if = { question = "reason", equals = ["lost"] }

[[sections.questions]]
key = "abstract_number"
kind = "text"
label = { en = "Police abstract number", sw = "Nambari ya abstract" }
required = true
show_if = { question = "reported", equals = ["yes"] }

[[sections.questions]]
key = "phone"
kind = "phone"
label = { en = "Phone", sw = "Simu" }

[[sections.questions]]
key = "guardian_id"
kind = "id_number"
label = { en = "Guardian ID", sw = "Kitambulisho cha mlezi" }

[[sections]]
key = "the-loss"
title = { en = "The loss", sw = "Upotevu" }
show_if = { question = "reason", equals = ["lost"] }

[[sections.questions]]
key = "lost_on"
kind = "date"
label = { en = "When was it lost?", sw = "Ilipotea lini?" }
required = true
latest = "today"
"#;

fn form() -> FormDefinition {
    toml::from_str(FORM).expect("the test form parses")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

fn question(key: &str) -> Question {
    form().question(key).unwrap().clone()
}

#[test]
fn the_test_form_is_itself_valid() {
    assert_eq!(form().problems(), Vec::<String>::new());
}

#[rstest]
// text: required, length in characters
#[case("surname", "", Err(Problem::Required))]
#[case("surname", "  ", Err(Problem::Required))]
#[case("surname", "O", Err(Problem::TooShort { min: 2 }))]
#[case("surname", "Nyang'au", Ok("Nyang'au"))]
#[case("surname", "  Kamau ", Ok("Kamau"))]
#[case("surname", "Wambũi", Ok("Wambũi"))]
#[case("surname", "Wanjikũwakamau", Err(Problem::TooLong { max: 10 }))]
// pattern: whole answer, optional when empty
#[case("kra_pin", "", Ok(""))]
#[case("kra_pin", "A123456789B", Ok("A123456789B"))]
#[case("kra_pin", "XA123456789B", Err(Problem::FormatWrong))]
#[case("kra_pin", "A123456789BX", Err(Problem::FormatWrong))]
#[case("kra_pin", "a123456789b", Err(Problem::FormatWrong))]
// number: integer, separators allowed, bounds
#[case("children", "3", Ok("3"))]
#[case("children", "three", Err(Problem::NumberInvalid))]
#[case("children", "2.5", Err(Problem::NumberInvalid))]
#[case("children", "-1", Err(Problem::NumberTooSmall { min: 0 }))]
#[case("children", "21", Err(Problem::NumberTooLarge { max: 20 }))]
// date: real, within bounds (18 years ago today is the latest)
#[case("born", "1990-02-30", Err(Problem::DateInvalid))]
#[case("born", "27/03/1990", Err(Problem::DateInvalid))]
#[case("born", "1899-12-31", Err(Problem::DateTooEarly { day: NaiveDate::from_ymd_opt(1900, 1, 1).unwrap().num_days_from_ce() }))]
#[case("born", "2008-11-22", Ok("2008-11-22"))]
#[case("born", "2008-11-23", Err(Problem::DateTooLate { day: NaiveDate::from_ymd_opt(2008, 11, 22).unwrap().num_days_from_ce() }))]
// choice and yes/no: only the listed values
#[case("reason", "", Err(Problem::ChooseOne))]
#[case("reason", "stolen", Err(Problem::ChooseOne))]
#[case("reason", "lost", Ok("lost"))]
#[case("reported", "maybe", Err(Problem::ChooseOne))]
#[case("reported", "no", Ok("no"))]
// phone and ID number shapes
#[case("phone", "0712 345 678", Ok("0712345678"))]
#[case("phone", "12", Err(Problem::PhoneInvalid))]
#[case("guardian_id", "12 345 678", Ok("12345678"))]
#[case("guardian_id", "ABCDEF", Err(Problem::IdNumberInvalid))]
fn checks_each_rule(
    #[case] key: &str,
    #[case] value: &str,
    #[case] expected: Result<&str, Problem>,
) {
    assert_eq!(
        check(&question(key), value, today()),
        expected.map(str::to_string),
        "{key} = {value:?}"
    );
}

#[test]
fn conditional_questions_follow_earlier_answers() {
    let form = form();
    let q = |k: &str| form.question(k).unwrap();
    let expired = answers(&[("reason", "expired"), ("reported", "yes")]);
    assert!(!is_shown(&form, q("reported"), &expired));
    assert!(
        !is_shown(&form, q("abstract_number"), &expired),
        "hidden through a hidden question, even though reported = yes"
    );
    let lost = answers(&[("reason", "lost"), ("reported", "yes")]);
    assert!(is_shown(&form, q("reported"), &lost));
    assert!(is_shown(&form, q("abstract_number"), &lost));
    let lost_unreported = answers(&[("reason", "lost"), ("reported", "no")]);
    assert!(!is_shown(&form, q("abstract_number"), &lost_unreported));
}

#[test]
fn a_section_can_depend_on_an_earlier_answer() {
    let form = form();
    let loss = form.section("the-loss").unwrap();
    assert!(!section_shown(
        &form,
        loss,
        &answers(&[("reason", "expired")])
    ));
    assert!(section_shown(&form, loss, &answers(&[("reason", "lost")])));
    assert_eq!(
        check_all(&form, &answers(&[("reason", "expired")]), today())
            .iter()
            .filter(|e| e.field == "lost_on")
            .count(),
        0,
        "a hidden section asks nothing"
    );
}

#[test]
fn hidden_questions_are_not_checked_and_not_kept() {
    let form = form();
    let section = form.section("about-you").unwrap();
    let typed = answers(&[
        ("surname", "Kamau"),
        ("born", "1990-03-27"),
        ("reason", "expired"),
        ("abstract_number", "left over from before"),
    ]);
    let cleaned = check_section(&form, section, &typed, today()).expect("valid");
    assert!(!cleaned.contains_key("abstract_number"));
    assert!(!shown_answers(&form, &typed).contains_key("abstract_number"));

    let lost = answers(&[
        ("surname", "Kamau"),
        ("born", "1990-03-27"),
        ("reason", "lost"),
    ]);
    let problems = check_section(&form, section, &lost, today()).unwrap_err();
    assert_eq!(
        problems,
        vec![FieldError::new("reported", Problem::ChooseOne)],
        "a question that appears is then required"
    );
}

#[test]
fn section_status_for_the_task_list() {
    let form = form();
    let section = form.section("about-you").unwrap();
    assert_eq!(
        status(&form, section, &Answers::new(), today()),
        Status::NotStarted
    );
    let partly = answers(&[("surname", "Kamau")]);
    assert_eq!(status(&form, section, &partly, today()), Status::InProgress);
    let done = answers(&[
        ("surname", "Kamau"),
        ("born", "1990-03-27"),
        ("reason", "expired"),
    ]);
    assert_eq!(status(&form, section, &done, today()), Status::Completed);
}

#[rstest]
#[case::forward_condition(
    r#"version = 1
reference_prefix = "TST"
[[sections]]
key = "a"
title = { en = "A", sw = "A" }
[[sections.questions]]
key = "x"
kind = "text"
label = { en = "X", sw = "X" }
show_if = { question = "y", equals = ["1"] }
[[sections.questions]]
key = "y"
kind = "text"
label = { en = "Y", sw = "Y" }
"#,
    "not an earlier question"
)]
#[case::choice_without_options(
    r#"version = 1
reference_prefix = "TST"
[[sections]]
key = "a"
title = { en = "A", sw = "A" }
[[sections.questions]]
key = "x"
kind = "choice"
label = { en = "X", sw = "X" }
"#,
    "at least two options"
)]
#[case::missing_translation(
    r#"version = 1
reference_prefix = "TST"
[[sections]]
key = "a"
title = { en = "A", sw = "" }
[[sections.questions]]
key = "x"
kind = "text"
label = { en = "X", sw = "X" }
"#,
    "both languages"
)]
#[case::bad_pattern(
    r#"version = 1
reference_prefix = "TST"
[[sections]]
key = "a"
title = { en = "A", sw = "A" }
[[sections.questions]]
key = "x"
kind = "text"
label = { en = "X", sw = "X" }
pattern = "[A-"
pattern_message = { en = "X", sw = "X" }
"#,
    "does not compile"
)]
#[case::bound_on_text(
    r#"version = 1
reference_prefix = "TST"
[[sections]]
key = "a"
title = { en = "A", sw = "A" }
[[sections.questions]]
key = "x"
kind = "text"
label = { en = "X", sw = "X" }
earliest = "today"
"#,
    "for dates"
)]
#[case::duplicate_key(
    r#"version = 1
reference_prefix = "TST"
[[sections]]
key = "a"
title = { en = "A", sw = "A" }
[[sections.questions]]
key = "x"
kind = "text"
label = { en = "X", sw = "X" }
[[sections.questions]]
key = "x"
kind = "text"
label = { en = "X", sw = "X" }
"#,
    "used twice"
)]
#[case::bad_prefix(
    r#"version = 1
reference_prefix = "ppr1"
[[sections]]
key = "a"
title = { en = "A", sw = "A" }
[[sections.questions]]
key = "x"
kind = "text"
label = { en = "X", sw = "X" }
"#,
    "reference_prefix"
)]
#[case::fee_rule_on_unknown_question(
    r#"version = 1
reference_prefix = "TST"
[[sections]]
key = "a"
title = { en = "A", sw = "A" }
[[sections.questions]]
key = "x"
kind = "text"
label = { en = "X", sw = "X" }
[[fees]]
line = 2
applies_if = { question = "pages", equals = ["50"] }
"#,
    "not an earlier question"
)]
#[case::two_rules_for_a_fee(
    r#"version = 1
reference_prefix = "TST"
[[sections]]
key = "a"
title = { en = "A", sw = "A" }
[[sections.questions]]
key = "x"
kind = "text"
label = { en = "X", sw = "X" }
[[fees]]
line = 2
[[fees]]
line = 2
"#,
    "two rules"
)]
fn definitions_with_mistakes_are_refused(#[case] toml_text: &str, #[case] expected: &str) {
    let form: FormDefinition = toml::from_str(toml_text).unwrap();
    let problems = form.problems();
    assert!(
        problems.iter().any(|p| p.contains(expected)),
        "{expected:?} not in {problems:?}"
    );
}

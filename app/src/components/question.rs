//! One question of an application form, drawn from its definition by the server: the input
//! its type needs, its label and hint in the reader's language, and its error from the
//! server. Answers are checked when the part is sent (as GOV.UK advises), not as the person
//! types. Inputs are named `answers[key]` so a plain form post brings every answer of the part.

use crate::components::form::problem_for;
use crate::forms::{Kind, Question};
use crate::i18n::use_lang;
use crate::problem::{FieldError, Problem};
use leptos::prelude::*;

#[component]
pub fn QuestionField(
    question: Question,
    value: String,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let lang = use_lang();
    let key = question.key.clone();
    let name = crate::forms::answer_name(&key);
    let label = question.label.get(lang).to_string();
    let hint = question.hint.as_ref().map(|h| h.get(lang).to_string());
    let hint_id = format!("{key}-hint");
    let error_id = format!("{key}-error");
    let problem = errors.with_untracked(|e| problem_for(e, &key));
    let message = match (problem, &question.pattern_message) {
        (Some(Problem::FormatWrong), Some(m)) => Some(m.get(lang).to_string()),
        (Some(p), _) => Some(lang.problem(p)),
        (None, _) => None,
    };
    let described = {
        let mut ids = Vec::new();
        if hint.is_some() {
            ids.push(hint_id.clone());
        }
        if problem.is_some() {
            ids.push(error_id.clone());
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    };
    let error_line = message.map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> });
    let hint_line = hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> });
    let optional = (!question.required)
        .then(|| view! { " " <span class="field__optional">{lang.forms().optional}</span> });
    let invalid = problem.is_some().then_some("true");

    let choices: Option<Vec<(String, String)>> = match question.kind {
        Kind::Choice => Some(
            question
                .options
                .iter()
                .map(|o| (o.value.clone(), o.label.get(lang).to_string()))
                .collect(),
        ),
        Kind::YesNo => Some(vec![
            ("yes".into(), lang.applications().yes.into()),
            ("no".into(), lang.applications().no.into()),
        ]),
        _ => None,
    };
    if let Some(choices) = choices {
        let inline = question.kind == Kind::YesNo;
        return view! {
            <fieldset class="field" class:field--error=problem.is_some() id=key.clone()
                aria-describedby=described>
                <legend class="field__label">{label}{optional}</legend>
                {hint_line}
                {error_line}
                <div class="radios" class:radios--inline=inline>
                    {choices.into_iter().map(|(code, text)| {
                        let id = format!("{key}-{code}");
                        let checked = value == code;
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id=id.clone() name=name.clone()
                                    value=code checked=checked />
                                <label class="radios__label" for=id>{text}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        }
        .into_any();
    }

    let (input_type, inputmode, autocomplete, width) = match question.kind {
        Kind::Number => ("text", Some("numeric"), None, Some("input--10")),
        Kind::Date => ("date", None, None, Some("input--10")),
        Kind::Phone => ("tel", Some("tel"), Some("tel"), Some("input--20")),
        Kind::IdNumber => ("text", None, None, Some("input--20")),
        _ => ("text", None, None, None),
    };
    let multiline = matches!(question.kind, Kind::LongText | Kind::Address);
    let field = if multiline {
        view! {
            <textarea class="field__input field__textarea" id=key.clone() name=name.clone() rows="4"
                aria-describedby=described aria-invalid=invalid>{value}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input class=format!("field__input {}", width.unwrap_or_default()) id=key.clone()
                name=name.clone() type=input_type value=value inputmode=inputmode
                autocomplete=autocomplete
                aria-describedby=described aria-invalid=invalid />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field--error=problem.is_some()>
            <label class="field__label" for=key.clone()>{label}{optional}</label>
            {hint_line}
            {error_line}
            {field}
        </div>
    }
    .into_any()
}

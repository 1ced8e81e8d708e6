//! One question of an application form, drawn from its definition: the input its type
//! needs, its label and hint in the reader's language, its error from the server, and
//! (after hydration) the same rule checked in the browser as the person leaves the field.
//! Inputs are named `answers[key]` so a plain form post brings every answer of the section.

use crate::forms::{rules, Kind, Question};
use crate::i18n::use_lang;
use crate::problem::{FieldError, Problem};
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub fn QuestionField(
    question: Question,
    value: String,
    errors: Signal<Vec<FieldError>>,
    today: NaiveDate,
    /// Told every changed answer (key, value), as typed: conditional questions appear and
    /// the draft is saved while typing.
    #[prop(optional)]
    on_answer: Option<Callback<(String, String)>>,
) -> impl IntoView {
    let lang = use_lang();
    let key = question.key.clone();
    let name = format!("answers[{key}]");
    let label = question.label.get(lang).to_string();
    let hint = question.hint.as_ref().map(|h| h.get(lang).to_string());
    let hint_id = format!("{key}-hint");
    let error_id = format!("{key}-error");
    // The server's problem for this question, until the person edits it; then the browser's.
    let live = RwSignal::new(None::<Option<Problem>>);
    Effect::new(move |_| {
        errors.track();
        live.set(None);
    });
    let server_problem = {
        let key = key.clone();
        Signal::derive(move || {
            errors.with(|e| e.iter().find(|e| e.field == key).map(|e| e.problem))
        })
    };
    let shown = move || live.get().unwrap_or_else(|| server_problem.get());
    let message = {
        let question = question.clone();
        move |p: Problem| match (p, &question.pattern_message) {
            (Problem::FormatWrong, Some(m)) => m.get(lang).to_string(),
            _ => (lang.accounts().problem)(p),
        }
    };
    let recheck = {
        let question = question.clone();
        move |value: String| {
            live.set(Some(rules::check(&question, &value, today).err()));
            if let Some(on_answer) = on_answer {
                on_answer.run((question.key.clone(), value));
            }
        }
    };
    let described = {
        let (hint_id, error_id, has_hint) = (hint_id.clone(), error_id.clone(), hint.is_some());
        move || {
            let mut ids = Vec::new();
            if has_hint {
                ids.push(hint_id.clone());
            }
            if shown().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let error_line = {
        let error_id = error_id.clone();
        move || {
            shown().map(|p| view! { <p class="field__error" id=error_id.clone()>{message(p)}</p> })
        }
    };
    let hint_line = hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> });
    let optional = (!question.required)
        .then(|| view! { " " <span class="field__optional">{lang.accounts().optional}</span> });

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
            <fieldset class="field" class:field--error=move || shown().is_some() id=key.clone()
                aria-describedby=described>
                <legend class="field__label">{label}{optional}</legend>
                {hint_line}
                {error_line}
                <div class="radios" class:radios--inline=inline>
                    {choices.into_iter().map(|(code, text)| {
                        let id = format!("{key}-{code}");
                        let checked = value == code;
                        let recheck = recheck.clone();
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id=id.clone() name=name.clone()
                                    value=code checked=checked
                                    on:change=move |ev| recheck(event_target_value(&ev)) />
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
    let on_change = {
        let recheck = recheck.clone();
        move |ev| recheck(event_target_value(&ev))
    };
    // While typing, only a shown problem is re-checked (so it clears as soon as the answer is
    // right, before the person reaches the button: a message vanishing on blur would move the
    // button from under their finger). New problems appear when they leave the field.
    let on_input = {
        let recheck = recheck.clone();
        let key = question.key.clone();
        move |ev| {
            let value = event_target_value(&ev);
            if shown().is_some() {
                recheck(value);
            } else if let Some(on_answer) = on_answer {
                // Told as typed (for saving the draft while typing), not judged yet.
                on_answer.run((key.clone(), value));
            }
        }
    };
    let field = if multiline {
        view! {
            <textarea class="field__input field__textarea" id=key.clone() name=name.clone() rows="4"
                aria-describedby=described aria-invalid=move || shown().is_some().then_some("true")
                on:change=on_change on:input=on_input>{value}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input class=format!("field__input {}", width.unwrap_or_default()) id=key.clone()
                name=name.clone() type=input_type value=value inputmode=inputmode
                autocomplete=autocomplete
                aria-describedby=described aria-invalid=move || shown().is_some().then_some("true")
                on:change=on_change on:input=on_input />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field--error=move || shown().is_some()>
            <label class="field__label" for=key.clone()>{label}{optional}</label>
            {hint_line}
            {error_line}
            {field}
        </div>
    }
    .into_any()
}

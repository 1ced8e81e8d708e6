//! The pieces of a plain form shared by the administration pages and "Report a problem":
//! a labelled input with its hint and error, the values the fields start with after a failed
//! plain post, and a problem with the whole form.

use crate::components::form::{problem_for, FormValues};
use crate::i18n::use_lang;
use crate::problem::FieldError;
use leptos::prelude::*;

/// A labelled input (or text area) with hint and error; `id` is unique on the page, `name`
/// is what the server calls the field.
#[component]
pub fn Input(
    #[prop(into)] id: String,
    name: &'static str,
    label: &'static str,
    #[prop(optional, into)] hint: Option<String>,
    #[prop(into)] value: String,
    errors: Signal<Vec<FieldError>>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] textarea: bool,
    #[prop(optional)] optional: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.forms();
    let shown = move || errors.with(|e| problem_for(e, name));
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let has_hint = hint.is_some();
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
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
    let invalid = move || shown().is_some().then_some("true");
    let control = if textarea {
        view! {
            <textarea class="field__input field__textarea" id=id.clone() name=name rows="3"
                aria-invalid=invalid aria-describedby=described.clone()>{value}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input class="field__input" id=id.clone() name=name type=kind value=value
                inputmode=inputmode aria-invalid=invalid aria-describedby=described.clone() />
        }
        .into_any()
    };
    view! {
        <div class="field" class:field--error=move || shown().is_some()>
            <label class="field__label" for=id.clone()>
                {label}
                {optional.then(|| view! { " " <span class="field__optional">{t.optional}</span> })}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {move || shown().map(|p| view! { <p class="field__error" id=error_id.clone()>{lang.problem(p)}</p> })}
            {control}
        </div>
    }
}

/// The value each field starts with: what was typed when the form's plain post failed
/// (then every field shows what was sent, even empty), else what is stored.
pub fn starting_value(kept: &FormValues) -> impl Fn(&str, &str) -> String + Clone + 'static {
    let kept = kept.clone();
    let failed = !kept.0.is_empty();
    move |name: &str, stored: &str| {
        if failed {
            kept.get(name)
        } else {
            stored.to_string()
        }
    }
}

/// A problem with the whole form (not one field), as an alert.
pub fn form_problem(errors: Signal<Vec<FieldError>>) -> impl IntoView {
    move || {
        errors
            .with(|e| problem_for(e, crate::problem::FORM))
            .map(|p| {
                view! { <p class="notice notice--error" role="alert">{use_lang().problem(p)}</p> }
            })
    }
}

/// What was typed into form `form` when its plain post failed (once). Pages load it in the
/// same resource as their data, so the server waits for both before it renders.
pub async fn kept(form: String) -> std::collections::HashMap<String, String> {
    crate::api::accounts::form_values::form_values(form)
        .await
        .unwrap_or_default()
}

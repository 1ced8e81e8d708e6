//! Form pieces shared by every form: an error summary at the top, and fields that show
//! their own error beside them and keep what was typed when a plain post comes back with
//! problems. Forms are checked when they are sent (as GOV.UK advises), on the server.

use crate::error::AppError;
use crate::i18n::use_lang;
use crate::problem::{FieldError, Problem, FORM};
use leptos::prelude::*;
use std::collections::HashMap;

/// The problems of an action's last result (also set on the server from the `__err` of a
/// plain form post that failed).
pub fn problems_of<T, S>(value: S) -> Signal<Vec<FieldError>>
where
    T: 'static,
    S: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    island_problems(value, Vec::new())
}

/// The problems of an action in an island: its last result once it has one, else `posted`,
/// the problems of the plain post the page came back from (read on the server with
/// `url_problems`, and passed to the island, which cannot read them in the browser), so the
/// island draws the same in both places.
pub fn island_problems<T, S>(value: S, posted: Vec<FieldError>) -> Signal<Vec<FieldError>>
where
    T: 'static,
    S: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    Signal::derive(move || {
        value.with(|v| match v {
            Some(Err(e)) => e.problems().to_vec(),
            Some(Ok(_)) => Vec::new(),
            None => posted.clone(),
        })
    })
}

/// The problems of a failed plain post to server function `S`, read from the URL the browser
/// was sent back to (for forms that post natively, such as file uploads).
pub fn url_problems<S: leptos::server_fn::ServerFn<Error = AppError>>() -> Vec<FieldError> {
    use_context::<leptos::server::ServerActionError>()
        .filter(|e| e.path() == S::PATH)
        .map(|e| {
            leptos::server_fn::error::ServerFnUrlError::<AppError>::decode_err(e.err())
                .problems()
                .to_vec()
        })
        .unwrap_or_default()
}

/// Renders `view` once the kept values of `form` (from a failed plain post) are loaded.
pub fn with_form_values<V: IntoView + 'static>(
    form: String,
    view: impl Fn(FormValues) -> V + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let values = Resource::new(
        move || form.clone(),
        crate::api::accounts::form_values::form_values,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let view = view.clone();
                Suspend::new(async move {
                    let kept = values.await.unwrap_or_default();
                    view(FormValues(kept))
                })
            }}
        </Suspense>
    }
}

/// The kept values of the several forms of one page, loaded in the same resource as the
/// page's data: the server then waits for them before it renders (a resource made inside
/// an already loaded part of the page may not be waited for), and reads each once.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct KeptForms(pub HashMap<String, HashMap<String, String>>);

impl KeptForms {
    pub async fn load(forms: impl IntoIterator<Item = String>) -> KeptForms {
        let mut kept = HashMap::new();
        for form in forms {
            let values = crate::api::accounts::form_values::form_values(form.clone())
                .await
                .unwrap_or_default();
            if !values.is_empty() {
                kept.insert(form, values);
            }
        }
        KeptForms(kept)
    }

    /// The kept values of `form` (empty when it did not fail).
    pub fn get(&self, form: &str) -> FormValues {
        FormValues(self.0.get(form).cloned().unwrap_or_default())
    }
}

/// Values kept from a failed plain form post.
#[derive(Clone, Default)]
pub struct FormValues(pub HashMap<String, String>);

impl FormValues {
    pub fn get(&self, name: &str) -> String {
        self.0.get(name).cloned().unwrap_or_default()
    }
}

/// "There is a problem" with a link to each field in error. `labels` maps field names to
/// their labels; problems with the whole form are listed without a link.
/// Field names and their labels, for the error summary's links.
#[derive(Clone, Default)]
pub struct Labels(Vec<(String, String)>);

impl From<Vec<(&'static str, &'static str)>> for Labels {
    fn from(pairs: Vec<(&'static str, &'static str)>) -> Labels {
        Labels(
            pairs
                .into_iter()
                .map(|(f, l)| (f.to_string(), l.to_string()))
                .collect(),
        )
    }
}

impl From<Vec<(String, String)>> for Labels {
    fn from(pairs: Vec<(String, String)>) -> Labels {
        Labels(pairs)
    }
}

#[component]
pub fn ErrorSummary(
    errors: Signal<Vec<FieldError>>,
    #[prop(into)] labels: Labels,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.forms();
    let node = NodeRef::<leptos::html::Div>::new();
    // After hydration, move focus to the summary when new problems arrive.
    Effect::new(move |_| {
        if !errors.with(Vec::is_empty) {
            if let Some(el) = node.get() {
                let _ = el.focus();
            }
        }
    });
    view! {
        <Show when=move || !errors.with(Vec::is_empty)>
            <div class="error-summary" role="alert" tabindex="-1" node_ref=node aria-labelledby="error-summary-title">
                <h2 id="error-summary-title" class="error-summary__title">{t.error_summary_title}</h2>
                <ul class="error-summary__list">
                    {
                        let labels = labels.clone();
                        move || {
                            errors
                                .get()
                                .into_iter()
                                .map(|e| {
                                    let message = e.text(lang);
                                    let label = labels.0.iter().find(|(f, _)| *f == e.field).map(|(_, l)| l.clone());
                                    match (e.field.as_str(), label) {
                                        (FORM, _) | (_, None) => view! { <li>{message}</li> }.into_any(),
                                        (field, Some(label)) => {
                                            let href = format!("#{field}");
                                            view! { <li><a href=href>{label} ": " {message}</a></li> }.into_any()
                                        }
                                    }
                                })
                                .collect_view()
                        }
                    }
                </ul>
            </div>
        </Show>
    }
}

/// The first problem reported for `name`, with its words when the server wrote them.
pub(crate) fn error_for<'a>(errors: &'a [FieldError], name: &str) -> Option<&'a FieldError> {
    errors.iter().find(|e| e.field == name)
}

/// The first problem reported for `name`.
pub(crate) fn problem_for(errors: &[FieldError], name: &str) -> Option<Problem> {
    error_for(errors, name).map(|e| e.problem)
}

/// A labelled input with hint and error. The server's problem is shown beside it; inside an
/// island, once the person edits the field, it is taken away until the next answer.
#[component]
pub fn Field(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional, into)] value: String,
    errors: Signal<Vec<FieldError>>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] class: Option<&'static str>,
    /// Kept up to date with what is typed, for forms that post from code (passkeys).
    #[prop(optional)]
    bind: Option<RwSignal<String>>,
) -> impl IntoView {
    let lang = use_lang();
    let t = lang.forms();
    let edited = RwSignal::new(false);
    // A new answer from the server replaces what the browser worked out.
    Effect::new(move |_| {
        errors.track();
        edited.set(false);
    });
    let shown = move || {
        (!edited.get())
            .then(|| errors.with(|e| error_for(e, name).cloned()))
            .flatten()
    };
    let hint_id = format!("{name}-hint");
    let error_id = format!("{name}-error");
    let described = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if shown().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field--error=move || shown().is_some()>
            <label class="field__label" for=name>
                {label}
                {optional.then(|| view! { " " <span class="field__optional">{t.optional}</span> })}
            </label>
            {hint.map(|h| view! { <p class="field__hint" id=hint_id.clone()>{h}</p> })}
            {
                let error_id = error_id.clone();
                move || shown().map(|e| view! { <p class="field__error" id=error_id.clone()>{e.text(lang)}</p> })
            }
            <input
                class=format!("field__input {}", class.unwrap_or_default())
                id=name
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=inputmode
                spellcheck=(kind == "email" || kind == "password").then_some("false")
                aria-invalid=move || shown().is_some().then_some("true")
                aria-describedby=described
                on:input=move |ev| {
                    edited.set(true);
                    if let Some(bind) = bind {
                        bind.set(event_target_value(&ev));
                    }
                }
            />
        </div>
    }
}

/// Radio buttons for one question, each with an optional hint.
#[component]
pub fn Radios(
    name: &'static str,
    legend: &'static str,
    options: Vec<(&'static str, &'static str, Option<&'static str>)>,
    #[prop(optional, into)] value: String,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let lang = use_lang();
    let error = move || errors.with(|e| error_for(e, name).cloned());
    let error_id = format!("{name}-error");
    view! {
        <fieldset class="field" class:field--error=move || error().is_some() id=name
            aria-describedby=move || error().is_some().then(|| format!("{name}-error"))>
            <legend class="field__label">{legend}</legend>
            {move || error().map(|e| view! { <p class="field__error" id=error_id.clone()>{e.text(lang)}</p> })}
            <div class="radios">
                {options
                    .into_iter()
                    .map(|(code, text, hint)| {
                        let id = format!("{name}-{code}");
                        let hint_id = format!("{id}-hint");
                        view! {
                            <div class="radios__item">
                                <input class="radios__input" type="radio" id=id.clone() name=name value=code
                                    checked=value == code
                                    aria-describedby=hint.map(|_| hint_id.clone()) />
                                <label class="radios__label" for=id>{text}</label>
                                {hint.map(|h| view! { <p class="radios__hint" id=hint_id>{h}</p> })}
                            </div>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

//! The moves an officer can make on an application now, each its own plain form: start
//! processing, ask for more information (which questions again), approve, refuse (a
//! reason from the list and the officer's words), ready for collection (where), collected
//! (by whom). A failed form shows its problems beside its fields, with what was typed.

use crate::api::staff::Decide;
use crate::components::form::{problem_for, problems_of, ErrorSummary, FormValues, KeptForms};
use crate::i18n::use_lang;
use crate::model::WorkItem;
use crate::problem::FieldError;
use crate::tracking::{Reason, Status};
use leptos::prelude::*;

/// The name under which a move's form keeps what was typed (as `decide` keeps it).
pub fn form_key(id: &str, to: Status) -> String {
    format!("decide-{id}-{}", to.code())
}

#[component]
pub fn Moves(item: WorkItem) -> impl IntoView {
    let t = use_lang().staff();
    let none = item.moves.is_empty() && !item.hold_first;
    view! {
        <h2>{t.actions}</h2>
        {none.then(|| view! { <p>{t.no_actions}</p> })}
        {item.hold_first.then(|| view! { <p class="hint">{t.hold_first}</p> })}
        <div class="moves">
            {item.moves.clone().into_iter().map(|to| {
                let kept = use_context::<KeptForms>().unwrap_or_default().get(&form_key(&item.id, to));
                view! { <MoveForm item=item.clone() to kept /> }.into_any()
            }).collect_view()}
        </div>
    }
}

/// Problems for this form only: after a hydrated call, its own action's; after a plain
/// post (every Decide form on the page reads the same error from the address), only the
/// form whose typed values were kept.
fn own_problems(action: ServerAction<Decide>, kept: &FormValues) -> Signal<Vec<FieldError>> {
    let failed_here = !kept.0.is_empty();
    let all = problems_of(action.value());
    Signal::derive(move || {
        if failed_here || action.version().get() > 0 {
            all.get()
        } else {
            Vec::new()
        }
    })
}

#[component]
fn MoveForm(item: WorkItem, to: Status, kept: FormValues) -> impl IntoView {
    let t = use_lang().staff();
    let action = ServerAction::<Decide>::new();
    let errors = own_problems(action, &kept);
    let prefix = to.code();
    let note_label = match (to, &item.finding) {
        (Status::InfoRequested, _) => t.request_label.to_string(),
        (Status::Approved, Some(finding)) => finding.clone(),
        _ => t.refusal_label.to_string(),
    };
    let labels: Vec<(String, String)> = vec![
        ("note".into(), note_label),
        ("reason".into(), t.reason_label.into()),
        ("place".into(), t.place_label.into()),
        ("collector".into(), t.collector_label.into()),
        ("guardian".into(), t.guardian_label.into()),
    ];
    let form_error = move || {
        errors
            .with(|e| problem_for(e, crate::problem::FORM))
            .map(|p| {
                view! { <p class="notice notice--error" role="alert">{use_lang().problem(p)}</p> }
            })
    };
    view! {
        <section class="move panel" aria-labelledby=format!("move-{prefix}")>
            <h3 class="h3" id=format!("move-{prefix}")>{(t.move_title)(to)}</h3>
            {form_error}
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="">
                <input type="hidden" name="id" value=item.id.clone() />
                <input type="hidden" name="to" value=to.code() />
                {match to {
                    Status::InfoRequested => view! { <AskFields item=item.clone() kept=kept.clone() errors /> }.into_any(),
                    Status::Rejected => view! { <RefuseFields kept=kept.clone() errors /> }.into_any(),
                    Status::ReadyForCollection => view! { <PlaceField item=item.clone() kept=kept.clone() errors /> }.into_any(),
                    Status::Collected => view! { <CollectedFields kept=kept.clone() errors /> }.into_any(),
                    Status::Approved if item.finding.is_some() => view! {
                        <p class="hint">{(t.move_hint)(to)}</p>
                        <Note id="approved-note".to_string() label=item.finding.clone().unwrap_or_default()
                            hint=t.finding_hint kept=kept.clone() errors />
                    }.into_any(),
                    _ => view! { <p class="hint">{(t.move_hint)(to)}</p> }.into_any(),
                }}
                <button class="button" class:button--secondary=to == Status::Rejected type="submit"
                    disabled=move || action.pending().get()>{(t.move_button)(to)}</button>
            </ActionForm>
        </section>
    }
}

/// A labelled control with its error: `id` is unique on the page (several forms ask for a
/// note), `name` is what the server calls the field.
#[component]
fn Labelled(
    id: String,
    name: &'static str,
    #[prop(into)] label: String,
    #[prop(optional)] hint: Option<&'static str>,
    errors: Signal<Vec<FieldError>>,
    children: Children,
) -> impl IntoView {
    let shown = move || errors.with(|e| problem_for(e, name));
    let error_id = format!("{id}-error");
    view! {
        <div class="field" class:field--error=move || shown().is_some()>
            <label class="field__label" for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="field__hint">{h}</p> })}
            {move || shown().map(|p| view! { <p class="field__error" id=error_id.clone()>{use_lang().problem(p)}</p> })}
            {children()}
        </div>
    }
}

#[component]
fn Note(
    id: String,
    #[prop(into)] label: String,
    hint: &'static str,
    kept: FormValues,
    errors: Signal<Vec<FieldError>>,
) -> impl IntoView {
    let invalid = move || {
        errors
            .with(|e| problem_for(e, "note"))
            .is_some()
            .then_some("true")
    };
    view! {
        <Labelled id=id.clone() name="note" label hint errors>
            <textarea class="field__input field__textarea" id=id.clone() name="note" rows="4"
                aria-invalid=invalid>{kept.get("note")}</textarea>
        </Labelled>
    }
}

#[component]
fn AskFields(item: WorkItem, kept: FormValues, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let t = use_lang().staff();
    view! {
        <Note id="info-note".to_string() label=t.request_label hint=t.request_hint kept=kept.clone() errors />
        <fieldset class="fieldset">
            <legend class="field__label">{t.ask_again_legend}</legend>
            <p class="field__hint">{t.ask_again_hint}</p>
            <div class="checkboxes">
                {item.questions.into_iter().map(|q| {
                    let id = format!("ask-{}", q.key);
                    let ticked = kept.get(&format!("ask:{}", q.key)) == "on";
                    view! {
                        <div class="checkbox">
                            <input id=id.clone() name=format!("ask[{}]", q.key) type="checkbox" value="on" checked=ticked />
                            <label for=id>{q.label}{q.file.then(|| view! { " " <span class="hint">{t.document}</span> })}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn RefuseFields(kept: FormValues, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let t = use_lang().staff();
    let chosen = kept.get("reason");
    let invalid = move || {
        errors
            .with(|e| problem_for(e, "reason"))
            .is_some()
            .then_some("true")
    };
    view! {
        <Labelled id="reason".to_string() name="reason" label=t.reason_label errors>
            <select class="field__input" id="reason" name="reason" aria-invalid=invalid>
                <option value="">{t.choose}</option>
                {Reason::ALL.into_iter().map(|r| view! {
                    <option value=r.code() selected=chosen == r.code()>{(t.reason)(r)}</option>
                }).collect_view()}
            </select>
        </Labelled>
        <Note id="rejected-note".to_string() label=t.refusal_label hint=t.refusal_hint kept errors />
    }
}

#[component]
fn PlaceField(item: WorkItem, kept: FormValues, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let t = use_lang().staff();
    let chosen = kept.get("place");
    let invalid = move || {
        errors
            .with(|e| problem_for(e, "place"))
            .is_some()
            .then_some("true")
    };
    view! {
        <Labelled id="place".to_string() name="place" label=t.place_label hint=t.place_hint errors>
            <select class="field__input" id="place" name="place" aria-invalid=invalid>
                <option value="">{t.choose}</option>
                {item.places.into_iter().map(|g| view! {
                    <optgroup label=g.label>
                        {g.places.into_iter().map(|p| view! {
                            <option value=p.slug.clone() selected=chosen == p.slug>{p.name}</option>
                        }).collect_view()}
                    </optgroup>
                }).collect_view()}
            </select>
        </Labelled>
    }
}

#[component]
fn CollectedFields(kept: FormValues, errors: Signal<Vec<FieldError>>) -> impl IntoView {
    let t = use_lang().staff();
    let minor = !kept.get("guardian").is_empty();
    let (collector, guardian) = (kept.get("collector"), kept.get("guardian"));
    let invalid = move |name: &'static str| {
        move || {
            errors
                .with(|e| problem_for(e, name))
                .is_some()
                .then_some("true")
        }
    };
    view! {
        <Labelled id="collector".to_string() name="collector" label=t.collector_label hint=t.collector_hint errors>
            <input class="field__input field__input--medium" id="collector" name="collector" type="text"
                autocomplete="off" spellcheck="false" value=collector aria-invalid=invalid("collector") />
        </Labelled>
        <div class="checkbox">
            <input id="minor" name="minor" type="checkbox" value="on" checked=minor />
            <label for="minor">{t.minor_label}</label>
        </div>
        <Labelled id="guardian".to_string() name="guardian" label=t.guardian_label hint=t.guardian_hint errors>
            <input class="field__input field__input--medium" id="guardian" name="guardian" type="text"
                autocomplete="off" spellcheck="false" value=guardian aria-invalid=invalid("guardian") />
        </Labelled>
    }
}

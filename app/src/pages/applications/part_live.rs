//! The island around an application part's form (`PartForm`, drawn by the server). It draws
//! no question itself: it works on the form in the page. It listens on its own element for
//! what the person types and chooses (`input`, `change`) and for the forms being sent
//! (`submit`), all of which bubble up to it, so the form can be drawn anew by the server
//! (after drafts kept on the phone were sent) and everything keeps working.
//!
//! - A question whose condition is an answer in this part shows as soon as it is chosen.
//! - Answers are kept on the phone as typed and autosaved (autosave.rs); offline, "Save and
//!   continue" keeps them on the phone; back online they are sent (offline_draft.rs).
//! - Uploads are sent from the page, with progress, or kept on the phone offline
//!   (components/file_upload.rs).

use super::autosave;
#[cfg(feature = "hydrate")]
use super::offline_draft::DraftNotice;
use super::offline_draft::OfflineDraft;
use crate::forms::{Answers, Condition};
use crate::model::SectionPage;
use leptos::prelude::*;

/// The id of the part's form region, drawn anew from the server after a sync.
pub const PART_FORM: &str = "part-form";
/// The id of the part's answers form, inside that region.
pub const ANSWERS_FORM: &str = "answers";

/// What the island needs: the part and its typed questions. Not the form's definition, nor
/// the server's answers, nor the conditions between questions: the page has them drawn
/// (each field's value as drawn, and `data-show-if`/`data-show-values` on a question shown
/// by an answer in this part), and the island reads them there, which costs the phone less
/// than deserialising them.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PartSetup {
    id: String,
    section: String,
    keys: Vec<String>,
    shared: bool,
}

impl PartSetup {
    pub fn of(page: &SectionPage) -> PartSetup {
        let section = page.form.section(&page.section);
        PartSetup {
            id: page.id.clone(),
            section: page.section.clone(),
            keys: section.map(|s| s.typed_keys()).unwrap_or_default(),
            shared: page.shared,
        }
    }
}

/// The attributes a question shown by an answer in this part carries: the question that
/// answers it, and the answers that show it (one a line).
pub fn condition_attributes(condition: &Condition) -> (String, String) {
    (condition.question.clone(), condition.equals.join("\n"))
}

/// Whether question `key` shows, given the answers: its condition within the part holds,
/// and the question that condition names shows too. (Conditions on other parts were settled
/// by the server, which drew only the questions they allow.)
#[cfg(any(feature = "hydrate", test))]
fn shown(conditions: &[(String, Condition)], key: &str, answers: &Answers, depth: u8) -> bool {
    let Some((_, condition)) = conditions.iter().find(|(k, _)| k == key) else {
        return true;
    };
    let answered = answers
        .get(&condition.question)
        .is_some_and(|a| condition.equals.iter().any(|e| e == a.trim()));
    // A definition cannot loop (forms are checked when loaded); the depth is a backstop.
    answered && depth < 16 && shown(conditions, &condition.question, answers, depth + 1)
}

#[island(lazy)]
pub fn PartLive(setup: PartSetup, children: Children) -> impl IntoView {
    let PartSetup {
        id,
        section,
        keys,
        shared,
    } = setup;
    // The server's answers and the conditions, as the page has them drawn (nothing of this
    // island runs on the server but its drawing).
    #[cfg(feature = "hydrate")]
    let (server, conditions) = (browser::drawn(&keys), browser::conditions());
    #[cfg(not(feature = "hydrate"))]
    let (server, conditions) = (Answers::new(), Vec::<(String, Condition)>::new());
    let answers = RwSignal::new(server.clone());
    let keys = StoredValue::new(keys);
    let base = StoredValue::new(server.clone());
    let seen = StoredValue::new(server);
    let part = (id.clone(), section.clone());
    // Counts the times the form was drawn anew (what was written into it is to write again).
    let redrawn = RwSignal::new(0u32);
    // After a sync the server has the answers: its form is drawn anew and read back.
    let reload = Callback::new(move |_: ()| {
        #[cfg(feature = "hydrate")]
        leptos::task::spawn_local(async move {
            let Ok(drawing) = browser::redraw().await else {
                return;
            };
            if drawing.await {
                let now = browser::read_form(&keys.get_value(), &Answers::new());
                base.set_value(now.clone());
                seen.set_value(now.clone());
                answers.set(now);
                redrawn.update(|n| *n += 1);
            }
        });
    });
    let draft = OfflineDraft::new(move || part.clone(), reload);
    autosave::autosave(
        autosave::Part {
            id,
            section,
            keys: keys.get_value(),
            shared,
        },
        base,
        seen,
        answers,
        draft,
    );
    // Opened offline with answers kept on the phone: the form shows those.
    Effect::new(move |_| {
        draft.restored.with(|kept| {
            if let Some(kept) = kept {
                #[cfg(feature = "hydrate")]
                browser::write_form(&kept.answers);
                base.set_value(kept.base.clone());
                answers.update(|a| a.extend(kept.answers.clone()));
            }
        })
    });
    let conditions = StoredValue::new(conditions);
    Effect::new(move |_| {
        answers.with(|answers| {
            #[cfg(feature = "hydrate")]
            conditions.with_value(|c| browser::show_questions(c, answers));
            #[cfg(not(feature = "hydrate"))]
            let _ = (answers, conditions);
        })
    });
    // Where the service worker keeps the page for offline use, the drafts code is fetched
    // now (not run), so answers typed after the connection goes are still kept; elsewhere
    // it is fetched when first needed (drafts.rs).
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        if !shared && browser::fetch_ahead() {
            leptos::task::spawn_local(async {
                if super::autosave::browser::preload_drafts().await.is_ok() {
                    browser::drafts_ready();
                }
            });
        }
    });
    // The line under the questions (draft_status.rs).
    Effect::new(move |_| {
        let shared_offline = shared && !draft.online.get();
        let (notice, sending) = (draft.notice.get(), draft.sending.get());
        #[cfg(feature = "hydrate")]
        super::draft_status::show(notice.as_ref(), shared_offline, sending.as_ref());
        #[cfg(not(feature = "hydrate"))]
        let _ = (shared_offline, notice, sending);
    });
    // Files kept on the phone, or refused once they arrived: said beside their question.
    Effect::new(move |_| {
        redrawn.track();
        let (kept, refused) = (draft.kept_files.get(), draft.file_errors.get());
        #[cfg(feature = "hydrate")]
        if !kept.is_empty() || !refused.is_empty() {
            leptos::task::spawn_local(async move {
                let _ = browser::show_files(kept, refused).await;
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (kept, refused);
    });
    // On a slow phone the page is there, and answerable, before the island wakes: what was
    // chosen or typed meanwhile is read from the form, so a question it shows appears and
    // autosave keeps it.
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        {
            let known = answers.get_untracked();
            let now = browser::read_form(&keys.get_value(), &known);
            if now != known {
                answers.set(now);
            }
        }
    });
    let on_edit = move |ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        if let Some((key, value)) = browser::edited(&ev) {
            if keys.with_value(|k| k.contains(&key)) {
                answers.maybe_update(|a| a.insert(key, value.clone()).as_ref() != Some(&value));
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            let keeps = (!shared).then_some(draft);
            if crate::components::file_upload::on_submit(&ev, keeps) {
                return;
            }
            // "Save and continue" offline keeps the answers on the phone instead of posting.
            if browser::is_answers_form(&ev) && !draft.online.get_untracked() {
                ev.prevent_default();
                let not_kept = draft.notice.get_untracked() == Some(DraftNotice::NotKept);
                if !shared && !not_kept {
                    draft.notice.set(Some(DraftNotice::OnPhone));
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! {
        <div class="part" on:input=on_edit on:change=on_edit on:submit=on_submit>
            {children()}
            <div role="status" class="draft-status" data-draft-status=""></div>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::components::file_upload::say;
    use crate::drafts::Later;
    use crate::forms::{answer_key, answer_name, Answers, Condition};
    use crate::i18n::use_lang;
    use crate::problem::FieldError;
    use leptos::wasm_split::{wasm_split, SplitLoaderError};
    use wasm_bindgen::JsCast;
    use web_sys::{HtmlInputElement, HtmlOptionElement, HtmlSelectElement, HtmlTextAreaElement};

    fn document() -> Option<web_sys::Document> {
        web_sys::window()?.document()
    }

    /// The answers in the form as it stands, for `keys`; an empty field that `known` has no
    /// answer for is no answer either.
    pub fn read_form(keys: &[String], known: &Answers) -> Answers {
        let mut answers = known.clone();
        let Some(form) = document()
            .and_then(|d| d.get_element_by_id(super::ANSWERS_FORM))
            .and_then(|f| f.dyn_into::<web_sys::HtmlFormElement>().ok())
        else {
            return answers;
        };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return answers;
        };
        for key in keys {
            match data.get(&answer_name(key)).as_string() {
                Some(value) if !value.is_empty() || known.contains_key(key) => {
                    answers.insert(key.clone(), value);
                }
                _ => {}
            }
        }
        answers
    }

    /// Whether to fetch the drafts code ahead: the browser is online (else the fetch only
    /// fails) and a service worker controls the page (it keeps what the page fetches, for
    /// offline use).
    pub fn fetch_ahead() -> bool {
        web_sys::window().is_some_and(|w| {
            let navigator = w.navigator();
            navigator.on_line() && navigator.service_worker().controller().is_some()
        })
    }

    /// Marks `<html data-drafts-ready>` once the drafts code is on the phone (for tests, as
    /// `data-hydrated`).
    pub fn drafts_ready() {
        if let Some(html) = document().and_then(|d| d.document_element()) {
            let _ = html.set_attribute("data-drafts-ready", "");
        }
    }

    /// The part's answers as the server drew them: each field's value as drawn (its
    /// default), whatever was typed since; an empty one is no answer.
    pub fn drawn(keys: &[String]) -> Answers {
        let mut answers = Answers::new();
        let Some(document) = document() else {
            return answers;
        };
        for key in keys {
            let named = document.get_elements_by_name(&answer_name(key));
            for i in 0..named.length() {
                let Some(node) = named.item(i) else { continue };
                let value = if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                    match input.type_().as_str() {
                        "radio" | "checkbox" => input.default_checked().then(|| input.value()),
                        _ => Some(input.default_value()),
                    }
                } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
                    area.default_value().ok()
                } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
                    (0..select.length())
                        .filter_map(|i| select.item(i))
                        .filter_map(|o| o.dyn_into::<HtmlOptionElement>().ok())
                        .find(|o| o.default_selected())
                        .map(|o| o.value())
                } else {
                    None
                };
                if let Some(value) = value.filter(|v| !v.is_empty()) {
                    answers.insert(key.clone(), value);
                }
            }
        }
        answers
    }

    /// The conditions between the part's questions, as drawn (`condition_attributes`).
    pub fn conditions() -> Vec<(String, Condition)> {
        let Some(found) = document().and_then(|d| d.query_selector_all("[data-show-if]").ok())
        else {
            return Vec::new();
        };
        (0..found.length())
            .filter_map(|i| found.item(i)?.dyn_into::<web_sys::Element>().ok())
            .filter_map(|q| {
                let key = q.get_attribute("data-question")?;
                let question = q.get_attribute("data-show-if")?;
                let values = q.get_attribute("data-show-values").unwrap_or_default();
                let equals = values.split('\n').map(String::from).collect();
                Some((key, Condition { question, equals }))
            })
            .collect()
    }

    /// Puts answers kept on the phone into the form.
    pub fn write_form(answers: &Answers) {
        let Some(document) = document() else { return };
        for (key, value) in answers {
            let named = document.get_elements_by_name(&answer_name(key));
            for i in 0..named.length() {
                let Some(node) = named.item(i) else { continue };
                match node.dyn_ref::<HtmlInputElement>() {
                    Some(choice) if matches!(choice.type_().as_str(), "radio" | "checkbox") => {
                        choice.set_checked(choice.value() == *value)
                    }
                    _ => crate::components::region::set_value(&node, value),
                }
            }
        }
    }

    /// The answer a person just typed or chose: (question key, value).
    pub fn edited(ev: &web_sys::Event) -> Option<(String, String)> {
        let target = ev.target()?;
        let (name, value) = if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            let choice = matches!(input.type_().as_str(), "radio" | "checkbox");
            if choice && !input.checked() {
                return None;
            }
            (input.name(), input.value())
        } else if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
            (area.name(), area.value())
        } else if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
            (select.name(), select.value())
        } else {
            return None;
        };
        Some((answer_key(&name)?.to_string(), value))
    }

    /// Whether `ev` is the answers form being sent.
    pub fn is_answers_form(ev: &web_sys::SubmitEvent) -> bool {
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|f| crate::components::region::id_of(&f))
            .is_some_and(|id| id == super::ANSWERS_FORM)
    }

    /// Shows or hides each conditional question of the part.
    pub fn show_questions(conditions: &[(String, Condition)], answers: &Answers) {
        let Some(document) = document() else { return };
        for (key, _) in conditions {
            let selector = format!("[data-question=\"{key}\"]");
            let Some(question) = document.query_selector(&selector).ok().flatten() else {
                continue;
            };
            let _ = match super::shown(conditions, key, answers, 0) {
                true => question.remove_attribute("hidden"),
                false => question.set_attribute("hidden", ""),
            };
        }
    }

    /// Draws the part's form anew from the server; in the drafts module (drafts.rs), as
    /// what follows: needed only after something kept on the phone was sent.
    #[wasm_split(uraia_drafts, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn redraw() -> Later<bool> {
        Ok(Box::pin(crate::components::region::redraw(
            super::PART_FORM,
            false,
        )))
    }

    /// Beside each file question: the file kept on the phone for it, or why the server
    /// refused it once it arrived.
    #[wasm_split(uraia_drafts, wasm_split_path = ::leptos::wasm_split, fallible)]
    pub fn show_files(
        kept: Vec<(String, String)>,
        refused: Vec<FieldError>,
    ) -> Result<(), SplitLoaderError> {
        let Some(document) = document() else {
            return Ok(());
        };
        let lang = use_lang();
        let offline = lang.offline();
        let file_question = |key: &str| {
            let selector = format!("[data-file-question=\"{key}\"]");
            document.query_selector(&selector).ok().flatten()
        };
        for (key, name) in &kept {
            if let Some(question) = file_question(key) {
                let text = (offline.file_on_phone)(name);
                say(&question, "notice notice--warning", "", &text, None);
            }
        }
        for error in &refused {
            if let Some(question) = file_question(&error.field) {
                say(&question, "field__error", "alert", &error.text(lang), None);
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn when(question: &str, equals: &[&str]) -> Condition {
        Condition {
            question: question.into(),
            equals: equals.iter().map(|e| e.to_string()).collect(),
        }
    }

    use crate::forms::rules::answers_of as answers;

    #[test]
    fn a_question_shows_when_its_condition_holds_and_its_parent_shows() {
        // reason shows when change = name; details when reason = other.
        let conditions = vec![
            ("reason".to_string(), when("change", &["name"])),
            (
                "details".to_string(),
                when("reason", &["other", "marriage"]),
            ),
        ];
        let none = answers(&[]);
        assert!(shown(&conditions, "change", &none, 0), "no condition");
        assert!(!shown(&conditions, "reason", &none, 0));
        let name = answers(&[("change", "name")]);
        assert!(shown(&conditions, "reason", &name, 0));
        assert!(!shown(&conditions, "details", &name, 0));
        let other = answers(&[("change", " name "), ("reason", "other")]);
        assert!(
            shown(&conditions, "details", &other, 0),
            "answers are trimmed"
        );
        // The parent hidden again: its child hides too, whatever was answered in it.
        let lost = answers(&[("change", "lost"), ("reason", "other")]);
        assert!(!shown(&conditions, "reason", &lost, 0));
        assert!(!shown(&conditions, "details", &lost, 0));
    }

    #[test]
    fn a_loop_in_conditions_ends() {
        let conditions = vec![
            ("a".to_string(), when("b", &["x"])),
            ("b".to_string(), when("a", &["x"])),
        ];
        let both = answers(&[("a", "x"), ("b", "x")]);
        assert!(!shown(&conditions, "a", &both, 0));
    }
}

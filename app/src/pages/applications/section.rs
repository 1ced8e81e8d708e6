//! One part of the application: its questions, saved to the draft on "Save and continue".

use super::autosave;
use super::draft_status::DraftStatus;
use super::offline_draft::{DraftNotice, OfflineDraft};
use crate::api::applications::files::UploadFile;
use crate::api::applications::{get_section, SaveSection};
use crate::components::file_question::FileQuestion;
use crate::components::form::{island_problems, url_problems, ErrorSummary};
use crate::components::loaded::loaded;
use crate::components::question::QuestionField;
use crate::forms::Answers;
use crate::forms::{rules, Kind};
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use crate::model::SectionPage;
use crate::problem::FieldError;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_params_map};

#[component]
pub fn SectionPageView() -> impl IntoView {
    let params = use_params_map();
    let key = move || {
        let p = params.read();
        (
            p.get("id").unwrap_or_default(),
            p.get("section").unwrap_or_default(),
        )
    };
    let page = Resource::new(key, |(id, section)| get_section(id, section));
    view! {
        {loaded(page, move |page| {
            let lang = use_lang();
            let a = lang.applications();
            let section = page.form.section(&page.section).cloned();
            let title = section.as_ref().map(|s| s.title.get(lang).to_string()).unwrap_or_default();
            let intro = section.and_then(|s| s.intro.map(|i| i.get(lang).to_string()));
            // Uploads post natively: their problems come back in the URL.
            let uploads = url_problems::<UploadFile>();
            let posted = url_problems::<SaveSection>();
            view! {
                <Title text=title.clone() />
                <Meta name="robots" content="noindex" />
                <div class="form-page">
                    <p><A href=format!("/applications/{}", page.id)>{a.back_to_tasks}</A></p>
                    <p class="caption">{page.service_name.clone()}</p>
                    <h1>{title}</h1>
                    {intro.map(|i| view! { <p class="lead">{i}</p> })}
                    <IslandScripts />
                    <SectionForm page uploads posted />
                </div>
            }
        })}
    }
}

/// The part's form with everything that happens in the browser: conditional questions,
/// autosave, drafts and files kept on the phone while offline, uploads with progress.
#[island(lazy)]
fn SectionForm(
    page: SectionPage,
    uploads: Vec<FieldError>,
    posted: Vec<FieldError>,
) -> impl IntoView {
    let (id, section) = (page.id.clone(), page.section.clone());
    let current = RwSignal::new(page);
    // Each time the form must show other answers (the server's after a sync, or those kept
    // on the phone), it is drawn afresh: updated in place, an input the person typed in
    // would keep showing what they typed, whatever its new value says.
    let generation = RwSignal::new(0u32);
    // Drawn again from the server once answers or files kept on the phone were sent.
    let reload = Callback::new(move |_| {
        let (id, section) = (id.clone(), section.clone());
        leptos::task::spawn_local(async move {
            if let Ok(page) = get_section(id, section).await {
                current.set(page);
                generation.update(|g| *g += 1);
            }
        });
    });
    let part = current.with_untracked(|p| (p.id.clone(), p.section.clone()));
    let draft = OfflineDraft::new(move || part.clone(), reload);
    Effect::new(move |before: Option<()>| {
        draft.restored.track();
        if before.is_some() {
            generation.update(|g| *g += 1);
        }
    });
    view! {
        <For each=move || [generation.get()] key=|g| *g let:_generation>
            {
                // Offline with answers kept on the phone: the form shows those.
                let mut page = current.get_untracked();
                let base = draft.restored.with_untracked(|kept| match kept {
                    Some(kept) => {
                        page.answers.extend(kept.answers.clone());
                        kept.base.clone()
                    }
                    None => page.answers.clone(),
                });
                let (uploads, posted) = (uploads.clone(), posted.clone());
                view! { <Section page base draft uploads posted /> }
            }
        </For>
    }
}

#[component]
fn Section(
    page: SectionPage,
    base: Answers,
    draft: OfflineDraft,
    uploads: Vec<FieldError>,
    posted: Vec<FieldError>,
) -> impl IntoView {
    let lang = use_lang();
    let a = lang.applications();
    let action = ServerAction::<SaveSection>::new();
    let saved = island_problems(action.value(), posted);
    let errors = Signal::derive(move || {
        let mut all = saved.get();
        all.extend(uploads.iter().cloned());
        all.extend(draft.file_errors.get());
        all
    });
    let Some(section) = page.form.section(&page.section).cloned() else {
        return ().into_any();
    };
    let today = crate::forms::dates::parse(&page.today).unwrap_or_default();
    let labels: Vec<(String, String)> = section
        .questions
        .iter()
        .map(|q| (q.key.clone(), q.label.get(lang).to_string()))
        .collect();
    // Questions hidden by an answer in another part stay hidden; within this part every
    // question is drawn, and conditional ones show when their answer here says so.
    let questions: Vec<_> = section
        .questions
        .iter()
        .filter(|q| q.kind != Kind::File)
        .filter(|q| {
            q.show_if.as_ref().is_none_or(|c| {
                section.questions.iter().any(|o| o.key == c.question)
                    || rules::is_shown(&page.form, q, &page.answers)
            })
        })
        .cloned()
        .collect();
    let file_questions: Vec<_> = section
        .questions
        .iter()
        .filter(|q| q.kind == Kind::File && rules::is_shown(&page.form, q, &page.answers))
        .cloned()
        .collect();
    let (app_id, section_key, uploaded) =
        (page.id.clone(), page.section.clone(), page.files.clone());
    // Answers as they change in the browser, so a conditional question appears at once.
    let answers = RwSignal::new(page.answers.clone());
    let on_answer = Callback::new(move |(key, value): (String, String)| {
        answers.update(|a| {
            a.insert(key, value);
        });
    });
    let form = std::sync::Arc::new(page.form.clone());
    let keys = section.typed_keys();
    let form_ref = NodeRef::<leptos::html::Form>::new();
    answers_chosen_before_waking(form_ref, keys.clone(), answers);
    let base = autosave::pick(&keys, &base);
    let shared = page.shared;
    autosave::autosave(
        autosave::Part {
            id: page.id.clone(),
            section: page.section.clone(),
            keys,
            base,
            shared,
        },
        answers,
        draft,
    );
    // Offline, "Save and continue" keeps the answers on the phone instead of posting.
    let on_save = move |ev: leptos::ev::MouseEvent| {
        if !draft.online.get_untracked() {
            ev.prevent_default();
            if !shared {
                draft.notice.set(Some(DraftNotice::OnPhone));
            }
        }
    };
    view! {
        <div>
            <ErrorSummary errors labels />
            <ActionForm action node_ref=form_ref attr:class="form" attr:novalidate="" attr:id="answers">
                <input type="hidden" name="id" value=page.id.clone() />
                <input type="hidden" name="section" value=page.section.clone() />
                {questions.into_iter().map(|q| {
                    let value = page.answers.get(&q.key).cloned().unwrap_or_default();
                    let form = form.clone();
                    let shown_q = q.clone();
                    let hidden = move || !rules::is_shown(&form, &shown_q, &answers.read());
                    view! {
                        <div class="question" hidden=hidden>
                            <QuestionField question=q value errors today on_answer />
                        </div>
                    }
                }).collect_view()}
            </ActionForm>
            // Each upload is a form of its own (forms cannot nest); the answers' button
            // below belongs to the answers form through its `form` attribute.
            {file_questions.into_iter().map(|q| {
                let file = uploaded.iter().find(|f| f.question == q.key).cloned();
                view! {
                    <FileQuestion question=q application=app_id.clone() section=section_key.clone()
                        file errors draft=(!shared).then_some(draft) />
                }
            }).collect_view()}
            <DraftStatus draft shared />
            <button class="button" type="submit" form="answers" disabled=move || action.pending().get()
                on:click=on_save>
                {a.save_and_continue}
            </button>
        </div>
    }
    .into_any()
}

/// On a slow phone the page is there, and answerable, before its island wakes: an answer
/// chosen in that time is in the form but the island never saw it change. Once awake, the
/// island reads the form as it stands, so a question that answer shows appears, and autosave
/// keeps it.
fn answers_chosen_before_waking(
    form: NodeRef<leptos::html::Form>,
    keys: Vec<String>,
    answers: RwSignal<Answers>,
) {
    Effect::new(move |_| {
        let Some(form) = form.get() else { return };
        let Ok(data) = web_sys::FormData::new_with_form(&form) else {
            return;
        };
        answers.maybe_update(|known| {
            let mut changed = false;
            for key in &keys {
                let Some(value) = data.get(&format!("answers[{key}]")).as_string() else {
                    continue;
                };
                // An empty field the draft has no answer for is no answer either.
                let unanswered = value.is_empty() && !known.contains_key(key);
                if !unanswered && known.get(key) != Some(&value) {
                    known.insert(key.clone(), value);
                    changed = true;
                }
            }
            changed
        });
    });
}

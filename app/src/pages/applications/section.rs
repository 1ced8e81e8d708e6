//! One part of the application: its questions, saved to the draft on "Save and continue".

use super::autosave;
use super::draft_status::DraftStatus;
use super::offline_draft::{DraftNotice, OfflineDraft};
use crate::api::applications::files::UploadFile;
use crate::api::applications::{get_section, SaveSection};
use crate::components::file_question::FileQuestion;
use crate::components::form::{problems_of, url_problems, ErrorSummary};
use crate::components::loaded::loaded;
use crate::components::question::QuestionField;
use crate::forms::Answers;
use crate::forms::{rules, Kind};
use crate::i18n::use_lang;
use crate::model::SectionPage;
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
    let draft = OfflineDraft::new(key, Callback::new(move |_| page.refetch()));
    view! {
        {loaded(page, move |page| {
            // Offline with answers kept on the phone: the form shows those.
            move || {
                let mut page = page.clone();
                let base = draft.restored.with(|kept| match kept {
                    Some(kept) => {
                        page.answers.extend(kept.answers.clone());
                        kept.base.clone()
                    }
                    None => page.answers.clone(),
                });
                view! { <Section page base draft /> }
            }
        })}
    }
}

#[component]
fn Section(page: SectionPage, base: Answers, draft: OfflineDraft) -> impl IntoView {
    let lang = use_lang();
    let a = lang.t().applications;
    let action = ServerAction::<SaveSection>::new();
    let saved = problems_of(action.value());
    // Uploads post natively: their problems come back in the URL.
    let uploads = url_problems::<UploadFile>();
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
    let title = section.title.get(lang).to_string();
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
    let back = format!("/applications/{}", page.id);
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
        <Title text=title.clone() />
        <Meta name="robots" content="noindex" />
        <div class="form-page">
            <p><A href=back.clone()>{a.back_to_tasks}</A></p>
            <p class="caption">{page.service_name.clone()}</p>
            <h1>{title}</h1>
            {section.intro.as_ref().map(|i| view! { <p class="lead">{i.get(lang).to_string()}</p> })}
            <ErrorSummary errors labels />
            <ActionForm action attr:class="form" attr:novalidate="" attr:id="answers">
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

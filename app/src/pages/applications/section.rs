//! One part of the application: its questions, saved to the draft on "Save and continue".
//! The server draws the form (`PartForm`); the `PartLive` island around it (part_live.rs)
//! shows conditional questions as they are chosen, autosaves, keeps drafts and files on the
//! phone offline, and sends uploads from the page.

use super::part_live::{condition_attributes, PartLive, PartSetup, ANSWERS_FORM, PART_FORM};
use crate::api::applications::files::UploadFile;
use crate::api::applications::{get_section, SaveSection};
use crate::components::file_question::FileQuestion;
use crate::components::form::{url_problems, ErrorSummary};
use crate::components::loaded::loaded;
use crate::components::question::QuestionField;
use crate::forms::{rules, Kind};
use crate::i18n::use_lang;
use crate::islands::IslandScripts;
use crate::model::SectionPage;
use crate::problem::FieldError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
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
            let setup = PartSetup::of(&page);
            let mut errors = url_problems::<SaveSection>();
            errors.extend(url_problems::<UploadFile>());
            view! {
                <Title text=title.clone() />
                <Meta name="robots" content="noindex" />
                <div class="form-page">
                    <p><A href=format!("/applications/{}", page.id)>{a.back_to_tasks}</A></p>
                    <p class="caption">{page.service_name.clone()}</p>
                    <h1>{title}</h1>
                    {intro.map(|i| view! { <p class="lead">{i}</p> })}
                    <IslandScripts />
                    <PartLive setup>
                        <PartForm page errors />
                    </PartLive>
                </div>
            }
        })}
    }
}

/// The part's form, drawn by the server only (the same with JavaScript on and off): every
/// question of the part is drawn, and one whose condition (on an answer in this part) does
/// not hold yet is hidden; `PartLive` shows it as soon as that answer is chosen.
#[component]
fn PartForm(page: SectionPage, errors: Vec<FieldError>) -> impl IntoView {
    let lang = use_lang();
    let a = lang.applications();
    let Some(section) = page.form.section(&page.section).cloned() else {
        return ().into_any();
    };
    let labels: Vec<(String, String)> = section
        .questions
        .iter()
        .map(|q| (q.key.clone(), q.label.get(lang).to_string()))
        .collect();
    // Questions hidden by an answer in another part stay out; within this part every
    // question is drawn, and conditional ones show when their answer here says so.
    let questions: Vec<_> = section
        .questions
        .iter()
        .filter(|q| q.kind != Kind::File)
        .filter(|q| {
            q.show_if.as_ref().is_none_or(|c| {
                section.asks(&c.question) || rules::is_shown(&page.form, q, &page.answers)
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
    let shown_errors = Signal::stored(errors.clone());
    view! {
        <div id=PART_FORM>
            <ErrorSummary errors=shown_errors labels />
            <form method="post" action=SaveSection::PATH class="form" novalidate="" id=ANSWERS_FORM>
                <input type="hidden" name="id" value=page.id.clone() />
                <input type="hidden" name="section" value=page.section.clone() />
                {questions.into_iter().map(|q| {
                    let value = page.answers.get(&q.key).cloned().unwrap_or_default();
                    let hidden = !rules::is_shown(&page.form, &q, &page.answers);
                    let key = q.key.clone();
                    // A condition on an answer in this part: `PartLive` applies it as typed.
                    let (show_if, show_values) = q
                        .show_if
                        .as_ref()
                        .filter(|c| section.asks(&c.question))
                        .map(condition_attributes)
                        .unzip();
                    view! {
                        <div class="question" data-question=key hidden=hidden
                            data-show-if=show_if data-show-values=show_values>
                            <QuestionField question=q value errors=shown_errors />
                        </div>
                    }
                }).collect_view()}
            </form>
            // Each upload is a form of its own (forms cannot nest); the answers' button
            // below belongs to the answers form through its `form` attribute.
            {file_questions.into_iter().map(|q| {
                let file = page.files.iter().find(|f| f.question == q.key).cloned();
                view! {
                    <FileQuestion question=q application=page.id.clone() section=page.section.clone()
                        file errors=errors.clone() />
                }
            }).collect_view()}
            <button class="button" type="submit" form=ANSWERS_FORM>{a.save_and_continue}</button>
        </div>
    }
    .into_any()
}

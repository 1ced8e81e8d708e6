//! A file question: the file uploaded so far (with a link only its owner can open) and a
//! plain multipart form to upload it or a replacement. A native post, so it works the same
//! with JavaScript off; the page comes back with the file, or with the problem beside it.
//! Drawn by the server only: on a page with an island around it (an application part's
//! `PartLive`, the status page's `Uploads`), the island sends the same form from the page
//! (file_upload.rs: a big photo made smaller first, progress in the status line below).

use crate::api::applications::files::UploadFile;
use crate::components::form::problem_for;
use crate::forms::Question;
use crate::i18n::use_lang;
use crate::model::UploadedFile;
use crate::problem::FieldError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn FileQuestion(
    question: Question,
    application: String,
    section: String,
    file: Option<UploadedFile>,
    errors: Vec<FieldError>,
) -> impl IntoView {
    let lang = use_lang();
    let a = lang.applications();
    let key = question.key.clone();
    let input_id = format!("{key}-file");
    let hint_id = format!("{key}-hint");
    let error_id = format!("{key}-error");
    let problem = problem_for(&errors, &key);
    let described = match problem {
        Some(_) => format!("{hint_id} {error_id}"),
        None => hint_id.clone(),
    };
    let hint = question
        .hint
        .as_ref()
        .map(|h| format!("{} {}", h.get(lang), a.file_types))
        .unwrap_or_else(|| a.file_types.to_string());
    let accept = if question.photo {
        "image/jpeg,image/png"
    } else {
        "application/pdf,image/jpeg,image/png"
    };
    view! {
        // The id is the question's, so the error summary's link lands here.
        <div class="field file-question" class:field--error=problem.is_some() id=key.clone()
            data-file-question=key.clone()>
            <p class="field__label">{question.label.get(lang).to_string()}</p>
            <p class="field__hint" id=hint_id>{hint}</p>
            {file.map(|f| view! {
                <p class="file-question__current">
                    {(a.file_current)(&f.name, f.size_kb)} " "
                    <a href=format!("/files/{}", f.id) target="_blank" rel="noopener">
                        {a.file_view}<span class="visually-hidden">{format!(": {}", f.name)}</span>
                    </a>
                </p>
            })}
            {problem.map(|p| view! {
                <p class="field__error" id=error_id>{lang.problem(p)}</p>
            })}
            // Written by the page's island: a file kept on the phone, the upload's progress,
            // a file found too big before sending.
            <div class="file-question__status" data-upload-status=""></div>
            <form method="post" enctype="multipart/form-data" action=UploadFile::PATH
                class="file-question__form">
                <input type="hidden" name="id" value=application />
                <input type="hidden" name="section" value=section />
                <input type="hidden" name="question" value=key.clone() />
                <label class="field__label field__label--small" for=input_id.clone()>{a.file_choose}</label>
                <input class="file-input" type="file" id=input_id name="file" accept=accept
                    aria-describedby=described />
                <button class="button button--secondary" type="submit">{a.upload_button}</button>
            </form>
        </div>
    }
}

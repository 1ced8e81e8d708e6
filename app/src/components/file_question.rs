//! A file question: the file uploaded so far (with a link only its owner can open) and a
//! plain multipart form to upload it or a replacement. A native post, so it works the same
//! with JavaScript off; the page comes back with the file, or with the problem beside it.
//! After hydration the same form is sent from the page (`upload.rs`): big photos are made
//! smaller first, and the progress is shown.

use crate::api::applications::files::UploadFile;
use crate::forms::Question;
use crate::i18n::use_lang;
use crate::model::UploadedFile;
use crate::pages::applications::offline_draft::OfflineDraft;
use crate::problem::FieldError;
use leptos::prelude::*;
use leptos::server_fn::ServerFn;

#[component]
pub fn FileQuestion(
    question: Question,
    application: String,
    section: String,
    file: Option<UploadedFile>,
    errors: Signal<Vec<FieldError>>,
    /// The page's offline side: a file chosen offline is kept on the phone and sent in
    /// chunks when the connection is back. None on a shared computer.
    #[prop(default = None)]
    draft: Option<OfflineDraft>,
) -> impl IntoView {
    let lang = use_lang();
    let a = lang.applications();
    let key = question.key.clone();
    let input_id = format!("{key}-file");
    let hint_id = format!("{key}-hint");
    let error_id = format!("{key}-error");
    let problem = {
        let key = key.clone();
        move || errors.with(|e| e.iter().find(|e| e.field == key).map(|e| e.problem))
    };
    let described = {
        let (hint_id, error_id, problem) = (hint_id.clone(), error_id.clone(), problem.clone());
        move || match problem() {
            Some(_) => format!("{hint_id} {error_id}"),
            None => hint_id.clone(),
        }
    };
    let hint = question
        .hint
        .as_ref()
        .map(|h| format!("{} {}", h.get(lang), a.file_types))
        .unwrap_or_else(|| a.file_types.to_string());
    // After hydration: the share sent so far, while an upload is on its way.
    let progress = RwSignal::new(None::<u32>);
    // A file chosen offline that is bigger than the server takes: said at once.
    let too_big = RwSignal::new(false);
    // Online: a file over the limit, found before sending (or refused by the server).
    let too_large = RwSignal::new(false);
    let form_ref = NodeRef::<leptos::html::Form>::new();
    // Where a file chosen offline is kept: (application, section, question).
    let target = (application.clone(), section.clone(), key.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        {
            use wasm_bindgen::JsCast;
            let Some(form) = form_ref.get() else { return };
            let form: web_sys::HtmlFormElement = form.unchecked_into();
            let chosen = form
                .query_selector("input[type=file]")
                .ok()
                .flatten()
                .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
                .and_then(|i| i.files())
                .is_some_and(|f| f.length() > 0);
            if !chosen {
                return; // a plain post: the server says what is missing
            }
            ev.prevent_default();
            if let Some(draft) = draft.filter(|d| !d.online.get_untracked()) {
                keep_offline(form, target.clone(), draft, too_big);
                return;
            }
            progress.set(Some(0));
            too_large.set(false);
            leptos::task::spawn_local(async move {
                let sent = crate::upload::send(form.clone(), move |p| progress.set(Some(p))).await;
                match sent {
                    Ok(()) => {}
                    Err(crate::upload::NotSent::TooLarge) => {
                        progress.set(None);
                        too_large.set(true);
                    }
                    Err(crate::upload::NotSent::Failed(_)) => {
                        // Could not send it from the page: send the form the plain way.
                        progress.set(None);
                        let _ = form.submit();
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (ev, form_ref, progress, too_big, too_large, &target);
    };
    let kept = {
        let key = key.clone();
        move || {
            let draft = draft?;
            let name = draft
                .kept_files
                .with(|k| k.iter().find(|(q, _)| *q == key).map(|(_, n)| n.clone()))?;
            Some(
                view! { <p class="notice notice--warning">{(lang.offline().file_on_phone)(&name)}</p> },
            )
        }
    };
    let accept = if question.photo {
        "image/jpeg,image/png"
    } else {
        "application/pdf,image/jpeg,image/png"
    };
    view! {
        // The id is the question's, so the error summary's link lands here.
        <div class="field file-question" class:field--error={let p = problem.clone(); move || p().is_some()} id=key.clone()>
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
            {let p = problem.clone(); move || p().map(|p| view! {
                <p class="field__error" id=error_id.clone()>{(lang.accounts().problem)(p)}</p>
            })}
            {move || too_big.get().then(|| view! {
                <p class="field__error">{(lang.offline().file_too_big_offline)(crate::upload::MAX_MB)}</p>
            })}
            {move || too_large.get().then(|| view! {
                <p class="field__error" role="alert">
                    {(lang.accounts().problem)(crate::problem::Problem::FileTooLarge { max_mb: crate::upload::MAX_MB })}
                </p>
            })}
            {kept}
            <form method="post" enctype="multipart/form-data" action=UploadFile::PATH class="file-question__form"
                node_ref=form_ref on:submit=on_submit>
                <input type="hidden" name="id" value=application />
                <input type="hidden" name="section" value=section />
                <input type="hidden" name="question" value=key.clone() />
                <label class="field__label field__label--small" for=input_id.clone()>{a.file_choose}</label>
                <input class="file-input" type="file" id=input_id name="file" accept=accept
                    aria-describedby=described />
                <button class="button button--secondary" type="submit" disabled=move || progress.get().is_some()>
                    {a.upload_button}
                </button>
            </form>
            {move || progress.get().map(|p| view! {
                <p class="file-question__progress" role="status">
                    {(a.uploading)(p)} " "
                    <progress max="100" value=p.to_string() aria-hidden="true"></progress>
                </p>
            })}
        </div>
    }
}

/// Offline: the chosen file (made smaller first if it is a big photo) is kept on the phone
/// for its question, to go up in chunks when the connection is back.
#[cfg(feature = "hydrate")]
fn keep_offline(
    form: web_sys::HtmlFormElement,
    (id, section, question): (String, String, String),
    draft: OfflineDraft,
    too_big: RwSignal<bool>,
) {
    use wasm_bindgen::JsCast;
    let Some(input) = form
        .query_selector("input[type=file]")
        .ok()
        .flatten()
        .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return;
    };
    let Some(file) = input.files().and_then(|f| f.get(0)) else {
        return;
    };
    leptos::task::spawn_local(async move {
        let (blob, name) = match crate::upload::smaller(&file).await {
            Some(smaller) => smaller,
            None => (file.clone().into(), file.name()),
        };
        let limit = crate::upload::MAX_MB as f64 * 1024.0 * 1024.0;
        too_big.set(blob.size() > limit);
        if blob.size() > limit {
            return;
        }
        let kept = crate::drafts::chunks::kept(&question, &name, blob);
        crate::drafts::device::keep_file(&id, &section, &kept).await;
        input.set_value("");
        draft.kept_files.update(|k| {
            k.retain(|(q, _)| *q != question);
            k.push((question.clone(), name.clone()));
        });
    });
}

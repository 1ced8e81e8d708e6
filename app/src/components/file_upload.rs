//! File questions (file_question.rs, drawn by the server) sent from the page by the island
//! around them: a big photo is made smaller first (upload.rs), the progress is shown in the
//! question's status line, a file over the limit is refused before it is sent, and, offline
//! on an application part, the file is kept on the phone to go up in chunks later. The
//! island listens for `submit` on its own element (the event bubbles up from each form), so
//! a question drawn anew by the server is handled the same.

use leptos::prelude::*;

/// The island around file questions on a page that sends no drafts (the status page).
#[island(lazy)]
pub fn Uploads(children: Children) -> impl IntoView {
    view! {
        <div on:submit=move |ev| {
            #[cfg(feature = "hydrate")]
            browser::on_submit(&ev, None);
            #[cfg(not(feature = "hydrate"))]
            let _ = ev;
        }>{children()}</div>
    }
}

#[cfg(feature = "hydrate")]
pub use browser::{line, on_submit, say};

#[cfg(feature = "hydrate")]
mod browser {
    use crate::drafts::Later;
    use crate::i18n::use_lang;
    use crate::pages::applications::offline_draft::OfflineDraft;
    use leptos::prelude::*;
    use leptos::wasm_split::wasm_split;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, HtmlFormElement, HtmlInputElement};

    /// Handles the submit of a file question's form: true when it was sent from the page
    /// (or kept on the phone); false leaves it to the browser (a plain post), as when no file
    /// was chosen and the server must say so. `draft` keeps files offline (None on a shared
    /// computer or a page without drafts).
    pub fn on_submit(ev: &web_sys::SubmitEvent, draft: Option<OfflineDraft>) -> bool {
        let Some(form) = ev
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
            .filter(|f| f.matches(".file-question__form").unwrap_or(false))
        else {
            return false;
        };
        let Some(question) = form.closest("[data-file-question]").ok().flatten() else {
            return false;
        };
        let Some(input) = chosen(&form) else {
            return false;
        };
        ev.prevent_default();
        let draft = draft.filter(|d| !d.online.get_untracked());
        if draft.is_none() {
            // Said at once, while the uploading code is fetched (and a second press waits).
            set_sending(&form, true);
            let uploading = (use_lang().uploads().uploading)(0);
            say(
                &question,
                "file-question__progress",
                "status",
                &uploading,
                Some(0),
            );
        }
        leptos::task::spawn_local(async move {
            match draft {
                Some(draft) => match keep_offline(input, question.clone(), draft).await {
                    Ok(keeping) => keeping.await,
                    Err(_) => {
                        let text = use_lang().offline().file_not_kept;
                        say(&question, "field__error", "alert", text, None);
                    }
                },
                None => {
                    if let Ok(sending) = send(form.clone(), question.clone()).await {
                        return sending.await;
                    }
                    // The uploading code could not be fetched: the form goes the plain way.
                    say(&question, "", "", "", None);
                    let _ = form.submit();
                }
            }
        });
        true
    }

    /// Sends the chosen file with progress (its own module: fetched when a file is first
    /// sent from the page).
    #[wasm_split(uraia_uploads, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn send(form: HtmlFormElement, question: Element) -> Later<()> {
        Ok(Box::pin(async move {
            let lang = use_lang();
            let a = lang.uploads();
            let shown = question.clone();
            let progress = move |p| {
                say(
                    &shown,
                    "file-question__progress",
                    "status",
                    &(a.uploading)(p),
                    Some(p),
                )
            };
            match crate::upload::send(form.clone(), progress).await {
                // The page goes on to the server's answer.
                Ok(()) => {}
                Err(crate::upload::NotSent::TooLarge) => {
                    set_sending(&form, false);
                    let text = (a.too_large)(crate::upload::MAX_MB);
                    say(&question, "field__error", "alert", &text, None);
                }
                // Could not send it from the page: the form goes the plain way.
                Err(crate::upload::NotSent::Failed(_)) => {
                    say(&question, "", "", "", None);
                    let _ = form.submit();
                }
            }
        }))
    }

    /// The file input of `form`, when a file is chosen in it.
    fn chosen(form: &HtmlFormElement) -> Option<HtmlInputElement> {
        form.query_selector("input[type=file]")
            .ok()
            .flatten()
            .and_then(|i| i.dyn_into::<HtmlInputElement>().ok())
            .filter(|i| i.files().is_some_and(|f| f.length() > 0))
    }

    fn set_sending(form: &HtmlFormElement, sending: bool) {
        if let Some(button) = form.query_selector("button").ok().flatten() {
            let _ = match sending {
                true => button.set_attribute("disabled", ""),
                false => button.remove_attribute("disabled"),
            };
        }
    }

    /// Writes one line into the status line of file question `question` (an element with
    /// `data-file-question`): `text` in a `<p>` of `class` with `role`, and a progress bar
    /// when `progress` is given; an empty `text` clears it.
    pub fn say(question: &Element, class: &str, role: &str, text: &str, progress: Option<u32>) {
        let Some(status) = question
            .query_selector("[data-upload-status]")
            .ok()
            .flatten()
        else {
            return;
        };
        status.set_inner_html("");
        if text.is_empty() {
            return;
        }
        let Some(document) = question.owner_document() else {
            return;
        };
        if let Some(line) = line(&document, class, role, text, progress) {
            let _ = status.append_with_node_1(&line);
        }
    }

    /// A `<p>` of `class` with `role` (if any) saying `text`, and a progress bar at
    /// `progress` per cent when given: an upload's line, here and in the part's status line
    /// (draft_status.rs).
    pub fn line(
        document: &web_sys::Document,
        class: &str,
        role: &str,
        text: &str,
        progress: Option<u32>,
    ) -> Option<Element> {
        let line = document.create_element("p").ok()?;
        line.set_class_name(class);
        if !role.is_empty() {
            let _ = line.set_attribute("role", role);
        }
        line.set_text_content(Some(text));
        if let Some(p) = progress {
            if let Ok(bar) = document.create_element("progress") {
                let _ = bar.set_attribute("max", "100");
                let _ = bar.set_attribute("value", &p.to_string());
                let _ = bar.set_attribute("aria-hidden", "true");
                let _ = line.append_with_str_1(" ");
                let _ = line.append_with_node_1(&bar);
            }
        }
        Some(line)
    }

    /// Offline: the chosen file (made smaller first if it is a big photo) is kept on the
    /// phone for its question, to go up in chunks when the connection is back. The part's
    /// island says so in the question's status line (it watches `draft.kept_files`).
    #[wasm_split(uraia_drafts, wasm_split_path = ::leptos::wasm_split, fallible)]
    fn keep_offline(input: HtmlInputElement, question: Element, draft: OfflineDraft) -> Later<()> {
        Ok(Box::pin(keep(input, question, draft)))
    }

    async fn keep(input: HtmlInputElement, question: Element, draft: OfflineDraft) {
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let Some(key) = question.get_attribute("data-file-question") else {
            return;
        };
        let (id, section) = draft.part.get_value();
        let (blob, name) = match crate::upload::smaller(&file).await {
            Some(smaller) => smaller,
            None => (file.clone().into(), file.name()),
        };
        let max_mb = crate::upload::MAX_MB;
        if blob.size() > max_mb as f64 * 1024.0 * 1024.0 {
            let text = (use_lang().offline().file_too_big_offline)(max_mb);
            say(&question, "field__error", "alert", &text, None);
            return;
        }
        let kept = crate::drafts::chunks::kept(&key, &name, blob);
        crate::drafts::device::keep_file(&id, &section, &kept).await;
        input.set_value("");
        draft.kept_files.update(|k| {
            k.retain(|(q, _)| *q != key);
            k.push((key.clone(), name.clone()));
        });
    }
}

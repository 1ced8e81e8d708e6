//! The line under a part's questions that says where its answers are: with the server,
//! kept on the phone until the connection is back, or sent after being kept (and, if the
//! part was changed elsewhere too, which answers were kept, with what this phone had), and
//! a kept file on its way up. The server draws it empty inside `PartLive` (nothing is kept
//! or sent before the island wakes); the island writes it with the browser's own calls, not
//! a reactive view: the hydration code of a view for each notice weighed more than the
//! notices. It stays while the form above it is drawn anew.

#[cfg(feature = "hydrate")]
pub use browser::show;

#[cfg(feature = "hydrate")]
mod browser {
    use crate::components::file_upload::line;
    use crate::drafts::merge::Winner;
    use crate::i18n::use_lang;
    use crate::model::SyncOutcome;
    use crate::pages::applications::offline_draft::DraftNotice;
    use web_sys::{Document, Element};

    /// An element `tag` of `class` (if any) with `text` (if any).
    fn element(document: &Document, tag: &str, class: &str, text: &str) -> Option<Element> {
        let element = document.create_element(tag).ok()?;
        if !class.is_empty() {
            element.set_class_name(class);
        }
        if !text.is_empty() {
            element.set_text_content(Some(text));
        }
        Some(element)
    }

    /// Writes the line: `notice` (or, on a shared computer offline, that nothing is kept
    /// here) and the kept file being sent, with its share sent.
    pub fn show(
        notice: Option<&DraftNotice>,
        shared_offline: bool,
        sending: Option<&(String, u32)>,
    ) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(status) = document
            .query_selector("[data-draft-status]")
            .ok()
            .flatten()
        else {
            return;
        };
        status.set_inner_html("");
        let lang = use_lang();
        let (a, o) = (lang.uploads(), lang.offline());
        let warning = "notice notice--warning";
        let said = match (shared_offline, notice) {
            (true, _) => element(&document, "p", warning, o.draft_shared_computer),
            (false, None) => None,
            (false, Some(DraftNotice::Saved)) => element(&document, "p", "hint", o.autosaved),
            (false, Some(DraftNotice::OnPhone)) => {
                element(&document, "p", warning, o.draft_on_phone)
            }
            (false, Some(DraftNotice::NotKept)) => {
                element(&document, "p", warning, o.draft_not_kept)
            }
            (false, Some(DraftNotice::Synced(outcome))) if outcome.conflicts.is_empty() => {
                element(&document, "p", "notice notice--success", o.draft_sent)
            }
            (false, Some(DraftNotice::Synced(outcome))) => conflicts(&document, outcome),
        };
        if let Some(said) = said {
            let _ = status.append_with_node_1(&said);
        }
        if let Some((name, share)) = sending {
            let text = format!("{name}: {}", (a.uploading)(*share));
            let progress = "file-question__progress";
            if let Some(sent) = line(&document, progress, "", &text, Some(*share)) {
                let _ = status.append_with_node_1(&sent);
            }
        }
    }

    /// Both copies changed: which answers were kept, and, when the other copy's were, what
    /// this phone had typed.
    fn conflicts(document: &Document, outcome: &SyncOutcome) -> Option<Element> {
        let o = use_lang().offline();
        let labels = outcome
            .conflicts
            .iter()
            .map(|c| c.label.clone())
            .collect::<Vec<_>>()
            .join(", ");
        let notice = element(document, "div", "notice notice--warning", "")?;
        let said = match outcome.winner {
            Winner::Phone => (o.draft_phone_won)(&labels),
            Winner::Server => (o.draft_server_won)(&labels),
        };
        let said = element(document, "p", "", &said)?;
        notice.append_with_node_1(&said).ok()?;
        if outcome.winner == Winner::Server {
            let typed_here = element(document, "p", "", o.draft_typed_here)?;
            notice.append_with_node_1(&typed_here).ok()?;
            let list = element(document, "ul", "", "")?;
            for conflict in &outcome.conflicts {
                let item = element(document, "li", "", &format!("{}: ", conflict.label))?;
                let phone = element(document, "q", "", &conflict.phone)?;
                item.append_with_node_1(&phone).ok()?;
                list.append_with_node_1(&item).ok()?;
            }
            notice.append_with_node_1(&list).ok()?;
        }
        Some(notice)
    }
}

//! The words every form shares: the error summary's title and "(optional)". A group of its
//! own so that an island drawing a form (the passkey buttons) does not keep the whole
//! accounts group in the wasm.
//!
//! What each problem says is not in this group but behind `Lang::problem` (in `en/forms.rs`
//! and `sw/forms.rs`), which only the server calls: an island shows the words the server
//! wrote into the error (`FieldError::message`), so the wasm holds no table of problems.

pub struct FormStrings {
    pub error_summary_title: &'static str,
    pub optional: &'static str,
}

//! The words every form shares: the error summary's title, "(optional)", and what each
//! problem says. A group of its own so that an island drawing a form (the passkey buttons,
//! a file question's status line) does not keep the whole accounts group in the wasm.

use crate::problem::Problem;

pub struct FormStrings {
    pub error_summary_title: &'static str,
    pub problem: fn(Problem) -> String,
    pub optional: &'static str,
}

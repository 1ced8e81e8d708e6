//! The words of the passkey buttons (sign in, add, confirm it's you): the passkey islands'
//! own small table, so they do not keep the whole accounts group in the wasm.

pub struct PasskeyStrings {
    pub or: &'static str,
    pub passkey_sign_in: &'static str,
    pub passkey_sign_in_hint: &'static str,
    pub passkey_name_label: &'static str,
    pub passkey_name_hint: &'static str,
    pub passkey_add_button: &'static str,
    pub passkey_needs_js: &'static str,
    pub confirm_passkey_button: &'static str,
    /// Also what the server says for `Problem::PasskeyFailed` and `PasskeyNotAdded`.
    pub failed: &'static str,
    pub not_added: &'static str,
}

//! English: the passkey buttons.

use crate::i18n::passkeys::PasskeyStrings;

pub static EN_PASSKEYS: PasskeyStrings = PasskeyStrings {
    or: "or",
    passkey_sign_in: "Sign in with a passkey",
    passkey_sign_in_hint:
        "Use your fingerprint, face or screen lock instead of a password and code.",
    passkey_name_label: "Name for the new passkey",
    passkey_name_hint:
        "For example “My phone”. If you leave it empty we use the name of this browser and device.",
    passkey_add_button: "Add a passkey",
    passkey_needs_js:
        "To add a passkey, open this page in a browser that supports passkeys, with JavaScript on.",
    confirm_passkey_button: "Use a passkey",
    failed: "Your passkey could not be used. Try again, or sign in with your password.",
    not_added: "The passkey was not added. Try again; if it keeps failing, this browser or device may not support passkeys.",
};

//! Kiswahili: the passkey buttons.

use crate::i18n::passkeys::PasskeyStrings;

pub static SW_PASSKEYS: PasskeyStrings = PasskeyStrings {
    or: "au",
    passkey_sign_in: "Ingia kwa passkey",
    passkey_sign_in_hint: "Tumia alama ya kidole, uso au kufuli ya skrini badala ya nenosiri na nambari.",
    passkey_name_label: "Jina la passkey mpya",
    passkey_name_hint: "Kwa mfano “Simu yangu”. Ukiacha wazi tutatumia jina la kivinjari na kifaa hiki.",
    passkey_add_button: "Ongeza passkey",
    passkey_needs_js: "Ili kuongeza passkey, fungua ukurasa huu kwenye kivinjari kinachoweza kutumia passkey, JavaScript ikiwa imewashwa.",
    confirm_passkey_button: "Tumia passkey",
    failed: "Passkey yako haikuweza kutumika. Jaribu tena, au ingia kwa nenosiri lako.",
    not_added: "Passkey haikuongezwa. Jaribu tena; ikiendelea kushindwa, kivinjari au kifaa hiki huenda hakiwezi kutumia passkey.",
};

//! English and Kiswahili for every user-facing string.
//!
//! Each language is one `Strings` value (see `en.rs`, `sw.rs`): a missing translation is a
//! compile error, not a blank on a page, and both languages cost a few kilobytes of wasm.
//! The language comes from the `lang` cookie (set by `/language`), then the browser's
//! `Accept-Language`, then English. Switching language is a full page load, so `Lang` is a
//! plain value in context rather than a signal.

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod documents;
mod en;
pub mod forms;
pub mod help;
pub mod offline;
pub mod passkeys;
pub mod payments;
pub mod staff;
pub mod status;
mod strings;
mod sw;
pub mod tracking;
pub mod uploads;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
pub use strings::Strings;

/// The cookie that remembers a person's choice of language.
pub const LANG_COOKIE: &str = "lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    Sw,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Sw];

    /// Where this language's text sits in a pair kept in both (English first, as `ALL`).
    pub fn index(self) -> usize {
        self as usize
    }

    /// The BCP 47 code, as used in `<html lang>` and the cookie.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sw => "sw",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Lang::En),
            "sw" => Some(Lang::Sw),
            _ => None,
        }
    }

    /// The other language, offered by the switch in the header.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Sw,
            Lang::Sw => Lang::En,
        }
    }

    /// The language's name in itself ("English", "Kiswahili").
    pub fn endonym(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Sw => "Kiswahili",
        }
    }

    pub fn t(self) -> &'static Strings {
        match self {
            Lang::En => &en::EN,
            Lang::Sw => &sw::SW,
        }
    }

    // One accessor per group of strings. Code that runs in an island reads its strings
    // through these, never through `t()`: `t()` reaches the whole table of both languages,
    // which the linker then keeps in the island's wasm; a group's accessor keeps that group.

    pub fn accounts(self) -> &'static accounts::AccountStrings {
        match self {
            Lang::En => &en::accounts::EN_ACCOUNTS,
            Lang::Sw => &sw::accounts::SW_ACCOUNTS,
        }
    }

    /// What a problem says, in this language. For the server's drawing (and for the words it
    /// writes into an error an island will show): see `forms.rs` for why no island calls it.
    pub fn problem(self, problem: crate::problem::Problem) -> String {
        match self {
            Lang::En => en::forms::problem(problem),
            Lang::Sw => sw::forms::problem(problem),
        }
    }

    pub fn forms(self) -> &'static forms::FormStrings {
        match self {
            Lang::En => &en::forms::EN_FORMS,
            Lang::Sw => &sw::forms::SW_FORMS,
        }
    }

    pub fn passkeys(self) -> &'static passkeys::PasskeyStrings {
        match self {
            Lang::En => &en::passkeys::EN_PASSKEYS,
            Lang::Sw => &sw::passkeys::SW_PASSKEYS,
        }
    }

    pub fn applications(self) -> &'static applications::ApplicationStrings {
        match self {
            Lang::En => &en::applications::EN_APPLICATIONS,
            Lang::Sw => &sw::applications::SW_APPLICATIONS,
        }
    }

    pub fn payments(self) -> &'static payments::PaymentStrings {
        match self {
            Lang::En => &en::payments::EN_PAYMENTS,
            Lang::Sw => &sw::payments::SW_PAYMENTS,
        }
    }

    pub fn tracking(self) -> &'static tracking::TrackingStrings {
        match self {
            Lang::En => &en::tracking::EN_TRACKING,
            Lang::Sw => &sw::tracking::SW_TRACKING,
        }
    }

    pub fn staff(self) -> &'static staff::StaffStrings {
        match self {
            Lang::En => &en::staff::EN_STAFF,
            Lang::Sw => &sw::staff::SW_STAFF,
        }
    }

    pub fn admin(self) -> &'static admin::AdminStrings {
        match self {
            Lang::En => &en::admin::EN_ADMIN,
            Lang::Sw => &sw::admin::SW_ADMIN,
        }
    }

    pub fn uploads(self) -> &'static uploads::UploadStrings {
        match self {
            Lang::En => &en::uploads::EN_UPLOADS,
            Lang::Sw => &sw::uploads::SW_UPLOADS,
        }
    }

    pub fn offline(self) -> &'static offline::OfflineStrings {
        match self {
            Lang::En => &en::offline::EN_OFFLINE,
            Lang::Sw => &sw::offline::SW_OFFLINE,
        }
    }

    pub fn documents(self) -> &'static documents::DocumentStrings {
        match self {
            Lang::En => &en::documents::EN_DOCUMENTS,
            Lang::Sw => &sw::documents::SW_DOCUMENTS,
        }
    }

    pub fn status(self) -> &'static status::StatusStrings {
        match self {
            Lang::En => &en::status::EN_STATUS,
            Lang::Sw => &sw::status::SW_STATUS,
        }
    }

    pub fn help(self) -> &'static help::HelpStrings {
        match self {
            Lang::En => &en::help::EN_HELP,
            Lang::Sw => &sw::help::SW_HELP,
        }
    }

    /// Picks the first supported language from an `Accept-Language` header, honouring q.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(f32, Lang)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let tag = pieces.next().unwrap_or_default();
            let q = pieces
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if let Some(lang) = Lang::from_code(tag) {
                if q > 0.0 && best.is_none_or(|(b, _)| q > b) {
                    best = Some((q, lang));
                }
            }
        }
        best.map(|(_, lang)| lang)
    }

    /// The language a request asks for: the `lang` cookie, else `Accept-Language`, else
    /// English.
    #[cfg(feature = "ssr")]
    pub fn from_headers(headers: &http::HeaderMap) -> Lang {
        use http::header::{ACCEPT_LANGUAGE, COOKIE};
        let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
        header(COOKIE)
            .and_then(Lang::from_cookie_header)
            .or_else(|| header(ACCEPT_LANGUAGE).and_then(Lang::from_accept_language))
            .unwrap_or_default()
    }

    /// Picks the language from a `Cookie` header's `lang` value, if it names one.
    pub fn from_cookie_header(header: &str) -> Option<Lang> {
        crate::cookies::cookie_value(header, LANG_COOKIE).and_then(Lang::from_code)
    }
}

/// Works out the language of the current request (server) or page (browser).
pub fn detect_lang() -> Lang {
    #[cfg(feature = "ssr")]
    {
        if let Some(parts) = use_context::<http::request::Parts>() {
            return Lang::from_headers(&parts.headers);
        }
        Lang::default()
    }
    #[cfg(not(feature = "ssr"))]
    {
        // The server already chose; its choice is on <html lang>.
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|code| Lang::from_code(&code))
            .unwrap_or_default()
    }
}

/// Detects the language and puts it in context for every component below.
pub fn provide_lang() -> Lang {
    let lang = use_context::<Lang>().unwrap_or_else(detect_lang);
    provide_context(lang);
    lang
}

/// The language in context; in an island in the browser, where the server's context is
/// not, the page's own (`<html lang>`).
pub fn use_lang() -> Lang {
    use_context::<Lang>().unwrap_or_else(detect_lang)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("sw", Some(Lang::Sw))]
    #[case("sw-KE", Some(Lang::Sw))]
    #[case("en-GB,en;q=0.8", Some(Lang::En))]
    #[case("fr-FR, sw;q=0.9, en;q=0.5", Some(Lang::Sw))]
    #[case("en;q=0.2, sw;q=0.7", Some(Lang::Sw))]
    #[case("fr, de", None)]
    #[case("sw;q=0", None)]
    #[case("", None)]
    fn accept_language(#[case] header: &str, #[case] expected: Option<Lang>) {
        assert_eq!(Lang::from_accept_language(header), expected);
    }

    #[rstest]
    #[case("lang=sw", Some(Lang::Sw))]
    #[case("a=b; lang=en; c=d", Some(Lang::En))]
    #[case("lang=xx", None)]
    #[case("language=sw", None)]
    fn cookie(#[case] header: &str, #[case] expected: Option<Lang>) {
        assert_eq!(Lang::from_cookie_header(header), expected);
    }
}

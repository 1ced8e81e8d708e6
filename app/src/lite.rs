//! Lite mode: pages come without the wasm and the script that loads it, as plain
//! server-rendered HTML and forms, to save data on slow or costly connections. On when the
//! person chose it (`lite` cookie, set by `/lite?on=1`) or, unless they chose otherwise,
//! when the browser sends `Save-Data: on`. (Leptos still inlines the pages' resource data
//! for hydration; leaving it out of lite pages is part of the low-bandwidth work.)

use leptos::prelude::*;

/// The cookie that remembers an explicit choice: `1` on, `0` off.
pub const LITE_COOKIE: &str = "lite";

/// Whether lite mode applies, from the request's `Cookie` and `Save-Data` headers.
pub fn lite_from_headers(cookie: Option<&str>, save_data: Option<&str>) -> bool {
    if let Some(choice) = cookie.and_then(|c| crate::cookies::cookie_value(c, LITE_COOKIE)) {
        return choice == "1";
    }
    save_data.is_some_and(|v| v.trim().eq_ignore_ascii_case("on"))
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct LiteMode(bool);

/// Works out lite mode for this request and puts it in context. In the browser it is
/// always off: a lite page never hydrates.
pub fn provide_lite() -> bool {
    #[cfg(feature = "ssr")]
    let lite = use_context::<http::request::Parts>().is_some_and(|parts| {
        let header = |name: &str| parts.headers.get(name).and_then(|v| v.to_str().ok());
        lite_from_headers(header("cookie"), header("save-data"))
    });
    #[cfg(not(feature = "ssr"))]
    let lite = false;
    provide_context(LiteMode(lite));
    lite
}

pub fn use_lite() -> bool {
    use_context::<LiteMode>().unwrap_or_default().0
}

#[cfg(test)]
mod tests {
    use super::lite_from_headers;
    use rstest::rstest;

    #[rstest]
    #[case(None, None, false)]
    #[case(None, Some("on"), true)]
    #[case(None, Some("off"), false)]
    #[case(Some("lite=1"), None, true)]
    #[case(Some("lite=0"), Some("on"), false)]
    #[case(Some("lang=sw; lite=1"), Some("off"), true)]
    fn decides(
        #[case] cookie: Option<&str>,
        #[case] save_data: Option<&str>,
        #[case] expected: bool,
    ) {
        assert_eq!(lite_from_headers(cookie, save_data), expected);
    }
}

//! Paths: checks on those that come from a request (`next=` after sign-in, confirming it's you, a
//! language or lite-mode switch, the back office's "back to the queue").
//!
//! A path is followed only when it cannot leave the site in any browser. Browsers are
//! forgiving in ways an attacker uses: they drop tabs and newlines (`/\t/evil.example` is
//! `//evil.example`), read `\` as `/`, fold dot segments (`/.//evil.example`), and some
//! servers and proxies decode `%2F`, `%5C` or `%09` before passing a path on. So the rules
//! are strict rather than clever: printable ASCII only, one leading slash, and the same
//! again once percent-decoded; on the server the `url` crate then resolves the path against
//! the site and the origin must not change.

/// "Confirm it's you", coming back to `next` once done (`auth::recent`).
pub const CONFIRM: &str = "/account/confirm";

/// The address of "Confirm it's you" that comes back to `next`.
pub fn confirm_then(next: &str) -> String {
    format!(
        "{CONFIRM}?next={}",
        leptos_router::location::Url::escape(next)
    )
}

/// The longest path followed (a browser's own limits are far above any page of ours).
const MAX_LEN: usize = 2048;
/// How many layers of percent-encoding are undone before giving up (`%252F` is two).
const DECODE_ROUNDS: usize = 3;

/// Returns the path if it stays on this site (see the module's rules), else `None`.
pub fn local_path(next: &str) -> Option<&str> {
    (shape_is_local(next) && resolves_on_site(next)).then_some(next)
}

/// The character and shape rules, shared by the server and the browser.
fn shape_is_local(next: &str) -> bool {
    // Printable ASCII only: no whitespace or control characters (which browsers strip),
    // and no non-ASCII (fullwidth or division slashes, an ideographic full stop, and
    // other look-alikes). Links of ours are percent-encoded, so they never need any.
    if next.len() > MAX_LEN || !next.bytes().all(|b| b.is_ascii_graphic() && b != b'\\') {
        return false;
    }
    if !next.starts_with('/') || next.starts_with("//") {
        return false;
    }
    let (path, rest) = next.split_at(next.find(['?', '#']).unwrap_or(next.len()));
    let Some(path) = fully_decoded(path) else {
        return false;
    };
    let path_ok = path.iter().all(|b| b.is_ascii_graphic() && *b != b'\\')
        && !path.starts_with(b"//")
        && !path.split(|b| *b == b'/').any(|s| s == b"." || s == b"..");
    // The query may carry any text (a search in Kiswahili), but no control characters.
    let rest_ok = fully_decoded(rest).is_some_and(|r| r.iter().all(|b| *b >= 0x20 && *b != 0x7f));
    path_ok && rest_ok
}

/// `text` with its percent-encoding undone, layer after layer; `None` when it is encoded
/// more deeply than anyone but an attacker would.
fn fully_decoded(text: &str) -> Option<Vec<u8>> {
    let mut current = text.as_bytes().to_vec();
    for _ in 0..DECODE_ROUNDS {
        let next = decode_once(&current);
        if next == current {
            return Some(current);
        }
        current = next;
    }
    (decode_once(&current) == current).then_some(current)
}

fn decode_once(bytes: &[u8]) -> Vec<u8> {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push(high * 16 + low);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// On the server, the path resolved against the site by a real URL parser (the WHATWG
/// rules browsers follow) must keep the site's origin and a single leading slash.
#[cfg(feature = "ssr")]
fn resolves_on_site(next: &str) -> bool {
    use std::sync::LazyLock;
    static SITE: LazyLock<Option<url::Url>> =
        LazyLock::new(|| url::Url::parse("https://uraia.invalid/").ok());
    let Some(site) = SITE.as_ref() else {
        return false;
    };
    site.join(next)
        .is_ok_and(|url| url.origin() == site.origin() && !url.path().starts_with("//"))
}

/// The browser build leaves the URL parser out (it would grow the wasm): there the path
/// only decides what a form carries, and the server checks it again before following it.
#[cfg(not(feature = "ssr"))]
fn resolves_on_site(_next: &str) -> bool {
    true
}

/// Sends the person to `path` once a server function has done its work: a redirect for a
/// plain form post, followed by the page's script where one posted it.
#[cfg(feature = "ssr")]
pub fn go(path: &str) {
    leptos_axum::redirect(path);
}

/// `path` with a query of the non-empty `pairs`, each value percent-encoded: links that
/// keep a list's filters while moving to another page.
pub fn with_query(path: &str, pairs: &[(&str, &str)]) -> String {
    let query: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", percent_encode(v)))
        .collect();
    if query.is_empty() {
        path.to_string()
    } else {
        format!("{path}?{}", query.join("&"))
    }
}

/// Percent-encodes a query value: everything but unreserved characters.
fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::local_path;
    use rstest::rstest;

    #[rstest]
    #[case::page("/services/x")]
    #[case::query("/search?q=a%20b")]
    #[case::plus_in_query("/search?q=a+b")]
    #[case::kiswahili_query("/search?q=cheti%20cha%20kuzaliwa")]
    #[case::encoded_non_ascii_query("/search?q=%C3%A9%E2%80%99")]
    #[case::encoded_slash_in_query("/search?q=a%2Fb")]
    #[case::percent_sign_in_query("/search?q=100%25")]
    #[case::fragment("/help#payments")]
    #[case::root("/")]
    #[case::staff_queue("/staff?status=submitted&sort=due")]
    #[case::apply("/apply/passport-renewal")]
    fn keeps_paths_of_the_site(#[case] next: &str) {
        assert_eq!(local_path(next), Some(next));
    }

    #[rstest]
    #[case::empty("")]
    #[case::relative("services/x")]
    #[case::protocol_relative("//evil.example")]
    #[case::triple_slash("///evil.example")]
    #[case::absolute("https://evil.example")]
    #[case::javascript("javascript:alert(1)")]
    #[case::backslash("/\\evil.example")]
    #[case::backslash_later("/x\\..\\..\\evil.example")]
    #[case::tab("/\t/evil.example")]
    #[case::newline("/\n/evil.example")]
    #[case::carriage_return("/\r/evil.example")]
    #[case::space("/ /evil.example")]
    #[case::nul("/\0/evil.example")]
    #[case::encoded_tab("/%09/evil.example")]
    #[case::encoded_newline("/%0a/evil.example")]
    #[case::encoded_carriage_return("/%0D/evil.example")]
    #[case::encoded_backslash("/%5Cevil.example")]
    #[case::encoded_backslash_lower("/%5cevil.example")]
    #[case::encoded_slashes("/%2F%2Fevil.example")]
    #[case::encoded_slash_after_slash("/%2Fevil.example")]
    #[case::double_encoded_slashes("/%252F%252Fevil.example")]
    #[case::deeply_encoded("/%2525252Fevil.example")]
    #[case::dot_then_slashes("/.//evil.example")]
    #[case::dot_then_backslash("/./\\evil.example")]
    #[case::dot_dot("/../evil.example")]
    #[case::encoded_dot_dot("/%2e%2e/%2e%2e/evil.example")]
    #[case::encoded_dot_slashes("/%2e//evil.example")]
    #[case::fullwidth_solidus("/\u{FF0F}evil.example")]
    #[case::fullwidth_solidus_leading("\u{FF0F}\u{FF0F}evil.example")]
    #[case::division_slash("/\u{2215}evil.example")]
    #[case::fraction_slash("/\u{2044}evil.example")]
    #[case::fullwidth_reverse_solidus("/\u{FF3C}evil.example")]
    #[case::ideographic_full_stop("//evil\u{3002}example")]
    #[case::non_ascii_path("/servi\u{E7}es")]
    #[case::encoded_fullwidth_solidus("/%EF%BC%8F%EF%BC%8Fevil.example")]
    #[case::zero_width_space("/\u{200B}/evil.example")]
    #[case::encoded_control_in_query("/search?q=%0d%0aSet-Cookie:x")]
    #[case::delete_in_query("/search?q=%7f")]
    #[case::too_long(&format!("/{}", "a".repeat(3000)))]
    fn refuses_paths_that_could_leave(#[case] next: &str) {
        assert_eq!(local_path(next), None, "{next:?}");
    }
}

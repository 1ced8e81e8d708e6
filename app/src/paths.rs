//! Checks on paths that come from a request (`next=` after sign-in or a language switch).

/// Returns the path if it stays on this site: it starts with one `/` and has no backslash
/// (browsers treat `/\host` like `//host`). Anything else could send the person elsewhere.
pub fn local_path(next: &str) -> Option<&str> {
    (next.starts_with('/') && !next.starts_with("//") && !next.contains('\\')).then_some(next)
}

#[cfg(test)]
mod tests {
    use super::local_path;
    use rstest::rstest;

    #[rstest]
    #[case("/services/x", Some("/services/x"))]
    #[case("/search?q=a%20b", Some("/search?q=a%20b"))]
    #[case("//evil.example", None)]
    #[case("https://evil.example", None)]
    #[case("/\\evil.example", None)]
    #[case("", None)]
    fn stays_local(#[case] next: &str, #[case] expected: Option<&str>) {
        assert_eq!(local_path(next), expected);
    }
}

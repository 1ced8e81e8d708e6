//! Reading one value out of a `Cookie` request header.

/// The value of cookie `name` in a `Cookie` header (`a=1; b=2`), if present.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (key, value) = pair.trim().split_once('=')?;
        (key == name).then_some(value)
    })
}

#[cfg(test)]
mod tests {
    use super::cookie_value;

    #[test]
    fn finds_the_named_cookie_only() {
        assert_eq!(cookie_value("a=1; lite=1; b=2", "lite"), Some("1"));
        assert_eq!(cookie_value("lite=0", "lite"), Some("0"));
        assert_eq!(cookie_value("polite=1", "lite"), None);
        assert_eq!(cookie_value("", "lite"), None);
    }
}

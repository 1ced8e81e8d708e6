//! Checks on what administrators type, each giving the cleaned value or a [`Problem`]
//! shown beside the field.

use crate::problem::Problem;

/// A required line of text, trimmed, at most `max` characters.
pub fn text(value: &str, max: u32) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Problem::Required);
    }
    if value.chars().count() > max as usize {
        return Err(Problem::TooLong { max });
    }
    Ok(value.to_string())
}

/// An optional line: None when left empty.
pub fn optional<T>(
    value: &str,
    check: impl Fn(&str) -> Result<T, Problem>,
) -> Result<Option<T>, Problem> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        check(value).map(Some)
    }
}

/// The address part of a page's URL: lower-case letters, digits and dashes.
pub fn slug(value: &str) -> Result<String, Problem> {
    let value = value.trim().to_lowercase();
    if value.is_empty() {
        return Err(Problem::Required);
    }
    let ok = (2..=60).contains(&value.len())
        && value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !value.starts_with('-')
        && !value.ends_with('-')
        && !value.contains("--");
    if ok {
        Ok(value)
    } else {
        Err(Problem::SlugInvalid)
    }
}

/// A web address people can open: https, with a dotted host and no spaces.
pub fn website(value: &str) -> Result<String, Problem> {
    let value = value.trim();
    let host = value
        .strip_prefix("https://")
        .map(|rest| rest.split(['/', '?', '#']).next().unwrap_or_default());
    match host {
        Some(host)
            if host.contains('.')
                && value.len() <= 200
                && !value.chars().any(char::is_whitespace)
                && host
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-') =>
        {
            Ok(value.to_string())
        }
        _ => Err(Problem::UrlInvalid),
    }
}

/// A phone number as people dial it (kept as typed, spaces tidied).
pub fn phone(value: &str) -> Result<String, Problem> {
    crate::validate::phone_shape(value)?;
    Ok(value.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// A whole number between `min` and `max`.
pub fn number(value: &str, min: i64, max: i64) -> Result<i64, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Problem::Required);
    }
    let n: i64 = value.parse().map_err(|_| Problem::NumberInvalid)?;
    if n < min {
        Err(Problem::NumberTooSmall { min })
    } else if n > max {
        Err(Problem::NumberTooLarge { max })
    } else {
        Ok(n)
    }
}

/// Shillings as typed ("1,050", "1050.5", "KES 1050.50") in cents.
pub fn shillings(value: &str) -> Result<i64, Problem> {
    let cleaned: String = value
        .trim()
        .trim_start_matches("KES")
        .trim_start_matches("KSh")
        .chars()
        .filter(|c| *c != ',' && !c.is_whitespace())
        .collect();
    if cleaned.is_empty() {
        return Err(Problem::Required);
    }
    let (whole, part) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() || !digits(whole) || !digits(part) || part.len() > 2 || whole.len() > 9 {
        return Err(Problem::NumberInvalid);
    }
    let cents = format!("{part:0<2}");
    Ok(
        whole.parse::<i64>().map_err(|_| Problem::NumberInvalid)? * 100
            + cents.parse::<i64>().unwrap_or(0),
    )
}

/// Cents as an administrator edits them: whole shillings without decimals.
pub fn shillings_text(cents: i64) -> String {
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{}.{:02}", cents / 100, cents % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_words_joined_by_dashes() {
        assert_eq!(slug(" Kenya-Ports ").unwrap(), "kenya-ports");
        assert_eq!(slug("a"), Err(Problem::SlugInvalid));
        assert_eq!(slug("no spaces"), Err(Problem::SlugInvalid));
        assert_eq!(slug("-edge"), Err(Problem::SlugInvalid));
        assert_eq!(slug("two--dashes"), Err(Problem::SlugInvalid));
        assert_eq!(slug(""), Err(Problem::Required));
    }

    #[test]
    fn websites_must_be_https_with_a_host() {
        assert!(website("https://www.kpa.co.ke/services").is_ok());
        assert_eq!(website("http://kpa.co.ke"), Err(Problem::UrlInvalid));
        assert_eq!(website("https://localhost"), Err(Problem::UrlInvalid));
        assert_eq!(website("https://kpa.co.ke/a b"), Err(Problem::UrlInvalid));
        assert_eq!(website("javascript:alert(1)"), Err(Problem::UrlInvalid));
    }

    #[test]
    fn shillings_read_as_people_type_them() {
        assert_eq!(shillings("1,050"), Ok(105_000));
        assert_eq!(shillings("1050.5"), Ok(105_050));
        assert_eq!(shillings("KES 0.05"), Ok(5));
        assert_eq!(shillings("0"), Ok(0));
        assert_eq!(shillings("-3"), Err(Problem::NumberInvalid));
        assert_eq!(shillings("1.005"), Err(Problem::NumberInvalid));
        assert_eq!(shillings(""), Err(Problem::Required));
        assert_eq!(shillings_text(105_000), "1050");
        assert_eq!(shillings_text(105_050), "1050.50");
    }

    #[test]
    fn numbers_have_bounds() {
        assert_eq!(number("7", 1, 365), Ok(7));
        assert_eq!(number("0", 1, 365), Err(Problem::NumberTooSmall { min: 1 }));
        assert_eq!(
            number("400", 1, 365),
            Err(Problem::NumberTooLarge { max: 365 })
        );
        assert_eq!(number("seven", 1, 365), Err(Problem::NumberInvalid));
    }
}

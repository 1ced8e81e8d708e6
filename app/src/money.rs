//! Money is integer cents with its currency; this formats it for people.

/// Formats KES cents as "KES 4,550" (or "KES 4,550.50" when there are cents).
pub fn format_kes(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    let shillings = group_thousands(cents / 100);
    match cents % 100 {
        0 => format!("{sign}KES {shillings}"),
        c => format!("{sign}KES {shillings}.{c:02}"),
    }
}

/// A whole number with commas between thousands: 20,000.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::format_kes;
    use rstest::rstest;

    #[rstest]
    #[case(0, "KES 0")]
    #[case(5000, "KES 50")]
    #[case(455000, "KES 4,550")]
    #[case(100_000_000, "KES 1,000,000")]
    #[case(95050, "KES 950.50")]
    #[case(5, "KES 0.05")]
    #[case(-5000, "-KES 50")]
    fn formats(#[case] cents: i64, #[case] expected: &str) {
        assert_eq!(format_kes(cents), expected);
    }
}

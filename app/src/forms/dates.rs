//! Date ranges in form definitions, the same in the server and the browser. The caller
//! passes "today" (the server's clock in Nairobi, or the browser's), so a rule gives the
//! same answer on both sides of the wire.
//!
//! A bound is an ISO date (`2000-01-01`), `today`, or `today` with an offset in days,
//! months or years (`today-18y`, `today+6m`, `today+30d`).

use chrono::{Days, Months, NaiveDate};

/// `YYYY-MM-DD` (the value of an `<input type="date">`), a real date with a 4-digit year.
pub fn parse(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    let year_digits = text.split('-').next()?.len();
    (year_digits == 4)
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

/// A bound of a date range: fixed, or relative to the day the form is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    On(NaiveDate),
    /// Today moved by this many months (years are 12), then days.
    Today {
        months: i32,
        days: i64,
    },
}

impl Bound {
    pub fn parse(text: &str) -> Option<Bound> {
        let text = text.trim();
        let Some(rest) = text.strip_prefix("today") else {
            return parse(text).map(Bound::On);
        };
        if rest.is_empty() {
            return Some(Bound::Today { months: 0, days: 0 });
        }
        let sign = match rest.as_bytes()[0] {
            b'+' => 1,
            b'-' => -1,
            _ => return None,
        };
        let rest = &rest[1..];
        let (number, unit) = rest.split_at(rest.len().checked_sub(1)?);
        let n: i64 = number.parse().ok()?;
        let n = sign * n;
        match unit {
            "d" => Some(Bound::Today { months: 0, days: n }),
            "m" => Some(Bound::Today {
                months: i32::try_from(n).ok()?,
                days: 0,
            }),
            "y" => Some(Bound::Today {
                months: i32::try_from(n.checked_mul(12)?).ok()?,
                days: 0,
            }),
            _ => None,
        }
    }

    /// The date this bound means on `today`. Month arithmetic clamps the day to the month's
    /// length (31 January + 1 month = the end of February).
    pub fn resolve(self, today: NaiveDate) -> NaiveDate {
        match self {
            Bound::On(date) => date,
            Bound::Today { months, days } => {
                let moved = if months >= 0 {
                    today.checked_add_months(Months::new(months as u32))
                } else {
                    today.checked_sub_months(Months::new(months.unsigned_abs()))
                };
                let moved = moved.unwrap_or(today);
                let moved = if days >= 0 {
                    moved.checked_add_days(Days::new(days as u64))
                } else {
                    moved.checked_sub_days(Days::new(days.unsigned_abs()))
                };
                moved.unwrap_or(today)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn d(text: &str) -> NaiveDate {
        parse(text).unwrap()
    }

    #[rstest]
    #[case("2026-02-29", false)]
    #[case("2024-02-29", true)]
    #[case("2026-13-01", false)]
    #[case("2026-04-31", false)]
    #[case("26-04-01", false)]
    #[case("2026-04-01", true)]
    #[case("", false)]
    #[case("tomorrow", false)]
    fn parses_real_dates_only(#[case] text: &str, #[case] ok: bool) {
        assert_eq!(parse(text).is_some(), ok, "{text}");
    }

    #[rstest]
    #[case("today", "2026-11-22")]
    #[case("today-18y", "2008-11-22")]
    #[case("today+6m", "2027-05-22")]
    #[case("today+30d", "2026-12-22")]
    #[case("today-1d", "2026-11-21")]
    #[case("1900-01-01", "1900-01-01")]
    fn bounds_resolve_against_today(#[case] bound: &str, #[case] expected: &str) {
        let today = d("2026-11-22");
        assert_eq!(Bound::parse(bound).unwrap().resolve(today), d(expected));
    }

    #[test]
    fn month_offsets_clamp_to_the_end_of_the_month() {
        let bound = Bound::parse("today+1m").unwrap();
        assert_eq!(bound.resolve(d("2026-01-31")), d("2026-02-28"));
        assert_eq!(bound.resolve(d("2024-01-31")), d("2024-02-29"));
    }

    #[rstest]
    #[case("today*2")]
    #[case("today+")]
    #[case("today+3w")]
    #[case("today+x1d")]
    #[case("yesterday")]
    fn refuses_unknown_bounds(#[case] bound: &str) {
        assert!(Bound::parse(bound).is_none());
    }
}

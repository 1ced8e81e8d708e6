//! Checks on what people type, shared by the server (the authority) and the hydrated
//! browser (instant feedback as they type). Each returns the cleaned value or a [`Problem`].
//! Server-only checks that need big libraries (phone numbering plans, password dictionaries)
//! live in `auth::` and run after these.

use crate::model::AccountType;
use crate::problem::Problem;

pub const PASSWORD_MIN: usize = 8;
/// Long passphrases are welcome; this only stops absurd input.
pub const PASSWORD_MAX: usize = 128;
pub const NAME_MAX: usize = 60;
pub const EMAIL_MAX: usize = 254;

fn required(value: &str) -> Result<&str, Problem> {
    let value = value.trim();
    if value.is_empty() {
        Err(Problem::Required)
    } else {
        Ok(value)
    }
}

/// A plausible email address, lower-cased. Deliverability is proven by the code we send.
pub fn email(value: &str) -> Result<String, Problem> {
    let value = required(value)?.to_lowercase();
    if value.chars().count() > EMAIL_MAX {
        return Err(Problem::TooLong {
            max: EMAIL_MAX as u32,
        });
    }
    let (local, domain) = value.rsplit_once('@').ok_or(Problem::EmailInvalid)?;
    let domain_ok = domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let local_ok =
        !local.is_empty() && !local.contains('@') && !local.chars().any(char::is_whitespace);
    if domain_ok && local_ok {
        Ok(value)
    } else {
        Err(Problem::EmailInvalid)
    }
}

/// The shape of a phone number (digits, spaces, one leading +). The server then checks the
/// number against the numbering plan and stores it in E.164.
pub fn phone_shape(value: &str) -> Result<String, Problem> {
    let value = required(value)?;
    let digits: String = value
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '(' | ')'))
        .collect();
    let body = digits.strip_prefix('+').unwrap_or(&digits);
    if (9..=15).contains(&body.len()) && body.chars().all(|c| c.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(Problem::PhoneInvalid)
    }
}

/// Length only: no composition rules (NIST SP 800-63B). Guessability is checked on the server.
pub fn password_length(value: &str) -> Result<(), Problem> {
    let count = value.chars().count();
    if count == 0 {
        Err(Problem::Required)
    } else if count < PASSWORD_MIN {
        Err(Problem::PasswordTooShort {
            min: PASSWORD_MIN as u32,
        })
    } else if count > PASSWORD_MAX {
        Err(Problem::PasswordTooLong {
            max: PASSWORD_MAX as u32,
        })
    } else {
        Ok(())
    }
}

/// An identity number as stored: upper case, without the spaces and dashes people type.
pub fn id_number_form(value: &str) -> String {
    value
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .flat_map(char::to_uppercase)
        .collect()
}

/// An identity document number for an account type, in its stored form (`id_number_form`).
pub fn id_number(account_type: AccountType, value: &str) -> Result<String, Problem> {
    let value = id_number_form(required(value)?);
    let digits = value.chars().all(|c| c.is_ascii_digit());
    let alphanumeric = value.chars().all(|c| c.is_ascii_alphanumeric());
    let ok = match account_type {
        // National ID (up to 8 digits) and Maisha Namba (9).
        AccountType::Citizen => digits && (6..=9).contains(&value.len()),
        AccountType::Resident | AccountType::Refugee => digits && (6..=10).contains(&value.len()),
        AccountType::Diplomat => alphanumeric && (4..=12).contains(&value.len()),
        AccountType::Foreigner => {
            alphanumeric
                && (5..=12).contains(&value.len())
                && value.chars().any(|c| c.is_ascii_digit())
        }
    };
    if ok {
        Ok(value)
    } else {
        Err(Problem::IdNumberInvalid)
    }
}

/// A name as written on an identity document: letters, spaces, hyphens and apostrophes.
pub fn name(value: &str) -> Result<String, Problem> {
    let value = required(value)?;
    if value.chars().count() > NAME_MAX {
        return Err(Problem::TooLong {
            max: NAME_MAX as u32,
        });
    }
    let collapsed = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed
        .chars()
        .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
        && collapsed.chars().any(char::is_alphabetic)
    {
        Ok(collapsed)
    } else {
        Err(Problem::NameInvalid)
    }
}

/// An optional name: empty is fine.
pub fn optional_name(value: &str) -> Result<Option<String>, Problem> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        name(value).map(Some)
    }
}

/// A four-digit year of birth between 1900 and `this_year`.
pub fn year_of_birth(value: &str, this_year: i32) -> Result<i32, Problem> {
    let value = required(value)?;
    match value.parse::<i32>() {
        Ok(year) if value.len() == 4 && (1900..=this_year).contains(&year) => Ok(year),
        _ => Err(Problem::YearInvalid),
    }
}

/// A date as `YYYY-MM-DD` (what `<input type=date>` sends), between 1900 and `this_year`.
/// Returns (year, month, day).
pub fn date(value: &str, this_year: i32) -> Result<(i32, u32, u32), Problem> {
    let value = required(value)?;
    let mut parts = value.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return Err(Problem::DateInvalid);
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(Problem::DateInvalid);
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(Problem::DateInvalid),
    };
    if (1900..=this_year).contains(&y) && (1..=days).contains(&d) {
        Ok((y, m, d))
    } else {
        Err(Problem::DateInvalid)
    }
}

/// A six-digit one-time code; spaces people type between groups are ignored.
pub fn code(value: &str) -> Result<String, Problem> {
    let value: String = required(value)?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if value.len() == 6 && value.chars().all(|c| c.is_ascii_digit()) {
        Ok(value)
    } else {
        Err(Problem::CodeFormat)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Wanjiku@Example.com ", Ok("wanjiku@example.com".to_string()))]
    #[case("a.b+c@mail.co.ke", Ok("a.b+c@mail.co.ke".to_string()))]
    #[case("", Err(Problem::Required))]
    #[case("no-at-sign", Err(Problem::EmailInvalid))]
    #[case("a@b", Err(Problem::EmailInvalid))]
    #[case("a@@b.com", Err(Problem::EmailInvalid))]
    #[case("a b@c.com", Err(Problem::EmailInvalid))]
    #[case("a@b..com", Err(Problem::EmailInvalid))]
    fn emails(#[case] input: &str, #[case] expected: Result<String, Problem>) {
        assert_eq!(email(input), expected);
    }

    #[rstest]
    #[case("0712 345 678", true)]
    #[case("+254712345678", true)]
    #[case("0112345678", true)]
    #[case("+44 20 7946 0958", true)]
    #[case("12345", false)]
    #[case("07123abc78", false)]
    #[case("", false)]
    fn phone_shapes(#[case] input: &str, #[case] ok: bool) {
        assert_eq!(phone_shape(input).is_ok(), ok, "{input}");
    }

    #[rstest]
    #[case("", Err(Problem::Required))]
    #[case("short", Err(Problem::PasswordTooShort { min: 8 }))]
    #[case("eightchr", Ok(()))]
    #[case("a long passphrase with spaces is fine", Ok(()))]
    fn password_lengths(#[case] input: &str, #[case] expected: Result<(), Problem>) {
        assert_eq!(password_length(input), expected);
    }

    #[test]
    fn password_too_long() {
        assert_eq!(
            password_length(&"x".repeat(129)),
            Err(Problem::PasswordTooLong { max: 128 })
        );
    }

    #[rstest]
    #[case(AccountType::Citizen, "12 345 678", Ok("12345678"))]
    #[case(AccountType::Citizen, "1234A678", Err(Problem::IdNumberInvalid))]
    #[case(AccountType::Citizen, "12345", Err(Problem::IdNumberInvalid))]
    #[case(AccountType::Resident, "200123456", Ok("200123456"))]
    #[case(AccountType::Refugee, "8123-4567", Ok("81234567"))]
    #[case(AccountType::Diplomat, "dpl-0042", Ok("DPL0042"))]
    #[case(AccountType::Foreigner, "c01x00t47", Ok("C01X00T47"))]
    #[case(AccountType::Foreigner, "ABCDEFG", Err(Problem::IdNumberInvalid))]
    #[case(AccountType::Foreigner, "", Err(Problem::Required))]
    fn id_numbers(
        #[case] account_type: AccountType,
        #[case] input: &str,
        #[case] expected: Result<&str, Problem>,
    ) {
        assert_eq!(id_number(account_type, input), expected.map(str::to_string));
    }

    #[rstest]
    #[case("  Wanjiku   Njeri ", Ok("Wanjiku Njeri"))]
    #[case("O'Brien-Smith", Ok("O'Brien-Smith"))]
    #[case("Abdulkadir", Ok("Abdulkadir"))]
    #[case("R2D2", Err(Problem::NameInvalid))]
    #[case("--", Err(Problem::NameInvalid))]
    #[case("", Err(Problem::Required))]
    fn names(#[case] input: &str, #[case] expected: Result<&str, Problem>) {
        assert_eq!(name(input), expected.map(str::to_string));
    }

    #[rstest]
    #[case("1990", Ok(1990))]
    #[case("1899", Err(Problem::YearInvalid))]
    #[case("2027", Err(Problem::YearInvalid))]
    #[case("90", Err(Problem::YearInvalid))]
    #[case("", Err(Problem::Required))]
    fn years(#[case] input: &str, #[case] expected: Result<i32, Problem>) {
        assert_eq!(year_of_birth(input, 2026), expected);
    }

    #[rstest]
    #[case("1990-02-28", Ok((1990, 2, 28)))]
    #[case("2000-02-29", Ok((2000, 2, 29)))]
    #[case("1900-02-29", Err(Problem::DateInvalid))]
    #[case("1990-13-01", Err(Problem::DateInvalid))]
    #[case("1990-04-31", Err(Problem::DateInvalid))]
    #[case("28/02/1990", Err(Problem::DateInvalid))]
    fn dates(#[case] input: &str, #[case] expected: Result<(i32, u32, u32), Problem>) {
        assert_eq!(date(input, 2026), expected);
    }

    #[rstest]
    #[case("123 456", Ok("123456"))]
    #[case("12345", Err(Problem::CodeFormat))]
    #[case("12345a", Err(Problem::CodeFormat))]
    fn codes(#[case] input: &str, #[case] expected: Result<&str, Problem>) {
        assert_eq!(code(input), expected.map(str::to_string));
    }
}

//! Mobile numbers: checked against the numbering plan (libphonenumber's data) and stored
//! in E.164. Kenyan numbers may be typed as 07.., 01.., 254.. or +254..; others need their
//! country code.

use crate::problem::Problem;
use phonenumber::{country, Mode};

/// The number in E.164 (`+254712345678`), or why it is not a usable mobile number.
pub fn normalise(value: &str) -> Result<String, Problem> {
    let shaped = crate::validate::phone_shape(value)?;
    // "2547..." without the plus is common in Kenya.
    let shaped = if shaped.starts_with("254") && shaped.len() == 12 {
        format!("+{shaped}")
    } else {
        shaped
    };
    let number =
        phonenumber::parse(Some(country::Id::KE), &shaped).map_err(|_| Problem::PhoneInvalid)?;
    if !phonenumber::is_valid(&number) {
        return Err(Problem::PhoneInvalid);
    }
    Ok(number.format().mode(Mode::E164).to_string())
}

/// A number shown with most digits hidden ("+254 7•• ••• 678"), for "we sent a code to".
pub fn masked(e164: &str) -> String {
    let chars: Vec<char> = e164.chars().collect();
    let n = chars.len();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| if i >= 5 && i + 3 < n { '•' } else { *c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("0712 345 678", Ok("+254712345678"))]
    #[case("0112345678", Ok("+254112345678"))]
    #[case("+254 712 345678", Ok("+254712345678"))]
    #[case("254712345678", Ok("+254712345678"))]
    #[case("+44 7911 123456", Ok("+447911123456"))]
    #[case("0812345678", Err(Problem::PhoneInvalid))]
    #[case("071234567", Err(Problem::PhoneInvalid))]
    #[case("hello", Err(Problem::PhoneInvalid))]
    #[case("", Err(Problem::Required))]
    fn normalises(#[case] input: &str, #[case] expected: Result<&str, Problem>) {
        assert_eq!(normalise(input), expected.map(str::to_string));
    }

    #[test]
    fn masks() {
        assert_eq!(masked("+254712345678"), "+2547•••••678");
    }
}

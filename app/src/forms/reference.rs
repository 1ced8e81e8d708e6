//! Application reference numbers: `PPR-2026-7K3M-9QX2U` — the service's prefix, the year,
//! eight random characters (40 bits: hard to guess) and a check character, in Crockford's
//! base 32 (no I, L, O or U, so nothing reads as something else over the phone; typed
//! I/L/O are taken as 1/1/0). The check character (Luhn mod 32 over year and code) catches
//! every single mistyped character and every swap of two neighbours but one pair in 1024.

use serde::{Deserialize, Serialize};

const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LEN: usize = 8;

#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Reference {
    /// 2–4 capital letters naming the service (from the catalogue).
    pub prefix: String,
    pub year: u16,
    /// Eight characters of Crockford base 32.
    pub code: String,
}

/// Why a typed reference is not one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReferenceError {
    /// Not the shape of a reference at all.
    Shape,
    /// The shape is right but a character is wrong (the check character says so).
    Typo,
}

fn value(c: char) -> Option<u32> {
    let c = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        c => c,
    };
    ALPHABET
        .iter()
        .position(|&a| a as char == c)
        .map(|p| p as u32)
}

/// Luhn mod 32: the sum that a valid sequence (with its check value last) makes divisible.
fn luhn_sum(values: impl DoubleEndedIterator<Item = u32>, double_first: bool) -> u32 {
    let mut double = double_first;
    let mut sum = 0;
    for v in values.rev() {
        let mut addend = if double { v * 2 } else { v };
        addend = addend / 32 + addend % 32;
        sum += addend;
        double = !double;
    }
    sum % 32
}

fn check_value(values: &[u32]) -> u32 {
    (32 - luhn_sum(values.iter().copied(), true)) % 32
}

impl Reference {
    /// A new reference with a random code; `random` gives 40 random bits.
    pub fn new(prefix: &str, year: u16, random: u64) -> Reference {
        let code = (0..CODE_LEN)
            .rev()
            .map(|i| ALPHABET[((random >> (i * 5)) & 31) as usize] as char)
            .collect();
        Reference {
            prefix: prefix.to_ascii_uppercase(),
            year,
            code,
        }
    }

    fn values(&self) -> Vec<u32> {
        self.year
            .to_string()
            .chars()
            .chain(self.code.chars())
            .filter_map(value)
            .collect()
    }

    pub fn check_char(&self) -> char {
        ALPHABET[check_value(&self.values()) as usize] as char
    }

    /// Reads a reference as a person may type it: any case, with or without hyphens or
    /// spaces, O for 0 and I or L for 1.
    pub fn parse(text: &str) -> Result<Reference, ReferenceError> {
        let compact: String = text
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        let prefix_len = compact
            .find(|c: char| c.is_ascii_digit())
            .ok_or(ReferenceError::Shape)?;
        if !(2..=4).contains(&prefix_len) || compact.len() != prefix_len + 4 + CODE_LEN + 1 {
            return Err(ReferenceError::Shape);
        }
        let (prefix, rest) = compact.split_at(prefix_len);
        let (year, rest) = rest.split_at(4);
        let year: u16 = year.parse().map_err(|_| ReferenceError::Shape)?;
        let values: Vec<u32> = rest.chars().map(value).collect::<Option<_>>().ok_or(
            // A U, or something not in the alphabet.
            ReferenceError::Shape,
        )?;
        let code: String = values[..CODE_LEN]
            .iter()
            .map(|&v| ALPHABET[v as usize] as char)
            .collect();
        let reference = Reference {
            prefix: prefix.to_string(),
            year,
            code,
        };
        let mut all = reference.values();
        all.push(values[CODE_LEN]);
        if luhn_sum(all.into_iter(), false) == 0 {
            Ok(reference)
        } else {
            Err(ReferenceError::Typo)
        }
    }
}

/// An invoice number, which is also the Paybill account number people type: `UR`, eight
/// random characters and a check character over them (11 in all; Daraja allows 12).
pub fn invoice_number(random: u64) -> String {
    let code = Reference::new("UR", 0, random).code;
    let values: Vec<u32> = code.chars().filter_map(value).collect();
    format!(
        "UR{code}{}",
        ALPHABET[check_value(&values) as usize] as char
    )
}

/// An account number as typed on a phone, in the form invoice numbers are stored: capitals,
/// no spaces or hyphens, O read as 0 and I or L as 1 (only after the `UR`).
pub fn normalise_account(text: &str) -> String {
    let compact: String = text
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    match compact.strip_prefix("UR") {
        Some(rest) => {
            let digits: String = rest
                .chars()
                .map(|c| match c {
                    'O' => '0',
                    'I' | 'L' => '1',
                    c => c,
                })
                .collect();
            format!("UR{digits}")
        }
        None => compact,
    }
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}-{}-{}-{}{}",
            self.prefix,
            self.year,
            &self.code[..4],
            &self.code[4..],
            self.check_char()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use rstest::rstest;

    #[test]
    fn formats_in_groups_with_a_check_character() {
        let r = Reference::new("PPR", 2026, 0x12_3456_789A);
        let text = r.to_string();
        assert!(text.starts_with("PPR-2026-"), "{text}");
        assert_eq!(text.len(), "PPR-2026-XXXX-XXXXC".len());
        assert_eq!(Reference::parse(&text), Ok(r));
    }

    #[rstest]
    #[case::lowercase_and_spaces(|s: &str| s.to_lowercase().replace('-', " "))]
    #[case::no_separators(|s: &str| s.replace('-', ""))]
    fn reads_what_people_type(#[case] typed: fn(&str) -> String) {
        let r = Reference::new("GCN", 2027, 987_654_321);
        assert_eq!(Reference::parse(&typed(&r.to_string())), Ok(r));
    }

    #[test]
    fn o_i_and_l_are_read_as_digits() {
        let r = Reference::new("BN", 2026, 0);
        assert_eq!(r.code, "00000000");
        let typed = r.to_string().replace("0000-0000", "OOOO-oooo");
        assert_eq!(Reference::parse(&typed), Ok(r));
        let one = Reference::new("BN", 2026, 1);
        assert_eq!(one.code, "00000001");
        let typed = one.to_string().replace("0000-0001", "0000-000l");
        assert_eq!(Reference::parse(&typed), Ok(one));
    }

    #[rstest]
    #[case("")]
    #[case("PPR-2026")]
    #[case("2026-7K3M-9QX2U")]
    #[case("PASSPORT-2026-7K3M-9QX2U")]
    #[case("PPR-2026-7K3M-9QX2")]
    #[case("PPR-2026-7K3M-9QXUU")]
    fn refuses_what_is_not_a_reference(#[case] text: &str) {
        assert_eq!(Reference::parse(text), Err(ReferenceError::Shape), "{text}");
    }

    #[test]
    fn invoice_numbers_fit_daraja_and_read_back_as_typed() {
        let number = invoice_number(0x12_3456_789A);
        assert_eq!(number.len(), 11);
        assert!(number.starts_with("UR"));
        assert_eq!(normalise_account(&number.to_lowercase()), number);
        let zeros = invoice_number(0);
        assert_eq!(normalise_account("ur 0000 oooo") + &zeros[10..], zeros);
        assert_ne!(invoice_number(1), invoice_number(2));
    }

    proptest! {
        #[test]
        fn every_new_reference_reads_back(prefix in "[A-Z]{2,4}", year in 2000u16..2100, random in 0u64..(1 << 40)) {
            let r = Reference::new(&prefix, year, random);
            prop_assert_eq!(Reference::parse(&r.to_string()), Ok(r));
        }

        #[test]
        fn any_single_mistyped_character_is_caught(random in 0u64..(1 << 40), at in 0usize..13, to in 0usize..32) {
            let r = Reference::new("PPR", 2026, random);
            // Year, code and check character (positions after "PPR-"), without hyphens.
            let compact: Vec<char> = r.to_string()[4..].chars().filter(|c| *c != '-').collect();
            let mut typed = compact.clone();
            typed[at] = ALPHABET[to] as char;
            prop_assume!(typed != compact);
            // A year must stay four digits to be a reference at all.
            prop_assume!(at >= 4 || typed[at].is_ascii_digit());
            let text = format!("PPR{}", typed.iter().collect::<String>());
            prop_assert_eq!(Reference::parse(&text), Err(ReferenceError::Typo));
        }
    }
}

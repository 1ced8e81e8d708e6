//! The secret tokens in the addresses third parties call back on (M-Pesa, the feature-phone
//! gateway): whoever does not know the token finds nothing there.

/// Whether `given` is the `expected` token, compared without stopping at the first
/// difference, so the time taken says nothing about how much of a guess was right.
pub fn matches(expected: &str, given: &str) -> bool {
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

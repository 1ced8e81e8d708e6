//! Authenticator apps (TOTP, RFC 6238: SHA-1, 6 digits, 30 seconds, one step of clock skew
//! either way) and recovery codes.

use rand::Rng;
use totp_rs::{Builder, Secret, Totp};

/// A new random secret, base32 (160 bits).
pub fn new_secret() -> String {
    Secret::generate().to_base32()
}

fn totp(secret: &str, account: &str) -> Option<Totp> {
    Builder::new()
        .with_secret(Secret::try_from_base32(secret).ok()?)
        .with_account_name(account)
        .with_issuer(Some("Uraia"))
        .build()
        .ok()
}

/// The QR code an authenticator app scans, as a PNG data URL.
pub fn qr_data_url(secret: &str, account: &str) -> Option<String> {
    let png = totp(secret, account)?.to_qr_base64().ok()?;
    Some(format!("data:image/png;base64,{png}"))
}

/// The time step a typed code matches now, if any. The caller must refuse a step already
/// used (see `data::accounts::factors::use_totp_step`).
pub fn matching_step(secret: &str, typed: &str) -> Option<i64> {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    totp(secret, "-")?.check(typed, now).map(|step| step as i64)
}

/// The code an authenticator would show at `unix_time` (tests and the soft token).
pub fn code_at(secret: &str, unix_time: u64) -> Option<String> {
    Some(totp(secret, "-")?.generate(unix_time).to_string())
}

/// How many recovery codes a person gets.
pub const RECOVERY_CODES: usize = 10;
/// No 0/o, 1/l/i: easy to read off a printout.
const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

/// Ten new recovery codes, "xxxx-xxxx" (about 40 bits each).
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rng();
    (0..RECOVERY_CODES)
        .map(|_| {
            let part = |rng: &mut rand::rngs::ThreadRng| -> String {
                (0..4)
                    .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                    .collect()
            };
            format!("{}-{}", part(&mut rng), part(&mut rng))
        })
        .collect()
}

/// A typed recovery code in its stored form: lower case, no spaces, with the dash.
pub fn normalise_recovery_code(typed: &str) -> Option<String> {
    let plain: String = typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    (plain.len() == 8).then(|| format!("{}-{}", &plain[..4], &plain[4..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_its_step_and_not_others() {
        let secret = new_secret();
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs();
        let code = code_at(&secret, now).unwrap();
        assert_eq!(matching_step(&secret, &code), Some((now / 30) as i64));
        let old = code_at(&secret, now - 300).unwrap();
        assert!(
            old == code || matching_step(&secret, &old).is_none(),
            "five minutes old is refused"
        );
        assert!(qr_data_url(&secret, "wanjiku@example.com")
            .unwrap()
            .starts_with("data:image/png;base64,"));
    }

    #[test]
    fn recovery_codes_are_distinct_and_normalise() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), 10);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), 10);
        assert_eq!(
            normalise_recovery_code(" ABCD efgh "),
            Some("abcd-efgh".into())
        );
        assert_eq!(normalise_recovery_code("abc"), None);
    }
}

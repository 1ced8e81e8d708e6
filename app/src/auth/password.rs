//! Passwords: argon2id hashes (run off the async threads), and a guessability check with
//! zxcvbn that says why a password was refused.

use crate::error::AppError;
use crate::problem::Problem;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use zxcvbn::feedback::Warning;

/// Hashes with argon2id and the crate's default cost (19 MiB, 2 passes), which is OWASP's
/// recommended minimum.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(|e| AppError::internal("password hashing task failed", &e))?
    .map_err(|e| AppError::internal("password hashing failed", &e))
}

/// Checks a password against a stored hash. With no hash (unknown account) it still does
/// the same work against a fixed hash, so timing does not tell whether an account exists.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let known = stored.is_some();
    let stored = stored.unwrap_or_else(|| DUMMY_HASH.to_string());
    let ok = tokio::task::spawn_blocking(move || {
        PasswordHash::new(&stored)
            .map(|parsed| {
                Argon2::default()
                    .verify_password(password.as_bytes(), &parsed)
                    .is_ok()
            })
            .unwrap_or(false)
    })
    .await
    .map_err(|e| AppError::internal("password check task failed", &e))?;
    Ok(known && ok)
}

/// An argon2id hash of a random string nobody knows, for [`verify`]'s unknown-account path.
const DUMMY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$5Jtq1n3c8v0Kx1x2yV5r0m9b1yQe0m1S3kQd9wq6Z2g";

/// Whether a new password may be used: long enough (shared rule in `validate`), then not
/// guessable from patterns or from `personal` (see [`strength`]).
pub fn acceptable(password: &str, personal: &[&str]) -> Result<(), Problem> {
    crate::validate::password_length(password)?;
    strength(password, personal)
}

/// The details of a person a password must not be built from.
pub fn personal_details(user: &crate::data::accounts::users::UserRow) -> [&str; 4] {
    [
        user.first_name.as_str(),
        user.last_name.as_deref().unwrap_or_default(),
        user.id_number.as_str(),
        user.email.as_str(),
    ]
}

/// Refuses passwords that are easy to guess: common ones, patterns, and ones built from the
/// person's own details (`personal`: names, email, ID number).
pub fn strength(password: &str, personal: &[&str]) -> Result<(), Problem> {
    let lowered = password.to_lowercase();
    let personal_hit = personal
        .iter()
        .map(|p| p.trim().to_lowercase())
        .filter(|p| p.chars().count() >= 4)
        .any(|p| {
            lowered.contains(&p)
                || p.split('@')
                    .next()
                    .is_some_and(|local| local.len() >= 4 && lowered.contains(local))
        });
    let estimate = zxcvbn::zxcvbn(password, personal);
    if estimate.score() >= zxcvbn::Score::Three && !personal_hit {
        return Ok(());
    }
    if personal_hit {
        return Err(Problem::PasswordPersonal);
    }
    match estimate.feedback().and_then(|f| f.warning()) {
        Some(
            Warning::ThisIsATop10Password
            | Warning::ThisIsATop100Password
            | Warning::ThisIsACommonPassword
            | Warning::ThisIsSimilarToACommonlyUsedPassword
            | Warning::AWordByItselfIsEasyToGuess,
        ) => Err(Problem::PasswordCommon),
        _ => Err(Problem::PasswordGuessable),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("password", Err(Problem::PasswordCommon))]
    #[case("password123", Err(Problem::PasswordCommon))]
    #[case("qwertyuiop", Err(Problem::PasswordCommon))]
    #[case("abcdefgh1234", Err(Problem::PasswordGuessable))]
    #[case("wanjiku1990", Err(Problem::PasswordPersonal))]
    #[case("mvua ya jioni ni baridi sana", Ok(()))]
    #[case("correct horse battery staple", Ok(()))]
    fn strength_cases(#[case] password: &str, #[case] expected: Result<(), Problem>) {
        assert_eq!(
            strength(password, &["Wanjiku", "wanjiku@example.com", "12345678"]),
            expected
        );
    }

    #[tokio::test]
    async fn hashes_verify_and_differ() {
        let a = hash("a long passphrase".into()).await.unwrap();
        let b = hash("a long passphrase".into()).await.unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify("a long passphrase".into(), Some(a.clone()))
            .await
            .unwrap());
        assert!(!verify("a wrong passphrase".into(), Some(a)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }
}

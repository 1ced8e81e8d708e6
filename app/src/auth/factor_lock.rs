//! The lock on an account's codes: every try at a second factor or one-time code — an SMS or
//! email code, an authenticator code, a recovery code, a contact-verification or reset code —
//! counts towards one per-account limit, kept in the database so it holds across instances.
//! The try is counted before the code is compared, in one conditional update, so a burst of
//! parallel guesses gets no more than the limit between them.
//!
//! Five wrong tries lock the account's codes for 15 minutes; each further lock without a
//! right code in between lasts twice as long as the one before, a day at most. That is
//! stricter than Login.gov's ten tries and ten minutes, and holds an attacker to 35 wrong
//! tries on the first day and five a day after (NIST SP 800-63B §5.2.2 allows 100 in all;
//! ASVS 5.0 6.3.1, 6.6.3). The owner is emailed when a lock starts. Passkeys and the emailed
//! reset link (256 random bits) are not counted: they cannot be guessed, and counting the
//! link would let anyone lock any account by posting made-up links.

use super::Call;
use crate::data::accounts::{factor_attempts, users::UserRow};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::notify::{self, Template, To};
use crate::problem::Problem;
use chrono::{DateTime, Duration, Utc};
use std::future::Future;

/// Wrong tries, across every kind of code, before the account's codes are locked.
pub const MAX_FAILURES: i32 = 5;
pub const FIRST_LOCK_MINUTES: i64 = 15;
pub const LONGEST_LOCK_MINUTES: i64 = 24 * 60;

/// How long a lock lasts after `earlier` locks with no right code since.
pub fn lock_minutes(earlier: i32) -> i64 {
    let doublings = earlier.clamp(0, 16) as u32;
    (FIRST_LOCK_MINUTES << doublings).min(LONGEST_LOCK_MINUTES)
}

fn minutes_until(until: DateTime<Utc>, now: DateTime<Utc>) -> u32 {
    ((until - now).num_seconds().max(0) as u64)
        .div_ceil(60)
        .max(1) as u32
}

/// Tries a code for `user`: counts the try, then runs `check` (which compares the code; it
/// does not start before it is awaited here). A right code clears the count. While the
/// account's codes are locked, `check` does not run and even a right code is refused with
/// `CodesPaused`; the wrong try that reaches the limit starts the lock and tells the owner.
pub async fn attempt<T>(
    call: &Call,
    user: &UserRow,
    check: impl Future<Output = Result<Result<T, Problem>, AppError>>,
) -> Result<Result<T, Problem>, AppError> {
    let db = &call.state.db;
    let now = Utc::now();
    let provisional = now + Duration::minutes(FIRST_LOCK_MINUTES);
    let Some(slot) = factor_attempts::take(db, user.id, now, MAX_FAILURES, provisional).await?
    else {
        let until = factor_attempts::locked_until(db, user.id, now).await?;
        let minutes = until.map_or(1, |until| minutes_until(until, now));
        return Ok(Err(Problem::CodesPaused { minutes }));
    };
    let problem = match check.await? {
        Ok(value) => {
            factor_attempts::clear(db, user.id, Utc::now()).await?;
            return Ok(Ok(value));
        }
        Err(problem) => problem,
    };
    call.record(user.id, "code_failed").await?;
    if slot.failures < MAX_FAILURES {
        return Ok(Err(problem));
    }
    let minutes = lock_minutes(slot.locks);
    let now = Utc::now();
    let until = now + Duration::minutes(minutes);
    if factor_attempts::lock(db, user.id, MAX_FAILURES, until, now).await? {
        call.record(user.id, "codes_locked").await?;
        notify::send(
            db,
            To::Email(&user.email),
            Lang::from_code(&user.language).unwrap_or_default(),
            Template::CodesLocked { minutes },
            &format!("codes_locked:{}:{}", user.id, now.timestamp_millis()),
            None,
        )
        .await?;
    }
    Ok(Err(Problem::CodesPaused {
        minutes: minutes as u32,
    }))
}

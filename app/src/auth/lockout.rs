//! Account lockout: five wrong passwords within 15 minutes lock an account for 10 minutes;
//! ten within an hour lock it for an hour (the hard cap). The lock and its end are emailed
//! to the account's owner (the unlock notice is queued for the moment the lock ends).

use super::Call;
use crate::data::accounts::{events, users::UserRow};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::notify::{self, Template, To};
use chrono::{DateTime, Duration, Utc};

pub const SHORT_WINDOW_MINUTES: i64 = 15;
pub const SHORT_LIMIT: i64 = 5;
pub const SHORT_LOCK_MINUTES: i64 = 10;
pub const HOURLY_LIMIT: i64 = 10;
pub const HOURLY_LOCK_MINUTES: i64 = 60;

/// Minutes left on a lock, if the account is locked now.
pub fn minutes_left(user: &UserRow, now: DateTime<Utc>) -> Option<u32> {
    user.locked_until
        .filter(|until| *until > now)
        .map(|until| ((until - now).num_seconds() as u64).div_ceil(60).max(1) as u32)
}

/// Records a wrong password and locks the account when a limit is reached. Returns the lock
/// length in minutes when this failure locked it.
pub async fn after_failure(call: &Call, user: &UserRow) -> Result<Option<i64>, AppError> {
    let db = &call.state.db;
    let now = Utc::now();
    call.record(user.id, "sign_in_failed").await?;
    // Failures before the end of an earlier lock do not count again.
    let short_from = (now - Duration::minutes(SHORT_WINDOW_MINUTES))
        .max(user.locked_until.unwrap_or(DateTime::<Utc>::MIN_UTC));
    let recent = events::count_since(db, user.id, "sign_in_failed", short_from).await?;
    let hourly =
        events::count_since(db, user.id, "sign_in_failed", now - Duration::hours(1)).await?;
    let minutes = if hourly >= HOURLY_LIMIT && hourly % HOURLY_LIMIT == 0 {
        HOURLY_LOCK_MINUTES
    } else if recent >= SHORT_LIMIT {
        SHORT_LOCK_MINUTES
    } else {
        return Ok(None);
    };
    let until = now + Duration::minutes(minutes);
    crate::data::accounts::users::set_locked_until(db, user.id, Some(until)).await?;
    call.record(user.id, "locked").await?;
    let lang = Lang::from_code(&user.language).unwrap_or_default();
    let stamp = now.timestamp();
    notify::send(
        db,
        To::Email(&user.email),
        lang,
        Template::AccountLocked { minutes },
        &format!("locked:{}:{stamp}", user.id),
        None,
    )
    .await?;
    // One unlock notice per lock; a longer lock moves any notice still waiting.
    let unlock_prefix = format!("unlocked:{}:", user.id);
    if crate::data::outbox::reschedule(db, &unlock_prefix, until).await? == 0 {
        notify::send(
            db,
            To::Email(&user.email),
            lang,
            Template::AccountUnlocked,
            &format!("{unlock_prefix}{stamp}"),
            Some(until),
        )
        .await?;
    }
    Ok(Some(minutes))
}

//! Sessions: the database store behind tower-sessions, and what Uraia keeps in a session.
//!
//! A session starts anonymous (registration in progress, a form's values after a failed
//! post without JavaScript) and becomes signed in once both factors are done. The id is
//! 128 random bits (tower-sessions), replaced at sign-in. Limits: 30 minutes idle (the
//! cookie and the record expire then, renewed on every request) and 12 hours from sign-in;
//! on a shared computer, 10 minutes idle and 2 hours in all.
//!
//! Ending a session is final. The store saves an existing session by update only, so a
//! request that loaded it before "sign out everywhere", a password change or reset, or
//! the account's disabling deleted its row cannot write it back; and a signed-in session
//! loads only while its account is active, so every signed-in check — pages, server
//! functions, staff access, files, event streams — refuses a disabled account at its next
//! request.

use crate::data::{sessions, Db};
use async_trait::async_trait;
use chrono::{DateTime, Duration, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{Error as StoreError, Result as StoreResult};
use tower_sessions::{Session, SessionStore};

pub const IDLE_MINUTES: i64 = 30;
pub const ABSOLUTE_HOURS: i64 = 12;
pub const SHARED_IDLE_MINUTES: i64 = 10;
pub const SHARED_ABSOLUTE_HOURS: i64 = 2;

/// Session keys.
pub const USER: &str = "user";
pub const PENDING_SIGN_IN: &str = "pending_sign_in";
pub const REGISTRATION: &str = "registration";
pub const VERIFYING: &str = "verifying_user";
/// The forms kept after a failed post without JavaScript (see [`keep_form`]).
const KEPT_FORMS: &str = "kept_forms";

/// A signed-in person, as kept in their session.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct SignedIn {
    pub user_id: i64,
    pub signed_in_at: DateTime<Utc>,
    /// "Shared computer": shorter limits, nothing remembered.
    pub shared: bool,
    /// Signed in with a second factor (a code, an authenticator, a recovery code or a
    /// passkey), not by a remembered device or Digital ID alone: staff pages ask for it.
    #[serde(default)]
    pub second_factor: bool,
}

impl SignedIn {
    fn still_valid(&self, now: DateTime<Utc>) -> bool {
        let limit = if self.shared {
            Duration::hours(SHARED_ABSOLUTE_HOURS)
        } else {
            Duration::hours(ABSOLUTE_HOURS)
        };
        now - self.signed_in_at < limit
    }
}

/// The signed-in person, if any. A session past its absolute limit is ended here.
pub async fn signed_in(session: &Session) -> Result<Option<SignedIn>, crate::error::AppError> {
    let Some(user) = session.get::<SignedIn>(USER).await? else {
        return Ok(None);
    };
    if user.still_valid(Utc::now()) {
        Ok(Some(user))
    } else {
        session.flush().await?;
        Ok(None)
    }
}

/// Starts a signed-in session with a fresh id (so an id planted before sign-in is useless).
pub async fn begin(
    session: &Session,
    user_id: i64,
    shared: bool,
    second_factor: bool,
) -> Result<(), crate::error::AppError> {
    session.remove_value(PENDING_SIGN_IN).await?;
    session.remove_value(REGISTRATION).await?;
    session.remove_value(VERIFYING).await?;
    session.cycle_id().await?;
    session
        .insert(
            USER,
            SignedIn {
                user_id,
                signed_in_at: Utc::now(),
                shared,
                second_factor,
            },
        )
        .await?;
    Ok(())
}

/// The longest value kept for one field, in bytes (cut at a character boundary). Above
/// what any field accepts (the longest, a problem report, takes 3,000 characters), so a
/// cut value was already too long to send.
pub const KEPT_VALUE_MAX: usize = 8 * 1024;
/// The most fields kept for one form (the largest, a request for information with every
/// question of the longest form ticked, has under fifty).
pub const KEPT_FIELDS_MAX: usize = 64;
/// The most bytes kept for one form, all fields together.
pub const KEPT_FORM_MAX: usize = 16 * 1024;
/// The most forms kept at once in one session; keeping another drops the oldest.
pub const KEPT_FORMS_MAX: usize = 4;
/// The longest form or field name kept (names carry ids and question keys, all short).
const KEPT_NAME_MAX: usize = 120;

/// Forms kept in a session, oldest first: (form, field → value).
type Kept = Vec<(String, std::collections::HashMap<String, String>)>;

/// `value` cut to at most `max` bytes, at a character boundary.
fn cut(value: &str, max: usize) -> &str {
    if value.len() <= max {
        return value;
    }
    let mut end = max;
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    &value[..end]
}

/// Keeps what a person typed into a form that failed without JavaScript, so the page they
/// are sent back to can show it again. Never called with passwords or codes.
///
/// What is kept is bounded — per value, per form, and in forms per session — because
/// every request reads the session back: a post made to fail with huge values must not
/// make the session huge. A cut value still shows the person most of what they typed.
pub async fn keep_form(
    session: &Session,
    form: &str,
    values: &[(&str, &str)],
) -> Result<(), crate::error::AppError> {
    if form.len() > KEPT_NAME_MAX {
        return Ok(());
    }
    let mut map = std::collections::HashMap::new();
    let mut total = 0;
    for (name, value) in values.iter().take(KEPT_FIELDS_MAX) {
        if name.len() > KEPT_NAME_MAX {
            continue;
        }
        let value = cut(value, KEPT_VALUE_MAX);
        total += name.len() + value.len();
        if total > KEPT_FORM_MAX {
            break;
        }
        map.insert(name.to_string(), value.to_string());
    }
    let mut kept: Kept = session.get(KEPT_FORMS).await?.unwrap_or_default();
    kept.retain(|(name, _)| name != form);
    kept.push((form.to_string(), map));
    let over = kept.len().saturating_sub(KEPT_FORMS_MAX);
    session.insert(KEPT_FORMS, kept.split_off(over)).await?;
    Ok(())
}

/// Takes the kept values of a form (once).
pub async fn take_form(
    session: &Session,
    form: &str,
) -> Result<std::collections::HashMap<String, String>, crate::error::AppError> {
    let Some(mut kept) = session.get::<Kept>(KEPT_FORMS).await? else {
        return Ok(Default::default());
    };
    let Some(at) = kept.iter().position(|(name, _)| name == form) else {
        return Ok(Default::default());
    };
    let (_, values) = kept.remove(at);
    if kept.is_empty() {
        session.remove_value(KEPT_FORMS).await?;
    } else {
        session.insert(KEPT_FORMS, kept).await?;
    }
    Ok(values)
}

/// The row key for a session id: its SHA-256, hex.
fn key(id: &Id) -> String {
    hex::encode(Sha256::digest(id.to_string().as_bytes()))
}

fn to_chrono(t: time::OffsetDateTime) -> DateTime<Utc> {
    Utc.timestamp_opt(t.unix_timestamp(), 0)
        .single()
        .unwrap_or_else(Utc::now)
}

fn to_time(t: DateTime<Utc>) -> time::OffsetDateTime {
    time::OffsetDateTime::from_unix_timestamp(t.timestamp())
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
}

/// The user id kept in a record, copied to its own column for "sign out everywhere".
fn user_of(record: &Record) -> Option<i64> {
    record
        .data
        .get(USER)
        .and_then(|v| serde_json::from_value::<SignedIn>(v.clone()).ok())
        .map(|u| u.user_id)
}

/// When a record expires: the idle limit from now (tower-sessions' expiry), shortened for
/// shared-computer sessions.
fn expiry_of(record: &Record) -> DateTime<Utc> {
    let expiry = to_chrono(record.expiry_date);
    let shared = record
        .data
        .get(USER)
        .and_then(|v| serde_json::from_value::<SignedIn>(v.clone()).ok())
        .is_some_and(|u| u.shared);
    if shared {
        expiry.min(Utc::now() + Duration::minutes(SHARED_IDLE_MINUTES))
    } else {
        expiry
    }
}

fn backend(error: sqlx::Error) -> StoreError {
    // The message goes to the log only; it names the failure, not the data.
    StoreError::Backend(error.to_string())
}

/// tower-sessions' store over Uraia's database (SQLite or PostgreSQL).
#[derive(Clone, Debug)]
pub struct DbSessionStore {
    db: Db,
}

impl DbSessionStore {
    pub fn new(db: Db) -> DbSessionStore {
        DbSessionStore { db }
    }
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> StoreResult<()> {
        let data =
            serde_json::to_string(&record.data).map_err(|e| StoreError::Encode(e.to_string()))?;
        loop {
            let inserted = sessions::insert(
                &self.db,
                &key(&record.id),
                user_of(record),
                &data,
                expiry_of(record),
            )
            .await
            .map_err(backend)?;
            if inserted {
                return Ok(());
            }
            record.id = Id::default();
        }
    }

    async fn save(&self, record: &Record) -> StoreResult<()> {
        let data =
            serde_json::to_string(&record.data).map_err(|e| StoreError::Encode(e.to_string()))?;
        let saved = sessions::update(
            &self.db,
            &key(&record.id),
            user_of(record),
            &data,
            expiry_of(record),
        )
        .await
        .map_err(backend)?;
        if !saved {
            // Ended while this request ran (signed out elsewhere, a password change, a
            // disabled account): it stays ended. The browser's cookie now names nothing, so
            // its next request starts a fresh, signed-out session.
            tracing::debug!("session ended during the request; not saved");
        }
        Ok(())
    }

    async fn load(&self, id: &Id) -> StoreResult<Option<Record>> {
        let Some(row) = sessions::load(&self.db, &key(id), Utc::now())
            .await
            .map_err(backend)?
        else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&row.data).map_err(|e| StoreError::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date: to_time(row.expires_at),
        }))
    }

    async fn delete(&self, id: &Id) -> StoreResult<()> {
        sessions::delete(&self.db, &key(id)).await.map_err(backend)
    }
}

/// The row key of the current session, to keep it when signing out everywhere else.
pub fn current_key(session: &Session) -> Option<String> {
    session.id().map(|id| key(&id))
}

//! Six-digit one-time codes: 10 minutes, single use, five tries, a new one no sooner than a
//! minute after the last. Only a keyed hash (HMAC-SHA-256 with the server secret) is stored.
//! A try is counted before the code is compared (one conditional update), so parallel tries
//! get five between them, not five each. A code can be bound to the browser session that
//! asked for it (password reset by SMS): typed in any other session it is wrong.

use crate::data::accounts::codes;
use crate::data::Db;
use crate::error::AppError;
use crate::problem::Problem;
use chrono::{Duration, Utc};
use hmac::{Hmac, Mac};
use rand::Rng;
use sha2::Sha256;

pub const LIFETIME_MINUTES: i64 = 10;
/// Password-reset links last longer than codes: email can be slow to arrive.
pub const LINK_LIFETIME_MINUTES: i64 = 30;
pub const MAX_ATTEMPTS: i32 = 5;
pub const RESEND_SECONDS: i64 = 60;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    VerifyEmail,
    VerifyPhone,
    SignIn,
    Reset,
}

impl Purpose {
    pub fn code(self) -> &'static str {
        match self {
            Purpose::VerifyEmail => "verify_email",
            Purpose::VerifyPhone => "verify_phone",
            Purpose::SignIn => "sign_in",
            Purpose::Reset => "reset",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Sms => "sms",
        }
    }
}

fn digest(secret: &[u8], user_id: i64, purpose: Purpose, code: &str) -> String {
    keyed_hash(secret, &format!("{user_id}:{}:{code}", purpose.code()))
}

/// HMAC-SHA-256 of `text` with the server secret, hex: how codes, recovery codes and device
/// tokens are stored.
pub fn keyed_hash(secret: &[u8], text: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(text.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Makes a new six-digit code (replacing any open one for the purpose) and returns it for
/// sending.
pub async fn issue(
    db: &Db,
    secret: &[u8],
    user_id: i64,
    purpose: Purpose,
    channel: Channel,
) -> Result<Result<String, Problem>, AppError> {
    issue_in(db, secret, user_id, purpose, channel, None).await
}

/// As [`issue`], for a code only accepted in the session holding `session` (a random value
/// from [`new_session_binding`] kept in that session).
pub async fn issue_in(
    db: &Db,
    secret: &[u8],
    user_id: i64,
    purpose: Purpose,
    channel: Channel,
    session: Option<&str>,
) -> Result<Result<String, Problem>, AppError> {
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
    store(
        db,
        secret,
        Stored {
            user_id,
            purpose,
            channel,
            session,
            lifetime_minutes: LIFETIME_MINUTES,
        },
        code,
    )
    .await
}

/// A random value that binds codes to the session keeping it (128 bits, hex).
pub fn new_session_binding() -> String {
    hex::encode(rand::rng().random::<[u8; 16]>())
}

fn session_hash(secret: &[u8], session: &str) -> String {
    keyed_hash(secret, &format!("code-session:{session}"))
}

/// Makes a single-use link token (256 random bits, hex) that lasts 30 minutes.
pub async fn issue_link_token(
    db: &Db,
    secret: &[u8],
    user_id: i64,
    purpose: Purpose,
) -> Result<Result<String, Problem>, AppError> {
    let token = hex::encode(rand::rng().random::<[u8; 32]>());
    store(
        db,
        secret,
        Stored {
            user_id,
            purpose,
            channel: Channel::Email,
            session: None,
            lifetime_minutes: LINK_LIFETIME_MINUTES,
        },
        token,
    )
    .await
}

/// Whose code is stored, what for, and how long it lasts.
struct Stored<'a> {
    user_id: i64,
    purpose: Purpose,
    channel: Channel,
    session: Option<&'a str>,
    lifetime_minutes: i64,
}

async fn store(
    db: &Db,
    secret: &[u8],
    stored: Stored<'_>,
    code: String,
) -> Result<Result<String, Problem>, AppError> {
    let Stored {
        user_id,
        purpose,
        channel,
        session,
        lifetime_minutes,
    } = stored;
    let now = Utc::now();
    if let Some(last) = codes::last_issued(db, user_id, purpose.code(), channel.code()).await? {
        let wait = Duration::seconds(RESEND_SECONDS) - (now - last);
        if wait > Duration::zero() {
            return Ok(Err(Problem::ResendTooSoon {
                seconds: wait.num_seconds().max(1) as u32,
            }));
        }
    }
    let hash = digest(secret, user_id, purpose, &code);
    let session_hash = session.map(|s| session_hash(secret, s));
    codes::replace(
        db,
        &codes::NewCode {
            user_id,
            purpose: purpose.code(),
            channel: channel.code(),
            code_hash: &hash,
            session_hash: session_hash.as_deref(),
            expires_at: now + Duration::minutes(lifetime_minutes),
        },
        now,
    )
    .await?;
    Ok(Ok(code))
}

/// Checks a typed code; on success the code is used up.
pub async fn check(
    db: &Db,
    secret: &[u8],
    user_id: i64,
    purpose: Purpose,
    typed: &str,
) -> Result<Result<(), Problem>, AppError> {
    match verify(db, secret, user_id, purpose, typed, None).await? {
        Ok(right) => use_up(db, right).await,
        Err(problem) => Ok(Err(problem)),
    }
}

/// A code found right, not used up yet.
#[must_use]
pub struct RightCode(i64);

/// Counts a try at the open code, then compares it with `typed` and the session it must be
/// typed in (`session`: the binding kept in this session, if any). A right code stays open
/// until [`use_up`], so a check that needs the right code first (a new password built from
/// the person's details) can refuse without spending it.
pub async fn verify(
    db: &Db,
    secret: &[u8],
    user_id: i64,
    purpose: Purpose,
    typed: &str,
    session: Option<&str>,
) -> Result<Result<RightCode, Problem>, AppError> {
    let Some(open) =
        codes::take_attempt(db, user_id, purpose.code(), Utc::now(), MAX_ATTEMPTS).await?
    else {
        return Ok(Err(Problem::CodeExpired));
    };
    let expected = digest(secret, user_id, purpose, typed);
    let this_session = session.map(|s| session_hash(secret, s));
    let same_session = match (&this_session, &open.session_hash) {
        (None, None) => true,
        (Some(a), Some(b)) => same(a, b),
        _ => false,
    };
    if same(&expected, &open.code_hash) & same_session {
        return Ok(Ok(RightCode(open.id)));
    }
    Ok(Err(if open.attempts >= MAX_ATTEMPTS {
        Problem::CodeExpired
    } else {
        Problem::CodeWrong
    }))
}

/// Uses up a right code; refused when another request used it first.
pub async fn use_up(db: &Db, code: RightCode) -> Result<Result<(), Problem>, AppError> {
    Ok(if codes::consume(db, code.0, Utc::now()).await? {
        Ok(())
    } else {
        Err(Problem::CodeExpired)
    })
}

/// Constant-time comparison of two hex digests.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

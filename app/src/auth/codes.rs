//! Six-digit one-time codes: 10 minutes, single use, five tries, a new one no sooner than a
//! minute after the last. Only a keyed hash (HMAC-SHA-256 with the server secret) is stored.

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
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
    store(
        db,
        secret,
        user_id,
        purpose,
        channel,
        code,
        LIFETIME_MINUTES,
    )
    .await
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
        user_id,
        purpose,
        Channel::Email,
        token,
        LINK_LIFETIME_MINUTES,
    )
    .await
}

async fn store(
    db: &Db,
    secret: &[u8],
    user_id: i64,
    purpose: Purpose,
    channel: Channel,
    code: String,
    lifetime_minutes: i64,
) -> Result<Result<String, Problem>, AppError> {
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
    codes::replace(
        db,
        user_id,
        purpose.code(),
        channel.code(),
        &hash,
        now,
        now + Duration::minutes(lifetime_minutes),
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
    let now = Utc::now();
    let Some(open) = codes::open(db, user_id, purpose.code()).await? else {
        return Ok(Err(Problem::CodeExpired));
    };
    if open.expires_at <= now || open.attempts >= MAX_ATTEMPTS {
        return Ok(Err(Problem::CodeExpired));
    }
    let expected = digest(secret, user_id, purpose, typed);
    // Constant-time comparison of the two digests.
    let same = expected.len() == open.code_hash.len()
        && expected
            .bytes()
            .zip(open.code_hash.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        if codes::consume(db, open.id, now).await? {
            return Ok(Ok(()));
        }
        return Ok(Err(Problem::CodeExpired));
    }
    codes::count_attempt(db, open.id, now).await?;
    let left = (MAX_ATTEMPTS - open.attempts - 1).max(0) as u32;
    Ok(Err(if left == 0 {
        Problem::CodeExpired
    } else {
        Problem::CodeWrong {
            attempts_left: left,
        }
    }))
}

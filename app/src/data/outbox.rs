//! The notification outbox: messages are written here in the same breath as the change that
//! causes them, and a background worker delivers them with retries. A message is claimed for
//! a minute at a time, so several server instances can share one outbox.

use super::Db;
use crate::with_pool;
use chrono::{DateTime, Duration, Utc};

/// A message to send. `key` makes enqueueing idempotent and is passed to the provider.
pub struct NewMessage<'a> {
    pub channel: &'a str,
    pub recipient: &'a str,
    pub subject: &'a str,
    pub body: &'a str,
    pub key: &'a str,
    pub not_before: Option<DateTime<Utc>>,
}

#[derive(sqlx::FromRow, Clone)]
pub struct Message {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub idempotency_key: String,
    pub attempts: i32,
}

// Bodies carry codes: never in a log.
impl std::fmt::Debug for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Message")
            .field("id", &self.id)
            .field("channel", &self.channel)
            .field("attempts", &self.attempts)
            .finish_non_exhaustive()
    }
}

/// After this many failed tries a message is dead (kept, shown to administrators).
pub const MAX_ATTEMPTS: i32 = 8;

pub async fn enqueue(db: &Db, message: &NewMessage<'_>) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO outbox (channel, recipient, subject, body, idempotency_key, status, next_attempt_at, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $7) ON CONFLICT (idempotency_key) DO NOTHING"
    )
    .bind(message.channel)
    .bind(message.recipient)
    .bind(message.subject)
    .bind(message.body)
    .bind(message.key)
    .bind(message.not_before.unwrap_or(now))
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    })?;
    Ok(())
}

/// Moves pending messages whose key starts with `prefix` to a new time (e.g. an unlock notice
/// when a lock is extended).
pub async fn reschedule(db: &Db, prefix: &str, at: DateTime<Utc>) -> Result<u64, sqlx::Error> {
    let done = with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE outbox SET next_attempt_at = $1, updated_at = $2 WHERE status = 'pending' AND idempotency_key LIKE $3"
    )
    .bind(at)
    .bind(Utc::now())
    .bind(format!("{prefix}%"))
    .execute(pool)
    .await?
    .rows_affected()
    });
    Ok(done)
}

/// Claims up to `limit` due messages for a minute.
pub async fn claim_due(db: &Db, limit: i64) -> Result<Vec<Message>, sqlx::Error> {
    let now = Utc::now();
    let lease = now + Duration::minutes(1);
    with_pool!(db, |pool| {
        sqlx::query_as(
        "UPDATE outbox SET locked_until = $1, updated_at = $2 \
         WHERE status = 'pending' AND next_attempt_at <= $2 AND (locked_until IS NULL OR locked_until < $2) \
           AND id IN (SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $2 \
                      AND (locked_until IS NULL OR locked_until < $2) ORDER BY id LIMIT $3) \
         RETURNING id, channel, recipient, subject, body, idempotency_key, attempts"
    )
    .bind(lease)
    .bind(now)
    .bind(limit)
    .fetch_all(pool)
    .await
    })
}

pub async fn mark_sent(db: &Db, id: i64) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE outbox SET status = 'sent', sent_at = $1, locked_until = NULL, attempts = attempts + 1, \
         last_error = NULL, updated_at = $1 WHERE id = $2"
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await
    .map(|_| ())
    })?;
    Ok(())
}

/// Records a failed try: retried with exponential backoff (30 s, 1, 2, 4 … minutes), or dead
/// after [`MAX_ATTEMPTS`].
pub async fn mark_failed(db: &Db, message: &Message, error: &str) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    let attempts = message.attempts + 1;
    let status = if attempts >= MAX_ATTEMPTS {
        "dead"
    } else {
        "pending"
    };
    let backoff = Duration::seconds(30 * (1i64 << (attempts - 1).clamp(0, 10)));
    let error: String = error.chars().take(500).collect();
    with_pool!(db, |pool| sqlx::query(
        "UPDATE outbox SET status = $1, attempts = $2, next_attempt_at = $3, locked_until = NULL, \
         last_error = $4, updated_at = $5 WHERE id = $6"
    )
    .bind(status)
    .bind(attempts)
    .bind(now + backoff)
    .bind(error)
    .bind(now)
    .bind(message.id)
    .execute(pool)
    .await
    .map(|_| ()))?;
    Ok(())
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct MailboxRow {
    pub id: i64,
    pub channel: String,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The local delivery sink (development): keeps a delivered message readable. Like a
/// provider, it honours the idempotency key: the same message delivered twice (a crash
/// between sending and marking it sent) is kept once.
pub async fn keep_in_dev_mailbox(db: &Db, message: &Message) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO dev_mailbox (channel, recipient, subject, body, idempotency_key, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (idempotency_key) DO NOTHING"
    )
    .bind(&message.channel)
    .bind(&message.recipient)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(&message.idempotency_key)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    })?;
    Ok(())
}

/// The newest messages in the development mailbox, optionally for one recipient.
pub async fn dev_mailbox(
    db: &Db,
    recipient: Option<&str>,
    limit: i64,
) -> Result<Vec<MailboxRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, channel, recipient, subject, body, created_at FROM dev_mailbox \
         WHERE (CAST($1 AS TEXT) IS NULL OR recipient = $1) ORDER BY id DESC LIMIT $2"
    )
    .bind(recipient)
    .bind(limit)
    .fetch_all(pool)
    .await)
}

/// A message that will not be retried (dead), as administrators see it: where it was
/// going (channel only; the recipient is personal) and what went wrong.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct DeadLetter {
    pub id: i64,
    pub channel: String,
    pub idempotency_key: String,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// The newest dead messages first.
pub async fn dead_letters(db: &Db, limit: i64) -> Result<Vec<DeadLetter>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, channel, idempotency_key, attempts, last_error, created_at, updated_at \
         FROM outbox WHERE status = 'dead' ORDER BY updated_at DESC, id DESC LIMIT $1"
    )
    .bind(limit)
    .fetch_all(pool)
    .await)
}

/// Gives a dead message another round of tries (an administrator fixed the cause).
pub async fn revive(db: &Db, id: i64) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let done = with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, updated_at = $1 \
         WHERE id = $2 AND status = 'dead'"
    )
    .bind(now)
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected()
    });
    Ok(done == 1)
}

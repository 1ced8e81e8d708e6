//! What each person wants to be told, and how: their channel preferences, their in-app
//! inbox, and the browsers subscribed to Web Push.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

/// Channels for news about applications. Without a saved choice: in-app and SMS (most
/// people read an SMS; not everyone reads email), and push on devices that asked for it.
#[derive(sqlx::FromRow, Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preferences {
    pub inbox: bool,
    pub email: bool,
    pub sms: bool,
    pub push: bool,
}

impl Default for Preferences {
    fn default() -> Self {
        Preferences {
            inbox: true,
            email: false,
            sms: true,
            push: true,
        }
    }
}

pub async fn preferences(db: &Db, user_id: i64) -> Result<Preferences, sqlx::Error> {
    let row: Option<Preferences> = with_pool!(db, |pool| sqlx::query_as(
        "SELECT inbox, email, sms, push FROM notification_preferences WHERE user_id = $1"
    )
    .bind(user_id)
    .fetch_optional(pool)
    .await)?;
    Ok(row.unwrap_or_default())
}

pub async fn save_preferences(db: &Db, user_id: i64, p: &Preferences) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO notification_preferences (user_id, inbox, email, sms, push, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (user_id) DO UPDATE SET inbox = excluded.inbox, \
         email = excluded.email, sms = excluded.sms, push = excluded.push, updated_at = excluded.updated_at"
    )
    .bind(user_id)
    .bind(p.inbox)
    .bind(p.email)
    .bind(p.sms)
    .bind(p.push)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    })
}

/// Puts an event in its owner's inbox (once, however often it is asked).
pub async fn add_to_inbox(db: &Db, user_id: i64, event_id: i64) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO inbox_messages (user_id, event_id, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (user_id, event_id) DO NOTHING"
    )
    .bind(user_id)
    .bind(event_id)
    .bind(now)
    .execute(pool)
    .await
    .map(|_| ())
    })
}

pub async fn unread_count(db: &Db, user_id: i64) -> Result<i64, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM inbox_messages WHERE user_id = $1 AND read_at IS NULL"
    )
    .bind(user_id)
    .fetch_one(pool)
    .await)
}

#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct InboxRow {
    pub id: i64,
    pub read_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub to_status: String,
    pub public_id: String,
    pub reference: Option<String>,
    pub service_name_en: String,
    pub service_name_sw: String,
}

/// The newest messages first.
pub async fn inbox(db: &Db, user_id: i64, limit: i64) -> Result<Vec<InboxRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT m.id, m.read_at, m.created_at, e.to_status, a.public_id, a.reference, \
         s.name_en AS service_name_en, s.name_sw AS service_name_sw \
         FROM inbox_messages m JOIN application_events e ON e.id = m.event_id \
         JOIN applications a ON a.id = e.application_id JOIN services s ON s.id = a.service_id \
         WHERE m.user_id = $1 ORDER BY m.id DESC LIMIT $2"
    )
    .bind(user_id)
    .bind(limit)
    .fetch_all(pool)
    .await)
}

pub async fn mark_all_read(db: &Db, user_id: i64) -> Result<(), sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        sqlx::query(
        "UPDATE inbox_messages SET read_at = $1, updated_at = $1 WHERE user_id = $2 AND read_at IS NULL"
    )
    .bind(now)
    .bind(user_id)
    .execute(pool)
    .await
    .map(|_| ())
    })
}

/// A browser's Web Push subscription (what `PushSubscription.toJSON()` gives).
#[derive(sqlx::FromRow, Clone, PartialEq, Eq)]
pub struct PushSubscriptionRow {
    pub id: i64,
    pub user_id: i64,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

// The endpoint and keys let anyone push to the device: never in a log.
impl std::fmt::Debug for PushSubscriptionRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PushSubscriptionRow")
            .field("id", &self.id)
            .field("user_id", &self.user_id)
            .finish_non_exhaustive()
    }
}

/// Saves a subscription for the person (their browser subscribing again replaces its
/// keys). False when the endpoint is another account's: an endpoint is never moved to
/// someone else, or whoever learnt one could take over another person's notifications;
/// it is free again once its owner forgets their devices, or the push service says it is
/// gone.
pub async fn subscribe(
    db: &Db,
    user_id: i64,
    endpoint: &str,
    p256dh: &str,
    auth: &str,
    device: &str,
) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    // One statement, so two accounts racing for a new endpoint cannot both have it.
    let done = with_pool!(db, |pool| {
        sqlx::query(
        "INSERT INTO push_subscriptions (user_id, endpoint, p256dh, auth, device, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (endpoint) DO UPDATE SET \
         p256dh = excluded.p256dh, auth = excluded.auth, device = excluded.device, updated_at = excluded.updated_at \
         WHERE push_subscriptions.user_id = excluded.user_id"
    )
    .bind(user_id)
    .bind(endpoint)
    .bind(p256dh)
    .bind(auth)
    .bind(device)
    .bind(now)
    .execute(pool)
    .await?
    .rows_affected()
    });
    Ok(done == 1)
}

pub async fn subscriptions(db: &Db, user_id: i64) -> Result<Vec<PushSubscriptionRow>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT id, user_id, endpoint, p256dh, auth FROM push_subscriptions WHERE user_id = $1 ORDER BY id"
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
    })
}

pub async fn subscription(db: &Db, id: i64) -> Result<Option<PushSubscriptionRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, user_id, endpoint, p256dh, auth FROM push_subscriptions WHERE id = $1"
    )
    .bind(id)
    .fetch_optional(pool)
    .await)
}

/// Forgets one subscription (the push service said it is gone) or all of a person's.
pub async fn unsubscribe(db: &Db, user_id: i64, id: Option<i64>) -> Result<u64, sqlx::Error> {
    with_pool!(db, |pool| {
        Ok(sqlx::query(
        "DELETE FROM push_subscriptions WHERE user_id = $1 AND (CAST($2 AS BIGINT) IS NULL OR id = $2)"
    )
    .bind(user_id)
    .bind(id)
    .execute(pool)
    .await?
    .rows_affected())
    })
}

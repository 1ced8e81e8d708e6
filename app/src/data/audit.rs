//! The audit log: append-only, each entry hash-chained to the one before it.
//!
//! Entry n's hash is SHA-256 over its own fields and entry n−1's hash, so changing,
//! removing or inserting a row anywhere breaks every link after it; [`verify`] walks the
//! chain and names the first broken one. Writers extend the chain through the one-row
//! `audit_head` table, updated first in the writer's transaction: that serialises them on
//! both databases (a row lock on PostgreSQL, the write lock on SQLite), so two entries
//! never claim the same predecessor. Nothing here updates or deletes entries, and the
//! database's triggers refuse it.
//!
//! Status changes are audited inside their own transaction (`insert_event!` calls
//! [`audit_append!`]); other entries go through [`record`].

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, SubsecRound, Utc};
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Who did something, as the audit log records it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Who {
    pub user_id: Option<i64>,
    /// citizen, officer, supervisor, administrator or system.
    pub role: &'static str,
    /// The agency (slug) a staff member acted for.
    pub agency: Option<String>,
    pub ip: Option<String>,
    pub device: Option<String>,
}

impl Who {
    /// The portal itself (a payment settling, a worker, the command line).
    pub const SYSTEM: Who = Who {
        user_id: None,
        role: "system",
        agency: None,
        ip: None,
        device: None,
    };
}

/// One thing that happened.
#[derive(Clone, Copy, Debug)]
pub struct Entry<'a> {
    pub who: &'a Who,
    /// What: signed_in, status_changed, viewed_application, viewed_file, assigned, …
    pub action: &'a str,
    /// The application it concerns, if any (what its applicant is shown).
    pub application_id: Option<i64>,
    /// What it was done to, as kind:id (application:17, file:ab12…, user:4, service:slug).
    pub subject: &'a str,
    /// Particulars as JSON (a status move's from and to, the fields changed).
    pub detail: &'a str,
}

/// Timestamps are kept to the microsecond (what PostgreSQL stores), so the hash computed
/// on writing is the one recomputed on reading.
pub fn micros(at: DateTime<Utc>) -> DateTime<Utc> {
    at.trunc_subsecs(6)
}

/// What an entry's hash covers, borrowed from wherever it is (being written, or read back).
#[derive(Clone, Copy, Debug)]
pub struct Fields<'a> {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub user_id: Option<i64>,
    pub role: &'a str,
    pub agency: Option<&'a str>,
    pub action: &'a str,
    pub application_id: Option<i64>,
    pub subject: &'a str,
    pub detail: &'a str,
    pub ip: Option<&'a str>,
    pub device: Option<&'a str>,
    pub prev_hash: &'a str,
}

impl Fields<'_> {
    /// SHA-256 (hex) over the fields as a JSON array: unambiguous field boundaries, and
    /// stable across versions of this code.
    pub fn hash(&self) -> String {
        let canonical = serde_json::json!([
            self.id,
            micros(self.at).format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
            self.user_id,
            self.role,
            self.agency,
            self.action,
            self.application_id,
            self.subject,
            self.detail,
            self.ip,
            self.device,
            self.prev_hash,
        ]);
        hex::encode(Sha256::digest(canonical.to_string().as_bytes()))
    }
}

impl<'a> Entry<'a> {
    /// This entry's fields as entry `id` after `prev_hash`.
    pub fn fields(&self, id: i64, at: DateTime<Utc>, prev_hash: &'a str) -> Fields<'a> {
        Fields {
            id,
            at,
            user_id: self.who.user_id,
            role: self.who.role,
            agency: self.who.agency.as_deref(),
            action: self.action,
            application_id: self.application_id,
            subject: self.subject,
            detail: self.detail,
            ip: self.who.ip.as_deref(),
            device: self.who.device.as_deref(),
            prev_hash,
        }
    }
}

/// Appends `$entry` (an `&Entry`) to the chain inside the transaction `$tx`; evaluates to
/// the entry's id.
#[macro_export]
macro_rules! audit_append {
    ($tx:ident, $entry:expr, $now:expr) => {{
        let entry: &$crate::data::audit::Entry = $entry;
        let at = $crate::data::audit::micros($now);
        // Taking the head first serialises writers; RETURNING gives the new id and the
        // predecessor's hash.
        let (id, prev_hash): (i64, String) = sqlx::query_as(
            "UPDATE audit_head SET last_id = last_id + 1, updated_at = $1 WHERE id = 1 \
             RETURNING last_id, last_hash",
        )
        .bind(at)
        .fetch_one(&mut *$tx)
        .await?;
        let hash = entry.fields(id, at, &prev_hash).hash();
        sqlx::query(
            "INSERT INTO audit_log (id, at, actor_user_id, actor_role, actor_agency, action, \
             application_id, subject, detail, ip, device, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
        )
        .bind(id)
        .bind(at)
        .bind(entry.who.user_id)
        .bind(entry.who.role)
        .bind(entry.who.agency.as_deref())
        .bind(entry.action)
        .bind(entry.application_id)
        .bind(entry.subject)
        .bind(entry.detail)
        .bind(entry.who.ip.as_deref())
        .bind(entry.who.device.as_deref())
        .bind(&prev_hash)
        .bind(&hash)
        .execute(&mut *$tx)
        .await?;
        sqlx::query("UPDATE audit_head SET last_hash = $1 WHERE id = 1")
            .bind(&hash)
            .execute(&mut *$tx)
            .await?;
        id
    }};
}

/// Appends one entry in its own transaction.
pub async fn record(db: &Db, entry: &Entry<'_>) -> Result<i64, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let id = audit_append!(tx, entry, now);
        tx.commit().await?;
        Ok(id)
    })
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct AuditRow {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_user_id: Option<i64>,
    pub actor_role: String,
    pub actor_agency: Option<String>,
    pub action: String,
    pub application_id: Option<i64>,
    pub subject: String,
    pub detail: String,
    pub ip: Option<String>,
    pub device: Option<String>,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditRow {
    /// The hash this row's fields and `prev_hash` give.
    fn recomputed(&self) -> String {
        Fields {
            id: self.id,
            at: self.at,
            user_id: self.actor_user_id,
            role: &self.actor_role,
            agency: self.actor_agency.as_deref(),
            action: &self.action,
            application_id: self.application_id,
            subject: &self.subject,
            detail: &self.detail,
            ip: self.ip.as_deref(),
            device: self.device.as_deref(),
            prev_hash: &self.prev_hash,
        }
        .hash()
    }
}

const SELECT: &str = "SELECT id, at, actor_user_id, actor_role, actor_agency, action, \
     application_id, subject, detail, ip, device, prev_hash, hash FROM audit_log";

/// An application's entries, oldest first (what its applicant is shown).
pub async fn of_application(db: &Db, application_id: i64) -> Result<Vec<AuditRow>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE application_id = $1 ORDER BY id");
    with_pool!(db, |pool| sqlx::query_as(&sql)
        .bind(application_id)
        .fetch_all(pool)
        .await)
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Every link holds.
    Intact { entries: i64 },
    /// The first entry (by id) where the chain breaks, and how.
    Broken { id: i64, problem: Break },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Break {
    /// The row's fields no longer give its hash (it was changed).
    Altered,
    /// The row does not point at its predecessor's hash (a row before it was changed,
    /// removed or inserted).
    Unlinked,
    /// An id is missing (an entry was removed).
    Missing,
    /// The head names a later entry than the last one (entries were cut off the end).
    Truncated,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Break::Altered => "its contents no longer match its hash (the entry was changed)",
            Break::Unlinked => {
                "it does not carry the previous entry's hash (an entry before it was changed or replaced)"
            }
            Break::Missing => "the entry with this id is missing (it was removed)",
            Break::Truncated => "entries from here on are missing (cut off the end)",
        })
    }
}

/// Walks the whole chain in pages and reports the first broken link.
pub async fn verify(db: &Db) -> Result<Verdict, sqlx::Error> {
    const PAGE: i64 = 2000;
    let sql = format!("{SELECT} WHERE id > $1 ORDER BY id LIMIT $2");
    let mut last_id = 0i64;
    let mut last_hash = GENESIS.to_string();
    loop {
        let rows: Vec<AuditRow> = with_pool!(db, |pool| sqlx::query_as(&sql)
            .bind(last_id)
            .bind(PAGE)
            .fetch_all(pool)
            .await)?;
        let done = (rows.len() as i64) < PAGE;
        for row in rows {
            if row.id != last_id + 1 {
                return Ok(Verdict::Broken {
                    id: last_id + 1,
                    problem: Break::Missing,
                });
            }
            if row.prev_hash != last_hash {
                return Ok(Verdict::Broken {
                    id: row.id,
                    problem: Break::Unlinked,
                });
            }
            if row.recomputed() != row.hash {
                return Ok(Verdict::Broken {
                    id: row.id,
                    problem: Break::Altered,
                });
            }
            last_id = row.id;
            last_hash = row.hash;
        }
        if done {
            break;
        }
    }
    let (head_id, head_hash): (i64, String) = with_pool!(db, |pool| sqlx::query_as(
        "SELECT last_id, last_hash FROM audit_head WHERE id = 1"
    )
    .fetch_one(pool)
    .await)?;
    if head_id != last_id || head_hash != last_hash {
        return Ok(Verdict::Broken {
            id: last_id + 1,
            problem: Break::Truncated,
        });
    }
    Ok(Verdict::Intact { entries: last_id })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_counts_in_the_hash() {
        let at = Utc::now();
        let base = Fields {
            id: 7,
            at,
            user_id: Some(4),
            role: "officer",
            agency: Some("immigration"),
            action: "viewed_application",
            application_id: Some(3),
            subject: "application:3",
            detail: "{}",
            ip: Some("10.0.0.1"),
            device: Some("Firefox"),
            prev_hash: GENESIS,
        };
        let hash = base.hash();
        assert_eq!(hash.len(), 64);
        let other = "1".repeat(64);
        let variants = [
            Fields { id: 8, ..base },
            Fields {
                at: at + chrono::Duration::microseconds(1),
                ..base
            },
            Fields {
                user_id: None,
                ..base
            },
            Fields {
                role: "supervisor",
                ..base
            },
            Fields {
                agency: None,
                ..base
            },
            Fields {
                action: "viewed_file",
                ..base
            },
            Fields {
                application_id: None,
                ..base
            },
            Fields {
                subject: "application:4",
                ..base
            },
            Fields {
                detail: "{\"a\":1}",
                ..base
            },
            Fields {
                ip: Some("10.0.0.2"),
                ..base
            },
            Fields {
                device: None,
                ..base
            },
            Fields {
                prev_hash: &other,
                ..base
            },
        ];
        for v in variants {
            assert_ne!(v.hash(), hash, "{v:?}");
        }
        // Nanoseconds beyond the microsecond are not stored, so they do not count.
        assert_eq!(
            Fields {
                at: micros(at),
                ..base
            }
            .hash(),
            hash
        );
    }
}

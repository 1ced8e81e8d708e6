//! Who holds which staff role: officers and supervisors of an agency (officers optionally
//! limited to some of its services) and administrators; and staff accounts disabled or
//! enabled again. Roles are read afresh on every staff request, so a removed role or a
//! disabled account stops working at the next click; disabling also ends every session.

use crate::data::audit::{Entry, Who};
use crate::data::Db;
use crate::{audit_append, with_pool};
use chrono::Utc;
use serde_json::json;

/// One staff role someone holds.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct MemberRow {
    pub role_id: i64,
    pub user_id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub email: String,
    pub status: String,
    pub role: String,
    pub agency_id: Option<i64>,
    pub agency_name_en: Option<String>,
    pub agency_name_sw: Option<String>,
}

/// Every officer, supervisor and administrator role, by person then role.
pub async fn members(db: &Db) -> Result<Vec<MemberRow>, sqlx::Error> {
    with_pool!(db, |pool| {
        sqlx::query_as(
        "SELECT r.id AS role_id, u.id AS user_id, u.first_name, u.last_name, u.email, u.status, r.role, \
         r.agency_id, a.name_en AS agency_name_en, a.name_sw AS agency_name_sw \
         FROM user_roles r JOIN users u ON u.id = r.user_id LEFT JOIN agencies a ON a.id = r.agency_id \
         WHERE r.role <> 'citizen' ORDER BY u.first_name, u.id, r.role, a.name_en"
    )
    .fetch_all(pool)
    .await
    })
}

/// Officers' limits: (user id, service id, service slug, name in English, in Kiswahili).
pub async fn limits(db: &Db) -> Result<Vec<(i64, i64, String, String, String)>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT o.user_id, s.id, s.slug, s.name_en, s.name_sw FROM officer_services o \
         JOIN services s ON s.id = o.service_id ORDER BY s.name_en"
    )
    .fetch_all(pool)
    .await)
}

/// A role to give.
pub struct Grant<'a> {
    pub user_id: i64,
    pub role: &'a str,
    pub agency_id: Option<i64>,
    /// For an officer: limit them to this service of the agency.
    pub service_id: Option<i64>,
}

/// Gives a role (and an officer's service limit); false if it was held already.
pub async fn grant(db: &Db, who: &Who, g: &Grant<'_>) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let held: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM user_roles WHERE user_id = $1 AND role = $2 AND COALESCE(agency_id, 0) = COALESCE($3, 0)",
        )
        .bind(g.user_id)
        .bind(g.role)
        .bind(g.agency_id)
        .fetch_optional(&mut *tx)
        .await?;
        let limit_held: Option<i64> = match g.service_id {
            Some(service) => {
                sqlx::query_scalar(
                    "SELECT id FROM officer_services WHERE user_id = $1 AND service_id = $2",
                )
                .bind(g.user_id)
                .bind(service)
                .fetch_optional(&mut *tx)
                .await?
            }
            None => Some(0),
        };
        if held.is_some() && limit_held.is_some() {
            return Ok(false);
        }
        if held.is_none() {
            sqlx::query(
                "INSERT INTO user_roles (user_id, role, agency_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)",
            )
            .bind(g.user_id)
            .bind(g.role)
            .bind(g.agency_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        if let (Some(service), None) = (g.service_id, limit_held) {
            sqlx::query(
                "INSERT INTO officer_services (user_id, service_id, created_at, updated_at) VALUES ($1, $2, $3, $3)",
            )
            .bind(g.user_id)
            .bind(service)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        let subject = format!("user:{}", g.user_id);
        let detail =
            json!({ "role": g.role, "agency": g.agency_id, "service": g.service_id }).to_string();
        audit_append!(
            tx,
            &Entry {
                who,
                action: "role_granted",
                application_id: None,
                subject: &subject,
                detail: &detail
            },
            now
        );
        tx.commit().await?;
        Ok(true)
    })
}

/// Removes a staff role (an officer's limits at that agency go with it); the person's id
/// if there was such a role.
pub async fn remove(db: &Db, who: &Who, role_id: i64) -> Result<Option<i64>, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let row: Option<(i64, String, Option<i64>)> = sqlx::query_as(
            "SELECT user_id, role, agency_id FROM user_roles WHERE id = $1 AND role <> 'citizen'",
        )
        .bind(role_id)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((user_id, role, agency_id)) = row else {
            return Ok(None);
        };
        sqlx::query("DELETE FROM user_roles WHERE id = $1")
            .bind(role_id)
            .execute(&mut *tx)
            .await?;
        if role == "officer" {
            sqlx::query(
                "DELETE FROM officer_services WHERE user_id = $1 AND service_id IN \
                 (SELECT id FROM services WHERE agency_id = $2)",
            )
            .bind(user_id)
            .bind(agency_id)
            .execute(&mut *tx)
            .await?;
        }
        let subject = format!("user:{user_id}");
        let detail = json!({ "role": role, "agency": agency_id }).to_string();
        audit_append!(
            tx,
            &Entry {
                who,
                action: "role_removed",
                application_id: None,
                subject: &subject,
                detail: &detail
            },
            now
        );
        tx.commit().await?;
        Ok(Some(user_id))
    })
}

/// Lifts an officer's limit to one service; false if there was none.
pub async fn remove_limit(
    db: &Db,
    who: &Who,
    user_id: i64,
    service_id: i64,
) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let gone =
            sqlx::query("DELETE FROM officer_services WHERE user_id = $1 AND service_id = $2")
                .bind(user_id)
                .bind(service_id)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        if gone == 0 {
            return Ok(false);
        }
        let subject = format!("user:{user_id}");
        let detail = json!({ "service": service_id }).to_string();
        audit_append!(
            tx,
            &Entry {
                who,
                action: "limit_removed",
                application_id: None,
                subject: &subject,
                detail: &detail
            },
            now
        );
        tx.commit().await?;
        Ok(true)
    })
}

/// Disables an account (ending all its sessions) or enables it again; false if it was so
/// already or there is no such account.
pub async fn set_disabled(
    db: &Db,
    who: &Who,
    user_id: i64,
    disabled: bool,
) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let (from, to, action) = if disabled {
        ("active", "disabled", "account_disabled")
    } else {
        ("disabled", "active", "account_enabled")
    };
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        let changed = sqlx::query(
            "UPDATE users SET status = $1, updated_at = $2 WHERE id = $3 AND status = $4",
        )
        .bind(to)
        .bind(now)
        .bind(user_id)
        .bind(from)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Ok(false);
        }
        if disabled {
            sqlx::query("DELETE FROM sessions WHERE user_id = $1")
                .bind(user_id)
                .execute(&mut *tx)
                .await?;
        }
        let subject = format!("user:{user_id}");
        audit_append!(
            tx,
            &Entry {
                who,
                action,
                application_id: None,
                subject: &subject,
                detail: "{}"
            },
            now
        );
        tx.commit().await?;
        Ok(true)
    })
}

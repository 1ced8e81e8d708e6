//! The back office's data: where each staff member works (their posts), the work queue
//! with keyset pagination, who holds an application, and internal notes.

use crate::data::Db;
use crate::with_pool;
use chrono::{DateTime, Utc};

/// A role someone holds: citizen and administrator have no agency; officers and
/// supervisors have one each post.
#[derive(sqlx::FromRow, Clone, Debug, PartialEq, Eq)]
pub struct PostRow {
    pub role: String,
    pub agency_id: Option<i64>,
    pub agency_slug: Option<String>,
    pub agency_name_en: Option<String>,
    pub agency_name_sw: Option<String>,
}

pub async fn posts(db: &Db, user_id: i64) -> Result<Vec<PostRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT r.role, r.agency_id, a.slug AS agency_slug, a.name_en AS agency_name_en, \
         a.name_sw AS agency_name_sw FROM user_roles r LEFT JOIN agencies a ON a.id = r.agency_id \
         WHERE r.user_id = $1 ORDER BY r.id"
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)
}

/// The services an officer is limited to, as (service id, its agency id); empty: none.
pub async fn limited_services(db: &Db, user_id: i64) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT s.id, s.agency_id FROM officer_services o JOIN services s ON s.id = o.service_id \
         WHERE o.user_id = $1"
    )
    .bind(user_id)
    .fetch_all(pool)
    .await)
}

/// The officers and supervisors of an agency, as (user id, first name, last name).
pub async fn staff_of(
    db: &Db,
    agency_id: i64,
) -> Result<Vec<(i64, String, Option<String>)>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT DISTINCT u.id, u.first_name, u.last_name FROM user_roles r \
         JOIN users u ON u.id = r.user_id \
         WHERE r.agency_id = $1 AND r.role IN ('officer', 'supervisor') AND u.status = 'active' \
         ORDER BY u.first_name, u.id"
    )
    .bind(agency_id)
    .fetch_all(pool)
    .await)
}

/// Whose work it is, in the queue's filter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holder {
    Anyone,
    Nobody,
    User(i64),
}

/// One page of the work queue.
#[derive(Clone, Debug)]
pub struct QueueQuery<'a> {
    pub agency_id: i64,
    /// The officer's own limit (None: all the agency's services).
    pub within: Option<&'a [i64]>,
    pub service_id: Option<i64>,
    pub statuses: &'a [&'a str],
    /// Sent before this (an age filter).
    pub submitted_before: Option<DateTime<Utc>>,
    pub holder: Holder,
    /// Only those due before this moment (overdue).
    pub due_before: Option<DateTime<Utc>>,
    /// Latest due first rather than soonest.
    pub descending: bool,
    /// Keyset: rows after this (due date, id) in the chosen order, or before it when
    /// `backwards` (the previous page).
    pub cursor: Option<(DateTime<Utc>, i64)>,
    pub backwards: bool,
    pub limit: i64,
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct QueueRow {
    pub id: i64,
    pub public_id: String,
    pub reference: Option<String>,
    pub service_name_en: String,
    pub service_name_sw: String,
    pub status: String,
    pub submitted_at: Option<DateTime<Utc>>,
    pub due_at: DateTime<Utc>,
    pub assigned_to: Option<i64>,
    pub assignee_first: Option<String>,
    pub assignee_last: Option<String>,
}

/// A value bound into a query built at run time.
enum Arg {
    Int(i64),
    Text(String),
    Time(DateTime<Utc>),
}

macro_rules! bind_all {
    ($query:expr, $args:expr) => {{
        let mut query = $query;
        for arg in $args {
            query = match arg {
                Arg::Int(v) => query.bind(*v),
                Arg::Text(v) => query.bind(v.as_str()),
                Arg::Time(v) => query.bind(*v),
            };
        }
        query
    }};
}

/// A page of the queue in display order. Every filter is a bound value; the order is
/// (due date, id), which `applications_due` serves, so a page costs the same on the
/// hundredth page as on the first.
pub async fn queue(db: &Db, q: &QueueQuery<'_>) -> Result<Vec<QueueRow>, sqlx::Error> {
    let mut args: Vec<Arg> = Vec::new();
    let next = |args: &mut Vec<Arg>, arg: Arg| {
        args.push(arg);
        format!("${}", args.len())
    };
    let mut sql = String::from(
        "SELECT a.id, a.public_id, a.reference, s.name_en AS service_name_en, \
         s.name_sw AS service_name_sw, a.status, a.submitted_at, a.due_at, a.assigned_to, \
         u.first_name AS assignee_first, u.last_name AS assignee_last \
         FROM applications a JOIN services s ON s.id = a.service_id \
         LEFT JOIN users u ON u.id = a.assigned_to WHERE a.due_at IS NOT NULL",
    );
    let p = next(&mut args, Arg::Int(q.agency_id));
    sql.push_str(&format!(" AND s.agency_id = {p}"));
    let statuses: Vec<String> = q
        .statuses
        .iter()
        .map(|s| next(&mut args, Arg::Text(s.to_string())))
        .collect();
    sql.push_str(&format!(" AND a.status IN ({})", statuses.join(", ")));
    if let Some(within) = q.within {
        let ids: Vec<String> = within
            .iter()
            .map(|id| next(&mut args, Arg::Int(*id)))
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        sql.push_str(&format!(" AND a.service_id IN ({})", ids.join(", ")));
    }
    if let Some(id) = q.service_id {
        let p = next(&mut args, Arg::Int(id));
        sql.push_str(&format!(" AND a.service_id = {p}"));
    }
    if let Some(before) = q.submitted_before {
        let p = next(&mut args, Arg::Time(before));
        sql.push_str(&format!(" AND a.submitted_at < {p}"));
    }
    match q.holder {
        Holder::Anyone => {}
        Holder::Nobody => sql.push_str(" AND a.assigned_to IS NULL"),
        Holder::User(id) => {
            let p = next(&mut args, Arg::Int(id));
            sql.push_str(&format!(" AND a.assigned_to = {p}"));
        }
    }
    if let Some(before) = q.due_before {
        let p = next(&mut args, Arg::Time(before));
        sql.push_str(&format!(" AND a.due_at < {p}"));
    }
    // Reading backwards (the previous page) walks the order in reverse, then flips.
    let reverse = q.descending != q.backwards;
    if let Some((due, id)) = q.cursor {
        let d = next(&mut args, Arg::Time(due));
        let i = next(&mut args, Arg::Int(id));
        let op = if reverse { "<" } else { ">" };
        sql.push_str(&format!(" AND (a.due_at, a.id) {op} ({d}, {i})"));
    }
    let dir = if reverse { "DESC" } else { "ASC" };
    let l = next(&mut args, Arg::Int(q.limit));
    sql.push_str(&format!(" ORDER BY a.due_at {dir}, a.id {dir} LIMIT {l}"));
    let mut rows: Vec<QueueRow> = with_pool!(db, |pool| bind_all!(
        sqlx::query_as::<_, QueueRow>(&sql),
        &args
    )
    .fetch_all(pool)
    .await)?;
    if q.backwards {
        rows.reverse();
    }
    Ok(rows)
}

/// The application's holder, if any: (user id, first name, last name).
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Holding {
    pub assigned_to: Option<i64>,
    pub assigned_at: Option<DateTime<Utc>>,
    pub due_at: Option<DateTime<Utc>>,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
}

pub async fn holding(db: &Db, application_id: i64) -> Result<Holding, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT a.assigned_to, a.assigned_at, a.due_at, u.first_name, u.last_name \
         FROM applications a LEFT JOIN users u ON u.id = a.assigned_to WHERE a.id = $1"
    )
    .bind(application_id)
    .fetch_one(pool)
    .await)
}

/// Gives the application to `to` (None: to nobody). `only_from` makes it conditional on
/// who holds it now (claiming: nobody; releasing: the one releasing), so two officers
/// claiming at once cannot both win. True when it changed.
pub async fn set_holder(
    db: &Db,
    application_id: i64,
    to: Option<i64>,
    only_from: Option<Holder>,
) -> Result<bool, sqlx::Error> {
    let now = Utc::now();
    let condition = match only_from {
        None | Some(Holder::Anyone) => "",
        Some(Holder::Nobody) => " AND assigned_to IS NULL",
        Some(Holder::User(_)) => " AND assigned_to = $4",
    };
    let holder = match only_from {
        Some(Holder::User(id)) => id,
        _ => 0,
    };
    let sql = format!(
        "UPDATE applications SET assigned_to = $1, assigned_at = $2, updated_at = $2 \
         WHERE id = $3{condition}"
    );
    let assigned_at = to.map(|_| now);
    let changed = with_pool!(db, |pool| {
        let query = sqlx::query(&sql)
            .bind(to)
            .bind(assigned_at.unwrap_or(now))
            .bind(application_id);
        let query = if condition.contains("$4") {
            query.bind(holder)
        } else {
            query
        };
        query.execute(pool).await.map(|r| r.rows_affected())
    })?;
    Ok(changed == 1)
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct NoteRow {
    pub id: i64,
    pub first_name: String,
    pub last_name: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

pub async fn notes(db: &Db, application_id: i64) -> Result<Vec<NoteRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT n.id, u.first_name, u.last_name, n.body, n.created_at FROM staff_notes n \
         JOIN users u ON u.id = n.author_id WHERE n.application_id = $1 ORDER BY n.id"
    )
    .bind(application_id)
    .fetch_all(pool)
    .await)
}

pub async fn add_note(
    db: &Db,
    application_id: i64,
    author_id: i64,
    body: &str,
) -> Result<i64, sqlx::Error> {
    let now = Utc::now();
    with_pool!(db, |pool| sqlx::query_scalar(
        "INSERT INTO staff_notes (application_id, author_id, body, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $4) RETURNING id"
    )
    .bind(application_id)
    .bind(author_id)
    .bind(body)
    .bind(now)
    .fetch_one(pool)
    .await)
}

#[derive(sqlx::FromRow, Clone, Debug)]
pub struct CollectionRow {
    pub collector_id_number: String,
    pub guardian_id_number: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn collection(
    db: &Db,
    application_id: i64,
) -> Result<Option<CollectionRow>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT collector_id_number, guardian_id_number, created_at FROM collections \
         WHERE application_id = $1"
    )
    .bind(application_id)
    .fetch_optional(pool)
    .await)
}

/// Names of people by id (staff in a timeline), as (id, first name, last name).
pub async fn names(
    db: &Db,
    ids: &[i64],
) -> Result<Vec<(i64, String, Option<String>)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT id, first_name, last_name FROM users WHERE id IN ({})",
        marks.join(", ")
    );
    with_pool!(db, |pool| {
        let mut query = sqlx::query_as(&sql);
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(pool).await
    })
}

/// An agency or service by id, slug and name.
#[derive(sqlx::FromRow, Clone, Debug)]
pub struct Named {
    pub id: i64,
    pub slug: String,
    pub name_en: String,
    pub name_sw: String,
}

impl Named {
    pub fn name(&self, lang: crate::i18n::Lang) -> &str {
        match lang {
            crate::i18n::Lang::En => &self.name_en,
            crate::i18n::Lang::Sw => &self.name_sw,
        }
    }
}

/// Every agency (administrators see all of them).
pub async fn agencies(db: &Db) -> Result<Vec<Named>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, slug, name_en, name_sw FROM agencies ORDER BY name_en"
    )
    .fetch_all(pool)
    .await)
}

/// An agency's services, by name.
pub async fn services_of(db: &Db, agency_id: i64) -> Result<Vec<Named>, sqlx::Error> {
    with_pool!(db, |pool| sqlx::query_as(
        "SELECT id, slug, name_en, name_sw FROM services WHERE agency_id = $1 ORDER BY name_en"
    )
    .bind(agency_id)
    .fetch_all(pool)
    .await)
}

//! The embedded registry's synthetic people (server/seed/registry.toml, compiled in), and
//! the demo accounts that development installs get.

use app::data::Db;
use app::with_pool;
use chrono::{NaiveDate, Utc};
use serde::Deserialize;

static REGISTRY_FILE: &str = include_str!("../../seed/registry.toml");

#[derive(Debug, Deserialize)]
struct RegistryFile {
    person: Vec<Person>,
}

#[derive(Debug, Deserialize)]
pub struct Person {
    pub id_type: String,
    pub id_number: String,
    pub first_name: String,
    pub last_name: String,
    pub other_names: Option<String>,
    pub gender: String,
    pub date_of_birth: NaiveDate,
}

pub fn registry_people() -> Result<Vec<Person>, toml::de::Error> {
    Ok(toml::from_str::<RegistryFile>(REGISTRY_FILE)?.person)
}

/// Upserts every synthetic person; returns how many there are.
pub async fn write_registry(db: &Db) -> Result<usize, super::SeedError> {
    let people = registry_people().map_err(|e| super::SeedError::Registry(e.to_string()))?;
    let now = Utc::now();
    with_pool!(db, |pool| {
        let mut tx = pool.begin().await?;
        for p in &people {
            sqlx::query(
                "INSERT INTO registry_people (id_type, id_number, first_name, last_name, other_names, gender, date_of_birth, created_at, updated_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) \
                 ON CONFLICT (id_type, id_number) DO UPDATE SET first_name = excluded.first_name, \
                 last_name = excluded.last_name, other_names = excluded.other_names, gender = excluded.gender, \
                 date_of_birth = excluded.date_of_birth, updated_at = excluded.updated_at",
            )
            .bind(&p.id_type)
            .bind(&p.id_number)
            .bind(&p.first_name)
            .bind(&p.last_name)
            .bind(&p.other_names)
            .bind(&p.gender)
            .bind(p.date_of_birth)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        }
        tx.commit().await?;
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(people.len())
}

/// A demo account: who, how to sign in, and which role.
pub struct DemoAccount {
    pub label: &'static str,
    pub id_number: &'static str,
    pub email: &'static str,
    pub phone: &'static str,
    pub password: &'static str,
    /// (role, agency slug): an officer or supervisor may hold posts at several agencies.
    pub roles: &'static [(&'static str, Option<&'static str>)],
}

/// The demo sign-ins printed by the run command. Development installs only.
pub const DEMO_ACCOUNTS: [DemoAccount; 4] = [
    DemoAccount {
        label: "citizen",
        id_number: "12345678",
        email: "wanjiku@example.com",
        phone: "+254712000001",
        password: "demo citizen passphrase",
        roles: &[("citizen", None)],
    },
    DemoAccount {
        label: "officer (Immigration; Lands)",
        id_number: "23456789",
        email: "otieno@example.com",
        phone: "+254712000002",
        password: "demo officer passphrase",
        roles: &[
            ("officer", Some("immigration")),
            ("officer", Some("ministry-lands")),
        ],
    },
    DemoAccount {
        label: "supervisor (Immigration; Lands)",
        id_number: "45678901",
        email: "baraka@example.com",
        phone: "+254712000004",
        password: "demo supervisor passphrase",
        roles: &[
            ("supervisor", Some("immigration")),
            ("supervisor", Some("ministry-lands")),
        ],
    },
    DemoAccount {
        label: "administrator",
        id_number: "34567890",
        email: "amani@example.com",
        phone: "+254712000003",
        password: "demo administrator passphrase",
        roles: &[("administrator", None)],
    },
];

/// Creates the demo accounts if they do not exist yet (active, contact details verified),
/// and gives every demo account the roles listed (an older install gains new posts).
pub async fn write_demo_accounts(db: &Db) -> Result<usize, super::SeedError> {
    let people = registry_people().map_err(|e| super::SeedError::Registry(e.to_string()))?;
    let mut created = 0;
    for demo in &DEMO_ACCOUNTS {
        let id = match app::data::accounts::users::by_id_number(db, demo.id_number).await? {
            Some(user) => user.id,
            None => {
                created += 1;
                create_demo(db, demo, &people).await?
            }
        };
        let now = Utc::now();
        for (role, agency) in demo.roles {
            with_pool!(db, |pool| {
                sqlx::query(
                "INSERT INTO user_roles (user_id, role, agency_id, created_at, updated_at) \
                 SELECT $1, $2, (SELECT id FROM agencies WHERE slug = $3), $4, $4 \
                 WHERE NOT EXISTS (SELECT 1 FROM user_roles r WHERE r.user_id = $1 AND r.role = $2 \
                   AND COALESCE(r.agency_id, 0) = COALESCE((SELECT id FROM agencies WHERE slug = $3), 0))",
            )
            .bind(id)
            .bind(*role)
            .bind(*agency)
            .bind(now)
            .execute(pool)
            .await
            .map(|_| ())
            })?;
        }
    }
    Ok(created)
}

async fn create_demo(
    db: &Db,
    demo: &DemoAccount,
    people: &[Person],
) -> Result<i64, super::SeedError> {
    let Some(person) = people.iter().find(|p| p.id_number == demo.id_number) else {
        return Err(super::SeedError::Registry(format!(
            "demo person {} missing",
            demo.id_number
        )));
    };
    let hash = app::auth::password::hash(demo.password.to_string())
        .await
        .map_err(|e| super::SeedError::Registry(e.to_string()))?;
    let now = Utc::now();
    use chrono::Datelike;
    let id: i64 = with_pool!(db, |pool| {
        sqlx::query_scalar(
        "INSERT INTO users (account_type, id_number, first_name, last_name, other_names, gender, year_of_birth, \
         date_of_birth, email, phone, email_verified_at, phone_verified_at, password_hash, status, language, created_at, updated_at) \
         VALUES ('citizen', $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $11, 'active', 'en', $10, $10) RETURNING id",
    )
    .bind(demo.id_number)
    .bind(&person.first_name)
    .bind(&person.last_name)
    .bind(&person.other_names)
    .bind(&person.gender)
    .bind(person.date_of_birth.year())
    .bind(person.date_of_birth)
    .bind(demo.email)
    .bind(demo.phone)
    .bind(now)
    .bind(&hash)
    .fetch_one(pool)
    .await
    })?;
    Ok(id)
}

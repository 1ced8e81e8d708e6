//! One handle for both databases. `Db` wraps a typed pool per backend rather than sqlx's
//! `Any` driver, so both keep their native types (TIMESTAMPTZ, BOOLEAN) and PostgreSQL keeps
//! LISTEN/NOTIFY; `with_pool!` runs the same query code against whichever pool is in use.
//! SQL is written once in the common dialect (`$1` placeholders work on both).
//! See docs/decisions/0002-one-data-layer-two-databases.md.

use sqlx::{postgres::PgPoolOptions, sqlite::SqliteConnectOptions, PgPool, SqlitePool};
use std::{str::FromStr, time::Duration};

#[derive(Clone, Debug)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Chooses the backend from a `DATABASE_URL`'s scheme.
    pub fn from_url(url: &str) -> Option<Backend> {
        let scheme = url.split(':').next()?;
        match scheme {
            "sqlite" => Some(Backend::Sqlite),
            "postgres" | "postgresql" => Some(Backend::Postgres),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// Runs `$body` with `$pool` bound to the concrete pool. Each arm is type-checked against
/// its own database, so a query that only one backend supports fails to compile here.
#[macro_export]
macro_rules! with_pool {
    ($db:expr, |$pool:ident| $body:expr) => {
        match $db {
            $crate::data::Db::Sqlite($pool) => $body,
            $crate::data::Db::Postgres($pool) => $body,
        }
    };
}

/// Whether `error` is a unique violation of `table.column`: a random identifier that came
/// out the same as one already taken. SQLite names the column in its message; PostgreSQL
/// names the constraint (`<table>_<column>_key` for a column declared `UNIQUE`).
pub fn collided(error: &sqlx::Error, table: &str, column: &str) -> bool {
    match error {
        sqlx::Error::Database(e) if e.is_unique_violation() => {
            let constraint = format!("{table}_{column}_key");
            e.constraint() == Some(constraint.as_str())
                || e.message().contains(&format!("{table}.{column}"))
                || e.message().contains(&constraint)
        }
        _ => false,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConnectError {
    #[error("DATABASE_URL must start with sqlite:// or postgres:// (got scheme {0:?})")]
    UnknownScheme(String),
    #[error("could not create the directory for the SQLite database {path}: {source}")]
    CreateDir {
        path: String,
        source: std::io::Error,
    },
    #[error("could not connect to the database: {0}")]
    Connect(#[from] sqlx::Error),
}

impl Db {
    /// Connects to the database named by `url`, creating a SQLite file (and its directory)
    /// on first use. SQLite runs in WAL mode with foreign keys on.
    pub async fn connect(url: &str) -> Result<Db, ConnectError> {
        match Backend::from_url(url) {
            Some(Backend::Sqlite) => {
                let options = SqliteConnectOptions::from_str(url)?
                    .create_if_missing(true)
                    .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                    .synchronous(sqlx::sqlite::SqliteSynchronous::Normal)
                    .foreign_keys(true)
                    .busy_timeout(Duration::from_secs(5));
                if let Some(dir) = options.get_filename().parent() {
                    if !dir.as_os_str().is_empty() {
                        std::fs::create_dir_all(dir).map_err(|source| ConnectError::CreateDir {
                            path: dir.display().to_string(),
                            source,
                        })?;
                    }
                }
                let pool = sqlx::sqlite::SqlitePoolOptions::new()
                    .max_connections(8)
                    .connect_with(options)
                    .await?;
                Ok(Db::Sqlite(pool))
            }
            Some(Backend::Postgres) => {
                let pool = PgPoolOptions::new()
                    .max_connections(16)
                    .acquire_timeout(Duration::from_secs(5))
                    .connect(url)
                    .await?;
                Ok(Db::Postgres(pool))
            }
            None => Err(ConnectError::UnknownScheme(
                url.split(':').next().unwrap_or_default().to_string(),
            )),
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    /// True when the database answers a trivial query (for `/readyz`).
    pub async fn ping(&self) -> bool {
        with_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .is_ok())
    }

    /// True once the pool has been closed (background tasks then stop).
    pub fn is_closed(&self) -> bool {
        with_pool!(self, |pool| pool.is_closed())
    }

    pub async fn close(&self) {
        with_pool!(self, |pool| pool.close().await)
    }
}

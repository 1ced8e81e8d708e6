//! Embedded migrations, one folder per SQL dialect. They run at start-up; a failure stops
//! the server with a message that names the migration.

use app::data::Db;

static SQLITE: sqlx::migrate::Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES: sqlx::migrate::Migrator = sqlx::migrate!("migrations/postgres");

pub async fn run(db: &Db) -> Result<(), sqlx::migrate::MigrateError> {
    match db {
        Db::Sqlite(pool) => SQLITE.run(pool).await,
        Db::Postgres(pool) => POSTGRES.run(pool).await,
    }
}

//! Start-up behaviour: the database is created on first run, and a failed migration stops
//! the server with a clear message.

use app::data::Db;
use uraia_server::config::Config;

fn config(database_url: String) -> Config {
    use clap::Parser;
    uraia_server::cli::Cli::parse_from(["uraia", "--database-url", &database_url]).config
}

#[tokio::test]
async fn sqlite_database_and_directory_are_created_on_first_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/uraia.db");
    let db =
        uraia_server::serve::connect_and_migrate(&config(format!("sqlite://{}", path.display())))
            .await
            .expect("fresh database migrates");
    assert!(path.exists());
    assert!(db.ping().await);
    db.close().await;
}

#[tokio::test]
async fn a_failed_migration_stops_start_up_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("clash.db").display());
    let Db::Sqlite(pool) = Db::connect(&url).await.unwrap() else {
        unreachable!()
    };
    sqlx::query("CREATE TABLE agencies (id INTEGER PRIMARY KEY)")
        .execute(&pool)
        .await
        .unwrap();
    pool.close().await;
    let error = uraia_server::serve::connect_and_migrate(&config(url))
        .await
        .expect_err("migration clashes");
    let message = format!("{error:#}");
    assert!(message.contains("database migration failed"), "{message}");
}

#[test]
fn an_unknown_database_scheme_is_refused() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let error = rt
        .block_on(Db::connect("mysql://localhost/x"))
        .expect_err("refused");
    assert!(
        error.to_string().contains("sqlite:// or postgres://"),
        "{error}"
    );
}

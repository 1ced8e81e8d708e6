//! Test harness: a seeded app per test on SQLite or PostgreSQL, and request helpers.

use app::data::Db;
use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode},
    Router,
};
use http_body_util::BodyExt;
use leptos::config::LeptosOptions;
use tower::ServiceExt;

pub struct TestApp {
    pub router: Router,
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>, // (admin url, database name) to drop afterwards
    site_root: String,
}

fn options(site_root: &str) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("uraia")
        .site_root(site_root)
        .hash_files(false)
        .build()
}

async fn build_with(
    db: Db,
    site_root: &str,
    customise: impl FnOnce(&mut app::state::AppState),
) -> Router {
    uraia_server::migrate::run(&db)
        .await
        .expect("migrations run");
    uraia_server::seed::all(&db, false)
        .await
        .expect("catalogue seeds");
    let files = std::path::Path::new(site_root).join("files");
    let mut state =
        uraia_server::app_state::development(options(site_root), db, &files).expect("state builds");
    customise(&mut state);
    uraia_server::router(state)
}

/// A seeded app on a fresh SQLite file.
pub async fn sqlite_app() -> TestApp {
    sqlite_app_with(|_| {}).await
}

/// A seeded app on a fresh SQLite file, with its state changed first (adapters).
pub async fn sqlite_app_with(customise: impl FnOnce(&mut app::state::AppState)) -> TestApp {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("test.db").display());
    let db = Db::connect(&url).await.expect("sqlite connects");
    let site_root = dir.path().display().to_string();
    let router = build_with(db.clone(), &site_root, customise).await;
    TestApp {
        router,
        db,
        _dir: Some(dir),
        pg: None,
        site_root,
    }
}

/// A seeded app on a fresh PostgreSQL database, or `None` when PostgreSQL is not reachable
/// (unless `URAIA_REQUIRE_POSTGRES=1`, which the test script sets when it found one).
pub async fn postgres_app() -> Option<TestApp> {
    postgres_app_with(|_| {}).await
}

/// As `postgres_app`, with the state changed first (adapters).
pub async fn postgres_app_with(
    customise: impl FnOnce(&mut app::state::AppState),
) -> Option<TestApp> {
    let admin_url = std::env::var("TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/test".to_string());
    let required = std::env::var("URAIA_REQUIRE_POSTGRES").is_ok_and(|v| v == "1");
    let admin = match tokio::time::timeout(
        std::time::Duration::from_secs(3),
        Db::connect(&admin_url),
    )
    .await
    {
        Ok(Ok(db)) => db,
        other => {
            assert!(
                !required,
                "PostgreSQL at {admin_url} was required but not reachable: {other:?}"
            );
            eprintln!("skipped: PostgreSQL at {admin_url} is not reachable");
            return None;
        }
    };
    let name = format!("uraia_test_{}", uuid::Uuid::new_v4().simple());
    let Db::Postgres(pool) = &admin else {
        panic!("TEST_POSTGRES_URL must be a postgres:// URL")
    };
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(pool)
        .await
        .expect("create test database");
    admin.close().await;
    let base = admin_url
        .rsplit_once('/')
        .map(|(b, _)| b)
        .unwrap_or(&admin_url);
    let db = Db::connect(&format!("{base}/{name}"))
        .await
        .expect("test database connects");
    let dir = tempfile::tempdir().expect("temp dir");
    let site_root = dir.path().display().to_string();
    let router = build_with(db.clone(), &site_root, customise).await;
    Some(TestApp {
        router,
        db,
        _dir: Some(dir),
        pg: Some((admin_url, name)),
        site_root,
    })
}

impl TestApp {
    /// The app's file store (the local directory its state uses).
    pub fn files(&self) -> app::files::store::FileStore {
        app::files::store::local(&std::path::Path::new(&self.site_root).join("files"))
            .expect("file store")
    }

    /// The PostgreSQL database's URL, for a second instance on the same database.
    pub fn postgres_url(&self) -> Option<String> {
        let (admin_url, name) = self.pg.as_ref()?;
        let base = admin_url.rsplit_once('/').map(|(b, _)| b)?;
        Some(format!("{base}/{name}"))
    }

    /// A second app instance on this one's database (its own pool, hub and listener), as
    /// another server would be.
    pub async fn another_instance(&self) -> Router {
        let url = self.postgres_url().expect("a PostgreSQL test app");
        let db = Db::connect(&url).await.expect("second instance connects");
        let files = std::path::Path::new(&self.site_root).join("files");
        let state = uraia_server::app_state::development(options(&self.site_root), db, &files)
            .expect("state builds");
        uraia_server::router(state)
    }

    /// The site root the app serves static files from (a temp dir).
    pub fn site_root(&self) -> &str {
        self.site_root.as_str()
    }

    /// Closes the pool and drops the PostgreSQL test database (the SQLite file goes with
    /// its temp dir).
    pub async fn cleanup(self) {
        self.db.close().await;
        if let Some((admin_url, name)) = self.pg {
            if let Ok(Db::Postgres(pool)) = Db::connect(&admin_url).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .execute(&pool)
                    .await;
                pool.close().await;
            }
        }
    }

    pub async fn send(&self, request: Request<Body>) -> Response {
        let res = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = res
            .into_body()
            .collect()
            .await
            .expect("body reads")
            .to_bytes();
        Response {
            status,
            headers,
            body: bytes.to_vec(),
        }
    }

    /// GET with optional extra headers.
    pub async fn get(&self, uri: &str, headers: &[(&str, &str)]) -> Response {
        let mut req = Request::get(uri);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        self.send(req.body(Body::empty()).expect("request builds"))
            .await
    }
}

pub struct Response {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Response {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// Runs each listed `async fn name(app: &TestApp)` once on SQLite and once on PostgreSQL
/// (skipped, and said so, when PostgreSQL is not reachable).
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $name() {
                    let app = $crate::support::sqlite_app().await;
                    super::$name(&app).await;
                    app.cleanup().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                async fn $name() {
                    let Some(app) = $crate::support::postgres_app().await else { return };
                    super::$name(&app).await;
                    app.cleanup().await;
                }
            )*
        }
    };
}
pub(crate) use on_both_backends;

//! Uploaded files in an S3-compatible bucket, over real HTTP: moto's standalone server (PyPI
//! `moto[server]`, installed by scripts/install-tools.sh), started here as a child process.
//! The store is built by `app::files::store::s3`, as the server builds it from `S3_*`.

use crate::application_files::{file_id, pdf, start, upload};
use crate::browser::citizen;
use crate::support::sqlite_app_with;
use app::files::store::{self, FileStore, S3Config};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// moto's server; stopped when dropped.
struct Moto {
    child: Child,
    endpoint: String,
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Moto {
    /// Creates `bucket` (moto accepts an unsigned `PUT /<bucket>`) and returns a store for it.
    async fn store(&self, bucket: &str) -> FileStore {
        let res = reqwest::Client::new()
            .put(format!("{}/{bucket}", self.endpoint))
            .send()
            .await
            .expect("moto answers");
        assert!(
            res.status().is_success(),
            "creating the bucket {bucket}: {}",
            res.status()
        );
        self.store_for(bucket)
    }

    /// A store for `bucket`, which may not exist.
    fn store_for(&self, bucket: &str) -> FileStore {
        store::s3(&S3Config {
            bucket: bucket.to_string(),
            endpoint: Some(self.endpoint.clone()),
            region: "us-east-1".to_string(),
            access_key_id: "uraia-test".to_string(),
            secret_access_key: "uraia-test-secret".to_string(),
        })
        .expect("the S3 store builds")
    }
}

/// Starts moto's server on a free port, or `None` when moto is not installed (unless
/// `URAIA_REQUIRE_S3=1`, which the test script sets: it installs moto first).
async fn start_moto() -> Option<Moto> {
    let required = std::env::var("URAIA_REQUIRE_S3").is_ok_and(|v| v == "1");
    let installed = Command::new("python3")
        .args(["-c", "import moto.server"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if !installed {
        assert!(
            !required,
            "URAIA_REQUIRE_S3=1 but moto is not installed (`python3 -c 'import moto.server'` \
             failed): run scripts/install-tools.sh"
        );
        eprintln!("skipped: moto is not installed (scripts/install-tools.sh installs it)");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("python3")
        .args(["-m", "moto.server", "-H", "127.0.0.1", "-p"])
        .arg(port.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 starts");
    let mut moto = Moto {
        child,
        endpoint: format!("http://127.0.0.1:{port}"),
    };
    let ready = format!("{}/moto-api/", moto.endpoint);
    // Importing moto takes a second or two, more on a busy machine.
    for _ in 0..600 {
        if reqwest::get(&ready)
            .await
            .is_ok_and(|r| r.status().is_success())
        {
            return Some(moto);
        }
        if let Ok(Some(status)) = moto.child.try_wait() {
            panic!("moto's server exited before it was ready: {status}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("moto's server did not start on port {port}");
}

#[tokio::test]
async fn the_s3_store_puts_gets_and_deletes_over_http() {
    let Some(moto) = start_moto().await else {
        return;
    };
    let files = moto.store("uraia-store-test").await;
    let key = store::new_key("pdf");
    let bytes = pdf();

    store::put(&files, &key, bytes.clone()).await.expect("put");
    assert_eq!(store::get(&files, &key).await.expect("get"), bytes);
    // Overwriting a key replaces its bytes.
    store::put(&files, &key, b"second".to_vec())
        .await
        .expect("put again");
    assert_eq!(store::get(&files, &key).await.expect("get"), b"second");

    store::delete(&files, &key).await.expect("delete");
    assert!(
        store::get(&files, &key).await.is_err(),
        "the file is gone after delete"
    );
    // Deleting what is already gone is not an error.
    store::delete(&files, &key).await.expect("delete again");

    // The requests really reach the server: a bucket that does not exist is refused.
    let missing = moto.store_for("uraia-no-such-bucket");
    assert!(store::put(&missing, &key, bytes).await.is_err());
}

#[tokio::test]
async fn documents_are_uploaded_to_and_served_from_the_bucket() {
    let Some(moto) = start_moto().await else {
        return;
    };
    let files = moto.store("uraia-application-files").await;
    let app = sqlite_app_with(|state| state.files = files.clone()).await;

    // The demo citizen uploads a document through the real endpoint and opens it again.
    let mut b = citizen(&app).await;
    let id = start(&mut b).await;
    let page = upload(&mut b, &id, "doc_passport", "passport.pdf", pdf()).await;
    assert!(page.contains("Uploaded: passport.pdf"), "{page}");
    let file = file_id(&page, "The photo page of your current passport");
    let res = b.get(&format!("/files/{file}")).await;
    assert_eq!(res.status, 200, "{}", res.text());
    assert_eq!(res.header("content-type"), Some("application/pdf"));
    assert_eq!(res.body, pdf());

    // The bytes are in the bucket, not in the local files folder.
    let storage_key: String = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT storage_key FROM application_files WHERE public_id = $1"
    )
    .bind(&file)
    .fetch_one(pool)
    .await
    .unwrap());
    assert_eq!(
        store::get(&files, &storage_key)
            .await
            .expect("in the bucket"),
        pdf()
    );
    let local = std::path::Path::new(app.site_root())
        .join("files")
        .join(&storage_key);
    assert!(!local.exists(), "{} exists", local.display());

    // A new upload replaces the old file, which is deleted from the bucket.
    let page = upload(&mut b, &id, "doc_passport", "passport-2.pdf", pdf()).await;
    assert!(page.contains("Uploaded: passport-2.pdf"), "{page}");
    assert_eq!(b.get(&format!("/files/{file}")).await.status, 404);
    assert!(store::get(&files, &storage_key).await.is_err());
    let replacement = file_id(&page, "The photo page of your current passport");
    assert_eq!(b.get(&format!("/files/{replacement}")).await.body, pdf());

    app.cleanup().await;
}

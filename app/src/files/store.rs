//! Where uploaded files are kept: behind `object_store`'s one interface, a folder on local
//! disk by default (`FILES_DIR`) or an S3-compatible bucket when configured. Keys are random
//! (never a name a person typed), and nothing is served from the store directly: every
//! download goes through a handler that checks who is asking.

use object_store::{local::LocalFileSystem, path::Path, ObjectStore, PutPayload};
use std::sync::Arc;

pub type FileStore = Arc<dyn ObjectStore>;

/// S3-compatible storage settings.
#[derive(Clone, Debug)]
pub struct S3Config {
    pub bucket: String,
    /// For S3-compatible services other than AWS (MinIO, Ceph…); unset for AWS.
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: String,
    pub secret_access_key: String,
}

/// A store on local disk under `dir` (created if missing).
pub fn local(dir: &std::path::Path) -> std::io::Result<FileStore> {
    std::fs::create_dir_all(dir)?;
    let store = LocalFileSystem::new_with_prefix(dir).map_err(std::io::Error::other)?;
    Ok(Arc::new(store))
}

pub fn s3(config: &S3Config) -> Result<FileStore, object_store::Error> {
    let mut builder = object_store::aws::AmazonS3Builder::new()
        .with_bucket_name(&config.bucket)
        .with_region(&config.region)
        .with_access_key_id(&config.access_key_id)
        .with_secret_access_key(&config.secret_access_key);
    if let Some(endpoint) = &config.endpoint {
        builder = builder
            .with_endpoint(endpoint)
            .with_allow_http(endpoint.starts_with("http://"))
            .with_virtual_hosted_style_request(false);
    }
    Ok(Arc::new(builder.build()?))
}

/// A new random key for an application file.
pub fn new_key(extension: &str) -> String {
    format!("applications/{}.{extension}", uuid::Uuid::new_v4().simple())
}

pub async fn put(store: &FileStore, key: &str, bytes: Vec<u8>) -> object_store::Result<()> {
    store
        .put(&Path::from(key), PutPayload::from(bytes))
        .await
        .map(|_| ())
}

pub async fn get(store: &FileStore, key: &str) -> object_store::Result<Vec<u8>> {
    Ok(store.get(&Path::from(key)).await?.bytes().await?.to_vec())
}

pub async fn delete(store: &FileStore, key: &str) -> object_store::Result<()> {
    match store.delete(&Path::from(key)).await {
        Err(object_store::Error::NotFound { .. }) => Ok(()),
        other => other,
    }
}

//! The phone's copy of drafts, in IndexedDB (the browser's own database, which outlives the
//! tab and a restart): a part's answers as typed, and files chosen while offline. Only in
//! the hydrated app; nothing is kept on a shared computer (the page says so, and the caller
//! does not store), and the service worker deletes this database when someone signs out.

use super::{kept, LocalDraft, LocalFile};
use idb::builder::{DatabaseBuilder, ObjectStoreBuilder};
use idb::{Database, TransactionMode};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::Blob;

const NAME: &str = kept::DATABASE;
const ANSWERS: &str = "answers";
const FILES: &str = "files";

async fn open() -> Result<Database, idb::Error> {
    DatabaseBuilder::new(NAME)
        .version(1)
        .add_object_store(ObjectStoreBuilder::new(ANSWERS))
        .add_object_store(ObjectStoreBuilder::new(FILES))
        .build()
        .await
}

fn part_key(application: &str, section: &str) -> String {
    format!("{application}/{section}")
}

async fn put(store: &str, key: &str, value: &JsValue) -> Result<(), idb::Error> {
    let db = open().await?;
    let tx = db.transaction(&[store], TransactionMode::ReadWrite)?;
    tx.object_store(store)?
        .put(value, Some(&JsValue::from_str(key)))?
        .await?;
    tx.await?;
    db.close();
    Ok(())
}

async fn get(store: &str, key: &str) -> Result<Option<JsValue>, idb::Error> {
    let db = open().await?;
    let tx = db.transaction(&[store], TransactionMode::ReadOnly)?;
    let value = tx.object_store(store)?.get(JsValue::from_str(key))?.await?;
    tx.await?;
    db.close();
    Ok(value)
}

async fn delete(store: &str, key: &str) -> Result<(), idb::Error> {
    let db = open().await?;
    let tx = db.transaction(&[store], TransactionMode::ReadWrite)?;
    tx.object_store(store)?
        .delete(JsValue::from_str(key))?
        .await?;
    tx.await?;
    db.close();
    Ok(())
}

/// The part's answers as last typed on this phone.
pub async fn load(application: &str, section: &str) -> Option<LocalDraft> {
    let value = get(ANSWERS, &part_key(application, section)).await.ok()??;
    serde_json::from_str(&value.as_string()?).ok()
}

pub async fn keep(application: &str, section: &str, draft: &LocalDraft) {
    let Ok(json) = serde_json::to_string(draft) else {
        return;
    };
    // Marked first: a mark without a draft costs a look; a draft without one is missed.
    kept::mark(application, section);
    let _ = put(
        ANSWERS,
        &part_key(application, section),
        &JsValue::from_str(&json),
    )
    .await;
}

/// A file chosen while offline, with what is known about its upload so far.
pub struct KeptFile {
    pub meta: LocalFile,
    pub blob: Blob,
}

fn file_key(application: &str, section: &str, question: &str) -> String {
    format!("{application}/{section}/{question}")
}

pub async fn keep_file(application: &str, section: &str, file: &KeptFile) {
    let Ok(meta) = serde_json::to_string(&file.meta) else {
        return;
    };
    let record = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&record, &"meta".into(), &JsValue::from_str(&meta));
    let _ = js_sys::Reflect::set(&record, &"blob".into(), &file.blob);
    let key = file_key(application, section, &file.meta.question);
    kept::mark(application, section);
    let _ = put(FILES, &key, &record).await;
}

/// The files kept for this part, as they were chosen.
pub async fn files(application: &str, section: &str) -> Vec<KeptFile> {
    let Ok(db) = open().await else {
        return Vec::new();
    };
    let prefix = format!("{}/", part_key(application, section));
    let mut kept = Vec::new();
    let found = async {
        let tx = db.transaction(&[FILES], TransactionMode::ReadOnly)?;
        let store = tx.object_store(FILES)?;
        let keys = store.get_all_keys(None, None)?.await?;
        let values = store.get_all(None, None)?.await?;
        tx.await?;
        Ok::<_, idb::Error>(keys.into_iter().zip(values))
    }
    .await;
    db.close();
    for (key, record) in found.into_iter().flatten() {
        if !key.as_string().is_some_and(|k| k.starts_with(&prefix)) {
            continue;
        }
        let meta = js_sys::Reflect::get(&record, &"meta".into())
            .ok()
            .and_then(|m| m.as_string())
            .and_then(|m| serde_json::from_str::<LocalFile>(&m).ok());
        let blob = js_sys::Reflect::get(&record, &"blob".into())
            .ok()
            .and_then(|b| b.dyn_into::<Blob>().ok());
        if let (Some(meta), Some(blob)) = (meta, blob) {
            kept.push(KeptFile { meta, blob });
        }
    }
    kept
}

pub async fn forget_file(application: &str, section: &str, question: &str) {
    let _ = delete(FILES, &file_key(application, section, question)).await;
    unmark_if_empty(application, section).await;
}

/// The part's answers are with the server: nothing is left to send.
pub async fn forget(application: &str, section: &str) {
    let _ = delete(ANSWERS, &part_key(application, section)).await;
    unmark_if_empty(application, section).await;
}

/// The keys of everything kept: parts' answers (`application/section`) and files
/// (`application/section/question`).
async fn keys() -> Result<Vec<String>, idb::Error> {
    let db = open().await?;
    let found = async {
        let tx = db.transaction(&[ANSWERS, FILES], TransactionMode::ReadOnly)?;
        let answers = tx.object_store(ANSWERS)?.get_all_keys(None, None)?.await?;
        let files = tx.object_store(FILES)?.get_all_keys(None, None)?.await?;
        tx.await?;
        Ok::<_, idb::Error>(answers.into_iter().chain(files))
    }
    .await;
    db.close();
    Ok(found?.filter_map(|k| k.as_string()).collect())
}

/// The part (`application/section`) a key of `keys()` belongs to.
fn part_of(key: &str) -> &str {
    match key.match_indices('/').nth(1) {
        Some((at, _)) => &key[..at],
        None => key,
    }
}

/// Drops the part's mark when nothing of it is left (and keeps it if that cannot be read):
/// after something is forgotten, and after a catch-up, which also drops a mark with nothing
/// behind it (the service worker deletes this database at sign-out; the marks stay).
pub async fn unmark_if_empty(application: &str, section: &str) {
    let part = part_key(application, section);
    if let Ok(keys) = keys().await {
        if !keys.iter().any(|k| part_of(k) == part) {
            kept::unmark(application, section);
        }
    }
}

/// Marks every part with something kept: once on a phone, for drafts kept before marks
/// were (a phone whose IndexedDB cannot be read is not marked as done, and looks again).
pub async fn mark_all() {
    let Ok(keys) = keys().await else { return };
    for key in &keys {
        if let Some((application, section)) = part_of(key).split_once('/') {
            kept::mark(application, section);
        }
    }
    kept::made();
}

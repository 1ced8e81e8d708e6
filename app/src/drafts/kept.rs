//! Which parts have something kept on this phone, as marks in `localStorage`: read at once
//! and with a few lines of code, so a part's page wakes without the IndexedDB code
//! (`device`) and loads it only when there is something to send or show. A mark is set
//! with each thing kept; it goes when the part has nothing left (`device::forget`,
//! `forget_file`). A mark without anything behind it costs one load of that code, which
//! then drops it; never the other way round: a part with something kept always has its
//! mark, and a phone that kept drafts before the marks existed has them made from
//! IndexedDB once (`device::mark_all`) before anything is trusted to them.

use wasm_bindgen::JsCast;

/// The drafts database (device.rs); also named in frontend/sw/sw.js, which deletes it at
/// sign-out.
pub const DATABASE: &str = "uraia-drafts";
const PREFIX: &str = "uraia-kept:";
/// Set once the marks stand for everything in IndexedDB.
const MADE: &str = "uraia-kept";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

fn key(application: &str, section: &str) -> String {
    format!("{PREFIX}{application}/{section}")
}

/// Whether the part may have something kept: its mark, or marks not yet made on a phone
/// that has the drafts database (an earlier version may have kept something there). A
/// phone without it has nothing kept: its marks are made at once. Without `localStorage`
/// (a private window that refuses it), the drafts code always looks.
pub async fn may_have(application: &str, section: &str) -> bool {
    if storage().is_none() || has(&key(application, section)) {
        return true;
    }
    if are_made() {
        return false;
    }
    match has_database().await {
        Some(false) => {
            made();
            false
        }
        _ => true,
    }
}

/// Whether `localStorage` holds `key`.
fn has(key: &str) -> bool {
    storage().is_some_and(|s| s.get_item(key).ok().flatten().is_some())
}

/// Whether the browser has the drafts database (`indexedDB.databases()`, called through
/// js-sys: not in every browser, and `None` where it is not).
async fn has_database() -> Option<bool> {
    use js_sys::{Array, Function, Promise, Reflect};
    let factory = Reflect::get(&web_sys::window()?.into(), &"indexedDB".into()).ok()?;
    let databases: Function = Reflect::get(&factory, &"databases".into())
        .ok()?
        .dyn_into()
        .ok()?;
    let listing: Promise = databases.call0(&factory).ok()?.dyn_into().ok()?;
    let list: Array = wasm_bindgen_futures::JsFuture::from(listing)
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    Some(list.iter().any(|db| {
        Reflect::get(&db, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .as_deref()
            == Some(DATABASE)
    }))
}

pub fn mark(application: &str, section: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(&key(application, section), "1");
    }
}

pub fn unmark(application: &str, section: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&key(application, section));
    }
}

/// The marks now stand for everything kept (after `device::mark_all`).
pub fn made() {
    if let Some(storage) = storage() {
        let _ = storage.set_item(MADE, "1");
    }
}

/// Whether the marks were made on this phone.
pub fn are_made() -> bool {
    has(MADE)
}

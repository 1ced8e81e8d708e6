//! Drafts are kept for `DRAFT_DAYS` after their last change, and a resumable upload that
//! never finished (a phone that did not come back online) for a day. A week before a draft is
//! deleted its owner is emailed (once per expiry date), and once expired it is deleted with
//! its uploaded files. Runs hourly; safe with several instances (each step is idempotent:
//! the reminder is keyed in the outbox, a deletion of what is gone does nothing).

use app::data::applications::{self, REMIND_DAYS_BEFORE};
use app::data::Db;
use app::files::store::FileStore;
use chrono::{Duration, Utc};

pub fn spawn(db: Db, files: FileStore, site_url: String) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
        loop {
            tick.tick().await;
            if let Err(error) = run_once(&db, &files, &site_url).await {
                tracing::warn!(%error, "draft upkeep round failed");
            }
        }
    });
}

/// Reminds owners of drafts close to expiry and deletes expired ones. Returns (reminded,
/// deleted).
pub async fn run_once(
    db: &Db,
    files: &FileStore,
    site_url: &str,
) -> Result<(usize, usize), sqlx::Error> {
    let now = Utc::now();
    let mut reminded = 0;
    for draft in
        applications::drafts_to_remind(db, now + Duration::days(REMIND_DAYS_BEFORE)).await?
    {
        app::notify::applications::draft_expiring(db, site_url, &draft).await?;
        applications::mark_reminded(db, draft.id).await?;
        reminded += 1;
    }
    let mut deleted = 0;
    for draft in applications::expired_drafts(db, now).await? {
        let stored = app::data::applications::files::of_application(db, draft.id).await?;
        if applications::delete_expired(db, draft.id, now).await? {
            for file in stored {
                // The row is gone; a file left behind is unreachable, so a failure is only logged.
                if let Err(error) = app::files::store::delete(files, &file.storage_key).await {
                    tracing::warn!(%error, "could not delete an expired draft's file");
                }
            }
            deleted += 1;
        }
    }
    let stale = app::data::applications::uploads::remove_stale(db, now).await?;
    if reminded + deleted > 0 || stale > 0 {
        tracing::info!(reminded, deleted, stale, "draft upkeep");
    }
    Ok((reminded, deleted))
}

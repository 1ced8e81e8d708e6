//! Keeping the in-memory catalogue current, on every instance.
//!
//! Every write to the catalogue's tables moves a counter on (triggers, see the
//! `catalogue_version` migration). The instance that writes refreshes at once
//! ([`Catalogue::refresh`], called by the administration's server functions), so the page it
//! redirects to shows the change. The others learn of it:
//! - on PostgreSQL, by LISTEN on `uraia_catalogue` (the same trigger NOTIFYs when the
//!   writing transaction commits), with a slow check of the counter in case a notification
//!   was lost while reconnecting;
//! - on SQLite (one machine), by reading the counter a few times a second, which also
//!   catches `uraia seed` run in another process on the same file.

use super::load;
use super::snapshot::Snapshot;
use crate::data::Db;
use std::sync::{Arc, RwLock, Weak};
use std::time::Duration;

/// The PostgreSQL channel the catalogue triggers notify.
pub const CHANNEL: &str = "uraia_catalogue";
/// How often the counter is read on SQLite.
const SQLITE_POLL: Duration = Duration::from_millis(250);
/// How often the counter is read on PostgreSQL besides the notifications.
const POSTGRES_POLL: Duration = Duration::from_secs(10);

#[derive(Default)]
pub struct Catalogue {
    current: RwLock<Option<Arc<Snapshot>>>,
    /// One load at a time: readers that find no snapshot yet wait for the first.
    loading: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for Catalogue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalogue")
            .field("version", &self.held().map(|s| s.version()))
            .finish()
    }
}

impl Catalogue {
    /// An empty holder that keeps itself current from `db` once something has read it.
    /// The background task ends when the holder is dropped.
    pub fn start(db: Db) -> Arc<Catalogue> {
        let catalogue = Arc::new(Catalogue::default());
        tokio::spawn(watch(db, Arc::downgrade(&catalogue)));
        catalogue
    }

    fn held(&self) -> Option<Arc<Snapshot>> {
        self.current
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
    }

    /// The catalogue as last read (reading it now if this is the first time).
    pub async fn now(&self, db: &Db) -> Result<Arc<Snapshot>, sqlx::Error> {
        match self.held() {
            Some(snapshot) => Ok(snapshot),
            None => self.refresh(db).await,
        }
    }

    /// Reads the counter and, when the catalogue has changed since it was last read (or was
    /// never read), reads it all again.
    pub async fn refresh(&self, db: &Db) -> Result<Arc<Snapshot>, sqlx::Error> {
        let _one_at_a_time = self.loading.lock().await;
        let version = load::version(db).await?;
        if let Some(snapshot) = self.held().filter(|s| s.version() == version) {
            return Ok(snapshot);
        }
        let started = std::time::Instant::now();
        let snapshot = Arc::new(load::snapshot(db).await?);
        tracing::info!(
            version = snapshot.version(),
            services = snapshot.service_count(),
            index_bytes = snapshot.index_bytes(),
            took_ms = started.elapsed().as_millis() as u64,
            "catalogue read and indexed"
        );
        *self
            .current
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(snapshot.clone());
        Ok(snapshot)
    }

    /// Refreshes only what has been read: an instance nobody has asked yet stays empty.
    async fn keep_current(&self, db: &Db) {
        if self.held().is_none() {
            return;
        }
        if let Err(error) = self.refresh(db).await {
            tracing::warn!(%error, "catalogue: could not refresh");
        }
    }
}

async fn watch(db: Db, catalogue: Weak<Catalogue>) {
    match db {
        Db::Sqlite(_) => poll(db, catalogue, SQLITE_POLL).await,
        Db::Postgres(ref pool) => {
            tokio::spawn(poll(db.clone(), catalogue.clone(), POSTGRES_POLL));
            let pool = pool.clone();
            while !pool.is_closed() && catalogue.strong_count() > 0 {
                if let Err(error) = listen(&pool, &db, &catalogue).await {
                    tracing::warn!(%error, "catalogue: listening failed");
                }
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

async fn poll(db: Db, catalogue: Weak<Catalogue>, every: Duration) {
    let mut tick = tokio::time::interval(every);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let Some(catalogue) = catalogue.upgrade() else {
            return;
        };
        if db.is_closed() {
            return;
        }
        catalogue.keep_current(&db).await;
    }
}

/// LISTENs and refreshes at each notification, until the connection fails or the holder
/// is gone.
async fn listen(
    pool: &sqlx::PgPool,
    db: &Db,
    catalogue: &Weak<Catalogue>,
) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    // Anything written while we were not listening.
    if let Some(catalogue) = catalogue.upgrade() {
        catalogue.keep_current(db).await;
    }
    loop {
        // `None`: the connection dropped and sqlx reconnects on the next call; refreshing
        // covers whatever was missed in between.
        let _notification = listener.try_recv().await?;
        let Some(catalogue) = catalogue.upgrade() else {
            return Ok(());
        };
        catalogue.keep_current(db).await;
    }
}

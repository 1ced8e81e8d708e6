//! Live updates (server only): a wake-up for every open page whose application changed.
//!
//! One [`Hub`] per server instance. It learns of new status events whichever instance (or
//! the `uraia` command line) wrote them:
//! - on PostgreSQL, by LISTEN: a trigger on `application_events` NOTIFYs `uraia_events`
//!   when the writing transaction commits, and every instance hears it;
//! - on SQLite (one machine), by watching the events table a few times a second, which
//!   also catches changes made by another process on the same file.
//!
//! Either way the news goes out on an in-process broadcast channel; each open page's
//! stream (server/src/live.rs) then reads the events it has not sent from the database, so
//! a wake-up lost or repeated changes nothing.

use crate::data::Db;
use std::sync::{Arc, Weak};
use std::time::Duration;
use tokio::sync::broadcast;

/// The PostgreSQL channel the events trigger notifies (see the tracking migration).
pub const CHANNEL: &str = "uraia_events";

/// How often the SQLite watcher looks for new events.
const SQLITE_POLL: Duration = Duration::from_millis(200);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wake {
    /// This application has new events.
    Application(i64),
    /// News may have been missed (a reconnect, a slow listener): everyone looks.
    All,
}

pub struct Hub {
    sender: broadcast::Sender<Wake>,
}

impl std::fmt::Debug for Hub {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hub")
            .field("listeners", &self.sender.receiver_count())
            .finish()
    }
}

impl Hub {
    /// Starts listening for events on `db`. The background task ends when the hub is
    /// dropped.
    pub fn start(db: Db) -> Arc<Hub> {
        let (sender, _) = broadcast::channel(1024);
        let hub = Arc::new(Hub { sender });
        let weak = Arc::downgrade(&hub);
        match db {
            Db::Sqlite(_) => {
                tokio::spawn(watch_sqlite(db, weak));
            }
            Db::Postgres(pool) => {
                tokio::spawn(listen_postgres(pool, weak));
            }
        }
        hub
    }

    pub fn subscribe(&self) -> broadcast::Receiver<Wake> {
        self.sender.subscribe()
    }

    fn wake(&self, wake: Wake) {
        // No open page: nobody to tell, which is fine.
        let _ = self.sender.send(wake);
    }
}

async fn watch_sqlite(db: Db, hub: Weak<Hub>) {
    let mut last = match crate::data::tracking::last_id(&db).await {
        Ok(id) => id,
        Err(error) => {
            tracing::warn!(%error, "live updates: could not read the events table");
            0
        }
    };
    let mut tick = tokio::time::interval(SQLITE_POLL);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        let Some(hub) = hub.upgrade() else { return };
        if db.is_closed() {
            return;
        }
        // No open page: nothing to read. `last` stays, so the first page to open still
        // hears of anything written after it subscribed.
        if hub.sender.receiver_count() == 0 {
            continue;
        }
        match crate::data::tracking::since(&db, last, 500).await {
            Ok(rows) => {
                for (id, application_id) in rows {
                    last = last.max(id);
                    hub.wake(Wake::Application(application_id));
                }
            }
            Err(error) => tracing::warn!(%error, "live updates: watching events failed"),
        }
    }
}

async fn listen_postgres(pool: sqlx::PgPool, hub: Weak<Hub>) {
    let mut reconnecting = false;
    while !pool.is_closed() && hub.strong_count() > 0 {
        if reconnecting {
            // Events may have come and gone while we were away.
            if let Some(hub) = hub.upgrade() {
                hub.wake(Wake::All);
            }
        }
        if let Err(error) = listen(&pool, &hub).await {
            tracing::warn!(%error, "live updates: listening failed");
        }
        reconnecting = true;
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// LISTENs and passes each notification on, until the connection fails or the hub is gone.
async fn listen(pool: &sqlx::PgPool, hub: &Weak<Hub>) -> Result<(), sqlx::Error> {
    let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    loop {
        let notification = listener.try_recv().await?;
        let Some(hub) = hub.upgrade() else {
            return Ok(());
        };
        hub.wake(match notification {
            Some(n) => n
                .payload()
                .parse()
                .map(Wake::Application)
                .unwrap_or(Wake::All),
            // The connection dropped and sqlx reconnects on the next call: anything in
            // between was missed.
            None => Wake::All,
        });
    }
}

//! The audit log, on SQLite and PostgreSQL: sign-ins, status changes and staff views are
//! written to it; the database refuses changes; `uraia audit verify` passes on an intact
//! chain and names the first broken entry after a row is changed, removed or cut off.

use crate::browser::officer;
use crate::support::{on_both_backends, TestApp};
use crate::tracking::submitted;
use app::data::audit::{self, Break, Verdict};
use app::data::{Backend, Db};

fn backend(db: &Db) -> Backend {
    match db {
        Db::Sqlite(_) => Backend::Sqlite,
        Db::Postgres(_) => Backend::Postgres,
    }
}

/// Runs SQL as someone with direct access to the database would (a DBA, an attacker with
/// the password), with the append-only triggers switched off first.
async fn tamper(db: &Db, sql: &str) {
    let off = match backend(db) {
        Backend::Sqlite => vec![
            "DROP TRIGGER IF EXISTS audit_log_no_update",
            "DROP TRIGGER IF EXISTS audit_log_no_delete",
        ],
        Backend::Postgres => vec!["ALTER TABLE audit_log DISABLE TRIGGER USER"],
    };
    for statement in off.into_iter().chain([sql]) {
        app::with_pool!(db, |pool| sqlx::query(statement)
            .execute(pool)
            .await
            .map(|_| ())
            .unwrap());
    }
}

async fn entries(db: &Db) -> i64 {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM audit_log"
    )
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn actions(db: &Db) -> Vec<String> {
    app::with_pool!(db, |pool| sqlx::query_scalar::<_, String>(
        "SELECT action FROM audit_log ORDER BY id"
    )
    .fetch_all(pool)
    .await
    .unwrap())
}

async fn the_chain_verifies_and_breaks_where_it_was_tampered_with(app: &TestApp) {
    let db = &app.db;
    let (_owner, id, _) = submitted(app).await;
    let mut b = officer(app).await;
    assert_eq!(
        b.get(&format!("/staff/applications/{id}")).await.status,
        200
    );
    let logged = actions(db).await;
    for expected in ["signed_in", "status_changed", "viewed_application"] {
        assert!(
            logged.iter().any(|a| a == expected),
            "{expected} in {logged:?}"
        );
    }
    let n = entries(db).await;
    assert!(n >= 4, "{logged:?}");
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Intact { entries: n }
    );
    let (intact, line) = uraia_server::audit::verify(db).await.unwrap();
    assert!(intact && line.contains("intact"), "{line}");

    // The application itself cannot change or remove an entry: the database refuses.
    let refused = app::with_pool!(db, |pool| sqlx::query(
        "UPDATE audit_log SET detail = '{}' WHERE id = 1"
    )
    .execute(pool)
    .await
    .map(|_| ()));
    assert!(refused.is_err(), "an update is refused");
    let refused = app::with_pool!(db, |pool| sqlx::query("DELETE FROM audit_log WHERE id = 1")
        .execute(pool)
        .await
        .map(|_| ()));
    assert!(refused.is_err(), "a delete is refused");

    // Changing entry 2 directly breaks the chain exactly there.
    tamper(db, "UPDATE audit_log SET ip = '203.0.113.9' WHERE id = 2").await;
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Broken {
            id: 2,
            problem: Break::Altered
        }
    );
    let (intact, line) = uraia_server::audit::verify(db).await.unwrap();
    assert!(!intact);
    assert!(line.contains("broken at entry 2"), "{line}");
}

async fn a_removed_or_recomputed_entry_is_found_too(app: &TestApp) {
    let db = &app.db;
    let (_owner, _id, _) = submitted(app).await;
    officer(app).await;
    let n = entries(db).await;
    assert!(n >= 3);
    // Re-hashing a changed row to cover the change breaks the link after it.
    let row: (String, String) = app::with_pool!(db, |pool| sqlx::query_as(
        "SELECT prev_hash, hash FROM audit_log WHERE id = 2"
    )
    .fetch_one(pool)
    .await
    .unwrap());
    tamper(
        db,
        &format!(
            "UPDATE audit_log SET hash = '{}' WHERE id = 2",
            "f".repeat(64)
        ),
    )
    .await;
    let verdict = audit::verify(db).await.unwrap();
    // Its own hash no longer matches its fields, and were that fixed the next row's
    // prev_hash would not: either way entry 2 is the first broken one.
    assert_eq!(
        verdict,
        Verdict::Broken {
            id: 2,
            problem: Break::Altered
        },
        "{row:?}"
    );
    tamper(
        db,
        &format!("UPDATE audit_log SET hash = '{}' WHERE id = 2", row.1),
    )
    .await;
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Intact { entries: n }
    );

    // Removing an entry in the middle.
    tamper(db, "DELETE FROM audit_log WHERE id = 2").await;
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Broken {
            id: 2,
            problem: Break::Missing
        }
    );
}

async fn entries_cut_off_the_end_are_noticed(app: &TestApp) {
    let db = &app.db;
    let (_owner, _id, _) = submitted(app).await;
    let n = entries(db).await;
    tamper(db, &format!("DELETE FROM audit_log WHERE id = {n}")).await;
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Broken {
            id: n,
            problem: Break::Truncated
        }
    );
}

async fn concurrent_writers_keep_one_unbroken_chain(app: &TestApp) {
    let db = &app.db;
    let before = entries(db).await;
    let who = audit::Who::SYSTEM;
    let writes = (0..40).map(|i| {
        let db = db.clone();
        let who = who.clone();
        tokio::spawn(async move {
            let subject = format!("test:{i}");
            audit::record(
                &db,
                &audit::Entry {
                    who: &who,
                    action: "test",
                    application_id: None,
                    subject: &subject,
                    detail: "{}",
                },
            )
            .await
        })
    });
    for write in writes.collect::<Vec<_>>() {
        write.await.unwrap().unwrap();
    }
    assert_eq!(
        audit::verify(db).await.unwrap(),
        Verdict::Intact {
            entries: before + 40
        }
    );
}

on_both_backends!(
    the_chain_verifies_and_breaks_where_it_was_tampered_with,
    a_removed_or_recomputed_entry_is_found_too,
    entries_cut_off_the_end_are_noticed,
    concurrent_writers_keep_one_unbroken_chain,
);

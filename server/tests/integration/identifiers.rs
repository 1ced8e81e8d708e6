//! Random identifiers that come out the same as one already taken are made afresh, not
//! answered as an error (issue 17), through the real router on SQLite and PostgreSQL: the
//! app's randomness is made to repeat itself, so the second problem report gets the first
//! one's number, and the second application the first one's reference and then its
//! invoice number; each is retried and gets the next one instead.

use crate::browser::{citizen, Browser};
use crate::payments::{complete_land_search, invoice_number_of, send};
use crate::support::{postgres_app_with, sqlite_app_with, TestApp};
use app::forms::reference::{invoice_number, Reference};
use app::identifiers::Randomness;
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

/// Gives the bits it was told, in order, then random ones.
#[derive(Debug)]
struct Repeating(Mutex<VecDeque<u64>>);

impl Randomness for Repeating {
    fn bits(&self) -> u64 {
        self.0
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| uuid::Uuid::new_v4().as_u128() as u64)
    }
}

async fn app_with(postgres: bool, bits: &[u64]) -> Option<TestApp> {
    let random = Arc::new(Repeating(Mutex::new(bits.iter().copied().collect())));
    let customise = move |state: &mut app::state::AppState| state.random = random;
    if postgres {
        postgres_app_with(customise).await
    } else {
        Some(sqlite_app_with(customise).await)
    }
}

/// The number a problem report gets from these bits (as `api::support` makes it).
fn ticket(bits: u64) -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    let code: String = (0..6)
        .map(|i| ALPHABET[((bits >> (i * 5)) & 31) as usize] as char)
        .collect();
    format!("T-{code}")
}

async fn report(app: &TestApp, email: &str) -> String {
    let mut visitor = Browser::new(app);
    let res = visitor
        .post_form(
            "/api/support/report",
            "/help/report",
            &[
                ("topic", "payment"),
                ("description", "I paid but it still waits."),
                ("email", email),
            ],
        )
        .await;
    let to = res.header("location").unwrap_or_default().to_string();
    to.strip_prefix("/help/report?sent=")
        .unwrap_or_else(|| panic!("not sent: {to}"))
        .to_string()
}

async fn problem_report_numbers_are_made_afresh(postgres: bool) {
    let Some(app) = app_with(postgres, &[7, 7, 8]).await else {
        return;
    };
    assert_eq!(report(&app, "first@example.com").await, ticket(7));
    assert_eq!(
        report(&app, "second@example.com").await,
        ticket(8),
        "the repeated number was replaced"
    );
    app.cleanup().await;
}

async fn reference_of(db: &app::data::Db, id: &str) -> String {
    app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT reference FROM applications WHERE public_id = $1"
    )
    .bind(id)
    .fetch_one(pool)
    .await
    .unwrap())
}

async fn references_and_invoice_numbers_are_made_afresh(postgres: bool) {
    // Each sending takes a reference's bits, then an invoice number's. The second repeats
    // the first's reference, then (with a new reference) its invoice number, then gets
    // new ones of both.
    let (a, b, c, d, e, f) = (11, 12, 13, 14, 15, 16);
    let Some(app) = app_with(postgres, &[a, b, a, c, d, b, e, f]).await else {
        return;
    };
    let mut person = citizen(&app).await;
    // One draft per service at a time: the second is started once the first is sent.
    let mut sent = Vec::new();
    for _ in 0..2 {
        let id = complete_land_search(&mut person).await;
        assert_eq!(
            send(&mut person, &id, true).await,
            format!("/applications/{id}/pay"),
            "sent, not an error"
        );
        sent.push(id);
    }
    let (first, second) = (&sent[0], &sent[1]);
    assert_ne!(first, second);
    let code = |bits: u64| Reference::new("LDS", 2026, bits).code;
    let first_reference = Reference::parse(&reference_of(&app.db, first).await).unwrap();
    let second_reference = Reference::parse(&reference_of(&app.db, second).await).unwrap();
    assert_eq!(first_reference.code, code(a));
    assert_eq!(second_reference.code, code(e));
    assert_eq!(invoice_number_of(&app.db, first).await, invoice_number(b));
    assert_eq!(invoice_number_of(&app.db, second).await, invoice_number(f));
    app.cleanup().await;
}

mod sqlite {
    #[tokio::test]
    async fn problem_report_numbers_are_made_afresh() {
        super::problem_report_numbers_are_made_afresh(false).await;
    }

    #[tokio::test]
    async fn references_and_invoice_numbers_are_made_afresh() {
        super::references_and_invoice_numbers_are_made_afresh(false).await;
    }
}

mod postgres {
    #[tokio::test]
    async fn problem_report_numbers_are_made_afresh() {
        super::problem_report_numbers_are_made_afresh(true).await;
    }

    #[tokio::test]
    async fn references_and_invoice_numbers_are_made_afresh() {
        super::references_and_invoice_numbers_are_made_afresh(true).await;
    }
}

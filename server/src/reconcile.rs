//! M-Pesa upkeep in the background: registering the Paybill's validation and confirmation
//! addresses with Daraja at start-up (retried until it takes), and every 30 seconds asking
//! about STK pushes whose result callback is over a minute late (`payments::mpesa::reconcile`)
//! and about Paybill confirmations still unchecked a minute after the last query: M-Pesa
//! could not be reached, or its answer never came (`payments::paybill::recheck`).
//! Several instances may run this at once: settling is idempotent (`data::payments`), and
//! each check is claimed before it is asked about (`data::paybill_checks`).

use app::data::Db;
use app::payments::daraja::DarajaError;
use app::payments::mpesa::Mpesa;
use std::sync::Arc;
use std::time::Duration;

/// How late a callback may be before the status query is used.
pub const LATE_AFTER_SECONDS: i64 = 60;

pub fn spawn(db: Db, mpesa: Arc<Mpesa>) {
    tokio::spawn(async move {
        register_paybill(&mpesa).await;
        let mut tick = tokio::time::interval(Duration::from_secs(30));
        loop {
            tick.tick().await;
            match app::payments::mpesa::reconcile(
                &db,
                &mpesa,
                chrono::Duration::seconds(LATE_AFTER_SECONDS),
            )
            .await
            {
                Ok(0) => {}
                Ok(settled) => {
                    tracing::info!(settled, "late M-Pesa payments settled by status query")
                }
                Err(error) => tracing::warn!(%error, "M-Pesa reconciliation round failed"),
            }
            let late = chrono::Duration::seconds(LATE_AFTER_SECONDS);
            match app::payments::paybill::recheck(&db, &mpesa, late).await {
                Ok(0) => {}
                Ok(asked) => tracing::info!(asked, "Paybill confirmations asked about again"),
                Err(error) => tracing::warn!(%error, "Paybill check round failed"),
            }
        }
    });
}

/// Tells Daraja where Paybill payments are announced; retried with growing pauses while
/// Daraja cannot be reached (the embedded simulator is served by this same process, which
/// may not be listening yet).
pub async fn register_paybill(mpesa: &Mpesa) {
    let base = format!(
        "{}/payments/mpesa/{}/c2b",
        mpesa.site_url, mpesa.callback_token
    );
    let mut pause = Duration::from_millis(200);
    for _ in 0..12 {
        match mpesa
            .daraja
            .register_c2b_urls(
                &format!("{base}/validation"),
                &format!("{base}/confirmation"),
            )
            .await
        {
            Ok(()) => {
                tracing::info!("Paybill addresses registered with M-Pesa");
                return;
            }
            Err(error @ DarajaError::Unreachable(_)) => {
                tracing::warn!(%error, "could not register the Paybill addresses yet");
                tokio::time::sleep(pause).await;
                pause = (pause * 2).min(Duration::from_secs(300));
            }
            // A refusal is not going to change by asking again (Safaricom's live API, for
            // one, refuses to register addresses a second time): say so once.
            Err(error) => {
                tracing::warn!(%error, "M-Pesa refused to register the Paybill addresses");
                return;
            }
        }
    }
}

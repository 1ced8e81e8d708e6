//! The public service catalogue. Rows carry both languages; the public pages read it from
//! an in-memory [`Snapshot`] that [`Catalogue`] keeps current (decision 0021), and get
//! models in the reader's language. Writes happen in `uraia seed` (server crate) and the
//! administration's editors.

use super::Db;
use crate::i18n::Lang;
use crate::with_pool;

mod held;
mod load;
mod snapshot;

pub use held::{Catalogue, CHANNEL};
pub use load::snapshot as read_snapshot;
pub use snapshot::Snapshot;

/// Chooses the text for `lang` from a pair of columns.
pub fn pick(lang: Lang, en: String, sw: String) -> String {
    match lang {
        Lang::En => en,
        Lang::Sw => sw,
    }
}

/// Splits a newline-separated list column (eligibility bullets, keywords).
fn lines(text: String) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

/// A service's shortest and longest processing times in days (the receipt shows both;
/// the expected date counts with the longest). (0, 0) if there is no such service.
pub async fn processing_days(db: &Db, service_id: i64) -> Result<(i64, i64), sqlx::Error> {
    let days: Option<(i64, i64)> = with_pool!(db, |pool| sqlx::query_as(
        "SELECT processing_days_min, processing_days_max FROM services WHERE id = $1"
    )
    .bind(service_id)
    .fetch_optional(pool)
    .await)?;
    Ok(days.unwrap_or_default())
}

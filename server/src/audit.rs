//! `uraia audit verify`: walks the audit log's hash chain and reports the first broken
//! link (see `app::data::audit`).

use app::data::audit::{self, Verdict};
use app::data::Db;

/// Whether the chain is intact, and a line saying so (or where and how it breaks).
pub async fn verify(db: &Db) -> anyhow::Result<(bool, String)> {
    Ok(match audit::verify(db).await? {
        Verdict::Intact { entries } => (
            true,
            format!("audit log intact: {entries} entries, every link checks"),
        ),
        Verdict::Broken { id, problem } => {
            (false, format!("audit log broken at entry {id}: {problem}"))
        }
    })
}

//! SERVER ONLY: documents the portal issues — payment receipts and certificates — each
//! with a QR code holding a signed copy of its essential fields, so anyone can check it:
//! online against the record (and whether it was revoked), offline with the public key
//! the installed app keeps (the service worker checks the signature itself).

pub mod certificate;
pub mod check;
pub mod payload;
pub mod seal;

pub use payload::{Kind, Line, Payload};
pub use seal::Seal;

use crate::data::{documents, Db};

/// Issues the application's document of `payload`'s kind, once: later calls get the stored
/// one (same number, same code), whatever `payload` says now.
pub async fn issue(
    db: &Db,
    seal: &Seal,
    application_id: i64,
    payload: &Payload,
) -> Result<documents::DocumentRow, sqlx::Error> {
    if let Some(row) = documents::of_application(db, application_id, payload.t.code()).await? {
        return Ok(row);
    }
    let json = payload.to_json();
    documents::issue(
        db,
        &documents::NewDocument {
            number: &payload.n,
            application_id,
            kind: payload.t.code(),
            payload: &json,
            signature: &seal.sign(&json),
            key_id: seal.key_id(),
            issued_at: chrono::Utc::now(),
        },
    )
    .await
}

/// The code a QR holds: the payload and its signature, both base64url, joined by a dot.
pub fn code(row: &documents::DocumentRow) -> String {
    seal::join(&row.payload, &row.signature)
}

/// The public check's address for a code, as printed under the QR code.
pub fn check_path(code: &str) -> String {
    format!("/verify?code={code}")
}

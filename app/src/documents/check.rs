//! The public check of a code: signed by the portal's key, exactly as issued (the stored
//! payload), and not revoked.

use super::{Kind, Payload, Seal};
use crate::data::{documents, Db};
use crate::i18n::Lang;
use crate::model::{DocumentCheck, DocumentFacts};

pub async fn check(
    db: &Db,
    seal: &Seal,
    code: &str,
    lang: Lang,
) -> Result<DocumentCheck, sqlx::Error> {
    let Some(json) = seal.open(code) else {
        return Ok(DocumentCheck::Broken);
    };
    let Ok(payload) = serde_json::from_str::<Payload>(&json) else {
        return Ok(DocumentCheck::Broken);
    };
    // A signature over anything the portal did not issue means the key was misused:
    // the record, not the signature alone, is what is genuine.
    let Some(row) = documents::by_number(db, &payload.n)
        .await?
        .filter(|row| row.payload == json)
    else {
        return Ok(DocumentCheck::Broken);
    };
    let facts = facts(&payload, lang);
    Ok(match row.revoked_at {
        Some(at) => DocumentCheck::Revoked {
            facts,
            on: crate::shown::nairobi(at),
            reason: row.revoked_reason.unwrap_or_default(),
        },
        None => DocumentCheck::Genuine(facts),
    })
}

/// What a payload says, in `lang`.
pub fn facts(payload: &Payload, lang: Lang) -> DocumentFacts {
    DocumentFacts {
        certificate: payload.t == Kind::Certificate,
        number: payload.n.clone(),
        reference: payload.r.clone(),
        title: payload.s.get(lang).to_string(),
        issued_on: payload.d.clone(),
        holder: payload.h.clone(),
        lines: payload
            .f
            .iter()
            .map(|l| {
                let label = match lang {
                    Lang::En => &l.en,
                    Lang::Sw => &l.sw,
                };
                (label.clone(), l.v.clone())
            })
            .collect(),
    }
}

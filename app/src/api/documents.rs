//! Issued documents: the public check of a QR code's signed payload, and revoking a
//! document (the agency's supervisors and administrators, audited).

use crate::error::AppError;
use crate::model::DocumentCheck;
use leptos::prelude::*;

/// Public: what a document's code says, and whether it is genuine and still valid. `None`
/// for no code. Rate limited per address, like the receipt check.
#[server(endpoint = "documents/check", input = server_fn::codec::GetUrl)]
pub async fn check_document(
    #[server(default)] code: String,
) -> Result<Option<DocumentCheck>, AppError> {
    let call = crate::auth::call().await?;
    if code.trim().is_empty() {
        return Ok(None);
    }
    crate::auth::rate_limit::take(&call.state.limits.verify, call.client.rate_key())
        .map_err(|p| AppError::field("code", p))?;
    let seal = call.state.seal().await?;
    let lang = crate::i18n::use_lang();
    Ok(Some(
        crate::documents::check::check(&call.state.db, &seal, &code, lang).await?,
    ))
}

/// Revokes one of an application's documents (`kind`: receipt or certificate) with a
/// reason, which anyone checking its code then sees.
#[server(endpoint = "staff/revoke-document")]
pub async fn revoke_document(
    id: String,
    #[server(default)] kind: String,
    #[server(default)] reason: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = crate::api::staff::access::staff(&call).await?;
        server::revoke(&call, &staff, &id, &kind, &reason).await
    }
    .await;
    let result = call
        .keep_on_error(
            &format!("revoke-{id}"),
            &[("kind", kind.as_str()), ("reason", reason.as_str())],
            result,
        )
        .await;
    call.answer(result)?;
    crate::paths::go(&format!("/staff/applications/{id}?revoked=1#issued"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::staff::access::{self, Staff};
    use crate::auth::Call;
    use crate::data::documents;
    use crate::error::AppError;
    use crate::model::IssuedDocument;
    use crate::problem::Problem;

    /// The longest reason for revoking.
    const REASON_MAX: usize = 500;

    pub async fn revoke(
        call: &Call,
        staff: &Staff,
        id: &str,
        kind: &str,
        reason: &str,
    ) -> Result<(), AppError> {
        let (row, standing, agency) = access::application(call, staff, id).await?;
        if !standing.supervises() {
            return Err(AppError::Forbidden);
        }
        let db = &call.state.db;
        let Some(document) = documents::of_application(db, row.id, kind).await? else {
            return Err(AppError::field("kind", Problem::Required));
        };
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(AppError::field("reason", Problem::Required));
        }
        if reason.chars().count() > REASON_MAX {
            return Err(AppError::field(
                "reason",
                Problem::TooLong {
                    max: REASON_MAX as u32,
                },
            ));
        }
        if !documents::revoke(db, document.id, reason, staff.user_id, chrono::Utc::now()).await? {
            // Already revoked (another supervisor, a moment ago): the first reason stands.
            return Ok(());
        }
        let agency = (standing != access::Standing::Administrator).then_some(agency.as_str());
        call.audit(
            &staff.who(call, standing.role(), agency),
            "revoked_document",
            Some(row.id),
            &format!("document:{}", document.id),
            serde_json::json!({ "number": document.number, "kind": document.kind }),
        )
        .await
    }

    /// The application's issued documents, as its staff page lists them.
    pub async fn issued(
        call: &Call,
        application_id: i64,
        lang: crate::i18n::Lang,
    ) -> Result<Vec<IssuedDocument>, AppError> {
        let d = lang.documents();
        let mut out = Vec::new();
        for kind in ["receipt", "certificate"] {
            if let Some(doc) =
                documents::of_application(&call.state.db, application_id, kind).await?
            {
                out.push(IssuedDocument {
                    kind: doc.kind.clone(),
                    label: if kind == "receipt" {
                        d.kind_receipt
                    } else {
                        d.kind_certificate
                    }
                    .to_string(),
                    number: doc.number,
                    issued_at: crate::shown::nairobi(doc.issued_at),
                    revoked: doc.revoked_at.map(|at| {
                        (
                            crate::shown::nairobi(at),
                            doc.revoked_reason.unwrap_or_default(),
                        )
                    }),
                });
            }
        }
        Ok(out)
    }
}

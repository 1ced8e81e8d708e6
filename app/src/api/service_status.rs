//! Agencies' service status: the public board, and administrators setting an agency's
//! (normal, degraded or down, with a message in both languages), audited.

use crate::error::AppError;
use crate::model::StatusBoard;
use leptos::prelude::*;

/// Public: every agency's status, those with trouble first.
#[server(endpoint = "status", input = server_fn::codec::GetUrl)]
pub async fn get_status_board() -> Result<StatusBoard, AppError> {
    let call = crate::auth::call().await?;
    let lang = crate::i18n::use_lang();
    let mut agencies: Vec<_> = crate::data::service_status::all(&call.state.db)
        .await?
        .into_iter()
        .map(|row| row.view(lang))
        .collect();
    // Down, then degraded, then normal; by name within each (as read).
    agencies.sort_by_key(|a| std::cmp::Reverse(a.state as u8));
    Ok(StatusBoard { agencies })
}

#[server(endpoint = "admin/save-status")]
pub async fn save_service_status(
    slug: String,
    #[server(default)] state: String,
    #[server(default)] message_en: String,
    #[server(default)] message_sw: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let admin = crate::api::staff::access::administrator(&call).await?;
        server::save(&call, &admin, &slug, &state, &message_en, &message_sw).await
    }
    .await;
    let values = [
        ("state", state.as_str()),
        ("message_en", message_en.as_str()),
        ("message_sw", message_sw.as_str()),
    ];
    let result = call
        .keep_on_error(&format!("status-{slug}"), &values, result)
        .await;
    call.answer(result)?;
    crate::paths::go(&format!("/staff/admin/agencies/{slug}?status=1#status"));
    Ok(())
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use crate::api::staff::access::Staff;
    use crate::auth::Call;
    use crate::data::service_status;
    use crate::error::AppError;
    use crate::model::ServiceState;
    use crate::problem::{Problem, Problems};

    /// The longest message, in each language.
    const MESSAGE_MAX: usize = 300;

    pub async fn save(
        call: &Call,
        admin: &Staff,
        slug: &str,
        state: &str,
        message_en: &str,
        message_sw: &str,
    ) -> Result<(), AppError> {
        let mut problems = Problems::default();
        let state = ServiceState::from_code(state);
        if state.is_none() {
            problems.add("state", Problem::Required);
        }
        let (message_en, message_sw) = (message_en.trim(), message_sw.trim());
        for (field, message) in [("message_en", message_en), ("message_sw", message_sw)] {
            // Trouble is explained in both languages; back to normal needs no words.
            if message.is_empty() && state.is_some_and(|s| s != ServiceState::Normal) {
                problems.add(field, Problem::Required);
            }
            if message.chars().count() > MESSAGE_MAX {
                problems.add(
                    field,
                    Problem::TooLong {
                        max: MESSAGE_MAX as u32,
                    },
                );
            }
        }
        problems.into_result()?;
        let state = state.unwrap_or(ServiceState::Normal);
        let (message_en, message_sw) = match state {
            ServiceState::Normal => ("", ""),
            _ => (message_en, message_sw),
        };
        let now = chrono::Utc::now();
        if !service_status::set(&call.state.db, slug, state, message_en, message_sw, now).await? {
            return Err(AppError::NotFound);
        }
        call.state.catalogue_changed().await;
        call.audit(
            &admin.who(call, "administrator", None),
            "set_service_status",
            None,
            &format!("agency:{slug}"),
            serde_json::json!({ "state": state.code(), "message_en": message_en }),
        )
        .await
    }
}

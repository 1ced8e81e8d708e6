//! The server side of the inbox and the notification settings.

use crate::api::nairobi;
use crate::auth::Call;
use crate::data::notifications;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::model::{InboxItem, NotificationSettings};
use crate::problem::Problem;
use crate::tracking::Status;

pub async fn inbox(call: &Call, user_id: i64) -> Result<Vec<InboxItem>, AppError> {
    let lang = use_lang();
    let t = lang.t().tracking;
    let rows = notifications::inbox(&call.state.db, user_id, 100).await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let status = Status::from_code(&row.to_status)?;
            let service = match lang {
                Lang::En => &row.service_name_en,
                Lang::Sw => &row.service_name_sw,
            };
            Some(InboxItem {
                text: (t.inbox_message)(
                    service,
                    row.reference.as_deref().unwrap_or_default(),
                    status,
                ),
                link: format!("/applications/{}/status", row.public_id),
                at: nairobi(row.created_at),
                unread: row.read_at.is_none(),
            })
        })
        .collect())
}

pub async fn settings(call: &Call, user_id: i64) -> Result<NotificationSettings, AppError> {
    let db = &call.state.db;
    let p = notifications::preferences(db, user_id).await?;
    let devices = notifications::subscriptions(db, user_id).await?.len();
    let push_key =
        crate::notify::vapid::public_key(db, call.state.settings.vapid_private_key.as_deref())
            .await
            .map_err(|e| AppError::internal("VAPID key unavailable", &e))?;
    Ok(NotificationSettings {
        inbox: p.inbox,
        email: p.email,
        sms: p.sms,
        push: p.push,
        devices,
        push_key,
    })
}

/// The longest push service address accepted (they are a few hundred characters).
const ENDPOINT_MAX: usize = 2048;

pub async fn subscribe(
    call: &Call,
    user_id: i64,
    endpoint: &str,
    p256dh: &str,
    auth: &str,
) -> Result<(), AppError> {
    let url_ok = endpoint.len() <= ENDPOINT_MAX
        && (endpoint.starts_with("https://")
            || (!call.state.settings.production && endpoint.starts_with("http://")));
    // The keys are base64url: a P-256 public key (65 bytes) and a 16-byte secret.
    let key_ok = |k: &str, bytes: usize| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(k.trim_end_matches('='))
            .is_ok_and(|b| b.len() == bytes)
    };
    if !url_ok || !key_ok(p256dh, 65) || !key_ok(auth, 16) {
        return Err(AppError::form(Problem::PushRefused));
    }
    notifications::subscribe(
        &call.state.db,
        user_id,
        endpoint,
        p256dh,
        auth,
        &call.client.device,
    )
    .await?;
    call.record(user_id, "push_device_added").await?;
    Ok(())
}

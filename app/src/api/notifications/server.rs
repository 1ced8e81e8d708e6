//! The server side of the inbox and the notification settings.

use crate::auth::Call;
use crate::data::notifications;
use crate::error::AppError;
use crate::i18n::{use_lang, Lang};
use crate::model::{InboxItem, NotificationSettings};
use crate::problem::Problem;
use crate::shown::nairobi;
use crate::tracking::Status;

pub async fn inbox(call: &Call, user_id: i64) -> Result<Vec<InboxItem>, AppError> {
    let lang = use_lang();
    let t = lang.tracking();
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

/// The browsers' push services. In production a subscription must point at one of them:
/// the server posts to whatever address a subscription names, so any other would let a
/// signed-in person make the server call hosts of their choosing.
const PUSH_SERVICES: [&str; 4] = [
    "fcm.googleapis.com",
    "push.services.mozilla.com",
    "notify.windows.com",
    "push.apple.com",
];

/// Whether the server may post pushes to `endpoint`: a known push service over https in
/// production; in development also a local one over http (the tests run their own).
pub(crate) fn endpoint_allowed(endpoint: &str, production: bool) -> bool {
    if endpoint.len() > ENDPOINT_MAX {
        return false;
    }
    let Ok(url) = reqwest::Url::parse(endpoint) else {
        return false;
    };
    let host = url.host_str().unwrap_or_default();
    match url.scheme() {
        "https" if production => PUSH_SERVICES
            .iter()
            .any(|s| host == *s || host.ends_with(&format!(".{s}"))),
        "https" => !host.is_empty(),
        "http" => !production && !host.is_empty(),
        _ => false,
    }
}

pub async fn subscribe(
    call: &Call,
    user_id: i64,
    endpoint: &str,
    p256dh: &str,
    auth: &str,
) -> Result<(), AppError> {
    let url_ok = endpoint_allowed(endpoint, call.state.settings.production);
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
    let saved = notifications::subscribe(
        &call.state.db,
        user_id,
        endpoint,
        p256dh,
        auth,
        &call.client.device,
    )
    .await?;
    if !saved {
        return Err(AppError::form(Problem::PushElsewhere));
    }
    call.record(user_id, "push_device_added").await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::endpoint_allowed;
    use rstest::rstest;

    #[rstest]
    #[case("https://fcm.googleapis.com/fcm/send/abc", true, true)]
    #[case("https://updates.push.services.mozilla.com/wpush/v2/abc", true, true)]
    #[case("https://wns2-par02p.notify.windows.com/w/?token=abc", true, true)]
    #[case("https://web.push.apple.com/QGuk", true, true)]
    #[case("https://FCM.googleapis.com/fcm/send/abc", true, true)]
    #[case("http://fcm.googleapis.com/fcm/send/abc", true, false)]
    #[case("https://169.254.169.254/latest/meta-data", true, false)]
    #[case("https://evilfcm.googleapis.com.example/x", true, false)]
    #[case("https://fcm.googleapis.com@10.0.0.1/x", true, false)]
    #[case("https://notfcm.googleapis.com.evil/x", true, false)]
    #[case("http://127.0.0.1:4000/push/x", false, true)]
    #[case("https://push.example/x", false, true)]
    #[case("ftp://push.example/x", false, false)]
    #[case("javascript:alert(1)", false, false)]
    fn push_endpoints(#[case] endpoint: &str, #[case] production: bool, #[case] allowed: bool) {
        assert_eq!(
            endpoint_allowed(endpoint, production),
            allowed,
            "{endpoint}"
        );
    }
}

//! The signed-in person's messages and how they want to be told: the in-app inbox, channel
//! preferences, and this device's Web Push subscription.

use crate::error::AppError;
use crate::model::{InboxItem, NotificationSettings};
use leptos::prelude::*;

/// The newest messages first (at most 100).
#[server(endpoint = "notifications/inbox")]
pub async fn get_inbox() -> Result<Vec<InboxItem>, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::inbox(&call, user_id).await
}

#[server(endpoint = "notifications/read")]
pub async fn mark_all_read() -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::data::notifications::mark_all_read(&call.state.db, user_id).await?;
    crate::paths::go("/inbox");
    Ok(())
}

#[server(endpoint = "notifications/settings")]
pub async fn get_notification_settings() -> Result<NotificationSettings, AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    server::settings(&call, user_id).await
}

/// The channel checkboxes (a box left unticked is not sent at all).
#[server(endpoint = "notifications/save")]
pub async fn save_notification_settings(
    inbox: Option<String>,
    email: Option<String>,
    sms: Option<String>,
    push: Option<String>,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    let on = |v: &Option<String>| v.as_deref().is_some_and(|v| !v.is_empty());
    let preferences = crate::data::notifications::Preferences {
        inbox: on(&inbox),
        email: on(&email),
        sms: on(&sms),
        push: on(&push),
    };
    crate::data::notifications::save_preferences(&call.state.db, user_id, &preferences).await?;
    call.record(user_id, "notifications_changed").await?;
    crate::paths::go("/account/notifications?saved=1");
    Ok(())
}

/// Saves this browser's push subscription (what `PushSubscription.toJSON()` gives), after
/// hydration.
#[server(endpoint = "notifications/subscribe")]
pub async fn subscribe_push(
    endpoint: String,
    p256dh: String,
    auth: String,
) -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let result = match call.user_id().await {
        Ok(user_id) => server::subscribe(&call, user_id, &endpoint, &p256dh, &auth).await,
        Err(e) => Err(e),
    };
    call.answer(result)
}

/// Stops push notifications on every device of the person.
#[server(endpoint = "notifications/forget-devices")]
pub async fn forget_push_devices() -> Result<(), AppError> {
    let call = crate::auth::call().await?;
    let user_id = call.user_id().await?;
    crate::data::notifications::unsubscribe(&call.state.db, user_id, None).await?;
    call.record(user_id, "push_devices_forgotten").await?;
    crate::paths::go("/account/notifications");
    Ok(())
}

#[cfg(feature = "ssr")]
mod server;

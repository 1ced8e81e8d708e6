//! Forms whose change needs a recent "Confirm it's you" (`auth::recent`): after hydration,
//! a call refused for want of one goes on to the confirmation page, which comes back to
//! `back`. Without JavaScript the server sends the browser there itself.

use crate::error::AppError;
use leptos::prelude::*;

/// Watches an action's result and goes to "Confirm it's you" when the server asked for it.
pub fn confirm_when_asked<T, S>(value: S, back: &'static str)
where
    T: 'static,
    S: With<Value = Option<Result<T, AppError>>> + Send + Sync + 'static,
{
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if value.with(|v| matches!(v, Some(Err(AppError::ConfirmNeeded)))) {
            navigate(&crate::paths::confirm_then(back), Default::default());
        }
    });
}

//! The SMS reminder of a booked visit, the day before it (any open booking starting within
//! the next 24 hours that has not been reminded), keyed by booking so it goes once.

use crate::data::accounts::users;
use crate::data::{applications, appointments, places, Db};
use crate::i18n::Lang;
use crate::notify::{send, Template, To};
use chrono::{Duration, Utc};

/// Queues the due reminders; returns how many.
pub async fn remind_due(db: &Db) -> Result<usize, sqlx::Error> {
    let now = Utc::now();
    let due = appointments::due_reminders(db, now, now + Duration::hours(24)).await?;
    let mut sent = 0;
    for (id, application_id, starts_at, place_id) in due {
        let (Some(application), Some(place)) = (
            applications::by_id(db, application_id).await?,
            places::by_id(db, place_id).await?,
        ) else {
            appointments::mark_reminded(db, id).await?;
            continue;
        };
        let Some(user) = users::by_id(db, application.user_id).await? else {
            appointments::mark_reminded(db, id).await?;
            continue;
        };
        let lang = Lang::from_code(&user.language).unwrap_or_default();
        let when = starts_at
            .with_timezone(&chrono::FixedOffset::east_opt(3 * 3600).expect("valid offset"))
            .format("%d/%m %H:%M")
            .to_string();
        let reference = application.reference.clone().unwrap_or_default();
        send(
            db,
            To::Sms(&user.phone),
            lang,
            Template::AppointmentReminder {
                reference: &reference,
                when: &when,
                place: place.name(lang),
            },
            &format!("appointment:{id}:reminder"),
            None,
        )
        .await?;
        appointments::mark_reminded(db, id).await?;
        sent += 1;
    }
    Ok(sent)
}

//! What feature phones read from the database besides public tracking: an application's
//! status in one line, whether a reference belongs to the calling number, and the language
//! a registered number prefers.

use super::texts::texts;
use app::data::accounts::users;
use app::data::applications::{self, ApplicationRow};
use app::data::Db;
use app::forms::reference::Reference;
use app::i18n::Lang;
use app::tracking::Status;

/// "PPR-2026-7K3M-9QX2U: Being processed. Decision expected by 2026-12-20."
pub async fn status_line(db: &Db, row: &ApplicationRow, lang: Lang) -> anyhow::Result<String> {
    let view = app::api::tracking::server::view(db, row, lang, false)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let t = texts(lang);
    let mut line = format!(
        "{}: {}.",
        view.reference,
        (lang.tracking().status)(view.status)
    );
    if let Some(date) = &view.expected_by {
        line.push(' ');
        line.push_str(&(t.expected_by)(date));
    }
    if view.status == Status::ReadyForCollection {
        if let Some(place) = &view.place {
            line.push(' ');
            line.push_str(&(t.at_place)(&place.name, &place.hours_short));
        }
    }
    Ok(line)
}

/// The application with this reference, if `phone` is its applicant's verified number.
pub async fn owned_by_phone(
    db: &Db,
    reference: &Reference,
    phone: &str,
) -> anyhow::Result<Option<ApplicationRow>> {
    let Some(row) = applications::by_reference(db, &reference.to_string()).await? else {
        return Ok(None);
    };
    let user = users::by_id(db, row.user_id).await?;
    Ok(user
        .filter(|u| u.phone == phone && u.phone_verified_at.is_some())
        .map(|_| row))
}

/// The language of the account registered to this number, if any.
pub async fn language_of(db: &Db, phone: &str) -> anyhow::Result<Option<Lang>> {
    let code: Option<String> = app::with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT language FROM users WHERE phone = $1 AND phone_verified_at IS NOT NULL \
         ORDER BY id LIMIT 1"
    )
    .bind(phone)
    .fetch_optional(pool)
    .await)?;
    Ok(code.as_deref().and_then(Lang::from_code))
}

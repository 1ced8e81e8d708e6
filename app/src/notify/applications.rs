//! Messages about applications: the confirmation once one is submitted (paid, or free), by
//! email and SMS, and the reminder before an untouched draft is deleted. Each is keyed in
//! the outbox by the application, so it goes once however often M-Pesa repeats itself or
//! however many instances run the draft upkeep.

use crate::data::accounts::users::{self, UserRow};
use crate::data::applications::{self, ApplicationRow};
use crate::data::{invoices, payments, Db};
use crate::i18n::Lang;
use crate::money::format_kes;
use crate::notify::{self, Template, To};

fn lang_and_service(user: &UserRow, application: &ApplicationRow) -> (Lang, String) {
    let lang = Lang::from_code(&user.language).unwrap_or_default();
    let service = match lang {
        Lang::En => application.service_name_en.clone(),
        Lang::Sw => application.service_name_sw.clone(),
    };
    (lang, service)
}

/// The application behind an invoice was submitted: tell its owner by email and SMS.
pub async fn submitted(db: &Db, site_url: &str, invoice_id: i64) -> Result<(), sqlx::Error> {
    let Some(invoice) = invoices::by_id(db, invoice_id).await? else {
        return Ok(());
    };
    let Some(application) = applications::by_id(db, invoice.application_id).await? else {
        return Ok(());
    };
    let Some(user) = users::by_id(db, application.user_id).await? else {
        return Ok(());
    };
    let receipt = payments::settling(db, &invoice)
        .await?
        .and_then(|p| p.mpesa_receipt)
        .unwrap_or_else(|| "—".into());
    let (lang, service) = lang_and_service(&user, &application);
    let reference = application.reference.clone().unwrap_or_default();
    let amount = format_kes(invoice.total_cents);
    let link = format!("{site_url}/applications/{}", application.public_id);
    let template = || match invoice.total_cents {
        0 => Template::ApplicationSubmittedFree {
            service: &service,
            reference: &reference,
            link: &link,
        },
        _ => Template::ApplicationSubmitted {
            service: &service,
            reference: &reference,
            amount: &amount,
            receipt: &receipt,
            link: &link,
        },
    };
    let id = &application.public_id;
    notify::send(
        db,
        To::Email(&user.email),
        lang,
        template(),
        &format!("submitted-email:{id}"),
        None,
    )
    .await?;
    notify::send(
        db,
        To::Sms(&user.phone),
        lang,
        template(),
        &format!("submitted-sms:{id}"),
        None,
    )
    .await
}

/// An untouched draft will be deleted soon: tell its owner by email, once per expiry date.
pub async fn draft_expiring(
    db: &Db,
    site_url: &str,
    draft: &ApplicationRow,
) -> Result<(), sqlx::Error> {
    let (Some(user), Some(expires_at)) = (users::by_id(db, draft.user_id).await?, draft.expires_at)
    else {
        return Ok(());
    };
    let (lang, service) = lang_and_service(&user, draft);
    let date = crate::shown::nairobi(expires_at)[..10].to_string();
    let link = format!("{site_url}/applications/{}", draft.public_id);
    notify::send(
        db,
        To::Email(&user.email),
        lang,
        Template::DraftExpiring {
            service: &service,
            date: &date,
            link: &link,
        },
        &format!("draft-expiring:{}:{date}", draft.public_id),
        None,
    )
    .await
}

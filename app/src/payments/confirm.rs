//! The confirmation a person gets once their application is paid and sent: an email and an
//! SMS through the outbox, each keyed by the application so it goes once however often
//! M-Pesa repeats itself.

use crate::data::accounts::users;
use crate::data::{applications, invoices, payments, Db};
use crate::i18n::Lang;
use crate::money::format_kes;
use crate::notify::{self, Template, To};

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
    let receipt = match invoice.paid_by {
        Some(id) => payments::by_id(db, id).await?.and_then(|p| p.mpesa_receipt),
        None => None,
    }
    .unwrap_or_else(|| "—".into());
    let lang = Lang::from_code(&user.language).unwrap_or_default();
    let service = match lang {
        Lang::En => &application.service_name_en,
        Lang::Sw => &application.service_name_sw,
    };
    let reference = application.reference.clone().unwrap_or_default();
    let amount = format_kes(invoice.total_cents);
    let link = format!("{site_url}/applications/{}", application.public_id);
    let template = || Template::ApplicationSubmitted {
        service,
        reference: &reference,
        amount: &amount,
        receipt: &receipt,
        link: &link,
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

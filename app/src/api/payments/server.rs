//! The server side of sending and paying: invoices from the catalogue's fees and the form's
//! fee rules, M-Pesa prompts, payment states, receipts and the public receipt check.

use crate::api::applications::server::{draft, load};
use crate::auth::{rate_limit, Call};
use crate::data::applications::{self, ApplicationRow};
use crate::data::invoices::{self, LineRow, ServiceFeeRow};
use crate::data::payments::{self, PaymentRow};
use crate::error::AppError;
use crate::forms::reference::{invoice_number, Reference, ReferenceError};
use crate::forms::{fees, rules, Answers, FormDefinition};
use crate::i18n::{use_lang, Lang};
use crate::model::{InvoiceView, PayPage, PaymentState, PaymentStatus, Receipt, Verification};
use crate::payments::daraja::{codes, StkOutcome};
use crate::payments::mpesa::{self, PushError};
use crate::problem::Problem;
use crate::shown::nairobi;

/// The service's fee lines this application is charged, from its answers.
async fn charged_lines(
    call: &Call,
    row: &ApplicationRow,
    form: &FormDefinition,
    answers: &Answers,
) -> Result<Vec<ServiceFeeRow>, AppError> {
    let all = invoices::service_fees(&call.state.db, row.service_id).await?;
    Ok(fees::charged(form, answers, all.len())
        .into_iter()
        .map(|i| all[i].clone())
        .collect())
}

fn as_lines(rows: &[ServiceFeeRow]) -> Vec<LineRow> {
    rows.iter()
        .map(|f| LineRow {
            kind: f.kind.clone(),
            label_en: f.label_en.clone(),
            label_sw: f.label_sw.clone(),
            amount_cents: f.amount_cents,
        })
        .collect()
}

/// What sending the draft will cost (for "Check your answers").
pub(crate) async fn preview(
    call: &Call,
    row: &ApplicationRow,
    form: &FormDefinition,
    answers: &Answers,
) -> Result<InvoiceView, AppError> {
    let lines = charged_lines(call, row, form, answers).await?;
    Ok(invoices::view(None, &as_lines(&lines), use_lang()))
}

/// The declaration made by sending (a guardian's for a child's application).
pub(crate) fn declaration(form: &FormDefinition, lang: Lang) -> String {
    let p = lang.payments();
    if form.for_child {
        p.declaration_guardian.to_string()
    } else {
        p.declaration.to_string()
    }
}

/// Sends the draft; returns where to go next (paying, or the confirmation of a free one).
pub async fn send(call: &Call, user_id: i64, id: &str, declared: bool) -> Result<String, AppError> {
    let (row, form) = load(call, user_id, id).await?;
    if row.status != "draft" {
        // Sent already (a second tap, or back and forward): on to what comes next.
        return Ok(crate::api::applications::server::sent_page(&row));
    }
    draft(&row)?;
    let answers = rules::shown_answers(&form, &row.answers());
    if !rules::check_all(&form, &answers, crate::shown::nairobi_today()).is_empty() {
        return Err(AppError::form(Problem::ApplicationIncomplete));
    }
    if !declared {
        return Err(AppError::field("declaration", Problem::DeclarationMissing));
    }
    let lines = charged_lines(call, &row, &form, &answers).await?;
    let year: u16 = crate::shown::nairobi_today()
        .format("%Y")
        .to_string()
        .parse()
        .unwrap_or(2026);
    let random = &call.state.random;
    // A reference and an invoice number, made afresh if either was taken already.
    let identifiers = || {
        let reference = Reference::new(&form.reference_prefix, year, random.bits()).to_string();
        (reference, invoice_number(random.bits()))
    };
    let who = call.who(user_id, "citizen", None);
    let sent = invoices::send(
        &call.state.db,
        identifiers,
        &invoices::Sending {
            application_id: row.id,
            answers: &answers,
            lines: &lines,
            who: &who,
        },
    )
    .await?;
    if sent != invoices::Sent::Already {
        call.record(user_id, "application_sent").await?;
    }
    if sent == invoices::Sent::Submitted {
        if let Some(invoice) = invoices::of_application(&call.state.db, row.id).await? {
            crate::notify::applications::submitted(&call.state.db, call.public_url(), invoice.id)
                .await?;
        }
        return Ok(format!("/applications/{id}/confirmation"));
    }
    Ok(format!("/applications/{id}/pay"))
}

/// The application, which must have been sent (not a draft), with its invoice.
async fn sent(
    call: &Call,
    user_id: i64,
    id: &str,
) -> Result<(ApplicationRow, invoices::InvoiceRow), AppError> {
    let row = applications::of_user(&call.state.db, user_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let invoice = invoices::of_application(&call.state.db, row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((row, invoice))
}

/// "0712 345 678" from "+254712345678", as people write their own number.
fn local_format(e164: &str) -> String {
    match e164.strip_prefix("+254") {
        Some(rest) if rest.len() == 9 => format!("0{} {} {}", &rest[..3], &rest[3..6], &rest[6..]),
        _ => e164.to_string(),
    }
}

pub async fn pay_page(call: &Call, user_id: i64, id: &str) -> Result<PayPage, AppError> {
    let (row, invoice) = sent(call, user_id, id).await?;
    if invoice.paid() {
        crate::paths::go(&format!("/applications/{id}/confirmation"));
    }
    let lang = use_lang();
    let lines = invoices::lines(&call.state.db, invoice.id).await?;
    let user = crate::data::accounts::users::by_id(&call.state.db, user_id)
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(PayPage {
        id: row.public_id.clone(),
        service_name: row.service_name(lang),
        reference: row.reference.clone().unwrap_or_default(),
        invoice: invoices::view(Some(invoice.number.clone()), &lines, lang),
        phone: local_format(&user.phone),
        key: uuid::Uuid::new_v4().simple().to_string(),
        paybill: call
            .state
            .mpesa
            .as_ref()
            .map(|m| m.daraja.shortcode().to_string()),
        dev_phone: call.state.mpesa.is_some() && !call.state.settings.production,
        status: call
            .state
            .catalogue
            .now(&call.state.db)
            .await?
            .trouble(&row.agency_slug, lang),
    })
}

/// Sends the prompt. False when there is nothing to pay any more (paid meanwhile).
pub async fn pay(
    call: &Call,
    user_id: i64,
    id: &str,
    phone: &str,
    key: &str,
) -> Result<bool, AppError> {
    let (_, invoice) = sent(call, user_id, id).await?;
    if invoice.paid() {
        return Ok(false);
    }
    if key.len() != 32 || !key.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(AppError::form(Problem::StartAgain));
    }
    let phone = mpesa::mpesa_phone(phone).map_err(|p| AppError::field("phone", p))?;
    rate_limit::take(&call.state.limits.payments, call.client.rate_key())
        .map_err(AppError::form)?;
    let Some(m) = &call.state.mpesa else {
        return Err(AppError::form(Problem::MpesaUnavailable));
    };
    match mpesa::push(&call.state.db, &m.daraja, &invoice, &phone, key).await {
        Ok(_) => Ok(true),
        Err(PushError::Mpesa(_)) => Err(AppError::form(Problem::MpesaUnavailable)),
        Err(PushError::Db(e)) => Err(e.into()),
    }
}

fn state_of(payment: &PaymentRow, invoice_paid: bool) -> PaymentState {
    match (payment.status.as_str(), payment.result_code) {
        ("paid", _) if payment.refund_due => PaymentState::PaidTwice,
        ("paid", _) => PaymentState::Paid,
        // Paid another way (Paybill, another prompt) while this prompt waits.
        ("pending", _) if invoice_paid => PaymentState::Paid,
        ("pending", _) => PaymentState::Waiting,
        (_, Some(codes::CANCELLED)) => PaymentState::Cancelled,
        (_, Some(codes::PHONE_UNREACHABLE)) => PaymentState::TimedOut,
        (_, Some(codes::INSUFFICIENT_FUNDS)) => PaymentState::NoFunds,
        _ => PaymentState::Failed,
    }
}

/// After this long without a callback, looking at the waiting page asks M-Pesa directly.
const ASK_AFTER_SECONDS: i64 = 30;

pub async fn status(
    call: &Call,
    user_id: i64,
    id: &str,
    key: &str,
) -> Result<PaymentStatus, AppError> {
    let (row, mut invoice) = sent(call, user_id, id).await?;
    let db = &call.state.db;
    let mut payment = payments::by_key(db, key)
        .await?
        .filter(|p| p.invoice_id == invoice.id)
        .ok_or(AppError::NotFound)?;
    let late =
        chrono::Utc::now() - payment.created_at > chrono::Duration::seconds(ASK_AFTER_SECONDS);
    if let (true, true, Some(m), Some(checkout)) = (
        payment.status == "pending",
        late,
        &call.state.mpesa,
        payment.checkout_request_id.clone(),
    ) {
        // The callback is late: ask, so a refresh without JavaScript settles it.
        if let Ok(outcome) = m.daraja.stk_query(&checkout).await {
            if outcome != StkOutcome::Pending {
                mpesa::settle(db, &m.site_url, &payment, &outcome, None).await?;
                payment = payments::by_id(db, payment.id).await?.unwrap_or(payment);
                invoice = invoices::by_id(db, invoice.id).await?.unwrap_or(invoice);
            }
        }
    }
    Ok(PaymentStatus {
        id: row.public_id.clone(),
        key: key.to_string(),
        service_name: row.service_name(use_lang()),
        state: state_of(&payment, invoice.paid()),
        phone: crate::auth::phone::masked(&format!("+{}", payment.phone)),
        amount_cents: payment.amount_cents,
        dev_phone: call.state.mpesa.is_some() && !call.state.settings.production,
    })
}

pub async fn receipt(call: &Call, user_id: i64, id: &str) -> Result<Receipt, AppError> {
    let seal = call.state.seal().await?;
    crate::payments::receipt::load(&call.state.db, &seal, user_id, id, use_lang())
        .await?
        .ok_or(AppError::NotFound)
}

pub async fn verify(call: &Call, reference: &str, receipt: &str) -> Result<Verification, AppError> {
    if reference.trim().is_empty() {
        return Ok(Verification::Blank);
    }
    rate_limit::take(&call.state.limits.verify, call.client.rate_key())
        .map_err(|p| AppError::field("reference", p))?;
    let reference = match Reference::parse(reference) {
        Ok(r) => r.to_string(),
        Err(e) => {
            return Ok(Verification::NotAReference {
                typo: e == ReferenceError::Typo,
            })
        }
    };
    if receipt.trim().is_empty() {
        return Ok(Verification::ReceiptMissing);
    }
    let db = &call.state.db;
    let Some(row) = applications::by_reference(db, &reference).await? else {
        return Ok(Verification::NotFound);
    };
    let Some(invoice) = invoices::of_application(db, row.id)
        .await?
        .filter(|i| i.paid())
    else {
        return Ok(Verification::NotFound);
    };
    let mpesa_receipt = payments::settling(db, &invoice)
        .await?
        .and_then(|p| p.mpesa_receipt);
    let receipt = receipt.trim();
    if !mpesa_receipt
        .as_deref()
        .is_some_and(|r| r.eq_ignore_ascii_case(receipt))
    {
        return Ok(Verification::NotFound);
    }
    Ok(Verification::Genuine {
        reference,
        service_name: row.service_name(use_lang()),
        total_cents: invoice.total_cents,
        paid_at: invoice.paid_at.map(nairobi).unwrap_or_default(),
        mpesa_receipt,
    })
}

//! The receipt of a paid application: what the confirmation page shows, and the same as a
//! one-page PDF with a QR code that opens the public receipt check.

use crate::data::applications::ApplicationRow;
use crate::data::{applications, invoices, payments, Db};
use crate::documents::{self, payload::Words, Kind, Line, Payload, Seal};
use crate::error::AppError;
use crate::files::pdf::Page;
use crate::i18n::Lang;
use crate::model::Receipt;
use crate::money::format_kes;
use crate::shown::{nairobi, nairobi_offset_date};

/// The person's own paid application's receipt; `None` if it is not theirs or not paid.
/// Issues its signed document the first time it can (see `Receipt::check_code`).
pub async fn load(
    db: &Db,
    seal: &Seal,
    user_id: i64,
    public_id: &str,
    lang: Lang,
) -> Result<Option<Receipt>, AppError> {
    let Some(row) = applications::of_user(db, user_id, public_id).await? else {
        return Ok(None);
    };
    let Some(invoice) = invoices::of_application(db, row.id)
        .await?
        .filter(|i| i.paid())
    else {
        return Ok(None);
    };
    let lines = invoices::lines(db, invoice.id).await?;
    let payment = payments::settling(db, &invoice).await?;
    let processing_days = crate::data::catalogue::processing_days(db, row.service_id).await?;
    let mut receipt = Receipt {
        id: row.public_id.clone(),
        service_name: row.service_name(lang),
        reference: row.reference.clone().unwrap_or_default(),
        invoice: invoices::view(Some(invoice.number.clone()), &lines, lang),
        paid_at: invoice.paid_at.map(nairobi).unwrap_or_default(),
        mpesa_receipt: payment.as_ref().and_then(|p| p.mpesa_receipt.clone()),
        method_paybill: payment.is_some_and(|p| p.method == "paybill"),
        free: invoice.total_cents == 0,
        processing_days,
        check_code: None,
    };
    if receipt.free || receipt.mpesa_receipt.is_some() {
        let paid_on = invoice.paid_at.map(|t| nairobi_offset_date(t, 0));
        let payload = payload(seal, &row, &receipt, paid_on.unwrap_or_default());
        let document = documents::issue(db, seal, row.id, &payload).await?;
        receipt.check_code = Some(documents::code(&document));
    }
    Ok(Some(receipt))
}

/// What a receipt's code signs: reference, service, date, amount and M-Pesa receipt.
fn payload(seal: &Seal, row: &ApplicationRow, receipt: &Receipt, paid_on: String) -> Payload {
    let (en, sw) = (Lang::En.payments(), Lang::Sw.payments());
    let mut lines = vec![Line {
        en: en.amount_paid.into(),
        sw: sw.amount_paid.into(),
        v: format_kes(receipt.invoice.total_cents),
    }];
    if let Some(number) = &receipt.mpesa_receipt {
        lines.push(Line {
            en: en.mpesa_receipt.into(),
            sw: sw.mpesa_receipt.into(),
            v: number.clone(),
        });
    }
    Payload {
        v: 1,
        k: seal.key_id().to_string(),
        t: Kind::Receipt,
        n: Kind::Receipt.number(&receipt.reference),
        r: receipt.reference.clone(),
        s: Words {
            en: row.service_name_en.clone(),
            sw: row.service_name_sw.clone(),
        },
        d: paid_on,
        h: None,
        f: lines,
    }
}

/// The public check's address for this receipt (what the QR code holds): its signed code,
/// or until it has one, the check by reference and M-Pesa receipt number.
pub fn verify_url(site_url: &str, receipt: &Receipt) -> String {
    if let Some(code) = &receipt.check_code {
        return format!("{site_url}{}", documents::check_path(code));
    }
    // Both are capitals, digits and hyphens: nothing to escape (anything else is dropped).
    let safe = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect()
    };
    let receipt_number = receipt.mpesa_receipt.as_deref().unwrap_or_default();
    format!(
        "{site_url}/verify?reference={}&receipt={}",
        safe(&receipt.reference),
        safe(receipt_number)
    )
}

/// A one-page A4 receipt: title, reference, service, each invoice line, the total, the
/// M-Pesa receipt number, and a QR code to `verify_url`.
pub fn pdf(receipt: &Receipt, verify_url: &str, lang: Lang) -> Vec<u8> {
    let p = lang.payments();
    let mut page = Page::new();
    let (left, right) = (56.0, 539.0);
    let mut y = 780.0;
    page.text(left, y, 20.0, true, p.receipt_pdf_title);
    y -= 36.0;
    let rows = [
        (p.your_reference, receipt.reference.clone()),
        (p.service, receipt.service_name.clone()),
        (
            p.invoice_number,
            receipt.invoice.number.clone().unwrap_or_default(),
        ),
        (p.paid_on, format!("{} (EAT)", receipt.paid_at)),
        (
            p.paid_with,
            if receipt.method_paybill {
                p.paid_by_paybill
            } else {
                p.paid_by_prompt
            }
            .to_string(),
        ),
        (
            p.mpesa_receipt,
            receipt
                .mpesa_receipt
                .clone()
                .unwrap_or_else(|| p.receipt_to_follow.to_string()),
        ),
    ];
    for (label, value) in rows {
        page.text(left, y, 11.0, false, label);
        page.text(left + 170.0, y, 11.0, true, &value);
        y -= 20.0;
    }
    y -= 16.0;
    for line in &receipt.invoice.lines {
        page.text(left, y, 11.0, false, &line.label);
        page.text_right(right, y, 11.0, false, &format_kes(line.amount_cents));
        y -= 18.0;
    }
    // A rule above the total.
    page.rule(left, right, y + 12.0);
    let total = format_kes(receipt.invoice.total_cents);
    page.text(left, y - 4.0, 12.0, true, p.total_paid);
    page.text_right(right, y - 4.0, 12.0, true, &total);

    // The QR code, with the document's number (or the check's address) beside it.
    let (qx, qy) = (left, 100.0_f32);
    let side = page.qr(verify_url, qx, qy, 2.0);
    let beside = qx + side + 20.0;
    page.text(beside, qy + side - 20.0, 10.0, false, p.receipt_scan);
    if receipt.check_code.is_some() {
        let d = lang.documents();
        page.text(beside, qy + side - 36.0, 9.0, false, d.check_by_number);
        page.text(
            beside,
            qy + side - 50.0,
            9.0,
            true,
            &documents::Kind::Receipt.number(&receipt.reference),
        );
    } else {
        page.text(beside, qy + side - 36.0, 8.0, false, verify_url);
    }
    page.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{InvoiceLineView, InvoiceView};

    fn receipt() -> Receipt {
        Receipt {
            id: "abc".into(),
            service_name: "Official land search".into(),
            reference: "LDS-2026-7K3M-9QX2U".into(),
            invoice: InvoiceView {
                number: Some("UR7K3M9QX2A".into()),
                lines: vec![
                    InvoiceLineView {
                        label: "Official land search".into(),
                        convenience: false,
                        amount_cents: 50_000,
                    },
                    InvoiceLineView {
                        label: "eCitizen convenience fee".into(),
                        convenience: true,
                        amount_cents: 5_000,
                    },
                ],
                total_cents: 55_000,
            },
            paid_at: "2026-11-22 10:15".into(),
            mpesa_receipt: Some("TQX9ABCDEF".into()),
            method_paybill: false,
            free: false,
            processing_days: (1, 1),
            check_code: None,
        }
    }

    #[test]
    fn the_pdf_holds_the_reference_lines_total_and_check_address() {
        let r = receipt();
        let url = verify_url("https://uraia.example", &r);
        assert_eq!(
            url,
            "https://uraia.example/verify?reference=LDS-2026-7K3M-9QX2U&receipt=TQX9ABCDEF"
        );
        let bytes = pdf(&r, &url, Lang::En);
        let doc = lopdf::Document::load_mem(&bytes).expect("a PDF that parses");
        assert_eq!(doc.get_pages().len(), 1);
        let text = doc.extract_text(&[1]).unwrap();
        for expected in [
            "LDS-2026-7K3M-9QX2U",
            "TQX9ABCDEF",
            "KES 550",
            "KES 50",
            "Official land search",
            &url,
        ] {
            assert!(text.contains(expected), "{expected:?} not in {text:?}");
        }
    }

    #[test]
    fn kiswahili_receipts_are_in_kiswahili() {
        let r = receipt();
        let text = lopdf::Document::load_mem(&pdf(&r, "x", Lang::Sw))
            .unwrap()
            .extract_text(&[1])
            .unwrap();
        assert!(text.contains("Risiti ya malipo ya Uraia"), "{text}");
    }
}

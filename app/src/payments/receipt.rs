//! The receipt of a paid application: what the confirmation page shows, and the same as a
//! one-page PDF with a QR code that opens the public receipt check.

use crate::api::nairobi;
use crate::api::payments::server::{invoice_view, service_name};
use crate::data::{applications, invoices, payments, Db};
use crate::i18n::Lang;
use crate::model::Receipt;
use crate::money::format_kes;

/// The person's own paid application's receipt; `None` if it is not theirs or not paid.
pub async fn load(
    db: &Db,
    user_id: i64,
    public_id: &str,
    lang: Lang,
) -> Result<Option<Receipt>, sqlx::Error> {
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
    let service = crate::data::catalogue::service(db, &row.service_slug, lang).await?;
    Ok(Some(Receipt {
        id: row.public_id.clone(),
        service_name: service_name(&row, lang),
        reference: row.reference.clone().unwrap_or_default(),
        invoice: invoice_view(Some(invoice.number.clone()), &lines, lang),
        paid_at: invoice.paid_at.map(nairobi).unwrap_or_default(),
        mpesa_receipt: payment.as_ref().and_then(|p| p.mpesa_receipt.clone()),
        method_paybill: payment.is_some_and(|p| p.method == "paybill"),
        free: invoice.total_cents == 0,
        processing_days: service
            .map(|s| (s.processing_days_min, s.processing_days_max))
            .unwrap_or_default(),
    }))
}

/// The public check's address for this receipt (what the QR code holds).
pub fn verify_url(site_url: &str, receipt: &Receipt) -> String {
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

/// Text for the PDF's built-in Helvetica (WinAnsi): characters outside it are replaced, as
/// a PDF viewer would show nothing for them.
fn pdf_text(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| match c {
            '–' | '—' => b'-',
            '’' | '‘' => b'\'',
            '“' | '”' => b'"',
            c if (' '..='~').contains(&c) => c as u8,
            _ => b'?',
        })
        .collect()
}

/// A one-page A4 receipt: title, reference, service, each invoice line, the total, the
/// M-Pesa receipt number, and a QR code to `verify_url`.
pub fn pdf(receipt: &Receipt, verify_url: &str, lang: Lang) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream};

    let p = lang.t().payments;
    let mut doc = Document::with_version("1.5");
    let font = |name: &str| {
        dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => name.to_string(), "Encoding" => "WinAnsiEncoding" }
    };
    let regular = doc.add_object(font("Helvetica"));
    let bold = doc.add_object(font("Helvetica-Bold"));
    let resources = doc.add_object(dictionary! {
        "Font" => dictionary! { "F1" => regular, "F2" => bold },
    });

    let mut ops: Vec<Operation> = Vec::new();
    let text = |ops: &mut Vec<Operation>, x: f32, y: f32, size: f32, bold: bool, s: &str| {
        ops.push(Operation::new("BT", vec![]));
        ops.push(Operation::new(
            "Tf",
            vec![if bold { "F2" } else { "F1" }.into(), size.into()],
        ));
        ops.push(Operation::new("Td", vec![x.into(), y.into()]));
        ops.push(Operation::new(
            "Tj",
            vec![Object::String(pdf_text(s), lopdf::StringFormat::Literal)],
        ));
        ops.push(Operation::new("ET", vec![]));
    };
    let (left, right) = (56.0, 539.0);
    let mut y = 780.0;
    text(&mut ops, left, y, 20.0, true, p.receipt_pdf_title);
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
        text(&mut ops, left, y, 11.0, false, label);
        text(&mut ops, left + 170.0, y, 11.0, true, &value);
        y -= 20.0;
    }
    y -= 16.0;
    for line in &receipt.invoice.lines {
        let amount = format_kes(line.amount_cents);
        text(&mut ops, left, y, 11.0, false, &line.label);
        text(
            &mut ops,
            right - 6.0 * amount.len() as f32,
            y,
            11.0,
            false,
            &amount,
        );
        y -= 18.0;
    }
    // A rule above the total.
    ops.push(Operation::new("w", vec![0.8.into()]));
    ops.push(Operation::new("m", vec![left.into(), (y + 12.0).into()]));
    ops.push(Operation::new("l", vec![right.into(), (y + 12.0).into()]));
    ops.push(Operation::new("S", vec![]));
    let total = format_kes(receipt.invoice.total_cents);
    text(&mut ops, left, y - 4.0, 12.0, true, p.total_paid);
    text(
        &mut ops,
        right - 6.6 * total.len() as f32,
        y - 4.0,
        12.0,
        true,
        &total,
    );

    // The QR code: one filled square per dark module, 2.5 points each, with a quiet zone.
    if let Ok(qr) = qrcodegen::QrCode::encode_text(verify_url, qrcodegen::QrCodeEcc::Medium) {
        let module = 2.5_f32;
        let size = qr.size();
        let (qx, qy) = (left, 120.0_f32);
        ops.push(Operation::new("g", vec![0.into()]));
        for row in 0..size {
            for col in 0..size {
                if qr.get_module(col, row) {
                    let x = qx + col as f32 * module;
                    let y = qy + (size - 1 - row) as f32 * module;
                    ops.push(Operation::new(
                        "re",
                        vec![x.into(), y.into(), module.into(), module.into()],
                    ));
                }
            }
        }
        ops.push(Operation::new("f", vec![]));
        let beside = qx + size as f32 * module + 20.0;
        text(&mut ops, beside, qy + 40.0, 10.0, false, p.receipt_scan);
        text(&mut ops, beside, qy + 24.0, 8.0, false, verify_url);
    }

    let content = Content { operations: ops };
    let content_id = doc.add_object(Stream::new(
        dictionary! {},
        content.encode().unwrap_or_default(),
    ));
    crate::files::pdf::single_page(
        doc,
        dictionary! { "Contents" => content_id, "Resources" => resources },
    )
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

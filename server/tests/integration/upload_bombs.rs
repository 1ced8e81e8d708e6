//! Decompression bombs through the real upload route: each is refused with its reason next
//! to the file question, in both languages, with and without JavaScript, and nothing is
//! stored.

use crate::application_files::{start, upload};
use crate::browser::citizen;
use crate::support::{on_both_backends, TestApp};
use app::files::bombs;

/// The bombs, with what the page says in English and in Kiswahili.
fn bombs() -> Vec<(&'static str, Vec<u8>, &'static str, &'static str)> {
    let pixels_en = "The image has too many pixels: it must be 40 megapixels or fewer.";
    let pixels_sw = "Picha ina pikseli nyingi mno: lazima iwe na megapikseli 40 au chini.";
    let pdf_en = "This PDF cannot be checked: it unpacks to far more than its size.";
    let pdf_sw = "PDF hii haiwezi kukaguliwa: inafunguka kuwa kubwa mno kuliko ukubwa wake.";
    vec![
        ("huge.png", bombs::png(20_000, 20_000), pixels_en, pixels_sw),
        (
            "huge.jpg",
            bombs::jpeg_claiming(60_000, 60_000),
            pixels_en,
            pixels_sw,
        ),
        (
            "inflating.pdf",
            bombs::pdf_with_inflating_page(300 * 1024 * 1024),
            pdf_en,
            pdf_sw,
        ),
    ]
}

async fn decompression_bombs_are_refused_next_to_the_field(app: &TestApp) {
    let mut b = citizen(app).await;
    let id = start(&mut b).await;
    for (name, bytes, english, kiswahili) in bombs() {
        assert!(
            bytes.len() < 5 * 1024 * 1024,
            "{name}: {} bytes",
            bytes.len()
        );
        // JavaScript off: back to the section, the reason under the question.
        b.cookies.remove("lang");
        let page = upload(&mut b, &id, "doc_passport", name, bytes.clone()).await;
        assert!(
            page.contains(&format!(
                r#"id="doc_passport-error" class="field__error">{english}"#
            )),
            "{name}: {page}"
        );
        assert!(!page.contains("Uploaded:"), "{name}: nothing stored");
        b.cookies.insert("lang".into(), "sw".into());
        let page = upload(&mut b, &id, "doc_passport", name, bytes.clone()).await;
        assert!(
            page.contains(&format!(
                r#"id="doc_passport-error" class="field__error">{kiswahili}"#
            )),
            "{name}: {page}"
        );
        // The hydrated page's call: the field and its problem, as data.
        let res = b
            .call_multipart(
                "/api/applications/upload",
                &[
                    ("id", id.as_str()),
                    ("section", "documents"),
                    ("question", "doc_passport"),
                ],
                Some(("file", name, bytes)),
            )
            .await;
        let body = res.text();
        assert!(
            body.contains("doc_passport")
                && (body.contains("ImageTooManyPixels") || body.contains("PdfTooComplex")),
            "{name}: {} {body}",
            res.status
        );
    }
    b.cookies.remove("lang");
    // A passport photo bomb is refused the same way.
    let page = upload(
        &mut b,
        &id,
        "doc_photo",
        "me.png",
        bombs::png(20_000, 20_000),
    )
    .await;
    assert!(
        page.contains(r#"id="doc_photo-error" class="field__error">The image has too many pixels"#),
        "{page}"
    );
    let stored: i64 = app::with_pool!(&app.db, |pool| sqlx::query_scalar(
        "SELECT COUNT(*) FROM application_files"
    )
    .fetch_one(pool)
    .await)
    .unwrap();
    assert_eq!(stored, 0, "no bomb was kept");
}

on_both_backends!(decompression_bombs_are_refused_next_to_the_field);

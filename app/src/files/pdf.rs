//! Writing a one-page A4 PDF with lopdf: the page tree, catalogue and trailer every such
//! document needs, around a page's own entries (content, resources). Used for receipts, and
//! by tests that need a valid PDF.

use lopdf::{dictionary, Dictionary, Document, Object};

/// A4 in PDF points.
pub const A4: (i64, i64) = (595, 842);

/// Saves `doc` with one A4 page made of `page`'s entries (e.g. `Contents`, `Resources`).
pub fn single_page(mut doc: Document, mut page: Dictionary) -> Vec<u8> {
    let pages_id = doc.new_object_id();
    page.set("Type", "Page");
    page.set("Parent", pages_id);
    page.set(
        "MediaBox",
        vec![0.into(), 0.into(), A4.0.into(), A4.1.into()],
    );
    let page_id = doc.add_object(page);
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages",
            "Kids" => vec![page_id.into()],
            "Count" => 1,
        }),
    );
    let catalog_id = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog_id);
    let mut bytes = Vec::new();
    // Writing to memory cannot fail for want of space; an error would be lopdf's own bug.
    let _ = doc.save_to(&mut bytes);
    bytes
}

/// An empty one-page PDF (for tests of uploads).
pub fn blank() -> Vec<u8> {
    single_page(Document::with_version("1.5"), Dictionary::new())
}

/// A one-page A4 document drawn top to bottom in Helvetica: the receipts' and certificates'
/// shared drawing (text, rules, a QR code).
pub struct Page {
    doc: Document,
    resources: lopdf::ObjectId,
    ops: Vec<lopdf::content::Operation>,
}

impl Default for Page {
    fn default() -> Self {
        Self::new()
    }
}

impl Page {
    pub fn new() -> Self {
        let mut doc = Document::with_version("1.5");
        let font = |name: &str| {
            dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => name.to_string(), "Encoding" => "WinAnsiEncoding" }
        };
        let regular = doc.add_object(font("Helvetica"));
        let bold = doc.add_object(font("Helvetica-Bold"));
        let resources = doc.add_object(dictionary! {
            "Font" => dictionary! { "F1" => regular, "F2" => bold },
        });
        Page {
            doc,
            resources,
            ops: Vec::new(),
        }
    }

    fn op(&mut self, name: &str, operands: Vec<Object>) {
        self.ops
            .push(lopdf::content::Operation::new(name, operands));
    }

    /// One line of text with its baseline's start at (x, y).
    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, s: &str) {
        self.op("BT", vec![]);
        self.op(
            "Tf",
            vec![if bold { "F2" } else { "F1" }.into(), size.into()],
        );
        self.op("Td", vec![x.into(), y.into()]);
        self.op(
            "Tj",
            vec![Object::String(pdf_text(s), lopdf::StringFormat::Literal)],
        );
        self.op("ET", vec![]);
    }

    /// Text ending at `right` (Helvetica's average width, good enough for figures).
    pub fn text_right(&mut self, right: f32, y: f32, size: f32, bold: bool, s: &str) {
        let width = size * if bold { 0.55 } else { 0.5 } * s.chars().count() as f32;
        self.text(right - width, y, size, bold, s);
    }

    /// A horizontal rule.
    pub fn rule(&mut self, from: f32, to: f32, y: f32) {
        self.op("w", vec![0.8.into()]);
        self.op("m", vec![from.into(), y.into()]);
        self.op("l", vec![to.into(), y.into()]);
        self.op("S", vec![]);
    }

    /// A QR code of `text` with its bottom-left corner at (x, y), `module` points per
    /// module; returns its side in points (0 if the text is too long for any QR code).
    pub fn qr(&mut self, text: &str, x: f32, y: f32, module: f32) -> f32 {
        let Ok(qr) = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Medium) else {
            return 0.0;
        };
        let size = qr.size();
        self.op("g", vec![0.into()]);
        for row in 0..size {
            for col in 0..size {
                if qr.get_module(col, row) {
                    let mx = x + col as f32 * module;
                    let my = y + (size - 1 - row) as f32 * module;
                    self.op(
                        "re",
                        vec![mx.into(), my.into(), module.into(), module.into()],
                    );
                }
            }
        }
        self.op("f", vec![]);
        size as f32 * module
    }

    pub fn finish(mut self) -> Vec<u8> {
        let content = lopdf::content::Content {
            operations: std::mem::take(&mut self.ops),
        };
        let content_id = self.doc.add_object(lopdf::Stream::new(
            dictionary! {},
            content.encode().unwrap_or_default(),
        ));
        let resources = self.resources;
        single_page(
            self.doc,
            dictionary! { "Contents" => content_id, "Resources" => resources },
        )
    }
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

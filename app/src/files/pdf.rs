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

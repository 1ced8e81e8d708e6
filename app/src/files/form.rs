//! Reading a multipart form within limits. The body as a whole is limited by the server as
//! it streams; here each field is: a text field is read up to a few kilobytes (multer's own
//! `text()` would hold a whole field, however long), a file up to its size limit, and a
//! form stops being read after a handful of fields.

/// More fields than any of the portal's multipart forms has.
pub const MAX_FIELDS: usize = 16;
/// The longest text field those forms take (an email address, a password, an id).
pub const MAX_TEXT: usize = 4 * 1024;

/// The next field, or `None` at the end of the form, on a broken body, or past
/// [`MAX_FIELDS`] (`seen` counts them).
pub async fn next_field<'a>(
    multipart: &mut multer::Multipart<'a>,
    seen: &mut usize,
) -> Option<multer::Field<'a>> {
    *seen += 1;
    if *seen > MAX_FIELDS {
        return None;
    }
    multipart.next_field().await.ok().flatten()
}

/// A text field's value, or an empty one when it is longer than [`MAX_TEXT`] or not
/// UTF-8 (the form's checks then say what is missing).
pub async fn text(field: &mut multer::Field<'_>) -> String {
    let mut bytes = Vec::new();
    while let Ok(Some(chunk)) = field.chunk().await {
        if bytes.len() + chunk.len() > MAX_TEXT {
            return String::new();
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes).unwrap_or_default()
}

/// A file field's bytes, reading no further than `max`: `Err` when it is larger.
pub async fn file(field: &mut multer::Field<'_>, max: usize) -> Result<Vec<u8>, TooLarge> {
    let mut bytes = Vec::new();
    while let Ok(Some(chunk)) = field.chunk().await {
        if bytes.len() + chunk.len() > max {
            return Err(TooLarge);
        }
        bytes.extend_from_slice(&chunk);
    }
    Ok(bytes)
}

/// A file over its size limit.
#[derive(Debug, PartialEq, Eq)]
pub struct TooLarge;

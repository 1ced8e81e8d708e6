//! What an uploaded file must be: a PDF, JPEG or PNG by its content (never by its name),
//! within the size limit. Images are decoded and re-encoded (dropping EXIF, location and
//! anything appended); PDFs must parse and must not be password-protected. A passport photo
//! must be an image of a printable size and a portrait shape.

use crate::error::AppError;
use crate::problem::Problem;
use image::{imageops::FilterType, ImageFormat};

/// Per-document limit.
/// The largest file taken, shared with the browser (upload.rs).
pub use crate::upload::MAX_MB;
const MAX_BYTES: usize = MAX_MB as usize * 1024 * 1024;
/// Documents are kept at most this many pixels on the long side (legible, not huge).
const DOCUMENT_LONG_SIDE: u32 = 2400;
/// Passport photos: at least this many pixels, kept at most 600 × 800.
const PHOTO_MIN: (u32, u32) = (400, 500);
const PHOTO_MAX: (u32, u32) = (600, 800);
/// 35 × 45 mm is 0.78 wide per high; allow phones' own crops around it.
const PHOTO_RATIO: std::ops::RangeInclusive<f64> = 0.68..=0.86;

/// A file that passed: what to store.
#[derive(Debug)]
pub struct Accepted {
    pub bytes: Vec<u8>,
    pub content_type: &'static str,
    pub extension: &'static str,
}

/// Checks an upload (off the async threads: decoding is CPU work).
pub async fn check(bytes: Vec<u8>, photo: bool) -> Result<Result<Accepted, Problem>, AppError> {
    tokio::task::spawn_blocking(move || inspect(bytes, photo))
        .await
        .map_err(|e| AppError::internal("file check task failed", &e))
}

pub fn inspect(bytes: Vec<u8>, photo: bool) -> Result<Accepted, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::FileTooLarge { max_mb: MAX_MB });
    }
    if bytes.starts_with(b"%PDF-") {
        if photo {
            return Err(Problem::PhotoType);
        }
        let document = lopdf::Document::load_mem(&bytes).map_err(|_| Problem::FileUnreadable)?;
        if document.is_encrypted() {
            return Err(Problem::FileProtected);
        }
        if document.get_pages().is_empty() {
            return Err(Problem::FileUnreadable);
        }
        return Ok(Accepted {
            bytes,
            content_type: "application/pdf",
            extension: "pdf",
        });
    }
    let format = image::guess_format(&bytes).map_err(|_| Problem::FileType)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png) {
        return Err(if photo {
            Problem::PhotoType
        } else {
            Problem::FileType
        });
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(&bytes), format);
    // Refuse decompression bombs: 5 MB may not claim to be a billion pixels.
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(12_000);
    limits.max_image_height = Some(12_000);
    limits.max_alloc = Some(512 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|_| Problem::FileUnreadable)?;
    let (width, height) = (decoded.width(), decoded.height());
    let resized = if photo {
        if width < PHOTO_MIN.0 || height < PHOTO_MIN.1 {
            return Err(Problem::PhotoTooSmall);
        }
        if !PHOTO_RATIO.contains(&(width as f64 / height as f64)) {
            return Err(Problem::PhotoShape);
        }
        decoded.resize(PHOTO_MAX.0, PHOTO_MAX.1, FilterType::Lanczos3)
    } else if width.max(height) > DOCUMENT_LONG_SIDE {
        decoded.resize(DOCUMENT_LONG_SIDE, DOCUMENT_LONG_SIDE, FilterType::Triangle)
    } else {
        decoded
    };
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85)
        .encode_image(&resized.to_rgb8())
        .map_err(|_| Problem::FileUnreadable)?;
    Ok(Accepted {
        bytes: out,
        content_type: "image/jpeg",
        extension: "jpg",
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use rstest::rstest;

    /// A photo-like PNG of the given size (also used by the account photo's tests).
    pub(crate) fn png(width: u32, height: u32) -> Vec<u8> {
        let img = image::RgbImage::from_fn(width, height, |x, y| {
            image::Rgb([(x % 255) as u8, (y % 255) as u8, 90])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        img.write_to(&mut out, ImageFormat::Png).unwrap();
        out.into_inner()
    }

    /// A small valid PDF, made with lopdf (one empty page).
    pub fn pdf() -> Vec<u8> {
        crate::files::pdf::blank()
    }

    #[test]
    fn a_pdf_is_kept_as_it_is() {
        let accepted = inspect(pdf(), false).unwrap();
        assert_eq!(accepted.content_type, "application/pdf");
        assert_eq!(accepted.bytes, pdf());
    }

    #[test]
    fn images_are_re_encoded_as_jpeg() {
        let accepted = inspect(png(800, 600), false).unwrap();
        assert_eq!(accepted.content_type, "image/jpeg");
        assert!(accepted.bytes.starts_with(&[0xFF, 0xD8]));
    }

    #[test]
    fn big_scans_are_scaled_down() {
        let accepted = inspect(png(3000, 1000), false).unwrap();
        let img = image::load_from_memory(&accepted.bytes).unwrap();
        assert_eq!(img.width(), DOCUMENT_LONG_SIDE);
    }

    #[rstest]
    #[case::text_named_pdf(b"hello, this is not a pdf".to_vec(), false, Problem::FileType)]
    #[case::gif(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;".to_vec(), false, Problem::FileType)]
    #[case::truncated_pdf(pdf()[..40].to_vec(), false, Problem::FileUnreadable)]
    #[case::truncated_png(png(500, 500)[..200].to_vec(), false, Problem::FileUnreadable)]
    #[case::pdf_as_photo(pdf(), true, Problem::PhotoType)]
    #[case::tiny_photo(png(200, 260), true, Problem::PhotoTooSmall)]
    #[case::landscape_photo(png(800, 600), true, Problem::PhotoShape)]
    #[case::square_photo(png(600, 600), true, Problem::PhotoShape)]
    fn refuses_with_a_reason(
        #[case] bytes: Vec<u8>,
        #[case] photo: bool,
        #[case] problem: Problem,
    ) {
        assert_eq!(inspect(bytes, photo).unwrap_err(), problem);
    }

    #[test]
    fn refuses_files_over_the_limit() {
        let mut big = pdf();
        big.resize(MAX_BYTES + 1, b' ');
        assert_eq!(
            inspect(big, false).unwrap_err(),
            Problem::FileTooLarge { max_mb: MAX_MB }
        );
    }

    #[test]
    fn a_passport_photo_is_kept_small() {
        let accepted = inspect(png(700, 900), true).unwrap();
        let img = image::load_from_memory(&accepted.bytes).unwrap();
        assert!(img.width() <= PHOTO_MAX.0 && img.height() <= PHOTO_MAX.1);
    }
}

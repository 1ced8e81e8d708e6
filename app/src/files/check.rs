//! What an uploaded file must be: a PDF, JPEG or PNG by its content (never by its name),
//! within the size limit. Images are decoded and re-encoded (dropping EXIF, location and
//! anything appended); PDFs must parse and must not be password-protected. A passport photo
//! must be an image of a printable size and a portrait shape.
//!
//! A small file may unpack into a huge one (a "decompression bomb"): a 3 MB PNG can claim
//! 20000 × 20000 pixels, a PDF stream can inflate to gigabytes. So an image's size is read
//! from its header before anything is decoded, the decoder itself is held to limits, and
//! PDFs are parsed within budgets (`check/pdf.rs`). Checks run on the blocking pool, at
//! most one per core at a time, so a burst of uploads queues instead of taking the memory.

mod pdf;

use crate::error::AppError;
use crate::problem::Problem;
use image::{imageops::FilterType, DynamicImage, ImageFormat};
use std::sync::{Arc, LazyLock};
use tokio::sync::Semaphore;

/// Per-document limit.
/// The largest file taken, shared with the browser (upload.rs).
pub use crate::upload::MAX_MB;
const MAX_BYTES: usize = MAX_MB as usize * 1024 * 1024;
/// The most pixels an image may have: a 40-megapixel photo is beyond what phones save by
/// default and an A4 page scanned at 600 dpi is 35 megapixels.
pub const MAX_MEGAPIXELS: u32 = 40;
const MAX_PIXELS: u64 = MAX_MEGAPIXELS as u64 * 1_000_000;
/// The longest side taken (a 40-megapixel image may still not be a 12000 × 3300 strip).
const MAX_SIDE: u32 = 12_000;
/// What a decoder may allocate: a 40-megapixel image with an alpha channel, 8 bits each.
const MAX_DECODE_BYTES: u64 = MAX_PIXELS * 4 + 8 * 1024 * 1024;
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

/// One check per core at a time: decoding is CPU work and each check may hold a decoded
/// image (up to `MAX_DECODE_BYTES`), so more at once would only share the cores and add up
/// the memory.
static CHECKS: LazyLock<Arc<Semaphore>> = LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    Arc::new(Semaphore::new(cores))
});

/// Runs `work` on the blocking pool once a core is free. The permit moves into the task,
/// so a check whose request went away still counts until it ends.
pub async fn bounded<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let permit = Arc::clone(&CHECKS)
        .acquire_owned()
        .await
        .map_err(|e| AppError::internal("file check queue closed", &e))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|e| AppError::internal("file check task failed", &e))
}

/// Checks an upload (off the async threads: decoding is CPU work).
pub async fn check(bytes: Vec<u8>, photo: bool) -> Result<Result<Accepted, Problem>, AppError> {
    bounded(move || inspect(bytes, photo)).await
}

pub fn inspect(bytes: Vec<u8>, photo: bool) -> Result<Accepted, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::FileTooLarge { max_mb: MAX_MB });
    }
    if bytes.starts_with(b"%PDF-") {
        if photo {
            return Err(Problem::PhotoType);
        }
        pdf::inspect(&bytes)?;
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
    let decoded = decode(&bytes, format)?;
    let (width, height) = (decoded.width(), decoded.height());
    let resized = if photo {
        if width < PHOTO_MIN.0 || height < PHOTO_MIN.1 {
            return Err(Problem::PhotoTooSmall);
        }
        if !PHOTO_RATIO.contains(&(width as f64 / height as f64)) {
            return Err(Problem::PhotoShape);
        }
        shrink(decoded, PHOTO_MAX, FilterType::Lanczos3)
    } else if width.max(height) > DOCUMENT_LONG_SIDE {
        shrink(
            decoded,
            (DOCUMENT_LONG_SIDE, DOCUMENT_LONG_SIDE),
            FilterType::Triangle,
        )
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

/// Decodes a JPEG or PNG whose header claims no more than `MAX_PIXELS`, with the decoder
/// held to the same limits (a header can lie about what follows). Also used for account
/// photos (`auth::photo`).
pub fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage, Problem> {
    let reader = || image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    // The header alone: nothing is decoded yet.
    let (width, height) = reader()
        .into_dimensions()
        .map_err(|_| Problem::FileUnreadable)?;
    let too_large = Problem::ImageTooManyPixels {
        max_megapixels: MAX_MEGAPIXELS,
    };
    if u64::from(width) * u64::from(height) > MAX_PIXELS || width.max(height) > MAX_SIDE {
        return Err(too_large);
    }
    let mut reader = reader();
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_DECODE_BYTES);
    reader.limits(limits);
    reader.decode().map_err(|e| match e {
        // A 16-bit image near the pixel limit needs more than 8-bit ones do.
        image::ImageError::Limits(_) => too_large,
        _ => Problem::FileUnreadable,
    })
}

/// `image` scaled to fit `within`. A large image is first averaged down to twice the target
/// (`thumbnail` writes only its output), so the filter's working buffer, which holds a
/// float per channel for every pixel of a full-width strip, stays small.
pub fn shrink(image: DynamicImage, within: (u32, u32), filter: FilterType) -> DynamicImage {
    let (width, height) = within;
    let image = if image.width() > width * 2 || image.height() > height * 2 {
        image.thumbnail(width * 2, height * 2)
    } else {
        image
    };
    image.resize(width, height, filter)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::files::bombs;
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

    #[test]
    fn a_big_photo_is_shrunk_in_two_steps_to_the_same_box() {
        let accepted = inspect(png(2100, 2700), true).unwrap();
        let img = image::load_from_memory(&accepted.bytes).unwrap();
        assert_eq!(img.width(), PHOTO_MAX.0);
        assert!(img.height() <= PHOTO_MAX.1);
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

    const TOO_MANY: Problem = Problem::ImageTooManyPixels {
        max_megapixels: MAX_MEGAPIXELS,
    };

    #[rstest]
    #[case::png_of_20000_squared(bombs::png(20_000, 20_000), TOO_MANY)]
    #[case::png_over_the_pixels(bombs::png(8_000, 5_001), TOO_MANY)]
    #[case::png_too_long(bombs::png(12_001, 100), TOO_MANY)]
    #[case::jpeg_claiming_60000_squared(bombs::jpeg_claiming(60_000, 60_000), TOO_MANY)]
    fn refuses_image_bombs_before_decoding(#[case] bytes: Vec<u8>, #[case] problem: Problem) {
        for photo in [false, true] {
            assert_eq!(inspect(bytes.clone(), photo).unwrap_err(), problem);
        }
    }

    #[test]
    fn a_png_bomb_is_small_but_claims_a_lot() {
        let bomb = bombs::png(20_000, 20_000);
        assert!(bomb.len() < MAX_BYTES, "{} bytes", bomb.len());
        let (w, h) = image::ImageReader::with_format(std::io::Cursor::new(&bomb), ImageFormat::Png)
            .into_dimensions()
            .unwrap();
        assert_eq!((w, h), (20_000, 20_000));
    }

    #[test]
    fn an_image_just_within_the_pixels_is_taken() {
        // 8000 × 5000 is 40 megapixels exactly; all zeros, so it decodes fast.
        let accepted = inspect(bombs::png(8_000, 5_000), false).unwrap();
        let img = image::load_from_memory(&accepted.bytes).unwrap();
        assert_eq!((img.width(), img.height()), (2400, 1500));
    }
}

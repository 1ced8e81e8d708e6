//! Account photos: JPEG or PNG by content (not by name), at most 2 MB, decoded and
//! re-encoded as a small JPEG, which drops EXIF (location, camera) and anything hidden.

use crate::error::AppError;
use crate::problem::Problem;
use image::{imageops::FilterType, ImageFormat};

pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The stored photo fits in this box (portrait, like an ID photo).
const MAX_WIDTH: u32 = 360;
const MAX_HEIGHT: u32 = 480;

/// Checks and re-encodes an uploaded photo (off the async threads, one per core at a time
/// with the application files' checks: registration is open to anyone).
pub async fn process(bytes: Vec<u8>) -> Result<Result<Vec<u8>, Problem>, AppError> {
    crate::files::check::bounded(move || reencode(&bytes)).await
}

fn reencode(bytes: &[u8]) -> Result<Vec<u8>, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::PhotoTooLarge { max_mb: 2 });
    }
    let format = image::guess_format(bytes).map_err(|_| Problem::PhotoType)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png) {
        return Err(Problem::PhotoType);
    }
    // Held to the application files' limits: the size read from the header before
    // decoding, and the decoder's own.
    let decoded = crate::files::check::decode(bytes, format).map_err(|p| match p {
        Problem::ImageTooManyPixels { .. } => p,
        _ => Problem::PhotoUnreadable,
    })?;
    if decoded.width() < 100 || decoded.height() < 100 {
        return Err(Problem::PhotoUnreadable);
    }
    let small = crate::files::check::shrink(decoded, (MAX_WIDTH, MAX_HEIGHT), FilterType::Triangle)
        .to_rgb8();
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 80)
        .encode_image(&small)
        .map_err(|_| Problem::PhotoUnreadable)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::files::check::tests::png;

    #[test]
    fn reencodes_a_png_as_a_small_jpeg() {
        let out = reencode(&png(800, 1000)).unwrap();
        assert_eq!(image::guess_format(&out).unwrap(), ImageFormat::Jpeg);
        let back = image::load_from_memory(&out).unwrap();
        assert!(back.width() <= MAX_WIDTH && back.height() <= MAX_HEIGHT);
    }

    #[test]
    fn refuses_what_is_not_a_photo() {
        assert_eq!(reencode(b"%PDF-1.7 not an image"), Err(Problem::PhotoType));
        assert_eq!(reencode(b"GIF89a......"), Err(Problem::PhotoType));
        let mut truncated = png(400, 400);
        truncated.truncate(200);
        assert_eq!(reencode(&truncated), Err(Problem::PhotoUnreadable));
        assert_eq!(reencode(&png(40, 40)), Err(Problem::PhotoUnreadable));
        assert_eq!(
            reencode(&crate::files::bombs::png(10_000, 10_000)),
            Err(Problem::ImageTooManyPixels { max_megapixels: 40 })
        );
        assert_eq!(
            reencode(&vec![0u8; MAX_BYTES + 1]),
            Err(Problem::PhotoTooLarge { max_mb: 2 })
        );
    }
}

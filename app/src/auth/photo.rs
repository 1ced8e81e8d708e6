//! Account photos: JPEG or PNG by content (not by name), at most 2 MB, decoded and
//! re-encoded as a small JPEG, which drops EXIF (location, camera) and anything hidden.

use crate::error::AppError;
use crate::problem::Problem;
use image::{imageops::FilterType, ImageFormat};

pub const MAX_BYTES: usize = 2 * 1024 * 1024;
/// The stored photo fits in this box (portrait, like an ID photo).
const MAX_WIDTH: u32 = 360;
const MAX_HEIGHT: u32 = 480;

/// Checks and re-encodes an uploaded photo (off the async threads).
pub async fn process(bytes: Vec<u8>) -> Result<Result<Vec<u8>, Problem>, AppError> {
    tokio::task::spawn_blocking(move || reencode(&bytes))
        .await
        .map_err(|e| AppError::internal("photo task failed", &e))
}

fn reencode(bytes: &[u8]) -> Result<Vec<u8>, Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::PhotoTooLarge { max_mb: 2 });
    }
    let format = image::guess_format(bytes).map_err(|_| Problem::PhotoType)?;
    if !matches!(format, ImageFormat::Jpeg | ImageFormat::Png) {
        return Err(Problem::PhotoType);
    }
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(bytes), format);
    // Refuse decompression bombs: a 2 MB file may not claim to be 100 megapixels.
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(8000);
    limits.max_image_height = Some(8000);
    limits.max_alloc = Some(256 * 1024 * 1024);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|_| Problem::PhotoUnreadable)?;
    if decoded.width() < 100 || decoded.height() < 100 {
        return Err(Problem::PhotoUnreadable);
    }
    let small = decoded
        .resize(MAX_WIDTH, MAX_HEIGHT, FilterType::Triangle)
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
            reencode(&vec![0u8; MAX_BYTES + 1]),
            Err(Problem::PhotoTooLarge { max_mb: 2 })
        );
    }
}

//! Decompression bombs, made small and fast, for the tests of the file checks (`check`'s
//! own, and the server's upload tests through the real routes): a few megabytes that
//! unpack to hundreds, or headers that claim billions of pixels. Nothing here runs in the
//! portal itself; like `pdf::blank`, it is public so the integration tests can use it.
//!
//! The zeros are written as one fixed-Huffman deflate block by hand (a literal zero, then
//! copies of 258 bytes from one back, 13 bits each), so making a 400 MB bomb takes neither
//! 400 MB nor a compressor's time.

use lopdf::{dictionary, Dictionary, Document, Stream};

/// `n` zero bytes, zlib-compressed (about 1 byte in 160).
pub fn zeros_zlib(n: usize) -> Vec<u8> {
    assert!(n > 0, "at least one byte");
    let mut bits = Bits::default();
    // The last block, with the fixed Huffman codes. Codes are written from their first
    // bit, so each is given here reversed.
    bits.put(1, 1);
    bits.put(1, 2);
    bits.put(0x0C, 8); // literal 0 (code 00110000)
    let mut left = n - 1;
    while left >= 258 {
        bits.put(0xA3, 8); // length 258 (symbol 285, code 11000101)
        bits.put(0, 5); // distance 1 (code 00000)
        left -= 258;
    }
    for _ in 0..left {
        bits.put(0x0C, 8);
    }
    bits.put(0, 7); // end of block (symbol 256)
    let mut out = vec![0x78, 0x01];
    out.extend(bits.finish());
    // Adler-32 of zeros: the first sum stays 1, the second adds 1 per byte.
    let adler = ((n % 65_521) as u32) << 16 | 1;
    out.extend(adler.to_be_bytes());
    out
}

#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    pending: u32,
    count: u32,
}

impl Bits {
    /// Appends the low `count` bits of `value`, lowest first (deflate's bit order).
    fn put(&mut self, value: u32, count: u32) {
        self.pending |= value << self.count;
        self.count += count;
        while self.count >= 8 {
            self.out.push(self.pending as u8);
            self.pending >>= 8;
            self.count -= 8;
        }
    }

    fn finish(mut self) -> Vec<u8> {
        if self.count > 0 {
            self.out.push(self.pending as u8);
        }
        self.out
    }
}

/// A grey PNG of `width` × `height` black pixels: 20000 × 20000 is 400 MB unpacked and
/// 2.5 MB as a file.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend(width.to_be_bytes());
    header.extend(height.to_be_bytes());
    // 8-bit grey, deflate, adaptive filtering, not interlaced.
    header.extend([8, 0, 0, 0, 0]);
    chunk(&mut out, b"IHDR", &header);
    // Each row is its filter byte (0: none) and its pixels, all zeros.
    let unpacked = (width as usize + 1) * height as usize;
    chunk(&mut out, b"IDAT", &zeros_zlib(unpacked));
    chunk(&mut out, b"IEND", &[]);
    out
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend((data.len() as u32).to_be_bytes());
    let start = out.len();
    out.extend(kind);
    out.extend(data);
    let crc = crc32(&out[start..]);
    out.extend(crc.to_be_bytes());
}

/// The CRC PNG chunks carry (bit by bit: slow, but only for tests).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A real 16 × 16 JPEG whose frame header is changed to claim `width` × `height`.
pub fn jpeg_claiming(width: u16, height: u16) -> Vec<u8> {
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new(&mut jpeg)
        .encode_image(&image::GrayImage::new(16, 16))
        .expect("a small JPEG encodes");
    // Walk the segments to the baseline frame header (FF C0): length, precision, height,
    // width.
    let mut at = 2;
    while jpeg[at] == 0xFF && jpeg[at + 1] != 0xC0 {
        at += 2 + usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
    }
    assert_eq!(jpeg[at + 1], 0xC0, "a baseline JPEG");
    jpeg[at + 5..at + 7].copy_from_slice(&height.to_be_bytes());
    jpeg[at + 7..at + 9].copy_from_slice(&width.to_be_bytes());
    jpeg
}

/// A one-page PDF whose page content is `unpacked` zero bytes, deflated (300 MB is 1.9 MB).
pub fn pdf_with_inflating_page(unpacked: usize) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let contents = doc.add_object(Stream::new(
        dictionary! { "Filter" => "FlateDecode" },
        zeros_zlib(unpacked),
    ));
    super::pdf::single_page(doc, dictionary! { "Contents" => contents })
}

/// A one-page PDF holding an object stream of `members` objects, whose index ends at
/// `first`: `content` as stored, zlib-compressed when `deflated` (written by hand: lopdf
/// writes object streams of its own making only).
pub fn pdf_with_object_stream(
    content: Vec<u8>,
    deflated: bool,
    members: usize,
    first: usize,
) -> Vec<u8> {
    let filter = if deflated {
        " /Filter /FlateDecode"
    } else {
        ""
    };
    let mut stream = format!(
        "4 0 obj\n<< /Type /ObjStm /N {members} /First {first} /Length {}{filter} >>\nstream\n",
        content.len()
    )
    .into_bytes();
    stream.extend(content);
    stream.extend(b"\nendstream\nendobj\n");
    hand_written(stream, 0)
}

/// A one-page PDF that shows an image claiming `width` × `height` pixels (its JPEG data is
/// a stub: only its dictionary is read).
pub fn pdf_with_image(width: i64, height: i64) -> Vec<u8> {
    let mut doc = Document::with_version("1.5");
    let image = doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => width,
            "Height" => height,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
            "Filter" => "DCTDecode",
        },
        vec![0xFF, 0xD8, 0xFF, 0xD9],
    ));
    let contents = doc.add_object(Stream::new(
        Dictionary::new(),
        b"q 100 0 0 100 0 0 cm /Im0 Do Q".to_vec(),
    ));
    super::pdf::single_page(
        doc,
        dictionary! {
            "Contents" => contents,
            "Resources" => dictionary! { "XObject" => dictionary! { "Im0" => image } },
        },
    )
}

/// A PDF whose cross-reference table lists one array of `length` numbers under `entries`
/// object numbers, so a reader that follows the table parses it `entries` times.
pub fn pdf_with_repeated_object(entries: usize, length: usize) -> Vec<u8> {
    let array = format!("4 0 obj\n[{}]\nendobj\n", "0 ".repeat(length));
    hand_written(array.into_bytes(), entries)
}

/// A one-page PDF written by hand: catalogue, page tree and page, then `fourth` (object 4,
/// whole), listed `1 + repeats` times in the cross-reference table (no PDF library writes
/// such a table).
fn hand_written(fourth: Vec<u8>, repeats: usize) -> Vec<u8> {
    let mut out = b"%PDF-1.5\n".to_vec();
    let mut offsets = Vec::new();
    for object in [
        b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n".to_vec(),
        b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n".to_vec(),
        b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n".to_vec(),
        fourth,
    ] {
        offsets.push(out.len());
        out.extend(object);
    }
    let last = offsets[3];
    offsets.extend(std::iter::repeat_n(last, repeats));
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f\r\n", offsets.len() + 1).as_bytes());
    for offset in &offsets {
        out.extend(format!("{offset:010} 00000 n\r\n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            offsets.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_deflated_zeros_are_what_they_claim() {
        for n in [1, 2, 258, 259, 260, 1000, 100_003] {
            let decoded =
                lopdf::Stream::new(dictionary! { "Filter" => "FlateDecode" }, zeros_zlib(n))
                    .decompressed_content()
                    .unwrap();
            assert_eq!(decoded, vec![0; n], "{n}");
        }
    }

    #[test]
    fn the_png_decodes() {
        let img = image::load_from_memory(&png(300, 200)).unwrap();
        assert_eq!((img.width(), img.height()), (300, 200));
        assert!(img.to_luma8().pixels().all(|p| p.0 == [0]));
    }

    #[test]
    fn the_jpeg_claims_what_it_is_told() {
        let jpeg = jpeg_claiming(60_000, 50_000);
        let size =
            image::ImageReader::with_format(std::io::Cursor::new(&jpeg), image::ImageFormat::Jpeg)
                .into_dimensions()
                .unwrap();
        assert_eq!(size, (60_000, 50_000));
    }
}

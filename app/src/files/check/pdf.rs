//! An uploaded PDF, parsed within budgets.
//!
//! lopdf reads every object up front, unpacking object and cross-reference streams as it
//! goes. Three things let a small file cost far more than its size, and each has a bound:
//! - a stream that inflates to gigabytes: object and cross-reference streams may unpack to
//!   `STRUCTURE_STREAM_MAX` while loading; page contents, fonts and images (which only a
//!   viewer unpacks, an officer's browser among them) to `STREAM_MAX` each and
//!   `STREAMS_TOTAL_MAX` together, checked after loading;
//! - one object parsed many times: many cross-reference entries may point at one large
//!   object, or the members of an object stream may overlap; every object parsed is counted
//!   as it is (`budget`, lopdf's per-object filter), and loading stops once the count or
//!   the memory parsed passes its limit; an object stream whose members overlap is refused
//!   before lopdf unpacks it;
//! - an image claiming billions of pixels, which the viewer would try to draw.

use crate::problem::Problem;
use lopdf::{DecompressError, Dictionary, Document, Error, LoadOptions, Object, Stream};
use std::cell::Cell;
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

/// Object and cross-reference streams, unpacked while loading: far above what real ones
/// hold (tens to hundreds of kilobytes).
const STRUCTURE_STREAM_MAX: usize = 2 * 1024 * 1024;
/// Members of one object stream (writers put 100 to 200 in each).
const OBJECT_STREAM_MEMBERS_MAX: usize = 10_000;
/// Objects parsed in all (a 5 MB document has a few thousand).
const OBJECTS_MAX: u64 = 200_000;
/// The memory the parsed objects may add up to, counted as they are parsed (an object read
/// twice counts twice). A 5 MB document's objects take a few tens of megabytes.
const PARSED_MAX: u64 = 128 * 1024 * 1024;
/// What one page content, font or image stream may unpack to, and all of them together
/// (an A4 page scanned at 300 dpi in colour is 26 MB unpacked).
const STREAM_MAX: usize = 64 * 1024 * 1024;
const STREAMS_TOTAL_MAX: usize = 256 * 1024 * 1024;

/// The payload of the unwind that stops a load over its budget (see `budget`).
struct OverBudget;

thread_local! {
    /// Objects parsed and their memory, for the load running on this thread.
    static SPENT: Cell<(u64, u64)> = const { Cell::new((0, 0)) };
}

/// Checks a PDF: it parses within the budgets, is not password-protected and has a page.
pub fn inspect(bytes: &[u8]) -> Result<(), Problem> {
    let document = load(bytes)?;
    if document.is_encrypted() {
        return Err(Problem::FileProtected);
    }
    if document.get_pages().is_empty() {
        return Err(Problem::FileUnreadable);
    }
    streams_within_limits(&document)
}

fn load(bytes: &[u8]) -> Result<Document, Problem> {
    SPENT.with(|spent| spent.set((0, 0)));
    let options = LoadOptions {
        filter: Some(budget as lopdf::FilterFunc),
        max_decompressed_size: Some(STRUCTURE_STREAM_MAX),
        ..LoadOptions::default()
    };
    // `budget` stops lopdf part-way by unwinding (it offers no other way to stop a load);
    // everything the load built is dropped on the way out.
    match catch_unwind(AssertUnwindSafe(|| {
        Document::load_mem_with_options(bytes, options)
    })) {
        Ok(Ok(document)) => Ok(document),
        Ok(Err(Error::Decompress(DecompressError::MemoryLimitExceeded { .. }))) => {
            Err(Problem::PdfTooComplex)
        }
        Ok(Err(_)) => Err(Problem::FileUnreadable),
        Err(payload) if payload.is::<OverBudget>() => Err(Problem::PdfTooComplex),
        Err(payload) => resume_unwind(payload),
    }
}

/// lopdf's filter, called with every object it parsed: counts it, and stops the load (by
/// an unwind that skips the panic hook: nothing went wrong in the portal) once the budget
/// is spent or an object stream is unsound.
fn budget(id: lopdf::ObjectId, object: &mut Object) -> Option<(lopdf::ObjectId, Object)> {
    let cost = weight(object);
    let over = SPENT.with(|spent| {
        let (objects, parsed) = spent.get();
        let now = (objects + 1, parsed.saturating_add(cost));
        spent.set(now);
        now.0 > OBJECTS_MAX || now.1 > PARSED_MAX
    });
    let unsound = match object {
        Object::Stream(stream) => {
            stream.dict.has_type(b"ObjStm") && !object_stream_is_sound(stream)
        }
        _ => false,
    };
    if over || unsound {
        resume_unwind(Box::new(OverBudget));
    }
    // lopdf keeps the object it passed for a top-level object, and the one returned for a
    // member of an object stream: returning a copy is right for both.
    Some((id, object.clone()))
}

/// Roughly the memory a parsed object holds.
fn weight(object: &Object) -> u64 {
    let node = std::mem::size_of::<Object>() as u64;
    node + match object {
        Object::Name(bytes) | Object::String(bytes, _) => bytes.len() as u64,
        Object::Array(items) => items.iter().map(weight).sum(),
        Object::Dictionary(dict) => dict_weight(dict),
        Object::Stream(stream) => dict_weight(&stream.dict) + stream.content.len() as u64,
        _ => 0,
    }
}

fn dict_weight(dict: &Dictionary) -> u64 {
    dict.iter()
        .map(|(key, value)| key.len() as u64 + weight(value))
        .sum()
}

/// An object stream lopdf may unpack: within its size, not too many members, and each
/// member's text standing on its own, so that parsing one never runs on into the next
/// (overlapping members would parse the same text again for each).
fn object_stream_is_sound(stream: &Stream) -> bool {
    let Ok(content) = stream.get_plain_content_with_limit(STRUCTURE_STREAM_MAX) else {
        return false;
    };
    let Some(first) = stream
        .dict
        .get(b"First")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|f| usize::try_from(f).ok())
        .filter(|f| *f <= content.len())
    else {
        return false;
    };
    let Ok(index) = std::str::from_utf8(&content[..first]) else {
        return false;
    };
    // Read as lopdf reads it: pairs of numbers, comments to the end of a line.
    let numbers: Option<Vec<usize>> = index
        .split(['\r', '\n'])
        .flat_map(|line| {
            line.split('%')
                .next()
                .unwrap_or_default()
                .split_whitespace()
        })
        .map(|n| n.parse::<u32>().ok().map(|n| n as usize))
        .collect();
    let Some(numbers) = numbers else {
        return false;
    };
    if numbers.len() % 2 != 0 || numbers.len() / 2 > OBJECT_STREAM_MEMBERS_MAX {
        return false;
    }
    let starts: Vec<usize> = numbers
        .chunks(2)
        .map(|pair| first.saturating_add(pair[1]))
        .collect();
    if !starts.windows(2).all(|w| w[0] < w[1]) || starts.last().is_some_and(|s| *s > content.len())
    {
        return false;
    }
    starts.iter().enumerate().all(|(i, start)| {
        let end = starts.get(i + 1).copied().unwrap_or(content.len());
        balanced(&content[*start..end])
    })
}

/// True when every array, dictionary and string opened in `text` closes in it, and nothing
/// closes that was not opened there (strings and comments read as PDF reads them).
fn balanced(text: &[u8]) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while i < text.len() {
        match text[i] {
            b'%' => {
                while i < text.len() && text[i] != b'\r' && text[i] != b'\n' {
                    i += 1;
                }
            }
            b'(' => {
                // A literal string: nested parentheses balance, a backslash escapes.
                let mut open = 1;
                i += 1;
                while i < text.len() && open > 0 {
                    match text[i] {
                        b'\\' => i += 1,
                        b'(' => open += 1,
                        b')' => open -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                if open > 0 {
                    return false;
                }
                continue;
            }
            b'<' if text.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'<' => {
                // A hexadecimal string runs to the next '>'.
                match text[i..].iter().position(|b| *b == b'>') {
                    Some(length) => i += length,
                    None => return false,
                }
            }
            b'>' if text.get(i + 1) == Some(&b'>') => {
                let Some(less) = depth.checked_sub(1) else {
                    return false;
                };
                depth = less;
                i += 1;
            }
            b'[' | b'{' => depth += 1,
            b']' | b'}' => {
                let Some(less) = depth.checked_sub(1) else {
                    return false;
                };
                depth = less;
            }
            b')' | b'>' => return false,
            _ => {}
        }
        i += 1;
    }
    depth == 0
}

/// After loading: what a viewer would unpack stays within limits, and no image claims more
/// pixels than an uploaded image may have.
fn streams_within_limits(document: &Document) -> Result<(), Problem> {
    let mut total = 0usize;
    for object in document.objects.values() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream
            .dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|subtype| subtype == b"Image")
        {
            let side = |key: &[u8]| {
                let value = stream.dict.get(key).and_then(Object::as_i64).unwrap_or(0);
                u64::try_from(value).unwrap_or(0)
            };
            if side(b"Width").saturating_mul(side(b"Height")) > super::MAX_PIXELS {
                return Err(Problem::PdfTooComplex);
            }
        }
        if !stream.filters().is_ok_and(|f| !f.is_empty()) {
            continue;
        }
        let limit = STREAM_MAX.min(STREAMS_TOTAL_MAX.saturating_sub(total));
        match stream.decompressed_content_with_limit(limit) {
            Ok(content) => total += content.len(),
            Err(Error::Decompress(DecompressError::MemoryLimitExceeded { .. })) => {
                return Err(Problem::PdfTooComplex)
            }
            // A filter lopdf does not undo (JPEG, JPEG 2000, fax) or a damaged stream: the
            // viewer's to decode, and not a bomb of this kind.
            Err(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::bombs;
    use rstest::rstest;

    #[test]
    fn an_ordinary_pdf_passes() {
        assert_eq!(inspect(&crate::files::pdf::blank()), Ok(()));
        let mut receipt = crate::files::pdf::Page::new();
        receipt.text(72.0, 770.0, 12.0, true, "Receipt");
        assert_eq!(inspect(&receipt.finish()), Ok(()));
    }

    #[test]
    fn a_content_stream_that_inflates_to_hundreds_of_megabytes_is_refused() {
        let bomb = bombs::pdf_with_inflating_page(300 * 1024 * 1024);
        assert!(bomb.len() < 5 * 1024 * 1024, "{} bytes", bomb.len());
        assert_eq!(inspect(&bomb), Err(Problem::PdfTooComplex));
    }

    #[test]
    fn a_page_that_inflates_within_the_limit_passes() {
        assert_eq!(
            inspect(&bombs::pdf_with_inflating_page(1024 * 1024)),
            Ok(())
        );
    }

    #[test]
    fn an_object_stream_that_inflates_is_refused_while_loading() {
        let bomb = bombs::pdf_with_object_stream(bombs::zeros_zlib(64 * 1024 * 1024), true, 1, 1);
        assert_eq!(inspect(&bomb), Err(Problem::PdfTooComplex));
    }

    #[test]
    fn a_sound_object_stream_passes() {
        let index = "10 0 11 11 ";
        let content = format!("{index}<< /A 1 >> [1 (a]) 2]");
        let pdf = bombs::pdf_with_object_stream(content.into_bytes(), false, 2, index.len());
        assert_eq!(inspect(&pdf), Ok(()));
    }

    #[test]
    fn overlapping_members_of_an_object_stream_are_refused() {
        // Ten members all starting inside one nested array: each would parse it again.
        let mut members = String::new();
        let mut body = String::new();
        for i in 0..10 {
            members.push_str(&format!("{} {} ", 100 + i, i));
            body.push('[');
        }
        body.push_str(&"0 ".repeat(1000));
        body.push_str(&"]".repeat(10));
        let content = format!("{members}{body}");
        let first = members.len();
        let bomb = bombs::pdf_with_object_stream(content.into_bytes(), false, 10, first);
        assert_eq!(inspect(&bomb), Err(Problem::PdfTooComplex));
    }

    #[test]
    fn one_large_object_listed_many_times_stops_the_load() {
        let bomb = bombs::pdf_with_repeated_object(20_000, 100_000);
        assert!(bomb.len() < 5 * 1024 * 1024, "{} bytes", bomb.len());
        let started = std::time::Instant::now();
        assert_eq!(inspect(&bomb), Err(Problem::PdfTooComplex));
        assert!(started.elapsed().as_secs() < 30, "{:?}", started.elapsed());
    }

    #[test]
    fn an_image_claiming_billions_of_pixels_is_refused() {
        assert_eq!(
            inspect(&bombs::pdf_with_image(60_000, 60_000)),
            Err(Problem::PdfTooComplex)
        );
        assert_eq!(inspect(&bombs::pdf_with_image(2480, 3508)), Ok(()));
    }

    #[rstest]
    #[case::numbers("1 2 3", true)]
    #[case::array("[1 2 [3]]", true)]
    #[case::dictionary("<< /A [1] /B << /C (x) >> >>", true)]
    #[case::string_with_brackets("(a [ b \\) c)", true)]
    #[case::nested_string("(a (b) c)", true)]
    #[case::hex_string("<41 42>", true)]
    #[case::comment_with_bracket("1 % [ not open\n2", true)]
    #[case::open_array("[1 2", false)]
    #[case::open_dictionary("<< /A 1", false)]
    #[case::close_first("] [", false)]
    #[case::open_string("(abc", false)]
    #[case::open_hex("<41", false)]
    fn balance_is_read_as_pdf_reads_it(#[case] text: &str, #[case] expected: bool) {
        assert_eq!(balanced(text.as_bytes()), expected);
    }
}

//! Request body limits, enforced while the body streams, sized per route.
//!
//! Server functions that take multipart forms read the body through server_fn's own stream,
//! past axum's `DefaultBodyLimit`, so the limit is applied here, to every request, before
//! anything reads it: a declared `Content-Length` over the limit is answered 413 at once
//! (nothing is read), and a body without one is cut off at the limit as it arrives. Whatever
//! the handler then made of the cut body, the answer is 413.

use axum::{
    body::{Body, Bytes},
    extract::Request,
    http::{header, HeaderValue, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http_body::{Body as HttpBody, Frame, SizeHint};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};

const KB: usize = 1024;
/// Room for a multipart form's other fields and framing beside its file.
const FORM_ROOM: usize = 64 * KB;
/// An application document (the upload limit) with the rest of its form.
pub const UPLOAD: usize = app::upload::MAX_MB as usize * 1024 * KB + FORM_ROOM;
/// One resumable chunk (256 KB) with its framing.
pub const CHUNK: usize = 256 * KB + 16 * KB;
/// Registration's details: the photo with the contact details and password.
pub const REGISTER_DETAILS: usize = app::auth::photo::MAX_BYTES + FORM_ROOM;
/// An application's answers as typed (a part saved, or sent again from the phone with the
/// copy it last had).
pub const ANSWERS: usize = 256 * KB;
/// Every other form, server-function call and callback.
pub const PLAIN: usize = 64 * KB;

// Checked when compiling: room for the 5 MB document and the 256 KB chunk, and no more than
// a little over them; plain forms stay small.
const _: () = assert!(UPLOAD > 5 * 1024 * 1024 && UPLOAD < 6 * 1024 * 1024);
const _: () = assert!(CHUNK > 256 * 1024 && CHUNK <= 300 * 1024);
const _: () = assert!(PLAIN <= 64 * 1024);

/// The server functions that take a multipart body (server_fn panics on a body that is not
/// multipart, so they are checked here first).
const MULTIPART: [&str; 3] = [
    "/api/applications/upload",
    "/api/applications/upload-chunk",
    "/api/accounts/register-details",
];

/// The most a request to `path` may send.
pub fn limit_for(path: &str) -> usize {
    match path {
        "/api/applications/upload" => UPLOAD,
        "/api/applications/upload-chunk" => CHUNK,
        "/api/accounts/register-details" => REGISTER_DETAILS,
        p if p.starts_with("/api/applications/") => ANSWERS,
        _ => PLAIN,
    }
}

pub async fn limit(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let limit = limit_for(path);
    let multipart = MULTIPART.contains(&path);
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > limit as u64) {
        return too_large(limit);
    }
    if multipart && !is_multipart(&request) {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send this form as multipart/form-data.",
        )
            .into_response();
    }
    let over = Arc::new(AtomicBool::new(false));
    let request = request.map(|body| {
        Body::new(Capped {
            inner: body,
            left: limit,
            over: over.clone(),
        })
    });
    let response = next.run(request).await;
    if over.load(Ordering::Relaxed) {
        return too_large(limit);
    }
    response
}

fn is_multipart(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.to_ascii_lowercase().starts_with("multipart/form-data") && v.contains("boundary=")
        })
}

/// The body, ending in an error once more than `left` bytes have come.
struct Capped {
    inner: Body,
    left: usize,
    over: Arc<AtomicBool>,
}

#[derive(Debug, thiserror::Error)]
#[error("request body over its limit")]
struct OverLimit;

impl HttpBody for Capped {
    type Data = Bytes;
    type Error = axum::BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        let this = &mut *self;
        match Pin::new(&mut this.inner).poll_frame(cx) {
            Poll::Ready(Some(Ok(frame))) => {
                if let Some(data) = frame.data_ref() {
                    if data.len() > this.left {
                        this.over.store(true, Ordering::Relaxed);
                        return Poll::Ready(Some(Err(OverLimit.into())));
                    }
                    this.left -= data.len();
                }
                Poll::Ready(Some(Ok(frame)))
            }
            Poll::Ready(Some(Err(error))) => Poll::Ready(Some(Err(error.into()))),
            other => other.map(|frame| frame.map(|f| f.map_err(Into::into))),
        }
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// 413 in both languages: a page for a browser's form post (its Back button returns to the
/// form with what was typed still in it), the same words as text for anything else.
fn too_large(limit: usize) -> Response {
    let size = if limit >= 1024 * KB {
        format!("{} MB", limit / (1024 * KB))
    } else {
        format!("{} KB", limit / KB)
    };
    let page = TOO_LARGE_PAGE.replace("{size}", &size);
    let mut response = crate::errors::plain_page(StatusCode::PAYLOAD_TOO_LARGE, page);
    // The rest of the body is never read: the connection cannot be reused.
    response
        .headers_mut()
        .insert(header::CONNECTION, HeaderValue::from_static("close"));
    response
}

const TOO_LARGE_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>What you sent is too large – Uraia</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}a{color:#0b5d3b}</style>
</head>
<body>
<main>
<h1>What you sent is too large</h1>
<p>This form takes at most {size}. If you chose a file, choose a smaller one (a document of at most 5 MB, a photo of at most 2 MB).</p>
<p>Use your browser's Back button to return to the form: what you typed is still there.</p>
<div lang="sw">
<h2>Ulichotuma ni kikubwa mno</h2>
<p>Fomu hii inapokea hadi {size}. Ikiwa ulichagua faili, chagua ndogo zaidi (hati isiyozidi MB 5, picha isiyozidi MB 2).</p>
<p>Tumia kitufe cha Rudi cha kivinjari chako kurudi kwenye fomu: ulichoandika bado kipo.</p>
</div>
</main>
</body>
</html>
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("/api/applications/upload", UPLOAD)]
    #[case("/api/applications/upload-chunk", CHUNK)]
    #[case("/api/accounts/register-details", REGISTER_DETAILS)]
    #[case("/api/applications/save-section", ANSWERS)]
    #[case("/api/accounts/sign-in", PLAIN)]
    #[case("/payments/mpesa/token/c2b/confirmation", PLAIN)]
    #[case("/", PLAIN)]
    fn sized_per_route(#[case] path: &str, #[case] expected: usize) {
        assert_eq!(limit_for(path), expected);
    }
}

//! Request bodies are limited per route while they stream: an over-limit body is answered
//! 413 in both languages, one that says its length is refused before any of it is read,
//! and the caller's right to send a large body is checked before it is read.

use crate::browser::{citizen, Browser};
use crate::support::{on_both_backends, TestApp};
use axum::body::{Body, Bytes};
use axum::http::StatusCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

const BOUNDARY: &str = "----uraiatestboundary";

/// A multipart body of `chunks` × 64 KB of file data under field `name`, made as it is
/// read; `pulled` counts the pieces the server asked for.
fn streamed_multipart(
    fields: &[(&str, &str)],
    name: &str,
    chunks: usize,
    pulled: Arc<AtomicUsize>,
) -> Body {
    let mut head = String::new();
    for (k, v) in fields {
        head.push_str(&format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n"
        ));
    }
    head.push_str(&format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n"
    ));
    let pieces = std::iter::once(Bytes::from(head))
        .chain((0..chunks).map(|_| Bytes::from(vec![b'%'; 64 * 1024])))
        .chain(std::iter::once(Bytes::from(format!(
            "\r\n--{BOUNDARY}--\r\n"
        ))));
    let stream = futures::stream::iter(pieces.map(move |piece| {
        pulled.fetch_add(1, Ordering::SeqCst);
        Ok::<_, std::io::Error>(piece)
    }));
    Body::from_stream(stream)
}

fn multipart_post(
    b: &Browser<'_>,
    uri: &str,
    accept: &str,
    body: Body,
) -> axum::http::Request<Body> {
    b.request("POST", uri)
        .header("accept", accept)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("origin", "http://uraia.test")
        .header("sec-fetch-site", "same-origin")
        .header("referer", "http://uraia.test/register/details")
        .body(body)
        .unwrap()
}

fn says_too_large_in_both_languages(text: &str) {
    assert!(text.contains("What you sent is too large"), "{text}");
    assert!(text.contains("Ulichotuma ni kikubwa mno"), "{text}");
    assert!(text.contains("what you typed is still there"), "{text}");
}

/// The attack tried from outside: anonymous 200 MB posts to registration's details.
async fn a_declared_huge_body_is_refused_before_it_is_read(app: &TestApp) {
    let b = Browser::new(app);
    let pulled = Arc::new(AtomicUsize::new(0));
    let mut req = multipart_post(
        &b,
        "/api/accounts/register-details",
        "text/html",
        streamed_multipart(&[], "photo", 3200, pulled.clone()),
    );
    req.headers_mut()
        .insert("content-length", (200u64 * 1024 * 1024).into());
    let res = app.send(req).await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    says_too_large_in_both_languages(&res.text());
    assert_eq!(pulled.load(Ordering::SeqCst), 0, "nothing was read");
}

/// Without a length the body is cut off at the limit as it arrives: a signed-in upload of
/// 10 MB is answered 413 having read little more than the 5 MB limit.
async fn a_streamed_body_is_cut_off_at_the_limit(app: &TestApp) {
    let mut b = citizen(app).await;
    let id = crate::application_files::start(&mut b).await;
    for accept in ["text/html", "*/*"] {
        let pulled = Arc::new(AtomicUsize::new(0));
        let body = streamed_multipart(
            &[
                ("id", &id),
                ("section", "documents"),
                ("question", "doc_passport"),
            ],
            "file",
            160,
            pulled.clone(),
        );
        let res = app
            .send(multipart_post(&b, "/api/applications/upload", accept, body))
            .await;
        assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE, "{accept}");
        says_too_large_in_both_languages(&res.text());
        let read = pulled.load(Ordering::SeqCst);
        assert!(read <= 5 * 16 + 3, "{accept}: read {read} pieces of 64 KB");
    }
    // The session survived it.
    assert_eq!(b.get("/applications").await.status, StatusCode::OK);
    b.cookies.clear();
}

/// The right to send a large body comes first: nobody signed in cannot upload, and nobody
/// who has not begun registering can send registration's details — refused having read
/// nothing of the body.
async fn the_callers_right_is_checked_before_the_body_is_read(app: &TestApp) {
    let b = Browser::new(app);
    for (uri, field) in [
        ("/api/applications/upload", "file"),
        ("/api/applications/upload-chunk", "chunk"),
        ("/api/accounts/register-details", "photo"),
    ] {
        let pulled = Arc::new(AtomicUsize::new(0));
        let body = streamed_multipart(&[], field, 4, pulled.clone());
        let res = app.send(multipart_post(&b, uri, "*/*", body)).await;
        assert!(res.status.is_client_error(), "{uri}: {}", res.status);
        assert_eq!(pulled.load(Ordering::SeqCst), 0, "{uri}: nothing read");
    }
}

/// A multipart function sent something that is not multipart is the caller's error (the
/// parser would otherwise panic: a 500).
async fn a_multipart_function_refuses_other_bodies(app: &TestApp) {
    let mut b = citizen(app).await;
    for uri in [
        "/api/applications/upload",
        "/api/applications/upload-chunk",
        "/api/accounts/register-details",
    ] {
        let res = b.call(uri, &[("id", "1")]).await;
        assert_eq!(res.status, StatusCode::UNSUPPORTED_MEDIA_TYPE, "{uri}");
    }
}

/// Plain forms are small: a sign-in form of 100 KB is refused.
async fn plain_forms_have_a_small_limit(app: &TestApp) {
    let mut b = Browser::new(app);
    let long = "a".repeat(100 * 1024);
    let res = b
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[("identifier", long.as_str()), ("password", "x")],
        )
        .await;
    assert_eq!(res.status, StatusCode::PAYLOAD_TOO_LARGE);
    // Under the limit, the same form is answered as usual.
    let res = b
        .post_form(
            "/api/accounts/sign-in",
            "/sign-in",
            &[("identifier", "nobody@example.com"), ("password", "x")],
        )
        .await;
    assert_eq!(res.status, StatusCode::FOUND);
}

on_both_backends!(
    a_declared_huge_body_is_refused_before_it_is_read,
    a_streamed_body_is_cut_off_at_the_limit,
    the_callers_right_is_checked_before_the_body_is_read,
    a_multipart_function_refuses_other_bodies,
    plain_forms_have_a_small_limit,
);

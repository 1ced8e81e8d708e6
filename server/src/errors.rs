//! The 500 page for a panic, the last resort: plain HTML in both languages (the panic may
//! have happened before the language was known), with the request id logged, never the
//! panic's text in the page.

use axum::{
    body::Body,
    http::{header, HeaderValue, Response, StatusCode},
};
use std::any::Any;

pub fn panic_response(panic: Box<dyn Any + Send + 'static>) -> Response<Body> {
    let detail = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("(no message)");
    tracing::error!(panic = %detail, "request handler panicked");
    plain_page(
        StatusCode::INTERNAL_SERVER_ERROR,
        SERVER_ERROR_PAGE.to_string(),
    )
}

/// A page written here rather than rendered by the app (the 500 page for a panic, the 413
/// page for a body over its limit): HTML whose only inline content is its style, so its
/// policy lets no script run.
pub fn plain_page(status: StatusCode, html: String) -> Response<Body> {
    let mut res = Response::new(Body::from(html));
    *res.status_mut() = status;
    let headers = res.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
        ),
    );
    res
}

const SERVER_ERROR_PAGE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sorry, something went wrong – Uraia</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1b1b1b}a{color:#0b5d3b}</style>
</head>
<body>
<main>
<h1>Sorry, something went wrong</h1>
<p>We could not show this page. Please try again in a few minutes.</p>
<p><a href="/">Go to the home page</a></p>
<div lang="sw">
<h2>Samahani, hitilafu imetokea</h2>
<p>Hatukuweza kuonyesha ukurasa huu. Tafadhali jaribu tena baada ya dakika chache.</p>
<p><a href="/">Nenda kwenye ukurasa wa mwanzo</a></p>
</div>
</main>
</body>
</html>
"#;

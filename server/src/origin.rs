//! Cross-site request forgery defence: a state-changing request (anything but GET, HEAD,
//! OPTIONS) from another site gets 403. Browsers say where a request comes from in
//! `Sec-Fetch-Site` (all current ones) and `Origin`; plain HTML forms included. Requests
//! with neither (server-to-server callbacks, old browsers) pass: they carry no cookies the
//! browser would attach behind the person's back, and SameSite=Lax covers old browsers.

use app::state::AppState;
use axum::{
    body::Body,
    extract::{Request, State},
    http::{header, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};

pub async fn check(State(state): State<AppState>, request: Request<Body>, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    if allowed(&request, state.settings.public_origin.as_deref()) {
        next.run(request).await
    } else {
        // The route, not the path: a path can carry a callback's secret.
        tracing::warn!(method = %request.method(), "cross-origin request refused");
        (StatusCode::FORBIDDEN, "Cross-origin request refused.").into_response()
    }
}

fn allowed(request: &Request<Body>, public_origin: Option<&str>) -> bool {
    let headers = request.headers();
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        // "none": typed or bookmarked by the person themselves.
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    if let Some(expected) = public_origin {
        return origin == expected;
    }
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    match (origin.split_once("://"), host) {
        (Some((_, origin_host)), Some(host)) => origin_host == host,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn request(headers: &[(&str, &str)]) -> Request<Body> {
        let mut builder = Request::post("/api/x").header("host", "uraia.test");
        for (k, v) in headers {
            builder = builder.header(*k, *v);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[rstest]
    #[case(&[("sec-fetch-site", "same-origin")], true)]
    #[case(&[("sec-fetch-site", "cross-site")], false)]
    #[case(&[("sec-fetch-site", "same-site")], false)]
    #[case(&[("origin", "http://uraia.test")], true)]
    #[case(&[("origin", "https://evil.example")], false)]
    #[case(&[("origin", "null")], false)]
    #[case(&[], true)]
    fn decides(#[case] headers: &[(&str, &str)], #[case] ok: bool) {
        assert_eq!(allowed(&request(headers), None), ok);
    }

    #[test]
    fn uses_the_public_origin_when_configured() {
        let req = request(&[("origin", "https://uraia.example.go.ke")]);
        assert!(allowed(&req, Some("https://uraia.example.go.ke")));
        assert!(!allowed(&req, Some("https://other.example")));
    }
}

//! Caching of what is sent to a signed-in person. Their pages, receipts and answers are
//! theirs: never kept by a shared cache (`private`), always revalidated (`no-cache`), and
//! on a shared computer not kept at all (`no-store`). The service worker keeps a page for
//! offline reading only when the response allows it (frontend/sw/sw.js), so this header is
//! also what keeps a cybercafé's browser from holding someone's applications.

use axum::{
    extract::Request,
    http::{header, HeaderValue},
    middleware::Next,
    response::Response,
};
use tower_sessions::Session;

pub async fn cache_control(request: Request, next: Next) -> Response {
    let session = request.extensions().get::<Session>().cloned();
    let person = match session {
        Some(session) => app::auth::session::signed_in(&session).await.ok().flatten(),
        None => None,
    };
    let mut response = next.run(request).await;
    let Some(person) = person else {
        return response;
    };
    let headers = response.headers_mut();
    if person.shared {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    } else if headers
        .get(header::CACHE_CONTROL)
        .is_none_or(|v| v.as_bytes() == b"no-cache")
    {
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    response
}

//! What every response goes through: request id, tracing, panic → 500 page, compression,
//! security headers and caching rules.

use app::content_security_policy;
use axum::{
    body::Body,
    extract::MatchedPath,
    http::{header, HeaderName, HeaderValue, Request},
    response::Response,
    Router,
};
use tower::Layer;
use tower::ServiceBuilder;
use tower_http::{
    catch_panic::CatchPanicLayer,
    compression::{CompressionLayer, CompressionLevel},
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    set_header::{SetResponseHeader, SetResponseHeaderLayer},
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The back office is never indexed: robots.txt asks, the pages say so, and every response
/// under /staff carries the header too.
async fn staff_not_indexed(request: Request<Body>, next: axum::middleware::Next) -> Response {
    let staff = request.uri().path() == "/staff" || request.uri().path().starts_with("/staff/");
    let mut response = next.run(request).await;
    if staff {
        response.headers_mut().insert(
            HeaderName::from_static("x-robots-tag"),
            HeaderValue::from_static("noindex, nofollow"),
        );
    }
    response
}

/// Puts the matched route's template (`/payments/mpesa/{token}/stk`) on the request's span
/// once routing has chosen it: the path itself can carry secrets (callback tokens) and
/// personal data, so it is never logged.
pub async fn record_route(request: Request<Body>, next: axum::middleware::Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_string());
    tracing::Span::current().record("route", route.as_deref().unwrap_or("(page or file)"));
    next.run(request).await
}

/// A request id from the client is kept only if it is shaped like the ones the portal makes
/// (a UUID): it is logged and shown on error pages as the reference to quote.
fn drop_foreign_request_id(mut request: Request<Body>) -> Request<Body> {
    let well_formed = request
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| uuid::Uuid::try_parse(v).is_ok_and(|id| id.hyphenated().to_string() == v));
    if !well_formed {
        request.headers_mut().remove(REQUEST_ID);
    }
    request
}

/// Wraps the router in the layers every response needs. `hsts`: the site is served over
/// HTTPS in production, so browsers are told to use nothing else.
pub fn wrap(router: Router, hsts: bool) -> Router {
    let hsts = hsts.then(|| {
        SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        )
    });
    router
        .layer(axum::middleware::from_fn(staff_not_indexed))
        .layer(
        ServiceBuilder::new()
            .map_request(drop_foreign_request_id)
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(
                TraceLayer::new_for_http()
                    // Method, route and request id only: paths and query strings can carry secrets
                    // and personal data.
                    .make_span_with(|req: &Request<Body>| {
                        let id = req
                            .headers()
                            .get(REQUEST_ID)
                            .and_then(|v| v.to_str().ok())
                            .unwrap_or("-");
                        // The route is recorded once routing has chosen it (`record_route`).
                        tracing::info_span!("request", method = %req.method(), route = tracing::field::Empty, request_id = %id)
                    })
                    .on_response(DefaultOnResponse::new().level(Level::INFO)),
            )
            // Inside the span, so a refused body is logged with its request.
            .layer(axum::middleware::from_fn(crate::limits::limit))
            .option_layer(hsts)
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(CompressionLayer::new().quality(CompressionLevel::Precise(5)))
            .layer(SetResponseHeaderLayer::overriding(
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ))
            // Nothing may frame the portal, except staff documents framed by its own pages
            // (`files::staff_download` sets SAMEORIGIN itself).
            .layer(SetResponseHeaderLayer::if_not_present(
                header::X_FRAME_OPTIONS,
                HeaderValue::from_static("DENY"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                header::REFERRER_POLICY,
                HeaderValue::from_static("strict-origin-when-cross-origin"),
            ))
            .layer(SetResponseHeaderLayer::overriding(
                HeaderName::from_static("permissions-policy"),
                HeaderValue::from_static("camera=(), microphone=(), geolocation=(), interest-cohort=()"),
            ))
            // Pages set their own policy with a nonce; everything else gets this one.
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_str(&content_security_policy("", None))
                    .unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'")),
            ))
            // Pages are rendered per language and request: revalidate every time.
            .layer(SetResponseHeaderLayer::if_not_present(
                header::CACHE_CONTROL,
                HeaderValue::from_static("no-cache"),
            ))
            // Innermost, so the 500 page still gets the headers and compression above.
            .layer(CatchPanicLayer::custom(crate::errors::panic_response)),
    )
}

/// Long-lived caching for files whose names change when their content does.
pub fn immutable<S>(service: S) -> SetResponseHeader<S, HeaderValue> {
    SetResponseHeaderLayer::overriding(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=31536000, immutable"),
    )
    .layer(service)
}

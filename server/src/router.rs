//! The whole HTTP application as one `Router`, so tests can drive it without a socket.

use crate::{
    api_status, dashboard, dev_pages, documents, feature_phones, files, health, live, manifest,
    markup, middleware, mpesa_callbacks, origin, personal, preferences, receipts, sessions,
};
use app::{shell, state::AppState, App};
use axum::{extract::DefaultBodyLimit, routing::get, Router};
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::path::Path;
use tower_http::services::ServeDir;

pub fn router(state: AppState) -> Router {
    router_with(state, Router::new())
}

/// The whole app with `extra` routes (the development M-Pesa simulator and phone) merged in
/// under the same middleware: body limits, tracing, origin checks.
pub fn router_with(state: AppState, extra: Router) -> Router {
    let hsts = state.settings.production && state.settings.https;
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let pkg_dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());

    // Pages and server functions get sessions; health checks and static files do not.
    let app = Router::new()
        .route("/files/{id}", get(files::download))
        .route("/staff/files/{id}", get(files::staff_download))
        .route("/staff/dashboard/{file}", get(dashboard::file))
        .route("/applications/{id}/receipt.pdf", get(receipts::pdf))
        .route(
            "/applications/{id}/certificate.pdf",
            get(documents::certificate_pdf),
        )
        .route("/applications/{id}/events", get(live::application))
        .route("/track/{reference}/events", get(live::tracked))
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(markup::valid_comments))
        .layer(axum::middleware::from_fn(api_status::map))
        .layer(axum::middleware::from_fn(personal::cache_control))
        .layer(sessions::layer(&state))
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/language", get(preferences::language))
        .route("/lite", get(preferences::lite))
        .route("/manifest/{file}", get(manifest::manifest))
        .route("/verify/keys.json", get(documents::keys))
        .route("/dev/mailbox", get(dev_pages::mailbox))
        .merge(mpesa_callbacks::routes())
        .merge(feature_phones::routes())
        // Built wasm/JS/CSS: content-hashed names, served precompressed when the build
        // made .br/.gz files (`cargo leptos build --release --precompress`), cached for a year.
        .nest_service(
            "/pkg",
            middleware::immutable(
                ServeDir::new(pkg_dir)
                    .precompressed_br()
                    .precompressed_gzip(),
            ),
        )
        .with_state(state.clone())
        .merge(extra)
        .layer(axum::middleware::from_fn_with_state(state, origin::check))
        // Bodies are limited per route as they stream (`limits`); axum's own extractors
        // need no tighter limit than that.
        .layer(DefaultBodyLimit::disable())
        .layer(axum::middleware::from_fn(middleware::record_route));

    middleware::wrap(app, hsts)
}

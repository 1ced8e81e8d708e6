//! The whole HTTP application as one `Router`, so tests can drive it without a socket.

use crate::{health, middleware, preferences};
use app::{shell, state::AppState, App};
use axum::{routing::get, Router};
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::path::Path;
use tower_http::services::ServeDir;

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let options = state.leptos_options.clone();
    let pkg_dir = Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());

    let app = Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/language", get(preferences::language))
        .route("/lite", get(preferences::lite))
        .leptos_routes(&state, routes, move || shell(options.clone()))
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
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .with_state(state);

    middleware::wrap(app)
}

//! A bare axum "hello world" for the benchmark: the ceiling this machine reaches with the
//! same runtime and HTTP stack, printed beside Uraia's service page in `bench/bench.sh`.

use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:3901".to_string());
    let app = Router::new().route("/", get(|| async { "Hello, world!" }));
    let listener = tokio::net::TcpListener::bind(&addr).await.expect("bind");
    axum::serve(listener, app).await.expect("serve");
}

//! Accepting connections and serving them with hyper directly.
//!
//! `axum::serve` runs hyper without a timer, which turns hyper's header-read timeout off: a
//! client that sends its headers a byte at a time (slowloris) holds a connection for ever.
//! Here each connection gets the timer and a deadline for its request headers.

use axum::{body::Body, extract::ConnectInfo, Router};
use hyper::body::Incoming;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use hyper_util::server::conn::auto::Builder;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::future::Future;
use std::net::SocketAddr;
use std::time::Duration;
use tokio::net::TcpListener;
use tower::ServiceExt;

/// How long connections still open at shutdown get to finish (live pages' event streams
/// never finish by themselves).
const DRAIN: Duration = Duration::from_secs(10);

/// Serves `app` on `listener` until `shutdown` completes, then lets open connections finish
/// for a while. `header_timeout`: the most a client may take to send a request's headers.
pub async fn serve(
    listener: TcpListener,
    app: Router,
    header_timeout: Duration,
    shutdown: impl Future<Output = ()>,
) {
    let mut builder = Builder::new(TokioExecutor::new());
    builder
        .http1()
        .timer(TokioTimer::new())
        .header_read_timeout(header_timeout);
    builder.http2().timer(TokioTimer::new());
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait instead of spinning.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = tower::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(remote));
            app.clone().oneshot(request.map(Body::new))
        });
        let connection = builder
            .serve_connection_with_upgrades(TokioIo::new(stream), TowerToHyperService::new(service))
            .into_owned();
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            // A client that goes away or times out ends its connection; nothing to report.
            let _ = connection.await;
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(DRAIN) => {
            tracing::info!("connections still open after {DRAIN:?} were closed");
        }
    }
}

/// Whether development mode may listen on `addr`. It serves `/dev/mailbox` (every code and
/// reset link), fixed callback tokens and a fixed secret, so it listens on this machine
/// only unless told otherwise.
pub fn development_may_listen(addr: SocketAddr, allowed_on_network: bool) -> bool {
    addr.ip().is_loopback() || allowed_on_network
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("127.0.0.1:3000", false, true)]
    #[case("[::1]:3000", false, true)]
    #[case("0.0.0.0:3000", false, false)]
    #[case("[::]:3000", false, false)]
    #[case("192.168.1.20:3000", false, false)]
    #[case("0.0.0.0:3000", true, true)]
    fn development_stays_on_this_machine(
        #[case] addr: &str,
        #[case] allowed: bool,
        #[case] listens: bool,
    ) {
        assert_eq!(
            development_may_listen(addr.parse().unwrap(), allowed),
            listens
        );
    }
}

//! Start-up: connect, migrate (a failure stops the server), optionally seed, then serve
//! until SIGINT or SIGTERM, letting requests in flight finish.

use crate::config::Config;
use anyhow::Context;
use app::data::Db;

/// Connects to the database and applies migrations.
pub async fn connect_and_migrate(config: &Config) -> anyhow::Result<Db> {
    let db = Db::connect(&config.database_url)
        .await
        .context("could not open the database named by DATABASE_URL")?;
    crate::migrate::run(&db)
        .await
        .context("database migration failed; the server will not start")?;
    Ok(db)
}

pub async fn serve(config: &Config, db: Db) -> anyhow::Result<()> {
    let state = crate::app_state::from_config(config, db.clone())?;
    let channels = crate::delivery::Channels::from_config(config, &db)?;
    crate::delivery::spawn_worker(db.clone(), channels, config.site_url());
    crate::sessions::spawn_cleanup(db.clone());
    crate::drafts::spawn(db.clone(), state.files.clone(), config.site_url());
    if let Some(mpesa) = &state.mpesa {
        crate::reconcile::spawn(db.clone(), mpesa.clone());
    }
    let mut app = crate::router(state);
    if config.mpesa()?.simulated {
        // No DARAJA_URL (development): M-Pesa is the embedded simulator, on this server.
        let simulator = crate::daraja_sim::Simulator::new(Default::default());
        app = app
            .nest("/dev/daraja", crate::daraja_sim::router(simulator.clone()))
            .merge(crate::dev_phone::routes(simulator));
        println!(
            "M-Pesa is simulated: answer payment prompts at {}/dev/phone",
            config.site_url()
        );
    }
    let app = app.into_make_service_with_connect_info::<std::net::SocketAddr>();
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .with_context(|| format!("could not listen on {}", config.site_addr))?;
    tracing::info!(address = %config.site_addr, database = db.backend().name(), "Uraia is listening");
    println!("Uraia is running at http://{}", config.site_addr);
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await
        .context("server error")?;
    db.close().await;
    tracing::info!("shut down cleanly");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutdown signal received; finishing requests in flight");
}

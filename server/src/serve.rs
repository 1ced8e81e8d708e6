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
    if !config.production()
        && !crate::listen::development_may_listen(config.site_addr, config.development_on_network)
    {
        anyhow::bail!(
            "refusing to listen on {} in development mode: development mode publishes every \
             code and reset link at /dev/mailbox, and uses fixed callback tokens and a fixed \
             secret, so it listens on this machine only (e.g. 127.0.0.1:3000). Set \
             URAIA_ENV=production (with its settings) to serve a network, or \
             URAIA_DEVELOPMENT_ON_NETWORK=true if you really mean to show development mode \
             to other machines.",
            config.site_addr
        );
    }
    let state = crate::app_state::from_config(config, db.clone())?;
    let channels = crate::delivery::Channels::from_config(config, &db)?;
    crate::delivery::spawn_worker(db.clone(), channels, config.site_url());
    crate::sessions::spawn_cleanup(db.clone());
    let limits = state.limits.clone();
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            tick.tick().await;
            limits.prune();
        }
    });
    crate::drafts::spawn(db.clone(), state.files.clone(), config.site_url());
    // The catalogue and its search index are read now, while the server starts listening,
    // not by the first person to open a page (a second or two at 20,000 services).
    let (catalogue, catalogue_db) = (state.catalogue.clone(), db.clone());
    tokio::spawn(async move {
        if let Err(error) = catalogue.now(&catalogue_db).await {
            tracing::warn!(%error, "catalogue: could not read it at start");
        }
    });
    if let Some(mpesa) = &state.mpesa {
        crate::reconcile::spawn(db.clone(), mpesa.clone());
    }
    let mut dev = axum::Router::new();
    if config.mpesa()?.simulated {
        // No DARAJA_URL (development): M-Pesa is the embedded simulator, on this server.
        let simulator = crate::daraja_sim::Simulator::new(Default::default());
        dev = dev
            .nest("/dev/daraja", crate::daraja_sim::router(simulator.clone()))
            .merge(crate::dev_phone::routes(simulator));
        println!(
            "M-Pesa is simulated: answer payment prompts at {}/dev/phone",
            config.site_url()
        );
    }
    let app = crate::router::router_with(state, dev);
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .with_context(|| format!("could not listen on {}", config.site_addr))?;
    tracing::info!(address = %config.site_addr, database = db.backend().name(), "Uraia is listening");
    println!("Uraia is running at http://{}", config.site_addr);
    crate::listen::serve(
        listener,
        app,
        std::time::Duration::from_secs(config.header_timeout_seconds),
        shutdown_signal(),
    )
    .await;
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

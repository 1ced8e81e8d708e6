//! `uraia`: serve (default), migrate, seed. See `uraia --help`.

use clap::Parser;
use std::process::ExitCode;
use uraia_server::{
    cli::{Cli, Command},
    seed, serve, telemetry,
};

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    telemetry::init(&cli.config);
    match run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("uraia: {error:#}");
            ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> anyhow::Result<()> {
    let config = cli.config;
    let command = cli.command.unwrap_or(Command::Serve { seed: false });
    let db = serve::connect_and_migrate(&config).await?;
    match command {
        Command::Migrate => {
            println!("Database migrated ({}).", db.backend().name());
            db.close().await;
        }
        Command::Seed => {
            let report = seed::run(&db).await?;
            println!(
                "Catalogue loaded: {} categories, {} agencies, {} services ({}).",
                report.categories,
                report.agencies,
                report.services,
                db.backend().name()
            );
            db.close().await;
        }
        Command::Serve { seed: with_seed } => {
            if with_seed {
                let report = seed::run(&db).await?;
                tracing::info!(
                    agencies = report.agencies,
                    services = report.services,
                    "catalogue loaded"
                );
            }
            serve::serve(&config, db).await?;
        }
    }
    Ok(())
}

//! `uraia`: serve (default), migrate, seed. See `uraia --help`.

use clap::Parser;
use std::process::ExitCode;
use uraia_server::{
    cli::{Cli, Command},
    seed, serve, telemetry,
};

/// mimalloc in place of glibc's allocator: drawing a page is thousands of small allocations
/// freed on whichever thread finishes the request, where glibc's arenas spent about a fifth
/// of the server's time (decision 0020).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
        Command::Seed {
            national,
            no_history,
        } => {
            if national && config.production() {
                anyhow::bail!("the synthetic national catalogue is not for production");
            }
            let report = seed::all(&db, config.production()).await?;
            if national {
                let started = std::time::Instant::now();
                let (agencies, services) = seed::national(&db).await?;
                println!(
                    "Synthetic national catalogue: {agencies} agencies, {services} services written in {:.1} s.",
                    started.elapsed().as_secs_f64()
                );
            }
            println!(
                "Catalogue loaded: {} categories, {} agencies, {} services, {} application forms; {} registry people; {} offices; {} demo accounts created ({}).",
                report.categories,
                report.agencies,
                report.services,
                report.forms,
                report.people,
                report.places,
                report.demo_accounts,
                db.backend().name()
            );
            if !config.production() && !no_history {
                let started = std::time::Instant::now();
                let files = uraia_server::app_state::file_store(&config)?;
                match seed::history::history(&db, &files, chrono::Utc::now()).await? {
                    Some(h) => println!(
                        "Demo history: {} applications by {} synthetic people, {} status changes, written in {:.1} s.",
                        h.applications,
                        h.people,
                        h.events,
                        started.elapsed().as_secs_f64()
                    ),
                    None => println!("Demo history: already there."),
                }
            }
            if !config.production() {
                print_demo_sign_ins(&config);
            }
            db.close().await;
        }
        Command::Advance {
            reference,
            status,
            note,
            place,
            by,
        } => {
            let done = uraia_server::advance::run(
                &db,
                &uraia_server::advance::Advance {
                    reference: &reference,
                    status: &status,
                    note: note.as_deref(),
                    place: place.as_deref(),
                    by: by.as_deref(),
                },
            )
            .await;
            db.close().await;
            println!("{}", done?);
        }
        Command::Audit {
            action: uraia_server::cli::AuditAction::Verify,
        } => {
            let verdict = uraia_server::audit::verify(&db).await;
            db.close().await;
            let (intact, line) = verdict?;
            println!("{line}");
            if !intact {
                std::process::exit(1);
            }
        }
        Command::Serve { seed: with_seed } => {
            if with_seed {
                let report = seed::all(&db, config.production()).await?;
                tracing::info!(
                    agencies = report.agencies,
                    services = report.services,
                    forms = report.forms,
                    people = report.people,
                    "catalogue and registry loaded"
                );
                if !config.production() {
                    print_demo_sign_ins(&config);
                }
            }
            serve::serve(&config, db).await?;
        }
    }
    Ok(())
}

/// The demo accounts' sign-ins, and where the codes they need arrive.
fn print_demo_sign_ins(config: &uraia_server::config::Config) {
    println!("Demo sign-ins (development only):");
    for demo in &seed::people::DEMO_ACCOUNTS {
        println!(
            "  {:<46} {} (or ID {})  password: {}",
            demo.label, demo.email, demo.id_number, demo.password
        );
    }
    println!(
        "  Sign-in codes and other messages arrive at http://{}/dev/mailbox",
        config.site_addr
    );
}

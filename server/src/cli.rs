//! The `uraia` command line: serve (the default), migrate, seed.

use crate::config::Config;
use clap::{Parser, Subcommand};

#[derive(Parser, Debug)]
#[command(name = "uraia", version, about = "Uraia: government e-services portal")]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub config: Config,
}

#[derive(Subcommand, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Run the web server (migrates the database first). The default.
    Serve {
        /// Load the demo catalogue before serving (idempotent).
        #[arg(long)]
        seed: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Apply migrations, load the demo catalogue (idempotent) and exit.
    Seed,
}

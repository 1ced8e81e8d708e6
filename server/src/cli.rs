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

#[derive(Subcommand, Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Run the web server (migrates the database first). The default.
    Serve {
        /// Load the demo catalogue before serving (idempotent).
        #[arg(long)]
        seed: bool,
    },
    /// Apply database migrations and exit.
    Migrate,
    /// Apply migrations, load the demo catalogue (idempotent) and, outside production, the
    /// demo history (once), and exit.
    Seed {
        /// Add a synthetic national catalogue of about 20,000 services across the 47
        /// counties and 20 professional boards, for benchmarks and tests (not in production).
        #[arg(long)]
        national: bool,
        /// Leave out the demo history (four months of applications by synthetic people,
        /// and the demo citizen's own), which development installs otherwise get once.
        #[arg(long)]
        no_history: bool,
    },
    /// Move a sent application to its next status, as its agency would, e.g.
    /// `uraia advance PPR-2026-7K3M-9QX2U processing`. The applicant is told on the
    /// channels they chose, and open pages update.
    Advance {
        /// The application's reference number.
        reference: String,
        /// The new status: processing, info_requested, approved, rejected,
        /// ready_for_collection or collected.
        status: String,
        /// The reason (rejected) or what is asked for (info_requested): required for those.
        #[arg(long)]
        note: Option<String>,
        /// Where to collect (ready_for_collection): a place's slug from seed/places.toml,
        /// e.g. huduma-nakuru.
        #[arg(long)]
        place: Option<String>,
        /// The staff member making the move (email of an officer of the service's agency).
        #[arg(long)]
        by: Option<String>,
    },
    /// The audit log: `uraia audit verify` checks its hash chain end to end and names the
    /// first broken link (exit status 1 when there is one).
    Audit {
        #[command(subcommand)]
        action: AuditAction,
    },
}

#[derive(Subcommand, Debug, Clone, PartialEq, Eq)]
pub enum AuditAction {
    /// Recompute every entry's hash and its link to the one before.
    Verify,
}

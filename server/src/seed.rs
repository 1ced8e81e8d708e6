//! `uraia seed`: loads the demo catalogue (server/seed/catalogue, compiled in) into the
//! database. Idempotent: agencies, categories and services are upserted by slug, and a
//! service's documents and fees are replaced. Nothing is deleted, since applications will
//! refer to services.

mod catalogue_files;
mod write;

pub use catalogue_files::{check, load_catalogue, Catalogue, CatalogueError};

use app::data::Db;

/// What a seed run loaded, for the command's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub categories: usize,
    pub agencies: usize,
    pub services: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Catalogue(#[from] CatalogueError),
    #[error("database error while seeding: {0}")]
    Database(#[from] sqlx::Error),
}

/// Loads the bundled catalogue into `db` in one transaction.
pub async fn run(db: &Db) -> Result<SeedReport, SeedError> {
    let catalogue = load_catalogue()?;
    write::write_catalogue(db, &catalogue).await?;
    Ok(SeedReport {
        categories: catalogue.categories.len(),
        agencies: catalogue.agencies.len(),
        services: catalogue.agencies.iter().map(|a| a.services.len()).sum(),
    })
}

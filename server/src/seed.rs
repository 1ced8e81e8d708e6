//! `uraia seed`: loads the demo catalogue (server/seed/catalogue, compiled in), the
//! services' application forms (server/seed/forms), the
//! embedded registry's synthetic people and the demo accounts into the database. Idempotent: agencies, categories and services are upserted by slug, and a
//! service's documents and fees are replaced. Nothing is deleted, since applications will
//! refer to services.

mod catalogue_files;
pub mod forms;
pub mod history;
mod national;
mod national_words;
pub mod people;
pub mod places;
mod write;

pub use catalogue_files::{check, load_catalogue, Catalogue, CatalogueError};

use app::data::Db;

/// What a seed run loaded, for the command's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SeedReport {
    pub categories: usize,
    pub agencies: usize,
    pub services: usize,
    pub forms: usize,
    pub people: usize,
    pub places: usize,
    pub demo_accounts: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error(transparent)]
    Catalogue(#[from] CatalogueError),
    #[error(transparent)]
    Forms(#[from] forms::FormError),
    #[error("places seed failed: {0}")]
    Places(String),
    #[error("registry seed failed: {0}")]
    Registry(String),
    #[error("demo history: {0}")]
    History(String),
    #[error("database error while seeding: {0}")]
    Database(#[from] sqlx::Error),
}

/// Everything `uraia seed` loads: the catalogue, the embedded registry's synthetic people,
/// and (outside production) the demo accounts.
pub async fn all(db: &Db, production: bool) -> Result<SeedReport, SeedError> {
    let mut report = run(db).await?;
    report.people = people::write_registry(db).await?;
    report.places = places::write_places(db).await?;
    if !production {
        report.demo_accounts = people::write_demo_accounts(db).await?;
    }
    Ok(report)
}

/// Adds the synthetic national catalogue (national.rs) to `db`: its agencies and services
/// written, checked first like the bundled one.
pub async fn national(db: &Db) -> Result<(usize, usize), SeedError> {
    let catalogue = national_catalogue()?;
    write::write_catalogue(db, &catalogue).await?;
    let services = catalogue.agencies.iter().map(|a| a.services.len()).sum();
    Ok((catalogue.agencies.len(), services))
}

/// The synthetic national catalogue, checked.
pub fn national_catalogue() -> Result<Catalogue, CatalogueError> {
    let catalogue = national::catalogue(&load_catalogue()?);
    let problems = check(&catalogue);
    if problems.is_empty() {
        Ok(catalogue)
    } else {
        Err(CatalogueError::Invalid(problems))
    }
}

/// Loads the bundled catalogue into `db` in one transaction.
pub async fn run(db: &Db) -> Result<SeedReport, SeedError> {
    let catalogue = load_catalogue()?;
    write::write_catalogue(db, &catalogue).await?;
    let forms = forms::write_forms(db).await?;
    Ok(SeedReport {
        forms,
        categories: catalogue.categories.len(),
        agencies: catalogue.agencies.len(),
        services: catalogue.agencies.iter().map(|a| a.services.len()).sum(),
        people: 0,
        places: 0,
        demo_accounts: 0,
    })
}

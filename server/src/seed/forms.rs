//! The services' application forms (server/seed/forms/<service-slug>.toml, compiled in):
//! parsed, checked (`FormDefinition::problems`) and stored by version.

use app::data::Db;
use app::forms::FormDefinition;
use include_dir::{include_dir, Dir};

static FORMS_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/seed/forms");

#[derive(Debug, thiserror::Error)]
pub enum FormError {
    #[error("seed/forms/{file}: {message}")]
    Parse { file: String, message: String },
    #[error("seed/forms/{file}: {}", problems.join("; "))]
    Invalid { file: String, problems: Vec<String> },
    #[error(transparent)]
    Store(#[from] app::data::forms::FormStoreError),
    #[error("seed/forms/{service}.toml and the catalogue's fees disagree: {}", problems.join("; "))]
    Fees {
        service: String,
        problems: Vec<String>,
    },
    #[error(transparent)]
    Db(#[from] sqlx::Error),
}

/// Every form file: (service slug from the file name, definition), checked.
pub fn load_forms() -> Result<Vec<(String, FormDefinition)>, FormError> {
    let mut forms = Vec::new();
    let mut files: Vec<_> = FORMS_DIR
        .files()
        .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort_by_key(|f| f.path());
    for file in files {
        let name = file.path().display().to_string();
        let service = file
            .path()
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = file.contents_utf8().unwrap_or_default();
        let form: FormDefinition = toml::from_str(text).map_err(|e| FormError::Parse {
            file: name.clone(),
            message: e.to_string(),
        })?;
        let problems = form.problems();
        if !problems.is_empty() {
            return Err(FormError::Invalid {
                file: name,
                problems,
            });
        }
        forms.push((service, form));
    }
    Ok(forms)
}

/// Stores every form; returns how many. Each form's fee rules must fit its service's fee
/// list in the catalogue (every conditional fee needs a rule saying when it is charged).
pub async fn write_forms(db: &Db) -> Result<usize, FormError> {
    let forms = load_forms()?;
    for (service, form) in &forms {
        app::data::forms::store(db, service, form).await?;
        if let Some((service_id, _)) = app::data::forms::current(db, service).await? {
            let fees = app::data::invoices::service_fees(db, service_id).await?;
            let conditional: Vec<bool> = fees.iter().map(|f| f.when_en.is_some()).collect();
            let problems = app::forms::fees::mismatches(form, &conditional);
            if !problems.is_empty() {
                return Err(FormError::Fees {
                    service: service.clone(),
                    problems,
                });
            }
        }
    }
    Ok(forms.len())
}

//! The catalogue's data files (TOML, see server/seed/catalogue/README.md): their shape and
//! the checks that keep them whole before anything reaches the database.

use app::model::{AccountType, AgencyKind, FeeKind};
use include_dir::{include_dir, Dir};
use serde::Deserialize;
use std::collections::HashSet;

static CATALOGUE_DIR: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/seed/catalogue");

/// A text in both languages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub sw: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextList {
    pub en: Vec<String>,
    pub sw: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub slug: String,
    pub sort: i64,
    pub name: Text,
    pub description: Text,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CategoriesFile {
    category: Vec<Category>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency {
    pub slug: String,
    pub kind: String,
    pub parent: Option<String>,
    pub name: Text,
    pub summary: Text,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    #[serde(skip)]
    pub services: Vec<Service>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub slug: String,
    pub category: String,
    pub popular: Option<i64>,
    pub account_types: Vec<String>,
    pub processing_days: Vec<i64>,
    pub name: Text,
    pub summary: Text,
    pub keywords: TextList,
    pub eligibility: TextList,
    pub collection: Text,
    #[serde(default)]
    pub document: Vec<Document>,
    #[serde(default)]
    pub fee: Vec<Fee>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub required: bool,
    pub name: Text,
    pub note: Option<Text>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub kind: String,
    pub label: Text,
    pub when: Option<Text>,
    pub amount_cents: i64,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AgencyFile {
    agency: Agency,
    #[serde(default)]
    service: Vec<Service>,
}

#[derive(Debug, Clone)]
pub struct Catalogue {
    pub categories: Vec<Category>,
    /// Parents come before their children, so they can be written in order.
    pub agencies: Vec<Agency>,
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("catalogue file {file}: {message}")]
    Parse { file: String, message: String },
    #[error("catalogue is inconsistent:\n  {}", .0.join("\n  "))]
    Invalid(Vec<String>),
}

fn parse<T: serde::de::DeserializeOwned>(
    file: &include_dir::File<'_>,
) -> Result<T, CatalogueError> {
    let name = file.path().display().to_string();
    let text = file.contents_utf8().ok_or_else(|| CatalogueError::Parse {
        file: name.clone(),
        message: "not UTF-8".into(),
    })?;
    toml::from_str(text).map_err(|e| CatalogueError::Parse {
        file: name,
        message: e.to_string(),
    })
}

/// Reads and checks the bundled catalogue.
pub fn load_catalogue() -> Result<Catalogue, CatalogueError> {
    let categories_file = CATALOGUE_DIR
        .get_file("categories.toml")
        .ok_or_else(|| CatalogueError::Invalid(vec!["categories.toml is missing".into()]))?;
    let categories: CategoriesFile = parse(categories_file)?;
    let mut agencies = Vec::new();
    let mut files: Vec<_> = CATALOGUE_DIR
        .get_dir("agencies")
        .map(|d| {
            d.files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "toml"))
                .collect()
        })
        .unwrap_or_default();
    files.sort_by_key(|f| f.path().to_path_buf());
    for file in files {
        let parsed: AgencyFile = parse(file)?;
        let stem = file
            .path()
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        if stem != parsed.agency.slug {
            return Err(CatalogueError::Invalid(vec![format!(
                "{}: file name does not match agency slug {:?}",
                file.path().display(),
                parsed.agency.slug
            )]));
        }
        let mut agency = parsed.agency;
        agency.services = parsed.service;
        agencies.push(agency);
    }
    let catalogue = Catalogue {
        categories: categories.category,
        agencies: parents_first(agencies),
    };
    let problems = check(&catalogue);
    if problems.is_empty() {
        Ok(catalogue)
    } else {
        Err(CatalogueError::Invalid(problems))
    }
}

/// Orders agencies so that each parent precedes its children (unknown parents are
/// reported by `check`).
fn parents_first(mut pending: Vec<Agency>) -> Vec<Agency> {
    let mut ordered: Vec<Agency> = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let placed: HashSet<String> = ordered.iter().map(|a| a.slug.clone()).collect();
        let known: HashSet<String> = pending
            .iter()
            .map(|a| a.slug.clone())
            .chain(placed.iter().cloned())
            .collect();
        let before = pending.len();
        let (ready, rest): (Vec<_>, Vec<_>) = pending.into_iter().partition(|a| match &a.parent {
            None => true,
            Some(p) => placed.contains(p) || !known.contains(p),
        });
        ordered.extend(ready);
        pending = rest;
        if pending.len() == before {
            // A cycle: place the rest as they are; `check` reports it.
            ordered.append(&mut pending);
        }
    }
    ordered
}

fn well_formed_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
}

fn text_ok(t: &Text) -> bool {
    !t.en.trim().is_empty() && !t.sw.trim().is_empty()
}

/// Every rule of the README's "Rules the loader enforces"; returns the broken ones.
pub fn check(catalogue: &Catalogue) -> Vec<String> {
    let mut problems = Vec::new();
    let mut category_slugs = HashSet::new();
    for c in &catalogue.categories {
        if !well_formed_slug(&c.slug) || !category_slugs.insert(c.slug.as_str()) {
            problems.push(format!("category {:?}: slug malformed or repeated", c.slug));
        }
        if !text_ok(&c.name) || !text_ok(&c.description) {
            problems.push(format!(
                "category {}: missing English or Kiswahili text",
                c.slug
            ));
        }
    }
    let agency_slugs: HashSet<&str> = catalogue.agencies.iter().map(|a| a.slug.as_str()).collect();
    if agency_slugs.len() != catalogue.agencies.len() {
        problems.push("agency slugs are repeated".into());
    }
    let mut service_slugs = HashSet::new();
    for a in &catalogue.agencies {
        let at = format!("agency {}", a.slug);
        if !well_formed_slug(&a.slug) {
            problems.push(format!("{at}: malformed slug"));
        }
        if AgencyKind::from_code(&a.kind).is_none() {
            problems.push(format!("{at}: unknown kind {:?}", a.kind));
        }
        if let Some(p) = &a.parent {
            if !agency_slugs.contains(p.as_str()) || p == &a.slug {
                problems.push(format!("{at}: unknown parent {p:?}"));
            }
        }
        if !text_ok(&a.name) || !text_ok(&a.summary) {
            problems.push(format!("{at}: missing English or Kiswahili text"));
        }
        for s in &a.services {
            let at = format!("service {}", s.slug);
            if !well_formed_slug(&s.slug) || !service_slugs.insert(s.slug.as_str()) {
                problems.push(format!("{at}: slug malformed or repeated"));
            }
            if !category_slugs.contains(s.category.as_str()) {
                problems.push(format!("{at}: unknown category {:?}", s.category));
            }
            if s.account_types.is_empty()
                || s.account_types
                    .iter()
                    .any(|t| AccountType::from_code(t).is_none())
            {
                problems.push(format!(
                    "{at}: account_types must be a non-empty list of known types"
                ));
            }
            match s.processing_days.as_slice() {
                [min, max] if *min > 0 && min <= max => {}
                _ => problems.push(format!(
                    "{at}: processing_days must be [min, max] with 0 < min <= max"
                )),
            }
            if !text_ok(&s.name) || !text_ok(&s.summary) || !text_ok(&s.collection) {
                problems.push(format!("{at}: missing English or Kiswahili text"));
            }
            for (what, list) in [("keywords", &s.keywords), ("eligibility", &s.eligibility)] {
                if list.en.is_empty() || list.sw.is_empty() {
                    problems.push(format!("{at}: {what} needs English and Kiswahili entries"));
                }
                if list
                    .en
                    .iter()
                    .chain(&list.sw)
                    .any(|l| l.contains('\n') || l.trim().is_empty())
                {
                    problems.push(format!(
                        "{at}: {what} entries must be single, non-empty lines"
                    ));
                }
            }
            if s.document.is_empty() {
                problems.push(format!("{at}: needs at least one document"));
            }
            for d in &s.document {
                if !text_ok(&d.name) || d.note.as_ref().is_some_and(|n| !text_ok(n)) {
                    problems.push(format!(
                        "{at}: a document is missing English or Kiswahili text"
                    ));
                }
            }
            if s.fee.is_empty() {
                problems.push(format!("{at}: needs at least one fee"));
            }
            for f in &s.fee {
                if FeeKind::from_code(&f.kind).is_none() {
                    problems.push(format!("{at}: unknown fee kind {:?}", f.kind));
                }
                if f.amount_cents < 0 {
                    problems.push(format!("{at}: negative fee"));
                }
                if !text_ok(&f.label) || f.when.as_ref().is_some_and(|w| !text_ok(w)) {
                    problems.push(format!("{at}: a fee is missing English or Kiswahili text"));
                }
            }
        }
    }
    problems
}

//! The public catalogue in memory: every agency, category and service in both languages,
//! with the orders the pages list them in worked out once. Reading a page from it is a few
//! lookups and string copies, with no database round trip (decision 0021).

use crate::data::search::{self, SearchDoc};
use crate::data::service_status::StatusRow;
use crate::i18n::Lang;
use crate::model::*;
use std::collections::HashMap;

/// How many popular services the home page shows.
const POPULAR: usize = 12;

/// A text in both languages, indexed by [`Lang::index`].
#[derive(Clone, Debug, Default)]
pub(super) struct Both([String; 2]);

impl Both {
    pub(super) fn new(en: String, sw: String) -> Both {
        Both([en, sw])
    }

    pub(super) fn get(&self, lang: Lang) -> &str {
        &self.0[lang.index()]
    }

    fn owned(&self, lang: Lang) -> String {
        self.get(lang).to_string()
    }
}

/// Lists of positions, one per language (each sorted by name in that language).
pub(super) type PerLang = [Vec<usize>; 2];

#[derive(Debug)]
pub(super) struct Agency {
    pub slug: String,
    pub kind: AgencyKind,
    pub name: Both,
    pub summary: Both,
    pub website: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub parent: Option<usize>,
    pub children: PerLang,
    pub services: PerLang,
    pub status: Option<StatusRow>,
}

#[derive(Debug)]
pub(super) struct Category {
    pub slug: String,
    pub name: Both,
    pub description: Both,
    pub services: PerLang,
}

#[derive(Debug)]
pub(super) struct Document {
    pub required: bool,
    pub name: Both,
    pub note: [Option<String>; 2],
}

#[derive(Debug)]
pub(super) struct Fee {
    pub kind: FeeKind,
    pub label: Both,
    pub when: [Option<String>; 2],
    pub amount_cents: i64,
}

#[derive(Debug)]
pub(super) struct Service {
    pub slug: String,
    pub name: Both,
    pub summary: Both,
    pub agency: usize,
    pub category: usize,
    pub popular_rank: Option<i64>,
    pub account_types: Vec<AccountType>,
    pub eligibility: [Vec<String>; 2],
    pub documents: Vec<Document>,
    pub fees: Vec<Fee>,
    pub minimum_total_cents: i64,
    pub processing_days_min: i64,
    pub processing_days_max: i64,
    pub collection: Both,
    pub online: bool,
}

#[derive(Debug)]
pub struct Snapshot {
    /// The catalogue's change counter when this was read (see `load::snapshot`).
    version: i64,
    agencies: Vec<Agency>,
    agency_order: PerLang,
    agency_slugs: HashMap<String, usize>,
    /// In their set order.
    categories: Vec<Category>,
    category_slugs: HashMap<String, usize>,
    services: Vec<Service>,
    service_slugs: HashMap<String, usize>,
    popular: Vec<usize>,
    search_docs: Vec<SearchDoc>,
}

fn slugs<T>(items: &[T], slug: impl Fn(&T) -> &str) -> HashMap<String, usize> {
    items
        .iter()
        .enumerate()
        .map(|(i, item)| (slug(item).to_string(), i))
        .collect()
}

impl Snapshot {
    pub(super) fn new(
        version: i64,
        agencies: Vec<Agency>,
        categories: Vec<Category>,
        services: Vec<Service>,
        search_docs: Vec<SearchDoc>,
    ) -> Snapshot {
        let agency_order = Lang::ALL.map(|lang| {
            let mut order: Vec<usize> = (0..agencies.len()).collect();
            order.sort_by_cached_key(|&i| agencies[i].name.get(lang).to_lowercase());
            order
        });
        let mut popular: Vec<usize> = (0..services.len())
            .filter(|&i| services[i].popular_rank.is_some())
            .collect();
        popular.sort_by_key(|&i| services[i].popular_rank);
        Snapshot {
            version,
            agency_slugs: slugs(&agencies, |a| &a.slug),
            category_slugs: slugs(&categories, |c| &c.slug),
            service_slugs: slugs(&services, |s| &s.slug),
            agency_order,
            agencies,
            categories,
            services,
            popular,
            search_docs,
        }
    }

    pub fn version(&self) -> i64 {
        self.version
    }

    fn link(&self, agency: usize, lang: Lang) -> NamedLink {
        let a = &self.agencies[agency];
        NamedLink {
            slug: a.slug.clone(),
            name: a.name.owned(lang),
        }
    }

    fn summary(&self, service: usize, lang: Lang) -> ServiceSummary {
        let s = &self.services[service];
        ServiceSummary {
            slug: s.slug.clone(),
            name: s.name.owned(lang),
            summary: s.summary.owned(lang),
            agency: self.link(s.agency, lang),
            minimum_total_cents: s.minimum_total_cents,
        }
    }

    fn summaries(&self, services: &PerLang, lang: Lang) -> Vec<ServiceSummary> {
        services[lang.index()]
            .iter()
            .map(|&i| self.summary(i, lang))
            .collect()
    }

    /// The home page's data: popular services and categories with counts.
    pub fn home(&self, lang: Lang) -> HomeData {
        HomeData {
            popular: self
                .popular
                .iter()
                .take(POPULAR)
                .map(|&i| self.summary(i, lang))
                .collect(),
            categories: self.categories(lang),
            agency_count: self.agencies.len() as i64,
            service_count: self.services.len() as i64,
        }
    }

    /// Categories that have services, in their set order.
    pub fn categories(&self, lang: Lang) -> Vec<CategoryListItem> {
        self.categories
            .iter()
            .filter(|c| !c.services[lang.index()].is_empty())
            .map(|c| CategoryListItem {
                slug: c.slug.clone(),
                name: c.name.owned(lang),
                description: c.description.owned(lang),
                service_count: c.services[lang.index()].len() as i64,
            })
            .collect()
    }

    /// One category and its services by name, or `None` if there is no such category.
    pub fn category(&self, slug: &str, lang: Lang) -> Option<CategoryDetail> {
        let c = &self.categories[*self.category_slugs.get(slug)?];
        Some(CategoryDetail {
            slug: c.slug.clone(),
            name: c.name.owned(lang),
            description: c.description.owned(lang),
            services: self.summaries(&c.services, lang),
        })
    }

    /// Every agency with its number of services, by name in the reader's language.
    pub fn agencies(&self, lang: Lang) -> Vec<AgencyListItem> {
        self.agency_order[lang.index()]
            .iter()
            .map(|&i| {
                let a = &self.agencies[i];
                AgencyListItem {
                    slug: a.slug.clone(),
                    name: a.name.owned(lang),
                    kind: a.kind,
                    service_count: a.services[lang.index()].len() as i64,
                }
            })
            .collect()
    }

    /// One agency with its parent, child agencies and services.
    pub fn agency(&self, slug: &str, lang: Lang) -> Option<AgencyDetail> {
        let a = &self.agencies[*self.agency_slugs.get(slug)?];
        Some(AgencyDetail {
            slug: a.slug.clone(),
            name: a.name.owned(lang),
            summary: a.summary.owned(lang),
            kind: a.kind,
            website: a.website.clone(),
            phone: a.phone.clone(),
            email: a.email.clone(),
            parent: a.parent.map(|p| self.link(p, lang)),
            children: a.children[lang.index()]
                .iter()
                .map(|&c| self.link(c, lang))
                .collect(),
            services: self.summaries(&a.services, lang),
        })
    }

    /// The agency's status when it is not normal (what service and pay pages warn about).
    pub fn trouble(&self, agency_slug: &str, lang: Lang) -> Option<AgencyStatus> {
        self.status(*self.agency_slugs.get(agency_slug)?, lang)
    }

    /// The status of the agency at `agency` when it is not normal.
    fn status(&self, agency: usize, lang: Lang) -> Option<AgencyStatus> {
        self.agencies[agency]
            .status
            .as_ref()
            .filter(|row| row.state() != ServiceState::Normal)
            .map(|row| row.clone().view(lang))
    }

    /// Everything about one service, or `None` if there is no such service.
    pub fn service(&self, slug: &str, lang: Lang) -> Option<ServiceDetail> {
        let s = &self.services[*self.service_slugs.get(slug)?];
        let c = &self.categories[s.category];
        let i = lang.index();
        Some(ServiceDetail {
            status: self.status(s.agency, lang),
            slug: s.slug.clone(),
            name: s.name.owned(lang),
            summary: s.summary.owned(lang),
            agency: self.link(s.agency, lang),
            category: NamedLink {
                slug: c.slug.clone(),
                name: c.name.owned(lang),
            },
            account_types: s.account_types.clone(),
            eligibility: s.eligibility[i].clone(),
            documents: s
                .documents
                .iter()
                .map(|d| DocumentItem {
                    name: d.name.owned(lang),
                    note: d.note[i].clone(),
                    required: d.required,
                })
                .collect(),
            fees: s
                .fees
                .iter()
                .map(|f| FeeLine {
                    kind: f.kind,
                    label: f.label.owned(lang),
                    when: f.when[i].clone(),
                    amount_cents: f.amount_cents,
                })
                .collect(),
            processing_days_min: s.processing_days_min,
            processing_days_max: s.processing_days_max,
            collection: s.collection.owned(lang),
            online: s.online,
        })
    }

    /// Searches the catalogue; see `search` for how results are ranked.
    pub fn search(&self, query: &str, lang: Lang, limit: usize) -> Vec<ServiceSummary> {
        search::rank(&self.search_docs, query, lang)
            .into_iter()
            .take(limit)
            .map(|(i, _)| self.summary(i, lang))
            .collect()
    }
}

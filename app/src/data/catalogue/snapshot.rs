//! The public catalogue in memory: every agency, category and service in both languages,
//! with the orders the pages list them in worked out once. Reading a page from it is a few
//! lookups and string copies, with no database round trip (decision 0021).

use crate::data::search::{Narrowing, SearchIndex};
use crate::data::service_status::StatusRow;
use crate::i18n::Lang;
use crate::model::*;
use std::collections::HashMap;

/// How many popular services the home page shows.
const POPULAR: usize = 12;
/// How many services an agency's or a category's page lists at a time.
pub const SERVICES_PER_PAGE: usize = 50;
/// How many results a search page shows at a time.
pub const RESULTS_PER_PAGE: usize = 20;
/// How far into a search's results its pages go.
const MAX_RESULTS: usize = 10_000;

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
    index: SearchIndex,
    /// What a search can be narrowed by, in each language (the same for every search).
    choices: [SearchChoices; 2],
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
        index: SearchIndex,
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
        let mut snapshot = Snapshot {
            version,
            agency_slugs: slugs(&agencies, |a| &a.slug),
            category_slugs: slugs(&categories, |c| &c.slug),
            service_slugs: slugs(&services, |s| &s.slug),
            agency_order,
            agencies,
            categories,
            services,
            popular,
            index,
            choices: Default::default(),
        };
        snapshot.choices = Lang::ALL.map(|lang| snapshot.search_choices(lang));
        snapshot
    }

    pub fn version(&self) -> i64 {
        self.version
    }

    pub fn service_count(&self) -> usize {
        self.services.len()
    }

    /// What the search index takes in memory.
    pub fn index_bytes(&self) -> u64 {
        self.index.bytes()
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

    /// One page of a list of services (in the reader's language's order).
    fn page_of(&self, services: &PerLang, lang: Lang, page: u32) -> (Vec<ServiceSummary>, Paging) {
        let list = &services[lang.index()];
        let paging = Paging::new(page, list.len(), SERVICES_PER_PAGE);
        let shown = list
            .iter()
            .skip(paging.offset())
            .take(paging.per_page)
            .map(|&i| self.summary(i, lang))
            .collect();
        (shown, paging)
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

    /// One category and a page of its services by name, or `None` if there is no such
    /// category.
    pub fn category(&self, slug: &str, lang: Lang, page: u32) -> Option<CategoryDetail> {
        let c = &self.categories[*self.category_slugs.get(slug)?];
        let (services, paging) = self.page_of(&c.services, lang, page);
        Some(CategoryDetail {
            slug: c.slug.clone(),
            name: c.name.owned(lang),
            description: c.description.owned(lang),
            services,
            paging,
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

    /// One agency with its parent, child agencies and a page of its services.
    pub fn agency(&self, slug: &str, lang: Lang, page: u32) -> Option<AgencyDetail> {
        let a = &self.agencies[*self.agency_slugs.get(slug)?];
        let (services, paging) = self.page_of(&a.services, lang, page);
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
            services,
            paging,
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

    /// Whether an agency or one of its departments has services.
    fn has_services(&self, agency: usize, lang: Lang) -> bool {
        let a = &self.agencies[agency];
        !a.services[lang.index()].is_empty()
            || a.children[lang.index()]
                .iter()
                .any(|&c| !self.agencies[c].services[lang.index()].is_empty())
    }

    /// What a search can be narrowed by, in the reader's language (worked out once, in
    /// `new`).
    fn search_choices(&self, lang: Lang) -> SearchChoices {
        let (counties, agencies): (Vec<usize>, Vec<usize>) = self.agency_order[lang.index()]
            .iter()
            .filter(|&&i| self.has_services(i, lang))
            .partition(|&&i| self.agencies[i].kind == AgencyKind::County);
        SearchChoices {
            agencies: agencies.into_iter().map(|i| self.link(i, lang)).collect(),
            counties: counties.into_iter().map(|i| self.link(i, lang)).collect(),
            categories: self
                .categories
                .iter()
                .filter(|c| !c.services[lang.index()].is_empty())
                .map(|c| NamedLink {
                    slug: c.slug.clone(),
                    name: c.name.owned(lang),
                })
                .collect(),
        }
    }

    /// Searches the catalogue (see `data::search` for how results are ranked): a page of
    /// results within the narrowing. Narrowing to an agency, county or category this
    /// catalogue does not have is not applied, and the answer says what was.
    pub fn search(
        &self,
        query: &str,
        lang: Lang,
        asked: &SearchNarrowing,
        page: u32,
    ) -> SearchResults {
        let agency = |slug: &str, county: bool| {
            self.agency_slugs
                .get(slug)
                .copied()
                .filter(|&i| (self.agencies[i].kind == AgencyKind::County) == county)
        };
        let narrowing = Narrowing {
            agency: agency(&asked.agency, false),
            county: agency(&asked.county, true),
            category: self.category_slugs.get(&asked.category).copied(),
            account_type: AccountType::from_code(&asked.account_type),
        };
        let narrowed = SearchNarrowing {
            agency: narrowing
                .agency
                .map(|i| self.agencies[i].slug.clone())
                .unwrap_or_default(),
            county: narrowing
                .county
                .map(|i| self.agencies[i].slug.clone())
                .unwrap_or_default(),
            category: narrowing
                .category
                .map(|i| self.categories[i].slug.clone())
                .unwrap_or_default(),
            account_type: narrowing
                .account_type
                .map(|t| t.code().to_string())
                .unwrap_or_default(),
        };
        let per_page = RESULTS_PER_PAGE;
        // The index keeps every result up to the page's end while it searches: a page far
        // past any real one must not cost that memory.
        let wanted = Paging::new(page, MAX_RESULTS, per_page);
        let page = wanted.page;
        let mut found = self
            .index
            .search(query, lang, &narrowing, wanted.offset(), per_page);
        let mut paging = Paging::new(page, found.total, per_page);
        if paging.page != page && found.total > 0 {
            // Asked past the last page: the last page.
            found = self
                .index
                .search(query, lang, &narrowing, paging.offset(), per_page);
            paging = Paging::new(page, found.total, per_page);
        }
        SearchResults {
            services: found
                .services
                .into_iter()
                .map(|i| self.summary(i, lang))
                .collect(),
            paging,
            choices: self.choices[lang.index()].clone(),
            narrowed,
        }
    }
}

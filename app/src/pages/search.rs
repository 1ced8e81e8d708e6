//! Search results: a GET form and a results page, drawn by the server (no island). The form
//! narrows by national agency, county, kind of service and who can apply; results come a
//! page at a time, each page with its own address.

use crate::api::catalogue::search_services;
use crate::components::loaded::use_page;
use crate::components::pager::{page_param, PageShowing, Pager};
use crate::components::{search_form::SearchForm, service_list::ServiceList};
use crate::i18n::{use_lang, Strings};
use crate::model::{AccountType, NamedLink, SearchChoices, SearchNarrowing, SearchResults};
use crate::pages::errors::ErrorView;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::{components::A, hooks::use_query_map};

/// What the address asks for.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
struct Asked {
    query: String,
    narrowing: SearchNarrowing,
    page: u32,
}

impl Asked {
    /// The address of another page of the same search.
    fn href(&self, page: u32) -> String {
        let page = page_param(page);
        let n = &self.narrowing;
        crate::paths::with_query(
            "/search",
            &[
                ("q", self.query.trim()),
                ("agency", &n.agency),
                ("county", &n.county),
                ("category", &n.category),
                ("account_type", &n.account_type),
                ("page", &page),
            ],
        )
    }
}

#[component]
pub fn SearchPage() -> impl IntoView {
    let lang = use_lang();
    let t = lang.t();
    let (query_map, page) = (use_query_map(), use_page());
    let asked = move || {
        let map = query_map.read();
        let get = |key: &str| map.get(key).unwrap_or_default();
        Asked {
            query: get("q"),
            narrowing: SearchNarrowing {
                agency: get("agency"),
                county: get("county"),
                category: get("category"),
                account_type: get("account_type"),
            },
            page: page(),
        }
    };
    // The resource carries what it was asked, so the status line always matches the
    // results shown.
    let results = Resource::new(asked.clone(), move |asked| async move {
        let n = asked.narrowing.clone();
        let found = search_services(
            asked.query.clone(),
            lang,
            n.agency,
            n.county,
            n.category,
            n.account_type,
            asked.page,
        )
        .await;
        (asked, found)
    });
    let initial = untrack(asked).query;
    view! {
        <Title text=t.search_title />
        <Meta name="robots" content="noindex" />
        <h1>{t.search_title}</h1>
        <Suspense fallback=move || view! { <p class="loading">{t.loading}</p> }>
            {move || {
                let initial = initial.clone();
                Suspend::new(async move {
                    let (asked, found) = results.await;
                    match found {
                        Err(error) => view! {
                            <SearchForm initial large=false />
                            <ErrorView error />
                        }.into_any(),
                        Ok(found) => {
                            let (choices, narrowed) = (found.choices.clone(), found.narrowed.clone());
                            view! {
                                <SearchForm initial large=false>
                                    <Narrowing choices narrowed />
                                </SearchForm>
                                <Results asked found />
                            }.into_any()
                        }
                    }
                })
            }}
        </Suspense>
    }
}

/// The choices that narrow a search, inside its form (sent with the words).
#[component]
fn Narrowing(choices: SearchChoices, narrowed: SearchNarrowing) -> impl IntoView {
    let t = use_lang().t();
    let account_types: Vec<NamedLink> = AccountType::ALL
        .iter()
        .map(|a| NamedLink {
            slug: a.code().to_string(),
            name: (t.account_type)(*a).to_string(),
        })
        .collect();
    // Folded away until used, so on a phone the results come first; open while applied.
    let open = narrowed != SearchNarrowing::default();
    view! {
        <details class="search-narrow" open=open>
            <summary>{t.search_narrow}</summary>
            <div class="search-narrow__choices">
                <Choice id="agency" label=t.search_agency any=t.search_any_agency options=choices.agencies chosen=narrowed.agency />
                <Choice id="county" label=t.search_county any=t.search_any_county options=choices.counties chosen=narrowed.county />
                <Choice id="category" label=t.search_category any=t.search_any_category options=choices.categories chosen=narrowed.category />
                <Choice id="account_type" label=t.search_account_type any=t.search_any_account_type options=account_types chosen=narrowed.account_type />
                <div class="search-narrow__send">
                    <button type="submit" class="button">{t.search_apply}</button>
                </div>
            </div>
        </details>
    }
}

#[component]
fn Choice(
    id: &'static str,
    label: &'static str,
    any: &'static str,
    options: Vec<NamedLink>,
    chosen: String,
) -> impl IntoView {
    view! {
        <div class="field">
            <label class="field__label" for=id>{label}</label>
            <select class="field__input" id=id name=id>
                <option value="" selected=chosen.is_empty()>{any}</option>
                {options.into_iter().map(|o| {
                    let selected = o.slug == chosen;
                    view! { <option value=o.slug selected=selected>{o.name}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Results(asked: Asked, found: SearchResults) -> impl IntoView {
    let t: &'static Strings = use_lang().t();
    let query = asked.query.trim().to_string();
    let narrowed = found.narrowed != SearchNarrowing::default();
    if query.is_empty() && !narrowed {
        return view! { <p class="search-status" role="status">{t.search_prompt}</p> }.into_any();
    }
    if found.services.is_empty() {
        let said = if query.is_empty() {
            t.no_services_narrowed.to_string()
        } else {
            (t.no_results)(&query)
        };
        return view! {
            <div class="search-status" role="status">
                <p><strong>{said}</strong></p>
                <p>{t.no_results_tips}</p>
                <p><A href="/agencies">{t.see_all_agencies}</A></p>
            </div>
        }
        .into_any();
    }
    let heading = if query.is_empty() {
        (t.services_found)(found.paging.total)
    } else {
        (t.results_for)(found.paging.total, &query)
    };
    // What was applied, so a page's links keep it (a narrowing not in the catalogue is not).
    let shown = Asked {
        narrowing: found.narrowed.clone(),
        ..asked
    };
    view! {
        // A heading over the results, so each result's own heading is under it.
        <div role="status">
            <h2 class="search-status">{heading}</h2>
        </div>
        <PageShowing paging=found.paging />
        <ServiceList services=found.services />
        <Pager paging=found.paging href=move |page| shown.href(page) />
    }
    .into_any()
}

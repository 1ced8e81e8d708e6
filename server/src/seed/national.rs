//! `uraia seed --national`: a synthetic national catalogue of about 20,000 services, the
//! size of eCitizen's, for tests and benchmarks (never for production). Every one of the 47
//! counties gets the permits, licences and fees a county fee schedule lists (a single
//! business permit by kind and size of business, food, fire and public-health licences,
//! liquor licences, building approvals, adverts, market spaces, hawking, land, parking,
//! cess…), and regulators register and license 20 professions. Each service has a
//! summary, keywords, eligibility, documents and fees in English and Kiswahili, made from
//! the words in national_words.rs.
//!
//! The counties the bundled catalogue has keep their own agency text; the rest are added.
//! Services are upserted by slug like the bundled ones, so running it twice changes nothing.

use super::catalogue_files::{Agency, Catalogue, Document, Fee, Service, Text, TextList};
use super::national_words::*;

fn text(en: impl Into<String>, sw: impl Into<String>) -> Text {
    Text {
        en: en.into(),
        sw: sw.into(),
    }
}

fn list(en: &[&str], sw: &[&str]) -> TextList {
    TextList {
        en: en.iter().map(|s| s.to_string()).collect(),
        sw: sw.iter().map(|s| s.to_string()).collect(),
    }
}

fn document(required: bool, en: &str, sw: &str) -> Document {
    Document {
        required,
        name: text(en, sw),
        note: None,
    }
}

fn fee(en: &str, sw: &str, shillings: i64) -> Fee {
    Fee {
        kind: "government".into(),
        label: text(en, sw),
        when: None,
        amount_cents: shillings * 100,
    }
}

fn identity() -> Document {
    document(
        true,
        "National ID, passport, alien ID or refugee ID",
        "Kitambulisho cha taifa, pasipoti, kitambulisho cha mgeni au cha mkimbizi",
    )
}

/// What every county service shares, given its own words.
struct CountyService<'a> {
    county: (&'a str, &'a str),
    slug: String,
    category: &'a str,
    name: Text,
    what: Text,
    keywords: (Vec<String>, Vec<String>),
    shillings: i64,
    documents: Vec<Document>,
}

const EVERYONE: [&str; 4] = ["citizen", "resident", "refugee", "foreigner"];

impl CountyService<'_> {
    fn service(self) -> Service {
        let (slug, county) = self.county;
        let mut keywords = self.keywords;
        keywords.0.push(format!("{county} county"));
        keywords.1.push(format!("kaunti ya {county}"));
        Service {
            slug: format!("{slug}-{}", self.slug),
            category: self.category.to_string(),
            popular: None,
            account_types: EVERYONE.iter().map(|s| s.to_string()).collect(),
            processing_days: vec![1, 14],
            summary: text(
                format!("{} from the County Government of {county}.", self.what.en),
                format!("{} kutoka Serikali ya Kaunti ya {county}.", self.what.sw),
            ),
            name: self.name,
            keywords: TextList {
                en: keywords.0,
                sw: keywords.1,
            },
            eligibility: list(
                &[&format!("You live, work, own property or trade in {county} County.")],
                &[&format!(
                    "Unaishi, unafanya kazi, unamiliki mali au unafanya biashara katika Kaunti ya {county}."
                )],
            ),
            collection: text(
                format!("Download it from your account once paid, or collect it at the {county} County revenue offices."),
                format!("Ipakue kutoka akaunti yako baada ya kulipa, au ichukue katika ofisi za mapato za Kaunti ya {county}."),
            ),
            document: self.documents,
            fee: vec![fee("County fee", "Ada ya kaunti", self.shillings)],
        }
    }
}

fn premises() -> Document {
    document(
        true,
        "Premises details: plot number, building and room or stall number",
        "Maelezo ya mahali: nambari ya kiwanja, jengo na nambari ya chumba au kibanda",
    )
}

/// Every synthetic service of one county.
fn county_services(county: (&str, &str)) -> Vec<Service> {
    let mut out = Vec::new();
    let words = |en: &str, sw: &str| (vec![en.to_string()], vec![sw.to_string()]);
    for &(kind, en, sw, base) in BUSINESSES {
        for &(size, size_en, size_sw, factor) in SIZES {
            let shillings = if factor == 0 { base / 4 } else { base * factor };
            out.push(
                CountyService {
                    county,
                    slug: format!("business-permit-{kind}-{size}"),
                    category: "county-services",
                    name: text(
                        format!("Single business permit: {en} ({size_en})"),
                        format!("Kibali kimoja cha biashara: {sw} ({size_sw})"),
                    ),
                    what: text(
                        format!("The yearly permit to run a {size_en} {en}"),
                        format!("Kibali cha mwaka cha kuendesha {sw} ({size_sw})"),
                    ),
                    keywords: (
                        vec!["business permit".into(), "trade licence".into(), en.into()],
                        vec![
                            "kibali cha biashara".into(),
                            "leseni ya biashara".into(),
                            sw.into(),
                        ],
                    ),
                    shillings,
                    documents: vec![
                        identity(),
                        document(true, "KRA PIN certificate", "Cheti cha PIN ya KRA"),
                        premises(),
                    ],
                }
                .service(),
            );
        }
    }
    for &(kind, en, sw, base) in BUSINESSES {
        out.push(
            CountyService {
                county,
                slug: format!("fire-safety-{kind}"),
                category: "county-services",
                name: text(
                    format!("Fire safety certificate: {en}"),
                    format!("Cheti cha usalama wa moto: {sw}"),
                ),
                what: text(
                    format!("The yearly fire inspection and certificate for a {en}"),
                    format!("Ukaguzi wa mwaka wa moto na cheti kwa {sw}"),
                ),
                keywords: words("fire certificate", "cheti cha moto"),
                shillings: (base / 2).max(1_000),
                documents: vec![identity(), premises()],
            }
            .service(),
        );
    }
    for &(kind, en, sw, base) in &BUSINESSES[..30] {
        out.push(
            CountyService {
                county,
                slug: format!("health-licence-{kind}"),
                category: "health",
                name: text(
                    format!("Public health licence: {en}"),
                    format!("Leseni ya afya ya umma: {sw}"),
                ),
                what: text(
                    format!("The yearly public health licence for a {en}"),
                    format!("Leseni ya mwaka ya afya ya umma kwa {sw}"),
                ),
                keywords: words("health licence", "leseni ya afya"),
                shillings: (base / 3).max(500),
                documents: vec![identity(), premises()],
            }
            .service(),
        );
        out.push(
            CountyService {
                county,
                slug: format!("food-hygiene-{kind}"),
                category: "health",
                name: text(
                    format!("Food hygiene licence: {en}"),
                    format!("Leseni ya usafi wa chakula: {sw}"),
                ),
                what: text(
                    format!("The licence to handle or sell food at a {en}"),
                    format!("Leseni ya kushughulikia au kuuza chakula katika {sw}"),
                ),
                keywords: words("food licence", "leseni ya chakula"),
                shillings: (base / 4).max(500),
                documents: vec![
                    identity(),
                    premises(),
                    document(
                        true,
                        "Medical certificates of the food handlers",
                        "Vyeti vya afya vya wahudumu wa chakula",
                    ),
                ],
            }
            .service(),
        );
    }
    for &(kind, en, sw) in LIQUOR {
        out.push(
            CountyService {
                county,
                slug: format!("liquor-licence-{kind}"),
                category: "business-trade",
                name: text(
                    format!("Liquor licence: {en}"),
                    format!("Leseni ya vileo: {sw}"),
                ),
                what: text(
                    format!("The yearly licence to sell alcoholic drinks as a {en}"),
                    format!("Leseni ya mwaka ya kuuza vileo kama {sw}"),
                ),
                keywords: words("alcohol licence", "leseni ya pombe"),
                shillings: 20_000,
                documents: vec![
                    identity(),
                    premises(),
                    document(
                        true,
                        "Public health and fire safety certificates",
                        "Vyeti vya afya ya umma na usalama wa moto",
                    ),
                ],
            }
            .service(),
        );
    }
    for &(kind, en, sw) in BUILDINGS {
        out.push(
            CountyService {
                county,
                slug: format!("building-approval-{kind}"),
                category: "land-property",
                name: text(
                    format!("Building plan approval for {en}"),
                    format!("Idhini ya mchoro wa jengo: {sw}"),
                ),
                what: text(
                    format!("Approval of the architectural and structural plans for {en}"),
                    format!("Idhini ya michoro ya usanifu na muundo kwa {sw}"),
                ),
                keywords: words("building permit", "kibali cha ujenzi"),
                shillings: 15_000,
                documents: vec![
                    identity(),
                    document(
                        true,
                        "Architectural and structural drawings",
                        "Michoro ya usanifu na ya muundo",
                    ),
                    document(true, "Title deed or lease", "Hati ya umiliki au ukodishaji"),
                ],
            }
            .service(),
        );
    }
    for &(kind, en, sw) in ADVERTS {
        out.push(
            CountyService {
                county,
                slug: format!("advertising-{kind}"),
                category: "business-trade",
                name: text(
                    format!("Outdoor advertising permit: {en}"),
                    format!("Kibali cha matangazo ya nje: {sw}"),
                ),
                what: text(
                    format!("The permit to put up a {en}"),
                    format!("Kibali cha kuweka {sw}"),
                ),
                keywords: words("advertising permit", "kibali cha matangazo"),
                shillings: 10_000,
                documents: vec![
                    identity(),
                    document(
                        true,
                        "Drawing of the advert and where it goes",
                        "Mchoro wa tangazo na mahali litakapowekwa",
                    ),
                ],
            }
            .service(),
        );
    }
    for &(kind, en, sw) in MARKET_SPACES {
        out.push(
            CountyService {
                county,
                slug: format!("market-{kind}"),
                category: "county-services",
                name: text(
                    format!("Market space rent: {en}"),
                    format!("Kodi ya nafasi sokoni: {sw}"),
                ),
                what: text(
                    format!("The monthly rent of a {en} in a county market"),
                    format!("Kodi ya mwezi ya {sw} katika soko la kaunti"),
                ),
                keywords: words("market stall", "kibanda sokoni"),
                shillings: 1_500,
                documents: vec![identity()],
            }
            .service(),
        );
    }
    for &(kind, en, sw) in HAWKED {
        out.push(
            CountyService {
                county,
                slug: format!("hawking-{kind}"),
                category: "county-services",
                name: text(
                    format!("Hawker's permit: {en}"),
                    format!("Kibali cha mchuuzi: {sw}"),
                ),
                what: text(
                    format!("The permit to sell {en} on foot"),
                    format!("Kibali cha kuuza {sw} kwa kutembeza"),
                ),
                keywords: words("hawker", "mchuuzi"),
                shillings: 1_000,
                documents: vec![identity()],
            }
            .service(),
        );
    }
    for &(kind, en, sw, category, shillings) in COUNTY_SERVICES {
        out.push(
            CountyService {
                county,
                slug: kind.to_string(),
                category,
                name: text(en, sw),
                what: text(en, sw),
                keywords: words(en, sw),
                shillings,
                documents: vec![identity()],
            }
            .service(),
        );
    }
    out
}

/// Regulators of professions, each licensing its profession five ways.
fn professional_services(profession: (&str, &str, &str)) -> Vec<Service> {
    let (slug, en, sw) = profession;
    PROFESSIONAL_LICENCES
        .iter()
        .map(|&(kind, what_en, what_sw, shillings)| Service {
            slug: format!("{slug}-{kind}"),
            category: "professional-licences".into(),
            popular: None,
            account_types: vec!["citizen".into(), "resident".into(), "refugee".into()],
            processing_days: vec![7, 30],
            name: text(format!("{what_en} {en}"), format!("{what_sw} {sw}")),
            summary: text(
                format!("{what_en} {en}, from the board that regulates the profession."),
                format!("{what_sw} {sw}, kutoka bodi inayosimamia taaluma hiyo."),
            ),
            keywords: list(&[en, "professional licence"], &[sw, "leseni ya taaluma"]),
            eligibility: list(
                &[&format!(
                    "You hold the qualifications the board recognises for a {en}."
                )],
                &[&format!("Una sifa ambazo bodi inatambua kwa {sw}.")],
            ),
            collection: text(
                "Download it from your account once approved.",
                "Ipakue kutoka akaunti yako baada ya kuidhinishwa.",
            ),
            document: vec![
                identity(),
                document(
                    true,
                    "Academic and professional certificates",
                    "Vyeti vya taaluma na elimu",
                ),
            ],
            fee: vec![fee("Board fee", "Ada ya bodi", shillings)],
        })
        .collect()
}

/// The synthetic catalogue: the bundled categories, a county agency for each of the 47
/// counties and a board for each profession, with their services.
pub fn catalogue(bundled: &Catalogue) -> Catalogue {
    let mut agencies = Vec::new();
    for &(slug, name) in COUNTIES {
        let agency_slug = format!("{slug}-county");
        let mut agency = bundled
            .agencies
            .iter()
            .find(|a| a.slug == agency_slug)
            .cloned()
            .unwrap_or_else(|| Agency {
                slug: agency_slug.clone(),
                kind: "county".into(),
                parent: None,
                name: text(
                    format!("County Government of {name}"),
                    format!("Serikali ya Kaunti ya {name}"),
                ),
                summary: text(
                    format!("The county government of {name}: business permits, land rates, markets and other county services."),
                    format!("Serikali ya kaunti ya {name}: vibali vya biashara, kodi ya ardhi, masoko na huduma nyingine za kaunti."),
                ),
                website: None,
                phone: None,
                email: None,
                services: Vec::new(),
            });
        agency.services = county_services((&agency_slug, name));
        agencies.push(agency);
    }
    for &(slug, en, sw) in PROFESSIONS {
        agencies.push(Agency {
            slug: format!("{slug}-board"),
            kind: "authority".into(),
            parent: None,
            name: text(
                format!("Board of the {en} profession"),
                format!("Bodi ya taaluma ya {sw}"),
            ),
            summary: text(
                format!("Registers and licenses every {en} in Kenya."),
                format!("Husajili na kutoa leseni kwa kila {sw} nchini Kenya."),
            ),
            website: None,
            phone: None,
            email: None,
            services: professional_services((slug, en, sw)),
        });
    }
    Catalogue {
        categories: bundled.categories.clone(),
        agencies,
    }
}

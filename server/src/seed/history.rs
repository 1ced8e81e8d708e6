//! The demo history (`uraia seed` outside production): a portal that has been in use for
//! four months. About 2,600 applications to the 18 services with forms, sent by 450
//! synthetic people, paid by M-Pesa (a few prompts cancelled, a few never paid), taken up
//! and decided by officers in office hours, some asked for more, some refused, passports
//! and logbooks made ready and collected, visits booked, ratings given, a few overdue; and
//! the demo citizen's own eight applications, one in each state. Written once: a database
//! that has it already is left alone.
//!
//! Everything goes through the same rules as real use: answers pass the form's checks,
//! fees are the form's fee rules applied to the answers, and every status change is
//! written by `insert_event!` (the move checked against the status table, the due date set
//! on submission, the change chained into the audit log) at the time it happened. The
//! events are marked as already told, so nobody is sent four months of messages.

mod answers;
mod applicants;
mod plan;
mod write;

pub use applicants::{applicants, officers};

use super::SeedError;
use answers::{AnswerTable, FileAnswer};
use app::data::invoices::ServiceFeeRow;
use app::data::Db;
use app::files::store::FileStore;
use app::forms::{fees, Answers, FormDefinition};
use app::tracking::Status;
use app::with_pool;
use chrono::{DateTime, Duration, Utc};
use plan::{Facts, Plan};
use rand::{Rng, SeedableRng};
use std::collections::HashSet;

/// How many applications the history has besides the demo citizen's.
pub const APPLICATIONS: usize = 2_600;

/// How far back it goes.
pub const DAYS: i64 = 120;

/// The services with forms, how many applications each gets in proportion, and the visit
/// booked while one is processed.
const SERVICES: [(&str, u32, Option<&str>); 18] = [
    ("passport-new", 14, Some("biometrics")),
    ("passport-renewal", 12, Some("biometrics")),
    ("passport-replacement", 3, Some("biometrics")),
    ("passport-minor", 5, Some("biometrics")),
    ("visa-tourist", 14, None),
    ("visa-business", 4, None),
    ("visa-student", 2, None),
    ("visa-extension", 3, None),
    ("work-permit", 2, None),
    ("foreigner-id", 2, None),
    ("certificate-of-good-conduct", 14, None),
    ("driving-licence-renewal", 8, None),
    ("driving-test-booking", 5, Some("driving_test")),
    ("vehicle-ownership-transfer", 4, None),
    ("land-search", 6, None),
    ("business-name-registration", 5, None),
    ("birth-certificate", 5, None),
    ("marriage-certificate", 2, None),
];

/// The demo citizen's own applications: a service and where each has got to.
const OWN: [(&str, Status); 8] = [
    ("passport-renewal", Status::ReadyForCollection),
    ("certificate-of-good-conduct", Status::InfoRequested),
    ("land-search", Status::Approved),
    ("driving-licence-renewal", Status::Processing),
    ("business-name-registration", Status::AwaitingPayment),
    ("vehicle-ownership-transfer", Status::Rejected),
    ("birth-certificate", Status::Submitted),
    ("marriage-certificate", Status::Collected),
];

/// What the history wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryReport {
    pub applications: usize,
    pub people: usize,
    pub events: usize,
}

/// A service as the history uses it.
pub(crate) struct Service {
    pub id: i64,
    pub slug: &'static str,
    pub agency: String,
    pub account_types: Vec<String>,
    pub form: FormDefinition,
    pub fees: Vec<ServiceFeeRow>,
    pub facts: Facts,
    pub weight: u32,
}

/// One planned application, ready to write.
pub(crate) struct Application {
    pub service: usize,
    pub user_id: i64,
    pub phone: String,
    pub id_number: String,
    pub public_id: String,
    pub reference: String,
    pub invoice_number: String,
    pub answers: Answers,
    pub files: Vec<FileAnswer>,
    pub lines: Vec<ServiceFeeRow>,
    pub plan: Plan,
    /// The officer who takes it up (user id), if anyone has.
    pub officer: i64,
    /// The demo citizen's own.
    pub own: bool,
}

/// Writes the demo history unless the database has it. `now` is the end of the history.
pub async fn history(
    db: &Db,
    files: &FileStore,
    now: DateTime<Utc>,
) -> Result<Option<HistoryReport>, SeedError> {
    let people = applicants();
    let marker = &people[0].email;
    let written: Option<i64> = with_pool!(db, |pool| sqlx::query_scalar(
        "SELECT id FROM users WHERE email = $1"
    )
    .bind(marker)
    .fetch_optional(pool)
    .await)?;
    if written.is_some() {
        return Ok(None);
    }
    let demo = app::data::accounts::users::by_id_number(db, "12345678")
        .await?
        .ok_or_else(|| SeedError::History("the demo citizen is missing".into()))?;
    let services = services(db).await?;
    let table = AnswerTable::load().map_err(|e| SeedError::History(e.to_string()))?;
    let staff = write::people(db, &people, &officers()).await?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(2026);
    let mut taken = Taken::default();
    let mut planned = Vec::with_capacity(APPLICATIONS + OWN.len());
    let total_weight: u32 = services.iter().map(|s| s.weight).sum();
    for _ in 0..APPLICATIONS {
        let mut pick = rng.random_range(0..total_weight);
        let service = services
            .iter()
            .position(|s| {
                let hit = pick < s.weight;
                pick = pick.saturating_sub(s.weight);
                hit
            })
            .unwrap_or(0);
        let s = &services[service];
        let (index, applicant) = loop {
            let i = rng.random_range(0..people.len());
            if s.account_types.iter().any(|t| t == people[i].account_type) {
                break (i, &people[i]);
            }
        };
        let sent = sent_at(now, &mut rng);
        planned.push(application(
            s,
            service,
            staff.applicants[index],
            applicant,
            sent,
            now,
            None,
            &staff,
            &table,
            &mut taken,
            &mut rng,
        )?);
    }
    let wanjiku = applicants::Applicant {
        account_type: "citizen",
        id_number: demo.id_number.clone(),
        first_name: demo.first_name.clone(),
        other_names: demo.other_names.clone(),
        last_name: demo.last_name.clone().unwrap_or_default(),
        gender: "female",
        date_of_birth: demo
            .date_of_birth
            .unwrap_or(chrono::NaiveDate::from_ymd_opt(1990, 3, 27).unwrap_or_default()),
        email: demo.email.clone(),
        phone: demo.phone.clone(),
        language: "en",
    };
    for (slug, until) in OWN {
        let Some(service) = services.iter().position(|s| s.slug == slug) else {
            continue;
        };
        let sent = now - Duration::days(rng.random_range(20..70));
        let mut own = application(
            &services[service],
            service,
            demo.id,
            &wanjiku,
            sent,
            now,
            Some(until),
            &staff,
            &table,
            &mut taken,
            &mut rng,
        )?;
        own.own = true;
        planned.push(own);
    }
    let events = write::applications(db, files, &services, &planned, &staff, now, &mut rng).await?;
    Ok(Some(HistoryReport {
        applications: planned.len(),
        people: people.len(),
        events,
    }))
}

/// Identifiers handed out so far (references, invoice numbers): each is drawn again if it
/// came out the same as an earlier one.
#[derive(Default)]
pub(crate) struct Taken(HashSet<String>);

impl Taken {
    fn fresh(&mut self, mut make: impl FnMut() -> String) -> String {
        loop {
            let candidate = make();
            if self.0.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// When an application was sent: any day of the last four months, a little more often
/// lately, mostly in the day, fewer at weekends.
fn sent_at(now: DateTime<Utc>, rng: &mut impl Rng) -> DateTime<Utc> {
    loop {
        let ago = (DAYS as f64) * rng.random::<f64>().powf(0.85);
        let day = now - Duration::minutes((ago * 24.0 * 60.0) as i64);
        let at = plan::citizen(day, rng);
        let local = at.with_timezone(&chrono::FixedOffset::east_opt(3 * 3600).expect("offset"));
        use chrono::Datelike;
        let weekend = matches!(local.weekday(), chrono::Weekday::Sat | chrono::Weekday::Sun);
        if at < now && (!weekend || rng.random_bool(0.45)) {
            return at;
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn application(
    s: &Service,
    service: usize,
    user_id: i64,
    who: &applicants::Applicant,
    sent: DateTime<Utc>,
    now: DateTime<Utc>,
    until: Option<Status>,
    staff: &write::Staff,
    table: &AnswerTable,
    taken: &mut Taken,
    rng: &mut impl Rng,
) -> Result<Application, SeedError> {
    let today = sent
        .with_timezone(&chrono::FixedOffset::east_opt(3 * 3600).expect("offset"))
        .date_naive();
    let filled = answers::fill(&s.form, who, today, table, rng)
        .map_err(|e| SeedError::History(format!("{}: {e}", s.slug)))?;
    let lines: Vec<ServiceFeeRow> = fees::charged(&s.form, &filled.answers, s.fees.len())
        .into_iter()
        .map(|i| s.fees[i].clone())
        .collect();
    let facts = Facts {
        paid: lines.iter().map(|l| l.amount_cents).sum::<i64>() > 0,
        ..s.facts
    };
    let plan = plan::plan(&facts, sent, now, until, rng);
    let year: u16 = today.format("%Y").to_string().parse().unwrap_or(2026);
    let prefix = s.form.reference_prefix.clone();
    let reference = taken
        .fresh(|| app::forms::reference::Reference::new(&prefix, year, rng.random()).to_string());
    let invoice_number = taken.fresh(|| app::forms::reference::invoice_number(rng.random()));
    let officers = staff.of_agency(&s.agency);
    let officer = officers[rng.random_range(0..officers.len())];
    Ok(Application {
        service,
        user_id,
        phone: who.phone.clone(),
        id_number: who.id_number.clone(),
        public_id: uuid::Uuid::new_v4().simple().to_string(),
        reference,
        invoice_number,
        answers: filled.answers,
        files: filled.files,
        lines,
        plan,
        officer,
        own: false,
    })
}

/// The services with forms, with their current form and fee list.
async fn services(db: &Db) -> Result<Vec<Service>, SeedError> {
    let mut services = Vec::new();
    for (slug, weight, visit) in SERVICES {
        let Some((id, form)) = app::data::forms::current(db, slug).await? else {
            continue;
        };
        let (agency, account_types, days): (String, String, i64) = with_pool!(db, |pool| {
            sqlx::query_as(
                "SELECT a.slug, s.account_types, CAST(s.processing_days_max AS BIGINT) \
                 FROM services s JOIN agencies a ON a.id = s.agency_id WHERE s.id = $1",
            )
            .bind(id)
            .fetch_one(pool)
            .await
        })?;
        services.push(Service {
            id,
            slug,
            agency,
            account_types: account_types.split(',').map(str::to_string).collect(),
            fees: app::data::invoices::service_fees(db, id).await?,
            form,
            facts: Facts {
                processing_days: days,
                paid: true,
                // The status table ends every approved application with its collection
                // (an approved one is still open work in the queue), so the history's do.
                collects: true,
                visit,
            },
            weight,
        });
    }
    Ok(services)
}

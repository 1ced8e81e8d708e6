//! The dashboard: per agency (supervisors, administrators) or overall (administrators),
//! for a date range — applications per day, backlog by status, time in each stage, service
//! levels, collections, revenue, payment outcomes and citizens' ratings. Each table has its
//! chart (SVG, drawn on the server: `/staff/dashboard/<table>.svg`) and its CSV
//! (`/staff/dashboard/<table>.csv`), both from the same figures as the page.

use crate::error::AppError;
use crate::model::Dashboard;
use leptos::prelude::*;

/// The dashboard for the filters in the address (`agency` empty: the caller's first agency,
/// or every agency for an administrator who asks for "all").
#[server(endpoint = "staff/dashboard")]
pub async fn get_dashboard(
    #[server(default)] agency: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
) -> Result<Dashboard, AppError> {
    let call = crate::auth::call().await?;
    let result = async {
        let staff = super::access::staff(&call).await?;
        server::dashboard(&call.state.db, &staff, &agency, &from, &to).await
    }
    .await;
    call.answer(result)
}

#[cfg(feature = "ssr")]
pub mod server {
    use super::super::access::{Staff, Standing};
    use crate::data::analytics::{self, Scope, ServiceNames};
    use crate::data::{staff as staff_data, Db};
    use crate::error::AppError;
    use crate::i18n::{use_lang, Lang};
    use crate::model::{Chart, ChartKind, DashTable, Dashboard, NamedLink};
    use crate::problem::Problem;
    use crate::tracking::Status;
    use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
    use std::collections::BTreeMap;

    /// The tables, in the order the page shows them.
    pub const TABLES: [&str; 8] = [
        "per-day",
        "backlog",
        "stages",
        "service-levels",
        "collections",
        "revenue",
        "payments",
        "ratings",
    ];

    /// The longest range one dashboard covers.
    pub const MAX_DAYS: i64 = 366;

    fn nairobi() -> chrono::FixedOffset {
        chrono::FixedOffset::east_opt(3 * 3600).expect("valid offset")
    }

    fn day_of(t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&nairobi()).date_naive()
    }

    fn start_of(day: NaiveDate) -> DateTime<Utc> {
        nairobi()
            .from_local_datetime(&day.and_hms_opt(0, 0, 0).expect("midnight"))
            .single()
            .expect("fixed offset")
            .with_timezone(&Utc)
    }

    /// The agency the dashboard covers (None: all, administrators only) and the caller's
    /// standing there; refused for officers and for agencies the caller does not supervise.
    pub async fn scope_agency(
        db: &Db,
        staff: &Staff,
        agency: &str,
    ) -> Result<(Option<staff_data::Named>, Vec<staff_data::Named>), AppError> {
        let visible: Vec<staff_data::Named> = if staff.admin {
            staff_data::agencies(db).await?
        } else {
            staff
                .posts
                .iter()
                .filter(|p| p.supervisor)
                .map(|p| staff_data::Named {
                    id: p.agency_id,
                    slug: p.slug.clone(),
                    name_en: p.name_en.clone(),
                    name_sw: p.name_sw.clone(),
                })
                .collect()
        };
        if visible.is_empty() {
            return Err(AppError::Forbidden);
        }
        let chosen = match agency {
            "all" if staff.admin => None,
            "" if staff.admin => None,
            "" => visible.first().cloned(),
            slug => Some(
                visible
                    .iter()
                    .find(|a| a.slug == slug)
                    .cloned()
                    .ok_or(AppError::Forbidden)?,
            ),
        };
        if let Some(a) = &chosen {
            let standing = staff.standing_at(a.id).ok_or(AppError::Forbidden)?;
            if standing < Standing::Supervisor {
                return Err(AppError::Forbidden);
            }
        }
        Ok((chosen, visible))
    }

    /// The range [from, to] in Nairobi days (default: the last 30 days up to today).
    pub fn range(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate), AppError> {
        let today = day_of(Utc::now());
        let parse = |field: &str, text: &str, default: NaiveDate| -> Result<NaiveDate, AppError> {
            if text.trim().is_empty() {
                return Ok(default);
            }
            NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::field(field, Problem::DateInvalid))
        };
        let to_day = parse("to", to, today)?;
        let from_day = parse("from", from, to_day - Duration::days(29))?;
        if from_day > to_day {
            return Err(AppError::field("from", Problem::DateInvalid));
        }
        if (to_day - from_day).num_days() >= MAX_DAYS {
            return Err(AppError::field("from", Problem::DateInvalid));
        }
        Ok((from_day, to_day))
    }

    pub fn scope(agency: Option<i64>, from: NaiveDate, to: NaiveDate) -> Scope {
        Scope {
            agency_id: agency,
            from: start_of(from),
            to: start_of(to + Duration::days(1)),
        }
    }

    pub async fn dashboard(
        db: &Db,
        staff: &Staff,
        agency: &str,
        from: &str,
        to: &str,
    ) -> Result<Dashboard, AppError> {
        let lang = use_lang();
        let (chosen, visible) = scope_agency(db, staff, agency).await?;
        let (from_day, to_day) = range(from, to)?;
        let scope = scope(chosen.as_ref().map(|a| a.id), from_day, to_day);
        let mut tables = Vec::with_capacity(TABLES.len());
        for key in TABLES {
            tables.push(table(db, &scope, lang, key, Utc::now()).await?);
        }
        let t = lang.staff();
        Ok(Dashboard {
            agency: chosen.as_ref().map(|a| a.slug.clone()).unwrap_or_default(),
            agency_name: chosen
                .as_ref()
                .map(|a| a.name(lang).to_string())
                .unwrap_or_else(|| t.all_agencies.to_string()),
            agencies: visible
                .iter()
                .map(|a| NamedLink {
                    slug: a.slug.clone(),
                    name: a.name(lang).to_string(),
                })
                .collect(),
            overall: staff.admin,
            from: from_day.format("%Y-%m-%d").to_string(),
            to: to_day.format("%Y-%m-%d").to_string(),
            tables,
        })
    }

    fn service(names: &ServiceNames, lang: Lang) -> String {
        match lang {
            Lang::En => names.service_en.clone(),
            Lang::Sw => names.service_sw.clone(),
        }
    }

    /// The value at `share` (0–1) of sorted values, nearest rank (the median of 1, 2, 3, 4
    /// is 2): always a value that occurred.
    pub fn percentile(sorted: &[f64], share: f64) -> Option<f64> {
        if sorted.is_empty() {
            return None;
        }
        let rank = (share * sorted.len() as f64).ceil().max(1.0) as usize;
        sorted.get(rank.min(sorted.len()) - 1).copied()
    }

    fn one_decimal(v: f64) -> String {
        format!("{v:.1}")
    }

    fn share(part: i64, whole: i64) -> String {
        if whole == 0 {
            "–".to_string()
        } else {
            format!("{:.1}%", 100.0 * part as f64 / whole as f64)
        }
    }

    /// One table with its chart.
    pub async fn table(
        db: &Db,
        scope: &Scope,
        lang: Lang,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<DashTable, AppError> {
        let t = lang.staff();
        let tr = lang.tracking();
        let mut out = DashTable {
            key: key.to_string(),
            title: (t.dash_title)(key).to_string(),
            summary: None,
            headers: Vec::new(),
            rows: Vec::new(),
            chart: None,
        };
        match key {
            "per-day" => {
                let rows = analytics::submitted(db, scope).await?;
                let mut by_day: BTreeMap<NaiveDate, BTreeMap<String, i64>> = BTreeMap::new();
                let mut totals: BTreeMap<NaiveDate, i64> = BTreeMap::new();
                let mut day = day_of(scope.from);
                let last = day_of(scope.to - Duration::seconds(1));
                while day <= last {
                    totals.insert(day, 0);
                    day += Duration::days(1);
                }
                for r in &rows {
                    let day = day_of(r.submitted_at);
                    *by_day
                        .entry(day)
                        .or_default()
                        .entry(service(&r.service, lang))
                        .or_default() += 1;
                    *totals.entry(day).or_default() += 1;
                }
                out.headers = vec![
                    t.dash_date.into(),
                    t.service.into(),
                    t.dash_applications.into(),
                ];
                for (day, services) in &by_day {
                    for (name, n) in services {
                        out.rows.push(vec![
                            day.format("%Y-%m-%d").to_string(),
                            name.clone(),
                            n.to_string(),
                        ]);
                    }
                }
                out.summary = Some((t.dash_total)(rows.len() as i64));
                out.chart = Some(Chart {
                    kind: ChartKind::Line,
                    labels: totals
                        .keys()
                        .map(|d| d.format("%d %b").to_string())
                        .collect(),
                    series: vec![(
                        t.dash_applications.into(),
                        totals.values().map(|n| *n as f64).collect(),
                    )],
                });
            }
            "backlog" => {
                let counts = analytics::backlog(db, scope.agency_id).await?;
                out.headers = vec![t.status.into(), t.dash_applications.into()];
                let mut labels = Vec::new();
                let mut values = Vec::new();
                for status in Status::ALL
                    .iter()
                    .filter(|s| !matches!(s, Status::Draft | Status::AwaitingPayment))
                {
                    let n = counts
                        .iter()
                        .find(|(c, _)| c == status.code())
                        .map(|(_, n)| *n)
                        .unwrap_or(0);
                    out.rows
                        .push(vec![(tr.status)(*status).to_string(), n.to_string()]);
                    labels.push((tr.status)(*status).to_string());
                    values.push(n as f64);
                }
                out.chart = Some(Chart {
                    kind: ChartKind::HorizontalBar,
                    labels,
                    series: vec![(t.dash_applications.into(), values)],
                });
            }
            "stages" => {
                let events = analytics::stage_events(db, scope).await?;
                let mut spans: BTreeMap<usize, Vec<f64>> = BTreeMap::new();
                for pair in events.windows(2) {
                    let (a, b) = (&pair[0], &pair[1]);
                    if a.application_id != b.application_id || b.created_at < scope.from {
                        continue;
                    }
                    let Some(stage) = Status::from_code(&a.to_status) else {
                        continue;
                    };
                    let position = Status::ALL.iter().position(|s| *s == stage).unwrap_or(0);
                    let hours = (b.created_at - a.created_at).num_seconds() as f64 / 3600.0;
                    spans.entry(position).or_default().push(hours);
                }
                out.headers = vec![
                    t.dash_stage.into(),
                    t.dash_moves.into(),
                    t.dash_median_hours.into(),
                    t.dash_p90_hours.into(),
                ];
                let mut labels = Vec::new();
                let (mut medians, mut p90s) = (Vec::new(), Vec::new());
                for (position, mut hours) in spans {
                    hours.sort_by(|a, b| a.total_cmp(b));
                    let median = percentile(&hours, 0.5).unwrap_or(0.0);
                    let p90 = percentile(&hours, 0.9).unwrap_or(0.0);
                    let name = (tr.status)(Status::ALL[position]).to_string();
                    out.rows.push(vec![
                        name.clone(),
                        hours.len().to_string(),
                        one_decimal(median),
                        one_decimal(p90),
                    ]);
                    labels.push(name);
                    medians.push(median);
                    p90s.push(p90);
                }
                out.chart = Some(Chart {
                    kind: ChartKind::HorizontalBar,
                    labels,
                    series: vec![
                        (t.dash_median_hours.into(), medians),
                        (t.dash_p90_hours.into(), p90s),
                    ],
                });
            }
            "service-levels" => {
                let rows = analytics::deadlines(db, scope).await?;
                let mut by_service: BTreeMap<String, (i64, i64)> = BTreeMap::new();
                for r in &rows {
                    let late = match r.decided_at {
                        Some(decided) => decided > r.due_at,
                        None => r.due_at < now,
                    };
                    let entry = by_service.entry(service(&r.service, lang)).or_default();
                    entry.0 += 1;
                    entry.1 += late as i64;
                }
                out.headers = vec![
                    t.service.into(),
                    t.dash_applications.into(),
                    t.dash_late.into(),
                    t.dash_share.into(),
                ];
                let late_total: i64 = by_service.values().map(|v| v.1).sum();
                out.summary = Some((t.dash_late_summary)(late_total, rows.len() as i64));
                let (mut labels, mut values) = (Vec::new(), Vec::new());
                for (name, (total, late)) in &by_service {
                    out.rows.push(vec![
                        name.clone(),
                        total.to_string(),
                        late.to_string(),
                        share(*late, *total),
                    ]);
                    labels.push(name.clone());
                    values.push(*late as f64);
                }
                out.chart = Some(Chart {
                    kind: ChartKind::HorizontalBar,
                    labels,
                    series: vec![(t.dash_late.into(), values)],
                });
            }
            "collections" => {
                let rows = analytics::collected(db, scope).await?;
                let mut by_service: BTreeMap<String, Vec<f64>> = BTreeMap::new();
                for r in &rows {
                    let waited = r
                        .ready_at
                        .map(|ready| (r.collected_at - ready).num_seconds() as f64 / 86400.0)
                        .unwrap_or(0.0);
                    by_service
                        .entry(service(&r.service, lang))
                        .or_default()
                        .push(waited);
                }
                out.headers = vec![
                    t.service.into(),
                    t.dash_collected.into(),
                    t.dash_median_days.into(),
                ];
                out.summary = Some((t.dash_total)(rows.len() as i64));
                let (mut labels, mut values) = (Vec::new(), Vec::new());
                for (name, mut days) in by_service {
                    days.sort_by(|a, b| a.total_cmp(b));
                    out.rows.push(vec![
                        name.clone(),
                        days.len().to_string(),
                        one_decimal(percentile(&days, 0.5).unwrap_or(0.0)),
                    ]);
                    labels.push(name);
                    values.push(days.len() as f64);
                }
                out.chart = Some(Chart {
                    kind: ChartKind::HorizontalBar,
                    labels,
                    series: vec![(t.dash_collected.into(), values)],
                });
            }
            "revenue" => {
                let rows = analytics::revenue(db, scope).await?;
                out.headers = vec![
                    t.service.into(),
                    t.dash_invoices.into(),
                    t.dash_revenue.into(),
                ];
                let total: i64 = rows.iter().map(|r| r.cents).sum();
                out.summary = Some((t.dash_revenue_summary)(&crate::money::format_kes(total)));
                let (mut labels, mut values) = (Vec::new(), Vec::new());
                for r in &rows {
                    let name = service(&r.service, lang);
                    out.rows.push(vec![
                        name.clone(),
                        r.invoices.to_string(),
                        crate::money::format_kes(r.cents),
                    ]);
                    labels.push(name);
                    values.push(r.cents as f64 / 100.0);
                }
                out.chart = Some(Chart {
                    kind: ChartKind::HorizontalBar,
                    labels,
                    series: vec![(t.dash_revenue.into(), values)],
                });
            }
            "payments" => {
                let counts = analytics::payment_outcomes(db, scope).await?;
                let count = |s: &str| {
                    counts
                        .iter()
                        .find(|(c, _)| c == s)
                        .map(|(_, n)| *n)
                        .unwrap_or(0)
                };
                let (paid, failed, pending) = (count("paid"), count("failed"), count("pending"));
                let all = paid + failed + pending;
                out.headers = vec![
                    t.dash_outcome.into(),
                    t.dash_requests.into(),
                    t.dash_share.into(),
                ];
                let outcomes = [("paid", paid), ("failed", failed), ("pending", pending)];
                for (code, n) in outcomes {
                    out.rows.push(vec![
                        (t.dash_payment_outcome)(code).to_string(),
                        n.to_string(),
                        share(n, all),
                    ]);
                }
                out.summary = Some((t.dash_failure_summary)(&share(failed, paid + failed)));
                out.chart = Some(Chart {
                    kind: ChartKind::Bar,
                    labels: outcomes
                        .iter()
                        .map(|(c, _)| (t.dash_payment_outcome)(c).to_string())
                        .collect(),
                    series: vec![(
                        t.dash_requests.into(),
                        outcomes.iter().map(|(_, n)| *n as f64).collect(),
                    )],
                });
            }
            "ratings" => {
                let rows = analytics::ratings(db, scope).await?;
                let mut by_service: BTreeMap<String, [i64; 5]> = BTreeMap::new();
                let mut all = [0i64; 5];
                for r in &rows {
                    let star = (r.rating.clamp(1, 5) - 1) as usize;
                    by_service.entry(service(&r.service, lang)).or_default()[star] += 1;
                    all[star] += 1;
                }
                out.headers = vec![
                    t.service.into(),
                    t.dash_ratings.into(),
                    t.dash_average.into(),
                    "1".into(),
                    "2".into(),
                    "3".into(),
                    "4".into(),
                    "5".into(),
                ];
                let average = |stars: &[i64; 5]| {
                    let n: i64 = stars.iter().sum();
                    let sum: i64 = stars
                        .iter()
                        .enumerate()
                        .map(|(i, c)| (i as i64 + 1) * c)
                        .sum();
                    (n > 0).then(|| sum as f64 / n as f64)
                };
                for (name, stars) in &by_service {
                    let mut row = vec![
                        name.clone(),
                        stars.iter().sum::<i64>().to_string(),
                        average(stars)
                            .map(|a| format!("{a:.2}"))
                            .unwrap_or_default(),
                    ];
                    row.extend(stars.iter().map(|c| c.to_string()));
                    out.rows.push(row);
                }
                out.summary = Some(match average(&all) {
                    Some(a) => (t.dash_rating_summary)(&format!("{a:.2}"), rows.len() as i64),
                    None => t.dash_no_ratings.to_string(),
                });
                out.chart = Some(Chart {
                    kind: ChartKind::Bar,
                    labels: (1..=5).map(|s| (t.dash_stars)(s)).collect(),
                    series: vec![(
                        t.dash_ratings.into(),
                        all.iter().map(|c| *c as f64).collect(),
                    )],
                });
            }
            _ => return Err(AppError::NotFound),
        }
        Ok(out)
    }

    #[cfg(test)]
    mod tests {
        use super::percentile;

        #[test]
        fn percentiles_are_nearest_rank() {
            let v = [1.0, 2.0, 3.0, 4.0];
            assert_eq!(percentile(&v, 0.5), Some(2.0));
            assert_eq!(percentile(&v, 0.9), Some(4.0));
            assert_eq!(percentile(&[7.0], 0.9), Some(7.0));
            assert_eq!(percentile(&[], 0.5), None);
            let ten: Vec<f64> = (1..=10).map(f64::from).collect();
            assert_eq!(percentile(&ten, 0.9), Some(9.0));
        }
    }
}

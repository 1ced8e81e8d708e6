//! One demo application's life, planned before anything is written: when it was sent and
//! paid, when an officer took it up, asked for more, decided, made it ready and saw it
//! collected; its visit to an office and the applicant's rating. Officers act in office
//! hours (Nairobi, Monday to Friday), applicants from morning to late evening. What would
//! happen after `now` has not happened yet, so recent applications are still on their way
//! and slow ones are overdue. Every move is one of `tracking::status::MOVES` (the writer
//! checks each again as it writes it).

use app::tracking::{Actor, Reason, Status};
use chrono::{DateTime, Datelike, Duration, FixedOffset, TimeZone, Timelike, Utc, Weekday};
use rand::Rng;

/// What the plan needs to know of a service.
#[derive(Clone, Copy, Debug)]
pub struct Facts {
    /// The longest the agency says it takes (`processing_days_max`).
    pub processing_days: i64,
    /// The application has something to pay.
    pub paid: bool,
    /// The document is collected from an office (a passport, a logbook).
    pub collects: bool,
    /// A visit the applicant books while it is processed (`appointments.purpose`).
    pub visit: Option<&'static str>,
}

/// One move.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    pub at: DateTime<Utc>,
    pub from: Status,
    pub to: Status,
    pub by: Actor,
    /// The applicant's answer to a request, or an officer's words beside a refusal (a
    /// request's words are chosen by the writer, which knows the questions).
    pub note: Option<&'static str>,
    pub reason: Option<Reason>,
}

/// A booked visit to an office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visit {
    pub purpose: &'static str,
    pub at: DateTime<Utc>,
    /// booked (still to come), attended or no_show.
    pub status: &'static str,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub sent_at: DateTime<Utc>,
    pub steps: Vec<Step>,
    /// An M-Pesa prompt the applicant cancelled before paying (or never paid after).
    pub cancelled_prompt: Option<DateTime<Utc>>,
    pub visit: Option<Visit>,
    /// (when, 1–5, comment).
    pub rating: Option<(DateTime<Utc>, i64, Option<&'static str>)>,
    /// An officer's internal note (when, words).
    pub staff_note: Option<(DateTime<Utc>, &'static str)>,
}

impl Plan {
    /// Where the application stands.
    pub fn status(&self) -> Status {
        self.steps.last().map_or(Status::Draft, |s| s.to)
    }

    /// When it was submitted (paid, or sent if free).
    pub fn submitted_at(&self) -> Option<DateTime<Utc>> {
        self.steps
            .iter()
            .find(|s| s.to == Status::Submitted)
            .map(|s| s.at)
    }
}

const ANSWERS_TO_REQUESTS: [&str; 5] = [
    "I have uploaded a clearer copy.",
    "Nimepakia nakala iliyo wazi zaidi.",
    "Uploaded again as asked. Thank you.",
    "I have corrected the details and attached the document.",
    "Nimesahihisha maelezo kama mlivyoomba.",
];

fn refusal(reason: Reason) -> &'static str {
    match reason {
        Reason::Incomplete => {
            "The application has no supporting letter from the employer, which this permit requires."
        }
        Reason::DocumentUnclear => {
            "The copy of the identity document cannot be read. Please apply again with a clear scan."
        }
        Reason::RecordsMismatch => {
            "The date of birth given does not match the civil registration record."
        }
        Reason::NotEligible => {
            "The applicant does not meet the conditions of this service at this time."
        }
        Reason::Duplicate => "An application for the same document is already being processed.",
        Reason::Other => "Refused after verification. Visit the office with your original documents.",
    }
}

const RATINGS_GOOD: [Option<&str>; 8] = [
    Some("Fast and clear. I did not have to queue."),
    Some("Huduma nzuri sana, asanteni."),
    Some("Got my SMS the day it was ready."),
    None,
    None,
    Some("Easy to follow even on my phone."),
    Some("Nilipata taarifa kila hatua. Vizuri."),
    None,
];
const RATINGS_POOR: [Option<&str>; 5] = [
    Some("It took longer than the days promised."),
    Some("Nilisubiri sana bila habari."),
    Some("I had to upload the same photo twice."),
    None,
    Some("The office was crowded on my collection day."),
];
const STAFF_NOTES: [&str; 5] = [
    "Called the applicant to confirm the date of birth; matches the registry.",
    "Checked the supporting letter with the issuing office.",
    "Photo acceptable after the second upload.",
    "Priority: applicant travelling for medical treatment.",
    "Compared with the previous passport record; details consistent.",
];

/// Plans an application of a service sent at `sent_at`. With `until`, the application
/// takes the path that ends in that status (the demo citizen's own applications); without,
/// its path is drawn (a few refused, some asked for more, some never paid) and cut at
/// `now`.
pub fn plan(
    facts: &Facts,
    sent_at: DateTime<Utc>,
    now: DateTime<Utc>,
    until: Option<Status>,
    rng: &mut impl Rng,
) -> Plan {
    let mut plan = Plan {
        sent_at,
        steps: Vec::new(),
        cancelled_prompt: None,
        visit: None,
        rating: None,
        staff_note: None,
    };
    walk(&mut plan, facts, until, rng);
    if until.is_some() {
        // A scripted path ends a little before now, whenever it started.
        if let Some(last) = plan.steps.last().map(|s| s.at) {
            let end = now - Duration::minutes(rng.random_range(90..4_000));
            if last > end {
                shift(&mut plan, end - last);
            }
        }
    }
    plan.steps.retain(|s| s.at <= now);
    let status = plan.status();
    let last = plan.steps.last().map_or(sent_at, |s| s.at);
    // Ratings of finished applications, given in the days after.
    let finished = matches!(status, Status::Collected | Status::Rejected)
        || (status == Status::Approved && !facts.collects);
    if finished && (until.is_some() || rng.random_bool(0.55)) {
        let at = last + Duration::minutes(rng.random_range(20..4_000));
        if at <= now {
            let late = plan
                .steps
                .iter()
                .find(|s| matches!(s.to, Status::Approved | Status::Rejected))
                .zip(plan.submitted_at())
                .is_some_and(|(d, s)| d.at - s > Duration::days(facts.processing_days));
            let (rating, comments): (i64, &[Option<&str>]) =
                if status == Status::Rejected || late || rng.random_bool(0.12) {
                    (rng.random_range(1..=3), &RATINGS_POOR)
                } else {
                    (rng.random_range(4..=5), &RATINGS_GOOD)
                };
            plan.rating = Some((at, rating, comments[rng.random_range(0..comments.len())]));
        }
    }
    if let Some(purpose) = facts.visit {
        plan_visit(&mut plan, purpose, now, rng);
    } else if status == Status::ReadyForCollection && rng.random_bool(0.4) {
        let at = slot(now + Duration::hours(rng.random_range(20..160)), rng);
        plan.visit = Some(Visit {
            purpose: "collection",
            at,
            status: "booked",
        });
    }
    if let Some(taken) = plan.steps.iter().find(|s| s.to == Status::Processing) {
        if rng.random_bool(0.12) {
            let at = taken.at + Duration::minutes(rng.random_range(10..240));
            if at <= now {
                plan.staff_note = Some((at, STAFF_NOTES[rng.random_range(0..STAFF_NOTES.len())]));
            }
        }
    }
    plan
}

/// Biometrics or a driving test, some days after submission: attended if its time has
/// passed (a few missed), booked if it is still to come and the application still waits
/// for it.
fn plan_visit(plan: &mut Plan, purpose: &'static str, now: DateTime<Utc>, rng: &mut impl Rng) {
    let Some(submitted) = plan.submitted_at() else {
        return;
    };
    let at = slot(submitted + Duration::hours(rng.random_range(30..240)), rng);
    let status = if at <= now {
        if rng.random_bool(0.93) {
            "attended"
        } else {
            "no_show"
        }
    } else if matches!(
        plan.status(),
        Status::Submitted | Status::Processing | Status::Resubmitted
    ) {
        "booked"
    } else {
        return;
    };
    plan.visit = Some(Visit {
        purpose,
        at,
        status,
    });
}

fn walk(plan: &mut Plan, facts: &Facts, until: Option<Status>, rng: &mut impl Rng) {
    let forced = until.is_some();
    let stop = |s: Status| until == Some(s);
    let mut t = plan.sent_at;
    let push = |plan: &mut Plan, at: DateTime<Utc>, from, to, by, note, reason| {
        let at = plan
            .steps
            .last()
            .map_or(at, |s| at.max(s.at + Duration::minutes(1)));
        plan.steps.push(Step {
            at,
            from,
            to,
            by,
            note,
            reason,
        });
        at
    };
    use Status::*;
    if facts.paid {
        t = push(plan, t, Draft, AwaitingPayment, Actor::Citizen, None, None);
        let abandoned = !forced && rng.random_bool(0.03);
        if stop(AwaitingPayment) || abandoned || rng.random_bool(0.08) {
            plan.cancelled_prompt = Some(t + Duration::seconds(rng.random_range(20..90)));
            t += Duration::minutes(rng.random_range(3..40));
        }
        if stop(AwaitingPayment) || abandoned {
            return;
        }
        t += Duration::seconds(rng.random_range(40..240));
        t = push(
            plan,
            t,
            AwaitingPayment,
            Submitted,
            Actor::System,
            None,
            None,
        );
    } else {
        t = push(plan, t, Draft, Submitted, Actor::Citizen, None, None);
    }
    if stop(Submitted) {
        return;
    }
    let submitted = t;
    t = office(t + Duration::minutes(rng.random_range(60..3_000)), rng);
    t = push(plan, t, Submitted, Processing, Actor::Officer, None, None);
    if stop(Processing) {
        return;
    }
    // Most are decided well within the promised time; a tenth take far longer.
    let pace = match rng.random_range(0..100) {
        0..70 => rng.random_range(0.2..0.85),
        70..90 => rng.random_range(0.85..1.1),
        _ => rng.random_range(1.15..2.2),
    };
    let mut decide = submitted
        + Duration::minutes((facts.processing_days as f64 * pace * 24.0 * 60.0) as i64)
        + Duration::hours(2);
    let mut from = Processing;
    let asked =
        matches!(until, Some(InfoRequested | Resubmitted)) || (!forced && rng.random_bool(0.14));
    if asked {
        let ask = office(t + (decide - t) * 2 / 5, rng);
        t = push(
            plan,
            ask,
            Processing,
            InfoRequested,
            Actor::Officer,
            None,
            None,
        );
        if stop(InfoRequested) || (!forced && rng.random_bool(0.08)) {
            return;
        }
        let answer = citizen(t + Duration::minutes(rng.random_range(240..7_000)), rng);
        let words = ANSWERS_TO_REQUESTS[rng.random_range(0..ANSWERS_TO_REQUESTS.len())];
        t = push(
            plan,
            answer,
            InfoRequested,
            Resubmitted,
            Actor::Citizen,
            Some(words),
            None,
        );
        if stop(Resubmitted) {
            return;
        }
        from = Resubmitted;
        if rng.random_bool(0.5) {
            t = office(t + Duration::minutes(rng.random_range(120..2_800)), rng);
            t = push(plan, t, Resubmitted, Processing, Actor::Officer, None, None);
            from = Processing;
        }
        decide = decide.max(t + Duration::minutes(rng.random_range(240..4_000)));
    }
    let refused = stop(Rejected)
        || (!matches!(until, Some(Approved | ReadyForCollection | Collected))
            && rng.random_bool(0.09));
    decide = office(decide, rng);
    if refused {
        let reason = Reason::ALL[rng.random_range(0..Reason::ALL.len())];
        push(
            plan,
            decide,
            from,
            Rejected,
            Actor::Officer,
            Some(refusal(reason)),
            Some(reason),
        );
        return;
    }
    t = push(plan, decide, from, Approved, Actor::Officer, None, None);
    if stop(Approved) || !facts.collects {
        return;
    }
    t = office(t + Duration::minutes(rng.random_range(600..7_000)), rng);
    t = push(
        plan,
        t,
        Approved,
        ReadyForCollection,
        Actor::Officer,
        None,
        None,
    );
    if stop(ReadyForCollection) || (!forced && rng.random_bool(0.1)) {
        return;
    }
    t = office(t + Duration::minutes(rng.random_range(1_400..28_000)), rng);
    push(
        plan,
        t,
        ReadyForCollection,
        Collected,
        Actor::Officer,
        None,
        None,
    );
}

fn shift(plan: &mut Plan, by: Duration) {
    plan.sent_at += by;
    for step in &mut plan.steps {
        step.at += by;
    }
    if let Some(at) = &mut plan.cancelled_prompt {
        *at += by;
    }
}

fn nairobi() -> FixedOffset {
    FixedOffset::east_opt(3 * 3600).expect("valid offset")
}

/// `at`, or the next moment offices are open (08:00–17:00 Nairobi, Monday to Friday).
pub fn office(at: DateTime<Utc>, rng: &mut impl Rng) -> DateTime<Utc> {
    let local = at.with_timezone(&nairobi());
    let weekend = matches!(local.weekday(), Weekday::Sat | Weekday::Sun);
    if !weekend && (8..17).contains(&local.hour()) {
        return at;
    }
    let mut day = local.date_naive();
    if local.hour() >= 17 || weekend {
        day = day.succ_opt().unwrap_or(day);
    }
    while matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
        day = day.succ_opt().unwrap_or(day);
    }
    let opening =
        day.and_hms_opt(8, 0, 0).expect("valid time") + Duration::minutes(rng.random_range(0..150));
    nairobi()
        .from_local_datetime(&opening)
        .single()
        .map_or(at, |t| t.with_timezone(&Utc))
}

/// `at`, or the next morning if it falls in the night (people apply from 06:00 to 23:00).
pub fn citizen(at: DateTime<Utc>, rng: &mut impl Rng) -> DateTime<Utc> {
    let local = at.with_timezone(&nairobi());
    if (6..23).contains(&local.hour()) {
        return at;
    }
    let day = if local.hour() >= 23 {
        local.date_naive().succ_opt().unwrap_or(local.date_naive())
    } else {
        local.date_naive()
    };
    let morning =
        day.and_hms_opt(6, 0, 0).expect("valid time") + Duration::minutes(rng.random_range(0..240));
    nairobi()
        .from_local_datetime(&morning)
        .single()
        .map_or(at, |t| t.with_timezone(&Utc))
}

/// A half-hour slot in office hours on or after `at` (08:00 to 15:30 starts).
pub fn slot(at: DateTime<Utc>, rng: &mut impl Rng) -> DateTime<Utc> {
    let open = office(at, rng).with_timezone(&nairobi());
    let hour = open.hour().min(15);
    let minute = if open.hour() >= 15 {
        30
    } else {
        (open.minute() / 30) * 30
    };
    let start = open
        .date_naive()
        .and_hms_opt(hour, minute, 0)
        .expect("valid time");
    nairobi()
        .from_local_datetime(&start)
        .single()
        .map_or(at, |t| t.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn facts(paid: bool, collects: bool) -> Facts {
        Facts {
            processing_days: 15,
            paid,
            collects,
            visit: collects.then_some("biometrics"),
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 7, 9, 0, 0).unwrap()
    }

    /// Every planned move is allowed, by the right actor, in time order, none after now,
    /// and officers move only in office hours.
    #[test]
    fn plans_follow_the_status_table() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(3);
        for i in 0..3_000 {
            let f = facts(i % 3 != 0, i % 2 == 0);
            let sent = now() - Duration::minutes(rng.random_range(10..180_000));
            let p = plan(&f, sent, now(), None, &mut rng);
            let mut last = None;
            for step in &p.steps {
                app::tracking::status::check(
                    step.from,
                    step.to,
                    step.by,
                    step.note.is_some() || step.to == Status::InfoRequested,
                    step.to == Status::ReadyForCollection,
                )
                .unwrap_or_else(|e| panic!("{step:?}: {e}"));
                assert!(step.at <= now());
                assert!(last.is_none_or(|l| step.at > l), "{:?}", p.steps);
                last = Some(step.at);
                if step.by == Actor::Officer {
                    let local = step.at.with_timezone(&nairobi());
                    assert!((8..17).contains(&local.hour()), "{step:?}");
                    assert!(!matches!(local.weekday(), Weekday::Sat | Weekday::Sun));
                }
            }
            if let Some(visit) = &p.visit {
                assert_eq!(visit.status == "booked", visit.at > now(), "{visit:?}");
            }
        }
    }

    /// Drawn paths reach every status, and some open ones are past their due date.
    #[test]
    fn many_plans_cover_every_status() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(5);
        let mut seen = std::collections::HashSet::new();
        let mut overdue = 0;
        for i in 0..2_000 {
            let f = facts(true, i % 2 == 0);
            let sent = now() - Duration::minutes(rng.random_range(10..170_000));
            let p = plan(&f, sent, now(), None, &mut rng);
            let status = p.status();
            seen.insert(status);
            let open = matches!(
                status,
                Status::Submitted
                    | Status::Processing
                    | Status::InfoRequested
                    | Status::Resubmitted
            );
            if open
                && p.submitted_at()
                    .is_some_and(|s| now() - s > Duration::days(15))
            {
                overdue += 1;
            }
        }
        for s in [
            Status::AwaitingPayment,
            Status::Submitted,
            Status::Processing,
            Status::InfoRequested,
            Status::Resubmitted,
            Status::Approved,
            Status::Rejected,
            Status::ReadyForCollection,
            Status::Collected,
        ] {
            assert!(seen.contains(&s), "no application ends {s:?}");
        }
        assert!(overdue > 10, "{overdue} overdue");
    }

    /// A scripted path ends where it was told to, before now.
    #[test]
    fn scripted_plans_end_where_asked() {
        let mut rng = rand::rngs::StdRng::seed_from_u64(9);
        for until in [
            Status::AwaitingPayment,
            Status::Submitted,
            Status::Processing,
            Status::InfoRequested,
            Status::Approved,
            Status::Rejected,
            Status::ReadyForCollection,
            Status::Collected,
        ] {
            let p = plan(&facts(true, true), now(), now(), Some(until), &mut rng);
            assert_eq!(p.status(), until);
            assert!(p.steps.iter().all(|s| s.at < now()));
        }
    }
}

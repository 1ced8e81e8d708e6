//! Server functions, grouped by domain. They are public HTTP endpoints: each checks what the
//! caller may do before it does anything (the catalogue is public, so it checks input only).

pub mod accounts;
pub mod admin;
pub mod applications;
pub mod appointments;
pub mod catalogue;
pub mod documents;
pub mod notifications;
pub mod payments;
pub mod service_status;
pub mod staff;
pub mod support;
pub mod tracking;

/// Nairobi is UTC+3 all year (no daylight saving): how times are shown.
#[cfg(feature = "ssr")]
pub(crate) fn nairobi(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&nairobi_offset())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Today in Nairobi: the day form rules count from.
#[cfg(feature = "ssr")]
pub(crate) fn nairobi_today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&nairobi_offset())
        .date_naive()
}

/// The day (Nairobi) `days` after `t`, as "2026-12-01".
#[cfg(feature = "ssr")]
pub(crate) fn nairobi_offset_date(t: chrono::DateTime<chrono::Utc>, days: i64) -> String {
    (t + chrono::Duration::days(days))
        .with_timezone(&nairobi_offset())
        .format("%Y-%m-%d")
        .to_string()
}

#[cfg(feature = "ssr")]
fn nairobi_offset() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(3 * 3600).expect("valid offset")
}

//! How the server writes times and people's names on pages, messages and documents. Every
//! layer uses these (data, notify, documents, payments, the server functions), so they live
//! below all of them rather than in `api`.

/// Nairobi is UTC+3 all year (no daylight saving): how times are shown.
pub fn nairobi(t: chrono::DateTime<chrono::Utc>) -> String {
    t.with_timezone(&nairobi_offset())
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Today in Nairobi: the day form rules count from.
pub fn nairobi_today() -> chrono::NaiveDate {
    chrono::Utc::now()
        .with_timezone(&nairobi_offset())
        .date_naive()
}

/// The day (Nairobi) `days` after `t`, as "2026-12-01".
pub fn nairobi_offset_date(t: chrono::DateTime<chrono::Utc>, days: i64) -> String {
    (t + chrono::Duration::days(days))
        .with_timezone(&nairobi_offset())
        .format("%Y-%m-%d")
        .to_string()
}

fn nairobi_offset() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(3 * 3600).expect("valid offset")
}

/// A person's name as staff pages, timelines and certificates show it.
pub fn person_name(first: &str, last: Option<&str>) -> String {
    match last {
        Some(last) if !last.is_empty() => format!("{first} {last}"),
        _ => first.to_string(),
    }
}

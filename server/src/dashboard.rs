//! `GET /staff/dashboard/<table>.svg` and `.csv`: one dashboard table's chart, drawn on the
//! server (readable without JavaScript, a few kilobytes), and its figures as CSV. The same
//! checks and the same figures as the page (`app::api::staff::dashboard`).

mod charts;

use app::api::staff::{access, dashboard};
use app::state::AppState;
use axum::{
    extract::{Path, Query, State},
    http::{header, request::Parts, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;
use tower_sessions::Session;

#[derive(Deserialize, Default)]
pub struct Filters {
    #[serde(default)]
    agency: String,
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

pub async fn file(
    State(state): State<AppState>,
    session: Session,
    Path(name): Path<String>,
    Query(filters): Query<Filters>,
    parts: Parts,
) -> Response {
    let not_found = || (StatusCode::NOT_FOUND, "Not found").into_response();
    let Some((key, ext)) = name.rsplit_once('.') else {
        return not_found();
    };
    if !dashboard::server::TABLES.contains(&key) || !matches!(ext, "svg" | "csv") {
        return not_found();
    }
    let staff = match access::staff_of_session(&state.db, &session).await {
        Ok(staff) => staff,
        Err(app::error::AppError::Unauthorized) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(_) => return StatusCode::FORBIDDEN.into_response(),
    };
    let agency = match dashboard::server::scope_agency(&state.db, &staff, &filters.agency).await {
        Ok((agency, _)) => agency,
        Err(_) => return StatusCode::FORBIDDEN.into_response(),
    };
    let Ok((from, to)) = dashboard::server::range(&filters.from, &filters.to) else {
        return (StatusCode::BAD_REQUEST, "Bad date range").into_response();
    };
    let lang = app::i18n::Lang::from_headers(&parts.headers);
    let scope = dashboard::server::scope(agency.as_ref().map(|a| a.id), from, to);
    let table =
        match dashboard::server::table(&state.db, &scope, lang, key, chrono::Utc::now()).await {
            Ok(table) => table,
            Err(e) => {
                tracing::error!(error = %e, "dashboard table failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
    let mut response = match ext {
        "csv" => csv(&table, key, &from.to_string(), &to.to_string()),
        _ => svg(&table),
    };
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    response
}

fn csv(table: &app::model::DashTable, key: &str, from: &str, to: &str) -> Response {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let written = writer.write_record(&table.headers).and_then(|()| {
        table
            .rows
            .iter()
            .try_for_each(|row| writer.write_record(row))
    });
    let bytes = match (written, writer.into_inner()) {
        (Ok(()), Ok(bytes)) => bytes,
        _ => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"uraia-{key}-{from}-to-{to}.csv\""
    )) {
        headers.insert(header::CONTENT_DISPOSITION, v);
    }
    response
}

fn svg(table: &app::model::DashTable) -> Response {
    let Some(chart) = &table.chart else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let body = match charts::render(chart) {
        Ok(body) => body,
        Err(e) => {
            tracing::error!(error = %e, "chart failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("image/svg+xml"),
    );
    // An image: no scripts, nothing fetched; its presentation is its own.
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    response
}

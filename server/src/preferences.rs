//! Preferences a person sets with a plain link, so they work without JavaScript: each
//! remembers the choice in a cookie and goes back to the page (`next`, same site only).
//! - `/language?to=sw&next=/path`: the language.
//! - `/lite?on=1&next=/path`: lite mode (pages without scripts, to save data).

use app::i18n::{Lang, LANG_COOKIE};
use app::lite::LITE_COOKIE;
use app::paths::local_path;
use axum::{
    extract::Query,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LanguageChoice {
    to: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize)]
pub struct LiteChoice {
    on: Option<String>,
    next: Option<String>,
}

pub async fn language(Query(q): Query<LanguageChoice>) -> Response {
    let lang =
        q.to.as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default();
    remember_and_return(LANG_COOKIE, lang.code(), q.next.as_deref())
}

pub async fn lite(Query(q): Query<LiteChoice>) -> Response {
    let on = if q.on.as_deref() == Some("1") {
        "1"
    } else {
        "0"
    };
    remember_and_return(LITE_COOKIE, on, q.next.as_deref())
}

/// 303 back to `next` (or home), setting a year-long cookie `name=value`.
fn remember_and_return(name: &str, value: &str, next: Option<&str>) -> Response {
    let next = next.and_then(local_path).unwrap_or("/");
    let cookie = format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax");
    let mut res = StatusCode::SEE_OTHER.into_response();
    let headers = res.headers_mut();
    if let (Ok(location), Ok(cookie)) =
        (HeaderValue::from_str(next), HeaderValue::from_str(&cookie))
    {
        headers.insert(header::LOCATION, location);
        headers.insert(header::SET_COOKIE, cookie);
    } else {
        headers.insert(header::LOCATION, HeaderValue::from_static("/"));
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

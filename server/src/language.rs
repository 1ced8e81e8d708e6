//! `/language?to=sw&next=/path`: remembers the chosen language in a cookie and goes back to
//! the page. A plain link, so it works without JavaScript.

use app::i18n::{Lang, LANG_COOKIE};
use app::paths::local_path;
use axum::{
    extract::Query,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Switch {
    to: Option<String>,
    next: Option<String>,
}

pub async fn switch(Query(q): Query<Switch>) -> Response {
    let lang =
        q.to.as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default();
    let next = q.next.as_deref().and_then(local_path).unwrap_or("/");
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    );
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

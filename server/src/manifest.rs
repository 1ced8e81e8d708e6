//! The web app manifest that makes the portal installable, one per language
//! (`/manifest/en.webmanifest`, `/manifest/sw.webmanifest`): each page links the one in its
//! own language, so the installed app is named in the language the person reads.
//! The icons are in `public/icons` (made by scripts/make-icons.py).

use app::i18n::Lang;
use app::THEME_COLOUR;
use axum::{
    extract::Path,
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Json,
};
use serde_json::{json, Value};

pub async fn manifest(Path(file): Path<String>) -> Response {
    let Some(lang) = file.strip_suffix(".webmanifest").and_then(Lang::from_code) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let mut response = Json(document(lang)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/manifest+json"),
    );
    // Changes with a release only; an hour keeps a slow phone from fetching it on every page.
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=3600"),
    );
    response
}

pub fn document(lang: Lang) -> Value {
    let o = lang.offline();
    let icon = |src: &str, size: u32, purpose: &str| json!({ "src": src, "sizes": format!("{size}x{size}"), "type": "image/png", "purpose": purpose });
    let shortcut_icon = [icon("/icons/icon-96.png", 96, "any")];
    json!({
        "id": "/",
        "name": o.app_name,
        "short_name": o.app_short_name,
        "description": o.app_description,
        "lang": lang.code(),
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "categories": ["government", "utilities"],
        "icons": [
            icon("/icons/icon-192.png", 192, "any"),
            icon("/icons/icon-512.png", 512, "any"),
            icon("/icons/maskable-192.png", 192, "maskable"),
            icon("/icons/maskable-512.png", 512, "maskable"),
        ],
        "shortcuts": [
            {
                "name": o.shortcut_track,
                "short_name": o.shortcut_track_short,
                "url": "/track",
                "icons": shortcut_icon,
            },
            {
                "name": o.shortcut_applications,
                "short_name": o.shortcut_applications_short,
                "url": "/applications",
                "icons": shortcut_icon,
            },
        ],
    })
}

//! Pages as valid HTML, and no hydration data where nothing hydrates
//! (docs/decisions/0018-islands.md). Two things Leptos writes are fixed here:
//! - it separates adjacent text nodes and marks empty places with `<!>`, which browsers read
//!   as an empty comment but HTML calls a parse error ("bogus comment"): each becomes
//!   `<!---->`, the same empty comment node in the DOM, so hydration sees what it expects;
//! - it appends the hydration data's scripts (`__RESOLVED_RESOURCES=…`) after `</html>`,
//!   where no element may be: on a page that hydrates islands they move to the end of the
//!   body (the wasm reads them), on any other page they are dropped.
//!
//! Pages render completely before they are sent (`SsrMode::Async`), so reading the body
//! whole here delays nothing; event streams and files pass untouched.

use axum::{
    body::{to_bytes, Body},
    extract::Request,
    http::header,
    middleware::Next,
    response::Response,
};

/// No page comes near this; a body that did would be sent as it is, not cut.
const MAX_PAGE: usize = 16 * 1024 * 1024;

pub async fn valid_comments(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"));
    if !is_html || response.headers().contains_key(header::CONTENT_ENCODING) {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_PAGE).await else {
        // Failed while rendering: nothing sensible is left to send.
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    };
    // Pages are UTF-8; anything else is passed on as it came.
    let fixed = match std::str::from_utf8(&bytes) {
        Ok(page) => Body::from(tidy(page)),
        Err(_) => Body::from(bytes),
    };
    parts.headers.remove(header::CONTENT_LENGTH);
    Response::from_parts(parts, fixed)
}

/// A rendered page made valid: see the module's comment.
pub fn tidy(page: &str) -> String {
    let page = replace_bogus_comments(page);
    let Some(end) = page.rfind("</html>").map(|at| at + "</html>".len()) else {
        return page;
    };
    let (document, after) = page.split_at(end);
    if after.is_empty() {
        return page;
    }
    match document.rfind("</body>") {
        Some(body_end) if document.contains(ISLAND_LOADER) => {
            let (body, rest) = document.split_at(body_end);
            [body, after, rest].concat()
        }
        _ => document.to_string(),
    }
}

/// What only a page that hydrates islands carries: the preload of the app's script
/// (app/src/islands.rs).
const ISLAND_LOADER: &str = r#"rel="modulepreload""#;

/// `<!>` → `<!---->`, everywhere in the markup. Text and attribute values cannot hold a
/// raw `<!>`: Leptos escapes `<` in text, and attribute values would only be changed to
/// an equally harmless string.
pub fn replace_bogus_comments(page: &str) -> String {
    page.replace("<!>", "<!---->")
}

#[cfg(test)]
mod tests {
    use super::{replace_bogus_comments, tidy};

    #[test]
    fn every_bogus_comment_becomes_an_empty_one() {
        let page = "<p>a<!>b</p><!><div><!-- x --></div>";
        assert_eq!(
            replace_bogus_comments(page),
            "<p>a<!---->b</p><!----><div><!-- x --></div>"
        );
    }

    #[test]
    fn a_page_without_them_is_unchanged() {
        let page = "<!DOCTYPE html><html lang=\"en\"><body><!-- ok --></body></html>";
        assert_eq!(replace_bogus_comments(page), page);
    }

    const DATA: &str = "<script>__RESOLVED_RESOURCES=[];</script>";

    #[test]
    fn hydration_data_moves_into_the_body_of_a_page_with_islands() {
        let page = format!(
            "<html><head><link rel=\"modulepreload\" href=\"/pkg/a.js\"></head>\
             <body><leptos-island></leptos-island></body></html>{DATA}"
        );
        let tidied = tidy(&page);
        assert!(
            tidied.ends_with(&format!("{DATA}</body></html>")),
            "{tidied}"
        );
    }

    #[test]
    fn hydration_data_is_dropped_from_a_page_without() {
        let page = format!("<html><body><p>Hello</p><!></body></html><!>{DATA}");
        let tidied = tidy(&page);
        assert_eq!(tidied, "<html><body><p>Hello</p><!----></body></html>");
    }
}

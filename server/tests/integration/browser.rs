//! A browser stand-in for the integration tests: keeps the session cookie, posts forms the
//! way a browser does with JavaScript off (Accept: text/html, same-origin headers), and
//! reads the codes the local sink delivered.

use crate::support::{Response, TestApp};
use axum::body::Body;
use axum::http::Request;

pub const HOST: &str = "uraia.test";

pub struct Browser<'a> {
    pub app: &'a TestApp,
    /// name → value, as a browser's cookie jar for this one site.
    pub cookies: std::collections::BTreeMap<String, String>,
    pub ip: [u8; 4],
    /// When set, the browser connects over IPv6 from this address instead of `ip`.
    pub ipv6: Option<std::net::Ipv6Addr>,
}

impl<'a> Browser<'a> {
    pub fn new(app: &'a TestApp) -> Browser<'a> {
        Browser {
            app,
            cookies: Default::default(),
            ip: [10, 0, 0, 1],
            ipv6: None,
        }
    }

    fn keep_cookie(&mut self, response: &Response) {
        for value in response.headers.get_all("set-cookie") {
            let value = value.to_str().unwrap_or_default();
            let pair = value.split(';').next().unwrap_or_default();
            if let Some((name, v)) = pair.split_once('=') {
                if value.contains("Max-Age=0") || v.is_empty() {
                    self.cookies.remove(name);
                } else {
                    self.cookies.insert(name.to_string(), v.to_string());
                }
            }
        }
    }

    pub fn request(&self, method: &str, uri: &str) -> axum::http::request::Builder {
        let mut req = Request::builder()
            .method(method)
            .uri(uri)
            .header("host", HOST)
            .header(
                "user-agent",
                "Mozilla/5.0 (Linux; Android 13) Chrome/120.0 Mobile",
            )
            .extension(axum::extract::ConnectInfo(std::net::SocketAddr::from((
                self.ipv6
                    .map_or(std::net::IpAddr::from(self.ip), std::net::IpAddr::from),
                40000,
            ))));
        if !self.cookies.is_empty() {
            let header: Vec<String> = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            req = req.header("cookie", header.join("; "));
        }
        req
    }

    pub async fn get(&mut self, uri: &str) -> Response {
        let req = self
            .request("GET", uri)
            .header("accept", "text/html")
            .body(Body::empty())
            .unwrap();
        let res = self.app.send(req).await;
        self.keep_cookie(&res);
        res
    }

    /// A GET server function called as the hydrated app calls it (the JSON answer).
    pub async fn get_json(&mut self, uri: &str) -> Response {
        let req = self
            .request("GET", uri)
            .header("accept", "*/*")
            .body(Body::empty())
            .unwrap();
        let res = self.app.send(req).await;
        self.keep_cookie(&res);
        res
    }

    /// Posts a URL-encoded form as a plain HTML form would, from page `from`.
    pub async fn post_form(&mut self, uri: &str, from: &str, fields: &[(&str, &str)]) -> Response {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let req = self
            .request("POST", uri)
            .header("accept", "text/html")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", format!("http://{HOST}"))
            .header("sec-fetch-site", "same-origin")
            .header("referer", format!("http://{HOST}{from}"))
            .body(Body::from(body))
            .unwrap();
        let res = self.app.send(req).await;
        self.keep_cookie(&res);
        res
    }

    /// Calls a server function as the hydrated app does (fetch, not a page load): the
    /// answer is the function's own result, not a redirect.
    pub async fn call(&mut self, uri: &str, fields: &[(&str, &str)]) -> Response {
        let body = serde_urlencoded::to_string(fields).unwrap();
        let req = self
            .request("POST", uri)
            .header("accept", "*/*")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("origin", format!("http://{HOST}"))
            .header("sec-fetch-site", "same-origin")
            .body(Body::from(body))
            .unwrap();
        let res = self.app.send(req).await;
        self.keep_cookie(&res);
        res
    }

    /// Posts a multipart form (text fields and optionally one file).
    pub async fn post_multipart(
        &mut self,
        uri: &str,
        from: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, Vec<u8>)>,
    ) -> Response {
        self.multipart(uri, from, "text/html", fields, file).await
    }

    /// A multipart server-function call as the hydrated app makes it (the JSON answer).
    pub async fn call_multipart(
        &mut self,
        uri: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, Vec<u8>)>,
    ) -> Response {
        self.multipart(uri, "/", "*/*", fields, file).await
    }

    async fn multipart(
        &mut self,
        uri: &str,
        from: &str,
        accept: &str,
        fields: &[(&str, &str)],
        file: Option<(&str, &str, Vec<u8>)>,
    ) -> Response {
        let boundary = "----uraiatestboundary";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        }
        if let Some((name, filename, bytes)) = file {
            body.extend(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .as_bytes(),
            );
            body.extend(bytes);
            body.extend(b"\r\n");
        }
        body.extend(format!("--{boundary}--\r\n").as_bytes());
        let req = self
            .request("POST", uri)
            .header("accept", accept)
            .header(
                "content-type",
                format!("multipart/form-data; boundary={boundary}"),
            )
            .header("origin", format!("http://{HOST}"))
            .header("sec-fetch-site", "same-origin")
            .header("referer", format!("http://{HOST}{from}"))
            .body(Body::from(body))
            .unwrap();
        let res = self.app.send(req).await;
        self.keep_cookie(&res);
        res
    }

    /// Follows a redirect answer with a GET, returning the page.
    pub async fn follow(&mut self, response: &Response) -> Response {
        let location = response
            .header("location")
            .unwrap_or_else(|| {
                panic!(
                    "expected a redirect, got {}: {}",
                    response.status,
                    response.text()
                )
            })
            .to_string();
        self.follow_location(&location).await
    }

    /// Opens a `Location` the app sent (absolute on this host, or a path).
    pub async fn follow_location(&mut self, location: &str) -> Response {
        let path = location
            .strip_prefix(&format!("http://{HOST}"))
            .unwrap_or(location)
            .to_string();
        self.get(&path).await
    }
}

/// Delivers the outbox through the local sink and returns the newest code sent to `to`.
pub async fn latest_code(app: &TestApp, to: &str) -> String {
    uraia_server::delivery::deliver_due(&app.db, &uraia_server::delivery::Channels::local(&app.db))
        .await
        .expect("outbox delivers");
    let messages = app::data::outbox::dev_mailbox(&app.db, Some(to), 1)
        .await
        .expect("mailbox reads");
    let body = &messages
        .first()
        .unwrap_or_else(|| panic!("no message to {to}"))
        .body;
    let digits: Vec<char> = body.chars().collect();
    digits
        .windows(6)
        .find(|w| w.iter().all(char::is_ascii_digit))
        .map(|w| w.iter().collect())
        .unwrap_or_else(|| panic!("no code in: {body}"))
}

/// A photo-like PNG of the given size.
pub fn png(width: u32, height: u32) -> Vec<u8> {
    let img = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 200) as u8, (y % 200) as u8, 120])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

/// Moves every code's creation back two minutes, past the one-minute resend limit, so the
/// next sign-in sends a fresh code.
pub async fn shift_codes(app: &TestApp) {
    let past = chrono::Utc::now() - chrono::Duration::minutes(2);
    app::with_pool!(&app.db, |pool| sqlx::query(
        "UPDATE one_time_codes SET created_at = $1"
    )
    .bind(past)
    .execute(pool)
    .await
    .map(|_| ()))
    .unwrap();
}

/// A browser signed in with a password and the SMS code sent to `phone` (optionally
/// remembering the device).
pub async fn signed_in<'a>(
    app: &'a TestApp,
    identifier: &str,
    password: &str,
    phone: &str,
    remember: bool,
) -> Browser<'a> {
    signed_in_on(app, identifier, password, phone, remember, false).await
}

/// The same, saying whether this is a shared computer (the sign-in page's checkbox).
pub async fn signed_in_on<'a>(
    app: &'a TestApp,
    identifier: &str,
    password: &str,
    phone: &str,
    remember: bool,
    shared: bool,
) -> Browser<'a> {
    shift_codes(app).await;
    let mut b = Browser::new(app);
    let mut fields = vec![("identifier", identifier), ("password", password)];
    if shared {
        fields.push(("shared", "1"));
    }
    let res = b
        .post_form("/api/accounts/sign-in", "/sign-in", &fields)
        .await;
    assert_eq!(
        res.header("location"),
        Some("/sign-in/code"),
        "{}",
        res.text()
    );
    let code = latest_code(app, phone).await;
    let mut fields = vec![("code", code.as_str())];
    if remember {
        fields.push(("remember", "1"));
    }
    let res = b
        .post_form("/api/accounts/sign-in-code", "/sign-in/code", &fields)
        .await;
    assert_eq!(res.header("location"), Some("/account"), "{}", res.text());
    b
}

/// The demo citizen, signed in.
pub async fn citizen(app: &TestApp) -> Browser<'_> {
    signed_in(
        app,
        "wanjiku@example.com",
        "demo citizen passphrase",
        "+254712000001",
        false,
    )
    .await
}

/// The demo officer, signed in.
pub async fn officer(app: &TestApp) -> Browser<'_> {
    signed_in(
        app,
        "otieno@example.com",
        "demo officer passphrase",
        "+254712000002",
        false,
    )
    .await
}

/// The demo administrator, signed in.
pub async fn administrator(app: &TestApp) -> Browser<'_> {
    signed_in(
        app,
        "amani@example.com",
        "demo administrator passphrase",
        "+254712000003",
        false,
    )
    .await
}

/// "Confirm it's you" with the password, as changes to how a person signs in need; comes
/// back to `next`.
pub async fn confirm_it_is_you(b: &mut Browser<'_>, password: &str, next: &str) {
    let from = app::paths::confirm_then(next);
    let res = b
        .post_form(
            "/api/accounts/confirm-password",
            &from,
            &[("password", password), ("next", next)],
        )
        .await;
    assert_eq!(res.header("location"), Some(next), "{}", res.text());
}

/// Moves every session's "Confirm it's you" back past its window, as if it was long ago.
pub async fn age_confirmations(app: &TestApp) {
    use app::auth::recent::{CONFIRMED, WINDOW_MINUTES};
    let rows: Vec<(String, String)> = app::with_pool!(&app.db, |pool| sqlx::query_as(
        "SELECT id, data FROM sessions"
    )
    .fetch_all(pool)
    .await)
    .unwrap();
    let long_ago = chrono::Utc::now() - chrono::Duration::minutes(WINDOW_MINUTES + 1);
    for (id, data) in rows {
        let mut data: serde_json::Value = serde_json::from_str(&data).unwrap();
        let Some(confirmed) = data.get_mut(CONFIRMED) else {
            continue;
        };
        confirmed["at"] = serde_json::json!(long_ago);
        app::with_pool!(&app.db, |pool| sqlx::query(
            "UPDATE sessions SET data = $1 WHERE id = $2"
        )
        .bind(data.to_string())
        .bind(&id)
        .execute(pool)
        .await
        .map(|_| ()))
        .unwrap();
    }
}

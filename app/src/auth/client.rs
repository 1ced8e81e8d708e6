//! Who is calling, as far as the server can tell: the client's address (for rate limits
//! and the activity log) and a short description of the device (for the activity log).

use std::net::{IpAddr, SocketAddr};

#[derive(Clone, Debug, Default)]
pub struct Client {
    pub ip: Option<IpAddr>,
    /// "Chrome on Android", "Firefox on Windows" … never the raw User-Agent.
    pub device: String,
}

impl Client {
    /// Reads the address from the socket, or from `X-Forwarded-For` when the server runs
    /// behind a proxy it trusts (`URAIA_TRUST_PROXY`): then the last hop the proxy added.
    pub fn from_parts(parts: &http::request::Parts, trust_proxy: bool) -> Client {
        let forwarded = trust_proxy
            .then(|| parts.headers.get("x-forwarded-for"))
            .flatten()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|ip| ip.trim().parse::<IpAddr>().ok());
        let socket = parts
            .extensions
            .get::<axum::extract::ConnectInfo<SocketAddr>>()
            .map(|c| c.0.ip());
        let device = parts
            .headers
            .get(http::header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(describe_device)
            .unwrap_or_else(|| "Unknown device".to_string());
        Client {
            ip: forwarded.or(socket),
            device,
        }
    }

    /// The key for per-address rate limits (all unknown addresses share one).
    pub fn rate_key(&self) -> IpAddr {
        self.ip.unwrap_or(IpAddr::from([0, 0, 0, 0]))
    }
}

/// Turns a User-Agent into "Browser on System".
pub fn describe_device(agent: &str) -> String {
    let browser = if agent.contains("Edg/") {
        "Edge"
    } else if agent.contains("OPR/") || agent.contains("Opera") {
        "Opera"
    } else if agent.contains("SamsungBrowser") {
        "Samsung Internet"
    } else if agent.contains("Firefox/") {
        "Firefox"
    } else if agent.contains("Chrome/") || agent.contains("Chromium/") {
        "Chrome"
    } else if agent.contains("Safari/") {
        "Safari"
    } else {
        "A browser"
    };
    let system = if agent.contains("Android") {
        "Android"
    } else if agent.contains("iPhone") || agent.contains("iPad") {
        "iOS"
    } else if agent.contains("Windows") {
        "Windows"
    } else if agent.contains("Mac OS X") || agent.contains("Macintosh") {
        "macOS"
    } else if agent.contains("CrOS") {
        "ChromeOS"
    } else if agent.contains("Linux") {
        "Linux"
    } else {
        "an unknown system"
    };
    format!("{browser} on {system}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36", "Chrome on Android")]
    #[case("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    #[case(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0",
        "Firefox on Windows"
    )]
    #[case("curl/8.0", "A browser on an unknown system")]
    fn devices(#[case] agent: &str, #[case] expected: &str) {
        assert_eq!(describe_device(agent), expected);
    }
}

//! Who is calling, as far as the server can tell: the client's address (for rate limits
//! and the activity log) and a short description of the device (for the activity log).

use std::net::{IpAddr, Ipv6Addr, SocketAddr};

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

    /// The key for per-address rate limits (all unknown addresses share one): see
    /// [`rate_key`].
    pub fn rate_key(&self) -> IpAddr {
        rate_key(self.ip.unwrap_or(IpAddr::from([0, 0, 0, 0])))
    }
}

/// What a per-address limit counts against: an IPv4 address as it is (one address is what a
/// subscriber gets), an IPv6 address as its /64 prefix (one subscriber's network: a phone or
/// home router hands itself any of its 2^64 addresses, so keying on the whole address would
/// give an attacker a fresh limit for every request). An IPv4 address written as IPv6
/// (`::ffff:a.b.c.d`, as a dual-stack listener reports it) is that IPv4 address.
pub fn rate_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V4(v4) => IpAddr::V4(v4),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(Ipv6Addr::from(u128::from(v6) & !u128::from(u64::MAX))),
        },
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

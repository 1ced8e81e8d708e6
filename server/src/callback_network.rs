//! Where third parties' callbacks may come from: M-Pesa (`DARAJA_ALLOWED_NETWORKS`) and the
//! feature-phone gateway (`AT_ALLOWED_NETWORKS`). Checked after the token, so a caller
//! without the token still learns nothing; an empty list allows any address.

use ipnet::IpNet;

/// Whether the caller of this request is on one of `networks` (any, when there are none).
/// The address is the socket's, or behind a trusted proxy the one it forwarded.
pub fn allowed(parts: &http::request::Parts, networks: &[IpNet], trust_proxy: bool) -> bool {
    if networks.is_empty() {
        return true;
    }
    let client = app::auth::client::Client::from_parts(parts, trust_proxy);
    client
        .ip
        // An IPv4 caller on a dual-stack socket arrives as ::ffff:a.b.c.d.
        .map(|ip| ip.to_canonical())
        .is_some_and(|ip| networks.iter().any(|n| n.contains(&ip)))
}

/// Reads a comma-separated list of addresses and CIDR ranges; `Err` names the first item
/// that is neither.
pub fn parse(list: &str) -> Result<Vec<IpNet>, String> {
    list.split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            n.parse::<IpNet>()
                .or_else(|_| n.parse::<std::net::IpAddr>().map(IpNet::from))
                .map_err(|_| n.to_string())
        })
        .collect()
}

//! Per-address rate limits count an IPv6 address by its /64 (one subscriber's network) and
//! an IPv4 address, also when written as IPv6 (`::ffff:a.b.c.d`), by itself.

use crate::browser::Browser;
use crate::brute_force::error_of;
use rstest::rstest;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

#[rstest]
#[case::ipv4_as_it_is("203.0.113.7", "203.0.113.7")]
#[case::ipv4_neighbour_apart("203.0.113.8", "203.0.113.8")]
#[case::ipv6_to_its_64("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::")]
#[case::ipv6_same_64("2001:db8:1:2:ffff:ffff:ffff:ffff", "2001:db8:1:2::")]
#[case::ipv6_next_64_apart("2001:db8:1:3::1", "2001:db8:1:3::")]
#[case::ipv6_prefix_itself("2001:db8:1:2::", "2001:db8:1:2::")]
#[case::ipv4_mapped_is_ipv4("::ffff:203.0.113.7", "203.0.113.7")]
#[case::ipv4_mapped_neighbour("::ffff:203.0.113.8", "203.0.113.8")]
#[case::loopback_v6("::1", "::")]
#[case::link_local("fe80::1:2:3:4", "fe80::")]
fn each_address_and_its_key(#[case] address: &str, #[case] key: &str) {
    let address: IpAddr = address.parse().unwrap();
    let key: IpAddr = key.parse().unwrap();
    assert_eq!(app::auth::client::rate_key(address), key);
    let client = app::auth::client::Client {
        ip: Some(address),
        device: String::new(),
    };
    assert_eq!(client.rate_key(), key);
}

/// Posts a registry lookup (limited to ten at once per address); true when it was refused
/// for too many attempts.
async fn limited(b: &mut Browser<'_>, n: u32) -> bool {
    let number = format!("5000{n:04}");
    let res = b
        .post_form(
            "/api/accounts/register",
            "/register/identity?type=citizen",
            &[
                ("account_type", "citizen"),
                ("id_number", &number),
                ("first_name", "Test"),
                ("year_of_birth", "1990"),
            ],
        )
        .await;
    error_of(&res).contains("TooManyAttempts")
}

#[tokio::test]
async fn an_ipv6_64_is_limited_as_one_address() {
    let app = crate::support::sqlite_app().await;
    let mut b = Browser::new(&app);
    // Ten lookups, each from a new address in one /64, use up its allowance…
    for n in 1..=10u16 {
        b.ipv6 = Some(Ipv6Addr::new(0x2001, 0xdb8, 7, 7, n, 0, 0, n));
        assert!(!limited(&mut b, n.into()).await, "lookup {n} is answered");
    }
    // …so an eleventh address in it is refused, while the next /64 is not.
    b.ipv6 = Some(Ipv6Addr::new(0x2001, 0xdb8, 7, 7, 0xffff, 1, 2, 3));
    assert!(limited(&mut b, 11).await, "the same /64 is limited");
    b.ipv6 = Some(Ipv6Addr::new(0x2001, 0xdb8, 7, 8, 0, 0, 0, 1));
    assert!(!limited(&mut b, 12).await, "another /64 is not");

    // An IPv4 address written as IPv6 shares its IPv4 address's allowance.
    b.ipv6 = None;
    b.ip = [10, 62, 0, 1];
    for n in 20..30 {
        assert!(!limited(&mut b, n).await);
    }
    b.ipv6 = Some(Ipv4Addr::new(10, 62, 0, 1).to_ipv6_mapped());
    assert!(limited(&mut b, 30).await, "::ffff:10.62.0.1 is 10.62.0.1");
    app.cleanup().await;
}

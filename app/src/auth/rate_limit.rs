//! Per-address rate limits (in this process; the per-account lockout is in the database,
//! so it holds across instances). Generous for people, tight for scripts.

use governor::{clock::DefaultClock, state::keyed::DefaultKeyedStateStore, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

type Keyed = RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>;
/// Keyed by text: a phone number (a telco's gateway speaks for many people from one
/// address, so feature-phone channels are limited per number).
type KeyedText = RateLimiter<String, DefaultKeyedStateStore<String>, DefaultClock>;

pub struct RateLimits {
    /// Registry lookups (registration step 1): 10 at once, then one a minute.
    pub registry: Keyed,
    /// Password attempts: 20 at once, then one every 30 seconds.
    pub sign_in: Keyed,
    /// "Confirm it's you" by a signed-in person (password, authenticator code or passkey):
    /// 10 at once, then one every 30 seconds. Apart from sign-in's: a person confirming
    /// does not use up the address's sign-ins (wrong passwords lock the account anyway).
    pub confirm: Keyed,
    /// Code checks and resends: 30 at once, then one every 10 seconds.
    pub codes: Keyed,
    /// M-Pesa prompts: 10 at once, then one a minute (each one rings a phone).
    pub payments: Keyed,
    /// Public receipt checks: 30 at once, then one every 10 seconds.
    pub verify: Keyed,
    /// Public tracking (reference + year of birth): 10 at once, then one every 30 seconds,
    /// so years of birth cannot be tried one after another.
    pub track: Keyed,
    /// Problem reports: 5 at once, then one every 10 minutes.
    pub reports: Keyed,
    /// USSD screens and SMS queries, per phone number: 30 at once, then one every 2 seconds.
    pub feature_phones: KeyedText,
    /// Proofs tried for one tracking reference, from anywhere (web, USSD, SMS; any address
    /// or phone): 10 at once, then one every 6 minutes. A year of birth has few values, so
    /// limits per address or phone alone would let many of them share the guessing.
    pub track_reference: KeyedText,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RateLimits")
    }
}

fn quota(burst: u32, every: Duration) -> Quota {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
        .allow_burst(burst)
}

fn keyed(burst: u32, every: Duration) -> Keyed {
    RateLimiter::keyed(quota(burst, every))
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            registry: keyed(10, Duration::from_secs(60)),
            sign_in: keyed(20, Duration::from_secs(30)),
            confirm: keyed(10, Duration::from_secs(30)),
            codes: keyed(30, Duration::from_secs(10)),
            payments: keyed(10, Duration::from_secs(60)),
            verify: keyed(30, Duration::from_secs(10)),
            track: keyed(10, Duration::from_secs(30)),
            reports: keyed(5, Duration::from_secs(600)),
            feature_phones: RateLimiter::keyed(quota(30, Duration::from_secs(2))),
            track_reference: RateLimiter::keyed(quota(10, Duration::from_secs(360))),
        }
    }
}

impl RateLimits {
    /// Forgets the addresses and numbers whose allowance is full again, so the maps do not
    /// grow with every address that ever called (the server runs this every minute).
    pub fn prune(&self) {
        for limiter in [
            &self.registry,
            &self.sign_in,
            &self.confirm,
            &self.codes,
            &self.payments,
            &self.verify,
            &self.track,
            &self.reports,
        ] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
        for limiter in [&self.feature_phones, &self.track_reference] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// How many addresses and numbers are remembered now.
    pub fn remembered(&self) -> usize {
        [
            &self.registry,
            &self.sign_in,
            &self.confirm,
            &self.codes,
            &self.payments,
            &self.verify,
            &self.track,
            &self.reports,
        ]
        .iter()
        .map(|l| l.len())
        .sum::<usize>()
            + self.feature_phones.len()
            + self.track_reference.len()
    }
}

/// Takes one from `limiter` for `key`, or says how many minutes to wait.
pub fn take(limiter: &Keyed, key: IpAddr) -> Result<(), crate::problem::Problem> {
    limiter.check_key(&key).map_err(wait)
}

/// The same for a limiter keyed by text (a phone number, a reference).
pub fn take_text(limiter: &KeyedText, key: &str) -> Result<(), crate::problem::Problem> {
    limiter.check_key(&key.to_string()).map_err(wait)
}

fn wait(
    not_until: governor::NotUntil<<DefaultClock as governor::clock::Clock>::Instant>,
) -> crate::problem::Problem {
    let wait = not_until.wait_time_from(governor::clock::Clock::now(&DefaultClock::default()));
    crate::problem::Problem::TooManyAttempts {
        minutes: wait.as_secs().div_ceil(60).max(1) as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_forgets_full_allowances_only() {
        let limits = RateLimits {
            reports: keyed(1, Duration::from_millis(20)),
            ..RateLimits::default()
        };
        for last in 0..50u8 {
            take(&limits.reports, IpAddr::from([10, 0, 0, last])).unwrap();
        }
        // Still within its wait: kept, so the limit holds.
        limits.prune();
        assert_eq!(limits.remembered(), 50);
        assert!(take(&limits.reports, IpAddr::from([10, 0, 0, 1])).is_err());
        std::thread::sleep(Duration::from_millis(40));
        limits.prune();
        assert_eq!(limits.remembered(), 0);
    }
}

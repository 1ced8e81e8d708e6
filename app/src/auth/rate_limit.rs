//! Per-address rate limits (in this process; the per-account lockout is in the database,
//! so it holds across instances). Generous for people, tight for scripts.

use governor::{clock::DefaultClock, state::keyed::DefaultKeyedStateStore, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::time::Duration;

type Keyed = RateLimiter<IpAddr, DefaultKeyedStateStore<IpAddr>, DefaultClock>;

pub struct RateLimits {
    /// Registry lookups (registration step 1): 10 at once, then one a minute.
    pub registry: Keyed,
    /// Password attempts: 20 at once, then one every 30 seconds.
    pub sign_in: Keyed,
    /// Code checks and resends: 30 at once, then one every 10 seconds.
    pub codes: Keyed,
    /// M-Pesa prompts: 10 at once, then one a minute (each one rings a phone).
    pub payments: Keyed,
    /// Public receipt checks: 30 at once, then one every 10 seconds.
    pub verify: Keyed,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("RateLimits")
    }
}

fn keyed(burst: u32, every: Duration) -> Keyed {
    let burst = NonZeroU32::new(burst).unwrap_or(NonZeroU32::MIN);
    let quota = Quota::with_period(every)
        .unwrap_or_else(|| Quota::per_minute(NonZeroU32::MIN))
        .allow_burst(burst);
    RateLimiter::keyed(quota)
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits {
            registry: keyed(10, Duration::from_secs(60)),
            sign_in: keyed(20, Duration::from_secs(30)),
            codes: keyed(30, Duration::from_secs(10)),
            payments: keyed(10, Duration::from_secs(60)),
            verify: keyed(30, Duration::from_secs(10)),
        }
    }
}

/// Takes one from `limiter` for `key`, or says how many minutes to wait.
pub fn take(limiter: &Keyed, key: IpAddr) -> Result<(), crate::problem::Problem> {
    limiter.check_key(&key).map_err(|not_until| {
        let wait = not_until.wait_time_from(governor::clock::Clock::now(&DefaultClock::default()));
        crate::problem::Problem::TooManyAttempts {
            minutes: wait.as_secs().div_ceil(60).max(1) as u32,
        }
    })
}

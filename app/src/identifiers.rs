//! SERVER ONLY. The random identifiers people read out and type — application references,
//! invoice numbers, problem-report numbers — are short, so two can come out the same: a
//! load run of 550,000 problem reports met 124 such collisions. Where their random bits
//! come from (`Randomness`: the system's generator; tests give one that repeats itself on
//! purpose), and how often a collision is retried with a fresh identifier before it is
//! given up as an error. The data layer does the retrying, since only the insert knows
//! (`data::db::collided`).

/// Where identifiers' random bits come from.
pub trait Randomness: Send + Sync + std::fmt::Debug {
    /// 64 random bits; each identifier takes the ones it needs.
    fn bits(&self) -> u64;
}

/// The system's cryptographically secure generator.
#[derive(Debug, Default)]
pub struct SystemRandomness;

impl Randomness for SystemRandomness {
    fn bits(&self) -> u64 {
        rand::random()
    }
}

/// How many identifiers are tried before a collision is an error. With 30 bits (problem
/// reports) and a million rows, five collisions in a row happen once in about 10^16 tries.
pub const ATTEMPTS: usize = 5;

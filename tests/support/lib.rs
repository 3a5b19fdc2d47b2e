//! Test and benchmark support shared by the top-level `tests/`, `benches/` and `fuzz/`:
//! the one generator of valid values, and the deterministic traffic of the benchmarks.
//!
//! This is a development-only library: the codec crates do not depend on it.

pub mod generator;
pub mod traffic;

/// The examples of the README, run as doc tests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

//! Deterministic realistic IMAP traffic for the benchmarks (issue 4).

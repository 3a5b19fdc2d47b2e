//! The generator of arbitrary valid values (issue 3).

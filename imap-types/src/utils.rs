//! Small helpers shared by the types.

use core::fmt;

/// Shows bytes as an escaped byte string in `Debug` output.
pub(crate) struct EscapeBytes<'a>(pub &'a [u8]);

impl fmt::Debug for EscapeBytes<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("b\"")?;
        for &b in self.0 {
            write!(f, "{}", core::ascii::escape_default(b))?;
        }
        f.write_str("\"")
    }
}

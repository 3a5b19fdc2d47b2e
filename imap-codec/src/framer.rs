//! Framing: whole messages (lines plus the literals they announce) out of bytes as they
//! arrive.

// STUB: to be written by the helper of this area.

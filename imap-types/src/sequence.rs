//! Sequence sets: message sequence numbers and UIDs, single and in ranges.

use alloc::{borrow::Cow, string::String};
use core::{fmt, fmt::Write, num::NonZeroU32};

use crate::core::{IntoStatic, ValidationError, chars};

/// `sequence-set = (seq-number / seq-range) ["," sequence-set]`, or `$` (RFC 5182).
///
/// The set is kept exactly as it was written (order, direction of ranges, repetitions), so it
/// encodes back to the same bytes; [`SequenceSet::iter`] reads its parts.
///
/// ```
/// # use imap_types::sequence::{SequenceSet, Sequence, SeqOrUid};
/// # use core::num::NonZeroU32;
/// let set = SequenceSet::try_from("2:4,7,*").unwrap();
/// let n = |v| SeqOrUid::Value(NonZeroU32::new(v).unwrap());
/// let parts: Vec<_> = set.iter().collect();
/// assert_eq!(parts, [Sequence::Range(n(2), n(4)), Sequence::Single(n(7)), Sequence::Single(SeqOrUid::Asterisk)]);
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct SequenceSet<'a>(Cow<'a, str>);

/// `seq-number / seq-range`: one element of a sequence set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Sequence {
    /// `seq-number`
    Single(SeqOrUid),
    /// `seq-range = seq-number ":" seq-number`, in the order written.
    Range(SeqOrUid, SeqOrUid),
}

/// `seq-number = nz-number / "*"`
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SeqOrUid {
    /// A message sequence number or UID.
    Value(NonZeroU32),
    /// `*`: the largest number in use.
    Asterisk,
}

/// Checks the syntax of a sequence set; on error, the offset of the first byte that is wrong.
pub fn check_sequence_set(s: &[u8]) -> Result<(), usize> {
    if s == b"$" {
        return Ok(());
    }
    match sequence_set_prefix(s)? {
        n if n == s.len() => Ok(()),
        n => Err(n),
    }
}

/// Reads the sequence set (not `$`) at the start of `s`, for a decoder that does not know
/// where it ends: its length (the set ends before the first byte after a `seq-number` or
/// `seq-range` that is not `,`), or the offset of the first byte that is wrong.
#[inline]
pub fn sequence_set_prefix(s: &[u8]) -> Result<usize, usize> {
    let mut i = 0;
    loop {
        i = seq_number(s, i)?;
        if s.get(i) == Some(&b':') {
            i = seq_number(s, i + 1)?;
        }
        match s.get(i) {
            Some(b',') => i += 1,
            _ => return Ok(i),
        }
    }
}

/// Reads a `seq-number` at `i`; returns the offset after it.
#[inline(always)]
fn seq_number(s: &[u8], i: usize) -> Result<usize, usize> {
    match s.get(i) {
        Some(b'*') => Ok(i + 1),
        Some(b'1'..=b'9') => {
            let digits = &s[i..];
            let n = chars::digit_run(digits);
            // Nine digits always fit in 32 bits; a longer number is checked digit by digit,
            // so that the error points at the digit that makes it too large.
            if n > 9 {
                let mut value: u64 = 0;
                for (k, &d) in digits[..n].iter().enumerate() {
                    value = value * 10 + u64::from(d - b'0');
                    if value > u64::from(u32::MAX) {
                        return Err(i + k);
                    }
                }
            }
            Ok(i + n)
        }
        _ => Err(i),
    }
}

fn parse_seq_number(s: &str) -> SeqOrUid {
    if s == "*" {
        SeqOrUid::Asterisk
    } else {
        // Checked by `check_sequence_set`.
        SeqOrUid::Value(s.parse().unwrap_or(NonZeroU32::MIN))
    }
}

impl<'a> SequenceSet<'a> {
    /// Checks `value` and wraps it.
    pub fn new(value: impl Into<Cow<'a, str>>) -> Result<Self, ValidationError> {
        let value = value.into();
        check_sequence_set(value.as_bytes()).map_err(|position| {
            match value.as_bytes().get(position) {
                Some(&byte) => ValidationError::InvalidByte { position, byte },
                None if value.is_empty() => ValidationError::Empty,
                None => ValidationError::Invalid("sequence set ends early"),
            }
        })?;
        Ok(Self(value))
    }

    /// Wraps a set the decoder has already checked.
    #[doc(hidden)]
    pub fn unvalidated(value: impl Into<Cow<'a, str>>) -> Self {
        let value = value.into();
        debug_assert!(check_sequence_set(value.as_bytes()).is_ok());
        Self(value)
    }

    /// `$` (RFC 5182, SEARCHRES): the result of the last `SEARCH` command.
    pub fn last_result() -> Self {
        Self(Cow::Borrowed("$"))
    }

    /// Whether this is `$`.
    pub fn is_last_result(&self) -> bool {
        self.0 == "$"
    }

    /// Builds a set from its parts, in order.
    pub fn from_sequences(parts: &[Sequence]) -> Result<SequenceSet<'static>, ValidationError> {
        if parts.is_empty() {
            return Err(ValidationError::Empty);
        }
        let mut out = String::new();
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let _ = write!(out, "{part}");
        }
        Ok(SequenceSet(Cow::Owned(out)))
    }

    /// The set as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parts of the set, in the order written (none for `$`).
    pub fn iter(&self) -> impl Iterator<Item = Sequence> + '_ {
        self.0
            .split(',')
            .filter(|part| *part != "$")
            .map(|part| match part.split_once(':') {
                Some((a, b)) => Sequence::Range(parse_seq_number(a), parse_seq_number(b)),
                None => Sequence::Single(parse_seq_number(part)),
            })
    }
}

impl fmt::Display for SeqOrUid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Value(n) => write!(f, "{n}"),
            Self::Asterisk => f.write_str("*"),
        }
    }
}

impl fmt::Display for Sequence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Single(n) => write!(f, "{n}"),
            Self::Range(a, b) => write!(f, "{a}:{b}"),
        }
    }
}

impl fmt::Debug for SequenceSet<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SequenceSet({:?})", self.0)
    }
}

impl<'a> TryFrom<&'a str> for SequenceSet<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl From<NonZeroU32> for SequenceSet<'static> {
    fn from(n: NonZeroU32) -> Self {
        let mut s = String::new();
        let _ = write!(s, "{n}");
        Self(Cow::Owned(s))
    }
}

impl From<Sequence> for SequenceSet<'static> {
    fn from(part: Sequence) -> Self {
        let mut s = String::new();
        let _ = write!(s, "{part}");
        Self(Cow::Owned(s))
    }
}

impl IntoStatic for SequenceSet<'_> {
    type Static = SequenceSet<'static>;
    fn into_static(self) -> Self::Static {
        SequenceSet(self.0.into_static())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_syntax_with_exact_offsets() {
        assert_eq!(check_sequence_set(b"1"), Ok(()));
        assert_eq!(check_sequence_set(b"1:*,5,7:3"), Ok(()));
        assert_eq!(check_sequence_set(b"$"), Ok(()));
        assert_eq!(check_sequence_set(b""), Err(0));
        assert_eq!(check_sequence_set(b"0"), Err(0));
        assert_eq!(check_sequence_set(b"1,"), Err(2));
        assert_eq!(check_sequence_set(b"1::2"), Err(2));
        assert_eq!(check_sequence_set(b"4294967295"), Ok(()));
        assert_eq!(check_sequence_set(b"4294967296"), Err(9));
        assert_eq!(check_sequence_set(b"1,$"), Err(2));
    }

    #[test]
    fn prefix_ends_where_the_set_cannot_continue() {
        assert_eq!(sequence_set_prefix(b"1:*,5 UID"), Ok(5));
        assert_eq!(sequence_set_prefix(b"7:3"), Ok(3));
        assert_eq!(sequence_set_prefix(b"1:4$"), Ok(3));
        assert_eq!(sequence_set_prefix(b"1,)"), Err(2));
        assert_eq!(sequence_set_prefix(b"$"), Err(0));
        assert_eq!(sequence_set_prefix(b""), Err(0));
    }

    #[test]
    fn builds_from_parts() {
        let n = |v| SeqOrUid::Value(NonZeroU32::new(v).unwrap());
        let set = SequenceSet::from_sequences(&[
            Sequence::Range(n(9), SeqOrUid::Asterisk),
            Sequence::Single(n(2)),
        ])
        .unwrap();
        assert_eq!(set.as_str(), "9:*,2");
        assert_eq!(
            SequenceSet::from_sequences(&[]),
            Err(ValidationError::Empty)
        );
    }
}

//! Sequence sets: message sequence numbers and UIDs, single and in ranges.

use alloc::{borrow::Cow, string::String};
use core::{fmt, fmt::Write, num::NonZeroU32};

use crate::core::{IntoStatic, ValidationError};

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
            let n = digit_run(digits);
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

/// The number of digits at the start of `bytes`.
///
/// Eight bytes at a time as one word, with no branch per byte: the run of a number ends where
/// it does without a hard-to-predict branch, and a number of up to seven digits takes one word.
#[inline(always)]
fn digit_run(bytes: &[u8]) -> usize {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let mut n = 0;
    while let Some(word) = bytes.get(n..).and_then(<[u8]>::first_chunk::<8>) {
        // Each byte minus `'0'` (as xor, which equals it on digits) is below 10 exactly for a
        // digit: adding 0x76 to its low seven bits sets the high bit of the others, and a byte
        // with the high bit already set is not a digit either. No sum carries into the next byte.
        let v = u64::from_le_bytes(*word) ^ (ONES * u64::from(b'0'));
        let not_digit = ((v & (ONES * 0x7f)) + ONES * 0x76 | v) & (ONES * 0x80);
        if not_digit != 0 {
            return n + (not_digit.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + bytes[n..]
        .iter()
        .position(|d| !d.is_ascii_digit())
        .unwrap_or(bytes.len() - n)
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
    fn digit_runs_of_every_length_and_byte() {
        for n in 0..20 {
            for b in 0..=255u8 {
                let mut bytes = alloc::vec![b'7'; n];
                bytes.push(b);
                bytes.extend_from_slice(b"123");
                let expected = n + usize::from(b.is_ascii_digit()) * 4;
                assert_eq!(digit_run(&bytes), expected, "{bytes:?}");
            }
        }
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

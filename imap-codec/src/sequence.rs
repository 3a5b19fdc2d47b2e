//! Sequence sets.

use imap_types::sequence::{SequenceSet, sequence_set_prefix};

use crate::{
    decode::{Error, PResult, Parser, is_digit},
    encode::{Encode, Encoder},
};

/// The bytes a sequence set is made of.
fn is_sequence_set_char(b: u8) -> bool {
    is_digit(b) || matches!(b, b':' | b',' | b'*' | b'$')
}

impl<'a> Parser<'a> {
    /// `sequence-set`, or `$` (RFC 5182).
    ///
    /// The set is the longest run of its bytes, which must end before the input does: read in
    /// one pass, where the set ends or fails, the rest of the run is looked at only to tell
    /// `Incomplete` or a failure.
    pub(crate) fn sequence_set(&mut self) -> PResult<SequenceSet<'a>> {
        let start = self.pos;
        let rest = &self.input[start..];
        let scanned = match rest.first() {
            Some(b'$') => Ok(1),
            _ => sequence_set_prefix(rest),
        };
        // The length read, and where the set fails if it does.
        let (len, at) = match scanned {
            // The run of set bytes ends with the set: the whole run is the set.
            Ok(len) if rest.get(len).is_some_and(|&b| !is_sequence_set_char(b)) => (len, None),
            // More set bytes follow (or the input ends): `$` must stand alone, and a set
            // cannot continue with any byte but `,`.
            Ok(len) => (len, Some(if rest[0] == b'$' { 0 } else { len })),
            Err(at) => (at, Some(at)),
        };
        if let Some(at) = at {
            if rest[len..].iter().all(|&b| is_sequence_set_char(b)) {
                return Err(Error::Incomplete);
            }
            return Err(Error::Failed {
                offset: start + at,
                expected: &"sequence-set",
            });
        }
        self.pos += len;
        Ok(SequenceSet::unvalidated(self.ascii(&rest[..len], start)?))
    }
}

impl Encode for SequenceSet<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(self.as_str().as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use crate::{
        core::tests::{failed, run},
        decode::{Error, Parser},
    };

    #[test]
    fn sequence_set_rule() {
        assert_eq!(
            run(b"1:*,4 ", Parser::sequence_set).unwrap().0.as_str(),
            "1:*,4"
        );
        assert_eq!(
            run(b"1:,4 ", Parser::sequence_set),
            Err(failed(2, "sequence-set"))
        );
        assert_eq!(run(b"1:4", Parser::sequence_set), Err(Error::Incomplete));
        assert_eq!(run(b"$ ", Parser::sequence_set).unwrap().0.as_str(), "$");
        assert_eq!(
            run(b"$1 ", Parser::sequence_set),
            Err(failed(0, "sequence-set"))
        );
        assert_eq!(
            run(b"1:4$ ", Parser::sequence_set),
            Err(failed(3, "sequence-set"))
        );
        assert_eq!(
            run(b"1,$ ", Parser::sequence_set),
            Err(failed(2, "sequence-set"))
        );
        assert_eq!(run(b"1:4x", Parser::sequence_set).unwrap().1, b"x");
        // A wrong set is `Incomplete` while the run of set bytes reaches the end of the input.
        assert_eq!(run(b"1::", Parser::sequence_set), Err(Error::Incomplete));
        assert_eq!(run(b"$", Parser::sequence_set), Err(Error::Incomplete));
    }
}

//! Sequence sets.

use imap_types::sequence::{SequenceSet, check_sequence_set};

use crate::{
    decode::{Error, PResult, Parser, is_digit},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `sequence-set`, or `$` (RFC 5182).
    pub(crate) fn sequence_set(&mut self) -> PResult<SequenceSet<'a>> {
        let start = self.pos;
        let bytes = self.take_while(|b| is_digit(b) || matches!(b, b':' | b',' | b'*' | b'$'))?;
        check_sequence_set(bytes).map_err(|at| Error::Failed {
            offset: start + at,
            expected: "sequence-set",
        })?;
        Ok(SequenceSet::unvalidated(self.ascii(bytes, start)?))
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
    }
}

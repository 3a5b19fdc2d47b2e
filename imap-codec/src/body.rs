//! Body structures.

// STUB: rule bodies and encoders to be written (owned by the helper of this area).

use imap_types::body::BodyStructure;

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `body = "(" (body-type-1part / body-type-mpart) ")"` (recursion bounded by the depth limit)
    pub(crate) fn body(&mut self) -> PResult<BodyStructure<'a>> {
        Err(self.fail("body (not yet implemented)"))
    }
}

impl Encode for BodyStructure<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

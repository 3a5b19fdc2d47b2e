//! Capabilities and `capability-data`.

// STUB: rule bodies and encoders to be written (owned by the helper of this area).

use imap_types::capability::Capability;
use imap_types::core::Vec1;

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `capability = ("AUTH=" auth-type) / atom`
    pub(crate) fn capability(&mut self) -> PResult<Capability<'a>> {
        Err(self.fail("capability (not yet implemented)"))
    }

    /// `capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)`
    pub(crate) fn capability_data(&mut self) -> PResult<Vec1<Capability<'a>>> {
        Err(self.fail("capability_data (not yet implemented)"))
    }
}

impl Encode for Capability<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

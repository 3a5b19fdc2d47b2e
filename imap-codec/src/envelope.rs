//! The envelope and addresses.

// STUB: rule bodies and encoders to be written (owned by the helper of this area).

use imap_types::envelope::{Address, Envelope};

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `envelope = "(" env-date SP env-subject SP env-from SP ... SP env-message-id ")"`
    pub(crate) fn envelope(&mut self) -> PResult<Envelope<'a>> {
        Err(self.fail("envelope (not yet implemented)"))
    }

    /// `address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"`
    pub(crate) fn address(&mut self) -> PResult<Address<'a>> {
        Err(self.fail("address (not yet implemented)"))
    }
}

impl Encode for Envelope<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for Address<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

//! STATUS attributes and their values.

// STUB: rule bodies and encoders to be written (owned by the helper of this area).

use imap_types::status::{StatusDataItem, StatusDataItemName};

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `status-att`
    pub(crate) fn status_att(&mut self) -> PResult<StatusDataItemName> {
        Err(self.fail("status_att (not yet implemented)"))
    }

    /// `status-att-val`: an attribute and its value
    pub(crate) fn status_att_val(&mut self) -> PResult<StatusDataItem> {
        Err(self.fail("status_att_val (not yet implemented)"))
    }
}

impl Encode for StatusDataItemName {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for StatusDataItem {
    fn encode(&self, _out: &mut Encoder) {}
}

//! FETCH attributes, sections and message data items.

// STUB: rule bodies and encoders to be written (owned by the helper of this area).

use imap_types::core::Vec1;
use imap_types::fetch::{FetchAttribute, FetchItems, MessageDataItem, Section};

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `"ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")"`
    pub(crate) fn fetch_items(&mut self) -> PResult<FetchItems<'a>> {
        Err(self.fail("fetch_items (not yet implemented)"))
    }

    /// `fetch-att`
    pub(crate) fn fetch_att(&mut self) -> PResult<FetchAttribute<'a>> {
        Err(self.fail("fetch_att (not yet implemented)"))
    }

    /// `msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"`
    pub(crate) fn msg_att(&mut self) -> PResult<Vec1<MessageDataItem<'a>>> {
        Err(self.fail("msg_att (not yet implemented)"))
    }
}

impl Encode for FetchItems<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for FetchAttribute<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for Section<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for MessageDataItem<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

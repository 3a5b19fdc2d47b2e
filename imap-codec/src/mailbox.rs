//! Mailbox names and LIST patterns.

// STUB: rule bodies and encoders to be written (owned by the helper of this area).

use imap_types::mailbox::{ListMailbox, Mailbox};
use imap_types::response::MailboxList;

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `mailbox = "INBOX" / astring`
    pub(crate) fn mailbox(&mut self) -> PResult<Mailbox<'a>> {
        Err(self.fail("mailbox (not yet implemented)"))
    }

    /// `list-mailbox = 1*list-char / string`
    pub(crate) fn list_mailbox(&mut self) -> PResult<ListMailbox<'a>> {
        Err(self.fail("list_mailbox (not yet implemented)"))
    }

    /// `mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox`
    pub(crate) fn mailbox_list(&mut self) -> PResult<MailboxList<'a>> {
        Err(self.fail("mailbox_list (not yet implemented)"))
    }
}

impl Encode for Mailbox<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for ListMailbox<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for MailboxList<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

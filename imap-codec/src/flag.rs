//! Flags, flag lists, mailbox attributes (`mbx-list-flags`).

// STUB: rule bodies and encoders to be written (owned by the helper of this area).

use imap_types::flag::{Flag, FlagFetch, FlagPerm, MailboxAttribute};

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `flag = "\\Answered" / ... / flag-keyword / flag-extension`
    pub(crate) fn flag(&mut self) -> PResult<Flag<'a>> {
        Err(self.fail("flag (not yet implemented)"))
    }

    /// `flag-list = "(" [flag *(SP flag)] ")"`
    pub(crate) fn flag_list(&mut self) -> PResult<alloc::vec::Vec<Flag<'a>>> {
        Err(self.fail("flag_list (not yet implemented)"))
    }

    /// `flag-fetch = flag / "\\Recent"`
    pub(crate) fn flag_fetch(&mut self) -> PResult<FlagFetch<'a>> {
        Err(self.fail("flag_fetch (not yet implemented)"))
    }

    /// `flag-perm = flag / "\\*"`
    pub(crate) fn flag_perm(&mut self) -> PResult<FlagPerm<'a>> {
        Err(self.fail("flag_perm (not yet implemented)"))
    }

    /// `"(" [mbx-list-flags] ")"`: the attribute list of a LIST response, parentheses included
    pub(crate) fn mbx_list_flags(&mut self) -> PResult<alloc::vec::Vec<MailboxAttribute<'a>>> {
        Err(self.fail("mbx_list_flags (not yet implemented)"))
    }
}

impl Encode for Flag<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for FlagFetch<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for FlagPerm<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for MailboxAttribute<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

//! Search keys.

// STUB: rule bodies and encoders to be written (owned by the helper of this area).

use imap_types::search::SearchKey;

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `search-key` (recursion bounded by the depth limit)
    pub(crate) fn search_key(&mut self) -> PResult<SearchKey<'a>> {
        Err(self.fail("search_key (not yet implemented)"))
    }
}

impl Encode for SearchKey<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

//! Commands: `command = tag SP (command-any / command-auth / command-nonauth /
//! command-select) CRLF`.

// STUB: to be written by the helper of this area.

use imap_types::command::Command;

use crate::{
    decode::{Decode, DecodeError, DecodeOptions, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Decode<'a> for Command<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        let mut parser = Parser::new(input, options);
        parser.announce_literals = true;
        parser.finish(|p| Err(p.fail("command (not yet implemented)")), |_| None)
    }
}

impl Encode for Command<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

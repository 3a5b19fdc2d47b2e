//! Server messages: `greeting`, `response-data`, `response-tagged`, `continue-req`.

// STUB: to be written by the helper of this area.

use imap_types::response::{Greeting, Response};

use crate::{
    decode::{Decode, DecodeError, DecodeOptions, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Decode<'a> for Greeting<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Parser::new(input, options)
            .finish(|p| Err(p.fail("greeting (not yet implemented)")), |_| None)
    }
}

impl<'a> Decode<'a> for Response<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Parser::new(input, options)
            .finish(|p| Err(p.fail("response (not yet implemented)")), |_| None)
    }
}

impl Encode for Greeting<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for Response<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

//! Authentication: `auth-type`, the lines of an AUTHENTICATE exchange, and IDLE's `DONE`.

// STUB: to be written by the helper of this area.

use imap_types::auth::{AuthMechanism, AuthenticateData, IdleDone};

use crate::{
    decode::{Decode, DecodeError, DecodeOptions, PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `auth-type = atom`
    pub(crate) fn auth_type(&mut self) -> PResult<AuthMechanism<'a>> {
        Ok(AuthMechanism::from_atom(self.atom()?))
    }
}

impl<'a> Decode<'a> for AuthenticateData<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Parser::new(input, options).finish(
            |p| Err(p.fail("authenticate data (not yet implemented)")),
            |_| None,
        )
    }
}

impl<'a> Decode<'a> for IdleDone {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Parser::new(input, options).finish(|p| Err(p.fail("DONE (not yet implemented)")), |_| None)
    }
}

impl Encode for AuthMechanism<'_> {
    fn encode(&self, out: &mut Encoder) {
        out.push(self.as_str().as_bytes());
    }
}

impl Encode for AuthenticateData<'_> {
    fn encode(&self, _out: &mut Encoder) {}
}

impl Encode for IdleDone {
    fn encode(&self, _out: &mut Encoder) {}
}

//! Authentication: `auth-type`, the lines of an AUTHENTICATE exchange, and IDLE's `DONE`.

use alloc::borrow::Cow;

use imap_types::{
    auth::{AuthMechanism, AuthenticateData, IdleDone, base64_decode, base64_encode},
    core::{Secret, chars},
};

use crate::{
    decode::{Decode, DecodeError, DecodeOptions, PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `auth-type = atom`
    pub(crate) fn auth_type(&mut self) -> PResult<AuthMechanism<'a>> {
        Ok(AuthMechanism::from_atom(self.atom()?))
    }

    /// `base64 = *(4base64-char) [base64-terminal]`: the decoded bytes (possibly none).
    ///
    /// An error points at the first byte that is wrong in the input.
    pub(crate) fn base64(&mut self) -> PResult<Cow<'a, [u8]>> {
        let start = self.pos;
        let text = self.take_while(|b| chars::is_base64_char(b) || b == b'=')?;
        if text.is_empty() {
            return Ok(Cow::Borrowed(&[]));
        }
        base64_decode(text)
            .map(Cow::Owned)
            .map_err(|at| self.fail_at(start + at, &"base64"))
    }

    /// `authenticate-data = (base64 / "*") CRLF`: a client's line during AUTHENTICATE
    /// (`*` cancels; an empty line is an empty response).
    fn authenticate_data(&mut self) -> PResult<AuthenticateData<'a>> {
        if self.peek()? == b'*' {
            self.pos += 1;
            self.crlf()?;
            return Ok(AuthenticateData::Cancel);
        }
        let data = self.base64()?;
        self.crlf()?;
        Ok(AuthenticateData::Continue(Secret::new(data)))
    }

    /// `idle-done = "DONE" CRLF` (RFC 2177)
    fn idle_done(&mut self) -> PResult<IdleDone> {
        self.keyword(b"DONE", &"\"DONE\"")?;
        self.crlf()?;
        Ok(IdleDone)
    }
}

impl<'a> Decode<'a> for AuthenticateData<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Parser::new(input, options).finish(Parser::authenticate_data)
    }
}

impl<'a> Decode<'a> for IdleDone {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Parser::new(input, options).finish(Parser::idle_done)
    }
}

impl Encode for AuthMechanism<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(self.as_str().as_bytes());
    }
}

/// Writes `data` in base64.
pub(crate) fn encode_base64(data: &[u8], out: &mut Encoder<'_>) {
    let mut text = alloc::vec::Vec::with_capacity(data.len().div_ceil(3) * 4);
    base64_encode(data, &mut text);
    out.push(&text);
}

impl Encode for AuthenticateData<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Continue(data) => encode_base64(data.declassify(), out),
            Self::Cancel => out.byte(b'*'),
        }
        out.crlf();
    }
}

impl Encode for IdleDone {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(b"DONE\r\n");
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec::Vec;

    use super::*;
    use crate::{
        core::tests::{failed, run},
        decode::Error,
    };

    fn data(bytes: &[u8]) -> AuthenticateData<'_> {
        AuthenticateData::Continue(Secret::new(Cow::Borrowed(bytes)))
    }

    #[test]
    fn auth_type_rule() {
        assert_eq!(
            run(b"plain ", Parser::auth_type),
            Ok((AuthMechanism::Plain, &b" "[..]))
        );
        assert_eq!(
            run(b"X-MINE\r\n", Parser::auth_type).unwrap().0.as_str(),
            "X-MINE"
        );
        assert_eq!(run(b"(", Parser::auth_type), Err(failed(0, "atom")));
        assert_eq!(run(b"PLA", Parser::auth_type), Err(Error::Incomplete));
        assert_eq!(AuthMechanism::ScramSha256.encode_to_vec(), b"SCRAM-SHA-256");
    }

    #[test]
    fn base64_rule() {
        assert_eq!(
            run(b"AHVzZXIAcGFzcw==\r\n", Parser::base64),
            Ok((Cow::Owned(b"\0user\0pass".to_vec()), &b"\r\n"[..]))
        );
        assert_eq!(
            run(b"\r\n", Parser::base64),
            Ok((Cow::Borrowed(&b""[..]), &b"\r\n"[..]))
        );
        assert_eq!(run(b"xYR==\r\n", Parser::base64), Err(failed(3, "base64")));
        assert_eq!(run(b"YR==\r\n", Parser::base64), Err(failed(1, "base64")));
        assert_eq!(run(b"YQ==", Parser::base64), Err(Error::Incomplete));
    }

    #[test]
    fn authenticate_data_decodes() {
        assert_eq!(
            AuthenticateData::decode(b"AHVzZXIAcGFzcw==\r\nrest"),
            Ok((&b"rest"[..], data(b"\0user\0pass")))
        );
        assert_eq!(
            AuthenticateData::decode(b"*\r\n"),
            Ok((&b""[..], AuthenticateData::Cancel))
        );
        assert_eq!(AuthenticateData::decode(b"\r\n"), Ok((&b""[..], data(b""))));
        assert_eq!(
            AuthenticateData::decode_with(b"YQ==\n", &DecodeOptions::lenient()),
            Ok((&b""[..], data(b"a")))
        );
    }

    #[test]
    fn authenticate_data_prefixes_are_incomplete() {
        for line in [&b"AHVzZXIAcGFzcw==\r\n"[..], b"*\r\n", b"\r\n"] {
            for end in 0..line.len() {
                assert_eq!(
                    AuthenticateData::decode(&line[..end]),
                    Err(DecodeError::Incomplete),
                    "{end}"
                );
            }
        }
    }

    #[test]
    fn authenticate_data_errors_have_exact_offsets() {
        assert_eq!(
            AuthenticateData::decode(b"YQ=\r\n"),
            Err(DecodeError::Failed {
                offset: 3,
                expected: "base64"
            })
        );
        assert_eq!(
            AuthenticateData::decode(b"AHVz!\r\n"),
            Err(DecodeError::Failed {
                offset: 4,
                expected: "CRLF"
            })
        );
        assert_eq!(
            AuthenticateData::decode(b"* \r\n"),
            Err(DecodeError::Failed {
                offset: 1,
                expected: "CRLF"
            })
        );
        assert_eq!(
            AuthenticateData::decode(b"YQ==\n"),
            Err(DecodeError::Failed {
                offset: 4,
                expected: "CRLF"
            })
        );
    }

    #[test]
    fn authenticate_data_round_trips() {
        for line in [&b"AHVzZXIAcGFzcw==\r\n"[..], b"*\r\n", b"\r\n", b"YWJj\r\n"] {
            let (_, value) = AuthenticateData::decode(line).unwrap();
            assert_eq!(value.encode_to_vec(), line);
        }
        assert_eq!(data(b"ab").encode_to_vec(), b"YWI=\r\n");
    }

    #[test]
    fn idle_done_rule() {
        assert_eq!(IdleDone::decode(b"DONE\r\nx"), Ok((&b"x"[..], IdleDone)));
        assert_eq!(IdleDone::decode(b"done\r\n"), Ok((&b""[..], IdleDone)));
        assert_eq!(IdleDone.encode_to_vec(), b"DONE\r\n");
        let prefixes: Vec<_> = (0..6)
            .map(|n| IdleDone::decode(&b"DONE\r\n"[..n]))
            .collect();
        assert!(prefixes.iter().all(|r| *r == Err(DecodeError::Incomplete)));
        assert_eq!(
            IdleDone::decode(b"DONX\r\n"),
            Err(DecodeError::Failed {
                offset: 0,
                expected: "\"DONE\""
            })
        );
        assert_eq!(
            IdleDone::decode(b"DONE \r\n"),
            Err(DecodeError::Failed {
                offset: 4,
                expected: "CRLF"
            })
        );
    }
}

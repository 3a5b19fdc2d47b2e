//! Capabilities and `capability-data`.

use alloc::vec::Vec;

use imap_types::capability::{Capability, WireForm};
use imap_types::core::Vec1;

use crate::{
    decode::{PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `capability = ("AUTH=" auth-type) / atom`
    ///
    /// `"AUTH=" auth-type` is an atom too; the atom is mapped to a known capability (any case)
    /// or kept as `Other`.
    pub(crate) fn capability(&mut self) -> PResult<Capability<'a>> {
        Ok(Capability::from_atom(self.atom()?))
    }

    /// `capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)`
    ///
    /// Any non-empty list is accepted: RFC 9051 servers list `IMAP4rev2` and may omit
    /// `IMAP4rev1`. When lenient, a space before the line end is left for the caller's CRLF.
    pub(crate) fn capability_data(&mut self) -> PResult<Vec1<Capability<'a>>> {
        self.keyword(b"CAPABILITY", &"CAPABILITY")?;
        let mut capabilities = Vec::new();
        while self.peek()? == b' ' {
            if self.options.lenient
                && !capabilities.is_empty()
                && matches!(self.peek2()?, b'\r' | b'\n')
            {
                break;
            }
            self.pos += 1;
            capabilities.push(self.capability()?);
        }
        if capabilities.is_empty() {
            return Err(self.fail(&"SP capability"));
        }
        Ok(Vec1::unvalidated(capabilities))
    }
}

impl Encode for Capability<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self.wire_form() {
            WireForm::Name(name) => out.push(name.as_bytes()),
            WireForm::Prefixed(prefix, param) => {
                out.push(prefix.as_bytes());
                out.push(param.as_bytes());
            }
            WireForm::Numbered(prefix, n) => {
                out.push(prefix.as_bytes());
                out.number(u64::from(n));
            }
        }
    }
}

/// Writes `"CAPABILITY" *(SP capability)`: the body of the `[CAPABILITY ...]` response code
/// and of the untagged `* CAPABILITY` data.
pub(crate) fn encode_capability_data<'e>(
    capabilities: &'e [Capability<'_>],
    out: &mut Encoder<'e>,
) {
    out.push(b"CAPABILITY");
    for capability in capabilities {
        out.sp();
        capability.encode(out);
    }
}

#[cfg(test)]
mod tests {
    use imap_types::{auth::AuthMechanism, core::Atom};

    use super::*;
    use crate::{
        core::tests::{failed, run},
        decode::{DecodeOptions, Error},
    };

    #[test]
    fn capability_rule() {
        assert_eq!(
            run(b"IMAP4rev1 ", Parser::capability),
            Ok((Capability::Imap4Rev1, &b" "[..]))
        );
        assert_eq!(
            run(b"auth=plain]", Parser::capability).unwrap().0,
            Capability::Auth(AuthMechanism::Plain)
        );
        let (other, _) = run(b"X-Foo\r\n", Parser::capability).unwrap();
        assert_eq!(
            other,
            Capability::from_atom(Atom::try_from("X-Foo").unwrap())
        );
        for wire in [
            &b"IMAP4rev2"[..],
            b"AUTH=GSSAPI",
            b"X-Foo",
            b"APPENDLIMIT=35651584",
        ] {
            let mut input = wire.to_vec();
            input.push(b' ');
            assert_eq!(
                run(&input, Parser::capability).unwrap().0.encode_to_vec(),
                wire
            );
        }
        assert_eq!(run(b"IDLE", Parser::capability), Err(Error::Incomplete));
        assert_eq!(run(b"(IDLE", Parser::capability), Err(failed(0, "atom")));
    }

    #[test]
    fn capability_data_rule() {
        // RFC 3501 section 6.1.1.
        let input = b"CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n";
        let (caps, rest) = run(input, Parser::capability_data).unwrap();
        assert_eq!(
            &*caps,
            [
                Capability::Imap4Rev1,
                Capability::StartTls,
                Capability::Auth(AuthMechanism::try_from("GSSAPI").unwrap()),
                Capability::LoginDisabled,
            ]
        );
        assert_eq!(rest, b"\r\n");
        let mut out = Encoder::new();
        encode_capability_data(&caps, &mut out);
        assert_eq!(out.to_vec(), &input[..input.len() - 2]);

        // An IMAP4rev2 server need not list IMAP4rev1; in a response code it ends at `]`.
        let (caps, rest) = run(b"capability IMAP4rev2 IDLE] ok", Parser::capability_data).unwrap();
        assert_eq!(&*caps, [Capability::Imap4Rev2, Capability::Idle]);
        assert_eq!(rest, b"] ok");

        assert_eq!(
            run(b"CAPABILITY IMAP4rev1", Parser::capability_data),
            Err(Error::Incomplete)
        );
        assert_eq!(
            run(b"CAPABILITY IMAP4rev1 ", Parser::capability_data),
            Err(Error::Incomplete)
        );
        assert_eq!(
            run(b"CAPAB", Parser::capability_data),
            Err(Error::Incomplete)
        );
        assert_eq!(
            run(b"CAPABILITY\r\n", Parser::capability_data),
            Err(failed(10, "SP capability"))
        );
        assert_eq!(
            run(b"CAPABILITIES IMAP4rev1\r\n", Parser::capability_data),
            Err(failed(0, "CAPABILITY"))
        );
        assert_eq!(
            run(b"CAPABILITY IMAP4rev1 (X)\r\n", Parser::capability_data),
            Err(failed(21, "atom"))
        );
        assert_eq!(
            run(b"CAPABILITY IMAP4rev1 \r\n", Parser::capability_data),
            Err(failed(21, "atom"))
        );
        assert_eq!(
            run(b"CAPABILTY IMAP4rev1\r\n", Parser::capability_data),
            Err(failed(0, "CAPABILITY"))
        );
    }

    #[test]
    fn capability_data_lenient_trailing_space() {
        let mut p = Parser::new(b"CAPABILITY IMAP4rev1 IDLE \r\n", &DecodeOptions::lenient());
        let caps = p.capability_data().unwrap();
        assert_eq!(&*caps, [Capability::Imap4Rev1, Capability::Idle]);
        assert_eq!(p.pos, 25);
        assert_eq!(p.crlf(), Ok(()));
        let mut p = Parser::new(b"CAPABILITY \r\n", &DecodeOptions::lenient());
        assert_eq!(
            p.capability_data(),
            Err(Error::Failed {
                offset: 11,
                expected: &"atom"
            })
        );
    }
}

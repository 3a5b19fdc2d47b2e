//! The envelope and addresses.

use alloc::boxed::Box;

use imap_types::{
    core::{NString, SmallList},
    envelope::{Address, Envelope},
};

use crate::{
    decode::{PResult, Parser, SP},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP
    /// env-to SP env-cc SP env-bcc SP env-in-reply-to SP env-message-id ")"`
    ///
    /// Read into its box, made first: an envelope is large (896 bytes, most of it the six
    /// address lists with room for one address each), and a move of the finished value into
    /// a box waits for the stores that built it.
    pub(crate) fn envelope(&mut self) -> PResult<Box<Envelope<'a>>> {
        self.expect(b'(', &"\"(\"")?;
        self.utf8_ahead();
        let mut envelope = Box::write(Box::new_uninit(), empty_envelope());
        self.nstring_inline_into(None, &mut envelope.date)?;
        self.nstring_inline_into(SP, &mut envelope.subject)?;
        for list in [
            &mut envelope.from,
            &mut envelope.sender,
            &mut envelope.reply_to,
            &mut envelope.to,
            &mut envelope.cc,
            &mut envelope.bcc,
        ] {
            // An empty list (`NIL`) is what the placeholder holds already.
            if self.sp_unless_nil()? {
                self.env_address_list_into(list)?;
            }
        }
        // Not `sp_unless_nil`: past a missed ` NIL`, the `SP` is tested with the string's
        // opening quote (the lead of `nstring_inline_into`).
        if !self.eat_exact(b" NIL") {
            self.nstring_inline_into(SP, &mut envelope.in_reply_to)?;
        }
        self.nstring_inline_into(SP, &mut envelope.message_id)?;
        self.expect(b')', &"\")\"")?;
        Ok(envelope)
    }

    /// `env-from = "(" 1*address ")" / nil` (and `env-sender`, `env-reply-to`, `env-to`,
    /// `env-cc`, `env-bcc`), read into `list` (an empty one): empty for `NIL`. The addresses
    /// follow each other without separator; when lenient, spaces between them are accepted
    /// too.
    fn env_address_list_into(&mut self, list: &mut SmallList<Address<'a>>) -> PResult<()> {
        if self.peek()? != b'(' {
            return self.keyword(b"NIL", &"address list or NIL");
        }
        self.pos += 1;
        // A list of more than one address (`To`, `Cc`) often has several: room for eight
        // saves the reallocations of a growing list (a copy of 128 bytes an address).
        self.small_list_into(
            list,
            8,
            || EMPTY,
            Parser::address_into,
            Parser::address_follows,
        )
    }

    /// Whether another address follows in an address list, or the list ends (consumed).
    fn address_follows(&mut self) -> PResult<bool> {
        match self.peek()? {
            b')' => {
                self.pos += 1;
                Ok(false)
            }
            b'(' => Ok(true),
            b' ' if self.options.lenient => {
                self.pos += 1;
                if self.peek()? != b'(' {
                    return Err(self.fail(&"address"));
                }
                Ok(true)
            }
            _ => Err(self.fail(&"address or \")\"")),
        }
    }

    /// `address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"`, read into
    /// `address` (an empty one), so that the list it belongs to gets it without a move.
    fn address_into(&mut self, address: &mut Address<'a>) -> PResult<()> {
        // The strings of an address are read in the caller (see `nstring_inline_into`), but the
        // source route, which is almost always NIL.
        self.nstring_inline_into(Some((b'(', &"\"(\"")), &mut address.name)?;
        self.sp_nstring_into(&mut address.adl)?;
        self.nstring_inline_into(SP, &mut address.mailbox)?;
        self.nstring_inline_into(SP, &mut address.host)?;
        self.expect(b')', &"\")\"")
    }
}

/// An envelope of `NIL`s and empty lists, for [`Parser::envelope`] to fill.
///
/// Made field by field in its box rather than copied from a constant: the compiler then
/// writes the 28 words that say "empty" (a `NIL` is one word of its 32 bytes, an empty
/// list four of 128), where the copy of a constant moves all 896 bytes. `NString(None)`
/// rather than the constant `NString::NIL` for the same reason (10 instructions more a
/// header-heavy response with the constant).
#[inline(always)]
fn empty_envelope() -> Envelope<'static> {
    Envelope {
        date: NString(None),
        subject: NString(None),
        from: SmallList::new(),
        sender: SmallList::new(),
        reply_to: SmallList::new(),
        to: SmallList::new(),
        cc: SmallList::new(),
        bcc: SmallList::new(),
        in_reply_to: NString(None),
        message_id: NString(None),
    }
}

/// An address of four `NIL`s, for [`Parser::address_into`] to fill.
const EMPTY: Address<'static> = Address {
    name: NString::NIL,
    adl: NString::NIL,
    mailbox: NString::NIL,
    host: NString::NIL,
};

/// Writes `"(" 1*address ")"`, or `NIL` for an empty list.
fn encode_address_list<'e>(addresses: &'e [Address<'_>], out: &mut Encoder<'e>) {
    if addresses.is_empty() {
        out.push(b"NIL");
        return;
    }
    out.byte(b'(');
    for address in addresses {
        address.encode(out);
    }
    out.byte(b')');
}

impl Encode for Envelope<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.byte(b'(');
        self.date.encode(out);
        out.sp();
        self.subject.encode(out);
        for list in [
            &self.from,
            &self.sender,
            &self.reply_to,
            &self.to,
            &self.cc,
            &self.bcc,
        ] {
            out.sp();
            encode_address_list(list, out);
        }
        out.sp();
        self.in_reply_to.encode(out);
        out.sp();
        self.message_id.encode(out);
        out.byte(b')');
    }
}

impl Encode for Address<'_> {
    #[inline]
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.byte(b'(');
        self.name.encode(out);
        out.sp();
        self.adl.encode(out);
        out.sp();
        self.mailbox.encode(out);
        out.sp();
        self.host.encode(out);
        out.byte(b')');
    }
}

#[cfg(test)]
mod tests {
    use imap_types::core::{IString, NString};

    use super::*;
    use crate::{
        core::tests::{assert_prefixes_incomplete, failed, run},
        decode::{DecodeOptions, Error},
    };

    fn ns(s: &str) -> NString<'_> {
        NString::try_from(s).unwrap()
    }

    impl<'a> Parser<'a> {
        /// One `address`, as a rule of its own.
        fn address(&mut self) -> PResult<Address<'a>> {
            let mut address = EMPTY;
            self.address_into(&mut address)?;
            Ok(address)
        }

        /// One address list, as a rule of its own.
        fn env_address_list(&mut self) -> PResult<SmallList<Address<'a>>> {
            let mut list = SmallList::new();
            self.env_address_list_into(&mut list)?;
            Ok(list)
        }
    }

    fn addr<'a>(name: Option<&'a str>, mailbox: &'a str, host: &'a str) -> Address<'a> {
        Address {
            name: name.map_or(NString::NIL, ns),
            adl: NString::NIL,
            mailbox: ns(mailbox),
            host: ns(host),
        }
    }

    /// The envelope of the RFC 3501 section 8 example.
    const RFC3501_ENVELOPE: &[u8] = b"(\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \
\"IMAP4rev1 WG mtg summary and minutes\" \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((NIL NIL \"imap\" \"cac.washington.edu\")) \
((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) \
NIL NIL \"<B27397-0100000@cac.washington.edu>\")";

    #[test]
    fn envelope_rfc3501_example() {
        let (env, rest) = run(RFC3501_ENVELOPE, Parser::envelope).unwrap();
        assert!(rest.is_empty());
        let gray = addr(Some("Terry Gray"), "gray", "cac.washington.edu");
        assert_eq!(
            *env,
            Envelope {
                date: ns("Wed, 17 Jul 1996 02:23:25 -0700 (PDT)"),
                subject: ns("IMAP4rev1 WG mtg summary and minutes"),
                from: SmallList::one(gray.clone()),
                sender: SmallList::one(gray.clone()),
                reply_to: SmallList::one(gray),
                to: SmallList::one(addr(None, "imap", "cac.washington.edu")),
                cc: alloc::vec![
                    addr(None, "minutes", "CNRI.Reston.VA.US"),
                    addr(Some("John Klensin"), "KLENSIN", "MIT.EDU"),
                ]
                .into(),
                bcc: SmallList::new(),
                in_reply_to: NString(None),
                message_id: ns("<B27397-0100000@cac.washington.edu>"),
            }
        );
        assert_eq!(env.encode_to_vec(), RFC3501_ENVELOPE);
    }

    #[test]
    fn envelope_prefixes_are_incomplete() {
        assert_prefixes_incomplete(RFC3501_ENVELOPE, Parser::envelope);
    }

    #[test]
    fn envelope_with_literal_and_nils() {
        let input = b"(NIL {5}\r\nhello NIL NIL NIL NIL NIL NIL NIL NIL) ";
        let (env, rest) = run(input, Parser::envelope).unwrap();
        assert_eq!(rest, b" ");
        assert!(matches!(env.subject.0, Some(IString::Literal(_))));
        assert_eq!(env.subject.as_bytes(), Some(&b"hello"[..]));
        assert!(env.from.is_empty() && env.bcc.is_empty());
        assert_eq!(env.encode_to_vec(), &input[..input.len() - 1]);
    }

    #[test]
    fn envelope_malformed() {
        // A missing SP between date and subject.
        assert_eq!(
            run(b"(NIL\"x\" NIL", Parser::envelope),
            Err(failed(4, "SP"))
        );
        // An empty address list is not in the grammar.
        assert_eq!(
            run(b"(NIL NIL () NIL", Parser::envelope),
            Err(failed(10, "\"(\""))
        );
        assert_eq!(
            run(b"(NIL NIL X", Parser::envelope),
            Err(failed(9, "address list or NIL"))
        );
        assert_eq!(
            run(
                b"(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)",
                Parser::envelope
            ),
            Err(failed(40, "\")\""))
        );
    }

    #[test]
    fn address_rule() {
        let input = b"(\"A\" NIL \"a\" \"example.org\")";
        let (a, rest) = run(input, Parser::address).unwrap();
        assert!(rest.is_empty());
        assert_eq!(a, addr(Some("A"), "a", "example.org"));
        assert_eq!(a.encode_to_vec(), input);
        // Group syntax: start and end of a group.
        let (g, _) = run(b"(NIL NIL \"team\" NIL)", Parser::address).unwrap();
        assert_eq!(g.mailbox.as_bytes(), Some(&b"team"[..]));
        assert_eq!(g.host, NString::NIL);
        assert_eq!(
            run(b"(NIL NIL NIL", Parser::address),
            Err(Error::Incomplete)
        );
        assert_eq!(
            run(b"(NIL NIL NIL NIL NIL)", Parser::address),
            Err(failed(16, "\")\""))
        );
    }

    /// The source route, the empty address lists and the in-reply-to are read past `SP NIL`
    /// in one comparison; `nil` in lower case and strings in their place take the full
    /// rule, with the same values.
    #[test]
    fn envelope_fields_usually_nil() {
        let upper = b"(NIL NIL ((\"A\" NIL \"a\" \"b\")) NIL NIL NIL NIL NIL NIL NIL)";
        let lower = b"(NIL NIL ((\"A\" nil \"a\" \"b\")) nil nil nil nil nil nil NIL)";
        let (env, rest) = run(upper, Parser::envelope).unwrap();
        assert!(rest.is_empty());
        assert_eq!(env.encode_to_vec(), upper);
        assert_eq!(run(lower, Parser::envelope), Ok((env.clone(), &b""[..])));
        assert_eq!(env.from[0], addr(Some("A"), "a", "b"));
        assert!(env.sender.is_empty() && env.bcc.is_empty());
        assert_eq!(env.in_reply_to, NString::NIL);
        assert_prefixes_incomplete(upper, Parser::envelope);
        // A source route and an in-reply-to.
        let input = b"(NIL NIL ((\"A\" \"@r\" \"a\" \"b\")) NIL NIL NIL NIL NIL \"<i>\" NIL)";
        let (env, _) = run(input, Parser::envelope).unwrap();
        assert_eq!(env.from[0].adl, ns("@r"));
        assert_eq!(env.in_reply_to, ns("<i>"));
        assert_eq!(env.encode_to_vec(), input);
        // `NIL` must be followed by what the grammar allows, as before.
        assert_eq!(
            run(b"(\"A\" NILX \"a\" \"b\")", Parser::address),
            Err(failed(8, "SP"))
        );
    }

    #[test]
    fn address_list_spaces_only_when_lenient() {
        let input = b"((NIL NIL \"a\" \"b\") (NIL NIL \"c\" \"d\")) ";
        assert_eq!(
            run(input, Parser::env_address_list),
            Err(failed(18, "address or \")\""))
        );
        let mut p = Parser::new(input, &DecodeOptions::lenient());
        let list = p.env_address_list().unwrap();
        assert_eq!(list.len(), 2);
        assert_eq!(p.pos, input.len() - 1);
        let mut out = Encoder::new();
        encode_address_list(&list, &mut out);
        assert_eq!(
            out.to_vec(),
            b"((NIL NIL \"a\" \"b\")(NIL NIL \"c\" \"d\"))"
        );
        let mut p = Parser::new(b"((NIL NIL \"a\" \"b\") )", &DecodeOptions::lenient());
        assert_eq!(p.env_address_list(), Err(failed(19, "address")));
        assert_eq!(
            run(b"NIL ", Parser::env_address_list),
            Ok((SmallList::new(), &b" "[..]))
        );
    }
}

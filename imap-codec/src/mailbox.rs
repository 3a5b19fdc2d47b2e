//! Mailbox names and LIST patterns.

use alloc::vec::Vec;

use imap_types::{
    core::{AString, TaggedExtValue, chars},
    mailbox::{Delimiter, ListCharString, ListMailbox, Mailbox},
    response::MailboxList,
};

use crate::{
    decode::{Error, PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `mailbox = "INBOX" / astring`
    ///
    /// The name is kept as written (`INBOX` in any case is an `astring` too).
    pub(crate) fn mailbox(&mut self) -> PResult<Mailbox<'a>> {
        Ok(Mailbox(self.astring()?))
    }

    /// `list-mailbox = 1*list-char / string`
    pub(crate) fn list_mailbox(&mut self) -> PResult<ListMailbox<'a>> {
        match self.peek()? {
            b'"' | b'{' => Ok(ListMailbox::String(self.string()?)),
            _ => {
                let start = self.pos;
                let bytes = self.take_while1(chars::is_list_char, &"list-mailbox")?;
                Ok(ListMailbox::Token(ListCharString::unvalidated(
                    self.ascii(bytes, start)?,
                )))
            }
        }
    }

    /// `mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox`
    pub(crate) fn mailbox_list(&mut self) -> PResult<MailboxList<'a>> {
        let attributes = self.mbx_list_flags()?;
        self.sp()?;
        let delimiter = if self.peek()? == b'"' {
            Some(self.delimiter()?)
        } else {
            self.nil()?;
            None
        };
        self.sp()?;
        let mailbox = self.mailbox()?;
        let extended = if self.peek()? == b' ' && self.peek2()? == b'(' {
            self.pos += 1;
            Some(self.mbox_list_extended()?)
        } else {
            None
        };
        Ok(MailboxList {
            attributes,
            delimiter,
            mailbox,
            extended,
        })
    }

    /// `mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")"`,
    /// `mbox-list-extended-item = mbox-list-extended-item-tag SP tagged-ext-val`,
    /// `mbox-list-extended-item-tag = astring`
    fn mbox_list_extended(&mut self) -> PResult<Vec<(AString<'a>, TaggedExtValue<'a>)>> {
        self.nested(|p| {
            p.paren_list(true, |p| {
                let tag = p.astring()?;
                p.sp()?;
                Ok((tag, p.tagged_ext_val()?))
            })
        })
    }

    /// `DQUOTE QUOTED-CHAR DQUOTE`: a hierarchy delimiter, one 7-bit character, which may be
    /// the escaped `\\` or `\"`.
    fn delimiter(&mut self) -> PResult<Delimiter> {
        self.expect(b'"', &"DQUOTE")?;
        let start = self.pos;
        let c = match self.peek()? {
            b'\\' => match self.peek2()? {
                b @ (b'\\' | b'"') => {
                    self.pos += 2;
                    b
                }
                _ => return Err(self.fail_at(start + 1, &"quoted-specials after \"\\\"")),
            },
            b if b.is_ascii() && chars::is_quoted_char(b) => {
                self.pos += 1;
                b
            }
            _ => return Err(self.fail(&"7-bit QUOTED-CHAR")),
        };
        self.expect(b'"', &"DQUOTE")?;
        Delimiter::new(char::from(c)).map_err(|_| Error::Failed {
            offset: start,
            expected: &"7-bit QUOTED-CHAR",
        })
    }
}

impl Encode for Mailbox<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        self.0.encode(out);
    }
}

impl Encode for ListMailbox<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Token(token) => out.push(token.as_str().as_bytes()),
            Self::String(s) => s.encode(out),
        }
    }
}

impl Encode for Delimiter {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.byte(b'"');
        let c = self.as_char();
        if c == '"' || c == '\\' {
            out.byte(b'\\');
        }
        let mut buf = [0u8; 4];
        out.push(c.encode_utf8(&mut buf).as_bytes());
        out.byte(b'"');
    }
}

impl Encode for MailboxList<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.paren_list(&self.attributes, |a, out| a.encode(out));
        out.sp();
        match &self.delimiter {
            Some(delimiter) => delimiter.encode(out),
            None => out.push(b"NIL"),
        }
        out.sp();
        self.mailbox.encode(out);
        if let Some(items) = &self.extended {
            out.sp();
            out.paren_list(items, |(tag, value), out| {
                tag.encode(out);
                out.sp();
                value.encode(out);
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec;

    use imap_types::{
        core::{AString, IString},
        flag::MailboxAttribute,
    };

    use super::*;
    use crate::core::tests::{assert_prefixes_incomplete, failed, run};

    #[test]
    fn mailbox_rule() {
        let (mailbox, rest) = run(b"inbox ", Parser::mailbox).unwrap();
        assert_eq!(mailbox, Mailbox::try_from("inbox").unwrap());
        assert!(mailbox.is_inbox());
        assert_eq!(rest, b" ");
        assert_eq!(mailbox.encode_to_vec(), b"inbox");
        let (mailbox, _) = run(b"\"My Folder\"\r\n", Parser::mailbox).unwrap();
        assert!(matches!(mailbox.0, AString::String(IString::Quoted(_))));
        assert_eq!(mailbox.as_bytes(), b"My Folder");
        assert_eq!(mailbox.encode_to_vec(), b"\"My Folder\"");
        let (mailbox, _) = run(b"{3}\r\nfoo\r\n", Parser::mailbox).unwrap();
        assert_eq!(mailbox.encode_to_vec(), b"{3}\r\nfoo");
        assert_eq!(run(b"INBOX", Parser::mailbox), Err(Error::Incomplete));
        assert_eq!(run(b"(a", Parser::mailbox), Err(failed(0, "astring")));
    }

    #[test]
    fn list_mailbox_rule() {
        // RFC 3501 section 6.3.8: `LIST "" %`, `LIST "/usr/staff/jones" ""`
        let (pattern, rest) = run(b"% ", Parser::list_mailbox).unwrap();
        assert_eq!(
            pattern,
            ListMailbox::Token(ListCharString::try_from("%").unwrap())
        );
        assert_eq!(rest, b" ");
        let (pattern, _) = run(b"~/Mail/*]%\r\n", Parser::list_mailbox).unwrap();
        assert_eq!(pattern.as_bytes(), b"~/Mail/*]%");
        assert_eq!(pattern.encode_to_vec(), b"~/Mail/*]%");
        let (pattern, _) = run(b"\"\"\r\n", Parser::list_mailbox).unwrap();
        assert!(matches!(pattern, ListMailbox::String(IString::Quoted(_))));
        assert_eq!(pattern.encode_to_vec(), b"\"\"");
        assert_eq!(run(b"foo*", Parser::list_mailbox), Err(Error::Incomplete));
        assert_eq!(
            run(b"(foo", Parser::list_mailbox),
            Err(failed(0, "list-mailbox"))
        );
    }

    #[test]
    fn mailbox_list_rule() {
        // RFC 3501 section 7.2.2.
        let input = b"(\\Noselect) \"/\" ~/Mail/foo\r\n";
        let (list, rest) = run(input, Parser::mailbox_list).unwrap();
        assert_eq!(
            list,
            MailboxList {
                attributes: vec![MailboxAttribute::Noselect],
                delimiter: Some(Delimiter::new('/').unwrap()),
                mailbox: Mailbox::try_from("~/Mail/foo").unwrap(),
                extended: None,
            }
        );
        assert_eq!(rest, b"\r\n");
        assert_eq!(list.encode_to_vec(), &input[..input.len() - 2]);

        // RFC 9051 section 6.3.9.7: extended data after the name.
        let input = b"() \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\")) ";
        let (list, rest) = run(input, Parser::mailbox_list).unwrap();
        assert_eq!(rest, b" ");
        let extended = list.extended.as_ref().unwrap();
        assert_eq!(extended.len(), 1);
        assert_eq!(extended[0].0.as_bytes(), b"CHILDINFO");
        assert_eq!(list.encode_to_vec(), &input[..input.len() - 1]);
        assert_eq!(
            run(b"() NIL x ()", Parser::mailbox_list)
                .unwrap()
                .0
                .extended,
            Some(Vec::new())
        );
        assert_eq!(
            run(b"() NIL x (A)", Parser::mailbox_list),
            Err(failed(11, "SP"))
        );

        // The other LIST responses of RFC 3501 section 6.3.8, and more.
        for input in [
            &b"(\\Noselect) \"/\" \"\""[..],
            b"(\\Noselect) \".\" #news.",
            b"(\\Noselect) \"/\" /",
            b"() \"/\" ~/Mail/meetings",
            b"() \".\" INBOX.Sent",
            b"(\\Noselect) NIL \"\"",
            b"(\\HasNoChildren) \"\\\\\" Foo",
            b"() \"\\\"\" Foo",
        ] {
            let mut line = input.to_vec();
            line.extend_from_slice(b"\r\n");
            let (list, _) = run(&line, Parser::mailbox_list).unwrap();
            assert_eq!(list.encode_to_vec(), input);
        }
        let (list, _) = run(b"() \"\\\\\" Foo\r\n", Parser::mailbox_list).unwrap();
        assert_eq!(list.delimiter.unwrap().as_char(), '\\');
        let (list, _) = run(b"() nil Foo\r\n", Parser::mailbox_list).unwrap();
        assert_eq!(list.delimiter, None);

        let full = b"(\\Noselect \\X) \"\\\\\" {3}\r\nfoo";
        assert_prefixes_incomplete(full, Parser::mailbox_list);
        // Complete only once a byte after the name shows that no extended data follows.
        assert!(run(&[&full[..], b"\r\n"].concat(), Parser::mailbox_list).is_ok());
        assert_eq!(
            run(b"(\\Noselect) \"", Parser::mailbox_list),
            Err(Error::Incomplete)
        );
        assert_eq!(
            run(b"() \"//\" foo\r\n", Parser::mailbox_list),
            Err(failed(5, "DQUOTE"))
        );
        assert_eq!(
            run(b"() \"\\a\" foo\r\n", Parser::mailbox_list),
            Err(failed(5, "quoted-specials after \"\\\""))
        );
        assert_eq!(
            run(b"() \"\xc3\xa9\" foo\r\n", Parser::mailbox_list),
            Err(failed(4, "7-bit QUOTED-CHAR"))
        );
        assert_eq!(
            run(b"()  \"/\" foo\r\n", Parser::mailbox_list),
            Err(failed(3, "NIL"))
        );
        assert_eq!(
            run(b"() \"/\"foo\r\n", Parser::mailbox_list),
            Err(failed(6, "SP"))
        );
    }
}

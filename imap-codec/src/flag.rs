//! Flags, flag lists, mailbox attributes (`mbx-list-flags`).

use alloc::vec::Vec;

use imap_types::{
    core::Atom,
    flag::{Flag, FlagExtension, FlagFetch, FlagPerm, MailboxAttribute},
};

use crate::{
    decode::{Error, PResult, Parser},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `flag = "\\Answered" / ... / flag-keyword / flag-extension`
    ///
    /// System flags are recognized in any case; `flag-keyword = atom`,
    /// `flag-extension = "\" atom`.
    pub(crate) fn flag(&mut self) -> PResult<Flag<'a>> {
        if self.peek()? == b'\\' {
            self.pos += 1;
            let start = self.pos;
            let atom = self.atom()?;
            return self.backslash_flag(atom, start);
        }
        Ok(Flag::Keyword(self.atom()?))
    }

    /// The flag for `"\" atom`, where the atom began at `start`.
    fn backslash_flag(&self, atom: Atom<'a>, start: usize) -> PResult<Flag<'a>> {
        if let Some(flag) = Flag::system(atom.as_str()) {
            return Ok(flag);
        }
        FlagExtension::new(atom)
            .map(Flag::Extension)
            .map_err(|_| Error::Failed {
                offset: start,
                expected: &"flag-extension",
            })
    }

    /// `flag-list = "(" [flag *(SP flag)] ")"`
    pub(crate) fn flag_list(&mut self) -> PResult<Vec<Flag<'a>>> {
        self.paren_list(true, Parser::flag)
    }

    /// `flag-fetch = flag / "\\Recent"`
    pub(crate) fn flag_fetch(&mut self) -> PResult<FlagFetch<'a>> {
        if self.peek()? == b'\\' {
            self.pos += 1;
            let start = self.pos;
            let atom = self.atom()?;
            if atom.as_str().eq_ignore_ascii_case("Recent") {
                return Ok(FlagFetch::Recent);
            }
            return Ok(FlagFetch::Flag(self.backslash_flag(atom, start)?));
        }
        Ok(FlagFetch::Flag(Flag::Keyword(self.atom()?)))
    }

    /// `flag-perm = flag / "\\*"`
    pub(crate) fn flag_perm(&mut self) -> PResult<FlagPerm<'a>> {
        if self.peek()? == b'\\' && self.peek2()? == b'*' {
            self.pos += 2;
            return Ok(FlagPerm::Asterisk);
        }
        Ok(FlagPerm::Flag(self.flag()?))
    }

    /// `"(" [mbx-list-flags] ")"`: the attribute list of a LIST response, parentheses included
    ///
    /// `mbx-list-flags = *(mbx-list-oflag SP) mbx-list-sflag *(SP mbx-list-oflag) /
    /// mbx-list-oflag *(SP mbx-list-oflag)`; every attribute has the shape `"\" atom`.
    pub(crate) fn mbx_list_flags(&mut self) -> PResult<Vec<MailboxAttribute<'a>>> {
        self.paren_list(true, Parser::mbx_list_flag)
    }

    /// `mbx-list-oflag / mbx-list-sflag`: one mailbox attribute, `"\" atom`.
    fn mbx_list_flag(&mut self) -> PResult<MailboxAttribute<'a>> {
        self.expect(b'\\', &"mailbox attribute (\"\\\" atom)")?;
        let start = self.pos;
        let atom = self.atom()?;
        if let Some(known) = MailboxAttribute::known(atom.as_str()) {
            return Ok(known);
        }
        FlagExtension::new(atom)
            .map(MailboxAttribute::Extension)
            .map_err(|_| Error::Failed {
                offset: start,
                expected: &"mailbox attribute (not the name of a system flag)",
            })
    }
}

impl Encode for Flag<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Keyword(atom) => atom.encode(out),
            Self::Extension(ext) => {
                out.byte(b'\\');
                out.push(ext.as_str().as_bytes());
            }
            system => out.push(system.as_wire().as_bytes()),
        }
    }
}

impl Encode for FlagFetch<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Flag(flag) => flag.encode(out),
            Self::Recent => out.push(b"\\Recent"),
        }
    }
}

impl Encode for FlagPerm<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Flag(flag) => flag.encode(out),
            Self::Asterisk => out.push(b"\\*"),
        }
    }
}

impl Encode for MailboxAttribute<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.byte(b'\\');
        out.push(self.name().as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec;

    use super::*;
    use crate::core::tests::{failed, run};

    fn atom(s: &str) -> Atom<'_> {
        Atom::try_from(s).unwrap()
    }

    #[test]
    fn flag_rule() {
        assert_eq!(run(b"\\Seen ", Parser::flag), Ok((Flag::Seen, &b" "[..])));
        assert_eq!(run(b"\\dRaFt)", Parser::flag).unwrap().0, Flag::Draft);
        assert_eq!(
            run(b"\\Answered \\Flagged", Parser::flag).unwrap().0,
            Flag::Answered
        );
        assert_eq!(
            run(b"$Forwarded ", Parser::flag).unwrap().0,
            Flag::Keyword(atom("$Forwarded"))
        );
        assert_eq!(
            run(b"\\X-Ext)", Parser::flag).unwrap().0,
            Flag::Extension(FlagExtension::try_from("X-Ext").unwrap())
        );
        // A token is complete only when the byte after it is seen.
        assert_eq!(run(b"\\Seen", Parser::flag), Err(Error::Incomplete));
        assert_eq!(run(b"\\", Parser::flag), Err(Error::Incomplete));
        assert_eq!(run(b"\\(", Parser::flag), Err(failed(1, "atom")));
        assert_eq!(run(b"\\*)", Parser::flag), Err(failed(1, "atom")));
        assert_eq!(run(b"(x", Parser::flag), Err(failed(0, "atom")));
    }

    #[test]
    fn flag_round_trips() {
        for wire in [
            &b"\\Answered"[..],
            b"\\Flagged",
            b"\\Deleted",
            b"\\Seen",
            b"\\Draft",
            b"\\Xyz",
            b"$Junk",
        ] {
            let mut input = wire.to_vec();
            input.push(b' ');
            let (flag, _) = run(&input, Parser::flag).unwrap();
            assert_eq!(flag.encode_to_vec(), wire);
        }
        assert_eq!(Flag::Seen.encode_to_vec(), b"\\Seen");
    }

    #[test]
    fn flag_list_rule() {
        // RFC 3501 section 7.2.6.
        let input = b"(\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n";
        let (flags, rest) = run(input, Parser::flag_list).unwrap();
        assert_eq!(
            flags,
            vec![
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft
            ]
        );
        assert_eq!(rest, b"\r\n");
        let mut out = Encoder::new();
        out.paren_list(&flags, |f, out| f.encode(out));
        assert_eq!(out.to_vec(), &input[..input.len() - 2]);
        assert_eq!(run(b"() ", Parser::flag_list), Ok((vec![], &b" "[..])));
        assert_eq!(run(b"(\\Seen", Parser::flag_list), Err(Error::Incomplete));
        assert_eq!(run(b"(\\Seen ", Parser::flag_list), Err(Error::Incomplete));
        assert_eq!(
            run(b"(\\Seen  \\Draft)", Parser::flag_list),
            Err(failed(7, "atom"))
        );
        assert_eq!(
            run(b"(\\Seen\\Draft)", Parser::flag_list),
            Err(failed(6, "SP or \")\""))
        );
        assert_eq!(run(b"\\Seen", Parser::flag_list), Err(failed(0, "\"(\"")));
    }

    #[test]
    fn flag_fetch_rule() {
        assert_eq!(
            run(b"\\Recent)", Parser::flag_fetch).unwrap().0,
            FlagFetch::Recent
        );
        assert_eq!(
            run(b"\\recent)", Parser::flag_fetch).unwrap().0,
            FlagFetch::Recent
        );
        assert_eq!(
            run(b"\\Seen)", Parser::flag_fetch).unwrap().0,
            FlagFetch::Flag(Flag::Seen)
        );
        assert_eq!(
            run(b"$Label1)", Parser::flag_fetch).unwrap().0,
            FlagFetch::Flag(Flag::Keyword(atom("$Label1")))
        );
        for wire in [&b"\\Recent"[..], b"\\Deleted", b"\\Foo", b"bar"] {
            let mut input = wire.to_vec();
            input.push(b')');
            assert_eq!(
                run(&input, Parser::flag_fetch).unwrap().0.encode_to_vec(),
                wire
            );
        }
        assert_eq!(run(b"\\Rece", Parser::flag_fetch), Err(Error::Incomplete));
        assert_eq!(run(b"\\)", Parser::flag_fetch), Err(failed(1, "atom")));
    }

    #[test]
    fn flag_perm_rule() {
        // RFC 3501 section 7.1: `[PERMANENTFLAGS (\Deleted \Seen \*)]`
        let input = b"(\\Deleted \\Seen \\*)]";
        let (perms, rest) = run(input, |p| {
            p.paren_list::<_, Vec<_>>(true, Parser::flag_perm)
        })
        .unwrap();
        assert_eq!(
            perms,
            vec![
                FlagPerm::Flag(Flag::Deleted),
                FlagPerm::Flag(Flag::Seen),
                FlagPerm::Asterisk
            ]
        );
        assert_eq!(rest, b"]");
        let mut out = Encoder::new();
        out.paren_list(&perms, |f, out| f.encode(out));
        assert_eq!(out.to_vec(), b"(\\Deleted \\Seen \\*)");
        assert_eq!(run(b"\\", Parser::flag_perm), Err(Error::Incomplete));
        assert_eq!(run(b"\\%)", Parser::flag_perm), Err(failed(1, "atom")));
    }

    #[test]
    fn mbx_list_flags_rule() {
        let (attrs, rest) = run(
            b"(\\Noselect \\hasChildren \\X-Custom) \"/\"",
            Parser::mbx_list_flags,
        )
        .unwrap();
        assert_eq!(
            attrs,
            vec![
                MailboxAttribute::Noselect,
                MailboxAttribute::HasChildren,
                MailboxAttribute::Extension(FlagExtension::try_from("X-Custom").unwrap()),
            ]
        );
        assert_eq!(rest, b" \"/\"");
        let input = b"(\\Noinferiors \\Marked \\Sent \\X-Custom) ";
        let (attrs, _) = run(input, Parser::mbx_list_flags).unwrap();
        let mut out = Encoder::new();
        out.paren_list(&attrs, |a, out| a.encode(out));
        assert_eq!(out.to_vec(), &input[..input.len() - 1]);
        assert_eq!(run(b"() ", Parser::mbx_list_flags), Ok((vec![], &b" "[..])));
        assert_eq!(
            run(b"(\\Noselect", Parser::mbx_list_flags),
            Err(Error::Incomplete)
        );
        assert_eq!(
            run(b"(\\Marked Foo)", Parser::mbx_list_flags),
            Err(failed(9, "mailbox attribute (\"\\\" atom)"))
        );
        assert_eq!(
            run(b"(\\Seen)", Parser::mbx_list_flags),
            Err(failed(
                2,
                "mailbox attribute (not the name of a system flag)"
            ))
        );
    }
}

//! Search keys.

use alloc::boxed::Box;

use imap_types::{
    core::{AString, Vec1},
    search::SearchKey,
};

use crate::{
    decode::{Error, PResult, Parser},
    encode::{Encode, Encoder},
    keyword::key,
};

impl<'a> Parser<'a> {
    /// `search-key = "ALL" / "ANSWERED" / "BCC" SP astring / "BEFORE" SP date /
    /// "BODY" SP astring / "CC" SP astring / "DELETED" / "FLAGGED" / "FROM" SP astring /
    /// "KEYWORD" SP flag-keyword / "NEW" / "OLD" / "ON" SP date / "RECENT" / "SEEN" /
    /// "SINCE" SP date / "SUBJECT" SP astring / "TEXT" SP astring / "TO" SP astring /
    /// "UNANSWERED" / "UNDELETED" / "UNFLAGGED" / "UNKEYWORD" SP flag-keyword / "UNSEEN" /
    /// "DRAFT" / "HEADER" SP header-fld-name SP astring / "LARGER" SP number /
    /// "NOT" SP search-key / "OR" SP search-key SP search-key / "SENTBEFORE" SP date /
    /// "SENTON" SP date / "SENTSINCE" SP date / "SMALLER" SP number / "UID" SP sequence-set /
    /// "UNDRAFT" / sequence-set / "(" search-key *(SP search-key) ")"`
    ///
    /// Names are matched in any case; `LARGER` and `SMALLER` take a `number64` (RFC 9051).
    /// `NOT`, `OR` and parentheses nest one level deeper each, within the depth limit.
    pub(crate) fn search_key(&mut self) -> PResult<SearchKey<'a>> {
        let start = self.pos;
        match self.peek()? {
            b'(' => {
                return self.nested(|p| {
                    let keys = p.paren_list(false, Parser::search_key)?;
                    Ok(SearchKey::And(Vec1::unvalidated(keys)))
                });
            }
            b'0'..=b'9' | b'*' | b'$' => return Ok(SearchKey::SequenceSet(self.sequence_set()?)),
            _ => {}
        }
        let (_, packed) = self.packed_keyword_token()?;
        const ALL: u128 = key(b"all");
        const ANSWERED: u128 = key(b"answered");
        const BCC: u128 = key(b"bcc");
        const BEFORE: u128 = key(b"before");
        const BODY: u128 = key(b"body");
        const CC: u128 = key(b"cc");
        const DELETED: u128 = key(b"deleted");
        const DRAFT: u128 = key(b"draft");
        const FLAGGED: u128 = key(b"flagged");
        const FROM: u128 = key(b"from");
        const HEADER: u128 = key(b"header");
        const KEYWORD: u128 = key(b"keyword");
        const LARGER: u128 = key(b"larger");
        const NEW: u128 = key(b"new");
        const NOT: u128 = key(b"not");
        const OLD: u128 = key(b"old");
        const ON: u128 = key(b"on");
        const OR: u128 = key(b"or");
        const RECENT: u128 = key(b"recent");
        const SEEN: u128 = key(b"seen");
        const SENTBEFORE: u128 = key(b"sentbefore");
        const SENTON: u128 = key(b"senton");
        const SENTSINCE: u128 = key(b"sentsince");
        const SINCE: u128 = key(b"since");
        const SMALLER: u128 = key(b"smaller");
        const SUBJECT: u128 = key(b"subject");
        const TEXT: u128 = key(b"text");
        const TO: u128 = key(b"to");
        const UID: u128 = key(b"uid");
        const UNANSWERED: u128 = key(b"unanswered");
        const UNDELETED: u128 = key(b"undeleted");
        const UNDRAFT: u128 = key(b"undraft");
        const UNFLAGGED: u128 = key(b"unflagged");
        const UNKEYWORD: u128 = key(b"unkeyword");
        const UNSEEN: u128 = key(b"unseen");
        Ok(match packed {
            ALL => SearchKey::All,
            ANSWERED => SearchKey::Answered,
            BCC => SearchKey::Bcc(self.sp_astring()?),
            BEFORE => SearchKey::Before(self.sp_date()?),
            BODY => SearchKey::Body(self.sp_astring()?),
            CC => SearchKey::Cc(self.sp_astring()?),
            DELETED => SearchKey::Deleted,
            DRAFT => SearchKey::Draft,
            FLAGGED => SearchKey::Flagged,
            FROM => SearchKey::From(self.sp_astring()?),
            HEADER => {
                let field = self.sp_astring()?;
                SearchKey::Header(field, self.sp_astring()?)
            }
            KEYWORD => {
                self.sp()?;
                SearchKey::Keyword(self.atom()?)
            }
            LARGER => {
                self.sp()?;
                SearchKey::Larger(self.number64()?)
            }
            NEW => SearchKey::New,
            NOT => {
                self.sp()?;
                SearchKey::Not(Box::new(self.nested(Parser::search_key)?))
            }
            OLD => SearchKey::Old,
            ON => SearchKey::On(self.sp_date()?),
            OR => {
                self.sp()?;
                let (left, right) = self.nested(|p| {
                    let left = p.search_key()?;
                    p.sp()?;
                    Ok((left, p.search_key()?))
                })?;
                SearchKey::Or(Box::new(left), Box::new(right))
            }
            RECENT => SearchKey::Recent,
            SEEN => SearchKey::Seen,
            SENTBEFORE => SearchKey::SentBefore(self.sp_date()?),
            SENTON => SearchKey::SentOn(self.sp_date()?),
            SENTSINCE => SearchKey::SentSince(self.sp_date()?),
            SINCE => SearchKey::Since(self.sp_date()?),
            SMALLER => {
                self.sp()?;
                SearchKey::Smaller(self.number64()?)
            }
            SUBJECT => SearchKey::Subject(self.sp_astring()?),
            TEXT => SearchKey::Text(self.sp_astring()?),
            TO => SearchKey::To(self.sp_astring()?),
            UID => {
                self.sp()?;
                SearchKey::Uid(self.sequence_set()?)
            }
            UNANSWERED => SearchKey::Unanswered,
            UNDELETED => SearchKey::Undeleted,
            UNDRAFT => SearchKey::Undraft,
            UNFLAGGED => SearchKey::Unflagged,
            UNKEYWORD => {
                self.sp()?;
                SearchKey::Unkeyword(self.atom()?)
            }
            UNSEEN => SearchKey::Unseen,
            _ => return Err(unknown_key(start)),
        })
    }

    /// `SP astring`: the argument of a string search key.
    fn sp_astring(&mut self) -> PResult<AString<'a>> {
        self.sp()?;
        self.astring()
    }

    /// `SP date`: the argument of a date search key.
    fn sp_date(&mut self) -> PResult<imap_types::datetime::Date> {
        self.sp()?;
        self.date()
    }
}

/// The failure for a token at `offset` that names no search key.
fn unknown_key(offset: usize) -> Error {
    Error::Failed {
        offset,
        expected: &"search-key",
    }
}

impl Encode for SearchKey<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        /// Writes `name SP value`.
        fn with_arg<'e>(out: &mut Encoder<'e>, name: &[u8], value: &'e impl Encode) {
            out.push(name);
            out.sp();
            value.encode(out);
        }

        match self {
            Self::All => out.push(b"ALL"),
            Self::Answered => out.push(b"ANSWERED"),
            Self::Bcc(v) => with_arg(out, b"BCC", v),
            Self::Before(d) => with_arg(out, b"BEFORE", d),
            Self::Body(v) => with_arg(out, b"BODY", v),
            Self::Cc(v) => with_arg(out, b"CC", v),
            Self::Deleted => out.push(b"DELETED"),
            Self::Draft => out.push(b"DRAFT"),
            Self::Flagged => out.push(b"FLAGGED"),
            Self::From(v) => with_arg(out, b"FROM", v),
            Self::Header(field, value) => {
                with_arg(out, b"HEADER", field);
                out.sp();
                value.encode(out);
            }
            Self::Keyword(k) => with_arg(out, b"KEYWORD", k),
            Self::Larger(n) => {
                out.push(b"LARGER ");
                out.number(*n);
            }
            Self::New => out.push(b"NEW"),
            Self::Not(key) => with_arg(out, b"NOT", key.as_ref()),
            Self::Old => out.push(b"OLD"),
            Self::On(d) => with_arg(out, b"ON", d),
            Self::Or(left, right) => {
                with_arg(out, b"OR", left.as_ref());
                out.sp();
                right.encode(out);
            }
            Self::Recent => out.push(b"RECENT"),
            Self::Seen => out.push(b"SEEN"),
            Self::SentBefore(d) => with_arg(out, b"SENTBEFORE", d),
            Self::SentOn(d) => with_arg(out, b"SENTON", d),
            Self::SentSince(d) => with_arg(out, b"SENTSINCE", d),
            Self::Since(d) => with_arg(out, b"SINCE", d),
            Self::Smaller(n) => {
                out.push(b"SMALLER ");
                out.number(*n);
            }
            Self::Subject(v) => with_arg(out, b"SUBJECT", v),
            Self::Text(v) => with_arg(out, b"TEXT", v),
            Self::To(v) => with_arg(out, b"TO", v),
            Self::Uid(set) => with_arg(out, b"UID", set),
            Self::Unanswered => out.push(b"UNANSWERED"),
            Self::Undeleted => out.push(b"UNDELETED"),
            Self::Undraft => out.push(b"UNDRAFT"),
            Self::Unflagged => out.push(b"UNFLAGGED"),
            Self::Unkeyword(k) => with_arg(out, b"UNKEYWORD", k),
            Self::Unseen => out.push(b"UNSEEN"),
            Self::SequenceSet(set) => set.encode(out),
            Self::And(keys) => out.paren_list(keys, |k, out| k.encode(out)),
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::{vec, vec::Vec};

    use imap_types::{
        core::{Atom, IString, Quoted},
        datetime::Date,
        sequence::SequenceSet,
    };

    use super::*;
    use crate::{
        core::tests::{assert_prefixes_incomplete, failed, run},
        decode::DecodeOptions,
    };

    /// `search-key *(SP search-key)` up to the line end, the shape of a search program.
    fn keys<'a>(p: &mut Parser<'a>) -> PResult<Vec<SearchKey<'a>>> {
        let mut keys = vec![p.search_key()?];
        while !p.at_crlf()? {
            p.sp()?;
            keys.push(p.search_key()?);
        }
        Ok(keys)
    }

    #[test]
    fn search_key_rfc3501_examples() {
        // RFC 3501 section 6.4.4.
        let input = b"FLAGGED SINCE 1-Feb-1994 NOT FROM \"Smith\"\r\n";
        let (decoded, rest) = run(input, keys).unwrap();
        assert_eq!(
            decoded,
            vec![
                SearchKey::Flagged,
                SearchKey::Since(Date::new(1994, 2, 1).unwrap()),
                SearchKey::Not(Box::new(SearchKey::From(AString::String(IString::Quoted(
                    Quoted::try_from("Smith").unwrap()
                ))))),
            ]
        );
        assert_eq!(rest, b"\r\n");
        let mut out = Encoder::new();
        out.join(&decoded, |k, out| k.encode(out));
        assert_eq!(out.to_vec(), &input[..input.len() - 2]);

        let (decoded, _) = run(b"TEXT \"string not in mailbox\"\r\n", keys).unwrap();
        assert_eq!(
            decoded,
            vec![SearchKey::Text(AString::String(IString::Quoted(
                Quoted::try_from("string not in mailbox").unwrap()
            )))]
        );

        // RFC 3501 section 6.4.4 (examples of the key descriptions).
        let (decoded, _) = run(b"OR SEEN FLAGGED 2:4,7 (UID 1:* LARGER 10)\r\n", keys).unwrap();
        assert_eq!(
            decoded,
            vec![
                SearchKey::Or(Box::new(SearchKey::Seen), Box::new(SearchKey::Flagged)),
                SearchKey::SequenceSet(SequenceSet::try_from("2:4,7").unwrap()),
                SearchKey::And(Vec1::unvalidated(vec![
                    SearchKey::Uid(SequenceSet::try_from("1:*").unwrap()),
                    SearchKey::Larger(10),
                ])),
            ]
        );
    }

    #[test]
    fn search_key_every_variant_round_trips() {
        let input: &[u8] =
            b"ALL ANSWERED BCC x BEFORE 1-Feb-1994 BODY \"a b\" CC {1}\r\nc DELETED \
            DRAFT FLAGGED FROM Smith HEADER Message-ID \"<x@y>\" KEYWORD $Junk LARGER 1000 NEW \
            NOT SEEN OLD ON 01-Jan-2000 OR SEEN (DRAFT UNSEEN) RECENT SEEN \
            SENTBEFORE \"3-Mar-2003\" SENTON 4-Apr-2004 SENTSINCE 5-May-2005 SINCE 6-Jun-2006 \
            SMALLER 9223372036854775807 SUBJECT hello TEXT world TO bob UID 1:5,7 UNANSWERED \
            UNDELETED UNDRAFT UNFLAGGED UNKEYWORD Old UNSEEN 1:* $ *:4";
        let mut line = input.to_vec();
        line.extend_from_slice(b"\r\n");
        let (decoded, rest) = run(&line, keys).unwrap();
        assert_eq!(rest, b"\r\n");
        assert_eq!(decoded.len(), 38);
        let mut out = Encoder::new();
        out.join(&decoded, |k, out| k.encode(out));
        assert_eq!(out.to_vec(), input);
    }

    #[test]
    fn search_key_names_ignore_case() {
        let (decoded, _) = run(b"unseen oR Seen fLaGgEd since 1-feb-1994\r\n", keys).unwrap();
        let mut out = Encoder::new();
        out.join(&decoded, |k, out| k.encode(out));
        assert_eq!(out.to_vec(), b"UNSEEN OR SEEN FLAGGED SINCE 1-Feb-1994");
        assert_eq!(
            run(b"keyword $Forwarded)", Parser::search_key).unwrap().0,
            SearchKey::Keyword(Atom::try_from("$Forwarded").unwrap())
        );
    }

    #[test]
    fn search_key_incomplete_prefixes() {
        let full = b"OR (FROM \"Smith\" SINCE 1-Feb-1994) NOT UID 1:4,9 BODY {3}\r\nabc";
        assert_prefixes_incomplete(full, keys);
        assert!(run(&[&full[..], b"\r\n"].concat(), keys).is_ok());
    }

    #[test]
    fn search_key_malformed() {
        assert_eq!(
            run(b"FLAGGEDX ", Parser::search_key),
            Err(failed(0, "search-key"))
        );
        assert_eq!(
            run(b"SENTBEFOREX ", Parser::search_key),
            Err(failed(0, "search-key"))
        );
        assert_eq!(
            run(b"\"ALL\" ", Parser::search_key),
            Err(failed(0, "search-key"))
        );
        assert_eq!(
            run(b"NOT FLAGGED OR SEEN XYZ\r\n", keys),
            Err(failed(20, "search-key"))
        );
        assert_eq!(run(b"NOT\r\n", Parser::search_key), Err(failed(3, "SP")));
        assert_eq!(
            run(b"BEFORE 1-Fob-1994 ", Parser::search_key),
            Err(failed(10, "date-month"))
        );
        assert_eq!(
            run(b"LARGER -1 ", Parser::search_key),
            Err(failed(7, "number"))
        );
        assert_eq!(
            run(b"UID 0:4 ", Parser::search_key),
            Err(failed(4, "sequence-set"))
        );
        assert_eq!(
            run(b"KEYWORD \\Seen ", Parser::search_key),
            Err(failed(8, "atom"))
        );
        assert_eq!(
            run(b"() ", Parser::search_key),
            Err(failed(1, "search-key"))
        );
        assert_eq!(
            run(b"(ALL ) ", Parser::search_key),
            Err(failed(5, "search-key"))
        );
        assert_eq!(
            run(b"(ALL  ", Parser::search_key),
            Err(failed(5, "search-key"))
        );
    }

    #[test]
    fn search_key_depth_is_bounded() {
        let limit = DecodeOptions::DEFAULT_MAX_DEPTH as usize;
        let nots = b"NOT ".repeat(100_000);
        assert_eq!(
            run(&nots, Parser::search_key),
            Err(failed(
                (limit + 1) * 4,
                "less nesting (depth limit reached)"
            ))
        );
        let parens = b"(".repeat(100_000);
        assert_eq!(
            run(&parens, Parser::search_key),
            Err(failed(limit, "less nesting (depth limit reached)"))
        );
        let ors = b"OR ".repeat(100_000);
        assert_eq!(
            run(&ors, Parser::search_key),
            Err(failed(
                (limit + 1) * 3,
                "less nesting (depth limit reached)"
            ))
        );
        // Within the limit, nesting decodes and encodes back.
        let mut input = b"NOT ".repeat(limit);
        input.extend_from_slice(b"ALL\r\n");
        let (key, rest) = run(&input, Parser::search_key).unwrap();
        assert_eq!(rest, b"\r\n");
        assert_eq!(key.encode_to_vec(), &input[..input.len() - 2]);
        // The limit follows the options.
        let options = DecodeOptions {
            lenient: false,
            max_depth: 2,
        };
        let mut p = Parser::new(b"NOT NOT NOT ALL ", &options);
        assert_eq!(
            p.search_key(),
            Err(failed(12, "less nesting (depth limit reached)"))
        );
    }
}

//! Server messages: `greeting`, `response-data`, `response-tagged`, `continue-req`, and the
//! pieces they share: `resp-text` and `resp-text-code`.

use alloc::{borrow::Cow, vec::Vec};
use core::num::NonZeroU32;

use imap_types::{
    auth::{base64_decode, base64_encode},
    core::{Text, chars},
    response::{
        Code, CodeOther, ContinueRequest, Data, Greeting, GreetingKind, RespText, Response, Status,
        StatusKind,
    },
    sequence::SequenceSet,
};

use crate::{
    capability::encode_capability_data,
    decode::{Decode, DecodeError, DecodeOptions, Error, PResult, Parser, is_digit},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `greeting = "*" SP (resp-cond-auth / resp-cond-bye) CRLF`
    ///
    /// `resp-cond-auth = ("OK" / "PREAUTH") SP resp-text`, `resp-cond-bye = "BYE" SP resp-text`
    pub(crate) fn greeting(&mut self) -> PResult<Greeting<'a>> {
        self.expect(b'*', &"\"*\"")?;
        self.sp()?;
        let start = self.pos;
        let word = self.keyword_token()?;
        let kind = if word.eq_ignore_ascii_case(b"OK") {
            GreetingKind::Ok
        } else if word.eq_ignore_ascii_case(b"PREAUTH") {
            GreetingKind::PreAuth
        } else if word.eq_ignore_ascii_case(b"BYE") {
            GreetingKind::Bye
        } else {
            return Err(self.fail_at(start, &"OK, PREAUTH or BYE"));
        };
        let text = self.sp_resp_text()?;
        self.crlf()?;
        Ok(Greeting { kind, text })
    }

    /// `response = continue-req / response-data / response-tagged`, one line at a time
    /// (`response-done` is a tagged or `BYE` status response).
    ///
    /// Read into `response`, where the decoder returns it (see [`Parser::finish_into`]); a
    /// `FETCH` response is written there directly.
    fn response_into(&mut self, response: &mut Response<'a>) -> PResult<()> {
        match self.peek()? {
            b'+' => *response = Response::Continue(self.continue_req()?),
            b'*' => return self.response_data_into(response),
            _ => *response = Response::Status(self.response_tagged()?),
        }
        Ok(())
    }

    /// `continue-req = "+" SP (resp-text / base64) CRLF`
    ///
    /// A line whose text is complete `base64` (the empty line too) is read as base64.
    pub(crate) fn continue_req(&mut self) -> PResult<ContinueRequest<'a>> {
        self.expect(b'+', &"\"+\"")?;
        if !(self.options.lenient && self.at_crlf()?) {
            self.sp()?;
        }
        let text = self.resp_text()?;
        self.crlf()?;
        if text.code.is_none() {
            let mut bytes = text.text.as_str().as_bytes();
            if self.options.lenient {
                while let [rest @ .., b' '] = bytes {
                    bytes = rest;
                }
            }
            // `is_base64_text` is exactly whether this decoding succeeds.
            if let Ok(data) = base64_decode(bytes) {
                return Ok(ContinueRequest::Base64(Cow::Owned(data)));
            }
        }
        Ok(ContinueRequest::Basic(text))
    }

    /// `response-tagged = tag SP resp-cond-state CRLF`
    ///
    /// `resp-cond-state = ("OK" / "NO" / "BAD") SP resp-text`
    pub(crate) fn response_tagged(&mut self) -> PResult<Status<'a>> {
        let tag = self.tag()?;
        self.sp()?;
        let start = self.pos;
        let word = self.keyword_token()?;
        let kind = status_kind(word).ok_or_else(|| self.fail_at(start, &"OK, NO or BAD"))?;
        let text = self.sp_resp_text()?;
        self.crlf()?;
        Ok(Status::Cond {
            tag: Some(tag),
            kind,
            text,
        })
    }

    /// `response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data /
    /// message-data / capability-data) CRLF`
    fn response_data_into(&mut self, response: &mut Response<'a>) -> PResult<()> {
        self.expect(b'*', &"\"*\"")?;
        self.sp()?;
        if self.next_is(is_digit)? {
            self.numbered_data_into(response)?;
        } else {
            *response = self.keyword_data()?;
        }
        self.crlf()
    }

    /// `number SP "EXISTS" / number SP "RECENT"` (`mailbox-data`) and
    /// `nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))` (`message-data`).
    fn numbered_data_into(&mut self, response: &mut Response<'a>) -> PResult<()> {
        let number_at = self.pos;
        let number = self.number()?;
        self.sp()?;
        let start = self.pos;
        let word = self.keyword_token()?;
        let nz = || {
            NonZeroU32::new(number).ok_or(Error::Failed {
                offset: number_at,
                expected: &"nz-number",
            })
        };
        let data = if word.eq_ignore_ascii_case(b"EXISTS") {
            Data::Exists(number)
        } else if word.eq_ignore_ascii_case(b"RECENT") {
            Data::Recent(number)
        } else if word.eq_ignore_ascii_case(b"EXPUNGE") {
            Data::Expunge(nz()?)
        } else if word.eq_ignore_ascii_case(b"FETCH") {
            let seq = nz()?;
            self.sp()?;
            let items = self.msg_att()?;
            Data::Fetch { seq, items }
        } else {
            return Err(self.fail_at(start, &"EXISTS, RECENT, EXPUNGE or FETCH"));
        };
        *response = Response::Data(data);
        Ok(())
    }

    /// The untagged responses that begin with a keyword: `resp-cond-state`, `resp-cond-bye`,
    /// `capability-data` and the keyword forms of `mailbox-data`.
    fn keyword_data(&mut self) -> PResult<Response<'a>> {
        let start = self.pos;
        let word = self.keyword_token()?;
        if let Some(kind) = status_kind(word) {
            return Ok(Response::Status(Status::Cond {
                tag: None,
                kind,
                text: self.sp_resp_text()?,
            }));
        }
        let is = |name: &[u8]| word.eq_ignore_ascii_case(name);
        let data = if is(b"BYE") {
            return Ok(Response::Status(Status::Bye(self.sp_resp_text()?)));
        } else if is(b"CAPABILITY") {
            // `capability-data` begins with its keyword.
            self.pos = start;
            Data::Capability(self.capability_data()?)
        } else if is(b"LIST") {
            self.sp()?;
            Data::List(self.mailbox_list()?)
        } else if is(b"LSUB") {
            self.sp()?;
            Data::Lsub(self.mailbox_list()?)
        } else if is(b"STATUS") {
            self.sp()?;
            let mailbox = self.mailbox()?;
            self.sp()?;
            let items = self.paren_list(true, Parser::status_att_val)?;
            Data::Status { mailbox, items }
        } else if is(b"SEARCH") {
            self.search_data()?
        } else if is(b"FLAGS") {
            self.sp()?;
            Data::Flags(self.flag_list()?)
        } else {
            return Err(self.fail_at(
                start,
                &"OK, NO, BAD, BYE, CAPABILITY, LIST, LSUB, STATUS, SEARCH, FLAGS or a number",
            ));
        };
        Ok(Response::Data(data))
    }

    /// `*(SP nz-number) [SP "(" "MODSEQ" SP mod-sequence-value ")"]`: the rest of a `SEARCH`
    /// response (RFC 3501, RFC 7162).
    fn search_data(&mut self) -> PResult<Data<'a>> {
        let mut numbers = Vec::new();
        let mut mod_seq = None;
        while self.peek()? == b' ' {
            match self.peek2()? {
                b'\r' | b'\n' | b' ' if self.options.lenient => break,
                b'(' => {
                    self.pos += 2;
                    self.keyword(b"MODSEQ", &"MODSEQ")?;
                    self.sp()?;
                    mod_seq = Some(self.mod_sequence_value()?);
                    self.expect(b')', &"\")\"")?;
                    break;
                }
                _ => {
                    self.pos += 1;
                    numbers.push(self.nz_number()?);
                }
            }
        }
        Ok(Data::Search { numbers, mod_seq })
    }

    /// `SP resp-text` after a status word; when lenient, the line may end right after the
    /// word (as in `* OK\r\n`), which gives an empty text.
    fn sp_resp_text(&mut self) -> PResult<RespText<'a>> {
        if self.options.lenient && self.at_crlf()? {
            return Ok(RespText {
                code: None,
                text: Text::unvalidated(""),
            });
        }
        self.sp()?;
        self.resp_text()
    }

    /// `resp-text = ["[" resp-text-code "]" SP] [text]`
    ///
    /// When lenient, a code may end the line without `SP`.
    pub(crate) fn resp_text(&mut self) -> PResult<RespText<'a>> {
        if !self.eat(b'[')? {
            return Ok(RespText {
                code: None,
                text: self.text()?,
            });
        }
        let code = self.resp_text_code()?;
        self.expect(b']', &"\"]\"")?;
        if self.options.lenient && self.at_crlf()? {
            return Ok(RespText {
                code: Some(code),
                text: Text::unvalidated(""),
            });
        }
        self.sp()?;
        Ok(RespText {
            code: Some(code),
            text: self.text()?,
        })
    }

    /// `resp-text-code = "ALERT" / "BADCHARSET" [SP "(" charset *(SP charset) ")"] /
    /// capability-data / "PARSE" / "PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")" /
    /// "READ-ONLY" / "READ-WRITE" / "TRYCREATE" / "UIDNEXT" SP nz-number /
    /// "UIDVALIDITY" SP nz-number / "UNSEEN" SP nz-number /
    /// atom [SP 1*<any TEXT-CHAR except "]">]`, with the codes of RFC 4315, RFC 5530,
    /// RFC 7162, RFC 9051 and RFC 4978.
    pub(crate) fn resp_text_code(&mut self) -> PResult<Code<'a>> {
        let start = self.pos;
        let name = self.atom()?;
        let bytes = name.as_str().as_bytes();
        if let Some(code) = Code::plain(bytes) {
            return Ok(code);
        }
        let is = |n: &[u8]| bytes.eq_ignore_ascii_case(n);
        if is(b"BADCHARSET") {
            let mut charsets = Vec::new();
            if self.eat(b' ')? {
                charsets = self.paren_list(false, Parser::charset)?;
            }
            Ok(Code::BadCharset(charsets))
        } else if is(b"CAPABILITY") {
            // `capability-data` begins with its keyword.
            self.pos = start;
            Ok(Code::Capability(self.capability_data()?))
        } else if is(b"PERMANENTFLAGS") {
            self.sp()?;
            Ok(Code::PermanentFlags(
                self.paren_list(true, Parser::flag_perm)?,
            ))
        } else if is(b"UIDNEXT") {
            self.sp()?;
            Ok(Code::UidNext(self.nz_number()?))
        } else if is(b"UIDVALIDITY") {
            self.sp()?;
            Ok(Code::UidValidity(self.nz_number()?))
        } else if is(b"UNSEEN") {
            self.sp()?;
            Ok(Code::Unseen(self.nz_number()?))
        } else if is(b"APPENDUID") {
            self.sp()?;
            let uid_validity = self.nz_number()?;
            self.sp()?;
            let uids = uid_set(self)?;
            Ok(Code::AppendUid { uid_validity, uids })
        } else if is(b"COPYUID") {
            self.sp()?;
            let uid_validity = self.nz_number()?;
            self.sp()?;
            let source = uid_set(self)?;
            self.sp()?;
            let destination = uid_set(self)?;
            Ok(Code::CopyUid {
                uid_validity,
                source,
                destination,
            })
        } else if is(b"HIGHESTMODSEQ") {
            self.sp()?;
            Ok(Code::HighestModSeq(self.mod_sequence_value()?))
        } else if is(b"MODIFIED") {
            self.sp()?;
            Ok(Code::Modified(self.sequence_set()?))
        } else {
            let arguments = if self.eat(b' ')? {
                let at = self.pos;
                let bytes = self.take_while1(
                    |b| chars::is_text_char(b) && b != b']',
                    &"resp-text-code arguments",
                )?;
                let s = core::str::from_utf8(bytes).map_err(|e| Error::Failed {
                    offset: at + e.valid_up_to(),
                    expected: &"UTF-8 text",
                })?;
                Some(Cow::Borrowed(s))
            } else {
                None
            };
            Ok(Code::Other(CodeOther::unvalidated(name, arguments)))
        }
    }
}

/// `OK`, `NO` or `BAD` (any case).
fn status_kind(word: &[u8]) -> Option<StatusKind> {
    if word.eq_ignore_ascii_case(b"OK") {
        Some(StatusKind::Ok)
    } else if word.eq_ignore_ascii_case(b"NO") {
        Some(StatusKind::No)
    } else if word.eq_ignore_ascii_case(b"BAD") {
        Some(StatusKind::Bad)
    } else {
        None
    }
}

/// `uid-set = (uniqueid / uid-range) *("," uid-set)` (RFC 4315): a `sequence-set` without `*`
/// or `$`.
fn uid_set<'a>(p: &mut Parser<'a>) -> PResult<SequenceSet<'a>> {
    let start = p.pos;
    let set = p.sequence_set()?;
    match set.as_str().bytes().position(|b| b == b'*' || b == b'$') {
        Some(at) => Err(Error::Failed {
            offset: start + at,
            expected: &"uid-set",
        }),
        None => Ok(set),
    }
}

impl<'a> Decode<'a> for Greeting<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Parser::new(input, options).finish(Parser::greeting)
    }
}

impl<'a> Decode<'a> for Response<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        let placeholder = || Response::Data(Data::Exists(0));
        Parser::new(input, options).finish_into(placeholder, Parser::response_into, |_| None)
    }
}

impl Encode for Greeting<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(match self.kind {
            GreetingKind::Ok => b"* OK ",
            GreetingKind::PreAuth => b"* PREAUTH ",
            GreetingKind::Bye => b"* BYE ",
        });
        self.text.encode(out);
        out.crlf();
    }
}

impl Encode for Response<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Status(status) => status.encode(out),
            Self::Data(data) => data.encode(out),
            Self::Continue(request) => request.encode(out),
        }
    }

    fn literal_bytes(&self) -> usize {
        match self {
            Self::Data(data) => data.literal_bytes(),
            _ => 0,
        }
    }
}

/// Writes a whole status line, tag (or `*`) and CRLF included.
impl Encode for Status<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Cond { tag, kind, text } => {
                match tag {
                    Some(tag) => tag.encode(out),
                    None => out.byte(b'*'),
                }
                out.push(match kind {
                    StatusKind::Ok => b" OK ",
                    StatusKind::No => b" NO ",
                    StatusKind::Bad => b" BAD ",
                });
                text.encode(out);
            }
            Self::Bye(text) => {
                out.push(b"* BYE ");
                text.encode(out);
            }
        }
        out.crlf();
    }
}

impl Encode for RespText<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        if let Some(code) = &self.code {
            out.byte(b'[');
            code.encode(out);
            out.push(b"] ");
        }
        self.text.encode(out);
    }
}

impl Encode for Code<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        if let Some(name) = self.plain_name() {
            out.push(name.as_bytes());
            return;
        }
        match self {
            Self::BadCharset(charsets) => {
                out.push(b"BADCHARSET");
                if !charsets.is_empty() {
                    out.sp();
                    out.paren_list(charsets, |c, out| c.encode(out));
                }
            }
            Self::Capability(capabilities) => encode_capability_data(capabilities, out),
            Self::PermanentFlags(flags) => {
                out.push(b"PERMANENTFLAGS ");
                out.paren_list(flags, |f, out| f.encode(out));
            }
            Self::UidNext(n) => encode_named_number(b"UIDNEXT ", n.get().into(), out),
            Self::UidValidity(n) => encode_named_number(b"UIDVALIDITY ", n.get().into(), out),
            Self::Unseen(n) => encode_named_number(b"UNSEEN ", n.get().into(), out),
            Self::AppendUid { uid_validity, uids } => {
                encode_named_number(b"APPENDUID ", uid_validity.get().into(), out);
                out.sp();
                uids.encode(out);
            }
            Self::CopyUid {
                uid_validity,
                source,
                destination,
            } => {
                encode_named_number(b"COPYUID ", uid_validity.get().into(), out);
                out.sp();
                source.encode(out);
                out.sp();
                destination.encode(out);
            }
            Self::HighestModSeq(n) => encode_named_number(b"HIGHESTMODSEQ ", *n, out),
            Self::Modified(set) => {
                out.push(b"MODIFIED ");
                set.encode(out);
            }
            Self::Other(other) => {
                other.name().encode(out);
                if let Some(arguments) = other.arguments() {
                    out.sp();
                    out.push(arguments.as_bytes());
                }
            }
            // The codes without argument are written above.
            _ => {}
        }
    }
}

/// Writes `name` (with its trailing space) and a number.
fn encode_named_number(name: &[u8], n: u64, out: &mut Encoder<'_>) {
    out.push(name);
    out.number(n);
}

/// Writes a whole untagged line: `"*" SP`, the data, CRLF.
impl Encode for Data<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(b"* ");
        match self {
            Self::Capability(capabilities) => encode_capability_data(capabilities, out),
            Self::List(list) => {
                out.push(b"LIST ");
                list.encode(out);
            }
            Self::Lsub(list) => {
                out.push(b"LSUB ");
                list.encode(out);
            }
            Self::Status { mailbox, items } => {
                out.push(b"STATUS ");
                mailbox.encode(out);
                out.sp();
                out.paren_list(items, |i, out| i.encode(out));
            }
            Self::Search { numbers, mod_seq } => {
                out.push(b"SEARCH");
                for n in numbers {
                    out.sp();
                    out.number(n.get().into());
                }
                if let Some(mod_seq) = mod_seq {
                    out.push(b" (MODSEQ ");
                    out.number(*mod_seq);
                    out.byte(b')');
                }
            }
            Self::Flags(flags) => {
                out.push(b"FLAGS ");
                out.paren_list(flags, |f, out| f.encode(out));
            }
            Self::Exists(n) => {
                out.number((*n).into());
                out.push(b" EXISTS");
            }
            Self::Recent(n) => {
                out.number((*n).into());
                out.push(b" RECENT");
            }
            Self::Expunge(n) => {
                out.number(n.get().into());
                out.push(b" EXPUNGE");
            }
            Self::Fetch { seq, items } => {
                out.number(seq.get().into());
                out.push(b" FETCH ");
                out.paren_list(items, |i, out| i.encode(out));
            }
        }
        out.crlf();
    }

    fn literal_bytes(&self) -> usize {
        match self {
            Self::Fetch { items, .. } => items.iter().map(Encode::literal_bytes).sum(),
            _ => 0,
        }
    }
}

/// Writes a whole continuation request line: `"+" SP`, the text or base64, CRLF.
impl Encode for ContinueRequest<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(b"+ ");
        match self {
            Self::Basic(text) => text.encode(out),
            Self::Base64(data) => {
                let mut encoded = Vec::with_capacity(data.len().div_ceil(3) * 4);
                base64_encode(data, &mut encoded);
                out.push(&encoded);
            }
        }
        out.crlf();
    }
}

#[cfg(test)]
mod tests {
    use alloc::vec;

    use imap_types::{
        core::{Atom, Charset, Tag, Text},
        flag::{Flag, FlagPerm},
        response::{
            Code, CodeOther, ContinueRequest, Data, Greeting, GreetingKind, PLAIN_CODES, RespText,
            Response, Status, StatusKind,
        },
        sequence::SequenceSet,
    };

    use super::*;
    use crate::core::tests::{failed, run};

    fn nz(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).unwrap()
    }

    fn text(s: &str) -> Text<'_> {
        Text::try_from(s).unwrap()
    }

    fn resp_text<'a>(code: Option<Code<'a>>, s: &'a str) -> RespText<'a> {
        RespText {
            code,
            text: text(s),
        }
    }

    /// Decodes a whole response strictly and checks that it encodes back to the same bytes.
    fn response(input: &[u8]) -> Response<'_> {
        let (rest, value) = Response::decode(input).unwrap();
        assert!(rest.is_empty(), "rest: {rest:?}");
        assert_eq!(
            value.encode_to_vec(),
            input,
            "round trip of {:?}",
            core::str::from_utf8(input)
        );
        value
    }

    /// Decodes a whole greeting strictly and checks that it encodes back to the same bytes.
    fn greeting(input: &[u8]) -> Greeting<'_> {
        let (rest, value) = Greeting::decode(input).unwrap();
        assert!(rest.is_empty());
        assert_eq!(value.encode_to_vec(), input);
        value
    }

    fn lenient(input: &[u8]) -> Result<(&[u8], Response<'_>), DecodeError<'_>> {
        Response::decode_with(input, &DecodeOptions::lenient())
    }

    fn failure(offset: usize, expected: &'static str) -> DecodeError<'static> {
        DecodeError::Failed { offset, expected }
    }

    /// Every proper prefix of `input` is incomplete, strictly and leniently.
    fn prefixes_are_incomplete<'a, T: Decode<'a> + core::fmt::Debug>(input: &'a [u8]) {
        for options in [DecodeOptions::strict(), DecodeOptions::lenient()] {
            for end in 0..input.len() {
                let result = T::decode_with(&input[..end], &options).map(|(_, v)| v);
                assert!(
                    matches!(result, Err(DecodeError::Incomplete)),
                    "{result:?} for prefix {:?} (lenient: {})",
                    core::str::from_utf8(&input[..end]),
                    options.lenient
                );
            }
        }
    }

    #[test]
    fn greeting_rule() {
        assert_eq!(
            greeting(b"* OK IMAP4rev1 Service Ready\r\n"),
            Greeting {
                kind: GreetingKind::Ok,
                text: resp_text(None, "IMAP4rev1 Service Ready"),
            }
        );
        assert_eq!(
            greeting(b"* PREAUTH IMAP4rev1 server logged in as Smith\r\n").kind,
            GreetingKind::PreAuth
        );
        assert_eq!(
            greeting(b"* BYE Autologout; idle for too long\r\n"),
            Greeting {
                kind: GreetingKind::Bye,
                text: resp_text(None, "Autologout; idle for too long"),
            }
        );
        assert_eq!(
            greeting(b"* OK [ALERT] System shutdown in 10 minutes\r\n").text,
            resp_text(Some(Code::Alert), "System shutdown in 10 minutes")
        );
        let (_, lower) = Greeting::decode(b"* preauth hi\r\n").unwrap();
        assert_eq!(lower.encode_to_vec(), b"* PREAUTH hi\r\n");
        let (rest, _) = Greeting::decode(b"* OK x\r\n* 1 EXISTS\r\n").unwrap();
        assert_eq!(rest, b"* 1 EXISTS\r\n");
        assert_eq!(
            Greeting::decode(b"* NO go away\r\n"),
            Err(failure(2, "OK, PREAUTH or BYE"))
        );
        assert_eq!(Greeting::decode(b"A1 OK x\r\n"), Err(failure(0, "\"*\"")));
        assert_eq!(Greeting::decode(b"*OK x\r\n"), Err(failure(1, "SP")));
        assert_eq!(Greeting::decode(b"* OK\r\n"), Err(failure(4, "SP")));
        assert_eq!(Greeting::decode(b"* OK [ALERT]\n"), Err(failure(12, "SP")));
        assert_eq!(
            Greeting::decode_with(b"* OK [ALERT]\n", &DecodeOptions::lenient()),
            Ok((
                &b""[..],
                Greeting {
                    kind: GreetingKind::Ok,
                    text: resp_text(Some(Code::Alert), ""),
                }
            ))
        );
        prefixes_are_incomplete::<Greeting>(b"* OK [UIDNEXT 4392] IMAP4rev1 Service Ready\r\n");
    }

    #[test]
    fn greeting_encoding() {
        let value = Greeting {
            kind: GreetingKind::PreAuth,
            text: resp_text(Some(Code::Alert), ""),
        };
        assert_eq!(value.encode_to_vec(), b"* PREAUTH [ALERT] \r\n");
    }

    #[test]
    fn status_responses() {
        assert_eq!(
            response(b"A142 OK [READ-WRITE] SELECT completed\r\n"),
            Response::Status(Status::Cond {
                tag: Some(Tag::try_from("A142").unwrap()),
                kind: StatusKind::Ok,
                text: resp_text(Some(Code::ReadWrite), "SELECT completed"),
            })
        );
        assert_eq!(
            response(b"* BYE IMAP4rev1 Server logging out\r\n"),
            Response::Status(Status::Bye(resp_text(None, "IMAP4rev1 Server logging out")))
        );
        assert_eq!(
            response(b"* NO Disk is 98% full, please delete unnecessary data\r\n"),
            Response::Status(Status::Cond {
                tag: None,
                kind: StatusKind::No,
                text: resp_text(None, "Disk is 98% full, please delete unnecessary data"),
            })
        );
        assert_eq!(
            response(b"A001 BAD \r\n"),
            Response::Status(Status::Cond {
                tag: Some(Tag::try_from("A001").unwrap()),
                kind: StatusKind::Bad,
                text: resp_text(None, ""),
            })
        );
        assert_eq!(
            response(b"* OK [UNSEEN 12] Message 12 is first unseen\r\n"),
            Response::Status(Status::Cond {
                tag: None,
                kind: StatusKind::Ok,
                text: resp_text(Some(Code::Unseen(nz(12))), "Message 12 is first unseen"),
            })
        );
        let (_, lower) = Response::decode(b"a1 ok [read-only] done\r\n").unwrap();
        assert_eq!(lower.encode_to_vec(), b"a1 OK [READ-ONLY] done\r\n");
        // A response code must be followed by SP, strictly.
        assert_eq!(
            Response::decode(b"* OK [ALERT]\r\n"),
            Err(failure(12, "SP"))
        );
        assert_eq!(
            Response::decode(b"A1 DONE x\r\n"),
            Err(failure(3, "OK, NO or BAD"))
        );
        assert_eq!(Response::decode(b"A1 OK x\n"), Err(failure(7, "CRLF")));
        assert_eq!(Response::decode(b"* OK x\ry\n"), Err(failure(7, "CRLF")));
        assert_eq!(
            Response::decode(b"* OK \xff\r\n"),
            Err(failure(5, "UTF-8 text"))
        );
        assert_eq!(Response::decode(b"* OK [x\r\n"), Err(failure(7, "\"]\"")));
        assert_eq!(
            Response::decode(b"A1  OK x\r\n"),
            Err(failure(3, "OK, NO or BAD"))
        );
        for input in [
            &b"A142 OK [READ-WRITE] SELECT completed\r\n"[..],
            b"* BYE IMAP4rev1 Server logging out\r\n",
            b"* NO [ALERT] x\r\n",
            b"A1 BAD \r\n",
        ] {
            prefixes_are_incomplete::<Response>(input);
        }
    }

    #[test]
    fn lenient_status_responses() {
        let expected = Response::Status(Status::Cond {
            tag: None,
            kind: StatusKind::Ok,
            text: resp_text(Some(Code::Alert), ""),
        });
        assert_eq!(
            lenient(b"* OK [ALERT]\r\nx"),
            Ok((&b"x"[..], expected.clone()))
        );
        assert_eq!(lenient(b"* OK [ALERT]\n"), Ok((&b""[..], expected)));
        assert_eq!(
            lenient(b"A1 OK done  \r\n"),
            Ok((
                &b""[..],
                Response::Status(Status::Cond {
                    tag: Some(Tag::try_from("A1").unwrap()),
                    kind: StatusKind::Ok,
                    text: resp_text(None, "done  "),
                })
            ))
        );
        assert_eq!(
            lenient(b"* 3 EXISTS \r\n"),
            Ok((&b""[..], Response::Data(Data::Exists(3))))
        );
        assert_eq!(
            lenient(b"* 3 EXISTS\n"),
            Ok((&b""[..], Response::Data(Data::Exists(3))))
        );
        // A status word that ends the line: empty text when lenient, an error when strict.
        let bare = Response::Status(Status::Cond {
            tag: Some(Tag::try_from("A2").unwrap()),
            kind: StatusKind::No,
            text: resp_text(None, ""),
        });
        assert_eq!(lenient(b"A2 NO\r\n"), Ok((&b""[..], bare.clone())));
        assert_eq!(bare.encode_to_vec(), b"A2 NO \r\n");
        assert_eq!(Response::decode(b"A2 NO\r\n"), Err(failure(5, "SP")));
        assert!(matches!(
            lenient(b"* BYE\r\n"),
            Ok((_, Response::Status(Status::Bye(_))))
        ));
        assert!(Greeting::decode_with(b"* OK\r\n", &DecodeOptions::lenient()).is_ok());
        assert_eq!(lenient(b"* OK [ALERT]x\r\n"), Err(failure(12, "SP")));
        assert_eq!(lenient(b"* OK [ALERT]"), Err(DecodeError::Incomplete));
    }

    #[test]
    fn resp_text_rule() {
        assert_eq!(
            run(b"[ALERT] hi\r\n", Parser::resp_text),
            Ok((resp_text(Some(Code::Alert), "hi"), &b"\r\n"[..]))
        );
        assert_eq!(
            run(b"\r\n", Parser::resp_text),
            Ok((resp_text(None, ""), &b"\r\n"[..]))
        );
        assert_eq!(
            run(b"[ALERT] [x]\r\n", Parser::resp_text),
            Err(failed(8, "text not starting with \"[\""))
        );
        assert_eq!(run(b"[ALERT]", Parser::resp_text), Err(Error::Incomplete));
        assert_eq!(
            resp_text(Some(Code::Parse), "x").encode_to_vec(),
            b"[PARSE] x"
        );
        assert_eq!(resp_text(None, "").encode_to_vec(), b"");
    }

    #[test]
    fn resp_text_code_without_arguments() {
        assert_eq!(PLAIN_CODES.len(), 27);
        for (name, expected) in PLAIN_CODES {
            let input = alloc::format!("{name}]");
            let (code, rest) = run(input.as_bytes(), Parser::resp_text_code).unwrap();
            assert_eq!(&code, expected);
            assert_eq!(rest, b"]");
            assert_eq!(code.encode_to_vec(), name.as_bytes());
            let lower = alloc::format!("{}]", name.to_ascii_lowercase());
            assert_eq!(
                run(lower.as_bytes(), Parser::resp_text_code).unwrap().0,
                code
            );
        }
        // RFC 5530 examples.
        assert_eq!(
            response(b"A01 NO [UNAVAILABLE] User's backend down for maintenance\r\n"),
            Response::Status(Status::Cond {
                tag: Some(Tag::try_from("A01").unwrap()),
                kind: StatusKind::No,
                text: resp_text(
                    Some(Code::Unavailable),
                    "User's backend down for maintenance"
                ),
            })
        );
        response(b"a NO [AUTHENTICATIONFAILED] Authentication failed\r\n");
        response(b"b NO [AUTHORIZATIONFAILED] No such authorization-ID\r\n");
        response(b"c NO [EXPIRED] That password isn't valid any more\r\n");
        response(b"d NO [PRIVACYREQUIRED] Connection offers no privacy\r\n");
        response(b"e NO [CONTACTADMIN] You need to contact admin\r\n");
        response(b"f NO [NOPERM] Access denied\r\n");
        response(b"g NO [INUSE] Mailbox in use\r\n");
        response(b"h NO [EXPUNGEISSUED] Some messages were also expunged\r\n");
        response(b"i NO [CORRUPTION] Cannot open mailbox\r\n");
        response(b"j NO [SERVERBUG] Not implemented\r\n");
        response(b"k BAD [CLIENTBUG] Bad command\r\n");
        response(b"l NO [CANNOT] Cannot remove INBOX\r\n");
        response(b"m NO [LIMIT] At maximum number of mailboxes\r\n");
        response(b"n NO [OVERQUOTA] Sorry\r\n");
        response(b"o NO [ALREADYEXISTS] Mailbox \"that\" already exists\r\n");
        response(b"p NO [NONEXISTENT] No such mailbox\r\n");
        // A known name with an argument it does not take is a failure.
        assert_eq!(
            Response::decode(b"* OK [ALERT now] x\r\n"),
            Err(failure(11, "\"]\""))
        );
    }

    #[test]
    fn resp_text_code_with_numbers() {
        assert_eq!(
            response(b"* OK [UIDVALIDITY 3857529045] UIDs valid\r\n"),
            Response::Status(Status::Cond {
                tag: None,
                kind: StatusKind::Ok,
                text: resp_text(Some(Code::UidValidity(nz(3857529045))), "UIDs valid"),
            })
        );
        assert_eq!(
            run(b"UIDNEXT 4392]", Parser::resp_text_code).unwrap().0,
            Code::UidNext(nz(4392))
        );
        assert_eq!(
            run(b"HIGHESTMODSEQ 715194045007]", Parser::resp_text_code)
                .unwrap()
                .0,
            Code::HighestModSeq(715194045007)
        );
        response(b"* OK [HIGHESTMODSEQ 715194045007] Highest\r\n");
        response(b"* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences\r\n");
        assert_eq!(
            response(b"d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n"),
            Response::Status(Status::Cond {
                tag: Some(Tag::try_from("d105").unwrap()),
                kind: StatusKind::Ok,
                text: resp_text(
                    Some(Code::Modified(SequenceSet::try_from("7,9").unwrap())),
                    "Conditional STORE failed"
                ),
            })
        );
        assert_eq!(
            run(b"UIDNEXT]", Parser::resp_text_code),
            Err(failed(7, "SP"))
        );
        assert_eq!(
            run(b"UIDNEXT 0]", Parser::resp_text_code),
            Err(failed(8, "nz-number"))
        );
        assert_eq!(
            run(b"UNSEEN x]", Parser::resp_text_code),
            Err(failed(7, "number"))
        );
        assert_eq!(
            run(b"HIGHESTMODSEQ 0]", Parser::resp_text_code),
            Err(failed(14, "mod-sequence-value"))
        );
        assert_eq!(
            run(b"UIDVALIDITY 4294967296]", Parser::resp_text_code),
            Err(failed(12, "number below 2^32"))
        );
        assert_eq!(
            run(b"UIDNEXT 12", Parser::resp_text_code),
            Err(Error::Incomplete)
        );
    }

    #[test]
    fn resp_text_code_uidplus() {
        assert_eq!(
            response(b"A003 OK [APPENDUID 38505 3955] APPEND completed\r\n"),
            Response::Status(Status::Cond {
                tag: Some(Tag::try_from("A003").unwrap()),
                kind: StatusKind::Ok,
                text: resp_text(
                    Some(Code::AppendUid {
                        uid_validity: nz(38505),
                        uids: SequenceSet::try_from("3955").unwrap(),
                    }),
                    "APPEND completed"
                ),
            })
        );
        assert_eq!(
            response(b"A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n"),
            Response::Status(Status::Cond {
                tag: Some(Tag::try_from("A004").unwrap()),
                kind: StatusKind::Ok,
                text: resp_text(
                    Some(Code::CopyUid {
                        uid_validity: nz(38505),
                        source: SequenceSet::try_from("304,319:320").unwrap(),
                        destination: SequenceSet::try_from("3956:3958").unwrap(),
                    }),
                    "Done"
                ),
            })
        );
        response(b"A005 OK [APPENDUID 38505 3956:3958] MULTIAPPEND completed\r\n");
        response(b"A006 NO [UIDNOTSTICKY] Non-persistent UIDs\r\n");
        assert_eq!(
            run(b"APPENDUID 1 2:*]", Parser::resp_text_code),
            Err(failed(14, "uid-set"))
        );
        assert_eq!(
            run(b"COPYUID 1 $ 2]", Parser::resp_text_code),
            Err(failed(10, "uid-set"))
        );
        assert_eq!(
            run(b"COPYUID 1 2]", Parser::resp_text_code),
            Err(failed(11, "SP"))
        );
        prefixes_are_incomplete::<Response>(
            b"A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
        );
    }

    #[test]
    fn resp_text_code_badcharset() {
        assert_eq!(
            response(b"A1 NO [BADCHARSET] x\r\n"),
            Response::Status(Status::Cond {
                tag: Some(Tag::try_from("A1").unwrap()),
                kind: StatusKind::No,
                text: resp_text(Some(Code::BadCharset(vec![])), "x"),
            })
        );
        assert_eq!(
            run(b"BADCHARSET (UTF-8 \"US ASCII\")]", Parser::resp_text_code)
                .unwrap()
                .0,
            Code::BadCharset(vec![
                Charset::try_from("UTF-8").unwrap(),
                Charset::try_from("US ASCII").unwrap(),
            ])
        );
        response(b"A2 NO [BADCHARSET (UTF-8 \"US ASCII\")] Unsupported charset\r\n");
        assert_eq!(
            run(b"BADCHARSET ()]", Parser::resp_text_code),
            Err(failed(12, "astring"))
        );
        prefixes_are_incomplete::<Response>(b"A2 NO [BADCHARSET (UTF-8 US-ASCII)] x\r\n");
    }

    #[test]
    fn resp_text_code_other() {
        let code = |name, arguments: Option<&'static str>| {
            Code::Other(
                CodeOther::new(Atom::try_from(name).unwrap(), arguments.map(Cow::Borrowed))
                    .unwrap(),
            )
        };
        assert_eq!(
            run(b"X-FOO bar (baz) 1]", Parser::resp_text_code)
                .unwrap()
                .0,
            code("X-FOO", Some("bar (baz) 1"))
        );
        assert_eq!(
            run(b"REFERRAL imap://x/]", Parser::resp_text_code)
                .unwrap()
                .0,
            code("REFERRAL", Some("imap://x/"))
        );
        assert_eq!(
            run(b"x-Bar]", Parser::resp_text_code).unwrap().0,
            code("x-Bar", None)
        );
        response(b"* OK [X-FOO bar (baz) 1] hello\r\n");
        response(b"* NO [x-Bar] hello\r\n");
        assert_eq!(
            run(b"X-FOO ]", Parser::resp_text_code),
            Err(failed(6, "resp-text-code arguments"))
        );
        assert_eq!(
            run(b"X-FOO \xc3\xa9\xff]", Parser::resp_text_code),
            Err(failed(8, "UTF-8 text"))
        );
        assert_eq!(run(b"]", Parser::resp_text_code), Err(failed(0, "atom")));
        assert_eq!(
            run(b"X-FOO a", Parser::resp_text_code),
            Err(Error::Incomplete)
        );
        assert_eq!(code("X-FOO", Some("a b")).encode_to_vec(), b"X-FOO a b");
    }

    #[test]
    fn numbered_data() {
        assert_eq!(
            response(b"* 172 EXISTS\r\n"),
            Response::Data(Data::Exists(172))
        );
        assert_eq!(response(b"* 0 EXISTS\r\n"), Response::Data(Data::Exists(0)));
        assert_eq!(response(b"* 1 RECENT\r\n"), Response::Data(Data::Recent(1)));
        assert_eq!(
            response(b"* 44 EXPUNGE\r\n"),
            Response::Data(Data::Expunge(nz(44)))
        );
        let (_, lower) = Response::decode(b"* 3 exists\r\n").unwrap();
        assert_eq!(lower, Response::Data(Data::Exists(3)));
        assert_eq!(
            Response::decode(b"* 0 EXPUNGE\r\n"),
            Err(failure(2, "nz-number"))
        );
        assert_eq!(
            Response::decode(b"* 0 FETCH (UID 1)\r\n"),
            Err(failure(2, "nz-number"))
        );
        assert_eq!(
            Response::decode(b"* 3 FOO\r\n"),
            Err(failure(4, "EXISTS, RECENT, EXPUNGE or FETCH"))
        );
        assert_eq!(
            Response::decode(b"* 4294967296 EXISTS\r\n"),
            Err(failure(2, "number below 2^32"))
        );
        assert_eq!(
            Response::decode(b"* 3  EXISTS\r\n"),
            Err(failure(4, "EXISTS, RECENT, EXPUNGE or FETCH"))
        );
        assert_eq!(
            Response::decode(b"* 3 EXISTS x\r\n"),
            Err(failure(10, "CRLF"))
        );
        for input in [
            &b"* 172 EXISTS\r\n"[..],
            b"* 1 RECENT\r\n",
            b"* 44 EXPUNGE\r\n",
        ] {
            prefixes_are_incomplete::<Response>(input);
        }
    }

    #[test]
    fn search_data() {
        assert_eq!(
            response(b"* SEARCH 2 84 882\r\n"),
            Response::Data(Data::Search {
                numbers: vec![nz(2), nz(84), nz(882)],
                mod_seq: None,
            })
        );
        assert_eq!(
            response(b"* SEARCH\r\n"),
            Response::Data(Data::Search {
                numbers: vec![],
                mod_seq: None,
            })
        );
        // RFC 7162, section 3.1.5.
        assert_eq!(
            response(b"* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n"),
            Response::Data(Data::Search {
                numbers: [2, 5, 6, 7, 11, 12, 18, 19, 20, 23].map(nz).to_vec(),
                mod_seq: Some(917162500),
            })
        );
        let (_, lower) = Response::decode(b"* search 1 (modseq 5)\r\n").unwrap();
        assert_eq!(lower.encode_to_vec(), b"* SEARCH 1 (MODSEQ 5)\r\n");
        assert_eq!(
            Response::decode(b"* SEARCH 2 \r\n"),
            Err(failure(11, "number"))
        );
        assert_eq!(
            lenient(b"* SEARCH 2 \r\n"),
            Ok((
                &b""[..],
                Response::Data(Data::Search {
                    numbers: vec![nz(2)],
                    mod_seq: None,
                })
            ))
        );
        assert_eq!(
            Response::decode(b"* SEARCH 0\r\n"),
            Err(failure(9, "nz-number"))
        );
        assert_eq!(
            Response::decode(b"* SEARCH 1 (MODSEQ 0)\r\n"),
            Err(failure(19, "mod-sequence-value"))
        );
        assert_eq!(
            Response::decode(b"* SEARCH 1 (MODSEQ 3) 4\r\n"),
            Err(failure(21, "CRLF"))
        );
        assert_eq!(
            Response::decode(b"* SEARCH 1 (X 3)\r\n"),
            Err(failure(12, "MODSEQ"))
        );
        assert_eq!(
            Response::decode(b"* SEARCHX\r\n"),
            Err(failure(
                2,
                "OK, NO, BAD, BYE, CAPABILITY, LIST, LSUB, STATUS, SEARCH, FLAGS or a number"
            ))
        );
        prefixes_are_incomplete::<Response>(b"* SEARCH 2 84 882\r\n");
        prefixes_are_incomplete::<Response>(b"* SEARCH 1 (MODSEQ 917162500)\r\n");
    }

    #[test]
    fn continue_req_rule() {
        assert_eq!(
            response(b"+ Ready for additional command text\r\n"),
            Response::Continue(ContinueRequest::Basic(resp_text(
                None,
                "Ready for additional command text"
            )))
        );
        let challenge =
            b"+ YGgGCSqGSIb3EgECAgIBAAD/////6jcyG4GE3KkTzBeBiVHeceP2CWY0SR0fAQAgAAQEBAQ=\r\n";
        let Response::Continue(ContinueRequest::Base64(data)) = response(challenge) else {
            panic!("not base64");
        };
        assert_eq!(data.len(), 53);
        assert_eq!(&data[..4], b"\x60\x68\x06\x09");
        assert_eq!(&data[49..], b"\x04\x04\x04\x04");
        assert_eq!(
            response(b"+ \r\n"),
            Response::Continue(ContinueRequest::Base64(Cow::Borrowed(b"")))
        );
        assert_eq!(
            response(b"+ [ALERT] go on\r\n"),
            Response::Continue(ContinueRequest::Basic(resp_text(
                Some(Code::Alert),
                "go on"
            )))
        );
        assert_eq!(
            response(b"+ idling\r\n"),
            Response::Continue(ContinueRequest::Basic(resp_text(None, "idling")))
        );
        assert_eq!(Response::decode(b"+\r\n"), Err(failure(1, "SP")));
        assert_eq!(Response::decode(b"+x\r\n"), Err(failure(1, "SP")));
        assert_eq!(
            lenient(b"+\r\n"),
            Ok((
                &b""[..],
                Response::Continue(ContinueRequest::Base64(Cow::Borrowed(b"")))
            ))
        );
        assert_eq!(
            lenient(b"+ YQ== \r\n"),
            Ok((
                &b""[..],
                Response::Continue(ContinueRequest::Base64(Cow::Borrowed(b"a")))
            ))
        );
        assert_eq!(
            lenient(b"+ [ALERT]\n"),
            Ok((
                &b""[..],
                Response::Continue(ContinueRequest::Basic(resp_text(Some(Code::Alert), "")))
            ))
        );
        assert_eq!(Response::decode(b"+ [ALERT]\r\n"), Err(failure(9, "SP")));
        prefixes_are_incomplete::<Response>(challenge);
        prefixes_are_incomplete::<Response>(b"+ Ready for additional command text\r\n");
        prefixes_are_incomplete::<Response>(b"+ \r\n");
    }

    #[test]
    fn continue_req_encoding() {
        assert_eq!(
            ContinueRequest::Base64(Cow::Borrowed(b"hello")).encode_to_vec(),
            b"+ aGVsbG8=\r\n"
        );
        assert_eq!(
            ContinueRequest::basic(None, text("Ready"))
                .unwrap()
                .encode_to_vec(),
            b"+ Ready\r\n"
        );
    }

    #[test]
    fn data_and_status_encoding() {
        assert_eq!(
            Data::Search {
                numbers: vec![nz(1), nz(4)],
                mod_seq: Some(7),
            }
            .encode_to_vec(),
            b"* SEARCH 1 4 (MODSEQ 7)\r\n"
        );
        assert_eq!(Data::Recent(0).encode_to_vec(), b"* 0 RECENT\r\n");
        assert_eq!(
            Status::Bye(resp_text(None, "bye")).encode_to_vec(),
            b"* BYE bye\r\n"
        );
        assert_eq!(
            Status::Cond {
                tag: None,
                kind: StatusKind::Bad,
                text: resp_text(Some(Code::UidNext(nz(9))), "x"),
            }
            .encode_to_vec(),
            b"* BAD [UIDNEXT 9] x\r\n"
        );
        assert_eq!(
            Code::CopyUid {
                uid_validity: nz(1),
                source: SequenceSet::try_from("1:2").unwrap(),
                destination: SequenceSet::try_from("5,7").unwrap(),
            }
            .encode_to_vec(),
            b"COPYUID 1 1:2 5,7"
        );
        assert_eq!(
            Code::BadCharset(vec![Charset::try_from("UTF-8").unwrap()]).encode_to_vec(),
            b"BADCHARSET (UTF-8)"
        );
        assert_eq!(
            Code::PermanentFlags(vec![]).encode_to_vec(),
            b"PERMANENTFLAGS ()"
        );
    }

    #[test]
    fn untagged_keyword_failures() {
        assert_eq!(
            Response::decode(b"* FOO bar\r\n"),
            Err(failure(
                2,
                "OK, NO, BAD, BYE, CAPABILITY, LIST, LSUB, STATUS, SEARCH, FLAGS or a number"
            ))
        );
        assert_eq!(
            Response::decode(b"*  OK\r\n"),
            Err(failure(
                2,
                "OK, NO, BAD, BYE, CAPABILITY, LIST, LSUB, STATUS, SEARCH, FLAGS or a number"
            ))
        );
        assert_eq!(Response::decode(b"*OK\r\n"), Err(failure(1, "SP")));
        assert_eq!(Response::decode(b"* BYE\r\n"), Err(failure(5, "SP")));
        assert_eq!(Response::decode(b"(x\r\n"), Err(failure(0, "tag")));
        assert_eq!(Response::decode(b""), Err(DecodeError::Incomplete));
    }

    // The tests below need the rules of other areas (capabilities, flags, mailboxes, STATUS
    // and FETCH attributes).

    #[test]
    fn flags_and_permanentflags_with_other_areas() {
        assert_eq!(
            response(b"* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft)\r\n"),
            Response::Data(Data::Flags(vec![
                Flag::Answered,
                Flag::Flagged,
                Flag::Deleted,
                Flag::Seen,
                Flag::Draft,
            ]))
        );
        response(b"* FLAGS ()\r\n");
        assert_eq!(
            response(b"* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n"),
            Response::Status(Status::Cond {
                tag: None,
                kind: StatusKind::Ok,
                text: resp_text(
                    Some(Code::PermanentFlags(vec![
                        FlagPerm::Flag(Flag::Deleted),
                        FlagPerm::Flag(Flag::Seen),
                        FlagPerm::Asterisk,
                    ])),
                    "Limited"
                ),
            })
        );
        response(b"* OK [PERMANENTFLAGS ()] No permanent flags permitted\r\n");
        prefixes_are_incomplete::<Response>(
            b"* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
        );
        prefixes_are_incomplete::<Response>(b"* FLAGS (\\Answered \\Seen)\r\n");
    }

    #[test]
    fn capability_with_other_areas() {
        let Response::Data(Data::Capability(caps)) =
            response(b"* CAPABILITY IMAP4rev1 STARTTLS AUTH=GSSAPI LOGINDISABLED\r\n")
        else {
            panic!("not capability data");
        };
        assert_eq!(caps.len(), 4);
        let g = greeting(b"* OK [CAPABILITY IMAP4rev1 LITERAL+ SASL-IR] Server ready\r\n");
        assert!(matches!(g.text.code, Some(Code::Capability(ref c)) if c.len() == 3));
        prefixes_are_incomplete::<Greeting>(b"* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n");
    }

    #[test]
    fn list_lsub_status_with_other_areas() {
        let Response::Data(Data::List(list)) =
            response(b"* LIST (\\Noselect) \"/\" ~/Mail/foo\r\n")
        else {
            panic!("not LIST");
        };
        assert_eq!(list.mailbox.as_bytes(), b"~/Mail/foo");
        assert!(matches!(
            response(b"* LSUB () \".\" #news.comp.mail.misc\r\n"),
            Response::Data(Data::Lsub(_))
        ));
        let Response::Data(Data::Status { mailbox, items }) =
            response(b"* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n")
        else {
            panic!("not STATUS");
        };
        assert_eq!(mailbox.as_bytes(), b"blurdybloop");
        assert_eq!(items.len(), 2);
        response(b"* STATUS INBOX ()\r\n");
        prefixes_are_incomplete::<Response>(b"* STATUS blurdybloop (MESSAGES 231)\r\n");
    }

    #[test]
    fn fetch_with_other_areas() {
        let Response::Data(Data::Fetch { seq, items }) =
            response(b"* 12 FETCH (FLAGS (\\Seen) UID 4827313)\r\n")
        else {
            panic!("not FETCH");
        };
        assert_eq!((seq, items.len()), (nz(12), 2));
        prefixes_are_incomplete::<Response>(b"* 12 FETCH (UID 4827313)\r\n");
    }
}

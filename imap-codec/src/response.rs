//! Server messages: `greeting`, `response-data`, `response-tagged`, `continue-req`, and the
//! pieces they share: `resp-text` and `resp-text-code`.

use alloc::{borrow::Cow, vec::Vec};
use core::num::NonZeroU32;

use imap_types::{
    auth::{base64_decode, base64_encode},
    capability::Capability,
    core::{Text, chars},
    response::{
        Code, CodeOther, ContinueRequest, Data, Greeting, GreetingKind, RespText, Response, Status,
        StatusKind,
    },
    sequence::SequenceSet,
};

use crate::{
    decode::{Decode, DecodeError, DecodeOptions, Error, PResult, Parser, is_digit},
    encode::{Encode, Encoder},
};

impl<'a> Parser<'a> {
    /// `greeting = "*" SP (resp-cond-auth / resp-cond-bye) CRLF`
    ///
    /// `resp-cond-auth = ("OK" / "PREAUTH") SP resp-text`, `resp-cond-bye = "BYE" SP resp-text`
    pub(crate) fn greeting(&mut self) -> PResult<Greeting<'a>> {
        self.expect(b'*', "\"*\"")?;
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
            return Err(self.fail_at(start, "OK, PREAUTH or BYE"));
        };
        self.sp()?;
        let text = self.resp_text()?;
        self.crlf()?;
        Ok(Greeting { kind, text })
    }

    /// `response = continue-req / response-data / response-tagged`, one line at a time
    /// (`response-done` is a tagged or `BYE` status response).
    pub(crate) fn response(&mut self) -> PResult<Response<'a>> {
        match self.peek()? {
            b'+' => Ok(Response::Continue(self.continue_req()?)),
            b'*' => self.response_data(),
            _ => Ok(Response::Status(self.response_tagged()?)),
        }
    }

    /// `continue-req = "+" SP (resp-text / base64) CRLF`
    ///
    /// A line whose text is complete `base64` (the empty line too) is read as base64.
    pub(crate) fn continue_req(&mut self) -> PResult<ContinueRequest<'a>> {
        self.expect(b'+', "\"+\"")?;
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
        let kind = status_kind(word).ok_or_else(|| self.fail_at(start, "OK, NO or BAD"))?;
        self.sp()?;
        let text = self.resp_text()?;
        self.crlf()?;
        Ok(Status::Cond {
            tag: Some(tag),
            kind,
            text,
        })
    }

    /// `response-data = "*" SP (resp-cond-state / resp-cond-bye / mailbox-data /
    /// message-data / capability-data) CRLF`
    pub(crate) fn response_data(&mut self) -> PResult<Response<'a>> {
        self.expect(b'*', "\"*\"")?;
        self.sp()?;
        let response = if self.next_is(is_digit)? {
            Response::Data(self.numbered_data()?)
        } else {
            self.keyword_data()?
        };
        self.crlf()?;
        Ok(response)
    }

    /// `number SP "EXISTS" / number SP "RECENT"` (`mailbox-data`) and
    /// `nz-number SP ("EXPUNGE" / ("FETCH" SP msg-att))` (`message-data`).
    fn numbered_data(&mut self) -> PResult<Data<'a>> {
        let number_at = self.pos;
        let number = self.number()?;
        self.sp()?;
        let start = self.pos;
        let word = self.keyword_token()?;
        let nz = || {
            NonZeroU32::new(number).ok_or(Error::Failed {
                offset: number_at,
                expected: "nz-number",
            })
        };
        if word.eq_ignore_ascii_case(b"EXISTS") {
            Ok(Data::Exists(number))
        } else if word.eq_ignore_ascii_case(b"RECENT") {
            Ok(Data::Recent(number))
        } else if word.eq_ignore_ascii_case(b"EXPUNGE") {
            Ok(Data::Expunge(nz()?))
        } else if word.eq_ignore_ascii_case(b"FETCH") {
            let seq = nz()?;
            self.sp()?;
            let items = self.msg_att()?;
            Ok(Data::Fetch { seq, items })
        } else {
            Err(self.fail_at(start, "EXISTS, RECENT, EXPUNGE or FETCH"))
        }
    }

    /// The untagged responses that begin with a keyword: `resp-cond-state`, `resp-cond-bye`,
    /// `capability-data` and the keyword forms of `mailbox-data`.
    fn keyword_data(&mut self) -> PResult<Response<'a>> {
        let start = self.pos;
        let word = self.keyword_token()?;
        if let Some(kind) = status_kind(word) {
            self.sp()?;
            return Ok(Response::Status(Status::Cond {
                tag: None,
                kind,
                text: self.resp_text()?,
            }));
        }
        let is = |name: &[u8]| word.eq_ignore_ascii_case(name);
        let data = if is(b"BYE") {
            self.sp()?;
            return Ok(Response::Status(Status::Bye(self.resp_text()?)));
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
                "OK, NO, BAD, BYE, CAPABILITY, LIST, LSUB, STATUS, SEARCH, FLAGS or a number",
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
                    self.keyword(b"MODSEQ", "MODSEQ")?;
                    self.sp()?;
                    mod_seq = Some(mod_sequence_value(self)?);
                    self.expect(b')', "\")\"")?;
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
        self.expect(b']', "\"]\"")?;
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
            Ok(Code::HighestModSeq(mod_sequence_value(self)?))
        } else if is(b"MODIFIED") {
            self.sp()?;
            Ok(Code::Modified(self.sequence_set()?))
        } else {
            let arguments = if self.eat(b' ')? {
                let at = self.pos;
                let bytes = self.take_while1(
                    |b| chars::is_text_char(b) && b != b']',
                    "resp-text-code arguments",
                )?;
                let s = core::str::from_utf8(bytes).map_err(|e| Error::Failed {
                    offset: at + e.valid_up_to(),
                    expected: "UTF-8 text",
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
            expected: "uid-set",
        }),
        None => Ok(set),
    }
}

/// `mod-sequence-value = 1*DIGIT`, a positive number below 2^63 (RFC 7162).
fn mod_sequence_value(p: &mut Parser<'_>) -> PResult<u64> {
    let start = p.pos;
    match p.number64()? {
        0 => Err(Error::Failed {
            offset: start,
            expected: "mod-sequence-value",
        }),
        value => Ok(value),
    }
}

impl<'a> Decode<'a> for Greeting<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Parser::new(input, options).finish(Parser::greeting, |_| None)
    }
}

impl<'a> Decode<'a> for Response<'a> {
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Parser::new(input, options).finish(Parser::response, |_| None)
    }
}

impl Encode for Greeting<'_> {
    fn encode(&self, out: &mut Encoder) {
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
    fn encode(&self, out: &mut Encoder) {
        match self {
            Self::Status(status) => status.encode(out),
            Self::Data(data) => data.encode(out),
            Self::Continue(request) => request.encode(out),
        }
    }
}

/// Writes a whole status line, tag (or `*`) and CRLF included.
impl Encode for Status<'_> {
    fn encode(&self, out: &mut Encoder) {
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
    fn encode(&self, out: &mut Encoder) {
        if let Some(code) = &self.code {
            out.byte(b'[');
            code.encode(out);
            out.push(b"] ");
        }
        self.text.encode(out);
    }
}

impl Encode for Code<'_> {
    fn encode(&self, out: &mut Encoder) {
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
fn encode_named_number(name: &[u8], n: u64, out: &mut Encoder) {
    out.push(name);
    out.number(n);
}

/// `capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)`
fn encode_capability_data(capabilities: &[Capability<'_>], out: &mut Encoder) {
    out.push(b"CAPABILITY");
    for capability in capabilities {
        out.sp();
        capability.encode(out);
    }
}

/// Writes a whole untagged line: `"*" SP`, the data, CRLF.
impl Encode for Data<'_> {
    fn encode(&self, out: &mut Encoder) {
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
}

/// Writes a whole continuation request line: `"+" SP`, the text or base64, CRLF.
impl Encode for ContinueRequest<'_> {
    fn encode(&self, out: &mut Encoder) {
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

//! FETCH attributes, sections and message data items.
//!
//! Item names are read with `Parser::keyword_token` (up to a space, a parenthesis, `[` or
//! `]`), so `BODY[`, `BODY.PEEK[` and `BINARY.SIZE[` split at the `[` without re-scanning, and
//! the byte after the name says which form follows.

use alloc::{borrow::Cow, vec::Vec};
use core::num::NonZeroU32;

use imap_types::{
    core::{AString, Vec1},
    fetch::{BinaryValue, FetchAttribute, FetchItems, Macro, MessageDataItem, Part, Section},
};

use crate::{
    decode::{Error, PResult, Parser, is_digit},
    encode::{Encode, Encoder},
    keyword::key,
};

/// Whether the item name `name` is `word` (keywords are case-insensitive).
#[inline(always)]
fn is(name: &[u8], word: &[u8]) -> bool {
    name.eq_ignore_ascii_case(word)
}

/// `objectid` characters: `ALPHA / DIGIT / "_" / "-"` (RFC 8474).
fn is_objectid_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_' || b == b'-'
}

/// The packed names of FETCH attributes and message data items (see [`crate::keyword`]).
const BODY: u128 = key(b"body");
const BODY_PEEK: u128 = key(b"body.peek");
const FLAGS: u128 = key(b"flags");
const UID: u128 = key(b"uid");
const ENVELOPE: u128 = key(b"envelope");
const INTERNALDATE: u128 = key(b"internaldate");
const RFC822_SIZE: u128 = key(b"rfc822.size");
const BODYSTRUCTURE: u128 = key(b"bodystructure");
const RFC822: u128 = key(b"rfc822");
const RFC822_HEADER: u128 = key(b"rfc822.header");
const RFC822_TEXT: u128 = key(b"rfc822.text");
const BINARY: u128 = key(b"binary");
const BINARY_PEEK: u128 = key(b"binary.peek");
const BINARY_SIZE: u128 = key(b"binary.size");
const MODSEQ: u128 = key(b"modseq");
const EMAILID: u128 = key(b"emailid");
const THREADID: u128 = key(b"threadid");
const SAVEDATE: u128 = key(b"savedate");
const PREVIEW: u128 = key(b"preview");

impl<'a> Parser<'a> {
    /// `"ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")"`
    pub(crate) fn fetch_items(&mut self) -> PResult<FetchItems<'a>> {
        if self.peek()? == b'(' {
            self.pos += 1;
            // Room for the usual number of items, so that the list rarely grows.
            let list = self.list_tail_into(8, Parser::fetch_att_into, Parser::paren_list_more)?;
            return Ok(FetchItems::List(Vec1::unvalidated(list)));
        }
        let start = self.pos;
        let (_, name) = self.packed_keyword_token()?;
        const ALL: u128 = key(b"all");
        const FAST: u128 = key(b"fast");
        const FULL: u128 = key(b"full");
        let r#macro = match name {
            ALL => Macro::All,
            FAST => Macro::Fast,
            FULL => Macro::Full,
            _ => return Ok(FetchItems::Single(self.fetch_att_named(start, name)?)),
        };
        Ok(FetchItems::Macro(r#macro))
    }

    /// `fetch-att = "ENVELOPE" / "FLAGS" / "INTERNALDATE" / "RFC822" [".HEADER" / ".SIZE" /
    /// ".TEXT"] / "BODY" ["STRUCTURE"] / "UID" / "BODY" section [partial] / "BODY.PEEK"
    /// section [partial]`, with `"BINARY" [".PEEK"] section-binary [partial] / "BINARY.SIZE"
    /// section-binary` (RFC 3516), `"MODSEQ"` (RFC 7162), `"EMAILID" / "THREADID"` (RFC 8474),
    /// `"SAVEDATE"` (RFC 8514) and `"PREVIEW" [SP "(" preview-mod *(SP preview-mod) ")"]`
    /// (RFC 8970).
    ///
    /// The decoder reads the attributes of a list with [`Parser::fetch_att_into`]; this form
    /// is for the tests.
    #[cfg(test)]
    pub(crate) fn fetch_att(&mut self) -> PResult<FetchAttribute<'a>> {
        let start = self.pos;
        let (_, name) = self.packed_keyword_token()?;
        self.fetch_att_named(start, name)
    }

    /// A `fetch-att`, pushed onto `list`: an attribute without arguments is written into the
    /// list directly, not moved there from a result.
    fn fetch_att_into(&mut self, list: &mut Vec<FetchAttribute<'a>>) -> PResult<()> {
        let start = self.pos;
        let (_, packed) = self.packed_keyword_token()?;
        match self.fetch_att_plain(packed)? {
            // `extend` writes the discriminant into the list from a register; `push` builds
            // the attribute on the stack first (72 bytes, a few of them set) and copies it
            // whole, a copy that waits for the stores just made.
            Some(att) => list.extend(core::iter::once(att)),
            None => list.push(self.fetch_att_arguments(start, packed)?),
        }
        Ok(())
    }

    /// The rest of a `fetch-att` whose name (at `start`, packed as `packed`) has been read.
    fn fetch_att_named(&mut self, start: usize, packed: u128) -> PResult<FetchAttribute<'a>> {
        match self.fetch_att_plain(packed)? {
            Some(att) => Ok(att),
            None => self.fetch_att_arguments(start, packed),
        }
    }

    /// The `fetch-att` without arguments whose name is packed as `packed`; `None` for the
    /// others (and for `BODY` followed by a section).
    #[inline(always)]
    fn fetch_att_plain(&self, packed: u128) -> PResult<Option<FetchAttribute<'a>>> {
        use FetchAttribute as A;
        Ok(Some(match packed {
            BODY if self.peek()? != b'[' => A::Body,
            FLAGS => A::Flags,
            UID => A::Uid,
            ENVELOPE => A::Envelope,
            INTERNALDATE => A::InternalDate,
            RFC822_SIZE => A::Rfc822Size,
            BODYSTRUCTURE => A::BodyStructure,
            RFC822 => A::Rfc822,
            RFC822_HEADER => A::Rfc822Header,
            RFC822_TEXT => A::Rfc822Text,
            MODSEQ => A::ModSeq,
            EMAILID => A::EmailId,
            THREADID => A::ThreadId,
            SAVEDATE => A::SaveDate,
            _ => return Ok(None),
        }))
    }

    /// The arguments of a `fetch-att` whose name (at `start`) is packed as `packed`.
    #[inline(never)]
    fn fetch_att_arguments(&mut self, start: usize, packed: u128) -> PResult<FetchAttribute<'a>> {
        use FetchAttribute as A;
        Ok(match packed {
            BODY => A::BodyExt {
                section: self.section()?,
                partial: self.partial()?,
                peek: false,
            },
            BODY_PEEK => A::BodyExt {
                section: self.section()?,
                partial: self.partial()?,
                peek: true,
            },
            BINARY | BINARY_PEEK => A::Binary {
                section: self.section_binary()?,
                partial: self.partial()?,
                peek: packed == BINARY_PEEK,
            },
            BINARY_SIZE => A::BinarySize {
                section: self.section_binary()?,
            },
            // `SP "(" preview-mod ")"` with the only modifier defined, `LAZY`; anything else
            // after a space (a fetch-modifier, the next attribute) is left to the caller.
            PREVIEW => A::Preview {
                lazy: self.peek()? == b' '
                    && self.peek2()? == b'('
                    && self.eat_keyword(b" (LAZY)")?,
            },
            _ => return Err(self.fail_at(start, &"fetch-att")),
        })
    }

    /// `section = "[" [section-spec] "]"`: `None` for `[]`.
    pub(crate) fn section(&mut self) -> PResult<Option<Section<'a>>> {
        self.expect(b'[', &"\"[\"")?;
        if self.eat(b']')? {
            return Ok(None);
        }
        let section = self.section_spec()?;
        self.expect(b']', &"\"]\"")?;
        Ok(Some(section))
    }

    /// `section-spec = section-msgtext / (section-part ["." section-text])`
    ///
    /// with `section-text = section-msgtext / "MIME"`.
    fn section_spec(&mut self) -> PResult<Section<'a>> {
        const MIME: u128 = key(b"mime");
        if !self.next_is(is_digit)? {
            let start = self.pos;
            let name = self.packed_keyword_token()?;
            return self.section_msgtext(None, start, name);
        }
        let part = self.section_part()?;
        if !self.eat(b'.')? {
            return Ok(Section::Part(part));
        }
        let start = self.pos;
        let name = self.packed_keyword_token()?;
        if name.1 == MIME {
            return Ok(Section::Mime(part));
        }
        self.section_msgtext(Some(part), start, name)
    }

    /// `section-msgtext = "HEADER" / "HEADER.FIELDS" [".NOT"] SP header-list / "TEXT"`, with
    /// its name (at `start`, with its packing) already read.
    fn section_msgtext(
        &mut self,
        part: Option<Part>,
        start: usize,
        (name, packed): (&[u8], u128),
    ) -> PResult<Section<'a>> {
        const HEADER: u128 = key(b"header");
        const TEXT: u128 = key(b"text");
        const HEADER_FIELDS: u128 = key(b"header.fields");
        // `HEADER.FIELDS.NOT` is too long to pack.
        match packed {
            HEADER => Ok(Section::Header(part)),
            TEXT => Ok(Section::Text(part)),
            HEADER_FIELDS => {
                self.sp()?;
                Ok(Section::HeaderFields(part, self.header_list()?))
            }
            _ if is(name, b"HEADER.FIELDS.NOT") => {
                self.sp()?;
                Ok(Section::HeaderFieldsNot(part, self.header_list()?))
            }
            _ if part.is_some() => Err(self.fail_at(start, &"section-text")),
            _ => Err(self.fail_at(start, &"section-spec")),
        }
    }

    /// `header-list = "(" header-fld-name *(SP header-fld-name) ")"` with
    /// `header-fld-name = astring`
    fn header_list(&mut self) -> PResult<Vec1<AString<'a>>> {
        // Room for the usual number of names, so that the list rarely grows.
        let names = self.paren_list_with_capacity(8, false, Parser::astring)?;
        Ok(Vec1::unvalidated(names))
    }

    /// `section-part = nz-number *("." nz-number)`: a `.` not followed by a digit is left for
    /// `section-text`.
    fn section_part(&mut self) -> PResult<Part> {
        let mut part = Part::one(self.nz_number()?);
        while self.peek()? == b'.' && is_digit(self.peek2()?) {
            self.pos += 1;
            part.push(self.nz_number()?);
        }
        Ok(part)
    }

    /// `section-binary = "[" [section-part] "]"` (RFC 3516)
    fn section_binary(&mut self) -> PResult<Vec<NonZeroU32>> {
        self.expect(b'[', &"\"[\"")?;
        if self.eat(b']')? {
            return Ok(Vec::new());
        }
        let part = self.section_part()?;
        self.expect(b']', &"\"]\"")?;
        Ok(part.to_vec())
    }

    /// `partial = "<" number "." nz-number ">"`, if present.
    ///
    /// Inlined, as it is mostly absent: the caller then has the outcome in registers, not in
    /// memory that narrower stores have just written.
    #[inline(always)]
    fn partial(&mut self) -> PResult<Option<(u32, NonZeroU32)>> {
        if self.peek()? != b'<' {
            return Ok(None);
        }
        self.partial_range().map(Some)
    }

    /// The `number "." nz-number ">"` of a `partial`, after its `<`.
    fn partial_range(&mut self) -> PResult<(u32, NonZeroU32)> {
        self.pos += 1;
        let offset = self.number()?;
        self.expect(b'.', &"\".\"")?;
        let length = self.nz_number()?;
        self.expect(b'>', &"\">\"")?;
        Ok((offset, length))
    }

    /// `["<" number ">"]`: the origin octet of a partial result, if present.
    fn origin(&mut self) -> PResult<Option<u32>> {
        if !self.eat(b'<')? {
            return Ok(None);
        }
        let origin = self.number()?;
        self.expect(b'>', &"\">\"")?;
        Ok(Some(origin))
    }

    /// `objectid = 1*255(ALPHA / DIGIT / "_" / "-")` (RFC 8474)
    fn objectid(&mut self) -> PResult<Cow<'a, str>> {
        let start = self.pos;
        let bytes = self.take_while1(is_objectid_char, &"objectid")?;
        if bytes.len() > 255 {
            return Err(Error::Failed {
                offset: start + 255,
                expected: &"objectid of at most 255 characters",
            });
        }
        Ok(Cow::Borrowed(self.ascii(bytes, start)?))
    }

    /// `"(" objectid ")"`
    fn paren_objectid(&mut self) -> PResult<Cow<'a, str>> {
        self.expect(b'(', &"\"(\"")?;
        let id = self.objectid()?;
        self.expect(b')', &"\")\"")?;
        Ok(id)
    }

    /// `msg-att = "(" (msg-att-dynamic / msg-att-static) *(SP (msg-att-dynamic / msg-att-static)) ")"`
    pub(crate) fn msg_att(&mut self) -> PResult<Vec1<MessageDataItem<'a>>> {
        // Room for the items of a typical header fetch (UID, FLAGS, INTERNALDATE,
        // RFC822.SIZE, ENVELOPE, BODYSTRUCTURE) without a reallocation. Each item is pushed
        // by the arm that reads it (see `msg_att_item_into`).
        self.expect(b'(', &"\"(\"")?;
        let items = self.list_tail_into(8, Parser::msg_att_item_into, Parser::paren_list_more)?;
        Ok(Vec1::unvalidated(items))
    }

    /// `msg-att-dynamic = "FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"` /
    /// `msg-att-static = "ENVELOPE" SP envelope / "INTERNALDATE" SP date-time /
    /// "RFC822" [".HEADER" / ".TEXT"] SP nstring / "RFC822.SIZE" SP number /
    /// "BODY" ["STRUCTURE"] SP body / "BODY" section ["<" number ">"] SP nstring /
    /// "UID" SP uniqueid`, with `"BINARY" section-binary ["<" number ">"] SP (nstring /
    /// literal8) / "BINARY.SIZE" section-binary SP number` (RFC 3516, RFC 9051),
    /// `"MODSEQ" SP "(" permsg-modsequence ")"` (RFC 7162), `"EMAILID" SP "(" objectid ")" /
    /// "THREADID" SP ("(" objectid ")" / nil)` (RFC 8474), `"SAVEDATE" SP (date-time / nil)`
    /// (RFC 8514) and `"PREVIEW" SP nstring` (RFC 8970); appended to `items`.
    ///
    /// Pushed here rather than returned: an item returned from its rule was read back from
    /// memory in pieces of other widths than the stores that had just written it, and waited
    /// for them (measured: 3 % to 7 % of the time of a header-heavy decode).
    fn msg_att_item_into(&mut self, items: &mut Vec<MessageDataItem<'a>>) -> PResult<()> {
        use MessageDataItem as M;
        let start = self.pos;
        let (_, packed) = self.packed_keyword_token()?;
        // The forms with a section have no SP after their name; every other form is its
        // name, SP and its value.
        items.push(match packed {
            BODY if self.peek()? == b'[' => {
                let section = self.section()?;
                let origin = self.origin()?;
                self.sp()?;
                M::BodyExt {
                    section,
                    origin,
                    data: self.nstring()?,
                }
            }
            BINARY => {
                let section = self.section_binary()?;
                let origin = self.origin()?;
                self.sp()?;
                let value = if self.peek()? == b'~' {
                    BinaryValue::Literal8(self.literal8()?)
                } else {
                    BinaryValue::NString(self.nstring()?)
                };
                M::Binary {
                    section,
                    origin,
                    value,
                }
            }
            BINARY_SIZE => {
                let section = self.section_binary()?;
                self.sp()?;
                M::BinarySize {
                    section,
                    size: self.number()?,
                }
            }
            FLAGS => M::Flags(self.after_sp(|p| p.paren_list(true, Parser::flag_fetch))?),
            UID => M::Uid(self.after_sp(Parser::nz_number)?),
            BODY => M::Body(self.after_sp(Parser::boxed_body)?),
            BODYSTRUCTURE => M::BodyStructure(self.after_sp(Parser::boxed_body)?),
            ENVELOPE => M::Envelope(self.after_sp(Parser::envelope)?),
            INTERNALDATE => M::InternalDate(self.after_sp(Parser::date_time)?),
            RFC822_SIZE => M::Rfc822Size(self.after_sp(Parser::number)?),
            RFC822 => M::Rfc822(self.after_sp(Parser::nstring)?),
            RFC822_HEADER => M::Rfc822Header(self.after_sp(Parser::nstring)?),
            RFC822_TEXT => M::Rfc822Text(self.after_sp(Parser::nstring)?),
            MODSEQ => M::ModSeq(self.after_sp(Parser::permsg_modsequence)?),
            EMAILID => M::EmailId(self.after_sp(Parser::paren_objectid)?),
            THREADID => {
                self.sp()?;
                if self.peek()? == b'(' {
                    M::ThreadId(Some(self.paren_objectid()?))
                } else {
                    self.keyword(b"NIL", &"\"(\" or NIL")?;
                    M::ThreadId(None)
                }
            }
            SAVEDATE => {
                self.sp()?;
                if matches!(self.peek()?, b'N' | b'n') {
                    self.nil()?;
                    M::SaveDate(None)
                } else {
                    M::SaveDate(Some(self.date_time()?))
                }
            }
            PREVIEW => M::Preview(self.after_sp(Parser::nstring)?),
            _ => return Err(self.fail_at(start, &"msg-att")),
        });
        Ok(())
    }

    /// `SP` and then `rule`.
    fn after_sp<T>(&mut self, rule: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        self.sp()?;
        rule(self)
    }

    /// `"(" permsg-modsequence ")"` with `permsg-modsequence = mod-sequence-value`, a number
    /// from 1 to 2^63-1 (RFC 7162), in strict and lenient mode alike (a `0` could not be
    /// encoded back to valid bytes).
    fn permsg_modsequence(&mut self) -> PResult<u64> {
        self.expect(b'(', &"\"(\"")?;
        let value = self.mod_sequence_value()?;
        self.expect(b')', &"\")\"")?;
        Ok(value)
    }
}

impl Encode for FetchItems<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Macro(Macro::All) => out.push(b"ALL"),
            Self::Macro(Macro::Fast) => out.push(b"FAST"),
            Self::Macro(Macro::Full) => out.push(b"FULL"),
            Self::Single(att) => att.encode(out),
            Self::List(atts) => out.paren_list(atts, |att, out| att.encode(out)),
        }
    }
}

/// Writes `section = "[" [section-spec] "]"`.
fn encode_section<'e>(section: &'e Option<Section<'_>>, out: &mut Encoder<'e>) {
    out.byte(b'[');
    if let Some(section) = section {
        section.encode(out);
    }
    out.byte(b']');
}

/// Writes `section-binary = "[" [section-part] "]"`.
fn encode_section_binary(part: &[NonZeroU32], out: &mut Encoder<'_>) {
    out.byte(b'[');
    encode_part(part, out);
    out.byte(b']');
}

/// Writes `section-part = nz-number *("." nz-number)`.
fn encode_part(part: &[NonZeroU32], out: &mut Encoder<'_>) {
    for (i, n) in part.iter().enumerate() {
        if i > 0 {
            out.byte(b'.');
        }
        out.number(u64::from(n.get()));
    }
}

/// Writes `partial = "<" number "." nz-number ">"` if there is one.
fn encode_partial(partial: &Option<(u32, NonZeroU32)>, out: &mut Encoder<'_>) {
    if let Some((offset, length)) = partial {
        out.byte(b'<');
        out.number(u64::from(*offset));
        out.byte(b'.');
        out.number(u64::from(length.get()));
        out.byte(b'>');
    }
}

/// Writes `"<" number ">"` if there is an origin.
fn encode_origin(origin: &Option<u32>, out: &mut Encoder<'_>) {
    if let Some(origin) = origin {
        out.byte(b'<');
        out.number(u64::from(*origin));
        out.byte(b'>');
    }
}

impl Encode for FetchAttribute<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Envelope => out.push(b"ENVELOPE"),
            Self::Flags => out.push(b"FLAGS"),
            Self::InternalDate => out.push(b"INTERNALDATE"),
            Self::Rfc822 => out.push(b"RFC822"),
            Self::Rfc822Header => out.push(b"RFC822.HEADER"),
            Self::Rfc822Size => out.push(b"RFC822.SIZE"),
            Self::Rfc822Text => out.push(b"RFC822.TEXT"),
            Self::Body => out.push(b"BODY"),
            Self::BodyStructure => out.push(b"BODYSTRUCTURE"),
            Self::Uid => out.push(b"UID"),
            Self::BodyExt {
                section,
                partial,
                peek,
            } => {
                out.push(if *peek { b"BODY.PEEK" } else { b"BODY" });
                encode_section(section, out);
                encode_partial(partial, out);
            }
            Self::Binary {
                section,
                partial,
                peek,
            } => {
                out.push(if *peek { b"BINARY.PEEK" } else { b"BINARY" });
                encode_section_binary(section, out);
                encode_partial(partial, out);
            }
            Self::BinarySize { section } => {
                out.push(b"BINARY.SIZE");
                encode_section_binary(section, out);
            }
            Self::ModSeq => out.push(b"MODSEQ"),
            Self::EmailId => out.push(b"EMAILID"),
            Self::ThreadId => out.push(b"THREADID"),
            Self::SaveDate => out.push(b"SAVEDATE"),
            Self::Preview { lazy: false } => out.push(b"PREVIEW"),
            Self::Preview { lazy: true } => out.push(b"PREVIEW (LAZY)"),
        }
    }
}

impl Encode for Part {
    /// `section-part`
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        encode_part(self, out);
    }
}

impl Encode for Section<'_> {
    /// `section-spec`, without the brackets.
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        let (part, text): (Option<&Part>, &[u8]) = match self {
            Self::Part(part) => (Some(part), b""),
            Self::Header(part) => (part.as_ref(), b"HEADER"),
            Self::HeaderFields(part, _) => (part.as_ref(), b"HEADER.FIELDS"),
            Self::HeaderFieldsNot(part, _) => (part.as_ref(), b"HEADER.FIELDS.NOT"),
            Self::Text(part) => (part.as_ref(), b"TEXT"),
            Self::Mime(part) => (Some(part), b"MIME"),
        };
        if let Some(part) = part {
            part.encode(out);
            if !text.is_empty() {
                out.byte(b'.');
            }
        }
        out.push(text);
        if let Self::HeaderFields(_, names) | Self::HeaderFieldsNot(_, names) = self {
            out.sp();
            out.paren_list(names, |name, out| name.encode(out));
        }
    }
}

impl Encode for MessageDataItem<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Flags(flags) => {
                out.push(b"FLAGS ");
                out.paren_list(flags, |flag, out| flag.encode(out));
            }
            Self::Envelope(envelope) => {
                out.push(b"ENVELOPE ");
                envelope.encode(out);
            }
            Self::InternalDate(date) => {
                out.push(b"INTERNALDATE ");
                date.encode(out);
            }
            Self::Rfc822(data) => {
                out.push(b"RFC822 ");
                data.encode(out);
            }
            Self::Rfc822Header(data) => {
                out.push(b"RFC822.HEADER ");
                data.encode(out);
            }
            Self::Rfc822Text(data) => {
                out.push(b"RFC822.TEXT ");
                data.encode(out);
            }
            Self::Rfc822Size(size) => {
                out.push(b"RFC822.SIZE ");
                out.number(u64::from(*size));
            }
            Self::Body(body) => {
                out.push(b"BODY ");
                body.encode(out);
            }
            Self::BodyStructure(body) => {
                out.push(b"BODYSTRUCTURE ");
                body.encode(out);
            }
            Self::BodyExt {
                section,
                origin,
                data,
            } => {
                out.push(b"BODY");
                encode_section(section, out);
                encode_origin(origin, out);
                out.sp();
                data.encode(out);
            }
            Self::Uid(uid) => {
                out.push(b"UID ");
                out.number(u64::from(uid.get()));
            }
            Self::Binary {
                section,
                origin,
                value,
            } => {
                out.push(b"BINARY");
                encode_section_binary(section, out);
                encode_origin(origin, out);
                out.sp();
                match value {
                    BinaryValue::NString(data) => data.encode(out),
                    BinaryValue::Literal8(data) => data.encode(out),
                }
            }
            Self::BinarySize { section, size } => {
                out.push(b"BINARY.SIZE");
                encode_section_binary(section, out);
                out.sp();
                out.number(u64::from(*size));
            }
            Self::ModSeq(modseq) => {
                out.push(b"MODSEQ (");
                out.number(*modseq);
                out.byte(b')');
            }
            Self::EmailId(id) => {
                out.push(b"EMAILID (");
                out.push(id.as_bytes());
                out.byte(b')');
            }
            Self::ThreadId(Some(id)) => {
                out.push(b"THREADID (");
                out.push(id.as_bytes());
                out.byte(b')');
            }
            Self::ThreadId(None) => out.push(b"THREADID NIL"),
            Self::SaveDate(Some(date)) => {
                out.push(b"SAVEDATE ");
                date.encode(out);
            }
            Self::SaveDate(None) => out.push(b"SAVEDATE NIL"),
            Self::Preview(data) => {
                out.push(b"PREVIEW ");
                data.encode(out);
            }
        }
    }

    fn literal_bytes(&self) -> usize {
        match self {
            Self::Rfc822(data)
            | Self::Rfc822Header(data)
            | Self::Rfc822Text(data)
            | Self::BodyExt { data, .. }
            | Self::Preview(data)
            | Self::Binary {
                value: BinaryValue::NString(data),
                ..
            } => data.literal_bytes(),
            Self::Binary {
                value: BinaryValue::Literal8(data),
                ..
            } => data.literal_bytes(),
            _ => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use imap_types::{
        core::{IString, Literal8, LiteralMode, NString, SmallList},
        datetime::DateTime,
        flag::{Flag, FlagFetch},
    };

    use super::*;
    use crate::{
        core::tests::{assert_prefixes_incomplete, failed, run},
        decode::DecodeOptions,
    };

    fn nz(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).unwrap()
    }

    fn part(numbers: &[u32]) -> Part {
        Part::try_from(numbers.iter().map(|&n| nz(n)).collect::<Vec<_>>()).unwrap()
    }

    fn names(list: &[&'static str]) -> Vec1<AString<'static>> {
        Vec1::unvalidated(
            list.iter()
                .map(|&n| AString::try_from(n).unwrap())
                .collect(),
        )
    }

    fn ns(value: &str) -> NString<'_> {
        NString::try_from(value).unwrap()
    }

    /// Encodes a `msg-att` list: `"(" item *(SP item) ")"`.
    fn encode_msg_att(items: &[MessageDataItem<'_>]) -> Vec<u8> {
        let mut out = Encoder::new();
        out.paren_list(items, |item, out| item.encode(out));
        out.into_bytes()
    }

    #[test]
    fn fetch_items_rule() {
        for (input, expected) in [
            (&b"ALL\r\n"[..], FetchItems::Macro(Macro::All)),
            (b"fast\r\n", FetchItems::Macro(Macro::Fast)),
            (b"Full (CHANGEDSINCE 1)", FetchItems::Macro(Macro::Full)),
            (
                b"BODY[]\r\n",
                FetchItems::Single(FetchAttribute::BodyExt {
                    section: None,
                    partial: None,
                    peek: false,
                }),
            ),
            (
                b"(FLAGS)\r\n",
                FetchItems::List(Vec1::one(FetchAttribute::Flags)),
            ),
        ] {
            let (items, rest) = run(input, Parser::fetch_items).unwrap();
            assert_eq!(items, expected, "{input:?}");
            assert!(rest.starts_with(b"\r\n") || rest.starts_with(b" ("));
        }
        // RFC 3501 section 6.4.5 and RFC 9051 section 6.4.5.
        let input = b"(FLAGS BODY[HEADER.FIELDS (DATE FROM)])";
        let (items, _) = run(input, Parser::fetch_items).unwrap();
        assert_eq!(
            items,
            FetchItems::List(Vec1::unvalidated(alloc::vec![
                FetchAttribute::Flags,
                FetchAttribute::BodyExt {
                    section: Some(Section::HeaderFields(None, names(&["DATE", "FROM"]))),
                    partial: None,
                    peek: false,
                },
            ]))
        );
        assert_eq!(items.encode_to_vec(), input);
        assert_eq!(FetchItems::Macro(Macro::Full).encode_to_vec(), b"FULL");
        let input = b"(UID RFC822.SIZE FLAGS BODY.PEEK[HEADER.FIELDS (DATE FROM)]<0.2048>)";
        let (items, rest) = run(input, Parser::fetch_items).unwrap();
        assert!(rest.is_empty());
        assert_eq!(
            items,
            FetchItems::List(Vec1::unvalidated(alloc::vec![
                FetchAttribute::Uid,
                FetchAttribute::Rfc822Size,
                FetchAttribute::Flags,
                FetchAttribute::BodyExt {
                    section: Some(Section::HeaderFields(None, names(&["DATE", "FROM"]))),
                    partial: Some((0, nz(2048))),
                    peek: true,
                },
            ]))
        );
        assert_eq!(items.encode_to_vec(), input);
        assert_prefixes_incomplete(input, Parser::fetch_items);
        assert_eq!(run(b"ALL", Parser::fetch_items), Err(Error::Incomplete));
        assert_eq!(
            run(b"ALLX\r\n", Parser::fetch_items),
            Err(failed(0, "fetch-att"))
        );
        assert_eq!(
            run(b"(FLAGS FOO)", Parser::fetch_items),
            Err(failed(7, "fetch-att"))
        );
        assert_eq!(run(b"()", Parser::fetch_items), Err(failed(1, "fetch-att")));
        // `,` may stand in an atom, so `FLAGS,UID` reads as one name, which is no fetch-att.
        assert_eq!(
            run(b"(FLAGS,UID)", Parser::fetch_items),
            Err(failed(1, "fetch-att"))
        );
        assert_eq!(
            run(b"(FLAGS\tUID)", Parser::fetch_items),
            Err(failed(6, "SP or \")\""))
        );
    }

    #[test]
    fn fetch_att_every_variant() {
        use FetchAttribute as A;
        let cases: &[(&[u8], A<'static>)] = &[
            (b"ENVELOPE", A::Envelope),
            (b"FLAGS", A::Flags),
            (b"INTERNALDATE", A::InternalDate),
            (b"RFC822", A::Rfc822),
            (b"RFC822.HEADER", A::Rfc822Header),
            (b"RFC822.SIZE", A::Rfc822Size),
            (b"RFC822.TEXT", A::Rfc822Text),
            (b"BODY", A::Body),
            (b"BODYSTRUCTURE", A::BodyStructure),
            (b"UID", A::Uid),
            (
                b"BODY[1.2.MIME]<10.20>",
                A::BodyExt {
                    section: Some(Section::Mime(part(&[1, 2]))),
                    partial: Some((10, nz(20))),
                    peek: false,
                },
            ),
            (
                b"BODY.PEEK[]",
                A::BodyExt {
                    section: None,
                    partial: None,
                    peek: true,
                },
            ),
            (
                b"BINARY[1.2]",
                A::Binary {
                    section: alloc::vec![nz(1), nz(2)],
                    partial: None,
                    peek: false,
                },
            ),
            (
                b"BINARY.PEEK[]<0.1>",
                A::Binary {
                    section: Vec::new(),
                    partial: Some((0, nz(1))),
                    peek: true,
                },
            ),
            (
                b"BINARY.SIZE[3]",
                A::BinarySize {
                    section: alloc::vec![nz(3)],
                },
            ),
            (b"MODSEQ", A::ModSeq),
            (b"EMAILID", A::EmailId),
            (b"THREADID", A::ThreadId),
            (b"SAVEDATE", A::SaveDate),
            (b"PREVIEW", A::Preview { lazy: false }),
            (b"PREVIEW (LAZY)", A::Preview { lazy: true }),
        ];
        for (bytes, expected) in cases {
            for end in [&b")"[..], b" ENVELOPE", b"\r\n"] {
                let input = [*bytes, end].concat();
                let (att, rest) = run(&input, Parser::fetch_att).unwrap();
                assert_eq!(&att, expected, "{input:?}");
                assert_eq!(rest, end);
            }
            assert_eq!(expected.encode_to_vec(), *bytes);
            // Every proper prefix is incomplete.
            assert_prefixes_incomplete(bytes, Parser::fetch_att);
            // Case does not matter.
            let lower = bytes.to_ascii_lowercase();
            let input = [&lower[..], b")"].concat();
            assert_eq!(&run(&input, Parser::fetch_att).unwrap().0, expected);
        }
        // A fetch-modifier after PREVIEW is not a preview-mod.
        assert_eq!(
            run(b"PREVIEW (CHANGEDSINCE 5)", Parser::fetch_att),
            Ok((A::Preview { lazy: false }, &b" (CHANGEDSINCE 5)"[..]))
        );
    }

    #[test]
    fn fetch_att_malformed() {
        assert_eq!(
            run(b"BODY.PEEK ", Parser::fetch_att),
            Err(failed(9, "\"[\""))
        );
        assert_eq!(run(b"BINARY ", Parser::fetch_att), Err(failed(6, "\"[\"")));
        assert_eq!(
            run(b"BINARY[1.TEXT] ", Parser::fetch_att),
            Err(failed(8, "\"]\""))
        );
        assert_eq!(
            run(b"BODYX ", Parser::fetch_att),
            Err(failed(0, "fetch-att"))
        );
        assert_eq!(
            run(b"BODY[]<5> ", Parser::fetch_att),
            Err(failed(8, "\".\""))
        );
        assert_eq!(
            run(b"BODY[]<5.0> ", Parser::fetch_att),
            Err(failed(9, "nz-number"))
        );
    }

    #[test]
    fn section_rule() {
        let cases: &[(&[u8], Option<Section<'static>>)] = &[
            (b"[]", None),
            (b"[1.2.3]", Some(Section::Part(part(&[1, 2, 3])))),
            (b"[HEADER]", Some(Section::Header(None))),
            (b"[TEXT]", Some(Section::Text(None))),
            (b"[4.2.HEADER]", Some(Section::Header(Some(part(&[4, 2]))))),
            (b"[3.TEXT]", Some(Section::Text(Some(part(&[3]))))),
            (b"[2.MIME]", Some(Section::Mime(part(&[2])))),
            (
                b"[HEADER.FIELDS (DATE FROM)]",
                Some(Section::HeaderFields(None, names(&["DATE", "FROM"]))),
            ),
            (
                b"[1.HEADER.FIELDS.NOT (\"X-A B\" {3}\r\nX-C)]",
                Some(Section::HeaderFieldsNot(
                    Some(part(&[1])),
                    Vec1::unvalidated(alloc::vec![
                        AString::String(IString::try_from("X-A B").unwrap()),
                        AString::String(IString::Literal(imap_types::core::Literal::unvalidated(
                            &b"X-C"[..],
                            LiteralMode::Sync
                        ))),
                    ]),
                )),
            ),
        ];
        for (input, expected) in cases {
            let (section, rest) = run(input, Parser::section).unwrap();
            assert!(rest.is_empty());
            assert_eq!(&section, expected);
            let mut out = Encoder::new();
            encode_section(&section, &mut out);
            assert_eq!(out.to_vec(), *input);
            assert_prefixes_incomplete(input, Parser::section);
        }
        assert_eq!(
            run(b"[MIME]", Parser::section),
            Err(failed(1, "section-spec"))
        );
        assert_eq!(
            run(b"[1.FOO]", Parser::section),
            Err(failed(3, "section-text"))
        );
        assert_eq!(run(b"[0]", Parser::section), Err(failed(1, "nz-number")));
        assert_eq!(run(b"[1.0]", Parser::section), Err(failed(3, "nz-number")));
        assert_eq!(run(b"[1 ]", Parser::section), Err(failed(2, "\"]\"")));
        assert_eq!(
            run(b"[HEADER.FIELDS ()]", Parser::section),
            Err(failed(16, "astring"))
        );
        assert_eq!(
            run(b"[HEADER.FIELDS(A)]", Parser::section),
            Err(failed(14, "SP"))
        );
        assert_eq!(
            run(b"[1.]", Parser::section),
            Err(failed(3, "section-text"))
        );
    }

    #[test]
    fn partial_and_origin_rules() {
        assert_eq!(
            run(b"<0.2048> ", Parser::partial),
            Ok((Some((0, nz(2048))), &b" "[..]))
        );
        assert_eq!(run(b" ", Parser::partial), Ok((None, &b" "[..])));
        assert_eq!(run(b"<1.0>", Parser::partial), Err(failed(3, "nz-number")));
        assert_eq!(run(b"<1.2", Parser::partial), Err(Error::Incomplete));
        assert_eq!(run(b"<7> ", Parser::origin), Ok((Some(7), &b" "[..])));
        assert_eq!(run(b"<7.1>", Parser::origin), Err(failed(2, "\">\"")));
    }

    /// Every message data item that needs no rule of another area, with literals.
    const MSG_ATT: &[u8] = b"(UID 447 RFC822.SIZE 44827 \
ENVELOPE (NIL \"Hi\" ((NIL NIL \"a\" \"b.org\")) NIL NIL NIL NIL NIL NIL \"<x@b.org>\") \
BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92) \
BODYSTRUCTURE (\"IMAGE\" \"PNG\" NIL NIL NIL \"BASE64\" 10 NIL NIL NIL NIL) \
BODY[HEADER.FIELDS (DATE FROM)] {9}\r\nDate: x\r\n BODY[1]<0> \"abc\" BODY[] NIL \
RFC822 NIL RFC822.HEADER \"h\" RFC822.TEXT {1}\r\nt \
BINARY[1] ~{3}\r\n\x00\x01\x02 BINARY[] NIL BINARY[2]<5> \"q\" BINARY.SIZE[1.2] 400 \
MODSEQ (12345) EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9) THREADID NIL \
SAVEDATE NIL PREVIEW \"Preview text!\" PREVIEW NIL)";

    #[test]
    fn msg_att_every_item_without_flags_and_dates() {
        use MessageDataItem as M;
        let (items, rest) = run(MSG_ATT, Parser::msg_att).unwrap();
        assert!(rest.is_empty());
        assert_eq!(encode_msg_att(&items), MSG_ATT);
        let items = items.into_inner();
        assert_eq!(items.len(), 22);
        assert_eq!(items[0], M::Uid(nz(447)));
        assert_eq!(items[1], M::Rfc822Size(44827));
        assert!(matches!(&items[2], M::Envelope(e) if e.from.len() == 1 && e.sender.is_empty()));
        assert!(matches!(&items[3], M::Body(_)));
        assert!(matches!(&items[4], M::BodyStructure(_)));
        assert_eq!(
            items[5],
            M::BodyExt {
                section: Some(Section::HeaderFields(None, names(&["DATE", "FROM"]))),
                origin: None,
                data: NString(Some(IString::Literal(
                    imap_types::core::Literal::unvalidated(&b"Date: x\r\n"[..], LiteralMode::Sync)
                ))),
            }
        );
        assert_eq!(
            items[6],
            M::BodyExt {
                section: Some(Section::Part(part(&[1]))),
                origin: Some(0),
                data: ns("abc"),
            }
        );
        assert_eq!(
            items[7],
            M::BodyExt {
                section: None,
                origin: None,
                data: NString::NIL,
            }
        );
        assert_eq!(items[8], M::Rfc822(NString::NIL));
        assert_eq!(items[9], M::Rfc822Header(ns("h")));
        assert!(matches!(&items[10], M::Rfc822Text(t) if t.as_bytes() == Some(&b"t"[..])));
        assert_eq!(
            items[11],
            M::Binary {
                section: alloc::vec![nz(1)],
                origin: None,
                value: BinaryValue::Literal8(Literal8 {
                    data: Cow::Borrowed(&b"\x00\x01\x02"[..]),
                    mode: LiteralMode::Sync,
                }),
            }
        );
        assert_eq!(
            items[12],
            M::Binary {
                section: Vec::new(),
                origin: None,
                value: BinaryValue::NString(NString::NIL),
            }
        );
        assert_eq!(
            items[13],
            M::Binary {
                section: alloc::vec![nz(2)],
                origin: Some(5),
                value: BinaryValue::NString(ns("q")),
            }
        );
        assert_eq!(
            items[14],
            M::BinarySize {
                section: alloc::vec![nz(1), nz(2)],
                size: 400,
            }
        );
        assert_eq!(items[15], M::ModSeq(12345));
        assert_eq!(items[16], M::EmailId(Cow::Borrowed("M6d99ac3275bb4e")));
        assert_eq!(
            items[17],
            M::ThreadId(Some(Cow::Borrowed("T64b478a75b7ea9")))
        );
        assert_eq!(items[18], M::ThreadId(None));
        assert_eq!(items[19], M::SaveDate(None));
        assert_eq!(items[20], M::Preview(ns("Preview text!")));
        assert_eq!(items[21], M::Preview(NString::NIL));
        assert_prefixes_incomplete(MSG_ATT, Parser::msg_att);
    }

    #[test]
    fn msg_att_malformed() {
        assert_eq!(run(b"(FOO 1)", Parser::msg_att), Err(failed(1, "msg-att")));
        assert_eq!(run(b"()", Parser::msg_att), Err(failed(1, "msg-att")));
        assert_eq!(run(b"(UID 1 )", Parser::msg_att), Err(failed(7, "msg-att")));
        assert_eq!(
            run(b"(UID 0)", Parser::msg_att),
            Err(failed(5, "nz-number"))
        );
        assert_eq!(run(b"(UID)", Parser::msg_att), Err(failed(4, "SP")));
        assert_eq!(run(b"(UID 1", Parser::msg_att), Err(Error::Incomplete));
        assert_eq!(
            run(b"(MODSEQ (0))", Parser::msg_att),
            Err(failed(9, "mod-sequence-value"))
        );
        // Found by fuzzing: a lenient `0` re-encoded to bytes that do not decode.
        let mut p = Parser::new(b"(MODSEQ (0))", &DecodeOptions::lenient());
        assert_eq!(p.msg_att(), Err(failed(9, "mod-sequence-value")));
        assert_eq!(
            run(b"(EMAILID ())", Parser::msg_att),
            Err(failed(10, "objectid"))
        );
        assert_eq!(
            run(b"(THREADID X)", Parser::msg_att),
            Err(failed(10, "\"(\" or NIL"))
        );
        assert_eq!(
            run(b"(BODY[1] x)", Parser::msg_att),
            Err(failed(9, "string"))
        );
        assert_eq!(
            run(b"(BINARY[1]<0.5> x)", Parser::msg_att),
            Err(failed(12, "\">\""))
        );
        assert_eq!(
            run(b"(BODY[1]<0.5> x)", Parser::msg_att),
            Err(failed(10, "\">\""))
        );
        let mut long = b"(EMAILID (".to_vec();
        long.extend(core::iter::repeat_n(b'a', 256));
        long.extend_from_slice(b"))");
        assert_eq!(
            run(&long, Parser::msg_att),
            Err(failed(10 + 255, "objectid of at most 255 characters"))
        );
    }

    /// Needs `flag_fetch` and `date_time` (other areas): the RFC 3501 section 8 (and RFC 9051
    /// section 8) `FETCH FULL` response.
    #[test]
    fn msg_att_rfc3501_full_fetch() {
        let input = b"(FLAGS (\\Seen) INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" \
RFC822.SIZE 4286 ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \
\"IMAP4rev1 WG mtg summary and minutes\" \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) \
((NIL NIL \"imap\" \"cac.washington.edu\")) \
((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) \
NIL NIL \"<B27397-0100000@cac.washington.edu>\") \
BODY (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92))";
        let (items, rest) = run(input, Parser::msg_att).unwrap();
        assert!(rest.is_empty());
        assert_eq!(
            items[0],
            MessageDataItem::Flags(SmallList::one(FlagFetch::Flag(Flag::Seen)))
        );
        assert_eq!(
            items[1],
            MessageDataItem::InternalDate(
                DateTime::new(1996, 7, 17, (2, 44, 25), -7 * 60).unwrap()
            )
        );
        assert_eq!(items[2], MessageDataItem::Rfc822Size(4286));
        assert_eq!(encode_msg_att(&items), input);
        // RFC 3501 section 7.4.2.
        let input = b"(FLAGS (\\Seen) RFC822.SIZE 44827)";
        let (items, _) = run(input, Parser::msg_att).unwrap();
        assert_eq!(encode_msg_att(&items), input);
        // Empty flags, \Recent, and a save date.
        let input = b"(FLAGS () FLAGS (\\Recent $Junk) SAVEDATE \" 1-Jan-2024 00:00:00 +0000\")";
        let (items, _) = run(input, Parser::msg_att).unwrap();
        assert_eq!(items[0], MessageDataItem::Flags(SmallList::new()));
        assert!(matches!(&items[1], MessageDataItem::Flags(f) if f[0] == FlagFetch::Recent));
        assert!(matches!(items[2], MessageDataItem::SaveDate(Some(_))));
        assert_eq!(encode_msg_att(&items), input);
    }
}

//! The core rules: numbers, atoms, tags, strings, literals, text, and the RFC 4466 extension
//! values.

use alloc::{borrow::Cow, string::String, vec::Vec};
use core::num::NonZeroU32;

use imap_types::core::{
    AString, Atom, AtomExt, Charset, IString, Literal, Literal8, LiteralMode, NString, Parameter,
    Quoted, Tag, TaggedExtComp, TaggedExtSimple, TaggedExtValue, TaggedExtension, TaggedLabel,
    Text, Vec1, chars,
};

use crate::{
    decode::{Error, Lead, ONES, PResult, Parser, bytes_below, fill, is_digit, load_short},
    encode::{Encode, Encoder},
};

/// The first `"` or `\` (the bytes a quoted string escapes) in the little-endian word `w`, as
/// its high bit; 0 if there is none. Bits above the lowest one may be set wrongly.
#[inline(always)]
fn quoted_specials(w: u64) -> u64 {
    bytes_below(w ^ (ONES * u64::from(b'"')), 1) | bytes_below(w ^ (ONES * u64::from(b'\\')), 1)
}

/// The first byte of the little-endian word `w` that may end a run of `QUOTED-CHAR`: a `"`,
/// a `\` or a byte below 0x0e (which NUL, CR and LF are), as its high bit; 0 if there is
/// none. Bits above the lowest one may be set wrongly.
#[inline(always)]
fn quoted_stops(w: u64) -> u64 {
    quoted_specials(w) | bytes_below(w, 0x0e)
}

/// The number of bytes at the start of `bytes` that may stand unescaped in a quoted string
/// (`QUOTED-CHAR` but `\`, or a byte of a UTF-8 sequence); `None` if every byte may.
///
/// Eight bytes at a time: a word is looked at byte by byte only when it holds a `"`, a `\`
/// or a byte below 0x0e.
#[inline]
fn quoted_run(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    while let Some(word) = bytes[i..].first_chunk::<8>() {
        let hits = quoted_stops(u64::from_le_bytes(*word));
        if hits != 0 {
            let first = (hits.trailing_zeros() / 8) as usize;
            if let Some(k) = word[first..]
                .iter()
                .position(|&b| !chars::is_quoted_char(b))
            {
                return Some(i + first + k);
            }
        }
        i += 8;
    }
    bytes[i..]
        .iter()
        .position(|&b| !chars::is_quoted_char(b))
        .map(|k| i + k)
}

/// The offset in `bytes` of the `"` that closes a plain quoted string (no escapes, no control
/// characters), found eight bytes at a time; `None` for anything else, and when the string
/// ends in the last eight bytes of `bytes`: [`quoted_run`] decides those.
#[inline(always)]
fn plain_quoted_end(bytes: &[u8]) -> Option<usize> {
    let mut i = 0;
    loop {
        let word = bytes.get(i..i + 8)?;
        let hits = quoted_stops(u64::from_le_bytes(word.try_into().ok()?));
        if hits != 0 {
            let end = i + (hits.trailing_zeros() / 8) as usize;
            return (bytes[end] == b'"').then_some(end);
        }
        i += 8;
    }
}

/// The value of the `n` digits (1 to 7) at the start of `word` (eight input bytes read
/// little-endian), computed on the whole word.
///
/// The digits' values are shifted up to the top of the word, so that the bytes below them read
/// as leading zeros; then neighbours are combined three times, each step turning lanes of one
/// width into lanes of twice the width: two digits into a number below 100 per 16 bits, two of
/// those into one below 10 000 per 32 bits, and those two into the number. No lane overflows
/// into the next (99, 9 999 and 99 999 999 fit in 8, 16 and 32 bits).
#[inline(always)]
fn short_number(word: u64, n: usize) -> u32 {
    let v = (word ^ (ONES * u64::from(b'0'))) << (8 * (8 - n));
    let v = (v * 10 + (v >> 8)) & 0x00ff_00ff_00ff_00ff;
    let v = (v * 100 + (v >> 16)) & 0x0000_ffff_0000_ffff;
    ((v * 10_000 + (v >> 32)) & 0xffff_ffff) as u32
}

/// The value of `digits` (more than 18, at `start`) as a `number64`, with overflow checks: the
/// rare path of [`Parser::number64`], kept out of the callers it is inlined into.
#[cold]
#[inline(never)]
fn long_number64(digits: &[u8], start: usize) -> PResult<u64> {
    digits
        .iter()
        .try_fold(0u64, |v, d| {
            v.checked_mul(10)
                .and_then(|v| v.checked_add(u64::from(d - b'0')))
                .filter(|&v| v <= i64::MAX as u64)
        })
        .ok_or(Error::Failed {
            offset: start,
            expected: &"number below 2^63",
        })
}

impl<'a> Parser<'a> {
    /// `number = 1*DIGIT`: an unsigned 32-bit number.
    #[inline(always)]
    pub(crate) fn number(&mut self) -> PResult<u32> {
        let start = self.pos;
        let value = self.number64()?;
        u32::try_from(value).map_err(|_| Error::Failed {
            offset: start,
            expected: &"number below 2^32",
        })
    }

    /// `number64 = 1*DIGIT`: an unsigned number below 2^63 (RFC 9051).
    #[inline(always)]
    pub(crate) fn number64(&mut self) -> PResult<u64> {
        let start = self.pos;
        let rest = &self.input[start..];
        // The common case: a number of at most seven digits, whose end is in the first word.
        let mut scanned = 0;
        if let Some(word) = rest.first_chunk::<8>() {
            let word = u64::from_le_bytes(*word);
            let not_digit = chars::non_digits(word);
            if not_digit != 0 {
                let n = (not_digit.trailing_zeros() / 8) as usize;
                if n == 0 {
                    return Err(self.fail(&"number"));
                }
                self.pos += n;
                return Ok(u64::from(short_number(word, n)));
            }
            scanned = 8;
        }
        // Like `take_while1(is_digit, ..)`, a word at a time (see `chars::digit_run`), after
        // the eight digits already seen.
        let n = scanned + chars::digit_run(&rest[scanned..]);
        if n == rest.len() {
            return Err(Error::Incomplete);
        }
        let digits = self.nonempty(&rest[..n], &"number")?;
        self.pos += n;
        // Eighteen digits stay below 2^63: only longer numbers need the overflow checks.
        if digits.len() <= 18 {
            return Ok(digits.iter().fold(0, |v, d| v * 10 + u64::from(d - b'0')));
        }
        long_number64(digits, start)
    }

    /// `mod-sequence-value = 1*DIGIT`: a positive number below 2^63 (RFC 7162).
    pub(crate) fn mod_sequence_value(&mut self) -> PResult<u64> {
        let start = self.pos;
        match self.number64()? {
            0 => Err(Error::Failed {
                offset: start,
                expected: &"mod-sequence-value",
            }),
            value => Ok(value),
        }
    }

    /// `nz-number = digit-nz *DIGIT`
    pub(crate) fn nz_number(&mut self) -> PResult<NonZeroU32> {
        let start = self.pos;
        if self.peek()? == b'0' {
            return Err(self.fail(&"nz-number"));
        }
        NonZeroU32::new(self.number()?).ok_or(Error::Failed {
            offset: start,
            expected: &"nz-number",
        })
    }

    /// `atom = 1*ATOM-CHAR`
    pub(crate) fn atom(&mut self) -> PResult<Atom<'a>> {
        let start = self.pos;
        let bytes = self.take_token1(crate::decode::is_atom_byte, &"atom")?;
        Ok(Atom::unvalidated(self.ascii(bytes, start)?))
    }

    /// `tag = 1*<any ASTRING-CHAR except "+">`
    ///
    /// Inlined, so that the tag reaches the command or status in registers rather than through
    /// memory written just before.
    #[inline(always)]
    pub(crate) fn tag(&mut self) -> PResult<Tag<'a>> {
        let start = self.pos;
        let bytes = self.take_token1(crate::decode::is_tag_byte, &"tag")?;
        Ok(Tag::unvalidated(self.ascii(bytes, start)?))
    }

    /// `quoted = DQUOTE *QUOTED-CHAR DQUOTE`
    pub(crate) fn quoted(&mut self) -> PResult<Quoted<'a>> {
        self.expect(b'"', &"DQUOTE")?;
        let start = self.pos;
        let n = quoted_run(&self.input[start..]).ok_or(Error::Incomplete)?;
        match self.input.get(start + n) {
            Some(b'"') => {
                self.pos = start + n + 1;
                let s = self.utf8(start, start + n).map_err(|e| Error::Failed {
                    offset: start + e.valid_up_to(),
                    expected: &"UTF-8",
                })?;
                Ok(Quoted::unvalidated(s))
            }
            Some(b'\\') => self.quoted_escaped(start, n),
            _ => Err(self.fail_at(start + n, &"QUOTED-CHAR or DQUOTE")),
        }
    }

    /// The slow path of `quoted`, for a string with `\` escapes; the first one is `run`
    /// bytes after `start`.
    #[cold]
    #[inline(never)]
    fn quoted_escaped(&mut self, start: usize, mut run: usize) -> PResult<Quoted<'a>> {
        let input = self.input;
        let mut out = Vec::with_capacity(run + 16);
        let mut pos = start;
        loop {
            out.extend_from_slice(input.get(pos..pos + run).ok_or(Error::Incomplete)?);
            pos += run;
            match input.get(pos) {
                Some(b'"') => break,
                Some(b'\\') => {
                    let escaped = *input.get(pos + 1).ok_or(Error::Incomplete)?;
                    if escaped != b'"' && escaped != b'\\' {
                        return Err(self.fail_at(pos + 1, &"quoted-specials after \"\\\""));
                    }
                    out.push(escaped);
                    pos += 2;
                }
                _ => return Err(self.fail_at(pos, &"QUOTED-CHAR or DQUOTE")),
            }
            run = quoted_run(input.get(pos..).unwrap_or_default()).ok_or(Error::Incomplete)?;
        }
        self.pos = pos + 1;
        let s = String::from_utf8(out).map_err(|e| Error::Failed {
            offset: start + e.utf8_error().valid_up_to(),
            expected: &"UTF-8",
        })?;
        Ok(Quoted::unvalidated(s))
    }

    /// The header of a literal: `"{" number64 ["+"] "}" CRLF`, with `~` before it for a
    /// `literal8`. Returns the length and mode; the data must follow.
    fn literal_header(&mut self, binary: bool) -> PResult<(usize, LiteralMode)> {
        if binary {
            self.expect(b'~', &"\"~\"")?;
        }
        self.expect(b'{', &"\"{\"")?;
        let start = self.pos;
        let length = self.number64()?;
        let length = u32::try_from(length).map_err(|_| Error::Failed {
            offset: start,
            expected: &"literal length below 2^32",
        })?;
        let mode = if self.eat(b'+')? {
            LiteralMode::NonSync
        } else {
            LiteralMode::Sync
        };
        self.expect(b'}', &"\"}\"")?;
        self.crlf()?;
        let available = self.input.len() - self.pos;
        if (length as usize) > available {
            if self.announce_literals && mode == LiteralMode::Sync && available == 0 {
                return Err(Error::literal(length, binary));
            }
            return Err(Error::Incomplete);
        }
        Ok((length as usize, mode))
    }

    /// `literal = "{" number64 ["+"] "}" CRLF *CHAR8`: the data is borrowed, never copied.
    #[inline(never)]
    pub(crate) fn literal(&mut self) -> PResult<Literal<'a>> {
        let (length, mode) = self.literal_header(false)?;
        let data = &self.input[self.pos..self.pos + length];
        // The position is looked for only on failure.
        if has_nul(data)
            && let Some(nul) = data.iter().position(|&b| b == 0)
        {
            return Err(Error::Failed {
                offset: self.pos + nul,
                expected: &"CHAR8 (no NUL in a literal)",
            });
        }
        self.pos += length;
        Ok(Literal::unvalidated(data, mode))
    }

    /// `literal8 = "~{" number64 ["+"] "}" CRLF *OCTET` (RFC 3516)
    pub(crate) fn literal8(&mut self) -> PResult<Literal8<'a>> {
        let (length, mode) = self.literal_header(true)?;
        let data = &self.input[self.pos..self.pos + length];
        self.pos += length;
        Ok(Literal8 {
            data: Cow::Borrowed(data),
            mode,
        })
    }

    /// `lead` (see [`Lead`]) and a `string`, with the common case in the caller (see
    /// [`Parser::nstring_inline_into`]).
    #[inline(always)]
    pub(crate) fn string_inline(&mut self, lead: Lead) -> PResult<IString<'a>> {
        match self.quoted_plain(lead) {
            Some(quoted) => Ok(IString::Quoted(quoted)),
            None => {
                self.expect_lead(lead)?;
                self.string_any()
            }
        }
    }

    /// [`Parser::string_inline`] written into `slot`, for a string that is a field of a larger
    /// value: a string returned is copied into its field from the memory the return went
    /// through, and that copy waits for the stores that wrote the return.
    #[inline(always)]
    pub(crate) fn string_into(&mut self, slot: &mut IString<'a>) -> PResult<()> {
        match self.quoted_plain(None) {
            Some(quoted) => fill(slot, IString::Quoted(quoted)),
            None => fill(slot, self.string_any()?),
        }
        Ok(())
    }

    /// `string = quoted / literal`
    pub(crate) fn string(&mut self) -> PResult<IString<'a>> {
        self.string_inline(None)
    }

    /// The common case of `string`: a quoted string without escapes, inside the stretch of
    /// input already checked as UTF-8, after `lead` (`SP` between the fields of an address,
    /// say), which is tested with the string's opening quote. `None` for anything else, and
    /// nothing is consumed: [`Parser::string_any`] decodes it from the start (after `lead`).
    #[inline(always)]
    pub(crate) fn quoted_plain(&mut self, lead: Lead) -> Option<Quoted<'a>> {
        // Scanned in the checked stretch itself, so that the string is a slice of it.
        let (checked, at) = self.checked_here();
        let bytes = checked.as_bytes();
        let at = match lead {
            Some((lead, _)) if *bytes.get(at)? != lead => return None,
            Some(_) => at + 1,
            None => at,
        };
        if *bytes.get(at)? != b'"' {
            return None;
        }
        let body = checked.split_at_checked(at)?.1.strip_prefix('"')?;
        let len = plain_quoted_end(body.as_bytes())?;
        let (s, _) = body.split_at_checked(len)?;
        self.pos += usize::from(lead.is_some()) + len + 2;
        Some(Quoted::unvalidated(s))
    }

    /// `string`, in any of its forms.
    #[cold]
    #[inline(never)]
    pub(crate) fn string_any(&mut self) -> PResult<IString<'a>> {
        match self.peek()? {
            b'"' => Ok(IString::Quoted(self.quoted()?)),
            b'{' => Ok(IString::Literal(self.literal()?)),
            _ => Err(self.fail(&"string")),
        }
    }

    /// `astring = 1*ASTRING-CHAR / string`
    pub(crate) fn astring(&mut self) -> PResult<AString<'a>> {
        match self.peek()? {
            b'"' | b'{' => Ok(AString::String(self.string()?)),
            _ => {
                let start = self.pos;
                let bytes = self.take_token1(crate::decode::is_astring_byte, &"astring")?;
                Ok(AString::Atom(AtomExt::unvalidated(
                    self.ascii(bytes, start)?,
                )))
            }
        }
    }

    /// `nil = "NIL"`; upper case, the common form, is tested in one comparison.
    pub(crate) fn nil(&mut self) -> PResult<()> {
        if self.eat_exact(b"NIL") {
            return Ok(());
        }
        self.keyword(b"NIL", &"NIL")
    }

    /// `lead` (see [`Lead`]) and an `nstring`, read into `slot` with the common case, a plain
    /// quoted string, in the caller: for rules that read several in a row, so that the scan's
    /// constants stay in registers across them.
    #[inline(always)]
    pub(crate) fn nstring_inline_into(
        &mut self,
        lead: Lead,
        slot: &mut NString<'a>,
    ) -> PResult<()> {
        match self.quoted_plain(lead) {
            Some(quoted) => {
                fill(slot, NString(Some(IString::Quoted(quoted))));
                Ok(())
            }
            None => {
                self.expect_lead(lead)?;
                self.nstring_not_plain_into(slot)
            }
        }
    }

    /// `nstring = string / nil`; inlined into the rules that write it into a field
    /// ([`Parser::nstring_into`]), so that it is not returned through memory.
    #[inline]
    pub(crate) fn nstring(&mut self) -> PResult<NString<'a>> {
        self.nil_or(Parser::string)
    }

    /// [`Parser::nstring`] written into `slot` (see [`Parser::string_into`]).
    pub(crate) fn nstring_into(&mut self, slot: &mut NString<'a>) -> PResult<()> {
        fill(slot, self.nstring()?);
        Ok(())
    }

    /// `SP nstring`, read into `slot`, which holds `NIL` already (a field of a placeholder):
    /// the common `SP NIL` of a field that is almost always `NIL` is only consumed.
    #[inline(always)]
    pub(crate) fn sp_nstring_into(&mut self, slot: &mut NString<'a>) -> PResult<()> {
        if self.sp_unless_nil()? {
            self.nstring_into(slot)?;
        }
        Ok(())
    }

    /// [`Parser::nstring_into`] where the input is no plain quoted string (the short path has
    /// looked): `NIL`, or a string of another form, which is not scanned for the short path
    /// again.
    #[inline(never)]
    fn nstring_not_plain_into(&mut self, slot: &mut NString<'a>) -> PResult<()> {
        fill(slot, self.nil_or(Parser::string_any)?);
        Ok(())
    }

    /// `string / nil`, with the string read by `string`.
    #[inline(always)]
    fn nil_or(&mut self, string: fn(&mut Self) -> PResult<IString<'a>>) -> PResult<NString<'a>> {
        match self.peek()? {
            b'N' | b'n' => {
                self.nil()?;
                Ok(NString(None))
            }
            _ => Ok(NString(Some(string(self)?))),
        }
    }

    /// `text = 1*(TEXT-CHAR / UTF8-2 / UTF8-3 / UTF8-4)`, up to the line end; may be empty
    /// (`[text]` of RFC 9051).
    pub(crate) fn text(&mut self) -> PResult<Text<'a>> {
        let start = self.pos;
        let bytes = self.take_while(chars::is_text_char)?;
        let s = self
            .utf8(start, start + bytes.len())
            .map_err(|e| Error::Failed {
                offset: start + e.valid_up_to(),
                expected: &"UTF-8 text",
            })?;
        if s.starts_with('[') {
            return Err(Error::Failed {
                offset: start,
                expected: &"text not starting with \"[\"",
            });
        }
        Ok(Text::unvalidated(s))
    }

    /// `charset = atom / quoted` (RFC 9051); `astring` in RFC 3501.
    pub(crate) fn charset(&mut self) -> PResult<Charset<'a>> {
        Ok(Charset(self.astring()?))
    }

    /// `tagged-ext-label = tagged-label-fchar *tagged-label-char`
    pub(crate) fn tagged_ext_label(&mut self) -> PResult<TaggedLabel<'a>> {
        let start = self.pos;
        let first = self.peek()?;
        if !(first.is_ascii_alphabetic() || matches!(first, b'-' | b'_' | b'.')) {
            return Err(self.fail(&"tagged-ext-label"));
        }
        let bytes = self
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'))?;
        Ok(TaggedLabel::unvalidated(self.ascii(bytes, start)?))
    }

    /// `tagged-ext-val = tagged-ext-simple / "(" [tagged-ext-comp] ")"`
    pub(crate) fn tagged_ext_val(&mut self) -> PResult<TaggedExtValue<'a>> {
        if self.peek()? == b'(' {
            return self.nested(|p| {
                p.pos += 1;
                if p.eat(b')')? {
                    return Ok(TaggedExtValue::Comp(Vec::new()));
                }
                let comps = p.tagged_ext_comps()?;
                p.expect(b')', &"\")\"")?;
                Ok(TaggedExtValue::Comp(comps))
            });
        }
        Ok(TaggedExtValue::Simple(self.tagged_ext_simple()?))
    }

    /// `tagged-ext-simple = sequence-set / number / number64`
    ///
    /// A run of digits alone is a `number64` (which may be `0` or exceed 2^32, neither of
    /// which a `sequence-set` admits); anything else is a sequence set.
    fn tagged_ext_simple(&mut self) -> PResult<TaggedExtSimple<'a>> {
        let start = self.pos;
        let run = self.take_while(|b| is_digit(b) || matches!(b, b':' | b',' | b'*' | b'$'))?;
        self.pos = start;
        if !run.is_empty() && run.iter().all(|&b| is_digit(b)) {
            return Ok(TaggedExtSimple::Number(self.number64()?));
        }
        Ok(TaggedExtSimple::SequenceSet(self.sequence_set()?))
    }

    /// `tagged-ext-comp *(SP tagged-ext-comp)`: components up to a closing parenthesis.
    fn tagged_ext_comps(&mut self) -> PResult<Vec<TaggedExtComp<'a>>> {
        let mut comps = Vec::new();
        loop {
            let comp = if self.peek()? == b'(' {
                let inner = self.nested(|p| {
                    p.pos += 1;
                    let inner = p.tagged_ext_comps()?;
                    p.expect(b')', &"\")\"")?;
                    Ok(inner)
                })?;
                TaggedExtComp::List(Vec1::unvalidated(inner))
            } else {
                TaggedExtComp::AString(self.astring()?)
            };
            comps.push(comp);
            if self.peek()? != b' ' {
                return Ok(comps);
            }
            self.pos += 1;
        }
    }

    /// `tagged-ext = tagged-ext-label SP tagged-ext-val`
    pub(crate) fn tagged_ext(&mut self) -> PResult<TaggedExtension<'a>> {
        let label = self.tagged_ext_label()?;
        self.sp()?;
        Ok(TaggedExtension {
            label,
            value: self.tagged_ext_val()?,
        })
    }

    /// `name [SP tagged-ext-val]`: one extension parameter inside a list.
    pub(crate) fn parameter(&mut self) -> PResult<Parameter<'a>> {
        let name = self.tagged_ext_label()?;
        let value =
            if self.peek()? == b' ' && matches!(self.peek2()?, b'(' | b'$' | b'*' | b'0'..=b'9') {
                self.pos += 1;
                Some(self.tagged_ext_val()?)
            } else {
                None
            };
        Ok(Parameter { name, value })
    }

    /// `SP "(" parameter *(SP parameter) ")"`, if present: the shape of `select-params`,
    /// `fetch-modifiers`, `store-modifiers`, `create-params` and `rename-params` (RFC 4466).
    pub(crate) fn parameters(&mut self) -> PResult<Vec<Parameter<'a>>> {
        if self.peek()? == b' ' && self.peek2()? == b'(' {
            self.pos += 1;
            return self.nested(|p| p.paren_list(false, Parser::parameter));
        }
        Ok(Vec::new())
    }
}

impl Encode for Atom<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(self.as_str().as_bytes());
    }
}

impl Encode for AtomExt<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(self.as_str().as_bytes());
    }
}

impl Encode for Tag<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(self.as_str().as_bytes());
    }
}

impl Encode for TaggedLabel<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(self.as_str().as_bytes());
    }
}

impl Encode for Text<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.push(self.as_str().as_bytes());
    }
}

impl Encode for Quoted<'_> {
    // Inlined, as `IString`'s, `NString`'s and `Address`'s are: the leaves of an envelope's
    // encoding, whose placement across codegen units otherwise decides whether the envelope
    // calls them (measured: 7 % more instructions to encode a header-heavy response).
    #[inline(always)]
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        let bytes = self.as_str().as_bytes();
        // Most strings need no escape and are copied in one piece.
        if has_quoted_specials(bytes) {
            encode_escaped(bytes, out);
        } else {
            out.push_enclosed(b'"', bytes, b'"');
        }
    }
}

/// `DQUOTE *(QUOTED-CHAR / "\\" quoted-specials) DQUOTE` for `bytes`; out of line to keep
/// the common case (nothing to escape) small.
#[inline(never)]
fn encode_escaped(bytes: &[u8], out: &mut Encoder<'_>) {
    out.byte(b'"');
    let mut from = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' || b == b'\\' {
            out.push(&bytes[from..i]);
            out.byte(b'\\');
            from = i;
        }
    }
    out.push(&bytes[from..]);
    out.byte(b'"');
}

/// Whether `bytes` (literal data, often long) holds a NUL: the smallest byte of each of 32
/// columns is kept over the whole input, which the compiler turns into two vector `min`
/// instructions per 32 bytes, with no branch and no reduction per block.
fn has_nul(bytes: &[u8]) -> bool {
    let (blocks, rest) = bytes.as_chunks::<32>();
    let mut min = [u8::MAX; 32];
    for block in blocks {
        for (m, &b) in min.iter_mut().zip(block) {
            *m = (*m).min(b);
        }
    }
    min.contains(&0) || rest.contains(&0)
}

/// Whether `bytes` holds a `"` or a `\` (the bytes a quoted string escapes), tested in blocks
/// of 16 bytes (quoted strings are short) with no early exit inside a block, which the compiler
/// turns into a few vector instructions a block. The bytes after the last whole block are
/// tested with the last 16 bytes (overlapping that block), or, in fewer than 16 bytes, as two
/// words read from the input ([`load_short`]). Not as one block copied into a local array:
/// the CPU cannot forward the copy's narrow stores to the wide load of the block, and waits
/// for them (measured: that wait was 45 % of the time to encode a header-heavy response).
fn has_quoted_specials(bytes: &[u8]) -> bool {
    let in_block = |block: &[u8; 16]| {
        block
            .iter()
            .fold(false, |found, &b| found | (b == b'"') | (b == b'\\'))
    };
    let (blocks, _) = bytes.as_chunks::<16>();
    match bytes.last_chunk::<16>() {
        Some(last) => blocks.iter().any(in_block) || in_block(last),
        None => {
            let (lo, hi) = load_short(bytes);
            quoted_specials(lo) | quoted_specials(hi) != 0
        }
    }
}

impl Encode for Literal<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.literal(self.data(), self.mode(), false);
    }

    fn literal_bytes(&self) -> usize {
        self.data().len()
    }
}

impl Encode for Literal8<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.literal(&self.data, self.mode, true);
    }

    fn literal_bytes(&self) -> usize {
        self.data.len()
    }
}

impl Encode for IString<'_> {
    #[inline]
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Quoted(q) => q.encode(out),
            Self::Literal(l) => l.encode(out),
        }
    }
}

impl Encode for AString<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Atom(a) => a.encode(out),
            Self::String(s) => s.encode(out),
        }
    }
}

impl Encode for NString<'_> {
    #[inline(always)]
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match &self.0 {
            Some(s) => s.encode(out),
            None => out.push(b"NIL"),
        }
    }

    fn literal_bytes(&self) -> usize {
        match &self.0 {
            Some(IString::Literal(literal)) => literal.literal_bytes(),
            _ => 0,
        }
    }
}

impl Encode for Charset<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        self.0.encode(out);
    }
}

impl Encode for TaggedExtValue<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Simple(TaggedExtSimple::Number(n)) => out.number(*n),
            Self::Simple(TaggedExtSimple::SequenceSet(s)) => s.encode(out),
            Self::Comp(comps) => out.paren_list(comps, |c, out| c.encode(out)),
        }
    }
}

impl Encode for TaggedExtComp<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::AString(s) => s.encode(out),
            Self::List(items) => out.paren_list(items, |c, out| c.encode(out)),
        }
    }
}

impl Encode for TaggedExtension<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        self.label.encode(out);
        out.sp();
        self.value.encode(out);
    }
}

impl Encode for Parameter<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        self.name.encode(out);
        if let Some(value) = &self.value {
            out.sp();
            value.encode(out);
        }
    }
}

/// Writes `SP "(" parameter *(SP parameter) ")"` unless `parameters` is empty.
pub(crate) fn encode_parameters<'e>(parameters: &'e [Parameter<'_>], out: &mut Encoder<'e>) {
    if !parameters.is_empty() {
        out.sp();
        out.paren_list(parameters, |p, out| p.encode(out));
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::decode::DecodeOptions;

    /// Runs `rule` on `input` and returns the value and the bytes left.
    pub(crate) fn run<'a, T>(
        input: &'a [u8],
        rule: impl FnOnce(&mut Parser<'a>) -> PResult<T>,
    ) -> PResult<(T, &'a [u8])> {
        let mut p = Parser::new(input, &DecodeOptions::default());
        let value = rule(&mut p)?;
        Ok((value, &input[p.pos..]))
    }

    /// Asserts that every proper prefix of `input` gives `Incomplete` with `rule`.
    pub(crate) fn assert_prefixes_incomplete<'a, T: core::fmt::Debug + PartialEq>(
        input: &'a [u8],
        rule: impl Fn(&mut Parser<'a>) -> PResult<T>,
    ) {
        for n in 0..input.len() {
            assert_eq!(
                run(&input[..n], &rule).map(|(value, _)| value),
                Err(Error::Incomplete),
                "prefix of {n} bytes"
            );
        }
    }

    /// The failure at `offset` with `expected` (a description made static for the test).
    pub(crate) fn failed(offset: usize, expected: &'static str) -> Error {
        Error::Failed {
            offset,
            expected: alloc::boxed::Box::leak(alloc::boxed::Box::new(expected)),
        }
    }

    #[test]
    fn number_rules() {
        assert_eq!(run(b"123 ", Parser::number), Ok((123, &b" "[..])));
        assert_eq!(
            run(b"4294967295)", Parser::number),
            Ok((u32::MAX, &b")"[..]))
        );
        assert_eq!(
            run(b"4294967296)", Parser::number),
            Err(failed(0, "number below 2^32"))
        );
        assert_eq!(
            run(b"99999999999999999999 ", Parser::number64),
            Err(failed(0, "number below 2^63"))
        );
        // The edges of the digit counts that need no overflow check, and leading zeros.
        assert_eq!(
            run(b"999999999999999999 ", Parser::number64),
            Ok((999_999_999_999_999_999, &b" "[..]))
        );
        assert_eq!(
            run(b"9223372036854775807 ", Parser::number64),
            Ok((i64::MAX as u64, &b" "[..]))
        );
        assert_eq!(
            run(b"9223372036854775808 ", Parser::number64),
            Err(failed(0, "number below 2^63"))
        );
        assert_eq!(
            run(b"0000000000000000000000042 ", Parser::number64),
            Ok((42, &b" "[..]))
        );
        assert_eq!(run(b"12", Parser::number), Err(Error::Incomplete));
        assert_eq!(run(b"x", Parser::number), Err(failed(0, "number")));
        assert_eq!(run(b"0 ", Parser::nz_number), Err(failed(0, "nz-number")));
        assert_eq!(run(b"7 ", Parser::nz_number).unwrap().0.get(), 7);
        assert_eq!(run(b"9 ", Parser::mod_sequence_value), Ok((9, &b" "[..])));
        assert_eq!(
            run(b"0)", Parser::mod_sequence_value),
            Err(failed(0, "mod-sequence-value"))
        );
        assert_eq!(run(b"x2345678", Parser::number), Err(failed(0, "number")));
    }

    /// Numbers of every length up to 20 digits, with every digit in every place and every byte
    /// after them, so that the word-at-a-time path (up to seven digits, ended in the first
    /// eight bytes) and the byte-wise one agree with the plain value.
    #[test]
    fn number64_of_every_length_and_end() {
        for len in 1..=20 {
            for d in 0..10u8 {
                // `len` digits, all `d` but a `(d + 3) % 10` in a place that moves with `d`.
                let mut digits: alloc::vec::Vec<u8> = alloc::vec![b'0' + d; len];
                digits[usize::from(d) % len] = b'0' + (d + 3) % 10;
                let value = digits
                    .iter()
                    .fold(0u128, |v, &b| v * 10 + u128::from(b - b'0'));
                for end in (0..=255u8).filter(|b| !b.is_ascii_digit()) {
                    let mut input = digits.clone();
                    input.push(end);
                    input.extend_from_slice(b"123");
                    let expected = if value <= i64::MAX as u128 {
                        Ok((value as u64, &input[len..]))
                    } else {
                        Err(failed(0, "number below 2^63"))
                    };
                    assert_eq!(run(&input, Parser::number64), expected, "{input:?}");
                }
            }
        }
    }

    #[test]
    fn atom_and_tag_rules() {
        assert_eq!(
            run(b"abc def", Parser::atom),
            Ok((Atom::try_from("abc").unwrap(), &b" def"[..]))
        );
        assert_eq!(run(b"(x", Parser::atom), Err(failed(0, "atom")));
        assert_eq!(
            run(b"A1+ x", Parser::tag),
            Ok((Tag::try_from("A1").unwrap(), &b"+ x"[..]))
        );
        assert_eq!(run(b"a]b ", Parser::tag).unwrap().0.as_str(), "a]b");
        assert_eq!(run(b"abc", Parser::atom), Err(Error::Incomplete));
    }

    #[test]
    fn quoted_rule() {
        assert_eq!(run(b"\"a b\" ", Parser::quoted).unwrap().0.as_str(), "a b");
        assert_eq!(
            run(b"\"a\\\"b\\\\\" ", Parser::quoted).unwrap().0.as_str(),
            "a\"b\\"
        );
        assert_eq!(run(b"\"\" ", Parser::quoted).unwrap().0.as_str(), "");
        assert_eq!(
            run(b"\"a\\b\" ", Parser::quoted),
            Err(failed(3, "quoted-specials after \"\\\""))
        );
        assert_eq!(
            run(b"\"a\rb\" ", Parser::quoted),
            Err(failed(2, "QUOTED-CHAR or DQUOTE"))
        );
        assert_eq!(run(b"\"ab", Parser::quoted), Err(Error::Incomplete));
        assert_eq!(run(b"\"a\\", Parser::quoted), Err(Error::Incomplete));
        assert_eq!(
            run(b"\"\xc3\xa9\" ", Parser::quoted).unwrap().0.as_str(),
            "\u{e9}"
        );
        assert_eq!(run(b"\"\xff\" ", Parser::quoted), Err(failed(1, "UTF-8")));
    }

    /// The word test of the quoted scans finds the first `"`, `\\` or byte below 0x0e.
    #[test]
    fn quoted_stops_finds_the_first_stop_in_a_word() {
        crate::decode::tests::assert_word_test_finds_the_first(
            super::quoted_stops,
            |b| b == b'"' || b == b'\\' || b < 0x0e,
            b'q',
        );
    }

    #[test]
    fn string_short_path_agrees_with_the_quoted_rule() {
        // Every length of content, every byte that ends or interrupts a run at every place,
        // and every amount of input after the closing quote (the short path leaves strings
        // that end in the last eight bytes to the rule).
        for len in 0..20 {
            for (odd, at) in [(None, 0)].into_iter().chain(
                [b'\t', b'\\', b'\r', 0, 0xc3]
                    .iter()
                    .flat_map(|&b| (0..len).map(move |at| (Some(b), at))),
            ) {
                for after in 0..12 {
                    let mut input = alloc::vec![b'"'];
                    input.extend((0..len).map(|i| b'a' + i as u8));
                    if let Some(b) = odd {
                        input[1 + at] = b;
                        if b == b'\\' {
                            input.insert(2 + at, b'"');
                        }
                    }
                    input.push(b'"');
                    input.extend(core::iter::repeat_n(b' ', after));
                    // The short path takes only strings in the stretch already checked.
                    let by_string = run(&input, |p| {
                        let _ = p.utf8(0, 1);
                        p.string()
                    });
                    let by_quoted =
                        run(&input, Parser::quoted).map(|(q, rest)| (IString::Quoted(q), rest));
                    assert_eq!(
                        by_string,
                        by_quoted,
                        "{:?}",
                        alloc::string::String::from_utf8_lossy(&input)
                    );
                }
            }
        }
    }

    #[test]
    fn utf8_is_checked_once_per_stretch_and_exactly_where_it_fails() {
        let input = b"\"a\" \"b\" {1}\r\n\xff \"c\xc3\xa9\" ";
        let mut p = Parser::new(input, &DecodeOptions::default());
        assert_eq!(p.quoted().unwrap().as_str(), "a");
        p.sp().unwrap();
        assert_eq!(p.quoted().unwrap().as_str(), "b");
        p.sp().unwrap();
        assert_eq!(p.literal().unwrap().data(), b"\xff");
        p.sp().unwrap();
        assert_eq!(p.quoted().unwrap().as_str(), "c\u{e9}");
        let mut p = Parser::new(b"\"ok\" \"x\xff\" ", &DecodeOptions::default());
        assert_eq!(p.quoted().unwrap().as_str(), "ok");
        p.sp().unwrap();
        assert_eq!(p.quoted(), Err(failed(7, "UTF-8")));
    }

    #[test]
    fn utf8_stretches_cut_no_string_and_no_character() {
        // Strings of two-byte characters across the ends of the first stretches (256 and
        // 256 + 2048 bytes), at every alignment: each reads back whole, and a bad byte far in
        // is reported exactly where it is.
        let strings: Vec<alloc::string::String> = (0..120)
            .map(|i| "\u{e9}".repeat(i % 23) + &"x".repeat(i % 2))
            .collect();
        let mut input = Vec::new();
        for s in &strings {
            input.push(b'"');
            input.extend_from_slice(s.as_bytes());
            input.extend_from_slice(b"\" ");
        }
        let bad = input.len() + 3;
        input.extend_from_slice(b"\"ab\xc3(\" ");
        assert!(bad > 256 + 2048);
        let mut p = Parser::new(&input, &DecodeOptions::default());
        for s in &strings {
            assert_eq!(p.quoted().unwrap().as_str(), s);
            p.sp().unwrap();
        }
        assert_eq!(p.quoted(), Err(failed(bad, "UTF-8")));
    }

    #[test]
    fn literal_rules() {
        let (lit, rest) = run(b"{3}\r\nabc)", Parser::literal).unwrap();
        assert_eq!(
            (lit.data(), lit.mode(), rest),
            (&b"abc"[..], LiteralMode::Sync, &b")"[..])
        );
        let (lit, _) = run(b"{3+}\r\nabc", Parser::literal).unwrap();
        assert_eq!(lit.mode(), LiteralMode::NonSync);
        assert_eq!(
            run(b"{3}\r\na\0c", Parser::literal),
            Err(failed(6, "CHAR8 (no NUL in a literal)"))
        );
        // A NUL is found at every place: in each column of the 32-byte blocks of the scan,
        // and in the tail after them.
        for len in [1, 31, 32, 100] {
            let header = alloc::format!("{{{len}}}\r\n").into_bytes();
            for nul in 0..len {
                let mut input = header.clone();
                input.extend((0..len).map(|i| if i == nul { 0 } else { 0x80 | i as u8 }));
                assert_eq!(
                    run(&input, Parser::literal),
                    Err(failed(header.len() + nul, "CHAR8 (no NUL in a literal)")),
                    "NUL at {nul} of {len}"
                );
            }
            let mut input = header.clone();
            input.extend((0..len).map(|i| 1 + i as u8));
            assert_eq!(run(&input, Parser::literal).unwrap().0.data().len(), len);
        }
        assert_eq!(run(b"{3}\r\nab", Parser::literal), Err(Error::Incomplete));
        assert_eq!(run(b"{3}\r", Parser::literal), Err(Error::Incomplete));
        assert_eq!(run(b"{3x", Parser::literal), Err(failed(2, "\"}\"")));
        assert_eq!(
            run(b"{99999999999}\r\n", Parser::literal),
            Err(failed(1, "literal length below 2^32"))
        );
        let (lit8, _) = run(b"~{2}\r\n\0\x01", Parser::literal8).unwrap();
        assert_eq!(&lit8.data[..], b"\0\x01");
    }

    #[test]
    fn literal_announcement_only_for_commands_without_data() {
        let mut p = Parser::new(b"{5}\r\n", &DecodeOptions::default());
        p.announce_literals = true;
        assert_eq!(p.literal(), Err(Error::literal(5, false)));
        let mut p = Parser::new(b"{5+}\r\n", &DecodeOptions::default());
        p.announce_literals = true;
        assert_eq!(p.literal(), Err(Error::Incomplete));
        let mut p = Parser::new(b"{5}\r\nab", &DecodeOptions::default());
        p.announce_literals = true;
        assert_eq!(p.literal(), Err(Error::Incomplete));
    }

    #[test]
    fn string_rules() {
        assert!(matches!(
            run(b"abc ", Parser::astring).unwrap().0,
            AString::Atom(_)
        ));
        assert_eq!(run(b"a]c ", Parser::astring).unwrap().0.as_bytes(), b"a]c");
        assert!(matches!(
            run(b"\"x\" ", Parser::astring).unwrap().0,
            AString::String(IString::Quoted(_))
        ));
        assert_eq!(run(b"( ", Parser::astring), Err(failed(0, "astring")));
        assert_eq!(
            run(b"NIL ", Parser::nstring),
            Ok((NString(None), &b" "[..]))
        );
        assert_eq!(
            run(b"nil)", Parser::nstring),
            Ok((NString(None), &b")"[..]))
        );
        assert_eq!(run(b"NIX", Parser::nstring), Err(failed(0, "NIL")));
        assert_eq!(run(b"x", Parser::string), Err(failed(0, "string")));
    }

    #[test]
    fn text_rule() {
        assert_eq!(
            run(b"hello world\r\n", Parser::text).unwrap().0.as_str(),
            "hello world"
        );
        assert_eq!(run(b"\r\n", Parser::text).unwrap().0.as_str(), "");
        assert_eq!(
            run(b"[x\r\n", Parser::text),
            Err(failed(0, "text not starting with \"[\""))
        );
        assert_eq!(run(b"abc", Parser::text), Err(Error::Incomplete));
    }

    #[test]
    fn tagged_ext_rules() {
        let (v, _) = run(b"(a (b c) \"d\") ", Parser::tagged_ext_val).unwrap();
        assert_eq!(v.encode_to_vec(), b"(a (b c) \"d\")");
        assert_eq!(
            run(b"42 ", Parser::tagged_ext_val).unwrap().0,
            TaggedExtValue::Simple(TaggedExtSimple::Number(42))
        );
        assert_eq!(
            run(b"0 ", Parser::tagged_ext_val).unwrap().0,
            TaggedExtValue::Simple(TaggedExtSimple::Number(0))
        );
        assert_eq!(
            run(b"9223372036854775807)", Parser::tagged_ext_val)
                .unwrap()
                .0,
            TaggedExtValue::Simple(TaggedExtSimple::Number(i64::MAX as u64))
        );
        assert!(matches!(
            run(b"1:4 ", Parser::tagged_ext_val).unwrap().0,
            TaggedExtValue::Simple(TaggedExtSimple::SequenceSet(_))
        ));
        assert_eq!(
            run(b"() ", Parser::tagged_ext_val).unwrap().0,
            TaggedExtValue::Comp(Vec::new())
        );
        assert_eq!(
            run(b"(a ()) ", Parser::tagged_ext_val),
            Err(failed(4, "astring"))
        );
        let (params, rest) = run(b" (CONDSTORE X 5 Y (1)) z", Parser::parameters).unwrap();
        assert_eq!(params.len(), 3);
        assert_eq!(rest, b" z");
        let mut out = Encoder::new();
        encode_parameters(&params, &mut out);
        assert_eq!(out.to_vec(), b" (CONDSTORE X 5 Y (1))");
        assert_eq!(
            run(b"9abc ", Parser::tagged_ext_label),
            Err(failed(0, "tagged-ext-label"))
        );
    }

    #[test]
    fn deep_nesting_is_refused() {
        let mut input = Vec::new();
        input.extend(core::iter::repeat_n(b'(', 100));
        assert_eq!(
            run(&input, Parser::tagged_ext_val),
            Err(failed(
                DecodeOptions::DEFAULT_MAX_DEPTH as usize,
                "less nesting (depth limit reached)"
            ))
        );
    }

    #[test]
    fn quoted_encoding_escapes_specials() {
        assert_eq!(
            Quoted::try_from("a\"b\\c").unwrap().encode_to_vec(),
            b"\"a\\\"b\\\\c\""
        );
        assert_eq!(
            AString::try_from("a b").unwrap().encode_to_vec(),
            b"\"a b\""
        );
        assert_eq!(AString::try_from("ab").unwrap().encode_to_vec(), b"ab");
        assert_eq!(
            AString::try_from("a\nb").unwrap().encode_to_vec(),
            b"{3}\r\na\nb"
        );
        assert_eq!(NString(None).encode_to_vec(), b"NIL");
    }
}

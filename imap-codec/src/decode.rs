//! The decoding machinery: the byte cursor every grammar rule works on, the one error type,
//! the options, and the [`Decode`] trait of the five kinds of message.

use core::fmt;

use alloc::vec::Vec;

use imap_types::core::{LiteralMode, SmallList, Tag, chars};

/// How a decode can fail to give a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError<'a> {
    /// The input is a proper prefix of a message: more bytes could make it valid.
    Incomplete,
    /// A command announced a synchronizing literal and its data has not begun: the server
    /// must send a continuation request (`+ ...`) before the client sends the data.
    LiteralAnnouncement(LiteralAnnouncement<'a>),
    /// The input can never become a valid message.
    Failed {
        /// Offset of the first byte that does not fit the grammar.
        offset: usize,
        /// What the grammar expected there.
        expected: &'static str,
    },
}

/// A synchronizing literal `{n}` (or `~{n}`) that awaits the server's `+`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiteralAnnouncement<'a> {
    /// The tag of the command, for a `NO`/`BAD` answer if the server refuses the literal.
    pub tag: Tag<'a>,
    /// The announced number of bytes.
    pub length: u32,
    /// The literal's mode (always [`LiteralMode::Sync`] for an announcement from `decode`).
    pub mode: LiteralMode,
    /// Whether it is a `literal8` (`~{n}`).
    pub binary: bool,
}

impl fmt::Display for DecodeError<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Incomplete => f.write_str("incomplete message: more bytes are needed"),
            Self::LiteralAnnouncement(a) => write!(
                f,
                "command {} announces a literal of {} bytes that awaits a continuation request",
                a.tag, a.length
            ),
            Self::Failed { offset, expected } => {
                write!(f, "invalid message at byte {offset}: expected {expected}")
            }
        }
    }
}

impl core::error::Error for DecodeError<'_> {}

/// Options of a decoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecodeOptions {
    /// Accept known defects of real servers: a bare LF for CRLF, a missing text after a
    /// response code, a trailing space before CRLF, `+` without a space, `NIL` where a body
    /// structure needs a string, and spaces between the addresses of an envelope.
    pub lenient: bool,
    /// The deepest nesting of parenthesized lists (body structures, search keys, extension
    /// values) that is accepted.
    pub max_depth: u16,
}

impl DecodeOptions {
    /// The default nesting limit.
    pub const DEFAULT_MAX_DEPTH: u16 = 32;

    /// Strict decoding with the default nesting limit.
    pub const fn strict() -> Self {
        Self {
            lenient: false,
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }

    /// Lenient decoding (see [`DecodeOptions::lenient`]) with the default nesting limit.
    pub const fn lenient() -> Self {
        Self {
            lenient: true,
            max_depth: Self::DEFAULT_MAX_DEPTH,
        }
    }
}

impl Default for DecodeOptions {
    fn default() -> Self {
        Self::strict()
    }
}

/// A message that can be decoded from bytes.
///
/// On success the value is returned with the bytes that follow it; the value borrows from
/// `input`.
pub trait Decode<'a>: Sized {
    /// Decodes one message from the start of `input` with `options`.
    fn decode_with(
        input: &'a [u8],
        options: &DecodeOptions,
    ) -> Result<(&'a [u8], Self), DecodeError<'a>>;

    /// Decodes one message from the start of `input` with the default (strict) options.
    fn decode(input: &'a [u8]) -> Result<(&'a [u8], Self), DecodeError<'a>> {
        Self::decode_with(input, &DecodeOptions::default())
    }
}

/// The error of a grammar rule, before the message-level decoder turns it into a
/// [`DecodeError`]: the byte at `offset` does not fit, and the grammar expected `expected`
/// there.
///
/// Two words, so that the result of a rule that returns a number, a flag or a box fits in
/// two registers and is returned in them, not through memory: what was expected is a
/// reference to a static description, not the description itself (`&"atom"`). The other
/// outcomes of a rule are made of particular descriptions: [`Error::Incomplete`], the end of
/// the input, and [`Error::literal`], a synchronizing literal announced and not sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Error {
    /// The byte at `offset` does not fit.
    Failed { offset: usize, expected: Expected },
}

/// What a grammar rule expected where it failed: a static description (`&"DQUOTE"`).
pub(crate) type Expected = &'static &'static str;

/// The byte before a token that some rules test together with the token's first byte (see
/// `Parser::quoted_plain`), and its description for the failure when it is missing; `None`
/// for a token with nothing before it.
pub(crate) type Lead = Option<(u8, Expected)>;

/// `SP` as a [`Lead`].
pub(crate) const SP: Lead = Some((b' ', &"SP"));

// The point of the two-word error: these results are returned in registers.
const _: () = assert!(size_of::<PResult<()>>() == 16 && size_of::<PResult<u32>>() == 16);

/// The descriptions that stand for other outcomes than a failure, told by their address.
static INCOMPLETE: &str = "more input";
static LITERAL: &str = "the data of a synchronizing literal";
static LITERAL8: &str = "the data of a synchronizing literal8";

impl Error {
    /// The input ended.
    #[allow(non_upper_case_globals)]
    pub(crate) const Incomplete: Error = Error::Failed {
        offset: 0,
        expected: &INCOMPLETE,
    };

    /// A synchronizing literal of `length` bytes announced in a command, with no data yet.
    pub(crate) fn literal(length: u32, binary: bool) -> Error {
        Error::Failed {
            offset: length as usize,
            expected: if binary { &LITERAL8 } else { &LITERAL },
        }
    }
}

pub(crate) type PResult<T> = Result<T, Error>;

/// The cursor over the input that every grammar rule advances.
pub(crate) struct Parser<'a> {
    pub(crate) input: &'a [u8],
    pub(crate) pos: usize,
    pub(crate) options: DecodeOptions,
    /// Whether a synchronizing literal with no data yet is reported as an announcement
    /// (commands) rather than as incomplete input (responses).
    pub(crate) announce_literals: bool,
    depth: u16,
    /// A stretch of the input already checked to be UTF-8, which starts at `utf8_start`:
    /// strings and tokens inside it are sliced from it instead of being checked one by one
    /// (see [`Parser::utf8`]).
    utf8: &'a str,
    utf8_start: usize,
    /// How many bytes the next stretch covers; it grows with every stretch (see
    /// [`UTF8_WINDOW_GROWTH`]).
    utf8_window: usize,
}

/// The first and the largest stretch checked by [`Parser::utf8`].
const UTF8_WINDOW_FIRST: usize = 256;
const UTF8_WINDOW_MAX: usize = 8192;

/// How far ahead of an envelope or a body structure the checked stretch must reach for
/// [`Parser::utf8_ahead`] to leave it (each is 300 to 1 000 bytes in a typical FETCH).
const UTF8_AHEAD: usize = 1024;

/// How much larger each stretch is than the one before: a short message checks few bytes
/// past its end, and a longer one (a FETCH of envelopes and body structures, 1 to 2 KiB)
/// needs only a second stretch. Every new stretch costs a call, and the string where it
/// starts takes the slow path.
const UTF8_WINDOW_GROWTH: usize = 8;

impl<'a> Parser<'a> {
    pub(crate) fn new(input: &'a [u8], options: &DecodeOptions) -> Self {
        Self {
            input,
            pos: 0,
            options: *options,
            announce_literals: false,
            depth: 0,
            utf8: "",
            utf8_start: 0,
            utf8_window: UTF8_WINDOW_FIRST,
        }
    }

    /// The input bytes `start..end` as `&str`, or the error of `core::str::from_utf8` on
    /// exactly those bytes.
    ///
    /// Checking many short strings one by one costs far more than checking the stretch of
    /// input around them once, so a stretch from `start` on is checked and kept, and later
    /// strings inside it are sliced from it.
    #[inline]
    pub(crate) fn utf8(
        &mut self,
        start: usize,
        end: usize,
    ) -> Result<&'a str, core::str::Utf8Error> {
        match self.utf8_checked(start, end) {
            Some(s) => Ok(s),
            None => self.utf8_stretch(start, end),
        }
    }

    /// The stretch already checked, and where the current position is in it (an offset at or
    /// past its end when the position is outside it).
    #[inline(always)]
    pub(crate) fn checked_here(&self) -> (&'a str, usize) {
        (self.utf8, self.pos.wrapping_sub(self.utf8_start))
    }

    /// The input bytes `start..end` as `&str` if they lie in the stretch already checked.
    #[inline(always)]
    pub(crate) fn utf8_checked(&self, start: usize, end: usize) -> Option<&'a str> {
        let from = start.checked_sub(self.utf8_start)?;
        let (s, _) = self
            .utf8
            .split_at_checked(from)?
            .1
            .split_at_checked(end.checked_sub(start)?)?;
        Some(s)
    }

    /// Before a stretch of input dense in strings (an envelope, a body structure): when the
    /// stretch checked as UTF-8 ends close ahead, a new one of the largest size is checked
    /// from here at once, so that no string in between takes the slow path where a stretch
    /// ends. Once a message at most (only while the stretches have not reached the largest
    /// size), so the bytes checked twice stay few.
    pub(crate) fn utf8_ahead(&mut self) {
        let end = self.utf8_start + self.utf8.len();
        if self.utf8_window == UTF8_WINDOW_MAX
            || end >= self.input.len()
            || end >= self.pos + UTF8_AHEAD
        {
            return;
        }
        self.utf8_window = UTF8_WINDOW_MAX;
        // Bytes that are not UTF-8 only shorten the stretch; the strings there fail later.
        let _ = self.utf8_stretch(self.pos, self.pos);
    }

    /// The slow path of [`Parser::utf8`]: checks a new stretch that starts at `start`.
    #[inline(never)]
    fn utf8_stretch(&mut self, start: usize, end: usize) -> Result<&'a str, core::str::Utf8Error> {
        let input = self.input;
        let window = self.utf8_window;
        self.utf8_window = (window * UTF8_WINDOW_GROWTH).min(UTF8_WINDOW_MAX);
        let mut limit = input.len().min(start.saturating_add(window)).max(end);
        // The stretch must not end inside a character.
        while limit > end && input.get(limit).is_some_and(|&b| b & 0xc0 == 0x80) {
            limit -= 1;
        }
        // Where the stretch holds bytes that are not UTF-8 (8-bit literal data, say), its valid
        // part is kept, so that the next strings do not check the same bytes again.
        let stretch = match core::str::from_utf8(&input[start..limit]) {
            Ok(stretch) => stretch,
            Err(e) => core::str::from_utf8(&input[start..start + e.valid_up_to()]).unwrap_or(""),
        };
        self.utf8 = stretch;
        self.utf8_start = start;
        if let Some(s) = stretch.get(..end - start) {
            return Ok(s);
        }
        // `end` lies past the valid part (or inside a character): these bytes alone decide.
        core::str::from_utf8(&input[start..end])
    }

    /// Runs `rule` over the whole message and turns the outcome into the public result.
    pub(crate) fn finish<T>(
        mut self,
        rule: impl FnOnce(&mut Self) -> PResult<T>,
    ) -> Result<(&'a [u8], T), DecodeError<'a>> {
        match rule(&mut self) {
            Ok(value) => Ok((&self.input[self.pos..], value)),
            Err(e) => Err(self.failure(e, |_| None)),
        }
    }

    /// Runs `rule` over the whole message, which it reads into the value that `placeholder`
    /// makes where the result holds it (a large value moved there just after it is built
    /// would wait for the stores that built it), and turns the outcome into the public result.
    ///
    /// The placeholder is made here, not handed over made: a value made by the caller is
    /// copied in (152 bytes for a command). The result is still copied once, into the
    /// caller's place for it, since the compiler does not build a borrowed local there.
    pub(crate) fn finish_into<T>(
        mut self,
        placeholder: impl FnOnce() -> T,
        rule: impl FnOnce(&mut Self, &mut T) -> PResult<()>,
        tag: impl FnOnce(&'a [u8]) -> Option<Tag<'a>>,
    ) -> Result<(&'a [u8], T), DecodeError<'a>> {
        let mut result = Ok((self.input, placeholder()));
        if let Ok((rest, value)) = &mut result {
            match rule(&mut self, value) {
                Ok(()) => *rest = &self.input[self.pos..],
                Err(e) => result = Err(self.failure(e, tag)),
            }
        }
        result
    }

    /// The public error of a rule's error `e`; `tag` reads the tag of a command whose
    /// synchronizing literal is announced.
    #[cold]
    #[inline(never)]
    pub(crate) fn failure(
        &self,
        e: Error,
        tag: impl FnOnce(&'a [u8]) -> Option<Tag<'a>>,
    ) -> DecodeError<'a> {
        let Error::Failed { offset, expected } = e;
        let binary = core::ptr::eq(expected, &LITERAL8);
        if binary || core::ptr::eq(expected, &LITERAL) {
            return match tag(self.input) {
                Some(tag) => DecodeError::LiteralAnnouncement(LiteralAnnouncement {
                    tag,
                    length: offset as u32,
                    mode: LiteralMode::Sync,
                    binary,
                }),
                None => DecodeError::Incomplete,
            };
        }
        if core::ptr::eq(expected, &INCOMPLETE) {
            return DecodeError::Incomplete;
        }
        DecodeError::Failed { offset, expected }
    }

    /// A failure at the current position.
    #[inline]
    pub(crate) fn fail(&self, expected: Expected) -> Error {
        self.fail_at(self.pos, expected)
    }

    /// A failure at `offset`, or `Incomplete` if the input ends there.
    #[inline]
    pub(crate) fn fail_at(&self, offset: usize, expected: Expected) -> Error {
        if offset >= self.input.len() {
            Error::Incomplete
        } else {
            Error::Failed { offset, expected }
        }
    }

    /// The next byte, without consuming it.
    #[inline(always)]
    pub(crate) fn peek(&self) -> PResult<u8> {
        self.input.get(self.pos).copied().ok_or(Error::Incomplete)
    }

    /// The byte after the next one, without consuming anything.
    #[inline(always)]
    pub(crate) fn peek2(&self) -> PResult<u8> {
        self.input
            .get(self.pos + 1)
            .copied()
            .ok_or(Error::Incomplete)
    }

    /// Consumes `byte` if it is next; whether it was.
    #[inline(always)]
    pub(crate) fn eat(&mut self, byte: u8) -> PResult<bool> {
        if self.peek()? == byte {
            self.pos += 1;
            Ok(true)
        } else {
            Ok(false)
        }
    }

    /// Consumes `byte`, or fails with `expected`.
    #[inline(always)]
    pub(crate) fn expect(&mut self, byte: u8, expected: Expected) -> PResult<()> {
        if self.peek()? == byte {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.fail(expected))
        }
    }

    /// `SP`
    #[inline(always)]
    pub(crate) fn sp(&mut self) -> PResult<()> {
        self.expect(b' ', &"SP")
    }

    /// Consumes `bytes` if the input holds exactly them next (no case folding); whether it
    /// did. The fast path of a common form, tested in one comparison (` NIL` before a field
    /// that is almost always `NIL`): anything else (lower case, another token, the end of the
    /// input) is left to the full rule.
    #[inline(always)]
    pub(crate) fn eat_exact<const N: usize>(&mut self, bytes: &[u8; N]) -> bool {
        let found = self.input[self.pos..].starts_with(bytes);
        if found {
            self.pos += N;
        }
        found
    }

    /// `SP` before a field whose `NIL` needs no reading (its placeholder holds `NIL` already,
    /// or the caller has the value at hand): `false` when the common `SP NIL` was consumed
    /// with one comparison ([`Parser::eat_exact`]), `true` when `SP` alone was, and the
    /// field's full rule is to follow.
    #[inline(always)]
    pub(crate) fn sp_unless_nil(&mut self) -> PResult<bool> {
        if self.eat_exact(b" NIL") {
            return Ok(false);
        }
        self.sp()?;
        Ok(true)
    }

    /// Consumes `lead` (see [`Lead`]), or fails with its description; nothing for `None`.
    #[inline(always)]
    pub(crate) fn expect_lead(&mut self, lead: Lead) -> PResult<()> {
        match lead {
            Some((byte, expected)) => self.expect(byte, expected),
            None => Ok(()),
        }
    }

    /// `CRLF`; a bare LF too when lenient, and trailing spaces before it when lenient.
    pub(crate) fn crlf(&mut self) -> PResult<()> {
        if self.options.lenient {
            while self.peek()? == b' ' {
                self.pos += 1;
            }
            if self.eat(b'\n')? {
                return Ok(());
            }
        }
        self.expect(b'\r', &"CRLF")?;
        self.expect(b'\n', &"CRLF")
    }

    /// Whether the next bytes are a line end (`CRLF`, or a bare LF when lenient).
    pub(crate) fn at_crlf(&self) -> PResult<bool> {
        let b = self.peek()?;
        Ok(b == b'\r' || (b == b'\n' && self.options.lenient))
    }

    /// Consumes a case-insensitive keyword, or fails with `expected` at the first byte that
    /// differs (`Incomplete` if the input ends inside it).
    pub(crate) fn keyword(&mut self, word: &'static [u8], expected: Expected) -> PResult<()> {
        if self.eat_keyword(word)? {
            Ok(())
        } else {
            Err(self.fail(expected))
        }
    }

    /// Consumes the keyword if the input starts with it (any case); whether it did.
    /// `Incomplete` if the input ends while it could still be the keyword.
    pub(crate) fn eat_keyword(&mut self, word: &'static [u8]) -> PResult<bool> {
        for (i, &w) in word.iter().enumerate() {
            match self.input.get(self.pos + i) {
                None => return Err(Error::Incomplete),
                Some(&b) if folded_eq(b, w) => {}
                Some(_) => return Ok(false),
            }
        }
        self.pos += word.len();
        Ok(true)
    }

    /// The longest run of bytes in the class, which must end before the input does.
    #[inline(always)]
    pub(crate) fn take_while(&mut self, class: fn(u8) -> bool) -> PResult<&'a [u8]> {
        let start = self.pos;
        let rest = &self.input[start..];
        match rest.iter().position(|&b| !class(b)) {
            Some(n) => {
                self.pos += n;
                Ok(&rest[..n])
            }
            None => Err(Error::Incomplete),
        }
    }

    /// [`Parser::take_while`] for short tokens of varying length (tags, atoms, astrings):
    /// eight bytes at a time with [`token_ends`], which finds the first byte that may end the
    /// token with no branch per byte; only that byte is looked up in `class`, and the scan goes
    /// on past it if it belongs to the token after all. Every byte outside `class` must be one
    /// that [`token_ends`] finds (as for [`is_tag_byte`], [`is_atom_byte`] and
    /// [`is_astring_byte`]; the tests check them).
    #[inline(always)]
    pub(crate) fn take_token(&mut self, class: fn(u8) -> bool) -> PResult<&'a [u8]> {
        self.scan_token(token_ends, class)
    }

    /// The bytes of `class` from the current position, found eight at a time: `ends` flags
    /// the first byte of a word that may end the token (every byte outside `class`, and maybe
    /// some inside), only that byte is looked up in `class`, and the scan goes on past it if it
    /// belongs to the token after all. The bytes after the last whole word are tested one by
    /// one.
    #[inline(always)]
    fn scan_token(&mut self, ends: fn(u64) -> u64, class: fn(u8) -> bool) -> PResult<&'a [u8]> {
        let start = self.pos;
        let rest = &self.input[start..];
        let mut n = 0;
        while let Some(word) = rest.get(n..).and_then(<[u8]>::first_chunk::<8>) {
            let flags = ends(u64::from_le_bytes(*word));
            if flags == 0 {
                n += 8;
                continue;
            }
            n += (flags.trailing_zeros() / 8) as usize;
            if !class(rest[n]) {
                self.pos += n;
                return Ok(&rest[..n]);
            }
            n += 1;
        }
        self.pos += n;
        let tail = self.take_while(class)?;
        Ok(&rest[..n + tail.len()])
    }

    /// Like [`Parser::take_while`], but at least one byte.
    #[inline(always)]
    pub(crate) fn take_while1(
        &mut self,
        class: fn(u8) -> bool,
        expected: Expected,
    ) -> PResult<&'a [u8]> {
        let token = self.take_while(class)?;
        self.nonempty(token, expected)
    }

    /// Like [`Parser::take_token`], but at least one byte.
    #[inline(always)]
    pub(crate) fn take_token1(
        &mut self,
        class: fn(u8) -> bool,
        expected: Expected,
    ) -> PResult<&'a [u8]> {
        let token = self.take_token(class)?;
        self.nonempty(token, expected)
    }

    /// `token`, which ends at the current position, or a failure with `expected` if it is
    /// empty.
    #[inline(always)]
    pub(crate) fn nonempty(&self, token: &'a [u8], expected: Expected) -> PResult<&'a [u8]> {
        if token.is_empty() {
            return Err(self.fail(expected));
        }
        Ok(token)
    }

    /// The token of a keyword, for keyword dispatch: the bytes up to a byte that ends one (see
    /// [`crate::keyword::ends_keyword`]), eight at a time. Every caller matches the token
    /// against its keywords, so the token need not be checked byte by byte: one that holds a
    /// byte no keyword has matches none.
    #[inline(always)]
    pub(crate) fn keyword_token(&mut self) -> PResult<&'a [u8]> {
        use crate::keyword::{ends_keyword, keyword_ends};
        self.scan_token(keyword_ends, |b| !ends_keyword(b))
    }

    /// Bytes that the caller has checked to be ASCII, as `&str`.
    #[inline(always)]
    pub(crate) fn ascii(&mut self, bytes: &'a [u8], start: usize) -> PResult<&'a str> {
        self.utf8(start, start + bytes.len())
            .map_err(|e| Error::Failed {
                offset: start + e.valid_up_to(),
                expected: &"ASCII",
            })
    }

    /// Runs a rule one nesting level deeper, failing past the depth limit.
    pub(crate) fn nested<T>(&mut self, rule: impl FnOnce(&mut Self) -> PResult<T>) -> PResult<T> {
        if self.depth >= self.options.max_depth {
            return Err(Error::Failed {
                offset: self.pos,
                expected: &"less nesting (depth limit reached)",
            });
        }
        self.depth += 1;
        let result = rule(self);
        self.depth -= 1;
        result
    }

    /// `"(" x *(SP x) ")"` with at least one element, or with none if `allow_empty`.
    /// A list of more than one element starts with room for four.
    pub(crate) fn paren_list<T, L: List<T>>(
        &mut self,
        allow_empty: bool,
        item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<L> {
        self.paren_list_with_capacity(4, allow_empty, item)
    }

    /// [`Parser::paren_list`] with room for `capacity` elements once a second one is seen (a
    /// guess that saves the reallocations of a growing list).
    pub(crate) fn paren_list_with_capacity<T, L: List<T>>(
        &mut self,
        capacity: usize,
        allow_empty: bool,
        mut item: impl FnMut(&mut Self) -> PResult<T>,
    ) -> PResult<L> {
        self.expect(b'(', &"\"(\"")?;
        if allow_empty && self.eat(b')')? {
            return Ok(L::from(Vec::new()));
        }
        self.list_tail(capacity, &mut item, Parser::paren_list_more)
    }

    /// What follows an element of a parenthesized list: `)`, which ends it (`false`), or a
    /// space before the next element (`true`); both consumed.
    pub(crate) fn paren_list_more(&mut self) -> PResult<bool> {
        if self.eat(b')')? {
            return Ok(false);
        }
        self.expect(b' ', &"SP or \")\"")?;
        Ok(true)
    }

    /// The items of a list whose first item is next: `more` consumes what ends the list or
    /// separates two items and tells which it was.
    ///
    /// The list is allocated once its first item is known: a list of one item (the most
    /// common length of IMAP lists) gets exactly one slot, or none in a [`SmallList`]; a
    /// longer one gets room for `capacity`.
    pub(crate) fn list_tail<T, L: List<T>>(
        &mut self,
        capacity: usize,
        item: &mut impl FnMut(&mut Self) -> PResult<T>,
        mut more: impl FnMut(&mut Self) -> PResult<bool>,
    ) -> PResult<L> {
        let first = item(self)?;
        if !more(self)? {
            return Ok(L::one(first));
        }
        let mut items = Vec::with_capacity(capacity.max(2));
        items.push(first);
        loop {
            items.push(item(self)?);
            if !more(self)? {
                return Ok(L::from(items));
            }
        }
    }

    /// The items of a list whose first item is next, each appended to a list with room for
    /// `capacity` by `item_into` (which writes it there rather than returning it, see
    /// [`Parser::small_list_into`]); `more` is as for [`Parser::list_tail`].
    pub(crate) fn list_tail_into<T>(
        &mut self,
        capacity: usize,
        mut item_into: impl FnMut(&mut Self, &mut Vec<T>) -> PResult<()>,
        mut more: impl FnMut(&mut Self) -> PResult<bool>,
    ) -> PResult<Vec<T>> {
        let mut items = Vec::with_capacity(capacity);
        loop {
            item_into(self, &mut items)?;
            if !more(self)? {
                return Ok(items);
            }
        }
    }

    /// The items of a list whose first item is next, read into `list` (an empty one): each
    /// item is written into its place in the list by `item`, which is handed an empty one
    /// made by `empty`; `more` consumes what ends the list or separates two items and tells
    /// which it was. A list of one item stays inline; a longer one gets room for `capacity`.
    ///
    /// (Items read elsewhere and moved into the list would wait, at each move, for the stores
    /// that have just written them.)
    pub(crate) fn small_list_into<T>(
        &mut self,
        list: &mut SmallList<T>,
        capacity: usize,
        empty: impl Fn() -> T,
        mut item: impl FnMut(&mut Self, &mut T) -> PResult<()>,
        mut more: impl FnMut(&mut Self) -> PResult<bool>,
    ) -> PResult<()> {
        fill(list, SmallList::one(empty()));
        item(self, &mut list[0])?;
        if !more(self)? {
            return Ok(());
        }
        let mut items = core::mem::take(list).into_vec_with_capacity(capacity);
        loop {
            items.push(empty());
            let last = items.len() - 1;
            item(self, &mut items[last])?;
            if !more(self)? {
                fill(list, SmallList::from(items));
                return Ok(());
            }
        }
    }

    /// Whether the next byte belongs to `class`.
    #[inline(always)]
    pub(crate) fn next_is(&self, class: fn(u8) -> bool) -> PResult<bool> {
        Ok(class(self.peek()?))
    }
}

/// Writes `value` into `slot`, which holds a placeholder that owns no memory (`NIL`, an empty
/// string or list, an empty part): the placeholder is forgotten instead of dropped. The drop
/// glue of the types of a body structure or an envelope tests every field of the value it
/// drops, and the decoder fills hundreds of placeholders a message. (A slot that did own
/// memory would leak it; nothing would be freed twice.)
#[inline(always)]
pub(crate) fn fill<T>(slot: &mut T, value: T) {
    core::mem::forget(core::mem::replace(slot, value));
}

/// [`fill`] for an optional part of a value, `None` so far: makes it `value` and returns it.
#[inline(always)]
pub(crate) fn fill_some<T>(slot: &mut Option<T>, value: T) -> &mut T {
    fill(slot, Some(value));
    match slot {
        Some(value) => value,
        None => unreachable!("just filled"),
    }
}

/// The byte 1 in every byte of a word: `ONES * b` is `b` in every byte.
pub(crate) const ONES: u64 = u64::from_le_bytes([1; 8]);

/// The high bit of every byte of the little-endian word `w` that is below `n` (`n` at most
/// 0x80), with no branch; 0 if there is none. The lowest byte flagged is always right, a byte
/// above it may be flagged wrongly (a borrow runs on from a flagged byte), so only the lowest
/// flag is to be used. With `w ^ (ONES * b)` and `n = 1`, it flags the bytes equal to `b`.
#[inline(always)]
pub(crate) fn bytes_below(w: u64, n: u8) -> u64 {
    w.wrapping_sub(ONES * u64::from(n)) & !w & (ONES << 7)
}

/// `bytes` (at most 16) as two little-endian words, the first eight bytes and the next ones,
/// with zeros past them. They are read with loads of the first and the last bytes, which
/// overlap for most lengths: the bytes they share are the same, so or-ing them together loses
/// nothing, and the shifts fill the places past the bytes with zeros.
#[inline(always)]
pub(crate) fn load_short(bytes: &[u8]) -> (u64, u64) {
    let n = bytes.len();
    if n > 8 {
        (load8(bytes), load8(&bytes[n - 8..]) >> (8 * (16 - n)))
    } else if n >= 4 {
        let first = u64::from(load4(bytes));
        let last = u64::from(load4(&bytes[n - 4..]));
        (first | last << (8 * (n - 4)), 0)
    } else {
        let value = bytes.iter().rev().fold(0, |v, &b| (v << 8) | u64::from(b));
        (value, 0)
    }
}

/// The first 8 bytes of `bytes` (at least 8), little-endian.
#[inline(always)]
pub(crate) fn load8(bytes: &[u8]) -> u64 {
    let mut b = [0; 8];
    b.copy_from_slice(&bytes[..8]);
    u64::from_le_bytes(b)
}

/// The first 4 bytes of `bytes` (at least 4), little-endian.
#[inline(always)]
fn load4(bytes: &[u8]) -> u32 {
    let mut b = [0; 4];
    b.copy_from_slice(&bytes[..4]);
    u32::from_le_bytes(b)
}

/// Whether `b` may end a tag, an atom or an astring: a byte below `,` (control characters,
/// space, `"`, `%`, `(`, `)`, `*`, `+`, and `!`, `#`, `$`, `&`, `'`, which may stand in them),
/// `\\`, `]`, or a byte from `{` up (`{`, DEL, every byte above ASCII, and `|`, `}`, `~`, which
/// may stand in them). Every byte outside those classes is one of these.
#[cfg(test)]
fn may_end_token(b: u8) -> bool {
    b < b',' || b == b'\\' || b == b']' || b >= b'{'
}

/// [`may_end_token`] for the eight bytes of the little-endian word `w`: the high bit of the
/// first such byte, 0 if there is none (bits above the lowest may be wrong).
///
/// `\\` and `]` differ only in the lowest bit, so one test with that bit set finds both; a byte
/// from `{` up has the high bit set itself or once 5 is added to it.
#[inline(always)]
fn token_ends(w: u64) -> u64 {
    bytes_below(w, b',')
        | bytes_below((w | ONES) ^ (ONES * u64::from(b']')), 1)
        | ((w | w.wrapping_add(ONES * 5)) & (ONES << 7))
}

/// Whether the input byte `b` is the keyword byte `w` in any case. A letter and its other case
/// differ only in the bit 0x20, so a letter is compared with that bit set on both sides (which
/// no byte but the two cases of the letter matches); any other byte must be `w` itself.
#[inline(always)]
fn folded_eq(b: u8, w: u8) -> bool {
    if w.is_ascii_alphabetic() {
        b | 0x20 == w | 0x20
    } else {
        b == w
    }
}

/// What a decoded list is collected into: a `Vec`, or a [`SmallList`].
pub(crate) trait List<T>: From<Vec<T>> {
    /// The list of one item.
    fn one(item: T) -> Self;
}

impl<T> List<T> for Vec<T> {
    fn one(item: T) -> Self {
        alloc::vec![item]
    }
}

impl<T> List<T> for SmallList<T> {
    fn one(item: T) -> Self {
        SmallList::one(item)
    }
}

/// A byte class (a `const fn(u8) -> bool`) as a function that loads one `bool` per byte (the
/// tables of [`chars`] also need a bit extracted): the blocks of [`Parser::take_token`] test
/// eight bytes each.
macro_rules! bool_class {
    ($(#[$doc:meta])* $name:ident = $class:path) => {
        $(#[$doc])*
        #[inline(always)]
        pub(crate) fn $name(b: u8) -> bool {
            const TABLE: [bool; 256] = {
                let mut table = [false; 256];
                let mut i = 0;
                while i < 256 {
                    table[i] = $class(i as u8);
                    i += 1;
                }
                table
            };
            TABLE[b as usize]
        }
    };
}

bool_class!(
    /// [`chars::is_tag_char`], one load.
    is_tag_byte = chars::is_tag_char
);
bool_class!(
    /// [`chars::is_atom_char`], one load.
    is_atom_byte = chars::is_atom_char
);
bool_class!(
    /// [`chars::is_astring_char`], one load.
    is_astring_byte = chars::is_astring_char
);

/// Whether `b` is a digit (shortcut for rules).
#[inline(always)]
pub(crate) fn is_digit(b: u8) -> bool {
    chars::is_digit(b)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn utf8_ahead_checks_the_largest_stretch_once() {
        // A short first stretch, then a string-dense part 100 bytes on: the stretch is
        // checked again from there, with the largest size, and only once a message.
        let mut input = b"\"a\" ".to_vec();
        input.extend_from_slice(&[b' '; 96]);
        input.extend_from_slice(&b"\"x\" ".repeat(3000));
        let mut p = Parser::new(&input, &DecodeOptions::default());
        assert_eq!(p.quoted().unwrap().as_str(), "a");
        assert_eq!((p.utf8_start, p.utf8.len()), (1, 256));
        p.pos = 100;
        p.utf8_ahead();
        assert_eq!((p.utf8_start, p.utf8.len()), (100, UTF8_WINDOW_MAX));
        p.pos = 100 + UTF8_WINDOW_MAX - 4;
        p.utf8_ahead();
        assert_eq!(p.utf8_start, 100, "a second time in the same message");
        assert_eq!(p.quoted().unwrap().as_str(), "x");
        // Bytes ahead that are not UTF-8 only shorten the stretch; a string there still
        // fails exactly where its bad byte is.
        let input = b"\"a\" \"b\" \"c\xff\" ";
        let mut p = Parser::new(input, &DecodeOptions::default());
        p.utf8_ahead();
        assert_eq!(p.utf8.len(), 10);
        assert_eq!(p.quoted().unwrap().as_str(), "a");
        p.pos += 1;
        assert_eq!(p.quoted().unwrap().as_str(), "b");
        p.pos += 1;
        assert_eq!(p.quoted(), Err(crate::core::tests::failed(10, "UTF-8")));
        // Nothing to do at the end of the input.
        let mut p = Parser::new(b"", &DecodeOptions::default());
        p.utf8_ahead();
        assert_eq!(p.utf8_window, UTF8_WINDOW_FIRST);
    }

    /// Bytes that the word test stops at but that belong to the token are stepped over, in the
    /// first word, the second and the byte-wise tail.
    #[test]
    fn take_token_goes_on_past_bytes_of_the_token_that_may_end_one() {
        let token = |input: &'static [u8], class: fn(u8) -> bool| {
            crate::core::tests::run(input, |p| p.take_token(class))
        };
        let input = b"a!b|c~d]e#f$g&h'i}j+k(";
        assert_eq!(token(input, is_astring_byte), Ok((&input[..21], &b"("[..])));
        assert_eq!(token(input, is_tag_byte), Ok((&input[..19], &b"+k("[..])));
        assert_eq!(token(input, is_atom_byte), Ok((&input[..7], &input[7..])));
        assert_eq!(token(b"A1 ", is_tag_byte), Ok((&b"A1"[..], &b" "[..])));
        assert_eq!(token(b"A1", is_tag_byte), Err(Error::Incomplete));
        assert_eq!(token(b"abcdefgh]", is_tag_byte), Err(Error::Incomplete));
    }

    /// Asserts that the word test `words` flags, as its lowest flag, the first byte for which
    /// `bytes` holds: for every byte in every place of a word of `fill`, followed by bytes of
    /// every kind.
    pub(crate) fn assert_word_test_finds_the_first(
        words: fn(u64) -> u64,
        bytes: fn(u8) -> bool,
        fill: u8,
    ) {
        for b in 0..=255u8 {
            for at in 0..8 {
                for after in [0u8, b' ', b'A', b'[', b']', b'"', b'\\', 0x7f, 0xff] {
                    let mut word = [fill; 8];
                    word[at] = b;
                    word[at + 1..].fill(after);
                    let flags = words(u64::from_le_bytes(word));
                    let expected = word.iter().position(|&c| bytes(c));
                    let found = (flags != 0).then(|| (flags.trailing_zeros() / 8) as usize);
                    assert_eq!(found, expected, "{word:?}");
                }
            }
        }
    }

    /// The word-at-a-time test finds the first byte that may end a token, and every byte
    /// outside the token classes is such a byte.
    #[test]
    fn token_ends_finds_every_byte_outside_the_token_classes() {
        for b in 0..=255u8 {
            for class in [is_tag_byte, is_atom_byte, is_astring_byte] {
                assert!(class(b) || may_end_token(b), "{b:#x}");
            }
        }
        assert_word_test_finds_the_first(token_ends, may_end_token, b'T');
    }

    #[test]
    fn folded_eq_is_ascii_case_insensitive_equality() {
        for w in 0..=0x7f_u8 {
            for b in 0..=0xff_u8 {
                assert_eq!(folded_eq(b, w), b.eq_ignore_ascii_case(&w), "{b:#x} {w:#x}");
            }
        }
    }
}

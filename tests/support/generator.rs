//! The generator of arbitrary valid values (issue 3).
//!
//! One generator, written on [`arbitrary::Unstructured`], of every message type of `imap-types`
//! and of all their building blocks. The property tests (`tests/properties*.rs`) and the
//! structure-aware fuzz targets (`fuzz/fuzz_targets/gen_*.rs`) both use it; there is no second
//! copy.
//!
//! Every value is built through the checked constructors of `imap-types` (`try_from`, `new`,
//! `ContinueRequest::basic`, `CodeOther::new`, `CapabilityOther::new`, ...), and the generator
//! also keeps the invariants that the grammar cannot express, so that for every generated
//! value `v`, `decode(encode(v)) == v`. The encoded forms that would be ambiguous, and how the
//! generator avoids them, are listed where they arise; in short:
//!
//! * numbers stay in the ranges of their rules (`number64` and `mod-sequence-value` below
//!   2^63, `nz-number` not zero, `mod-sequence-value` not zero);
//! * a `tagged-ext-simple` sequence set always holds a `,`, `:`, `*` or `$`, since a set that is
//!   a plain number reads back as [`TaggedExtSimple::Number`];
//! * a [`DateTime`] is only marked zero-padded when its day is below 10 (for a day of 10 or more
//!   both forms are written the same);
//! * `FlagFetch::Flag(Flag::Extension("Recent"))` is never built: it is written `\Recent`, which
//!   reads back as [`FlagFetch::Recent`];
//! * a [`MailboxAttribute::Extension`] never names a known attribute, and a LIST response has at
//!   most one of `\Noselect`, `\Marked`, `\Unmarked` (`mbx-list-sflag`, RFC 3501);
//! * a [`SpecificFields::Basic`] part never has the type `TEXT`, nor `MESSAGE/RFC822` or
//!   `MESSAGE/GLOBAL` (in any case and any string form); the `TEXT` and `MESSAGE` parts write
//!   their fixed type and subtype strings quoted, as `media-text` and `media-message` require;
//! * a [`ContinueRequest::Basic`] comes from [`ContinueRequest::basic`] (a text that reads as
//!   base64 is refused there), codes and capabilities named `Other` come from their checked
//!   constructors, and [`Text`] never starts with `[`;
//! * capability lists always hold `IMAP4rev1` or `IMAP4rev2` (`capability-data`);
//! * `APPENDUID` and `COPYUID` sets are `uid-set`s (no `*`, no `$`); `$` (RFC 5182) appears
//!   only in commands;
//! * server messages carry only synchronizing literals (RFC 7888 forbids `{n+}` from a server);
//! * APPEND messages whose data is an `append-data-ext` have no `append-ext` of their own and
//!   are followed only by a message that starts with a flag list or a date (otherwise the
//!   tagged extensions of RFC 4466 could be read as options of one message or as the data of
//!   several);
//! * a data item `SEARCH` carries a `MODSEQ` only after at least one number (RFC 7162);
//! * `x-command` arguments hold no `{` (they cannot announce a literal) and no line end.
//!
//! When the input bytes run out, [`Unstructured`] answers zeros: the generator then takes the
//! first choice of every alternative and the shortest lists, so it always terminates; nesting
//! is bounded by [`MAX_DEPTH`].

use std::{borrow::Cow, num::NonZeroU32};

use arbitrary::{Result, Unstructured};
use imap_types::{
    auth::{AuthMechanism, AuthenticateData, IdleDone, KNOWN_MECHANISMS},
    body::{
        BasicFields, Body, BodyExtension, BodyLanguage, BodyStructure, Disposition, Language,
        Location, MultiPartExtension, SinglePartExtension, SpecificFields,
    },
    capability::{Capability, CapabilityOther, SIMPLE_CAPABILITIES},
    command::{
        AppendData, AppendMessage, Command, CommandBody, ListOption, ListPatterns, StoreFlags,
    },
    core::{
        AString, Atom, AtomExt, Charset, IString, Literal, Literal8, LiteralMode, NString,
        Parameter, Quoted, Secret, SmallList, Tag, TaggedExtComp, TaggedExtSimple, TaggedExtValue,
        TaggedExtension, TaggedLabel, Text, Vec1, chars,
    },
    datetime::{Date, DateTime},
    envelope::{Address, Envelope},
    fetch::{BinaryValue, FetchAttribute, FetchItems, Macro, MessageDataItem, Part, Section},
    flag::{
        Flag, FlagExtension, FlagFetch, FlagPerm, KNOWN_MAILBOX_ATTRIBUTES, MailboxAttribute,
        StoreResponse, StoreType,
    },
    mailbox::{Delimiter, ListCharString, ListMailbox, Mailbox},
    response::{
        Code, CodeOther, ContinueRequest, Data, Greeting, GreetingKind, MailboxList, PLAIN_CODES,
        RespText, Response, Status, StatusKind,
    },
    search::SearchKey,
    sequence::{SeqOrUid, Sequence, SequenceSet},
    status::{StatusDataItem, StatusDataItemName},
};

/// The deepest nesting the generator builds (body structures, search keys, extension values).
pub const MAX_DEPTH: usize = 4;

/// The largest `number64` / `mod-sequence-value` (RFC 9051, RFC 7162): 2^63 - 1.
const MAX_63: u64 = i64::MAX as u64;

/// `A1 NOOP`-style command.
pub fn command(u: &mut Unstructured) -> Result<Command<'static>> {
    Generator::client(u).command()
}

/// `* OK`, `* PREAUTH` or `* BYE` greeting.
pub fn greeting(u: &mut Unstructured) -> Result<Greeting<'static>> {
    Generator::server(u).greeting()
}

/// Any server response after the greeting.
pub fn response(u: &mut Unstructured) -> Result<Response<'static>> {
    Generator::server(u).response()
}

/// A line of the client during AUTHENTICATE.
pub fn authenticate_data(u: &mut Unstructured) -> Result<AuthenticateData<'static>> {
    Generator::client(u).authenticate_data()
}

/// The `DONE` of IDLE (there is only one value; it consumes nothing).
pub fn idle_done(_u: &mut Unstructured) -> Result<IdleDone> {
    Ok(IdleDone)
}

/// The generator state: the byte source and which side sends the message (a server may not
/// send non-synchronizing literals).
pub struct Generator<'x, 'u> {
    /// The source of choices.
    pub u: &'x mut Unstructured<'u>,
    /// Whether the values are for a server message.
    pub server: bool,
}

/// Bytes allowed in an `atom`.
fn class_bytes(class: fn(u8) -> bool) -> Vec<u8> {
    (1u8..=0x7f).filter(|&b| class(b)).collect()
}

/// Non-ASCII characters used to exercise UTF-8 in quoted strings and text (2, 3 and 4 bytes).
const UTF8_SAMPLES: [char; 6] = ['é', 'ß', '台', '€', '😀', '\u{10ffff}'];

/// Words that often appear as atoms, to reach keyword-like spellings.
const WORDS: [&str; 12] = [
    "INBOX", "NIL", "OK", "BODY", "FLAGS", "UID", "Sent", "a", "$Junk", "X", "0", "RFC822",
];

impl<'x, 'u> Generator<'x, 'u> {
    /// A generator of client messages.
    pub fn client(u: &'x mut Unstructured<'u>) -> Self {
        Self { u, server: false }
    }

    /// A generator of server messages.
    pub fn server(u: &'x mut Unstructured<'u>) -> Self {
        Self { u, server: true }
    }

    // ---------------------------------------------------------------------------------------
    // Choices and numbers
    // ---------------------------------------------------------------------------------------

    /// An index below `n` (`n > 0`).
    pub fn choose(&mut self, n: usize) -> Result<usize> {
        self.u.int_in_range(0..=n - 1)
    }

    /// A length from `min` to `max`.
    pub fn len(&mut self, min: usize, max: usize) -> Result<usize> {
        self.u.int_in_range(min..=max)
    }

    /// A boolean.
    pub fn bool(&mut self) -> Result<bool> {
        self.u.arbitrary()
    }

    /// A `u32`, often small, sometimes at the edges.
    pub fn u32(&mut self) -> Result<u32> {
        Ok(match self.choose(4)? {
            0 => self.u.int_in_range(0..=9)?,
            1 => self.u.int_in_range(0..=100_000)?,
            2 => *self.pick(&[0, 1, u32::MAX, u32::MAX - 1])?,
            _ => self.u.arbitrary()?,
        })
    }

    /// A `nz-number`.
    pub fn nz(&mut self) -> Result<NonZeroU32> {
        Ok(NonZeroU32::new(self.u32()?).unwrap_or(NonZeroU32::MIN))
    }

    /// A `number64` (below 2^63) from `min`.
    pub fn u63(&mut self, min: u64) -> Result<u64> {
        Ok(match self.choose(3)? {
            0 => self.u.int_in_range(min..=min + 1000)?,
            1 => *self.pick(&[min, MAX_63, u64::from(u32::MAX) + 1])?,
            _ => self.u.int_in_range(min..=MAX_63)?,
        })
    }

    /// One element of a slice.
    pub fn pick<'s, T>(&mut self, items: &'s [T]) -> Result<&'s T> {
        Ok(&items[self.choose(items.len())?])
    }

    /// A list of `min..=max` elements, collected into a `Vec` or a `SmallList` (which holds a
    /// single element inline, as the decoder gives it).
    pub fn list<T, L: FromIterator<T>>(
        &mut self,
        min: usize,
        max: usize,
        mut item: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<L> {
        let n = self.len(min, max)?;
        (0..n).map(|_| item(self)).collect()
    }

    /// A non-empty list of at most `max` elements.
    pub fn vec1<T>(
        &mut self,
        max: usize,
        item: impl FnMut(&mut Self) -> Result<T>,
    ) -> Result<Vec1<T>> {
        Ok(Vec1::unvalidated_checked(self.list(1, max, item)?))
    }

    /// An optional value.
    pub fn option<T>(&mut self, item: impl FnOnce(&mut Self) -> Result<T>) -> Result<Option<T>> {
        Ok(if self.bool()? {
            Some(item(self)?)
        } else {
            None
        })
    }

    // ---------------------------------------------------------------------------------------
    // Core values
    // ---------------------------------------------------------------------------------------

    /// `min..=max` characters of `class` (ASCII).
    fn chars_of(&mut self, class: fn(u8) -> bool, min: usize, max: usize) -> Result<String> {
        let allowed = class_bytes(class);
        let n = self.len(min, max)?;
        let mut s = String::with_capacity(n);
        for _ in 0..n {
            s.push(*self.pick(&allowed)? as char);
        }
        Ok(s)
    }

    /// `atom`, sometimes a keyword-like word.
    pub fn atom(&mut self) -> Result<Atom<'static>> {
        if self.choose(4)? == 0 {
            let w = *self.pick(&WORDS)?;
            return Ok(Atom::try_from(w.to_owned()).expect("WORDS are atoms"));
        }
        let s = self.chars_of(chars::is_atom_char, 1, 8)?;
        Ok(Atom::try_from(s).expect("atom characters"))
    }

    /// The atom form of an `astring` (`1*ASTRING-CHAR`, `]` admitted).
    pub fn atom_ext(&mut self) -> Result<AtomExt<'static>> {
        if self.bool()? {
            return Ok(self.atom()?.into());
        }
        let s = self.chars_of(chars::is_astring_char, 1, 8)?;
        Ok(AtomExt::try_from(s).expect("astring characters"))
    }

    /// `tag`
    pub fn tag(&mut self) -> Result<Tag<'static>> {
        let s = self.chars_of(chars::is_tag_char, 1, 6)?;
        Ok(Tag::try_from(s).expect("tag characters"))
    }

    /// `tagged-ext-label`
    pub fn tagged_label(&mut self) -> Result<TaggedLabel<'static>> {
        let first = self.chars_of(
            |b| b.is_ascii_alphabetic() || matches!(b, b'-' | b'_' | b'.'),
            1,
            1,
        )?;
        let rest = self.chars_of(
            |b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'),
            0,
            6,
        )?;
        Ok(TaggedLabel::try_from(first + &rest).expect("label characters"))
    }

    /// Text characters (`TEXT-CHAR` and UTF-8), `min..=max` of them; `extra` filters ASCII bytes.
    fn text_chars(&mut self, min: usize, max: usize, extra: fn(u8) -> bool) -> Result<String> {
        let ascii: Vec<u8> = class_bytes(chars::is_text_char)
            .into_iter()
            .filter(|&b| extra(b))
            .collect();
        let n = self.len(min, max)?;
        let mut s = String::new();
        for _ in 0..n {
            match self.choose(8)? {
                // Letters and spaces, the common case.
                0..=3 => s.push(*self.pick(b"abcXYZ 019 ")? as char),
                4 => s.push(*self.pick(&UTF8_SAMPLES)?),
                _ => s.push(*self.pick(&ascii)? as char),
            }
        }
        Ok(s)
    }

    /// The content of a `quoted` string: text characters, with `"` and `\` (escaped when
    /// written) and UTF-8.
    pub fn quoted(&mut self) -> Result<Quoted<'static>> {
        let mut s = self.text_chars(0, 10, |_| true)?;
        if self.choose(4)? == 0 {
            s.push(*self.pick(&['"', '\\'])?);
        }
        Ok(Quoted::try_from(s).expect("text characters"))
    }

    /// The mode of a literal: only synchronizing for a server.
    pub fn literal_mode(&mut self) -> Result<LiteralMode> {
        Ok(if !self.server && self.bool()? {
            LiteralMode::NonSync
        } else {
            LiteralMode::Sync
        })
    }

    /// Literal data: any bytes, NUL excluded unless `nul`.
    fn literal_bytes(&mut self, nul: bool) -> Result<Vec<u8>> {
        let n = match self.choose(4)? {
            0 => 0,
            1..=2 => self.len(1, 8)?,
            _ => self.len(9, 64)?,
        };
        let mut data = Vec::with_capacity(n);
        for _ in 0..n {
            let b = match self.choose(4)? {
                0 => *self.pick(b"\r\n{}\"\\ ")?,
                _ => self.u.arbitrary::<u8>()?,
            };
            data.push(if b == 0 && !nul { b'0' } else { b });
        }
        Ok(data)
    }

    /// `literal`, of either mode (synchronizing only for a server).
    pub fn literal(&mut self) -> Result<Literal<'static>> {
        let data = self.literal_bytes(false)?;
        let mode = self.literal_mode()?;
        Ok(Literal::new(data).expect("no NUL").with_mode(mode))
    }

    /// `literal8`, NUL bytes included.
    pub fn literal8(&mut self) -> Result<Literal8<'static>> {
        Ok(Literal8 {
            data: Cow::Owned(self.literal_bytes(true)?),
            mode: self.literal_mode()?,
        })
    }

    /// `string`, quoted or literal.
    pub fn istring(&mut self) -> Result<IString<'static>> {
        Ok(if self.choose(3)? == 0 {
            IString::Literal(self.literal()?)
        } else {
            IString::Quoted(self.quoted()?)
        })
    }

    /// A `string` whose content is `s`, in a form chosen from the input.
    pub fn istring_of(&mut self, s: &str) -> Result<IString<'static>> {
        Ok(if self.choose(4)? == 0 {
            IString::Literal(
                Literal::new(s.as_bytes().to_vec())
                    .expect("no NUL")
                    .with_mode(self.literal_mode()?),
            )
        } else {
            IString::Quoted(Quoted::try_from(s.to_owned()).expect("text"))
        })
    }

    /// `astring` in each of its forms.
    pub fn astring(&mut self) -> Result<AString<'static>> {
        Ok(if self.bool()? {
            AString::Atom(self.atom_ext()?)
        } else {
            AString::String(self.istring()?)
        })
    }

    /// `nstring`
    pub fn nstring(&mut self) -> Result<NString<'static>> {
        Ok(NString(self.option(Self::istring)?))
    }

    /// `charset`
    pub fn charset(&mut self) -> Result<Charset<'static>> {
        if self.bool()? {
            let name = *self.pick(&["UTF-8", "US-ASCII", "ISO-8859-1", "utf-8"])?;
            return Ok(Charset(AString::Atom(
                AtomExt::try_from(name.to_owned()).expect("atom"),
            )));
        }
        Ok(Charset(self.astring()?))
    }

    /// `[text]` of `resp-text`: never starts with `[`.
    pub fn text(&mut self) -> Result<Text<'static>> {
        let mut s = self.text_chars(0, 16, |_| true)?;
        if s.starts_with('[') {
            s.replace_range(0..1, "x");
        }
        Ok(Text::try_from(s).expect("text characters, no leading ["))
    }

    // ---------------------------------------------------------------------------------------
    // Sequence sets, dates
    // ---------------------------------------------------------------------------------------

    fn seq_number(&mut self, star: bool) -> Result<SeqOrUid> {
        Ok(if star && self.choose(4)? == 0 {
            SeqOrUid::Asterisk
        } else {
            SeqOrUid::Value(self.nz()?)
        })
    }

    fn sequence(&mut self, star: bool) -> Result<Sequence> {
        Ok(if self.bool()? {
            Sequence::Single(self.seq_number(star)?)
        } else {
            Sequence::Range(self.seq_number(star)?, self.seq_number(star)?)
        })
    }

    /// `sequence-set`; `$` only when `dollar` (commands), `*` only when `star`.
    pub fn sequence_set_with(&mut self, star: bool, dollar: bool) -> Result<SequenceSet<'static>> {
        if dollar && self.choose(8)? == 0 {
            return Ok(SequenceSet::last_result());
        }
        let parts: Vec<_> = self.list(1, 4, |g| g.sequence(star))?;
        Ok(SequenceSet::from_sequences(&parts).expect("non-empty"))
    }

    /// `sequence-set` of a command (`*` and `$` admitted).
    pub fn sequence_set(&mut self) -> Result<SequenceSet<'static>> {
        let dollar = !self.server;
        self.sequence_set_with(true, dollar)
    }

    /// `uid-set` (RFC 4315): no `*`, no `$`.
    pub fn uid_set(&mut self) -> Result<SequenceSet<'static>> {
        self.sequence_set_with(false, false)
    }

    /// A day, month and year that exist.
    fn calendar(&mut self) -> Result<(u16, u8, u8)> {
        let year = match self.choose(3)? {
            0 => self.u.int_in_range(1970..=2038)?,
            1 => *self.pick(&[0, 1900, 2000, 2024, 9999])?,
            _ => self.u.int_in_range(0..=9999)?,
        };
        let month = self.u.int_in_range(1..=12)?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        let day = self.u.int_in_range(1..=days)?;
        Ok((year, month, day))
    }

    /// `date`, quoted or not, with a one- or two-digit day.
    pub fn date(&mut self) -> Result<Date> {
        let (y, m, d) = self.calendar()?;
        let date = Date::new(y, m, d).expect("calendar date");
        Ok(date.with_form(self.bool()?, self.bool()?))
    }

    /// `date-time`
    pub fn date_time(&mut self) -> Result<DateTime> {
        let (y, m, d) = self.calendar()?;
        let time = (
            self.u.int_in_range(0..=23)?,
            self.u.int_in_range(0..=59)?,
            self.u.int_in_range(0..=60)?,
        );
        let zone = self.u.int_in_range(-(99 * 60 + 59)..=99 * 60 + 59)?;
        let dt = DateTime::new(y, m, d, time, zone).expect("valid date-time");
        // A day of 10 or more is written the same whether zero-padded or not: only a day below
        // 10 may carry the flag, or decoding could not give the flag back.
        Ok(dt.with_zero_padded_day(d < 10 && self.bool()?))
    }

    // ---------------------------------------------------------------------------------------
    // Flags and mailboxes
    // ---------------------------------------------------------------------------------------

    /// A `flag-extension` name that is no system flag and passes `keep`.
    fn flag_extension_where(&mut self, keep: fn(&str) -> bool) -> Result<FlagExtension<'static>> {
        let atom = self.atom()?;
        match FlagExtension::new(atom) {
            Ok(ext) if keep(ext.as_str()) => Ok(ext),
            _ => Ok(FlagExtension::try_from("Xext").expect("extension")),
        }
    }

    /// `flag` of every kind.
    pub fn flag(&mut self) -> Result<Flag<'static>> {
        Ok(match self.choose(7)? {
            0 => Flag::Answered,
            1 => Flag::Flagged,
            2 => Flag::Deleted,
            3 => Flag::Seen,
            4 => Flag::Draft,
            5 => Flag::Keyword(self.atom()?),
            _ => Flag::Extension(self.flag_extension_where(|_| true)?),
        })
    }

    /// `flag-fetch`: never an extension named `Recent` (it reads back as `\Recent`).
    pub fn flag_fetch(&mut self) -> Result<FlagFetch<'static>> {
        if self.choose(6)? == 0 {
            return Ok(FlagFetch::Recent);
        }
        Ok(FlagFetch::Flag(match self.flag()? {
            Flag::Extension(ext) if ext.as_str().eq_ignore_ascii_case("Recent") => {
                Flag::Keyword(Atom::try_from("Recent").expect("atom"))
            }
            flag => flag,
        }))
    }

    /// `flag-perm`
    pub fn flag_perm(&mut self) -> Result<FlagPerm<'static>> {
        Ok(if self.choose(6)? == 0 {
            FlagPerm::Asterisk
        } else {
            FlagPerm::Flag(self.flag()?)
        })
    }

    /// `mbx-list-flags`: known attributes and extensions that name none of them, with at most
    /// one `mbx-list-sflag`.
    pub fn mailbox_attributes(&mut self) -> Result<Vec<MailboxAttribute<'static>>> {
        let mut attributes: Vec<_> = self.list(0, 4, |g| {
            Ok(if g.choose(4)? == 0 {
                MailboxAttribute::Extension(
                    g.flag_extension_where(|s| MailboxAttribute::known(s).is_none())?,
                )
            } else {
                let name = *g.pick(KNOWN_MAILBOX_ATTRIBUTES)?;
                MailboxAttribute::known(name).expect("known attribute")
            })
        })?;
        let is_sflag = |a: &MailboxAttribute| {
            matches!(
                a,
                MailboxAttribute::Noselect | MailboxAttribute::Marked | MailboxAttribute::Unmarked
            )
        };
        let mut seen = false;
        attributes.retain(|a| {
            let drop = is_sflag(a) && seen;
            seen |= is_sflag(a);
            !drop
        });
        Ok(attributes)
    }

    /// `mailbox`: INBOX in any case, or any astring.
    pub fn mailbox(&mut self) -> Result<Mailbox<'static>> {
        Ok(match self.choose(4)? {
            0 => Mailbox::inbox(),
            1 => {
                let name = *self.pick(&["inbox", "InBoX", "INBOX.Sent", "Entw&APw-rfe"])?;
                Mailbox(AString::Atom(
                    AtomExt::try_from(name.to_owned()).expect("atom"),
                ))
            }
            _ => Mailbox(self.astring()?),
        })
    }

    /// `list-mailbox`: a token with wildcards, or a string.
    pub fn list_mailbox(&mut self) -> Result<ListMailbox<'static>> {
        Ok(if self.bool()? {
            let s = self.chars_of(chars::is_list_char, 1, 8)?;
            ListMailbox::Token(
                ListCharString::try_from(s.as_str())
                    .expect("list characters")
                    .into_owned_static(),
            )
        } else {
            ListMailbox::String(self.istring()?)
        })
    }

    /// The hierarchy delimiter of a LIST response (a 7-bit `TEXT-CHAR`).
    pub fn delimiter(&mut self) -> Result<Option<Delimiter>> {
        self.option(|g| {
            let c = match g.choose(3)? {
                0 => *g.pick(&['/', '.'])?,
                1 => *g.pick(&['"', '\\'])?,
                _ => *g.pick(&class_bytes(chars::is_text_char))? as char,
            };
            Ok(Delimiter::new(c).expect("7-bit TEXT-CHAR"))
        })
    }

    // ---------------------------------------------------------------------------------------
    // RFC 4466 extension values
    // ---------------------------------------------------------------------------------------

    /// `tagged-ext-simple`; a sequence set that is a plain number would read back as a
    /// number, so the set always holds a `,`, `:`, `*` or `$`.
    pub fn tagged_ext_simple(&mut self) -> Result<TaggedExtSimple<'static>> {
        if self.bool()? {
            return Ok(TaggedExtSimple::Number(self.u63(0)?));
        }
        let set = self.sequence_set()?;
        if set.as_str().bytes().all(|b| b.is_ascii_digit()) {
            let n = self.nz()?;
            let range = Sequence::Range(SeqOrUid::Value(n), SeqOrUid::Asterisk);
            return Ok(TaggedExtSimple::SequenceSet(range.into()));
        }
        Ok(TaggedExtSimple::SequenceSet(set))
    }

    /// `tagged-ext-comp`, nested up to `depth`.
    pub fn tagged_ext_comp(&mut self, depth: usize) -> Result<TaggedExtComp<'static>> {
        Ok(if depth < MAX_DEPTH && self.choose(4)? == 0 {
            TaggedExtComp::List(self.vec1(3, |g| g.tagged_ext_comp(depth + 1))?)
        } else {
            TaggedExtComp::AString(self.astring()?)
        })
    }

    /// `tagged-ext-val`
    pub fn tagged_ext_value(&mut self, depth: usize) -> Result<TaggedExtValue<'static>> {
        Ok(if self.bool()? {
            TaggedExtValue::Simple(self.tagged_ext_simple()?)
        } else {
            TaggedExtValue::Comp(self.list(0, 3, |g| g.tagged_ext_comp(depth + 1))?)
        })
    }

    /// An extension parameter (`select-param`, `fetch-modifier`, ...). A parameter without a
    /// value followed by another one stays unambiguous: a value starts with `(`, a digit, `*`
    /// or `$`, a name with a letter, `-`, `_` or `.`.
    pub fn parameter(&mut self) -> Result<Parameter<'static>> {
        Ok(Parameter {
            name: self.tagged_label()?,
            value: self.option(|g| g.tagged_ext_value(0))?,
        })
    }

    /// A list of parameters, often empty.
    pub fn parameters(&mut self) -> Result<Vec<Parameter<'static>>> {
        if self.bool()? {
            return Ok(Vec::new());
        }
        self.list(1, 3, Self::parameter)
    }

    /// `tagged-ext`
    pub fn tagged_extension(&mut self) -> Result<TaggedExtension<'static>> {
        Ok(TaggedExtension {
            label: self.tagged_label()?,
            value: self.tagged_ext_value(0)?,
        })
    }

    // ---------------------------------------------------------------------------------------
    // Capabilities, codes, texts
    // ---------------------------------------------------------------------------------------

    /// `auth-type`: a known mechanism or another atom.
    pub fn auth_mechanism(&mut self) -> Result<AuthMechanism<'static>> {
        if self.bool()? {
            let name = *self.pick(KNOWN_MECHANISMS)?;
            return Ok(AuthMechanism::try_from(name)
                .expect("atom")
                .into_owned_static());
        }
        Ok(AuthMechanism::from_atom(self.atom()?))
    }

    /// `capability` of every kind.
    pub fn capability(&mut self) -> Result<Capability<'static>> {
        Ok(match self.choose(14)? {
            0..=1 => {
                let name = self.pick(SIMPLE_CAPABILITIES)?.0;
                Capability::try_from(name)
                    .expect("atom")
                    .into_owned_static()
            }
            2 => Capability::Auth(self.auth_mechanism()?),
            3 => Capability::Rights(self.atom()?),
            4 => Capability::QuotaRes(self.atom()?),
            5 => Capability::Thread(self.atom()?),
            6 => Capability::Context(self.atom()?),
            7 => Capability::I18nLevel(self.atom()?),
            8 => Capability::Compress(self.atom()?),
            9 => Capability::Utf8(self.atom()?),
            10 => Capability::UrlAuthExt(self.atom()?),
            11 => match self.choose(3)? {
                0 => Capability::AppendLimitOf(self.u32()?),
                1 => Capability::MessageLimit(self.u32()?),
                _ => Capability::SaveLimit(self.u32()?),
            },
            _ => {
                let other = match self.choose(3)? {
                    // Spellings that look like families but are not (`AUTH=` with nothing after
                    // it, a non-canonical number).
                    0 => Atom::try_from(*self.pick(&["AUTH=", "APPENDLIMIT=01", "X-Y"])?)
                        .expect("atom")
                        .into_owned_static(),
                    _ => self.atom()?,
                };
                match CapabilityOther::new(other) {
                    Ok(other) => Capability::Other(other),
                    Err(_) => Capability::Other(
                        CapabilityOther::new(Atom::try_from("XUNKNOWN").expect("atom"))
                            .expect("unknown name")
                            .into_owned_static(),
                    ),
                }
            }
        })
    }

    /// A list of capabilities as `capability-data` needs it: with `IMAP4rev1` or `IMAP4rev2`.
    pub fn capabilities(&mut self) -> Result<Vec1<Capability<'static>>> {
        let mut caps: Vec<_> = self.list(0, 5, Self::capability)?;
        if !caps
            .iter()
            .any(|c| matches!(c, Capability::Imap4Rev1 | Capability::Imap4Rev2))
        {
            let at = self.len(0, caps.len())?;
            let rev = if self.bool()? {
                Capability::Imap4Rev1
            } else {
                Capability::Imap4Rev2
            };
            caps.insert(at, rev);
        }
        Ok(Vec1::unvalidated_checked(caps))
    }

    /// `resp-text-code` of every kind.
    pub fn code(&mut self) -> Result<Code<'static>> {
        Ok(match self.choose(12)? {
            0 => {
                let name = self.pick(PLAIN_CODES)?.0;
                Code::plain(name.as_bytes()).expect("plain code")
            }
            1 => Code::BadCharset(self.list(0, 3, Self::charset)?),
            2 => Code::Capability(self.capabilities()?),
            3 => Code::PermanentFlags(self.list(0, 4, Self::flag_perm)?),
            4 => Code::UidNext(self.nz()?),
            5 => Code::UidValidity(self.nz()?),
            6 => Code::Unseen(self.nz()?),
            7 => Code::AppendUid {
                uid_validity: self.nz()?,
                uids: self.uid_set()?,
            },
            8 => Code::CopyUid {
                uid_validity: self.nz()?,
                source: self.uid_set()?,
                destination: self.uid_set()?,
            },
            9 => Code::HighestModSeq(self.u63(1)?),
            10 => Code::Modified(self.sequence_set()?),
            _ => {
                let name = self.atom()?;
                let arguments = self.option(|g| {
                    let s = g.text_chars(1, 10, |b| b != b']')?;
                    Ok(Cow::Owned(s))
                })?;
                match CodeOther::new(name, arguments) {
                    Ok(other) => Code::Other(other),
                    Err(_) => Code::Other(
                        CodeOther::new(Atom::try_from("XCODE").expect("atom"), None)
                            .expect("unknown code")
                            .into_owned_static(),
                    ),
                }
            }
        })
    }

    /// `resp-text`
    pub fn resp_text(&mut self) -> Result<RespText<'static>> {
        Ok(RespText {
            code: self.option(Self::code)?,
            text: self.text()?,
        })
    }

    // ---------------------------------------------------------------------------------------
    // STATUS
    // ---------------------------------------------------------------------------------------

    /// `status-att`
    pub fn status_att(&mut self) -> Result<StatusDataItemName> {
        Ok(*self.pick(&StatusDataItemName::ALL)?)
    }

    /// `status-att-val`
    pub fn status_att_val(&mut self) -> Result<StatusDataItem> {
        Ok(match self.status_att()? {
            StatusDataItemName::Messages => StatusDataItem::Messages(self.u32()?),
            StatusDataItemName::Recent => StatusDataItem::Recent(self.u32()?),
            StatusDataItemName::UidNext => StatusDataItem::UidNext(self.nz()?),
            StatusDataItemName::UidValidity => StatusDataItem::UidValidity(self.nz()?),
            StatusDataItemName::Unseen => StatusDataItem::Unseen(self.u32()?),
            StatusDataItemName::Deleted => StatusDataItem::Deleted(self.u32()?),
            StatusDataItemName::Size => StatusDataItem::Size(self.u63(0)?),
            StatusDataItemName::HighestModSeq => StatusDataItem::HighestModSeq(self.u63(0)?),
        })
    }

    // ---------------------------------------------------------------------------------------
    // Envelope and body structure
    // ---------------------------------------------------------------------------------------

    /// `address`
    pub fn address(&mut self) -> Result<Address<'static>> {
        Ok(Address {
            name: self.nstring()?,
            adl: self.nstring()?,
            mailbox: self.nstring()?,
            host: self.nstring()?,
        })
    }

    fn addresses(&mut self) -> Result<SmallList<Address<'static>>> {
        self.list(0, 2, Self::address)
    }

    /// `envelope`
    pub fn envelope(&mut self) -> Result<Envelope<'static>> {
        Ok(Envelope {
            date: self.nstring()?,
            subject: self.nstring()?,
            from: self.addresses()?,
            sender: self.addresses()?,
            reply_to: self.addresses()?,
            to: self.addresses()?,
            cc: self.addresses()?,
            bcc: self.addresses()?,
            in_reply_to: self.nstring()?,
            message_id: self.nstring()?,
        })
    }

    /// `body-fld-param`: empty for `NIL`.
    pub fn body_params(&mut self) -> Result<SmallList<(IString<'static>, IString<'static>)>> {
        if self.bool()? {
            return Ok(SmallList::new());
        }
        self.list(1, 3, |g| Ok((g.istring()?, g.istring()?)))
    }

    /// `body-fields`
    pub fn basic_fields(&mut self) -> Result<BasicFields<'static>> {
        Ok(BasicFields {
            parameter_list: self.body_params()?,
            id: self.nstring()?,
            description: self.nstring()?,
            content_transfer_encoding: if self.bool()? {
                let enc = *self.pick(&["7BIT", "8BIT", "BINARY", "BASE64", "QUOTED-PRINTABLE"])?;
                self.istring_of(enc)?
            } else {
                self.istring()?
            },
            size: self.u32()?,
        })
    }

    /// A quoted string holding `word` in a random case (the fixed strings of `media-text` and
    /// `media-message` are quoted in the grammar, and case-insensitive).
    fn quoted_word(&mut self, word: &str) -> Result<IString<'static>> {
        let mut s = String::new();
        for c in word.chars() {
            s.push(if self.choose(4)? == 0 {
                c.to_ascii_lowercase()
            } else {
                c
            });
        }
        Ok(IString::Quoted(Quoted::try_from(s).expect("ASCII")))
    }

    /// The media type and the fields that depend on it. A `Basic` part never has the type
    /// `TEXT`, nor `MESSAGE/RFC822` or `MESSAGE/GLOBAL`, in any case or string form.
    pub fn specific_fields(&mut self, depth: usize) -> Result<SpecificFields<'static>> {
        let kind = if depth < MAX_DEPTH {
            self.choose(3)?
        } else {
            self.choose(2)?
        };
        Ok(match kind {
            0 => {
                let (r#type, subtype) = if self.bool()? {
                    let t = *self.pick(&["APPLICATION", "AUDIO", "IMAGE", "MESSAGE", "VIDEO"])?;
                    (self.istring_of(t)?, self.istring()?)
                } else {
                    (self.istring()?, self.istring()?)
                };
                let is = |s: &IString, w: &str| s.as_bytes().eq_ignore_ascii_case(w.as_bytes());
                let reserved = is(&r#type, "TEXT")
                    || (is(&r#type, "MESSAGE")
                        && (is(&subtype, "RFC822") || is(&subtype, "GLOBAL")));
                if reserved {
                    SpecificFields::Basic {
                        r#type: self.istring_of("APPLICATION")?,
                        subtype,
                    }
                } else {
                    SpecificFields::Basic { r#type, subtype }
                }
            }
            1 => SpecificFields::Text {
                r#type: self.quoted_word("TEXT")?,
                subtype: if self.bool()? {
                    let s = *self.pick(&["PLAIN", "HTML"])?;
                    self.istring_of(s)?
                } else {
                    self.istring()?
                },
                number_of_lines: self.u32()?,
            },
            _ => {
                let sub = *self.pick(&["RFC822", "GLOBAL"])?;
                SpecificFields::Message {
                    r#type: self.quoted_word("MESSAGE")?,
                    subtype: self.quoted_word(sub)?,
                    envelope: Box::new(self.envelope()?),
                    body_structure: Box::new(self.body_structure(depth + 1)?),
                    number_of_lines: self.u32()?,
                }
            }
        })
    }

    /// `body-extension`, nested up to the depth bound.
    pub fn body_extension(&mut self, depth: usize) -> Result<BodyExtension<'static>> {
        let kind = if depth < MAX_DEPTH {
            self.choose(3)?
        } else {
            self.choose(2)?
        };
        Ok(match kind {
            0 => BodyExtension::NString(self.nstring()?),
            1 => BodyExtension::Number(self.u63(0)?),
            _ => BodyExtension::List(self.vec1(3, |g| g.body_extension(depth + 1))?),
        })
    }

    /// `body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]`, each optional
    /// tail present or absent.
    pub fn disposition(&mut self, depth: usize) -> Result<Disposition<'static>> {
        Ok(Disposition {
            disposition: self.option(|g| Ok((g.istring()?, g.body_params()?)))?,
            tail: self.option(|g| {
                Ok(Language {
                    language: if g.bool()? {
                        BodyLanguage::Single(g.nstring()?)
                    } else {
                        BodyLanguage::List(g.vec1(3, Self::istring)?)
                    },
                    tail: g.option(|g| {
                        Ok(Location {
                            location: g.nstring()?,
                            extensions: g.list(0, 3, |g| g.body_extension(depth + 1))?,
                        })
                    })?,
                })
            })?,
        })
    }

    /// `body`, single or multipart, nested up to [`MAX_DEPTH`].
    pub fn body_structure(&mut self, depth: usize) -> Result<BodyStructure<'static>> {
        if depth < MAX_DEPTH && self.choose(3)? == 0 {
            return Ok(BodyStructure::Multi {
                bodies: self.vec1(3, |g| g.body_structure(depth + 1))?,
                subtype: if self.bool()? {
                    let s = *self.pick(&["MIXED", "ALTERNATIVE", "RELATED"])?;
                    self.istring_of(s)?
                } else {
                    self.istring()?
                },
                extension: self.option(|g| {
                    Ok(MultiPartExtension {
                        parameter_list: g.body_params()?,
                        tail: g.option(|g| g.disposition(depth))?,
                    })
                })?,
            });
        }
        Ok(BodyStructure::Single {
            body: Body {
                basic: self.basic_fields()?,
                specific: self.specific_fields(depth)?,
            },
            extension: self.option(|g| {
                Ok(SinglePartExtension {
                    md5: g.nstring()?,
                    tail: g.option(|g| g.disposition(depth))?,
                })
            })?,
        })
    }

    // ---------------------------------------------------------------------------------------
    // FETCH
    // ---------------------------------------------------------------------------------------

    /// `section-part`
    pub fn part(&mut self) -> Result<Part> {
        Ok(Part::from(self.vec1(6, |g| {
            Ok(NonZeroU32::new(g.u.int_in_range(1..=20)?).expect("non-zero"))
        })?))
    }

    /// `section-spec` of every kind.
    pub fn section(&mut self) -> Result<Section<'static>> {
        Ok(match self.choose(6)? {
            0 => Section::Part(self.part()?),
            1 => Section::Header(self.option(Self::part)?),
            2 => Section::HeaderFields(self.option(Self::part)?, self.vec1(3, Self::astring)?),
            3 => Section::HeaderFieldsNot(self.option(Self::part)?, self.vec1(3, Self::astring)?),
            4 => Section::Text(self.option(Self::part)?),
            _ => Section::Mime(self.part()?),
        })
    }

    fn section_binary(&mut self) -> Result<Vec<NonZeroU32>> {
        self.list(0, 3, |g| {
            Ok(NonZeroU32::new(g.u.int_in_range(1..=20)?).expect("non-zero"))
        })
    }

    fn partial(&mut self) -> Result<Option<(u32, NonZeroU32)>> {
        self.option(|g| Ok((g.u32()?, g.nz()?)))
    }

    /// `fetch-att` of every kind.
    pub fn fetch_attribute(&mut self) -> Result<FetchAttribute<'static>> {
        Ok(match self.choose(19)? {
            0 => FetchAttribute::Envelope,
            1 => FetchAttribute::Flags,
            2 => FetchAttribute::InternalDate,
            3 => FetchAttribute::Rfc822,
            4 => FetchAttribute::Rfc822Header,
            5 => FetchAttribute::Rfc822Size,
            6 => FetchAttribute::Rfc822Text,
            7 => FetchAttribute::Body,
            8 => FetchAttribute::BodyStructure,
            9 => FetchAttribute::Uid,
            10 => FetchAttribute::BodyExt {
                section: self.option(Self::section)?,
                partial: self.partial()?,
                peek: self.bool()?,
            },
            11 => FetchAttribute::Binary {
                section: self.section_binary()?,
                partial: self.partial()?,
                peek: self.bool()?,
            },
            12 => FetchAttribute::BinarySize {
                section: self.section_binary()?,
            },
            13 => FetchAttribute::ModSeq,
            14 => FetchAttribute::EmailId,
            15 => FetchAttribute::ThreadId,
            16 => FetchAttribute::SaveDate,
            _ => FetchAttribute::Preview { lazy: self.bool()? },
        })
    }

    /// What FETCH asks for: a macro, one attribute, or a list.
    pub fn fetch_items(&mut self) -> Result<FetchItems<'static>> {
        Ok(match self.choose(3)? {
            0 => FetchItems::Macro(*self.pick(&[Macro::All, Macro::Fast, Macro::Full])?),
            1 => FetchItems::Single(self.fetch_attribute()?),
            _ => FetchItems::List(self.vec1(4, Self::fetch_attribute)?),
        })
    }

    /// `objectid = 1*255(ALPHA / DIGIT / "_" / "-")` (RFC 8474)
    fn object_id(&mut self) -> Result<Cow<'static, str>> {
        Ok(Cow::Owned(self.chars_of(
            |b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-',
            1,
            12,
        )?))
    }

    /// One data item of a FETCH response, of every kind.
    pub fn message_data_item(&mut self) -> Result<MessageDataItem<'static>> {
        Ok(match self.choose(18)? {
            0 => MessageDataItem::Flags(self.list(0, 4, Self::flag_fetch)?),
            1 => MessageDataItem::Envelope(Box::new(self.envelope()?)),
            2 => MessageDataItem::InternalDate(self.date_time()?),
            3 => MessageDataItem::Rfc822(self.nstring()?),
            4 => MessageDataItem::Rfc822Header(self.nstring()?),
            5 => MessageDataItem::Rfc822Text(self.nstring()?),
            6 => MessageDataItem::Rfc822Size(self.u32()?),
            7 => MessageDataItem::Body(Box::new(self.body_structure(1)?)),
            8 => MessageDataItem::BodyStructure(Box::new(self.body_structure(1)?)),
            9 => MessageDataItem::BodyExt {
                section: self.option(Self::section)?,
                origin: self.option(Self::u32)?,
                data: self.nstring()?,
            },
            10 => MessageDataItem::Uid(self.nz()?),
            11 => MessageDataItem::Binary {
                section: self.section_binary()?,
                origin: self.option(Self::u32)?,
                value: if self.bool()? {
                    BinaryValue::NString(self.nstring()?)
                } else {
                    BinaryValue::Literal8(self.literal8()?)
                },
            },
            12 => MessageDataItem::BinarySize {
                section: self.section_binary()?,
                size: self.u32()?,
            },
            13 => MessageDataItem::ModSeq(self.u63(1)?),
            14 => MessageDataItem::EmailId(self.object_id()?),
            15 => MessageDataItem::ThreadId(self.option(Self::object_id)?),
            16 => MessageDataItem::SaveDate(self.option(Self::date_time)?),
            _ => MessageDataItem::Preview(self.nstring()?),
        })
    }

    // ---------------------------------------------------------------------------------------
    // SEARCH
    // ---------------------------------------------------------------------------------------

    /// `search-key` of every kind, nested (`NOT`, `OR`, parentheses) up to [`MAX_DEPTH`].
    pub fn search_key(&mut self, depth: usize) -> Result<SearchKey<'static>> {
        let n = if depth < MAX_DEPTH { 37 } else { 34 };
        Ok(match self.choose(n)? {
            0 => SearchKey::All,
            1 => SearchKey::Answered,
            2 => SearchKey::Bcc(self.astring()?),
            3 => SearchKey::Before(self.date()?),
            4 => SearchKey::Body(self.astring()?),
            5 => SearchKey::Cc(self.astring()?),
            6 => SearchKey::Deleted,
            7 => SearchKey::Draft,
            8 => SearchKey::Flagged,
            9 => SearchKey::From(self.astring()?),
            10 => SearchKey::Header(self.astring()?, self.astring()?),
            11 => SearchKey::Keyword(self.atom()?),
            12 => SearchKey::Larger(self.u63(0)?),
            13 => SearchKey::New,
            14 => SearchKey::Old,
            15 => SearchKey::On(self.date()?),
            16 => SearchKey::Recent,
            17 => SearchKey::Seen,
            18 => SearchKey::SentBefore(self.date()?),
            19 => SearchKey::SentOn(self.date()?),
            20 => SearchKey::SentSince(self.date()?),
            21 => SearchKey::Since(self.date()?),
            22 => SearchKey::Smaller(self.u63(0)?),
            23 => SearchKey::Subject(self.astring()?),
            24 => SearchKey::Text(self.astring()?),
            25 => SearchKey::To(self.astring()?),
            26 => SearchKey::Uid(self.sequence_set()?),
            27 => SearchKey::Unanswered,
            28 => SearchKey::Undeleted,
            29 => SearchKey::Undraft,
            30 => SearchKey::Unflagged,
            31 => SearchKey::Unkeyword(self.atom()?),
            32 => SearchKey::Unseen,
            33 => SearchKey::SequenceSet(self.sequence_set()?),
            34 => SearchKey::Not(Box::new(self.search_key(depth + 1)?)),
            35 => SearchKey::Or(
                Box::new(self.search_key(depth + 1)?),
                Box::new(self.search_key(depth + 1)?),
            ),
            _ => SearchKey::And(self.vec1(3, |g| g.search_key(depth + 1))?),
        })
    }

    // ---------------------------------------------------------------------------------------
    // Commands
    // ---------------------------------------------------------------------------------------

    /// A LIST selection or return option.
    pub fn list_option(&mut self) -> Result<ListOption<'static>> {
        Ok(ListOption {
            name: if self.bool()? {
                let n = *self.pick(&["SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "CHILDREN"])?;
                Atom::try_from(n).expect("atom").into_owned_static()
            } else {
                self.atom()?
            },
            value: self.option(|g| g.vec1(3, |g| g.tagged_ext_comp(1)))?,
        })
    }

    /// `append-message`s, several with MULTIAPPEND. A message whose data is an
    /// `append-data-ext` has no `append-ext`, and the message after it starts with a flag list
    /// or a date: otherwise `A 1 B 2` could be one message with an option, or two messages.
    pub fn append_messages(&mut self) -> Result<Vec1<AppendMessage<'static>>> {
        let n = self.len(1, 3)?;
        let mut messages: Vec<AppendMessage<'static>> = Vec::with_capacity(n);
        for _ in 0..n {
            let after_ext_data = matches!(
                messages.last(),
                Some(AppendMessage {
                    data: AppendData::Extension(_),
                    ..
                })
            );
            let data = match self.choose(5)? {
                0..=1 => AppendData::Literal(self.literal()?),
                2..=3 => AppendData::Literal8(self.literal8()?),
                _ => AppendData::Extension(self.tagged_extension()?),
            };
            let mut flags = self.option(|g| g.list(0, 3, Self::flag))?;
            let date = self.option(Self::date_time)?;
            if after_ext_data && flags.is_none() && date.is_none() {
                flags = Some(Vec::new());
            }
            let extensions = if matches!(data, AppendData::Extension(_)) {
                Vec::new()
            } else {
                self.list(0, 2, Self::tagged_extension)?
            };
            messages.push(AppendMessage {
                flags,
                date,
                extensions,
                data,
            });
        }
        Ok(Vec1::unvalidated_checked(messages))
    }

    /// The arguments of an `x-command`: text without `{` (no literal) and no line end.
    fn x_arguments(&mut self) -> Result<Option<Cow<'static, str>>> {
        self.option(|g| Ok(Cow::Owned(g.text_chars(0, 12, |b| b != b'{')?)))
    }

    /// The command after the tag, of every kind (`UID` variants included).
    pub fn command_body(&mut self) -> Result<CommandBody<'static>> {
        Ok(match self.choose(26)? {
            0 => CommandBody::Capability,
            1 => CommandBody::Noop,
            2 => CommandBody::Logout,
            3 => CommandBody::StartTls,
            4 => CommandBody::Authenticate {
                mechanism: self.auth_mechanism()?,
                initial_response: self
                    .option(|g| Ok(Secret::new(Cow::Owned(g.literal_bytes(true)?))))?,
            },
            5 => CommandBody::Login {
                username: self.astring()?,
                password: Secret::new(self.astring()?),
            },
            6 => CommandBody::Select {
                mailbox: self.mailbox()?,
                parameters: self.parameters()?,
            },
            7 => CommandBody::Examine {
                mailbox: self.mailbox()?,
                parameters: self.parameters()?,
            },
            8 => CommandBody::Create {
                mailbox: self.mailbox()?,
                parameters: self.parameters()?,
            },
            9 => CommandBody::Delete {
                mailbox: self.mailbox()?,
            },
            10 => CommandBody::Rename {
                from: self.mailbox()?,
                to: self.mailbox()?,
                parameters: self.parameters()?,
            },
            11 => CommandBody::Subscribe {
                mailbox: self.mailbox()?,
            },
            12 => CommandBody::Unsubscribe {
                mailbox: self.mailbox()?,
            },
            13 => CommandBody::List {
                selection_options: self.option(|g| g.list(0, 3, Self::list_option))?,
                reference: self.mailbox()?,
                patterns: if self.bool()? {
                    ListPatterns::Single(self.list_mailbox()?)
                } else {
                    ListPatterns::List(self.vec1(3, Self::list_mailbox)?)
                },
                return_options: self.option(|g| g.list(0, 3, Self::list_option))?,
            },
            14 => CommandBody::Lsub {
                reference: self.mailbox()?,
                pattern: self.list_mailbox()?,
            },
            15 => CommandBody::Status {
                mailbox: self.mailbox()?,
                items: self.vec1(4, Self::status_att)?,
            },
            16 => CommandBody::Append {
                mailbox: self.mailbox()?,
                messages: self.append_messages()?,
            },
            17 => CommandBody::Check,
            18 => CommandBody::Close,
            19 => CommandBody::Expunge,
            20 => CommandBody::Search {
                return_options: self.option(|g| g.list(0, 3, Self::parameter))?,
                charset: self.option(Self::charset)?,
                criteria: self.vec1(3, |g| g.search_key(0))?,
                uid: self.bool()?,
            },
            21 => CommandBody::Fetch {
                sequence_set: self.sequence_set()?,
                items: self.fetch_items()?,
                modifiers: self.parameters()?,
                uid: self.bool()?,
            },
            22 => CommandBody::Store {
                sequence_set: self.sequence_set()?,
                modifiers: self.parameters()?,
                kind: *self.pick(&[StoreType::Replace, StoreType::Add, StoreType::Remove])?,
                response: *self.pick(&[StoreResponse::Answer, StoreResponse::Silent])?,
                flags: if self.bool()? {
                    StoreFlags::List(self.list(0, 4, Self::flag)?)
                } else {
                    StoreFlags::Bare(self.vec1(4, Self::flag)?)
                },
                uid: self.bool()?,
            },
            23 => CommandBody::Copy {
                sequence_set: self.sequence_set()?,
                mailbox: self.mailbox()?,
                uid: self.bool()?,
            },
            24 => CommandBody::Idle,
            _ => {
                let rest = self.chars_of(chars::is_atom_char, 1, 6)?;
                let x = if self.bool()? { "X" } else { "x" };
                CommandBody::X {
                    name: Atom::try_from(format!("{x}{rest}")).expect("atom"),
                    arguments: self.x_arguments()?,
                }
            }
        })
    }

    /// `command`
    pub fn command(&mut self) -> Result<Command<'static>> {
        Ok(Command {
            tag: self.tag()?,
            body: self.command_body()?,
        })
    }

    /// A line of the client during AUTHENTICATE.
    pub fn authenticate_data(&mut self) -> Result<AuthenticateData<'static>> {
        Ok(if self.choose(4)? == 0 {
            AuthenticateData::Cancel
        } else {
            AuthenticateData::Continue(Secret::new(Cow::Owned(self.literal_bytes(true)?)))
        })
    }

    // ---------------------------------------------------------------------------------------
    // Server messages
    // ---------------------------------------------------------------------------------------

    /// `greeting`
    pub fn greeting(&mut self) -> Result<Greeting<'static>> {
        Ok(Greeting {
            kind: *self.pick(&[GreetingKind::Ok, GreetingKind::PreAuth, GreetingKind::Bye])?,
            text: self.resp_text()?,
        })
    }

    /// A status response: tagged, untagged, or BYE.
    pub fn status(&mut self) -> Result<Status<'static>> {
        Ok(if self.choose(4)? == 0 {
            Status::Bye(self.resp_text()?)
        } else {
            Status::Cond {
                tag: self.option(Self::tag)?,
                kind: *self.pick(&[StatusKind::Ok, StatusKind::No, StatusKind::Bad])?,
                text: self.resp_text()?,
            }
        })
    }

    /// `mailbox-list`
    pub fn mailbox_list(&mut self) -> Result<MailboxList<'static>> {
        Ok(MailboxList {
            attributes: self.mailbox_attributes()?,
            delimiter: self.delimiter()?,
            mailbox: self.mailbox()?,
            extended: self
                .option(|g| g.list(0, 3, |g| Ok((g.astring()?, g.tagged_ext_value(0)?))))?,
        })
    }

    /// Untagged data of every kind.
    pub fn data(&mut self) -> Result<Data<'static>> {
        Ok(match self.choose(10)? {
            0 => Data::Capability(self.capabilities()?),
            1 => Data::List(self.mailbox_list()?),
            2 => Data::Lsub(self.mailbox_list()?),
            3 => Data::Status {
                mailbox: self.mailbox()?,
                items: self.list(0, 4, Self::status_att_val)?,
            },
            4 => {
                let numbers: Vec<_> = self.list(0, 5, Self::nz)?;
                // `MODSEQ` follows at least one number (RFC 7162).
                let mod_seq = if numbers.is_empty() {
                    None
                } else {
                    self.option(|g| g.u63(1))?
                };
                Data::Search { numbers, mod_seq }
            }
            5 => Data::Flags(self.list(0, 5, Self::flag)?),
            6 => Data::Exists(self.u32()?),
            7 => Data::Recent(self.u32()?),
            8 => Data::Expunge(self.nz()?),
            _ => Data::Fetch {
                seq: self.nz()?,
                items: self.vec1(4, Self::message_data_item)?,
            },
        })
    }

    /// `continue-req`: a text (through [`ContinueRequest::basic`]) or base64 data.
    pub fn continue_request(&mut self) -> Result<ContinueRequest<'static>> {
        if self.bool()? {
            return Ok(ContinueRequest::Base64(Cow::Owned(
                self.literal_bytes(true)?,
            )));
        }
        let code = self.option(Self::code)?;
        let text = self.text()?;
        match ContinueRequest::basic(code.clone(), text) {
            Ok(request) => Ok(request),
            // The text reads as base64: make it not, with a space (outside the base64 alphabet).
            Err(_) => Ok(ContinueRequest::basic(
                code,
                Text::try_from("ready for more".to_owned()).expect("text"),
            )
            .expect("not base64")),
        }
    }

    /// Any server response after the greeting.
    pub fn response(&mut self) -> Result<Response<'static>> {
        Ok(match self.choose(3)? {
            0 => Response::Status(self.status()?),
            1 => Response::Data(self.data()?),
            _ => Response::Continue(self.continue_request()?),
        })
    }
}

/// Conversions the generator needs beyond the public constructors.
trait Helpers: Sized {
    type Static;
    fn into_owned_static(self) -> Self::Static;
}

impl<T: imap_types::IntoStatic> Helpers for T {
    type Static = T::Static;
    fn into_owned_static(self) -> T::Static {
        self.into_static()
    }
}

/// `Vec1` from a vector the generator made non-empty.
trait Vec1Checked<T> {
    fn unvalidated_checked(items: Vec<T>) -> Vec1<T>;
}

impl<T> Vec1Checked<T> for Vec1<T> {
    fn unvalidated_checked(items: Vec<T>) -> Vec1<T> {
        Vec1::try_from(items).expect("generated lists are non-empty")
    }
}

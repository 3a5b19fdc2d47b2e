//! The core values of the IMAP grammar: atoms, tags, strings, literals, text and numbers.
//!
//! Every type here is constructed through a checked constructor (`TryFrom`) and can therefore
//! only hold a value that the grammar allows. Values borrow (`Cow`) where they can;
//! [`IntoStatic::into_static`] turns any of them into an owned `'static` value.
//!
//! The representation a string was written in (atom, quoted, literal with its mode) is part of
//! the value, so that a decoded message encodes back to the same bytes.

use alloc::{borrow::Cow, boxed::Box, string::String, vec::Vec};
use core::{fmt, num::NonZeroU32, ops::Deref};

/// Byte classes of the IMAP grammar, answered from one lookup table.
pub mod chars {
    const ATOM: u8 = 1;
    const ASTRING: u8 = 1 << 1;
    const TAG: u8 = 1 << 2;
    const TEXT: u8 = 1 << 3;
    const QUOTED: u8 = 1 << 4;
    const LIST: u8 = 1 << 5;
    const BASE64: u8 = 1 << 6;
    const DIGIT: u8 = 1 << 7;

    const fn class(b: u8) -> u8 {
        let is_char = b >= 0x01 && b <= 0x7f;
        let is_ctl = b <= 0x1f || b == 0x7f;
        let atom_special = matches!(
            b,
            b'(' | b')' | b'{' | b' ' | b'%' | b'*' | b'"' | b'\\' | b']'
        );
        let mut c = 0;
        let atom = is_char && !is_ctl && !atom_special;
        if atom {
            c |= ATOM | ASTRING | LIST;
            if b != b'+' {
                c |= TAG;
            }
        }
        if b == b']' {
            c |= ASTRING | TAG | LIST;
        }
        if b == b'%' || b == b'*' {
            c |= LIST;
        }
        // TEXT-CHAR is any CHAR except CR and LF; bytes >= 0x80 are admitted as parts of UTF-8
        // sequences (RFC 9051), whose well-formedness is checked separately.
        if (is_char && b != b'\r' && b != b'\n') || b >= 0x80 {
            c |= TEXT;
            if b != b'"' && b != b'\\' {
                c |= QUOTED;
            }
        }
        if b.is_ascii_alphanumeric() || b == b'+' || b == b'/' {
            c |= BASE64;
        }
        if b.is_ascii_digit() {
            c |= DIGIT;
        }
        c
    }

    const TABLE: [u8; 256] = {
        let mut t = [0u8; 256];
        let mut i = 0;
        while i < 256 {
            t[i] = class(i as u8);
            i += 1;
        }
        t
    };

    /// `ATOM-CHAR = <any CHAR except atom-specials>`
    #[inline(always)]
    pub const fn is_atom_char(b: u8) -> bool {
        TABLE[b as usize] & ATOM != 0
    }

    /// `ASTRING-CHAR = ATOM-CHAR / resp-specials`
    #[inline(always)]
    pub const fn is_astring_char(b: u8) -> bool {
        TABLE[b as usize] & ASTRING != 0
    }

    /// A byte of a `tag`: any `ASTRING-CHAR` except `+`.
    #[inline(always)]
    pub const fn is_tag_char(b: u8) -> bool {
        TABLE[b as usize] & TAG != 0
    }

    /// `TEXT-CHAR = <any CHAR except CR and LF>`, plus the bytes of UTF-8 sequences.
    #[inline(always)]
    pub fn is_text_char(b: u8) -> bool {
        TABLE[b as usize] & TEXT != 0
    }

    /// A byte that may stand unescaped in a `quoted` string.
    #[inline(always)]
    pub fn is_quoted_char(b: u8) -> bool {
        TABLE[b as usize] & QUOTED != 0
    }

    /// `list-char = ATOM-CHAR / list-wildcards / resp-specials`
    #[inline(always)]
    pub fn is_list_char(b: u8) -> bool {
        TABLE[b as usize] & LIST != 0
    }

    /// `base64-char = ALPHA / DIGIT / "+" / "/"`
    #[inline(always)]
    pub fn is_base64_char(b: u8) -> bool {
        TABLE[b as usize] & BASE64 != 0
    }

    /// `DIGIT = %x30-39`
    #[inline(always)]
    pub fn is_digit(b: u8) -> bool {
        TABLE[b as usize] & DIGIT != 0
    }

    /// The high bit of every byte of `word` that is not a digit (`DIGIT`), with no branch.
    ///
    /// Each byte xor `'0'` is below 10 exactly for a digit. Adding 0x76 to its low seven bits
    /// sets the high bit when they are 10 or more (the sum stays below 0x100: nothing carries
    /// into the next byte), and a byte with the high bit set is no digit either.
    #[inline(always)]
    pub fn non_digits(word: u64) -> u64 {
        const ONES: u64 = u64::from_le_bytes([1; 8]);
        let v = word ^ (ONES * u64::from(b'0'));
        (((v & (ONES * 0x7f)) + ONES * 0x76) | v) & (ONES * 0x80)
    }

    /// The number of digits (`DIGIT`) at the start of `bytes`.
    ///
    /// Eight bytes at a time as one word (see [`non_digits`]), with no branch per byte, so that
    /// where a number ends costs no hard-to-predict branch; a number of up to seven digits takes
    /// one word.
    #[inline(always)]
    pub fn digit_run(bytes: &[u8]) -> usize {
        let mut n = 0;
        while let Some(word) = bytes.get(n..).and_then(<[u8]>::first_chunk::<8>) {
            let not_digit = non_digits(u64::from_le_bytes(*word));
            if not_digit != 0 {
                return n + (not_digit.trailing_zeros() / 8) as usize;
            }
            n += 8;
        }
        n + bytes[n..]
            .iter()
            .position(|d| !d.is_ascii_digit())
            .unwrap_or(bytes.len() - n)
    }
}

/// Why a value could not be constructed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ValidationError {
    /// The value must not be empty.
    Empty,
    /// The byte at `position` is not allowed in this kind of value.
    InvalidByte {
        /// Offset of the byte in the value.
        position: usize,
        /// The offending byte.
        byte: u8,
    },
    /// The value is not valid UTF-8.
    InvalidUtf8,
    /// A number is out of the allowed range.
    OutOfRange,
    /// The value breaks a rule that is not about single bytes.
    Invalid(&'static str),
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("value must not be empty"),
            Self::InvalidByte { position, byte } => {
                write!(f, "byte 0x{byte:02x} at position {position} is not allowed")
            }
            Self::InvalidUtf8 => f.write_str("value is not valid UTF-8"),
            Self::OutOfRange => f.write_str("number is out of range"),
            Self::Invalid(why) => f.write_str(why),
        }
    }
}

impl core::error::Error for ValidationError {}

/// Checks that `value` is non-empty and that every byte satisfies `allowed`.
pub(crate) fn check_bytes(value: &[u8], allowed: fn(u8) -> bool) -> Result<(), ValidationError> {
    if value.is_empty() {
        return Err(ValidationError::Empty);
    }
    match value.iter().position(|&b| !allowed(b)) {
        Some(position) => Err(ValidationError::InvalidByte {
            position,
            byte: value[position],
        }),
        None => Ok(()),
    }
}

/// Conversion of a borrowing value into an owned `'static` one.
pub trait IntoStatic {
    /// The same type with every borrow replaced by an owned value.
    type Static: 'static;

    /// Copies every borrowed part, giving a value that no longer borrows from the input.
    fn into_static(self) -> Self::Static;
}

impl IntoStatic for Cow<'_, str> {
    type Static = Cow<'static, str>;
    fn into_static(self) -> Self::Static {
        Cow::Owned(self.into_owned())
    }
}

impl IntoStatic for Cow<'_, [u8]> {
    type Static = Cow<'static, [u8]>;
    fn into_static(self) -> Self::Static {
        Cow::Owned(self.into_owned())
    }
}

impl<T: IntoStatic> IntoStatic for Option<T> {
    type Static = Option<T::Static>;
    fn into_static(self) -> Self::Static {
        self.map(IntoStatic::into_static)
    }
}

impl<T: IntoStatic> IntoStatic for Vec<T> {
    type Static = Vec<T::Static>;
    fn into_static(self) -> Self::Static {
        self.into_iter().map(IntoStatic::into_static).collect()
    }
}

impl<T: IntoStatic> IntoStatic for Box<T> {
    type Static = Box<T::Static>;
    fn into_static(self) -> Self::Static {
        Box::new((*self).into_static())
    }
}

impl<A: IntoStatic, B: IntoStatic> IntoStatic for (A, B) {
    type Static = (A::Static, B::Static);
    fn into_static(self) -> Self::Static {
        (self.0.into_static(), self.1.into_static())
    }
}

macro_rules! static_copy {
    ($($t:ty),*) => {$(
        impl IntoStatic for $t {
            type Static = $t;
            fn into_static(self) -> Self::Static { self }
        }
    )*};
}
static_copy!(bool, u8, u32, u64, NonZeroU32, core::num::NonZeroU64);

/// Implements [`IntoStatic`] for a struct with a lifetime by converting each named field.
#[macro_export]
#[doc(hidden)]
macro_rules! impl_into_static_struct {
    ($name:ident { $($field:ident),* $(,)? }) => {
        impl $crate::core::IntoStatic for $name<'_> {
            type Static = $name<'static>;
            fn into_static(self) -> Self::Static {
                $name { $($field: $crate::core::IntoStatic::into_static(self.$field)),* }
            }
        }
    };
}

/// Implements [`IntoStatic`] for an enum whose variants each hold at most one value.
#[macro_export]
#[doc(hidden)]
macro_rules! impl_into_static_enum {
    ($name:ident { $($unit:ident),* $(,)? } { $($var:ident),* $(,)? }) => {
        impl $crate::core::IntoStatic for $name<'_> {
            type Static = $name<'static>;
            fn into_static(self) -> Self::Static {
                match self {
                    $($name::$unit => $name::$unit,)*
                    $($name::$var(v) => $name::$var($crate::core::IntoStatic::into_static(v)),)*
                }
            }
        }
    };
}

/// Defines a checked newtype over `Cow<'a, str>`.
macro_rules! str_type {
    ($(#[$doc:meta])* $name:ident, $check:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name<'a>(Cow<'a, str>);

        impl<'a> $name<'a> {
            /// Checks `value` and wraps it.
            pub fn new(value: impl Into<Cow<'a, str>>) -> Result<Self, ValidationError> {
                let value = value.into();
                let check: fn(&str) -> Result<(), ValidationError> = $check;
                check(&value)?;
                Ok(Self(value))
            }

            /// Wraps a value that the caller (the decoder) has already checked.
            #[doc(hidden)]
            pub fn unvalidated(value: impl Into<Cow<'a, str>>) -> Self {
                let value = value.into();
                debug_assert!(($check as fn(&str) -> Result<(), ValidationError>)(&value).is_ok());
                Self(value)
            }

            /// The value as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The inner `Cow`.
            pub fn into_inner(self) -> Cow<'a, str> {
                self.0
            }
        }

        impl<'a> TryFrom<&'a str> for $name<'a> {
            type Error = ValidationError;
            fn try_from(value: &'a str) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl TryFrom<String> for $name<'static> {
            type Error = ValidationError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                Self::new(value)
            }
        }

        impl AsRef<str> for $name<'_> {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Debug for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl fmt::Display for $name<'_> {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl IntoStatic for $name<'_> {
            type Static = $name<'static>;
            fn into_static(self) -> Self::Static {
                $name(self.0.into_static())
            }
        }
    };
}

str_type!(
    /// `atom = 1*ATOM-CHAR`
    ///
    /// ```
    /// # use imap_types::core::Atom;
    /// assert!(Atom::try_from("INBOX").is_ok());
    /// assert!(Atom::try_from("a b").is_err());
    /// ```
    Atom,
    |s| check_bytes(s.as_bytes(), chars::is_atom_char)
);

str_type!(
    /// `1*ASTRING-CHAR`: the atom form of an `astring`, which also admits `]`.
    AtomExt,
    |s| check_bytes(s.as_bytes(), chars::is_astring_char)
);

str_type!(
    /// `tag = 1*<any ASTRING-CHAR except "+">`
    Tag,
    |s| check_bytes(s.as_bytes(), chars::is_tag_char)
);

str_type!(
    /// The content of a `quoted` string (without quotes and escapes): any `TEXT-CHAR`
    /// (UTF-8 admitted, as in RFC 9051); may be empty.
    Quoted,
    |s| match s.bytes().position(|b| !chars::is_text_char(b)) {
        Some(position) => Err(ValidationError::InvalidByte {
            position,
            byte: s.as_bytes()[position],
        }),
        None => Ok(()),
    }
);

str_type!(
    /// `[text]` of `resp-text`, with `text = 1*(TEXT-CHAR / UTF8-2 / UTF8-3 / UTF8-4)`.
    ///
    /// It may be empty (RFC 9051 makes the text optional) and must not begin with `[`, which
    /// would read as the start of a response code.
    Text,
    |s| {
        if s.starts_with('[') {
            return Err(ValidationError::InvalidByte { position: 0, byte: b'[' });
        }
        match s.bytes().position(|b| !chars::is_text_char(b)) {
            Some(position) => Err(ValidationError::InvalidByte {
                position,
                byte: s.as_bytes()[position],
            }),
            None => Ok(()),
        }
    }
);

str_type!(
    /// `tagged-ext-label = tagged-label-fchar *tagged-label-char` (RFC 4466): the name of an
    /// extension parameter.
    TaggedLabel,
    |s| {
        check_bytes(s.as_bytes(), |b| {
            b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':')
        })?;
        match s.as_bytes()[0] {
            b if b.is_ascii_alphabetic() || matches!(b, b'-' | b'_' | b'.') => Ok(()),
            byte => Err(ValidationError::InvalidByte { position: 0, byte }),
        }
    }
);

impl<'a> From<Atom<'a>> for AtomExt<'a> {
    fn from(atom: Atom<'a>) -> Self {
        AtomExt(atom.0)
    }
}

/// Whether a literal needs a continuation request before its data (`{n}`) or not (`{n+}`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum LiteralMode {
    /// `{n}`: the client waits for the server's `+` before sending the data.
    #[default]
    Sync,
    /// `{n+}` (RFC 7888, LITERAL+ / LITERAL-): the data follows at once.
    NonSync,
}

impl IntoStatic for LiteralMode {
    type Static = LiteralMode;
    fn into_static(self) -> Self::Static {
        self
    }
}

/// `literal = "{" number64 ["+"] "}" CRLF *CHAR8`: bytes without NUL, with their mode.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Literal<'a> {
    data: Cow<'a, [u8]>,
    mode: LiteralMode,
}

impl<'a> Literal<'a> {
    /// Checks that `data` holds no NUL byte and wraps it as a synchronizing literal.
    pub fn new(data: impl Into<Cow<'a, [u8]>>) -> Result<Self, ValidationError> {
        let data = data.into();
        if let Some(position) = data.iter().position(|&b| b == 0) {
            return Err(ValidationError::InvalidByte { position, byte: 0 });
        }
        if u32::try_from(data.len()).is_err() {
            return Err(ValidationError::OutOfRange);
        }
        Ok(Self {
            data,
            mode: LiteralMode::Sync,
        })
    }

    /// Wraps bytes that the decoder has already checked.
    #[doc(hidden)]
    pub fn unvalidated(data: impl Into<Cow<'a, [u8]>>, mode: LiteralMode) -> Self {
        let data = data.into();
        debug_assert!(!data.contains(&0));
        Self { data, mode }
    }

    /// The same literal with another mode.
    pub fn with_mode(mut self, mode: LiteralMode) -> Self {
        self.mode = mode;
        self
    }

    /// The literal's bytes.
    pub fn data(&self) -> &[u8] {
        &self.data
    }

    /// The literal's mode.
    pub fn mode(&self) -> LiteralMode {
        self.mode
    }

    /// The inner bytes.
    pub fn into_inner(self) -> Cow<'a, [u8]> {
        self.data
    }
}

impl fmt::Debug for Literal<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Literal")
            .field("data", &crate::utils::EscapeBytes(&self.data))
            .field("mode", &self.mode)
            .finish()
    }
}

impl<'a> TryFrom<&'a [u8]> for Literal<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a [u8]) -> Result<Self, Self::Error> {
        Self::new(value)
    }
}

impl<'a> TryFrom<&'a str> for Literal<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        Self::new(value.as_bytes())
    }
}

impl IntoStatic for Literal<'_> {
    type Static = Literal<'static>;
    fn into_static(self) -> Self::Static {
        Literal {
            data: self.data.into_static(),
            mode: self.mode,
        }
    }
}

/// `literal8 = "~{" number64 ["+"] "}" CRLF *OCTET` (RFC 3516): any bytes, NUL included.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Literal8<'a> {
    /// The literal's bytes.
    pub data: Cow<'a, [u8]>,
    /// The literal's mode.
    pub mode: LiteralMode,
}

impl fmt::Debug for Literal8<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Literal8")
            .field("data", &crate::utils::EscapeBytes(&self.data))
            .field("mode", &self.mode)
            .finish()
    }
}

impl IntoStatic for Literal8<'_> {
    type Static = Literal8<'static>;
    fn into_static(self) -> Self::Static {
        Literal8 {
            data: self.data.into_static(),
            mode: self.mode,
        }
    }
}

/// `string = quoted / literal`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum IString<'a> {
    /// `quoted = DQUOTE *QUOTED-CHAR DQUOTE`
    Quoted(Quoted<'a>),
    /// `literal`
    Literal(Literal<'a>),
}

impl IString<'_> {
    /// The empty quoted string, `""`.
    pub const EMPTY: IString<'static> = IString::Quoted(Quoted(Cow::Borrowed("")));

    /// The string's content.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Quoted(q) => q.as_str().as_bytes(),
            Self::Literal(l) => l.data(),
        }
    }
}

impl_into_static_enum!(IString {} { Quoted, Literal });

impl<'a> TryFrom<&'a str> for IString<'a> {
    type Error = ValidationError;
    /// Quoted when every byte may be quoted and is ASCII (RFC 3501), else a literal.
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        if value
            .bytes()
            .all(|b| b.is_ascii() && chars::is_text_char(b))
        {
            Ok(Self::Quoted(Quoted(Cow::Borrowed(value))))
        } else {
            Ok(Self::Literal(Literal::new(value.as_bytes())?))
        }
    }
}

impl<'a> TryFrom<&'a [u8]> for IString<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a [u8]) -> Result<Self, Self::Error> {
        match core::str::from_utf8(value) {
            Ok(s) => Self::try_from(s),
            Err(_) => Ok(Self::Literal(Literal::new(value)?)),
        }
    }
}

/// `astring = 1*ASTRING-CHAR / string`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AString<'a> {
    /// The atom form.
    Atom(AtomExt<'a>),
    /// The string form.
    String(IString<'a>),
}

impl AString<'_> {
    /// The string's content.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Atom(a) => a.as_str().as_bytes(),
            Self::String(s) => s.as_bytes(),
        }
    }
}

impl_into_static_enum!(AString {} { Atom, String });

impl<'a> TryFrom<&'a str> for AString<'a> {
    type Error = ValidationError;
    /// The shortest form: an atom if possible, then quoted, then a literal.
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        if check_bytes(value.as_bytes(), chars::is_astring_char).is_ok() {
            Ok(Self::Atom(AtomExt(Cow::Borrowed(value))))
        } else {
            Ok(Self::String(IString::try_from(value)?))
        }
    }
}

impl<'a> TryFrom<&'a [u8]> for AString<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a [u8]) -> Result<Self, Self::Error> {
        match core::str::from_utf8(value) {
            Ok(s) => Self::try_from(s),
            Err(_) => Ok(Self::String(IString::Literal(Literal::new(value)?))),
        }
    }
}

/// `nstring = string / nil`
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct NString<'a>(pub Option<IString<'a>>);

impl NString<'_> {
    /// `NIL`
    pub const NIL: NString<'static> = NString(None);

    /// The string's content, `None` for `NIL`.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        self.0.as_ref().map(IString::as_bytes)
    }
}

impl<'a> TryFrom<&'a str> for NString<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        Ok(Self(Some(IString::try_from(value)?)))
    }
}

impl IntoStatic for NString<'_> {
    type Static = NString<'static>;
    fn into_static(self) -> Self::Static {
        NString(self.0.into_static())
    }
}

/// A charset name: `astring` in RFC 3501 (`charset = atom / quoted` in RFC 9051), kept in the
/// form it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Charset<'a>(pub AString<'a>);

impl<'a> TryFrom<&'a str> for Charset<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        Ok(Self(AString::try_from(value)?))
    }
}

impl IntoStatic for Charset<'_> {
    type Static = Charset<'static>;
    fn into_static(self) -> Self::Static {
        Charset(self.0.into_static())
    }
}

/// A non-empty list (`1*x` in the grammar).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Vec1<T>(Vec<T>);

impl<T> Vec1<T> {
    /// A list of one element.
    pub fn one(item: T) -> Self {
        Self(alloc::vec![item])
    }

    /// Wraps a vector the caller knows to be non-empty.
    #[doc(hidden)]
    pub fn unvalidated(items: Vec<T>) -> Self {
        debug_assert!(!items.is_empty());
        Self(items)
    }

    /// The elements.
    pub fn into_inner(self) -> Vec<T> {
        self.0
    }
}

impl<T> TryFrom<Vec<T>> for Vec1<T> {
    type Error = ValidationError;
    fn try_from(items: Vec<T>) -> Result<Self, Self::Error> {
        if items.is_empty() {
            Err(ValidationError::Empty)
        } else {
            Ok(Self(items))
        }
    }
}

impl<T> Deref for Vec1<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<T: IntoStatic> IntoStatic for Vec1<T> {
    type Static = Vec1<T::Static>;
    fn into_static(self) -> Self::Static {
        Vec1(self.0.into_static())
    }
}

/// A list that holds a single item inline, without allocating.
///
/// Some lists of the protocol most often hold one item: the flags of a message in a FETCH
/// response (`FLAGS (\Seen)`), the parameters of a body part (`("CHARSET" "utf-8")`), the
/// addresses of an envelope's `From`. This type spares them an allocation each; it reads like
/// a slice (`Deref<Target = [T]>`) and is built like a `Vec`.
///
/// Two lists are equal when their items are, whatever their representation.
///
/// ```
/// use imap_types::core::SmallList;
///
/// let mut list = SmallList::one(1);
/// list.push(2);
/// assert_eq!(list[..], [1, 2]);
/// assert_eq!(list, SmallList::from(vec![1, 2]));
/// assert_eq!(list.into_iter().sum::<i32>(), 3);
/// assert!(SmallList::<u8>::new().is_empty());
///
/// let items = SmallList::one(7).into_vec_with_capacity(8);
/// assert_eq!((items.as_slice(), items.capacity() >= 8), (&[7][..], true));
/// ```
#[derive(Clone)]
pub struct SmallList<T>(Items<T>);

/// The representation of a [`SmallList`]: an empty list is an empty `Many`.
#[derive(Clone)]
enum Items<T> {
    One(T),
    Many(Vec<T>),
}

impl<T> SmallList<T> {
    /// An empty list.
    pub const fn new() -> Self {
        Self(Items::Many(Vec::new()))
    }

    /// A list of one item (no allocation).
    pub const fn one(item: T) -> Self {
        Self(Items::One(item))
    }

    /// Appends an item.
    pub fn push(&mut self, item: T) {
        self.0 = match core::mem::replace(&mut self.0, Items::Many(Vec::new())) {
            Items::Many(items) if items.is_empty() => Items::One(item),
            Items::Many(mut items) => {
                items.push(item);
                Items::Many(items)
            }
            Items::One(first) => Items::Many(alloc::vec![first, item]),
        };
    }

    /// The items as a `Vec` with room for at least `capacity` items in all.
    pub fn into_vec_with_capacity(self, capacity: usize) -> Vec<T> {
        match self.0 {
            Items::One(item) => {
                let mut items = Vec::with_capacity(capacity.max(1));
                items.push(item);
                items
            }
            Items::Many(mut items) => {
                items.reserve(capacity.saturating_sub(items.len()));
                items
            }
        }
    }

    /// The items as a `Vec` (which allocates for a list of one item).
    pub fn into_vec(self) -> Vec<T> {
        match self.0 {
            Items::One(item) => alloc::vec![item],
            Items::Many(items) => items,
        }
    }
}

impl<T> Default for SmallList<T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<T> Deref for SmallList<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        match &self.0 {
            Items::One(item) => core::slice::from_ref(item),
            Items::Many(items) => items,
        }
    }
}

impl<T> core::ops::DerefMut for SmallList<T> {
    fn deref_mut(&mut self) -> &mut [T] {
        match &mut self.0 {
            Items::One(item) => core::slice::from_mut(item),
            Items::Many(items) => items,
        }
    }
}

impl<T> From<Vec<T>> for SmallList<T> {
    fn from(items: Vec<T>) -> Self {
        Self(Items::Many(items))
    }
}

impl<T> FromIterator<T> for SmallList<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut iter = iter.into_iter();
        match (iter.next(), iter.next()) {
            (None, _) => Self::new(),
            (Some(item), None) => Self::one(item),
            (Some(first), Some(second)) => {
                let mut items = alloc::vec![first, second];
                items.extend(iter);
                Self::from(items)
            }
        }
    }
}

impl<T> IntoIterator for SmallList<T> {
    type Item = T;
    /// The inline item, if any, then the allocated ones: no allocation for a list of one.
    type IntoIter = core::iter::Chain<core::option::IntoIter<T>, alloc::vec::IntoIter<T>>;
    fn into_iter(self) -> Self::IntoIter {
        let (one, many) = match self.0 {
            Items::One(item) => (Some(item), Vec::new()),
            Items::Many(items) => (None, items),
        };
        one.into_iter().chain(many)
    }
}

impl<'l, T> IntoIterator for &'l SmallList<T> {
    type Item = &'l T;
    type IntoIter = core::slice::Iter<'l, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: fmt::Debug> fmt::Debug for SmallList<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<T: PartialEq> PartialEq for SmallList<T> {
    fn eq(&self, other: &Self) -> bool {
        self[..] == other[..]
    }
}

impl<T: Eq> Eq for SmallList<T> {}

impl<T: core::hash::Hash> core::hash::Hash for SmallList<T> {
    fn hash<H: core::hash::Hasher>(&self, state: &mut H) {
        self[..].hash(state)
    }
}

impl<T: IntoStatic> IntoStatic for SmallList<T> {
    type Static = SmallList<T::Static>;
    fn into_static(self) -> Self::Static {
        SmallList(match self.0 {
            Items::One(item) => Items::One(item.into_static()),
            Items::Many(items) => Items::Many(items.into_static()),
        })
    }
}

/// A secret (a password, authentication data) whose `Debug` output is redacted.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Secret<T>(T);

impl<T> Secret<T> {
    /// Wraps a secret.
    pub fn new(inner: T) -> Self {
        Self(inner)
    }

    /// The secret, explicitly exposed.
    pub fn declassify(&self) -> &T {
        &self.0
    }

    /// The secret, explicitly unwrapped.
    pub fn into_declassified(self) -> T {
        self.0
    }
}

impl<T> fmt::Debug for Secret<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("/* REDACTED */")
    }
}

impl<T: IntoStatic> IntoStatic for Secret<T> {
    type Static = Secret<T::Static>;
    fn into_static(self) -> Self::Static {
        Secret(self.0.into_static())
    }
}

/// `tagged-ext-val` (RFC 4466): the value of an extension parameter.
///
/// `tagged-ext-val = tagged-ext-simple / "(" [tagged-ext-comp] ")"`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TaggedExtValue<'a> {
    /// `tagged-ext-simple = sequence-set / number / number64`
    Simple(TaggedExtSimple<'a>),
    /// `"(" [tagged-ext-comp] ")"`
    Comp(Vec<TaggedExtComp<'a>>),
}

impl_into_static_enum!(TaggedExtValue {} { Simple, Comp });

/// `tagged-ext-simple = sequence-set / number / number64`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TaggedExtSimple<'a> {
    /// A number (`number` or `number64`).
    Number(u64),
    /// A sequence set that is not a plain number.
    SequenceSet(crate::sequence::SequenceSet<'a>),
}

impl IntoStatic for TaggedExtSimple<'_> {
    type Static = TaggedExtSimple<'static>;
    fn into_static(self) -> Self::Static {
        match self {
            Self::Number(n) => TaggedExtSimple::Number(n),
            Self::SequenceSet(s) => TaggedExtSimple::SequenceSet(s.into_static()),
        }
    }
}

/// `tagged-ext-comp = astring / tagged-ext-comp *(SP tagged-ext-comp) / "(" tagged-ext-comp ")"`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TaggedExtComp<'a> {
    /// An `astring`.
    AString(AString<'a>),
    /// A parenthesized list of components.
    List(Vec1<TaggedExtComp<'a>>),
}

impl_into_static_enum!(TaggedExtComp {} { AString, List });

/// An extension parameter: a name with an optional `tagged-ext-val`.
///
/// This is the shape RFC 4466 gives to select/examine parameters, fetch and store modifiers,
/// search return options and create and rename parameters (`select-param = select-param-name
/// [SP select-param-value]`, and alike).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Parameter<'a> {
    /// The parameter's name.
    pub name: TaggedLabel<'a>,
    /// The value, if any.
    pub value: Option<TaggedExtValue<'a>>,
}

impl_into_static_struct!(Parameter { name, value });

/// `tagged-ext = tagged-ext-label SP tagged-ext-val` (RFC 4466): a labelled extension value,
/// as in `append-ext` and `append-data-ext`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TaggedExtension<'a> {
    /// The label.
    pub label: TaggedLabel<'a>,
    /// The value.
    pub value: TaggedExtValue<'a>,
}

impl_into_static_struct!(TaggedExtension { label, value });

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn digit_runs_of_every_length_and_byte() {
        for n in 0..20 {
            for b in 0..=255u8 {
                let mut bytes = alloc::vec![b'7'; n];
                bytes.push(b);
                bytes.extend_from_slice(b"123");
                let expected = n + usize::from(b.is_ascii_digit()) * 4;
                assert_eq!(chars::digit_run(&bytes), expected, "{bytes:?}");
            }
        }
    }

    #[test]
    fn string_types_check_their_bytes() {
        assert_eq!(Atom::try_from("INBOX").unwrap().as_str(), "INBOX");
        assert_eq!(Atom::try_from(""), Err(ValidationError::Empty));
        assert_eq!(
            Atom::try_from("a]b"),
            Err(ValidationError::InvalidByte {
                position: 1,
                byte: b']'
            })
        );
        assert!(AtomExt::try_from("a]b").is_ok());
        assert_eq!(
            Tag::try_from("A+1"),
            Err(ValidationError::InvalidByte {
                position: 1,
                byte: b'+'
            })
        );
        assert!(Quoted::try_from("").is_ok());
        assert!(Quoted::try_from("caf\u{e9} \"x\"").is_ok());
        assert_eq!(
            Quoted::try_from("a\rb"),
            Err(ValidationError::InvalidByte {
                position: 1,
                byte: b'\r'
            })
        );
        assert!(Text::try_from("").is_ok());
        assert_eq!(
            Text::try_from("[x"),
            Err(ValidationError::InvalidByte {
                position: 0,
                byte: b'['
            })
        );
        assert!(TaggedLabel::try_from("X-ab:1").is_ok());
        assert_eq!(
            TaggedLabel::try_from("1ab"),
            Err(ValidationError::InvalidByte {
                position: 0,
                byte: b'1'
            })
        );
    }

    #[test]
    fn literals_refuse_nul_but_literal8_holds_it() {
        assert_eq!(
            Literal::try_from(&b"a\0"[..]),
            Err(ValidationError::InvalidByte {
                position: 1,
                byte: 0
            })
        );
        let literal = Literal::try_from("x")
            .unwrap()
            .with_mode(LiteralMode::NonSync);
        assert_eq!(
            (literal.data(), literal.mode()),
            (&b"x"[..], LiteralMode::NonSync)
        );
        let literal8 = Literal8 {
            data: Cow::Borrowed(b"\0"),
            mode: LiteralMode::Sync,
        };
        assert_eq!(literal8.into_static().data.as_ref(), b"\0");
    }

    #[test]
    fn strings_built_in_code_take_the_shortest_form() {
        assert!(matches!(
            AString::try_from("abc").unwrap(),
            AString::Atom(_)
        ));
        assert!(matches!(
            AString::try_from("a b").unwrap(),
            AString::String(IString::Quoted(_))
        ));
        assert!(matches!(
            AString::try_from("caf\u{e9}").unwrap(),
            AString::String(IString::Literal(_))
        ));
        assert!(matches!(
            AString::try_from(&b"\xff"[..]).unwrap(),
            AString::String(IString::Literal(_))
        ));
        assert_eq!(AString::try_from("").unwrap().as_bytes(), b"");
        assert!(matches!(
            Charset::try_from("UTF-8").unwrap().0,
            AString::Atom(_)
        ));
        assert_eq!(NString::try_from("x").unwrap().as_bytes(), Some(&b"x"[..]));
        assert_eq!(NString::NIL.as_bytes(), None);
    }

    #[test]
    fn secrets_are_redacted_and_vec1_is_never_empty() {
        let secret = Secret::new(AString::try_from("hunter2").unwrap());
        assert_eq!(alloc::format!("{secret:?}"), "/* REDACTED */");
        assert_eq!(secret.declassify().as_bytes(), b"hunter2");
        assert_eq!(
            Vec1::<u8>::try_from(alloc::vec![]),
            Err(ValidationError::Empty)
        );
        assert_eq!(&*Vec1::one(7u8), &[7]);
    }

    #[test]
    fn small_lists_keep_one_item_inline_and_compare_by_items() {
        use core::hash::BuildHasher;

        let mut list = SmallList::new();
        assert!(matches!(list.0, Items::Many(ref items) if items.capacity() == 0));
        list.push('a');
        assert!(matches!(list.0, Items::One('a')));
        list.push('b');
        list.push('c');
        assert!(matches!(list.0, Items::Many(ref items) if items[..] == ['a', 'b', 'c']));
        assert_eq!(list[..], ['a', 'b', 'c']);

        // The same items in either representation are equal and hash alike.
        let one = SmallList::one('x');
        let many = SmallList::from(alloc::vec!['x']);
        assert_eq!(one, many);
        assert_eq!(
            RandomlessHasher.hash_one(&one),
            RandomlessHasher.hash_one(&many)
        );
        assert_ne!(one, SmallList::new());
        assert_eq!(alloc::format!("{one:?}"), "['x']");

        let mut collected: SmallList<u8> = (1..=1).collect();
        assert!(matches!(collected.0, Items::One(1)));
        collected[0] = 9;
        assert_eq!(collected.into_vec(), [9]);
        let collected: SmallList<u8> = (1..=3).collect();
        assert_eq!(collected.iter().copied().collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(collected.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
        assert!((0..0).collect::<SmallList<u8>>().is_empty());
    }

    /// A fixed-key hasher for the tests of hashing (no `std`).
    pub(crate) struct RandomlessHasher;

    impl core::hash::BuildHasher for RandomlessHasher {
        type Hasher = Fnv;
        fn build_hasher(&self) -> Fnv {
            Fnv(0xcbf2_9ce4_8422_2325)
        }
    }

    pub(crate) struct Fnv(u64);

    impl core::hash::Hasher for Fnv {
        fn finish(&self) -> u64 {
            self.0
        }
        fn write(&mut self, bytes: &[u8]) {
            for &b in bytes {
                self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x100_0000_01b3);
            }
        }
    }

    #[test]
    fn byte_classes_follow_the_grammar() {
        assert!(chars::is_atom_char(b'a') && !chars::is_atom_char(b']'));
        assert!(chars::is_astring_char(b']') && !chars::is_astring_char(b'{'));
        assert!(!chars::is_tag_char(b'+') && chars::is_tag_char(b']'));
        assert!(chars::is_list_char(b'%') && chars::is_list_char(b'*'));
        assert!(chars::is_text_char(0xc3) && !chars::is_text_char(b'\n'));
        assert!(!chars::is_quoted_char(b'"') && !chars::is_quoted_char(b'\\'));
        assert!(chars::is_base64_char(b'/') && !chars::is_base64_char(b'='));
        assert!((0..=255u8).filter(|&b| chars::is_digit(b)).eq(b'0'..=b'9'));
    }
}

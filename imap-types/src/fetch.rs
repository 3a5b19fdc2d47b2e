//! FETCH: the attributes a client asks for, the sections of a message, and the data items a
//! server returns.

use alloc::{borrow::Cow, boxed::Box, vec::Vec};
use core::{
    fmt,
    hash::{Hash, Hasher},
    num::NonZeroU32,
    ops::Deref,
};

use crate::{
    body::BodyStructure,
    core::{AString, IntoStatic, Literal8, NString, SmallList, ValidationError, Vec1},
    datetime::DateTime,
    envelope::Envelope,
    flag::FlagFetch,
};

/// What FETCH asks for: `"ALL" / "FULL" / "FAST" / fetch-att / "(" fetch-att *(SP fetch-att) ")"`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FetchItems<'a> {
    /// A macro.
    Macro(Macro),
    /// One attribute, written without parentheses.
    Single(FetchAttribute<'a>),
    /// Attributes in parentheses (possibly just one).
    List(Vec1<FetchAttribute<'a>>),
}

crate::impl_into_static_enum!(FetchItems {} { Macro, Single, List });

/// The FETCH macros.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Macro {
    /// `ALL`: `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE)`
    All,
    /// `FAST`: `(FLAGS INTERNALDATE RFC822.SIZE)`
    Fast,
    /// `FULL`: `(FLAGS INTERNALDATE RFC822.SIZE ENVELOPE BODY)`
    Full,
}

impl IntoStatic for Macro {
    type Static = Macro;
    fn into_static(self) -> Self::Static {
        self
    }
}

/// `fetch-att`, with `BINARY` (RFC 3516), `MODSEQ` (RFC 7162), `EMAILID`/`THREADID`
/// (RFC 8474), `SAVEDATE` (RFC 8514) and `PREVIEW` (RFC 8970).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FetchAttribute<'a> {
    /// `ENVELOPE`
    Envelope,
    /// `FLAGS`
    Flags,
    /// `INTERNALDATE`
    InternalDate,
    /// `RFC822`
    Rfc822,
    /// `RFC822.HEADER`
    Rfc822Header,
    /// `RFC822.SIZE`
    Rfc822Size,
    /// `RFC822.TEXT`
    Rfc822Text,
    /// `BODY`
    Body,
    /// `BODYSTRUCTURE`
    BodyStructure,
    /// `UID`
    Uid,
    /// `"BODY" section ["<" number "." nz-number ">"]` and its `BODY.PEEK` form.
    BodyExt {
        /// The section; `None` for `[]`.
        section: Option<Section<'a>>,
        /// `<offset.length>`
        partial: Option<(u32, NonZeroU32)>,
        /// `BODY.PEEK`: do not set `\Seen`.
        peek: bool,
    },
    /// `"BINARY" [".PEEK"] section-binary [partial]` (RFC 3516)
    Binary {
        /// `section-binary = "[" [section-part] "]"`
        section: Vec<NonZeroU32>,
        /// `<offset.length>`
        partial: Option<(u32, NonZeroU32)>,
        /// `BINARY.PEEK`
        peek: bool,
    },
    /// `"BINARY.SIZE" section-binary` (RFC 3516)
    BinarySize {
        /// `section-binary`
        section: Vec<NonZeroU32>,
    },
    /// `MODSEQ` (RFC 7162)
    ModSeq,
    /// `EMAILID` (RFC 8474)
    EmailId,
    /// `THREADID` (RFC 8474)
    ThreadId,
    /// `SAVEDATE` (RFC 8514)
    SaveDate,
    /// `PREVIEW` (RFC 8970), `lazy` for `PREVIEW (LAZY)`.
    Preview {
        /// `(LAZY)`
        lazy: bool,
    },
}

impl IntoStatic for FetchAttribute<'_> {
    type Static = FetchAttribute<'static>;
    fn into_static(self) -> Self::Static {
        use FetchAttribute::*;
        match self {
            Envelope => Envelope,
            Flags => Flags,
            InternalDate => InternalDate,
            Rfc822 => Rfc822,
            Rfc822Header => Rfc822Header,
            Rfc822Size => Rfc822Size,
            Rfc822Text => Rfc822Text,
            Body => Body,
            BodyStructure => BodyStructure,
            Uid => Uid,
            BodyExt {
                section,
                partial,
                peek,
            } => BodyExt {
                section: section.into_static(),
                partial,
                peek,
            },
            Binary {
                section,
                partial,
                peek,
            } => Binary {
                section,
                partial,
                peek,
            },
            BinarySize { section } => BinarySize { section },
            ModSeq => ModSeq,
            EmailId => EmailId,
            ThreadId => ThreadId,
            SaveDate => SaveDate,
            Preview { lazy } => Preview { lazy },
        }
    }
}

/// `section-part = nz-number *("." nz-number)`: the path of a body part, such as `1.2.3`.
///
/// A path of up to [`Part::INLINE`] numbers (the parts of nearly every message) is kept in
/// the value itself, so that a section costs no allocation; a deeper path is kept on the heap.
/// Two paths are equal when their numbers are.
///
/// ```
/// # use core::num::NonZeroU32;
/// # use imap_types::fetch::Part;
/// let n = |n| NonZeroU32::new(n).unwrap();
/// let mut part = Part::one(n(1));
/// part.push(n(2));
/// assert_eq!(&part[..], [n(1), n(2)]);
/// assert_eq!(part, Part::try_from(vec![n(1), n(2)]).unwrap());
/// assert!(Part::try_from(vec![]).is_err());
/// ```
#[derive(Clone)]
pub struct Part(PartNumbers);

#[derive(Clone)]
enum PartNumbers {
    /// The first `len` of `numbers`; the others repeat the first number and mean nothing.
    Inline {
        len: u8,
        numbers: [NonZeroU32; Part::INLINE],
    },
    /// More than [`Part::INLINE`] numbers.
    Heap(Vec<NonZeroU32>),
}

impl Part {
    /// How many numbers a path holds without allocating.
    pub const INLINE: usize = 3;

    /// The path of one number: a part of the message itself.
    pub fn one(number: NonZeroU32) -> Self {
        Self(PartNumbers::Inline {
            len: 1,
            numbers: [number; Self::INLINE],
        })
    }

    /// Appends a number: the path of a part nested in this one.
    pub fn push(&mut self, number: NonZeroU32) {
        match &mut self.0 {
            PartNumbers::Inline { len, numbers } => match numbers.get_mut(usize::from(*len)) {
                Some(slot) => {
                    *slot = number;
                    *len += 1;
                }
                None => {
                    let mut heap = Vec::with_capacity(2 * Self::INLINE);
                    heap.extend_from_slice(numbers);
                    heap.push(number);
                    self.0 = PartNumbers::Heap(heap);
                }
            },
            PartNumbers::Heap(heap) => heap.push(number),
        }
    }
}

impl Deref for Part {
    type Target = [NonZeroU32];
    fn deref(&self) -> &[NonZeroU32] {
        match &self.0 {
            PartNumbers::Inline { len, numbers } => &numbers[..usize::from(*len)],
            PartNumbers::Heap(heap) => heap,
        }
    }
}

impl From<Vec1<NonZeroU32>> for Part {
    fn from(numbers: Vec1<NonZeroU32>) -> Self {
        let numbers = numbers.into_inner();
        match numbers.split_first() {
            Some((&first, rest)) if rest.len() < Self::INLINE => {
                let mut part = Self::one(first);
                rest.iter().for_each(|&n| part.push(n));
                part
            }
            _ => Self(PartNumbers::Heap(numbers)),
        }
    }
}

impl TryFrom<Vec<NonZeroU32>> for Part {
    type Error = ValidationError;
    /// Fails for an empty path.
    fn try_from(numbers: Vec<NonZeroU32>) -> Result<Self, Self::Error> {
        Ok(Self::from(Vec1::try_from(numbers)?))
    }
}

impl PartialEq for Part {
    fn eq(&self, other: &Self) -> bool {
        self[..] == other[..]
    }
}

impl Eq for Part {}

impl Hash for Part {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self[..].hash(state);
    }
}

impl fmt::Debug for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Part").field(&&self[..]).finish()
    }
}

impl IntoStatic for Part {
    type Static = Part;
    fn into_static(self) -> Self::Static {
        self
    }
}

/// `section-spec = section-msgtext / (section-part ["." section-text])`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Section<'a> {
    /// `section-part` alone: the body of a part.
    Part(Part),
    /// `[part "."] "HEADER"`
    Header(Option<Part>),
    /// `[part "."] "HEADER.FIELDS" SP header-list`
    HeaderFields(Option<Part>, Vec1<AString<'a>>),
    /// `[part "."] "HEADER.FIELDS.NOT" SP header-list`
    HeaderFieldsNot(Option<Part>, Vec1<AString<'a>>),
    /// `[part "."] "TEXT"`
    Text(Option<Part>),
    /// `part "." "MIME"`
    Mime(Part),
}

impl IntoStatic for Section<'_> {
    type Static = Section<'static>;
    fn into_static(self) -> Self::Static {
        match self {
            Self::Part(p) => Section::Part(p),
            Self::Header(p) => Section::Header(p),
            Self::HeaderFields(p, l) => Section::HeaderFields(p, l.into_static()),
            Self::HeaderFieldsNot(p, l) => Section::HeaderFieldsNot(p, l.into_static()),
            Self::Text(p) => Section::Text(p),
            Self::Mime(p) => Section::Mime(p),
        }
    }
}

/// One item of a FETCH response (`msg-att-dynamic / msg-att-static`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum MessageDataItem<'a> {
    /// `"FLAGS" SP "(" [flag-fetch *(SP flag-fetch)] ")"`
    Flags(SmallList<FlagFetch<'a>>),
    /// `"ENVELOPE" SP envelope` (boxed, as are body structures, so that every item is small)
    Envelope(Box<Envelope<'a>>),
    /// `"INTERNALDATE" SP date-time`
    InternalDate(DateTime),
    /// `"RFC822" SP nstring`
    Rfc822(NString<'a>),
    /// `"RFC822.HEADER" SP nstring`
    Rfc822Header(NString<'a>),
    /// `"RFC822.TEXT" SP nstring`
    Rfc822Text(NString<'a>),
    /// `"RFC822.SIZE" SP number`
    Rfc822Size(u32),
    /// `"BODY" SP body`
    Body(Box<BodyStructure<'a>>),
    /// `"BODYSTRUCTURE" SP body`
    BodyStructure(Box<BodyStructure<'a>>),
    /// `"BODY" section ["<" number ">"] SP nstring`
    BodyExt {
        /// The section; `None` for `[]`.
        section: Option<Section<'a>>,
        /// `<origin>`
        origin: Option<u32>,
        /// The data.
        data: NString<'a>,
    },
    /// `"UID" SP uniqueid`
    Uid(NonZeroU32),
    /// `"BINARY" section-binary ["<" number ">"] SP (nstring / literal8)` (RFC 3516; the
    /// origin is in the prose of RFC 9051 section 7.5.2, not in its grammar)
    Binary {
        /// `section-binary`
        section: Vec<NonZeroU32>,
        /// `<origin>`
        origin: Option<u32>,
        /// The data.
        value: BinaryValue<'a>,
    },
    /// `"BINARY.SIZE" section-binary SP number` (RFC 3516)
    BinarySize {
        /// `section-binary`
        section: Vec<NonZeroU32>,
        /// The decoded size.
        size: u32,
    },
    /// `"MODSEQ" SP "(" permsg-modsequence ")"` (RFC 7162)
    ModSeq(u64),
    /// `"EMAILID" SP "(" objectid ")"` (RFC 8474)
    EmailId(Cow<'a, str>),
    /// `"THREADID" SP ("(" objectid ")" / nil)` (RFC 8474)
    ThreadId(Option<Cow<'a, str>>),
    /// `"SAVEDATE" SP (date-time / nil)` (RFC 8514)
    SaveDate(Option<DateTime>),
    /// `"PREVIEW" SP nstring` (RFC 8970)
    Preview(NString<'a>),
}

impl IntoStatic for MessageDataItem<'_> {
    type Static = MessageDataItem<'static>;
    fn into_static(self) -> Self::Static {
        use MessageDataItem::*;
        match self {
            Flags(v) => Flags(v.into_static()),
            Envelope(v) => Envelope(v.into_static()),
            InternalDate(v) => InternalDate(v),
            Rfc822(v) => Rfc822(v.into_static()),
            Rfc822Header(v) => Rfc822Header(v.into_static()),
            Rfc822Text(v) => Rfc822Text(v.into_static()),
            Rfc822Size(v) => Rfc822Size(v),
            Body(v) => Body(v.into_static()),
            BodyStructure(v) => BodyStructure(v.into_static()),
            BodyExt {
                section,
                origin,
                data,
            } => BodyExt {
                section: section.into_static(),
                origin,
                data: data.into_static(),
            },
            Uid(v) => Uid(v),
            Binary {
                section,
                origin,
                value,
            } => Binary {
                section,
                origin,
                value: value.into_static(),
            },
            BinarySize { section, size } => BinarySize { section, size },
            ModSeq(v) => ModSeq(v),
            EmailId(v) => EmailId(v.into_static()),
            ThreadId(v) => ThreadId(v.into_static()),
            SaveDate(v) => SaveDate(v),
            Preview(v) => Preview(v.into_static()),
        }
    }
}

/// The data of a `BINARY` item: `nstring / literal8`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BinaryValue<'a> {
    /// `nstring`
    NString(NString<'a>),
    /// `literal8`
    Literal8(Literal8<'a>),
}

crate::impl_into_static_enum!(BinaryValue {} { NString, Literal8 });

#[cfg(test)]
mod tests {
    use core::hash::BuildHasher;

    use super::*;
    use crate::core::tests::RandomlessHasher;

    fn n(n: u32) -> NonZeroU32 {
        NonZeroU32::new(n).unwrap()
    }

    #[test]
    fn parts_keep_short_paths_inline_and_compare_by_numbers() {
        let mut part = Part::one(n(1));
        for i in 2..=Part::INLINE as u32 {
            part.push(n(i));
        }
        assert!(
            matches!(part.0, PartNumbers::Inline { len, .. } if usize::from(len) == Part::INLINE)
        );
        assert_eq!(part[..], [n(1), n(2), n(3)]);
        part.push(n(4));
        assert!(matches!(part.0, PartNumbers::Heap(ref heap) if heap[..] == part[..]));
        assert_eq!(part[..], [n(1), n(2), n(3), n(4)]);
        part.push(n(5));
        part.push(n(6));
        assert_eq!(part.len(), 6);

        // A path from a vector is inline when it is short enough, whatever the vector was.
        let short = Part::try_from(alloc::vec![n(3), n(1)]).unwrap();
        assert!(matches!(short.0, PartNumbers::Inline { len: 2, .. }));
        let long = Part::try_from((1..=6).map(n).collect::<Vec<_>>()).unwrap();
        assert!(matches!(long.0, PartNumbers::Heap(_)));
        assert_eq!(long, part);
        assert_eq!(Part::try_from(Vec::new()), Err(ValidationError::Empty));

        // Equal numbers are equal paths that hash alike, however they are kept.
        let heap = Part(PartNumbers::Heap(alloc::vec![n(3), n(1)]));
        assert_eq!(heap, short);
        assert_eq!(
            RandomlessHasher.hash_one(&heap),
            RandomlessHasher.hash_one(&short)
        );
        assert_ne!(short, Part::one(n(3)));
        assert_eq!(alloc::format!("{short:?}"), "Part([3, 1])");
    }
}

//! Body structures (FETCH BODY and BODYSTRUCTURE): single parts, multiparts, nested
//! message/rfc822, and every extension field.
//!
//! Invariant kept by the decoder and expected of hand-built values: a [`SpecificFields::Basic`]
//! part never has the media type `TEXT`, nor `MESSAGE/RFC822` (or `MESSAGE/GLOBAL`), since those
//! are written with the fields of [`SpecificFields::Text`] and [`SpecificFields::Message`].

use alloc::{boxed::Box, vec::Vec};

use crate::{
    core::{IString, IntoStatic, NString, SmallList, Vec1},
    envelope::Envelope,
};

/// `body = "(" (body-type-1part / body-type-mpart) ")"`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BodyStructure<'a> {
    /// `body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]`
    Single {
        /// The part's fields.
        body: Body<'a>,
        /// `body-ext-1part`, if the server sent it.
        extension: Option<SinglePartExtension<'a>>,
    },
    /// `body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]`
    Multi {
        /// The parts.
        bodies: Vec1<BodyStructure<'a>>,
        /// `media-subtype = string`, e.g. `"MIXED"`.
        subtype: IString<'a>,
        /// `body-ext-mpart`, if the server sent it.
        extension: Option<MultiPartExtension<'a>>,
    },
}

impl IntoStatic for BodyStructure<'_> {
    type Static = BodyStructure<'static>;
    fn into_static(self) -> Self::Static {
        match self {
            Self::Single { body, extension } => BodyStructure::Single {
                body: body.into_static(),
                extension: extension.into_static(),
            },
            Self::Multi {
                bodies,
                subtype,
                extension,
            } => BodyStructure::Multi {
                bodies: bodies.into_static(),
                subtype: subtype.into_static(),
                extension: extension.into_static(),
            },
        }
    }
}

/// The fields of a single part.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Body<'a> {
    /// `body-fields`, common to every kind of part.
    pub basic: BasicFields<'a>,
    /// The media type and what it adds.
    pub specific: SpecificFields<'a>,
}

crate::impl_into_static_struct!(Body { basic, specific });

/// `body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP
/// body-fld-octets`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BasicFields<'a> {
    /// `body-fld-param = "(" string SP string *(SP string SP string) ")" / nil`; empty for `NIL`.
    pub parameter_list: SmallList<(IString<'a>, IString<'a>)>,
    /// `body-fld-id = nstring`
    pub id: NString<'a>,
    /// `body-fld-desc = nstring`
    pub description: NString<'a>,
    /// `body-fld-enc = string` (`"7BIT"`, `"BASE64"`, ...)
    pub content_transfer_encoding: IString<'a>,
    /// `body-fld-octets = number`
    pub size: u32,
}

crate::impl_into_static_struct!(BasicFields {
    parameter_list,
    id,
    description,
    content_transfer_encoding,
    size
});

/// The media type of a single part, with the fields that depend on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SpecificFields<'a> {
    /// `body-type-basic = media-basic SP body-fields`
    Basic {
        /// The media type, e.g. `"APPLICATION"`.
        r#type: IString<'a>,
        /// `media-subtype = string`
        subtype: IString<'a>,
    },
    /// `body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines`
    Message {
        /// The media type as written (`"MESSAGE"`).
        r#type: IString<'a>,
        /// The subtype as written (`"RFC822"`, or `"GLOBAL"` in RFC 9051).
        subtype: IString<'a>,
        /// The envelope of the enclosed message.
        envelope: Box<Envelope<'a>>,
        /// The body structure of the enclosed message.
        body_structure: Box<BodyStructure<'a>>,
        /// `body-fld-lines = number`
        number_of_lines: u32,
    },
    /// `body-type-text = media-text SP body-fields SP body-fld-lines`
    Text {
        /// The media type as written (`"TEXT"`).
        r#type: IString<'a>,
        /// `media-subtype = string`, e.g. `"PLAIN"`.
        subtype: IString<'a>,
        /// `body-fld-lines = number`
        number_of_lines: u32,
    },
}

impl IntoStatic for SpecificFields<'_> {
    type Static = SpecificFields<'static>;
    fn into_static(self) -> Self::Static {
        match self {
            Self::Basic { r#type, subtype } => SpecificFields::Basic {
                r#type: r#type.into_static(),
                subtype: subtype.into_static(),
            },
            Self::Message {
                r#type,
                subtype,
                envelope,
                body_structure,
                number_of_lines,
            } => SpecificFields::Message {
                r#type: r#type.into_static(),
                subtype: subtype.into_static(),
                envelope: envelope.into_static(),
                body_structure: body_structure.into_static(),
                number_of_lines,
            },
            Self::Text {
                r#type,
                subtype,
                number_of_lines,
            } => SpecificFields::Text {
                r#type: r#type.into_static(),
                subtype: subtype.into_static(),
                number_of_lines,
            },
        }
    }
}

/// `body-ext-1part = body-fld-md5 [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc
/// *(SP body-extension)]]]`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SinglePartExtension<'a> {
    /// `body-fld-md5 = nstring`
    pub md5: NString<'a>,
    /// The fields that follow, if sent.
    pub tail: Option<Disposition<'a>>,
}

crate::impl_into_static_struct!(SinglePartExtension { md5, tail });

/// `body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc
/// *(SP body-extension)]]]`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MultiPartExtension<'a> {
    /// `body-fld-param`; empty for `NIL`.
    pub parameter_list: SmallList<(IString<'a>, IString<'a>)>,
    /// The fields that follow, if sent.
    pub tail: Option<Disposition<'a>>,
}

crate::impl_into_static_struct!(MultiPartExtension {
    parameter_list,
    tail
});

/// `body-fld-dsp = "(" string SP body-fld-param ")" / nil`, and the fields after it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Disposition<'a> {
    /// The disposition type and its parameters; `None` for `NIL`.
    pub disposition: Option<(IString<'a>, SmallList<(IString<'a>, IString<'a>)>)>,
    /// The fields that follow, if sent.
    pub tail: Option<Language<'a>>,
}

crate::impl_into_static_struct!(Disposition { disposition, tail });

/// `body-fld-lang = nstring / "(" string *(SP string) ")"`, and the fields after it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Language<'a> {
    /// The languages.
    pub language: BodyLanguage<'a>,
    /// The fields that follow, if sent.
    pub tail: Option<Location<'a>>,
}

crate::impl_into_static_struct!(Language { language, tail });

/// `body-fld-lang`, in the form it was written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BodyLanguage<'a> {
    /// `nstring`
    Single(NString<'a>),
    /// `"(" string *(SP string) ")"`
    List(Vec1<IString<'a>>),
}

crate::impl_into_static_enum!(BodyLanguage {} { Single, List });

/// `body-fld-loc *(SP body-extension)`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Location<'a> {
    /// `body-fld-loc = nstring`
    pub location: NString<'a>,
    /// Future extension data.
    pub extensions: Vec<BodyExtension<'a>>,
}

crate::impl_into_static_struct!(Location {
    location,
    extensions
});

/// `body-extension = nstring / number / number64 / "(" body-extension *(SP body-extension) ")"`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum BodyExtension<'a> {
    /// `nstring`
    NString(NString<'a>),
    /// `number / number64` (below 2^63, RFC 9051)
    Number(u64),
    /// A parenthesized list.
    List(Vec1<BodyExtension<'a>>),
}

crate::impl_into_static_enum!(BodyExtension {} { NString, Number, List });

//! Body structures.
//!
//! The grammar of RFC 3501 section 9 (with `MESSAGE/GLOBAL` and `number64` extension values
//! of RFC 9051). The kind of a single part is told by its media type: `TEXT` parts carry a
//! line count, `MESSAGE/RFC822` and `MESSAGE/GLOBAL` parts carry the envelope, body structure
//! and line count of the enclosed message, every other type is basic. Every nested `body` and
//! every parenthesized `body-extension` goes one level deeper through `Parser::nested`.

use alloc::{boxed::Box, vec::Vec};

use imap_types::{
    body::{
        BasicFields, Body, BodyExtension, BodyLanguage, BodyStructure, Disposition, Language,
        Location, MultiPartExtension, SinglePartExtension, SpecificFields,
    },
    core::{IString, NString, SmallList, Vec1},
};

use crate::{
    decode::{PResult, Parser, SP, fill, fill_some},
    encode::{Encode, Encoder},
};

/// `body-fld-param` as the types hold it: `(attribute, value)` pairs, empty for `NIL`.
type Params<'a> = SmallList<(IString<'a>, IString<'a>)>;

/// A single part with empty fields: what a body structure is read into (see
/// [`Parser::body_into`]).
const EMPTY_PART: BodyStructure<'static> = BodyStructure::Single {
    body: Body {
        basic: BasicFields {
            parameter_list: SmallList::new(),
            id: NString::NIL,
            description: NString::NIL,
            content_transfer_encoding: IString::EMPTY,
            size: 0,
        },
        specific: SpecificFields::Basic {
            r#type: IString::EMPTY,
            subtype: IString::EMPTY,
        },
    },
    extension: None,
};

impl<'a> Parser<'a> {
    /// `body`, boxed (as the types hold a body structure).
    pub(crate) fn boxed_body(&mut self) -> PResult<Box<BodyStructure<'a>>> {
        self.utf8_ahead();
        let mut body = Box::write(Box::new_uninit(), EMPTY_PART);
        self.body_into(&mut body)?;
        Ok(body)
    }

    /// `body = "(" (body-type-1part / body-type-mpart) ")"` (recursion bounded by the depth
    /// limit), read into `body`.
    ///
    /// A body structure is written where it belongs (its box, its place in a multipart's
    /// list), not built and moved there: a part is large (472 bytes), and a move of a value
    /// just built waits for the stores that built it.
    pub(crate) fn body_into(&mut self, body: &mut BodyStructure<'a>) -> PResult<()> {
        self.nested(|p| {
            p.expect(b'(', &"\"(\"")?;
            if p.peek()? == b'(' {
                p.body_type_mpart_into(body)
            } else {
                p.body_type_1part_into(body)
            }
        })
    }

    /// `body`, as a rule of its own (for the tests).
    #[cfg(test)]
    pub(crate) fn body(&mut self) -> PResult<BodyStructure<'a>> {
        let mut body = EMPTY_PART;
        self.body_into(&mut body)?;
        Ok(body)
    }

    /// `body-type-mpart = 1*body SP media-subtype [SP body-ext-mpart]`, and the `)` of its
    /// `body`
    fn body_type_mpart_into(&mut self, body: &mut BodyStructure<'a>) -> PResult<()> {
        // Room for two parts (most multiparts have two): 944 bytes, within the sizes that
        // allocators serve from their fastest caches (glibc's thread cache ends at 1 032).
        let mut bodies = Vec::with_capacity(2);
        loop {
            let at = bodies.len();
            bodies.push(EMPTY_PART);
            self.body_into(&mut bodies[at])?;
            if self.peek()? != b'(' {
                break;
            }
        }
        self.sp()?;
        fill(
            body,
            BodyStructure::Multi {
                bodies: Vec1::unvalidated(bodies),
                subtype: IString::EMPTY,
                extension: None,
            },
        );
        let BodyStructure::Multi {
            subtype, extension, ..
        } = body
        else {
            unreachable!("just filled");
        };
        self.string_into(subtype)?;
        if self.eat(b' ')? {
            self.body_ext_mpart_into(extension)?;
        }
        self.expect(b')', &"\")\"")
    }

    /// `body-type-1part = (body-type-basic / body-type-msg / body-type-text) [SP body-ext-1part]`,
    /// and the `)` of its `body`
    ///
    /// with `body-type-basic = media-basic SP body-fields`,
    /// `body-type-msg = media-message SP body-fields SP envelope SP body SP body-fld-lines` and
    /// `body-type-text = media-text SP body-fields SP body-fld-lines`.
    ///
    /// `part` is an empty part ([`EMPTY_PART`]), whose fields are written one by one.
    fn body_type_1part_into(&mut self, part: &mut BodyStructure<'a>) -> PResult<()> {
        let BodyStructure::Single { body, extension } = part else {
            *part = EMPTY_PART;
            return self.body_type_1part_into(part);
        };
        let r#type = self.string_inline(None)?;
        let subtype = self.string_inline(SP)?;
        self.sp()?;
        self.body_fields_into(&mut body.basic)?;
        let specific = if r#type.as_bytes().eq_ignore_ascii_case(b"TEXT") {
            self.sp()?;
            SpecificFields::Text {
                r#type,
                subtype,
                number_of_lines: self.number()?,
            }
        } else if r#type.as_bytes().eq_ignore_ascii_case(b"MESSAGE")
            && (subtype.as_bytes().eq_ignore_ascii_case(b"RFC822")
                || subtype.as_bytes().eq_ignore_ascii_case(b"GLOBAL"))
        {
            self.sp()?;
            let envelope = self.envelope()?;
            self.sp()?;
            let body_structure = self.boxed_body()?;
            self.sp()?;
            SpecificFields::Message {
                r#type,
                subtype,
                envelope,
                body_structure,
                number_of_lines: self.number()?,
            }
        } else {
            SpecificFields::Basic { r#type, subtype }
        };
        fill(&mut body.specific, specific);
        if self.peek()? == b' ' {
            let extension = fill_some(
                extension,
                SinglePartExtension {
                    md5: NString::NIL,
                    tail: None,
                },
            );
            self.sp_nstring_into(&mut extension.md5)?;
            self.body_ext_dsp_into(&mut extension.tail)?;
        }
        self.expect(b')', &"\")\"")
    }

    /// `body-fields = body-fld-param SP body-fld-id SP body-fld-desc SP body-fld-enc SP
    /// body-fld-octets`, read into `fields`
    fn body_fields_into(&mut self, fields: &mut BasicFields<'a>) -> PResult<()> {
        self.body_fld_param_into(&mut fields.parameter_list)?;
        self.sp_nstring_into(&mut fields.id)?;
        self.sp_nstring_into(&mut fields.description)?;
        self.sp_body_string_into(&mut fields.content_transfer_encoding)?;
        self.sp()?;
        fields.size = self.number()?;
        Ok(())
    }

    /// `SP string` where a body structure requires a string (`body-fld-enc`, a parameter
    /// value), written into `slot`, with the common case in the caller.
    ///
    /// When lenient, the `NIL` that some servers send instead reads as the empty string, so
    /// that the value encodes to valid bytes.
    #[inline(always)]
    fn sp_body_string_into(&mut self, slot: &mut IString<'a>) -> PResult<()> {
        match self.quoted_plain(SP) {
            Some(quoted) => fill(slot, IString::Quoted(quoted)),
            None => {
                self.sp()?;
                self.body_string_not_plain_into(slot)?;
            }
        }
        Ok(())
    }

    /// [`Parser::sp_body_string_into`] after the `SP`, where the input is no plain quoted
    /// string.
    #[inline(never)]
    fn body_string_not_plain_into(&mut self, slot: &mut IString<'a>) -> PResult<()> {
        if self.options.lenient && matches!(self.peek()?, b'N' | b'n') {
            self.nil()?;
            fill(slot, IString::EMPTY);
            return Ok(());
        }
        fill(slot, self.string_any()?);
        Ok(())
    }

    /// `body-fld-param = "(" string SP string *(SP string SP string) ")" / nil`, read into
    /// `params` (an empty list): empty for `NIL`.
    fn body_fld_param_into(&mut self, params: &mut Params<'a>) -> PResult<()> {
        if self.peek()? != b'(' {
            return self.keyword(b"NIL", &"body-fld-param");
        }
        self.pos += 1;
        self.small_list_into(
            params,
            4,
            || (IString::EMPTY, IString::EMPTY),
            |p, (attribute, value)| {
                p.string_into(attribute)?;
                p.sp_body_string_into(value)?;
                Ok(())
            },
            Parser::paren_list_more,
        )
    }

    /// `body-ext-mpart = body-fld-param [SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc
    /// *(SP body-extension)]]]`, read into `extension` (`None`)
    fn body_ext_mpart_into(
        &mut self,
        extension: &mut Option<MultiPartExtension<'a>>,
    ) -> PResult<()> {
        let extension = fill_some(
            extension,
            MultiPartExtension {
                parameter_list: SmallList::new(),
                tail: None,
            },
        );
        self.body_fld_param_into(&mut extension.parameter_list)?;
        self.body_ext_dsp_into(&mut extension.tail)
    }

    /// `[SP body-fld-dsp [SP body-fld-lang [SP body-fld-loc *(SP body-extension)]]]`, the tail
    /// shared by both extension kinds (`body-ext-1part = body-fld-md5 [SP body-fld-dsp ..]`),
    /// read into `tail` (`None`).
    fn body_ext_dsp_into(&mut self, tail: &mut Option<Disposition<'a>>) -> PResult<()> {
        if self.peek()? != b' ' {
            return Ok(());
        }
        let disposition = fill_some(
            tail,
            Disposition {
                disposition: None,
                tail: None,
            },
        );
        if self.sp_unless_nil()? {
            self.body_fld_dsp_into(&mut disposition.disposition)?;
        }
        if self.peek()? != b' ' {
            return Ok(());
        }
        let language = if self.sp_unless_nil()? {
            self.body_fld_lang()?
        } else {
            BodyLanguage::Single(NString::NIL)
        };
        let language = fill_some(
            &mut disposition.tail,
            Language {
                language,
                tail: None,
            },
        );
        if self.peek()? != b' ' {
            return Ok(());
        }
        let location = fill_some(
            &mut language.tail,
            Location {
                location: NString::NIL,
                extensions: Vec::new(),
            },
        );
        self.sp_nstring_into(&mut location.location)?;
        while self.eat(b' ')? {
            location.extensions.push(self.body_extension()?);
        }
        Ok(())
    }

    /// `body-fld-dsp = "(" string SP body-fld-param ")" / nil`, read into `disposition`
    /// (`None`).
    fn body_fld_dsp_into(
        &mut self,
        disposition: &mut Option<(IString<'a>, Params<'a>)>,
    ) -> PResult<()> {
        if self.peek()? != b'(' {
            return self.keyword(b"NIL", &"body-fld-dsp");
        }
        self.pos += 1;
        let (kind, params) = fill_some(disposition, (IString::EMPTY, SmallList::new()));
        self.string_into(kind)?;
        self.sp()?;
        self.body_fld_param_into(params)?;
        self.expect(b')', &"\")\"")
    }

    /// `body-fld-lang = nstring / "(" string *(SP string) ")"`
    fn body_fld_lang(&mut self) -> PResult<BodyLanguage<'a>> {
        if self.peek()? == b'(' {
            let list = self.paren_list(false, Parser::string)?;
            return Ok(BodyLanguage::List(Vec1::unvalidated(list)));
        }
        Ok(BodyLanguage::Single(self.nstring()?))
    }

    /// `body-extension = nstring / number / number64 / "(" body-extension *(SP body-extension) ")"`
    fn body_extension(&mut self) -> PResult<BodyExtension<'a>> {
        match self.peek()? {
            b'(' => {
                let list = self.nested(|p| p.paren_list(false, Parser::body_extension))?;
                Ok(BodyExtension::List(Vec1::unvalidated(list)))
            }
            b'0'..=b'9' => Ok(BodyExtension::Number(self.number64()?)),
            _ => Ok(BodyExtension::NString(self.nstring()?)),
        }
    }
}

/// Writes `body-fld-param`: `NIL` for an empty list.
fn encode_params<'e>(params: &'e [(IString<'_>, IString<'_>)], out: &mut Encoder<'e>) {
    if params.is_empty() {
        out.push(b"NIL");
    } else {
        out.paren_list(params, |(attribute, value), out| {
            attribute.encode(out);
            out.sp();
            value.encode(out);
        });
    }
}

impl Encode for BodyStructure<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        out.byte(b'(');
        match self {
            Self::Single { body, extension } => {
                body.encode(out);
                if let Some(extension) = extension {
                    out.sp();
                    extension.encode(out);
                }
            }
            Self::Multi {
                bodies,
                subtype,
                extension,
            } => {
                for body in bodies.iter() {
                    body.encode(out);
                }
                out.sp();
                subtype.encode(out);
                if let Some(extension) = extension {
                    out.sp();
                    extension.encode(out);
                }
            }
        }
        out.byte(b')');
    }
}

impl Encode for Body<'_> {
    /// `media-* SP body-fields`, then what the media type adds.
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        let (r#type, subtype) = match &self.specific {
            SpecificFields::Basic { r#type, subtype }
            | SpecificFields::Message {
                r#type, subtype, ..
            }
            | SpecificFields::Text {
                r#type, subtype, ..
            } => (r#type, subtype),
        };
        r#type.encode(out);
        out.sp();
        subtype.encode(out);
        out.sp();
        self.basic.encode(out);
        match &self.specific {
            SpecificFields::Basic { .. } => {}
            SpecificFields::Message {
                envelope,
                body_structure,
                number_of_lines,
                ..
            } => {
                out.sp();
                envelope.encode(out);
                out.sp();
                body_structure.encode(out);
                out.sp();
                out.number(u64::from(*number_of_lines));
            }
            SpecificFields::Text {
                number_of_lines, ..
            } => {
                out.sp();
                out.number(u64::from(*number_of_lines));
            }
        }
    }
}

impl Encode for BasicFields<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        encode_params(&self.parameter_list, out);
        out.sp();
        self.id.encode(out);
        out.sp();
        self.description.encode(out);
        out.sp();
        self.content_transfer_encoding.encode(out);
        out.sp();
        out.number(u64::from(self.size));
    }
}

impl Encode for SinglePartExtension<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        self.md5.encode(out);
        if let Some(tail) = &self.tail {
            out.sp();
            tail.encode(out);
        }
    }
}

impl Encode for MultiPartExtension<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        encode_params(&self.parameter_list, out);
        if let Some(tail) = &self.tail {
            out.sp();
            tail.encode(out);
        }
    }
}

impl Encode for Disposition<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match &self.disposition {
            Some((kind, params)) => {
                out.byte(b'(');
                kind.encode(out);
                out.sp();
                encode_params(params, out);
                out.byte(b')');
            }
            None => out.push(b"NIL"),
        }
        if let Some(tail) = &self.tail {
            out.sp();
            tail.encode(out);
        }
    }
}

impl Encode for Language<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        self.language.encode(out);
        if let Some(tail) = &self.tail {
            out.sp();
            tail.encode(out);
        }
    }
}

impl Encode for BodyLanguage<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::Single(language) => language.encode(out),
            Self::List(languages) => out.paren_list(languages, |l, out| l.encode(out)),
        }
    }
}

impl Encode for Location<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        self.location.encode(out);
        for extension in &self.extensions {
            out.sp();
            extension.encode(out);
        }
    }
}

impl Encode for BodyExtension<'_> {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        match self {
            Self::NString(s) => s.encode(out),
            Self::Number(n) => out.number(*n),
            Self::List(items) => out.paren_list(items, |e, out| e.encode(out)),
        }
    }
}

#[cfg(test)]
mod tests {
    use imap_types::core::NString;

    use super::*;
    use crate::{
        core::tests::{assert_prefixes_incomplete, failed, run},
        decode::DecodeOptions,
    };

    fn s(value: &str) -> IString<'_> {
        IString::try_from(value).unwrap()
    }

    fn ns(value: &str) -> NString<'_> {
        NString::try_from(value).unwrap()
    }

    /// Decodes `input` completely, checks that it encodes back to the same bytes and that
    /// every proper prefix is incomplete.
    fn round_trip(input: &[u8]) -> BodyStructure<'_> {
        let (body, rest) = run(input, Parser::body).unwrap();
        assert!(rest.is_empty(), "left over: {rest:?}");
        assert_eq!(
            body.encode_to_vec(),
            input,
            "{}",
            alloc::string::String::from_utf8_lossy(&body.encode_to_vec())
        );
        assert_prefixes_incomplete(input, Parser::body);
        body
    }

    /// RFC 3501 section 7.4.2 (BODYSTRUCTURE example; the same in RFC 9051 section 7.5.2).
    const RFC3501_MULTIPART: &[u8] = b"((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \
\"7BIT\" 1152 23)(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\" \"NAME\" \"cc.diff\") \
\"<960723163407.20117h@cac.washington.edu>\" \"Compiler diff\" \"BASE64\" 4554 73) \"MIXED\")";

    fn text_plain<'a>(
        params: Params<'a>,
        id: NString<'a>,
        desc: NString<'a>,
        enc: &'a str,
        size: u32,
        lines: u32,
    ) -> BodyStructure<'a> {
        BodyStructure::Single {
            body: Body {
                basic: BasicFields {
                    parameter_list: params,
                    id,
                    description: desc,
                    content_transfer_encoding: s(enc),
                    size,
                },
                specific: SpecificFields::Text {
                    r#type: s("TEXT"),
                    subtype: s("PLAIN"),
                    number_of_lines: lines,
                },
            },
            extension: None,
        }
    }

    #[test]
    fn body_rfc3501_multipart() {
        let body = round_trip(RFC3501_MULTIPART);
        assert_eq!(
            body,
            BodyStructure::Multi {
                bodies: Vec1::unvalidated(alloc::vec![
                    text_plain(
                        SmallList::one((s("CHARSET"), s("US-ASCII"))),
                        NString::NIL,
                        NString::NIL,
                        "7BIT",
                        1152,
                        23
                    ),
                    text_plain(
                        alloc::vec![(s("CHARSET"), s("US-ASCII")), (s("NAME"), s("cc.diff"))]
                            .into(),
                        ns("<960723163407.20117h@cac.washington.edu>"),
                        ns("Compiler diff"),
                        "BASE64",
                        4554,
                        73
                    ),
                ]),
                subtype: s("MIXED"),
                extension: None,
            }
        );
    }

    #[test]
    fn body_rfc3501_simple_text() {
        // RFC 3501 section 8: `BODY ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 3028 92)`
        let body =
            round_trip(b"(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92)");
        assert_eq!(
            body,
            text_plain(
                SmallList::one((s("CHARSET"), s("US-ASCII"))),
                NString::NIL,
                NString::NIL,
                "7BIT",
                3028,
                92
            )
        );
    }

    #[test]
    fn body_basic_part_with_lowercase_and_literal() {
        let input = b"(\"application\" {3}\r\npdf NIL NIL NIL \"base64\" 10)";
        let body = round_trip(input);
        let BodyStructure::Single { body, extension } = body else {
            panic!("not a single part")
        };
        assert_eq!(extension, None);
        assert!(body.basic.parameter_list.is_empty());
        match body.specific {
            SpecificFields::Basic { r#type, subtype } => {
                assert_eq!(r#type, s("application"));
                assert!(matches!(subtype, IString::Literal(_)));
                assert_eq!(subtype.as_bytes(), b"pdf");
            }
            other => panic!("{other:?}"),
        }
        // Lower-case "text" is still a text part: it needs a line count.
        let (body, _) = run(
            b"(\"text\" \"html\" NIL NIL NIL \"8bit\" 10 2)",
            Parser::body,
        )
        .unwrap();
        assert!(matches!(
            body,
            BodyStructure::Single {
                body: Body {
                    specific: SpecificFields::Text {
                        number_of_lines: 2,
                        ..
                    },
                    ..
                },
                ..
            }
        ));
    }

    /// A nested multipart with a message/rfc822 part, parameters, dispositions, languages in
    /// both forms, locations and body extensions of every kind.
    const NESTED: &[u8] = b"(\
(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\" \"FORMAT\" \"flowed\") NIL NIL \"QUOTED-PRINTABLE\" 120 4 \
NIL (\"INLINE\" NIL) \"EN\" NIL)\
(\"MESSAGE\" \"RFC822\" NIL \"<id@x>\" \"forwarded\" \"7BIT\" 900 \
(\"Mon, 1 Jan 2024 00:00:00 +0000\" \"Hi\" ((\"A\" NIL \"a\" \"x.org\")) NIL NIL \
((NIL NIL \"b\" \"y.org\")(NIL NIL \"c\" \"y.org\")) NIL NIL NIL \"<m@x.org>\") \
((\"TEXT\" \"HTML\" NIL NIL NIL \"8BIT\" 300 10)(\"IMAGE\" \"PNG\" (\"NAME\" \"a.png\") NIL NIL \"BASE64\" 400 \
\"Q2hlY2s=\" (\"ATTACHMENT\" (\"FILENAME\" \"a.png\")) (\"DE\" \"FR\") \"http://x/a.png\" 7 (\"x\" (1 NIL)) NIL) \
\"RELATED\" (\"BOUNDARY\" \"b2\") NIL NIL) 30 NIL NIL NIL \"loc\")\
(\"MESSAGE\" \"GLOBAL\" NIL NIL NIL \"8BIT\" 5 (NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL) \
(\"APPLICATION\" \"OCTET-STREAM\" NIL NIL NIL \"BINARY\" 0) 1)\
(\"MESSAGE\" \"DELIVERY-STATUS\" NIL NIL NIL \"7BIT\" 70) \
\"MIXED\" (\"BOUNDARY\" \"b1\") (\"INLINE\" NIL) NIL NIL 12345678901 {2}\r\nxy)";

    #[test]
    fn body_nested_with_every_extension() {
        let body = round_trip(NESTED);
        let BodyStructure::Multi {
            bodies,
            subtype,
            extension,
        } = &body
        else {
            panic!("not a multipart")
        };
        assert_eq!(bodies.len(), 4);
        assert_eq!(subtype, &s("MIXED"));
        assert_eq!(
            extension,
            &Some(MultiPartExtension {
                parameter_list: SmallList::one((s("BOUNDARY"), s("b1"))),
                tail: Some(Disposition {
                    disposition: Some((s("INLINE"), SmallList::new())),
                    tail: Some(Language {
                        language: BodyLanguage::Single(NString::NIL),
                        tail: Some(Location {
                            location: NString::NIL,
                            extensions: alloc::vec![
                                BodyExtension::Number(12_345_678_901),
                                BodyExtension::NString(NString(Some(IString::Literal(
                                    imap_types::core::Literal::unvalidated(
                                        &b"xy"[..],
                                        imap_types::core::LiteralMode::Sync
                                    )
                                )))),
                            ],
                        }),
                    }),
                }),
            })
        );
        // The first part: text with a language as a single string.
        let BodyStructure::Single {
            extension: Some(ext),
            ..
        } = &bodies[0]
        else {
            panic!()
        };
        assert_eq!(
            ext,
            &SinglePartExtension {
                md5: NString::NIL,
                tail: Some(Disposition {
                    disposition: Some((s("INLINE"), SmallList::new())),
                    tail: Some(Language {
                        language: BodyLanguage::Single(ns("EN")),
                        tail: Some(Location {
                            location: NString::NIL,
                            extensions: Vec::new(),
                        }),
                    }),
                }),
            }
        );
        // The second part: message/rfc822 with a nested multipart/related.
        let BodyStructure::Single {
            body:
                Body {
                    specific:
                        SpecificFields::Message {
                            envelope,
                            body_structure,
                            number_of_lines,
                            ..
                        },
                    ..
                },
            extension: Some(ext),
        } = &bodies[1]
        else {
            panic!("not a message part: {:?}", bodies[1])
        };
        assert_eq!(*number_of_lines, 30);
        assert_eq!(envelope.to.len(), 2);
        assert_eq!(ext.tail.as_ref().unwrap().disposition, None);
        let BodyStructure::Multi { bodies: inner, .. } = &**body_structure else {
            panic!()
        };
        let BodyStructure::Single {
            extension: Some(png),
            ..
        } = &inner[1]
        else {
            panic!()
        };
        let language = png.tail.as_ref().unwrap().tail.as_ref().unwrap();
        assert_eq!(
            language.language,
            BodyLanguage::List(Vec1::unvalidated(alloc::vec![s("DE"), s("FR")]))
        );
        assert_eq!(
            language.tail.as_ref().unwrap().extensions,
            alloc::vec![
                BodyExtension::Number(7),
                BodyExtension::List(Vec1::unvalidated(alloc::vec![
                    BodyExtension::NString(ns("x")),
                    BodyExtension::List(Vec1::unvalidated(alloc::vec![
                        BodyExtension::Number(1),
                        BodyExtension::NString(NString::NIL),
                    ])),
                ])),
                BodyExtension::NString(NString::NIL),
            ]
        );
        // MESSAGE/GLOBAL is a message part too; other MESSAGE subtypes are basic.
        assert!(matches!(
            &bodies[2],
            BodyStructure::Single {
                body: Body {
                    specific: SpecificFields::Message { .. },
                    ..
                },
                extension: None
            }
        ));
        assert!(matches!(
            &bodies[3],
            BodyStructure::Single {
                body: Body {
                    specific: SpecificFields::Basic { .. },
                    ..
                },
                extension: None
            }
        ));
    }

    /// The fields that are almost always `NIL` (id, description, md5, disposition, language,
    /// location) are read past `SP NIL` in one comparison; `nil` in lower case and strings
    /// in their place take the full rule, with the same values and the same failures.
    #[test]
    fn body_fields_usually_nil() {
        let upper = b"(\"A\" \"B\" NIL NIL NIL \"7BIT\" 1 NIL NIL NIL NIL)";
        let lower = b"(\"A\" \"B\" NIL nil nil \"7BIT\" 1 nil nil nil nil)";
        let body = round_trip(upper);
        assert_eq!(run(lower, Parser::body), Ok((body.clone(), &b""[..])));
        let BodyStructure::Single {
            body: part,
            extension,
        } = &body
        else {
            panic!("not a single part")
        };
        assert_eq!(
            (&part.basic.id, &part.basic.description),
            (&NString::NIL, &NString::NIL)
        );
        assert_eq!(
            extension,
            &Some(SinglePartExtension {
                md5: NString::NIL,
                tail: Some(Disposition {
                    disposition: None,
                    tail: Some(Language {
                        language: BodyLanguage::Single(NString::NIL),
                        tail: Some(Location {
                            location: NString::NIL,
                            extensions: Vec::new(),
                        }),
                    }),
                }),
            })
        );
        // The same places holding strings.
        let strings =
            round_trip(b"(\"A\" \"B\" NIL \"i\" \"d\" \"7BIT\" 1 \"m\" (\"X\" NIL) \"l\" \"o\")");
        let BodyStructure::Single {
            body: part,
            extension: Some(extension),
        } = strings
        else {
            panic!("no extension")
        };
        assert_eq!((part.basic.id, part.basic.description), (ns("i"), ns("d")));
        assert_eq!(extension.md5, ns("m"));
        // `NIL` must be followed by what the grammar allows, as before.
        assert_eq!(
            run(b"(\"A\" \"B\" NIL NILX NIL \"7BIT\" 1)", Parser::body),
            Err(failed(16, "SP"))
        );
        assert_eq!(
            run(
                b"(\"A\" \"B\" NIL NIL NIL \"7BIT\" 1 NIL NIL NILS)",
                Parser::body
            ),
            Err(failed(41, "\")\""))
        );
    }

    #[test]
    fn body_malformed_offsets() {
        // No line count on a text part.
        assert_eq!(
            run(
                b"(\"TEXT\" \"PLAIN\" NIL NIL NIL \"7BIT\" 10)",
                Parser::body
            ),
            Err(failed(37, "SP"))
        );
        // A number where the size must be.
        assert_eq!(
            run(b"(\"A\" \"B\" NIL NIL NIL \"7BIT\" x)", Parser::body),
            Err(failed(28, "number"))
        );
        // NIL as the encoding is refused, and read as "" when lenient.
        let input = b"(\"A\" \"B\" NIL NIL NIL NIL 1)";
        assert_eq!(run(input, Parser::body), Err(failed(21, "string")));
        let mut p = Parser::new(input, &DecodeOptions::lenient());
        assert_eq!(
            p.body().unwrap().encode_to_vec(),
            b"(\"A\" \"B\" NIL NIL NIL \"\" 1)"
        );
        // NIL as a parameter value.
        assert_eq!(
            run(
                b"(\"A\" \"B\" (\"X\" NIL) NIL NIL \"7BIT\" 1)",
                Parser::body
            ),
            Err(failed(14, "string"))
        );
        let mut p = Parser::new(
            b"(\"A\" \"B\" (\"X\" NIL) NIL NIL \"7BIT\" 1)",
            &DecodeOptions::lenient(),
        );
        assert_eq!(
            p.body().unwrap().encode_to_vec(),
            b"(\"A\" \"B\" (\"X\" \"\") NIL NIL \"7BIT\" 1)"
        );
        // An empty parameter list.
        assert_eq!(
            run(b"(\"A\" \"B\" () NIL NIL \"7BIT\" 1)", Parser::body),
            Err(failed(10, "string"))
        );
        assert_eq!(
            run(b"(\"A\" \"B\" X NIL NIL \"7BIT\" 1)", Parser::body),
            Err(failed(9, "body-fld-param"))
        );
        // A bad disposition.
        assert_eq!(
            run(b"(\"A\" \"B\" NIL NIL NIL \"7BIT\" 1 NIL X)", Parser::body),
            Err(failed(34, "body-fld-dsp"))
        );
        // Multipart without a subtype.
        assert_eq!(
            run(b"((\"A\" \"B\" NIL NIL NIL \"7BIT\" 1))", Parser::body),
            Err(failed(31, "SP"))
        );
        // An empty extension list.
        assert_eq!(
            run(
                b"(\"A\" \"B\" NIL NIL NIL \"7BIT\" 1 NIL NIL NIL NIL ())",
                Parser::body
            ),
            Err(failed(47, "string"))
        );
        assert_eq!(run(b"x", Parser::body), Err(failed(0, "\"(\"")));
    }

    #[test]
    fn body_deeper_than_the_limit_fails_cleanly() {
        let options = DecodeOptions::strict();
        let depth = usize::from(options.max_depth);
        // `depth` nested multiparts are fine...
        let mut ok = Vec::new();
        ok.extend(core::iter::repeat_n(b'(', depth));
        ok.extend_from_slice(b"\"A\" \"B\" NIL NIL NIL \"7BIT\" 1)");
        ok.extend(core::iter::repeat_n(&b" \"M\")"[..], depth - 1).flatten());
        let (body, rest) = run(&ok, Parser::body).unwrap();
        assert!(rest.is_empty());
        assert_eq!(body.encode_to_vec(), ok);
        // ... one more is not.
        let mut deep = alloc::vec![b'('];
        deep.extend_from_slice(&ok);
        assert_eq!(
            run(&deep, Parser::body),
            Err(failed(depth, "less nesting (depth limit reached)"))
        );
        // Far deeper input (no stack overflow), through bodies and through extension lists.
        let mut input = Vec::new();
        input.extend(core::iter::repeat_n(b'(', 100_000));
        assert_eq!(
            run(&input, Parser::body),
            Err(failed(depth, "less nesting (depth limit reached)"))
        );
        let mut input = b"(\"A\" \"B\" NIL NIL NIL \"7BIT\" 1 NIL NIL NIL NIL ".to_vec();
        let start = input.len();
        input.extend(core::iter::repeat_n(b'(', 100_000));
        assert_eq!(
            run(&input, Parser::body),
            Err(failed(
                start + depth - 1,
                "less nesting (depth limit reached)"
            ))
        );
    }

    #[test]
    fn body_encodes_hand_built_values() {
        let body = BodyStructure::Single {
            body: Body {
                basic: BasicFields {
                    parameter_list: SmallList::new(),
                    id: NString::NIL,
                    description: NString::NIL,
                    content_transfer_encoding: s("7BIT"),
                    size: 3,
                },
                specific: SpecificFields::Basic {
                    r#type: s("IMAGE"),
                    subtype: s("GIF"),
                },
            },
            extension: Some(SinglePartExtension {
                md5: NString::NIL,
                tail: None,
            }),
        };
        assert_eq!(
            body.encode_to_vec(),
            b"(\"IMAGE\" \"GIF\" NIL NIL NIL \"7BIT\" 3 NIL)"
        );
    }
}

//! Mailbox names, LIST patterns, and the modified UTF-7 of RFC 3501 section 5.1.3.

use alloc::{string::String, vec::Vec};

use crate::core::{AString, IString, IntoStatic, ValidationError, chars, check_bytes};

/// `mailbox = "INBOX" / astring`
///
/// The name is kept as written; [`Mailbox::is_inbox`] applies the case-insensitive INBOX rule.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Mailbox<'a>(pub AString<'a>);

impl<'a> Mailbox<'a> {
    /// `INBOX`, as an atom.
    pub fn inbox() -> Mailbox<'static> {
        Mailbox(AString::Atom(crate::core::AtomExt::unvalidated("INBOX")))
    }

    /// Whether this names the INBOX (any case).
    pub fn is_inbox(&self) -> bool {
        self.0.as_bytes().eq_ignore_ascii_case(b"INBOX")
    }

    /// The name's bytes as written (modified UTF-7 in IMAP4rev1).
    pub fn as_bytes(&self) -> &[u8] {
        self.0.as_bytes()
    }
}

impl<'a> TryFrom<&'a str> for Mailbox<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        Ok(Self(AString::try_from(value)?))
    }
}

impl IntoStatic for Mailbox<'_> {
    type Static = Mailbox<'static>;
    fn into_static(self) -> Self::Static {
        Mailbox(self.0.into_static())
    }
}

/// `list-mailbox = 1*list-char / string`: a LIST pattern, which may hold `%` and `*`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListMailbox<'a> {
    /// `1*list-char`
    Token(ListCharString<'a>),
    /// `string`
    String(IString<'a>),
}

crate::impl_into_static_enum!(ListMailbox {} { Token, String });

impl<'a> TryFrom<&'a str> for ListMailbox<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        match ListCharString::try_from(value) {
            Ok(token) => Ok(Self::Token(token)),
            Err(_) => Ok(Self::String(IString::try_from(value)?)),
        }
    }
}

impl ListMailbox<'_> {
    /// The pattern's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        match self {
            Self::Token(t) => t.as_str().as_bytes(),
            Self::String(s) => s.as_bytes(),
        }
    }
}

/// `1*list-char`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListCharString<'a>(alloc::borrow::Cow<'a, str>);

impl<'a> ListCharString<'a> {
    /// Wraps a token the decoder has already checked.
    #[doc(hidden)]
    pub fn unvalidated(value: impl Into<alloc::borrow::Cow<'a, str>>) -> Self {
        let value = value.into();
        debug_assert!(check_bytes(value.as_bytes(), chars::is_list_char).is_ok());
        Self(value)
    }

    /// The token.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'a> TryFrom<&'a str> for ListCharString<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        check_bytes(value.as_bytes(), chars::is_list_char)?;
        Ok(Self(value.into()))
    }
}

impl IntoStatic for ListCharString<'_> {
    type Static = ListCharString<'static>;
    fn into_static(self) -> Self::Static {
        ListCharString(self.0.into_static())
    }
}

/// The mailbox hierarchy delimiter of a LIST response: `DQUOTE QUOTED-CHAR DQUOTE / nil`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Delimiter(char);

impl Delimiter {
    /// Checks that `c` is a 7-bit `TEXT-CHAR`.
    pub fn new(c: char) -> Result<Self, ValidationError> {
        if c.is_ascii() && chars::is_text_char(c as u8) {
            Ok(Self(c))
        } else {
            Err(ValidationError::Invalid(
                "delimiter must be a 7-bit TEXT-CHAR",
            ))
        }
    }

    /// The delimiter.
    pub fn as_char(self) -> char {
        self.0
    }
}

impl IntoStatic for Delimiter {
    type Static = Delimiter;
    fn into_static(self) -> Self::Static {
        self
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

/// Encodes a mailbox name in modified UTF-7 (RFC 3501 section 5.1.3).
///
/// ```
/// # use imap_types::mailbox::{encode_utf7, decode_utf7};
/// assert_eq!(encode_utf7("Entwürfe"), "Entw&APw-rfe");
/// assert_eq!(encode_utf7("a&b"), "a&-b");
/// assert_eq!(decode_utf7("Entw&APw-rfe").unwrap(), "Entwürfe");
/// ```
pub fn encode_utf7(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut units: Vec<u16> = Vec::new();
    let flush = |units: &mut Vec<u16>, out: &mut String| {
        if units.is_empty() {
            return;
        }
        out.push('&');
        let bytes: Vec<u8> = units.iter().flat_map(|u| u.to_be_bytes()).collect();
        for chunk in bytes.chunks(3) {
            let b = [
                chunk[0],
                *chunk.get(1).unwrap_or(&0),
                *chunk.get(2).unwrap_or(&0),
            ];
            let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
            let digits = chunk.len() + 1;
            for i in 0..digits {
                out.push(BASE64[((n >> (18 - 6 * i)) & 63) as usize] as char);
            }
        }
        out.push('-');
        units.clear();
    };
    for c in name.chars() {
        if (' '..='~').contains(&c) {
            flush(&mut units, &mut out);
            out.push(c);
            if c == '&' {
                out.push('-');
            }
        } else {
            let mut buf = [0u16; 2];
            units.extend_from_slice(c.encode_utf16(&mut buf));
        }
    }
    flush(&mut units, &mut out);
    out
}

/// Decodes a mailbox name from modified UTF-7 (RFC 3501 section 5.1.3).
pub fn decode_utf7(name: &str) -> Result<String, ValidationError> {
    let bytes = name.as_bytes();
    let mut out = String::with_capacity(name.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'&' {
            if !(0x20..=0x7e).contains(&b) {
                return Err(ValidationError::InvalidByte {
                    position: i,
                    byte: b,
                });
            }
            out.push(b as char);
            i += 1;
            continue;
        }
        let start = i + 1;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b'-')
            .map(|p| start + p)
            .ok_or(ValidationError::Invalid("unterminated modified base64"))?;
        if end == start {
            out.push('&');
        } else {
            let mut bits: u32 = 0;
            let mut nbits = 0;
            let mut units = Vec::new();
            for (k, &c) in bytes[start..end].iter().enumerate() {
                let v =
                    BASE64
                        .iter()
                        .position(|&x| x == c)
                        .ok_or(ValidationError::InvalidByte {
                            position: start + k,
                            byte: c,
                        })?;
                bits = (bits << 6) | v as u32;
                nbits += 6;
                if nbits >= 16 {
                    nbits -= 16;
                    units.push((bits >> nbits) as u16);
                    bits &= (1 << nbits) - 1;
                }
            }
            if bits != 0 {
                return Err(ValidationError::Invalid("non-zero padding bits"));
            }
            let decoded = char::decode_utf16(units.iter().copied())
                .collect::<Result<String, _>>()
                .map_err(|_| ValidationError::Invalid("invalid UTF-16 in modified base64"))?;
            if decoded.chars().any(|c| (' '..='~').contains(&c)) {
                return Err(ValidationError::Invalid(
                    "printable ASCII in modified base64",
                ));
            }
            out.push_str(&decoded);
        }
        i = end + 1;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf7_round_trips_rfc_example() {
        // RFC 3501 section 5.1.3.
        let name = "~peter/mail/\u{53f0}\u{5317}/\u{65e5}\u{672c}\u{8a9e}";
        assert_eq!(encode_utf7(name), "~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        assert_eq!(
            decode_utf7("~peter/mail/&U,BTFw-/&ZeVnLIqe-").unwrap(),
            name
        );
        assert_eq!(
            decode_utf7("&Jj!o-"),
            Err(ValidationError::InvalidByte {
                position: 3,
                byte: b'!'
            })
        );
        assert!(decode_utf7("&AGE-").is_err());
    }

    #[test]
    fn inbox_rule_ignores_case() {
        assert!(Mailbox::try_from("inbox").unwrap().is_inbox());
        assert!(!Mailbox::try_from("INBOX.x").unwrap().is_inbox());
    }
}

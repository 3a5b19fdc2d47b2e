//! Authentication: SASL mechanisms (`auth-type`) and the lines of an AUTHENTICATE exchange.

use alloc::borrow::Cow;

use crate::core::{Atom, IntoStatic, Secret, ValidationError};

macro_rules! mechanisms {
    ($($variant:ident = $name:literal, $doc:literal;)*) => {
        /// `auth-type = atom`: a SASL mechanism name.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum AuthMechanism<'a> {
            $(#[doc = $doc] $variant,)*
            /// Any other mechanism.
            Other(AuthMechanismOther<'a>),
        }

        impl<'a> AuthMechanism<'a> {
            /// The mechanism for its name, in any case.
            pub fn from_atom(atom: Atom<'a>) -> Self {
                $(if atom.as_str().eq_ignore_ascii_case($name) { return Self::$variant; })*
                Self::Other(AuthMechanismOther(atom))
            }

            /// The mechanism's name.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Other(other) => other.0.as_str(),
                }
            }
        }

        /// The names of the known mechanisms.
        pub const KNOWN_MECHANISMS: &[&str] = &[$($name),*];

        crate::impl_into_static_enum!(AuthMechanism { $($variant),* } { Other });
    };
}

mechanisms! {
    Plain = "PLAIN", "`PLAIN` (RFC 4616)";
    Login = "LOGIN", "`LOGIN` (draft-murchison-sasl-login)";
    OAuthBearer = "OAUTHBEARER", "`OAUTHBEARER` (RFC 7628)";
    XOAuth2 = "XOAUTH2", "`XOAUTH2` (Google, Microsoft)";
    External = "EXTERNAL", "`EXTERNAL` (RFC 4422)";
    Anonymous = "ANONYMOUS", "`ANONYMOUS` (RFC 4505)";
    CramMd5 = "CRAM-MD5", "`CRAM-MD5` (RFC 2195)";
    DigestMd5 = "DIGEST-MD5", "`DIGEST-MD5` (RFC 2831)";
    Gssapi = "GSSAPI", "`GSSAPI` (RFC 4752)";
    Ntlm = "NTLM", "`NTLM`";
    ScramSha1 = "SCRAM-SHA-1", "`SCRAM-SHA-1` (RFC 5802)";
    ScramSha1Plus = "SCRAM-SHA-1-PLUS", "`SCRAM-SHA-1-PLUS` (RFC 5802)";
    ScramSha256 = "SCRAM-SHA-256", "`SCRAM-SHA-256` (RFC 7677)";
    ScramSha256Plus = "SCRAM-SHA-256-PLUS", "`SCRAM-SHA-256-PLUS` (RFC 7677)";
}

/// A mechanism name that is not one of the known ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AuthMechanismOther<'a>(Atom<'a>);

impl IntoStatic for AuthMechanismOther<'_> {
    type Static = AuthMechanismOther<'static>;
    fn into_static(self) -> Self::Static {
        AuthMechanismOther(self.0.into_static())
    }
}

impl<'a> TryFrom<&'a str> for AuthMechanism<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        Ok(Self::from_atom(Atom::try_from(value)?))
    }
}

/// A line a client sends during AUTHENTICATE: `base64 CRLF`, or `"*" CRLF` to cancel.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AuthenticateData<'a> {
    /// The decoded bytes of a base64 line (redacted in `Debug`).
    Continue(Secret<Cow<'a, [u8]>>),
    /// `*`: the client cancels the exchange.
    Cancel,
}

crate::impl_into_static_enum!(AuthenticateData { Cancel } { Continue });

/// The `DONE` line that ends IDLE (RFC 2177).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct IdleDone;

impl IntoStatic for IdleDone {
    type Static = IdleDone;
    fn into_static(self) -> Self::Static {
        self
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Encodes bytes in base64 with padding (RFC 4648), as IMAP's `base64` rule writes them.
pub fn base64_encode(data: &[u8], out: &mut alloc::vec::Vec<u8>) {
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(BASE64[((n >> (18 - 6 * i)) & 63) as usize]);
            } else {
                out.push(b'=');
            }
        }
    }
}

/// Decodes `base64 = *(4base64-char) [base64-terminal]`; on error, the offset of the first
/// byte that is wrong. Padding bits must be zero, so that the encoding is canonical.
pub fn base64_decode(text: &[u8]) -> Result<alloc::vec::Vec<u8>, usize> {
    fn value(b: u8) -> Option<u32> {
        Some(match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    }
    let mut out = alloc::vec::Vec::with_capacity(text.len() / 4 * 3);
    for (q, quad) in text.chunks(4).enumerate() {
        let at = q * 4;
        if quad.len() < 4 {
            return Err(text.len());
        }
        let last = at + 4 == text.len();
        let pad = if last {
            quad.iter().rev().take_while(|&&b| b == b'=').count()
        } else {
            0
        };
        if pad > 2 {
            return Err(at + 1);
        }
        let mut n = 0u32;
        for (i, &b) in quad[..4 - pad].iter().enumerate() {
            n = (n << 6) | value(b).ok_or(at + i)?;
        }
        n <<= 6 * pad as u32;
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let keep = 3 - pad;
        if bytes[keep..].iter().any(|&b| b != 0) {
            return Err(at + 3 - pad);
        }
        out.extend_from_slice(&bytes[..keep]);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trips_and_rejects_exactly() {
        let mut out = alloc::vec::Vec::new();
        base64_encode(b"\0user\0pass", &mut out);
        assert_eq!(out, b"AHVzZXIAcGFzcw==");
        assert_eq!(base64_decode(b"AHVzZXIAcGFzcw==").unwrap(), b"\0user\0pass");
        assert_eq!(base64_decode(b"").unwrap(), b"");
        assert_eq!(base64_decode(b"YQ=="), Ok(alloc::vec![b'a']));
        assert_eq!(base64_decode(b"YR=="), Err(1));
        assert_eq!(base64_decode(b"Y!=="), Err(1));
        assert_eq!(base64_decode(b"YQ="), Err(3));
        assert_eq!(base64_decode(b"YQ==YQ=="), Err(2));
        assert_eq!(base64_decode(b"===="), Err(1));
    }
}

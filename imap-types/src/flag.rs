//! Message flags, mailbox attributes and the STORE operation.

use alloc::borrow::Cow;

use crate::core::{Atom, IntoStatic, ValidationError};

/// `flag = "\Answered" / "\Flagged" / "\Deleted" / "\Seen" / "\Draft" / flag-keyword /
/// flag-extension`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Flag<'a> {
    /// `\Answered`
    Answered,
    /// `\Flagged`
    Flagged,
    /// `\Deleted`
    Deleted,
    /// `\Seen`
    Seen,
    /// `\Draft`
    Draft,
    /// `flag-keyword = atom`, e.g. `$Forwarded`.
    Keyword(Atom<'a>),
    /// `flag-extension = "\" atom`, other than the system flags above.
    Extension(FlagExtension<'a>),
}

/// The atom of a `flag-extension`: any atom except the names of the system flags.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FlagExtension<'a>(Atom<'a>);

const SYSTEM_FLAGS: [&str; 5] = ["Answered", "Flagged", "Deleted", "Seen", "Draft"];

impl<'a> FlagExtension<'a> {
    /// Checks that `atom` does not name a system flag.
    pub fn new(atom: Atom<'a>) -> Result<Self, ValidationError> {
        if SYSTEM_FLAGS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(atom.as_str()))
        {
            return Err(ValidationError::Invalid("name of a system flag"));
        }
        Ok(Self(atom))
    }

    /// The name, without the backslash.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl<'a> TryFrom<&'a str> for FlagExtension<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        Self::new(Atom::try_from(value)?)
    }
}

impl IntoStatic for FlagExtension<'_> {
    type Static = FlagExtension<'static>;
    fn into_static(self) -> Self::Static {
        FlagExtension(self.0.into_static())
    }
}

impl<'a> Flag<'a> {
    /// The flag from its written form: `\Seen`, `\Xyz`, or a keyword such as `$Junk`.
    pub fn parse(value: &'a str) -> Result<Self, ValidationError> {
        match value.strip_prefix('\\') {
            Some(name) => match Self::system(name) {
                Some(flag) => Ok(flag),
                None => Ok(Self::Extension(FlagExtension::new(Atom::try_from(name)?)?)),
            },
            None => Ok(Self::Keyword(Atom::try_from(value)?)),
        }
    }

    /// The system flag with this name (without backslash, any case), if it is one.
    pub fn system(name: &str) -> Option<Self> {
        Some(match name.len() {
            4 if name.eq_ignore_ascii_case("Seen") => Self::Seen,
            5 if name.eq_ignore_ascii_case("Draft") => Self::Draft,
            7 if name.eq_ignore_ascii_case("Flagged") => Self::Flagged,
            7 if name.eq_ignore_ascii_case("Deleted") => Self::Deleted,
            8 if name.eq_ignore_ascii_case("Answered") => Self::Answered,
            _ => return None,
        })
    }

    /// The flag as written on the wire.
    pub fn as_wire(&self) -> Cow<'_, str> {
        match self {
            Self::Answered => Cow::Borrowed("\\Answered"),
            Self::Flagged => Cow::Borrowed("\\Flagged"),
            Self::Deleted => Cow::Borrowed("\\Deleted"),
            Self::Seen => Cow::Borrowed("\\Seen"),
            Self::Draft => Cow::Borrowed("\\Draft"),
            Self::Keyword(atom) => Cow::Borrowed(atom.as_str()),
            Self::Extension(ext) => Cow::Owned(alloc::format!("\\{}", ext.as_str())),
        }
    }
}

impl<'a> TryFrom<&'a str> for Flag<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        Self::parse(value)
    }
}

crate::impl_into_static_enum!(Flag { Answered, Flagged, Deleted, Seen, Draft } { Keyword, Extension });

/// `flag-fetch = flag / "\Recent"`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FlagFetch<'a> {
    /// A flag.
    Flag(Flag<'a>),
    /// `\Recent` (RFC 3501; removed in RFC 9051).
    Recent,
}

crate::impl_into_static_enum!(FlagFetch { Recent } { Flag });

/// `flag-perm = flag / "\*"`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum FlagPerm<'a> {
    /// A flag.
    Flag(Flag<'a>),
    /// `\*`: new keywords may be created.
    Asterisk,
}

crate::impl_into_static_enum!(FlagPerm { Asterisk } { Flag });

macro_rules! mailbox_attributes {
    ($($variant:ident = $name:literal, $doc:literal;)*) => {
        /// A mailbox attribute in a LIST or LSUB response (`mbx-list-flags`), including the
        /// attributes of RFC 5258 (LIST-EXTENDED), RFC 3348 (CHILDREN), RFC 6154 (SPECIAL-USE)
        /// and RFC 8457.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum MailboxAttribute<'a> {
            $(#[doc = $doc] $variant,)*
            /// Any other `flag-extension`.
            Extension(FlagExtension<'a>),
        }

        impl<'a> MailboxAttribute<'a> {
            /// The known attribute with this name (without backslash, any case).
            pub fn known(name: &str) -> Option<Self> {
                $(if name.eq_ignore_ascii_case($name) { return Some(Self::$variant); })*
                None
            }

            /// The attribute's name, without the backslash.
            pub fn name(&self) -> &str {
                match self {
                    $(Self::$variant => $name,)*
                    Self::Extension(ext) => ext.as_str(),
                }
            }
        }

        /// The names of the known mailbox attributes (without backslash).
        pub const KNOWN_MAILBOX_ATTRIBUTES: &[&str] = &[$($name),*];

        crate::impl_into_static_enum!(MailboxAttribute { $($variant),* } { Extension });
    };
}

mailbox_attributes! {
    Noinferiors = "Noinferiors", "`\\Noinferiors`: no child mailbox can exist.";
    Noselect = "Noselect", "`\\Noselect`: the mailbox cannot be selected.";
    Marked = "Marked", "`\\Marked`: probably has new messages.";
    Unmarked = "Unmarked", "`\\Unmarked`: has no new messages.";
    NonExistent = "NonExistent", "`\\NonExistent` (RFC 5258).";
    Subscribed = "Subscribed", "`\\Subscribed` (RFC 5258).";
    Remote = "Remote", "`\\Remote` (RFC 5258).";
    HasChildren = "HasChildren", "`\\HasChildren` (RFC 3348).";
    HasNoChildren = "HasNoChildren", "`\\HasNoChildren` (RFC 3348).";
    All = "All", "`\\All` (RFC 6154).";
    Archive = "Archive", "`\\Archive` (RFC 6154).";
    Drafts = "Drafts", "`\\Drafts` (RFC 6154).";
    Flagged = "Flagged", "`\\Flagged` (RFC 6154).";
    Junk = "Junk", "`\\Junk` (RFC 6154).";
    Sent = "Sent", "`\\Sent` (RFC 6154).";
    Trash = "Trash", "`\\Trash` (RFC 6154).";
    Important = "Important", "`\\Important` (RFC 8457).";
}

/// How STORE changes the flags: `["+" / "-"] "FLAGS"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoreType {
    /// `FLAGS`: replace.
    Replace,
    /// `+FLAGS`: add.
    Add,
    /// `-FLAGS`: remove.
    Remove,
}

/// Whether STORE answers with the new flags (`FLAGS`) or not (`FLAGS.SILENT`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StoreResponse {
    /// The server sends the new flags.
    Answer,
    /// `.SILENT`
    Silent,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_written_flags() {
        assert_eq!(Flag::parse("\\seen"), Ok(Flag::Seen));
        assert_eq!(
            Flag::parse("$Junk"),
            Ok(Flag::Keyword(Atom::try_from("$Junk").unwrap()))
        );
        assert_eq!(Flag::parse("\\X").unwrap().as_wire(), "\\X");
        assert!(FlagExtension::try_from("DELETED").is_err());
        assert!(Flag::parse("a b").is_err());
    }
}

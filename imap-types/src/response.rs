//! Server messages: the greeting, status responses with their codes, untagged data and
//! continuation requests.

use alloc::{borrow::Cow, vec::Vec};
use core::num::NonZeroU32;

use crate::{
    capability::Capability,
    core::{AString, Atom, Charset, IntoStatic, Tag, TaggedExtValue, Text, ValidationError, Vec1},
    fetch::MessageDataItem,
    flag::{Flag, FlagPerm, MailboxAttribute},
    mailbox::{Delimiter, Mailbox},
    sequence::SequenceSet,
    status::StatusDataItem,
};

/// `greeting = "*" SP (resp-cond-auth / resp-cond-bye) CRLF`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Greeting<'a> {
    /// `OK`, `PREAUTH` or `BYE`.
    pub kind: GreetingKind,
    /// `resp-text`
    pub text: RespText<'a>,
}

crate::impl_into_static_struct!(Greeting { kind, text });

/// The kind of a greeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GreetingKind {
    /// `OK`: the client must authenticate.
    Ok,
    /// `PREAUTH`: the connection is already authenticated.
    PreAuth,
    /// `BYE`: the server rejects the connection.
    Bye,
}

impl IntoStatic for GreetingKind {
    type Static = Self;
    fn into_static(self) -> Self::Static {
        self
    }
}

/// `resp-text = ["[" resp-text-code "]" SP] [text]`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct RespText<'a> {
    /// The response code, if any.
    pub code: Option<Code<'a>>,
    /// The human-readable text (empty where RFC 9051 lets it be absent).
    pub text: Text<'a>,
}

crate::impl_into_static_struct!(RespText { code, text });

/// Any message a server sends after the greeting.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Response<'a> {
    /// A status response (tagged, untagged or BYE).
    Status(Status<'a>),
    /// Untagged data.
    Data(Data<'a>),
    /// `continue-req = "+" SP (resp-text / base64) CRLF`
    Continue(ContinueRequest<'a>),
}

crate::impl_into_static_enum!(Response {} { Status, Data, Continue });

/// `resp-cond-state` (tagged or untagged) and `resp-cond-bye`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status<'a> {
    /// `tag SP resp-cond-state CRLF`, or `"*" SP resp-cond-state CRLF` without a tag.
    Cond {
        /// The tag of the completed command; `None` for an untagged response.
        tag: Option<Tag<'a>>,
        /// `OK`, `NO` or `BAD`.
        kind: StatusKind,
        /// `resp-text`
        text: RespText<'a>,
    },
    /// `"*" SP "BYE" SP resp-text CRLF`
    Bye(RespText<'a>),
}

impl IntoStatic for Status<'_> {
    type Static = Status<'static>;
    fn into_static(self) -> Self::Static {
        match self {
            Self::Cond { tag, kind, text } => Status::Cond {
                tag: tag.into_static(),
                kind,
                text: text.into_static(),
            },
            Self::Bye(text) => Status::Bye(text.into_static()),
        }
    }
}

/// `OK`, `NO` or `BAD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusKind {
    /// `OK`
    Ok,
    /// `NO`
    No,
    /// `BAD`
    Bad,
}

impl IntoStatic for StatusKind {
    type Static = Self;
    fn into_static(self) -> Self::Static {
        self
    }
}

macro_rules! plain_codes {
    ($($variant:ident = $name:literal, $doc:literal;)*) => {
        /// `resp-text-code`: the codes of RFC 3501, RFC 5530, RFC 4315, RFC 7162 and RFC 9051,
        /// and any other `atom [SP 1*<any TEXT-CHAR except "]">]`.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Code<'a> {
            $(#[doc = $doc] $variant,)*
            /// `"BADCHARSET" [SP "(" charset *(SP charset) ")"]`
            BadCharset(Vec<Charset<'a>>),
            /// `capability-data`
            Capability(Vec1<Capability<'a>>),
            /// `"PERMANENTFLAGS" SP "(" [flag-perm *(SP flag-perm)] ")"`
            PermanentFlags(Vec<FlagPerm<'a>>),
            /// `"UIDNEXT" SP nz-number`
            UidNext(NonZeroU32),
            /// `"UIDVALIDITY" SP nz-number`
            UidValidity(NonZeroU32),
            /// `"UNSEEN" SP nz-number`
            Unseen(NonZeroU32),
            /// `"APPENDUID" SP nz-number SP append-uid` (RFC 4315)
            AppendUid {
                /// The UIDVALIDITY of the destination mailbox.
                uid_validity: NonZeroU32,
                /// The UIDs assigned (a set with MULTIAPPEND).
                uids: SequenceSet<'a>,
            },
            /// `"COPYUID" SP nz-number SP uid-set SP uid-set` (RFC 4315)
            CopyUid {
                /// The UIDVALIDITY of the destination mailbox.
                uid_validity: NonZeroU32,
                /// The source UIDs.
                source: SequenceSet<'a>,
                /// The destination UIDs.
                destination: SequenceSet<'a>,
            },
            /// `"HIGHESTMODSEQ" SP mod-sequence-value` (RFC 7162)
            HighestModSeq(u64),
            /// `"MODIFIED" SP sequence-set` (RFC 7162)
            Modified(SequenceSet<'a>),
            /// Any other code.
            Other(CodeOther<'a>),
        }

        /// The names of the codes that take no argument, with their variants.
        pub const PLAIN_CODES: &[(&str, Code<'static>)] = &[$(($name, Code::$variant)),*];

        impl Code<'_> {
            /// The name of a code that takes no argument.
            pub fn plain_name(&self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => Some($name),)*
                    _ => None,
                }
            }
        }

        impl IntoStatic for Code<'_> {
            type Static = Code<'static>;
            fn into_static(self) -> Self::Static {
                match self {
                    $(Self::$variant => Code::$variant,)*
                    Self::BadCharset(v) => Code::BadCharset(v.into_static()),
                    Self::Capability(v) => Code::Capability(v.into_static()),
                    Self::PermanentFlags(v) => Code::PermanentFlags(v.into_static()),
                    Self::UidNext(v) => Code::UidNext(v),
                    Self::UidValidity(v) => Code::UidValidity(v),
                    Self::Unseen(v) => Code::Unseen(v),
                    Self::AppendUid { uid_validity, uids } => Code::AppendUid {
                        uid_validity,
                        uids: uids.into_static(),
                    },
                    Self::CopyUid { uid_validity, source, destination } => Code::CopyUid {
                        uid_validity,
                        source: source.into_static(),
                        destination: destination.into_static(),
                    },
                    Self::HighestModSeq(v) => Code::HighestModSeq(v),
                    Self::Modified(v) => Code::Modified(v.into_static()),
                    Self::Other(v) => Code::Other(v.into_static()),
                }
            }
        }
    };
}

plain_codes! {
    Alert = "ALERT", "`ALERT` (RFC 3501)";
    Parse = "PARSE", "`PARSE` (RFC 3501)";
    ReadOnly = "READ-ONLY", "`READ-ONLY` (RFC 3501)";
    ReadWrite = "READ-WRITE", "`READ-WRITE` (RFC 3501)";
    TryCreate = "TRYCREATE", "`TRYCREATE` (RFC 3501)";
    Unavailable = "UNAVAILABLE", "`UNAVAILABLE` (RFC 5530)";
    AuthenticationFailed = "AUTHENTICATIONFAILED", "`AUTHENTICATIONFAILED` (RFC 5530)";
    AuthorizationFailed = "AUTHORIZATIONFAILED", "`AUTHORIZATIONFAILED` (RFC 5530)";
    Expired = "EXPIRED", "`EXPIRED` (RFC 5530)";
    PrivacyRequired = "PRIVACYREQUIRED", "`PRIVACYREQUIRED` (RFC 5530)";
    ContactAdmin = "CONTACTADMIN", "`CONTACTADMIN` (RFC 5530)";
    NoPerm = "NOPERM", "`NOPERM` (RFC 5530)";
    InUse = "INUSE", "`INUSE` (RFC 5530)";
    ExpungeIssued = "EXPUNGEISSUED", "`EXPUNGEISSUED` (RFC 5530)";
    Corruption = "CORRUPTION", "`CORRUPTION` (RFC 5530)";
    ServerBug = "SERVERBUG", "`SERVERBUG` (RFC 5530)";
    ClientBug = "CLIENTBUG", "`CLIENTBUG` (RFC 5530)";
    Cannot = "CANNOT", "`CANNOT` (RFC 5530)";
    Limit = "LIMIT", "`LIMIT` (RFC 5530)";
    OverQuota = "OVERQUOTA", "`OVERQUOTA` (RFC 5530)";
    AlreadyExists = "ALREADYEXISTS", "`ALREADYEXISTS` (RFC 5530)";
    NonExistent = "NONEXISTENT", "`NONEXISTENT` (RFC 5530)";
    UidNotSticky = "UIDNOTSTICKY", "`UIDNOTSTICKY` (RFC 4315)";
    NoModSeq = "NOMODSEQ", "`NOMODSEQ` (RFC 7162)";
    Closed = "CLOSED", "`CLOSED` (RFC 7162, RFC 9051)";
    HasChildren = "HASCHILDREN", "`HASCHILDREN` (RFC 9051)";
    CompressionActive = "COMPRESSIONACTIVE", "`COMPRESSIONACTIVE` (RFC 4978)";
}

/// The names of the codes that take an argument.
const CODES_WITH_ARGUMENTS: [&str; 10] = [
    "BADCHARSET",
    "CAPABILITY",
    "PERMANENTFLAGS",
    "UIDNEXT",
    "UIDVALIDITY",
    "UNSEEN",
    "APPENDUID",
    "COPYUID",
    "HIGHESTMODSEQ",
    "MODIFIED",
];

impl Code<'_> {
    /// The code without argument for this name (any case), if it is one.
    pub fn plain(name: &[u8]) -> Option<Code<'static>> {
        PLAIN_CODES
            .iter()
            .find(|(n, _)| n.as_bytes().eq_ignore_ascii_case(name))
            .map(|(_, c)| c.clone())
    }

    /// Whether this name (any case) belongs to a known code.
    pub fn is_known_name(name: &[u8]) -> bool {
        Self::plain(name).is_some()
            || CODES_WITH_ARGUMENTS
                .iter()
                .any(|n| n.as_bytes().eq_ignore_ascii_case(name))
    }
}

/// A response code that is none of the known ones: `atom [SP 1*<any TEXT-CHAR except "]">]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CodeOther<'a> {
    name: Atom<'a>,
    arguments: Option<Cow<'a, str>>,
}

impl<'a> CodeOther<'a> {
    /// Checks that `name` names no known code and that `arguments` (if any) is a non-empty
    /// text without `]`.
    pub fn new(name: Atom<'a>, arguments: Option<Cow<'a, str>>) -> Result<Self, ValidationError> {
        if Code::is_known_name(name.as_str().as_bytes()) {
            return Err(ValidationError::Invalid("names a known response code"));
        }
        if let Some(args) = &arguments {
            crate::core::check_bytes(args.as_bytes(), |b| {
                crate::core::chars::is_text_char(b) && b != b']'
            })?;
        }
        Ok(Self { name, arguments })
    }

    /// Wraps a code the decoder has already checked.
    #[doc(hidden)]
    pub fn unvalidated(name: Atom<'a>, arguments: Option<Cow<'a, str>>) -> Self {
        Self { name, arguments }
    }

    /// The code's name.
    pub fn name(&self) -> &Atom<'a> {
        &self.name
    }

    /// The code's arguments, as written.
    pub fn arguments(&self) -> Option<&str> {
        self.arguments.as_deref()
    }
}

impl IntoStatic for CodeOther<'_> {
    type Static = CodeOther<'static>;
    fn into_static(self) -> Self::Static {
        CodeOther {
            name: self.name.into_static(),
            arguments: self.arguments.into_static(),
        }
    }
}

/// Untagged data: `mailbox-data`, `message-data` and `capability-data`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Data<'a> {
    /// `capability-data = "CAPABILITY" *(SP capability) SP "IMAP4rev1" *(SP capability)`
    Capability(Vec1<Capability<'a>>),
    /// `"LIST" SP mailbox-list`
    List(MailboxList<'a>),
    /// `"LSUB" SP mailbox-list`
    Lsub(MailboxList<'a>),
    /// `"STATUS" SP mailbox SP "(" [status-att-list] ")"`
    Status {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// The attributes with their values.
        items: Vec<StatusDataItem>,
    },
    /// `"SEARCH" *(SP nz-number)`, with `[SP "(" "MODSEQ" SP mod-sequence-value ")"]` of RFC 7162.
    Search {
        /// The matching numbers.
        numbers: Vec<NonZeroU32>,
        /// The highest mod-sequence of the matching messages.
        mod_seq: Option<u64>,
    },
    /// `"FLAGS" SP flag-list`
    Flags(Vec<Flag<'a>>),
    /// `number SP "EXISTS"`
    Exists(u32),
    /// `number SP "RECENT"`
    Recent(u32),
    /// `nz-number SP "EXPUNGE"`
    Expunge(NonZeroU32),
    /// `nz-number SP "FETCH" SP msg-att`
    Fetch {
        /// The message sequence number.
        seq: NonZeroU32,
        /// The data items.
        items: Vec1<MessageDataItem<'a>>,
    },
}

impl IntoStatic for Data<'_> {
    type Static = Data<'static>;
    fn into_static(self) -> Self::Static {
        match self {
            Self::Capability(v) => Data::Capability(v.into_static()),
            Self::List(v) => Data::List(v.into_static()),
            Self::Lsub(v) => Data::Lsub(v.into_static()),
            Self::Status { mailbox, items } => Data::Status {
                mailbox: mailbox.into_static(),
                items,
            },
            Self::Search { numbers, mod_seq } => Data::Search { numbers, mod_seq },
            Self::Flags(v) => Data::Flags(v.into_static()),
            Self::Exists(v) => Data::Exists(v),
            Self::Recent(v) => Data::Recent(v),
            Self::Expunge(v) => Data::Expunge(v),
            Self::Fetch { seq, items } => Data::Fetch {
                seq,
                items: items.into_static(),
            },
        }
    }
}

/// `mailbox-list = "(" [mbx-list-flags] ")" SP (DQUOTE QUOTED-CHAR DQUOTE / nil) SP mailbox
/// [SP mbox-list-extended]`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct MailboxList<'a> {
    /// The mailbox's attributes.
    pub attributes: Vec<MailboxAttribute<'a>>,
    /// The hierarchy delimiter; `None` for `NIL`.
    pub delimiter: Option<Delimiter>,
    /// The mailbox.
    pub mailbox: Mailbox<'a>,
    /// `mbox-list-extended = "(" [mbox-list-extended-item *(SP mbox-list-extended-item)] ")"`
    /// (RFC 5258, RFC 9051), with `mbox-list-extended-item = mbox-list-extended-item-tag SP
    /// tagged-ext-val` and the tag an `astring` (e.g. `CHILDINFO`); `None` when absent.
    pub extended: Option<Vec<(AString<'a>, TaggedExtValue<'a>)>>,
}

crate::impl_into_static_struct!(MailboxList {
    attributes,
    delimiter,
    mailbox,
    extended
});

/// `continue-req = "+" SP (resp-text / base64) CRLF`
///
/// A text that would also read as base64 is ambiguous; [`ContinueRequest::basic`] refuses it,
/// and the decoder reads such a line as base64.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ContinueRequest<'a> {
    /// `resp-text`
    Basic(RespText<'a>),
    /// The decoded bytes of a `base64` line (a SASL challenge).
    Base64(Cow<'a, [u8]>),
}

impl<'a> ContinueRequest<'a> {
    /// A text continuation request; refused if, without a code, the text reads as base64.
    pub fn basic(code: Option<Code<'a>>, text: Text<'a>) -> Result<Self, ValidationError> {
        if code.is_none() && is_base64_text(text.as_str().as_bytes()) {
            return Err(ValidationError::Invalid(
                "text of a continuation request reads as base64",
            ));
        }
        Ok(Self::Basic(RespText { code, text }))
    }
}

/// Whether `text` is a complete `base64` (canonical, padded) string.
pub fn is_base64_text(text: &[u8]) -> bool {
    crate::auth::base64_decode(text).is_ok()
}

crate::impl_into_static_enum!(ContinueRequest {} { Basic, Base64 });

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_codes_and_continuation_texts_are_checked() {
        let atom = |s| Atom::try_from(s).unwrap();
        assert!(CodeOther::new(atom("X-FOO"), Some(Cow::Borrowed("a b"))).is_ok());
        assert_eq!(
            CodeOther::new(atom("alert"), None),
            Err(ValidationError::Invalid("names a known response code"))
        );
        assert_eq!(
            CodeOther::new(atom("X"), Some(Cow::Borrowed("a]"))),
            Err(ValidationError::InvalidByte {
                position: 1,
                byte: b']'
            })
        );
        assert!(Code::is_known_name(b"copyuid"));
        assert_eq!(Code::plain(b"read-only"), Some(Code::ReadOnly));
        assert!(ContinueRequest::basic(None, Text::try_from("Ready").unwrap()).is_ok());
        assert!(ContinueRequest::basic(None, Text::try_from("abcd").unwrap()).is_err());
        assert!(ContinueRequest::basic(Some(Code::Alert), Text::try_from("abcd").unwrap()).is_ok());
    }
}

//! Capabilities: one variant for every capability that the RFCs of IMAP4rev1, IMAP4rev2 and
//! their extensions define, plus families with a parameter and an `Other` fallback.

use alloc::{borrow::Cow, format};

use crate::{
    auth::AuthMechanism,
    core::{Atom, IntoStatic, ValidationError},
};

macro_rules! capabilities {
    ($($variant:ident = $name:literal, $doc:literal;)*) => {
        /// `capability = ("AUTH=" auth-type) / atom`
        ///
        /// Decoding is case-insensitive; encoding writes the name as the registry spells it.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum Capability<'a> {
            $(#[doc = $doc] $variant,)*
            /// `AUTH=<mechanism>`
            Auth(AuthMechanism<'a>),
            /// `RIGHTS=<rights>` (RFC 4314)
            Rights(Atom<'a>),
            /// `QUOTA=RES-<resource>` (RFC 9208)
            QuotaRes(Atom<'a>),
            /// `THREAD=<algorithm>` (RFC 5256)
            Thread(Atom<'a>),
            /// `CONTEXT=<name>` (RFC 5267): `SEARCH`, `SORT`.
            Context(Atom<'a>),
            /// `I18NLEVEL=<level>` (RFC 5255)
            I18nLevel(Atom<'a>),
            /// `COMPRESS=<algorithm>` (RFC 4978)
            Compress(Atom<'a>),
            /// `UTF8=<mode>` (RFC 6855): `ACCEPT`, `ONLY`.
            Utf8(Atom<'a>),
            /// `URLAUTH=<extension>` (RFC 5524): `BINARY`.
            UrlAuthExt(Atom<'a>),
            /// `APPENDLIMIT=<n>` (RFC 7889)
            AppendLimitOf(u32),
            /// `MESSAGELIMIT=<n>` (RFC 9738)
            MessageLimit(u32),
            /// `SAVELIMIT=<n>` (RFC 9738)
            SaveLimit(u32),
            /// Any other capability.
            Other(CapabilityOther<'a>),
        }

        /// The capabilities without a parameter, with the names the registry gives them.
        pub const SIMPLE_CAPABILITIES: &[(&str, Capability<'static>)] =
            &[$(($name, Capability::$variant)),*];

        impl Capability<'_> {
            fn simple_name(&self) -> Option<&'static str> {
                match self {
                    $(Self::$variant => Some($name),)*
                    _ => None,
                }
            }
        }

        impl IntoStatic for Capability<'_> {
            type Static = Capability<'static>;
            fn into_static(self) -> Self::Static {
                match self {
                    $(Self::$variant => Capability::$variant,)*
                    Self::Auth(v) => Capability::Auth(v.into_static()),
                    Self::Rights(v) => Capability::Rights(v.into_static()),
                    Self::QuotaRes(v) => Capability::QuotaRes(v.into_static()),
                    Self::Thread(v) => Capability::Thread(v.into_static()),
                    Self::Context(v) => Capability::Context(v.into_static()),
                    Self::I18nLevel(v) => Capability::I18nLevel(v.into_static()),
                    Self::Compress(v) => Capability::Compress(v.into_static()),
                    Self::Utf8(v) => Capability::Utf8(v.into_static()),
                    Self::UrlAuthExt(v) => Capability::UrlAuthExt(v.into_static()),
                    Self::AppendLimitOf(v) => Capability::AppendLimitOf(v),
                    Self::MessageLimit(v) => Capability::MessageLimit(v),
                    Self::SaveLimit(v) => Capability::SaveLimit(v),
                    Self::Other(v) => Capability::Other(v.into_static()),
                }
            }
        }
    };
}

capabilities! {
    Imap4Rev1 = "IMAP4rev1", "`IMAP4rev1` (RFC 3501)";
    Imap4Rev2 = "IMAP4rev2", "`IMAP4rev2` (RFC 9051)";
    StartTls = "STARTTLS", "`STARTTLS` (RFC 3501, RFC 2595)";
    LoginDisabled = "LOGINDISABLED", "`LOGINDISABLED` (RFC 3501)";
    Acl = "ACL", "`ACL` (RFC 4314)";
    Quota = "QUOTA", "`QUOTA` (RFC 2087, RFC 9208)";
    QuotaSet = "QUOTASET", "`QUOTASET` (RFC 9208)";
    LiteralPlus = "LITERAL+", "`LITERAL+` (RFC 7888)";
    LiteralMinus = "LITERAL-", "`LITERAL-` (RFC 7888)";
    Idle = "IDLE", "`IDLE` (RFC 2177)";
    MailboxReferrals = "MAILBOX-REFERRALS", "`MAILBOX-REFERRALS` (RFC 2193)";
    LoginReferrals = "LOGIN-REFERRALS", "`LOGIN-REFERRALS` (RFC 2221)";
    Namespace = "NAMESPACE", "`NAMESPACE` (RFC 2342)";
    Id = "ID", "`ID` (RFC 2971)";
    Children = "CHILDREN", "`CHILDREN` (RFC 3348)";
    MultiAppend = "MULTIAPPEND", "`MULTIAPPEND` (RFC 3502)";
    Binary = "BINARY", "`BINARY` (RFC 3516)";
    Unselect = "UNSELECT", "`UNSELECT` (RFC 3691)";
    UidPlus = "UIDPLUS", "`UIDPLUS` (RFC 4315)";
    UrlAuth = "URLAUTH", "`URLAUTH` (RFC 4467)";
    Catenate = "CATENATE", "`CATENATE` (RFC 4469)";
    CondStore = "CONDSTORE", "`CONDSTORE` (RFC 7162)";
    QResync = "QRESYNC", "`QRESYNC` (RFC 7162)";
    ESearch = "ESEARCH", "`ESEARCH` (RFC 4731)";
    SaslIr = "SASL-IR", "`SASL-IR` (RFC 4959)";
    Within = "WITHIN", "`WITHIN` (RFC 5032)";
    Enable = "ENABLE", "`ENABLE` (RFC 5161)";
    SearchRes = "SEARCHRES", "`SEARCHRES` (RFC 5182)";
    Language = "LANGUAGE", "`LANGUAGE` (RFC 5255)";
    Comparator = "COMPARATOR", "`COMPARATOR` (RFC 5255)";
    Sort = "SORT", "`SORT` (RFC 5256)";
    SortDisplay = "SORT=DISPLAY", "`SORT=DISPLAY` (RFC 5957)";
    AnnotateExperiment1 = "ANNOTATE-EXPERIMENT-1", "`ANNOTATE-EXPERIMENT-1` (RFC 5257)";
    ListExtended = "LIST-EXTENDED", "`LIST-EXTENDED` (RFC 5258)";
    Convert = "CONVERT", "`CONVERT` (RFC 5259)";
    ESort = "ESORT", "`ESORT` (RFC 5267)";
    Metadata = "METADATA", "`METADATA` (RFC 5464)";
    MetadataServer = "METADATA-SERVER", "`METADATA-SERVER` (RFC 5464)";
    Notify = "NOTIFY", "`NOTIFY` (RFC 5465)";
    Filters = "FILTERS", "`FILTERS` (RFC 5466)";
    ListStatus = "LIST-STATUS", "`LIST-STATUS` (RFC 5819)";
    SpecialUse = "SPECIAL-USE", "`SPECIAL-USE` (RFC 6154)";
    CreateSpecialUse = "CREATE-SPECIAL-USE", "`CREATE-SPECIAL-USE` (RFC 6154)";
    Move = "MOVE", "`MOVE` (RFC 6851)";
    MultiSearch = "MULTISEARCH", "`MULTISEARCH` (RFC 7377)";
    AppendLimit = "APPENDLIMIT", "`APPENDLIMIT` without a value (RFC 7889)";
    Unauthenticate = "UNAUTHENTICATE", "`UNAUTHENTICATE` (RFC 8437)";
    StatusSize = "STATUS=SIZE", "`STATUS=SIZE` (RFC 8438)";
    ListMyRights = "LIST-MYRIGHTS", "`LIST-MYRIGHTS` (RFC 8440)";
    ObjectId = "OBJECTID", "`OBJECTID` (RFC 8474)";
    Replace = "REPLACE", "`REPLACE` (RFC 8508)";
    SaveDate = "SAVEDATE", "`SAVEDATE` (RFC 8514)";
    Preview = "PREVIEW", "`PREVIEW` (RFC 8970)";
    Partial = "PARTIAL", "`PARTIAL` (RFC 9394)";
}

/// The constructor of a parameterized family.
type MakeFamily = for<'a> fn(Atom<'a>) -> Capability<'a>;

/// The constructor of a capability with a number.
type MakeNumbered = fn(u32) -> Capability<'static>;

/// The parameterized families: prefix and constructor.
const FAMILIES: &[(&str, MakeFamily)] = &[
    ("AUTH=", |a| Capability::Auth(AuthMechanism::from_atom(a))),
    ("RIGHTS=", |a| Capability::Rights(a)),
    ("QUOTA=RES-", |a| Capability::QuotaRes(a)),
    ("THREAD=", |a| Capability::Thread(a)),
    ("CONTEXT=", |a| Capability::Context(a)),
    ("I18NLEVEL=", |a| Capability::I18nLevel(a)),
    ("COMPRESS=", |a| Capability::Compress(a)),
    ("UTF8=", |a| Capability::Utf8(a)),
    ("URLAUTH=", |a| Capability::UrlAuthExt(a)),
];

const NUMBERED: &[(&str, MakeNumbered)] = &[
    ("APPENDLIMIT=", Capability::AppendLimitOf),
    ("MESSAGELIMIT=", Capability::MessageLimit),
    ("SAVELIMIT=", Capability::SaveLimit),
];

fn strip_prefix_ignore_case<'s>(s: &'s str, prefix: &str) -> Option<&'s str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &s[prefix.len()..])
}

/// A canonical decimal `number` (no leading zero unless it is `0`).
fn canonical_number(s: &str) -> Option<u32> {
    if s.is_empty() || (s.len() > 1 && s.starts_with('0')) || !s.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    s.parse().ok()
}

impl<'a> Capability<'a> {
    /// The capability an atom names (any case); `Other` when it names none of the known ones.
    pub fn from_atom(atom: Atom<'a>) -> Self {
        let s = atom.as_str();
        if let Some((_, c)) = SIMPLE_CAPABILITIES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(s))
        {
            return c.clone();
        }
        for (prefix, make) in NUMBERED {
            if let Some(n) = strip_prefix_ignore_case(s, prefix).and_then(canonical_number) {
                return make(n);
            }
        }
        for (prefix, make) in FAMILIES {
            if let Some(rest) = strip_prefix_ignore_case(s, prefix) {
                if !rest.is_empty() {
                    let param = match atom.into_inner() {
                        Cow::Borrowed(b) => Atom::unvalidated(&b[prefix.len()..]),
                        Cow::Owned(o) => {
                            Atom::unvalidated(alloc::string::String::from(&o[prefix.len()..]))
                        }
                    };
                    return make(param);
                }
                break;
            }
        }
        Self::Other(CapabilityOther(atom))
    }

    /// The capability as written on the wire, in parts (so that an encoder needs no
    /// allocation).
    pub fn wire_form(&self) -> WireForm<'_> {
        match self {
            Self::Auth(m) => WireForm::Prefixed("AUTH=", m.as_str()),
            Self::Rights(a) => WireForm::Prefixed("RIGHTS=", a.as_str()),
            Self::QuotaRes(a) => WireForm::Prefixed("QUOTA=RES-", a.as_str()),
            Self::Thread(a) => WireForm::Prefixed("THREAD=", a.as_str()),
            Self::Context(a) => WireForm::Prefixed("CONTEXT=", a.as_str()),
            Self::I18nLevel(a) => WireForm::Prefixed("I18NLEVEL=", a.as_str()),
            Self::Compress(a) => WireForm::Prefixed("COMPRESS=", a.as_str()),
            Self::Utf8(a) => WireForm::Prefixed("UTF8=", a.as_str()),
            Self::UrlAuthExt(a) => WireForm::Prefixed("URLAUTH=", a.as_str()),
            Self::AppendLimitOf(n) => WireForm::Numbered("APPENDLIMIT=", *n),
            Self::MessageLimit(n) => WireForm::Numbered("MESSAGELIMIT=", *n),
            Self::SaveLimit(n) => WireForm::Numbered("SAVELIMIT=", *n),
            Self::Other(o) => WireForm::Name(o.0.as_str()),
            simple => WireForm::Name(simple.simple_name().unwrap_or_default()),
        }
    }

    /// The capability as written on the wire.
    pub fn as_wire(&self) -> Cow<'_, str> {
        match self.wire_form() {
            WireForm::Name(name) => Cow::Borrowed(name),
            WireForm::Prefixed(prefix, param) => Cow::Owned(format!("{prefix}{param}")),
            WireForm::Numbered(prefix, n) => Cow::Owned(format!("{prefix}{n}")),
        }
    }
}

impl<'a> TryFrom<&'a str> for Capability<'a> {
    type Error = ValidationError;
    fn try_from(value: &'a str) -> Result<Self, Self::Error> {
        Ok(Self::from_atom(Atom::try_from(value)?))
    }
}

/// How a capability is written: a name, a prefix and a parameter, or a prefix and a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireForm<'c> {
    /// The whole name, e.g. `IDLE`.
    Name(&'c str),
    /// A family prefix and its parameter, e.g. `AUTH=` and `PLAIN`.
    Prefixed(&'static str, &'c str),
    /// A prefix and a number, e.g. `APPENDLIMIT=` and `1000`.
    Numbered(&'static str, u32),
}

/// A capability that is none of the known ones.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct CapabilityOther<'a>(Atom<'a>);

impl<'a> CapabilityOther<'a> {
    /// Checks that `atom` names no known capability.
    pub fn new(atom: Atom<'a>) -> Result<Self, ValidationError> {
        match Capability::from_atom(atom) {
            Capability::Other(other) => Ok(other),
            _ => Err(ValidationError::Invalid("names a known capability")),
        }
    }

    /// The capability's name.
    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

impl IntoStatic for CapabilityOther<'_> {
    type Static = CapabilityOther<'static>;
    fn into_static(self) -> Self::Static {
        CapabilityOther(self.0.into_static())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_atoms_to_capabilities_and_back() {
        let cap = |s| Capability::try_from(s).unwrap();
        assert_eq!(cap("imap4REV1"), Capability::Imap4Rev1);
        assert_eq!(cap("IMAP4rev1").as_wire(), "IMAP4rev1");
        assert_eq!(cap("AUTH=PLAIN"), Capability::Auth(AuthMechanism::Plain));
        assert_eq!(cap("auth=x-foo").as_wire(), "AUTH=x-foo");
        assert_eq!(cap("APPENDLIMIT=100"), Capability::AppendLimitOf(100));
        assert!(matches!(cap("APPENDLIMIT=0100"), Capability::Other(_)));
        assert!(matches!(cap("AUTH="), Capability::Other(_)));
        assert_eq!(cap("THREAD=REFERENCES").as_wire(), "THREAD=REFERENCES");
        assert!(CapabilityOther::new(Atom::try_from("IDLE").unwrap()).is_err());
        assert!(CapabilityOther::new(Atom::try_from("XFOO").unwrap()).is_ok());
    }
}

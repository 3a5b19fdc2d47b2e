//! STATUS: the attributes a client asks for and the values a server returns.

use core::num::NonZeroU32;

use crate::core::IntoStatic;

/// `status-att`, with `DELETED` (RFC 9051), `SIZE` (RFC 8438) and `HIGHESTMODSEQ` (RFC 7162).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusDataItemName {
    /// `MESSAGES`
    Messages,
    /// `RECENT`
    Recent,
    /// `UIDNEXT`
    UidNext,
    /// `UIDVALIDITY`
    UidValidity,
    /// `UNSEEN`
    Unseen,
    /// `DELETED`
    Deleted,
    /// `SIZE`
    Size,
    /// `HIGHESTMODSEQ`
    HighestModSeq,
}

impl StatusDataItemName {
    /// Every name, in the order above.
    pub const ALL: [Self; 8] = [
        Self::Messages,
        Self::Recent,
        Self::UidNext,
        Self::UidValidity,
        Self::Unseen,
        Self::Deleted,
        Self::Size,
        Self::HighestModSeq,
    ];

    /// The name as written.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Messages => "MESSAGES",
            Self::Recent => "RECENT",
            Self::UidNext => "UIDNEXT",
            Self::UidValidity => "UIDVALIDITY",
            Self::Unseen => "UNSEEN",
            Self::Deleted => "DELETED",
            Self::Size => "SIZE",
            Self::HighestModSeq => "HIGHESTMODSEQ",
        }
    }

    /// The name for its written form, in any case.
    pub fn from_name(name: &[u8]) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|n| n.as_str().as_bytes().eq_ignore_ascii_case(name))
    }
}

impl IntoStatic for StatusDataItemName {
    type Static = Self;
    fn into_static(self) -> Self::Static {
        self
    }
}

/// `status-att-val`: an attribute with its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusDataItem {
    /// `"MESSAGES" SP number`
    Messages(u32),
    /// `"RECENT" SP number`
    Recent(u32),
    /// `"UIDNEXT" SP nz-number`
    UidNext(NonZeroU32),
    /// `"UIDVALIDITY" SP nz-number`
    UidValidity(NonZeroU32),
    /// `"UNSEEN" SP number`
    Unseen(u32),
    /// `"DELETED" SP number`
    Deleted(u32),
    /// `"SIZE" SP number64`
    Size(u64),
    /// `"HIGHESTMODSEQ" SP mod-sequence-valzer`
    HighestModSeq(u64),
}

impl StatusDataItem {
    /// The attribute's name.
    pub fn name(&self) -> StatusDataItemName {
        match self {
            Self::Messages(_) => StatusDataItemName::Messages,
            Self::Recent(_) => StatusDataItemName::Recent,
            Self::UidNext(_) => StatusDataItemName::UidNext,
            Self::UidValidity(_) => StatusDataItemName::UidValidity,
            Self::Unseen(_) => StatusDataItemName::Unseen,
            Self::Deleted(_) => StatusDataItemName::Deleted,
            Self::Size(_) => StatusDataItemName::Size,
            Self::HighestModSeq(_) => StatusDataItemName::HighestModSeq,
        }
    }
}

impl IntoStatic for StatusDataItem {
    type Static = Self;
    fn into_static(self) -> Self::Static {
        self
    }
}

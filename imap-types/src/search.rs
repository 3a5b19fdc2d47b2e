//! SEARCH: the search keys (nested, `OR`, `NOT`, parenthesized) and the search program.

use alloc::boxed::Box;

use crate::{
    core::{AString, Atom, IntoStatic, Vec1},
    datetime::Date,
    sequence::SequenceSet,
};

/// `search-key`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SearchKey<'a> {
    /// `ALL`
    All,
    /// `ANSWERED`
    Answered,
    /// `BCC SP astring`
    Bcc(AString<'a>),
    /// `BEFORE SP date`
    Before(Date),
    /// `BODY SP astring`
    Body(AString<'a>),
    /// `CC SP astring`
    Cc(AString<'a>),
    /// `DELETED`
    Deleted,
    /// `DRAFT`
    Draft,
    /// `FLAGGED`
    Flagged,
    /// `FROM SP astring`
    From(AString<'a>),
    /// `HEADER SP header-fld-name SP astring`
    Header(AString<'a>, AString<'a>),
    /// `KEYWORD SP flag-keyword`
    Keyword(Atom<'a>),
    /// `LARGER SP number` (`number64` in RFC 9051)
    Larger(u64),
    /// `NEW`
    New,
    /// `NOT SP search-key`
    Not(Box<SearchKey<'a>>),
    /// `OLD`
    Old,
    /// `ON SP date`
    On(Date),
    /// `OR SP search-key SP search-key`
    Or(Box<SearchKey<'a>>, Box<SearchKey<'a>>),
    /// `RECENT`
    Recent,
    /// `SEEN`
    Seen,
    /// `SENTBEFORE SP date`
    SentBefore(Date),
    /// `SENTON SP date`
    SentOn(Date),
    /// `SENTSINCE SP date`
    SentSince(Date),
    /// `SINCE SP date`
    Since(Date),
    /// `SMALLER SP number` (`number64` in RFC 9051)
    Smaller(u64),
    /// `SUBJECT SP astring`
    Subject(AString<'a>),
    /// `TEXT SP astring`
    Text(AString<'a>),
    /// `TO SP astring`
    To(AString<'a>),
    /// `UID SP sequence-set`
    Uid(SequenceSet<'a>),
    /// `UNANSWERED`
    Unanswered,
    /// `UNDELETED`
    Undeleted,
    /// `UNDRAFT`
    Undraft,
    /// `UNFLAGGED`
    Unflagged,
    /// `UNKEYWORD SP flag-keyword`
    Unkeyword(Atom<'a>),
    /// `UNSEEN`
    Unseen,
    /// `sequence-set`
    SequenceSet(SequenceSet<'a>),
    /// `"(" search-key *(SP search-key) ")"`
    And(Vec1<SearchKey<'a>>),
}

impl IntoStatic for SearchKey<'_> {
    type Static = SearchKey<'static>;
    fn into_static(self) -> Self::Static {
        use SearchKey::*;
        match self {
            All => All,
            Answered => Answered,
            Bcc(v) => Bcc(v.into_static()),
            Before(v) => Before(v),
            Body(v) => Body(v.into_static()),
            Cc(v) => Cc(v.into_static()),
            Deleted => Deleted,
            Draft => Draft,
            Flagged => Flagged,
            From(v) => From(v.into_static()),
            Header(a, b) => Header(a.into_static(), b.into_static()),
            Keyword(v) => Keyword(v.into_static()),
            Larger(v) => Larger(v),
            New => New,
            Not(v) => Not(v.into_static()),
            Old => Old,
            On(v) => On(v),
            Or(a, b) => Or(a.into_static(), b.into_static()),
            Recent => Recent,
            Seen => Seen,
            SentBefore(v) => SentBefore(v),
            SentOn(v) => SentOn(v),
            SentSince(v) => SentSince(v),
            Since(v) => Since(v),
            Smaller(v) => Smaller(v),
            Subject(v) => Subject(v.into_static()),
            Text(v) => Text(v.into_static()),
            To(v) => To(v.into_static()),
            Uid(v) => Uid(v.into_static()),
            Unanswered => Unanswered,
            Undeleted => Undeleted,
            Undraft => Undraft,
            Unflagged => Unflagged,
            Unkeyword(v) => Unkeyword(v.into_static()),
            Unseen => Unseen,
            SequenceSet(v) => SequenceSet(v.into_static()),
            And(v) => And(v.into_static()),
        }
    }
}

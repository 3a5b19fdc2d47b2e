//! The envelope of a message (FETCH ENVELOPE) and its addresses.

use crate::core::{NString, SmallList};

/// `envelope = "(" env-date SP env-subject SP env-from SP env-sender SP env-reply-to SP env-to
/// SP env-cc SP env-bcc SP env-in-reply-to SP env-message-id ")"`
///
/// Each address list is empty when the server sent `NIL` (the grammar has no empty list).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Envelope<'a> {
    /// `env-date = nstring`
    pub date: NString<'a>,
    /// `env-subject = nstring`
    pub subject: NString<'a>,
    /// `env-from = "(" 1*address ")" / nil`
    pub from: SmallList<Address<'a>>,
    /// `env-sender`
    pub sender: SmallList<Address<'a>>,
    /// `env-reply-to`
    pub reply_to: SmallList<Address<'a>>,
    /// `env-to`
    pub to: SmallList<Address<'a>>,
    /// `env-cc`
    pub cc: SmallList<Address<'a>>,
    /// `env-bcc`
    pub bcc: SmallList<Address<'a>>,
    /// `env-in-reply-to = nstring`
    pub in_reply_to: NString<'a>,
    /// `env-message-id = nstring`
    pub message_id: NString<'a>,
}

crate::impl_into_static_struct!(Envelope {
    date,
    subject,
    from,
    sender,
    reply_to,
    to,
    cc,
    bcc,
    in_reply_to,
    message_id
});

/// `address = "(" addr-name SP addr-adl SP addr-mailbox SP addr-host ")"`
///
/// RFC 2822 group syntax is written as an address with a `NIL` host: the group's start has
/// the group name as `mailbox`, its end has `NIL` as `mailbox`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Address<'a> {
    /// `addr-name = nstring`: the phrase (display name).
    pub name: NString<'a>,
    /// `addr-adl = nstring`: the source route.
    pub adl: NString<'a>,
    /// `addr-mailbox = nstring`: the local part, or the group name.
    pub mailbox: NString<'a>,
    /// `addr-host = nstring`: the domain, `NIL` for group syntax.
    pub host: NString<'a>,
}

crate::impl_into_static_struct!(Address {
    name,
    adl,
    mailbox,
    host
});

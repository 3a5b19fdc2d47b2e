//! Client commands: every command of RFC 3501 with its UID variants, IDLE, `X<atom>`
//! commands, and the RFC 4466 extension points.

use alloc::{borrow::Cow, vec::Vec};

use crate::{
    auth::AuthMechanism,
    core::{
        AString, Atom, Charset, IntoStatic, Literal, Literal8, Parameter, Secret, Tag,
        TaggedExtension, Vec1,
    },
    datetime::DateTime,
    fetch::FetchItems,
    flag::{Flag, StoreResponse, StoreType},
    mailbox::{ListMailbox, Mailbox},
    search::SearchKey,
    sequence::SequenceSet,
    status::StatusDataItemName,
};

/// `command = tag SP (command-any / command-auth / command-nonauth / command-select) CRLF`
///
/// ```
/// # use imap_types::{command::{Command, CommandBody}, core::Tag};
/// let cmd = Command { tag: Tag::try_from("A1").unwrap(), body: CommandBody::Noop };
/// assert_eq!(cmd.body.name(), "NOOP");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Command<'a> {
    /// The tag.
    pub tag: Tag<'a>,
    /// The command.
    pub body: CommandBody<'a>,
}

crate::impl_into_static_struct!(Command { tag, body });

/// The command after the tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum CommandBody<'a> {
    /// `CAPABILITY`
    Capability,
    /// `NOOP`
    Noop,
    /// `LOGOUT`
    Logout,
    /// `STARTTLS`
    StartTls,
    /// `"AUTHENTICATE" SP auth-type [SP (base64 / "=")]` (initial response: RFC 4959)
    Authenticate {
        /// The mechanism.
        mechanism: AuthMechanism<'a>,
        /// The decoded initial response; `Some` of empty bytes is written `=`.
        initial_response: Option<Secret<Cow<'a, [u8]>>>,
    },
    /// `"LOGIN" SP userid SP password`
    Login {
        /// `userid = astring`
        username: AString<'a>,
        /// `password = astring` (redacted in `Debug`)
        password: Secret<AString<'a>>,
    },
    /// `"SELECT" SP mailbox [select-params]`
    Select {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// `select-params` (RFC 4466); empty when absent.
        parameters: Vec<Parameter<'a>>,
    },
    /// `"EXAMINE" SP mailbox [select-params]`
    Examine {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// `select-params` (RFC 4466); empty when absent.
        parameters: Vec<Parameter<'a>>,
    },
    /// `"CREATE" SP mailbox [create-params]`
    Create {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// `create-params` (RFC 4466); empty when absent.
        parameters: Vec<Parameter<'a>>,
    },
    /// `"DELETE" SP mailbox`
    Delete {
        /// The mailbox.
        mailbox: Mailbox<'a>,
    },
    /// `"RENAME" SP mailbox SP mailbox [rename-params]`
    Rename {
        /// The existing mailbox.
        from: Mailbox<'a>,
        /// The new name.
        to: Mailbox<'a>,
        /// `rename-params` (RFC 4466); empty when absent.
        parameters: Vec<Parameter<'a>>,
    },
    /// `"SUBSCRIBE" SP mailbox`
    Subscribe {
        /// The mailbox.
        mailbox: Mailbox<'a>,
    },
    /// `"UNSUBSCRIBE" SP mailbox`
    Unsubscribe {
        /// The mailbox.
        mailbox: Mailbox<'a>,
    },
    /// `"LIST" [SP list-select-opts] SP mailbox SP mbox-or-pat [SP list-return-opts]`
    /// (RFC 3501, extended by RFC 5258)
    List {
        /// `list-select-opts`; `None` when absent.
        selection_options: Option<Vec<ListOption<'a>>>,
        /// The reference name.
        reference: Mailbox<'a>,
        /// `mbox-or-pat = list-mailbox / patterns`
        patterns: ListPatterns<'a>,
        /// `list-return-opts`; `None` when absent.
        return_options: Option<Vec<ListOption<'a>>>,
    },
    /// `"LSUB" SP mailbox SP list-mailbox`
    Lsub {
        /// The reference name.
        reference: Mailbox<'a>,
        /// The pattern.
        pattern: ListMailbox<'a>,
    },
    /// `"STATUS" SP mailbox SP "(" status-att *(SP status-att) ")"`
    Status {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// The attributes asked for.
        items: Vec1<StatusDataItemName>,
    },
    /// `"APPEND" SP mailbox 1*append-message` (RFC 4466; several messages with MULTIAPPEND)
    Append {
        /// The mailbox.
        mailbox: Mailbox<'a>,
        /// The messages.
        messages: Vec1<AppendMessage<'a>>,
    },
    /// `CHECK`
    Check,
    /// `CLOSE`
    Close,
    /// `EXPUNGE`
    Expunge,
    /// `"SEARCH" [search-return-opts] [SP "CHARSET" SP charset] 1*(SP search-key)`, and
    /// `UID SEARCH`.
    Search {
        /// `search-return-opts` (RFC 4466); `None` when absent.
        return_options: Option<Vec<Parameter<'a>>>,
        /// The charset.
        charset: Option<Charset<'a>>,
        /// The keys, all of which must match.
        criteria: Vec1<SearchKey<'a>>,
        /// `UID SEARCH`
        uid: bool,
    },
    /// `"FETCH" SP sequence-set SP fetch-items [fetch-modifiers]`, and `UID FETCH`.
    Fetch {
        /// The messages.
        sequence_set: SequenceSet<'a>,
        /// What to fetch.
        items: FetchItems<'a>,
        /// `fetch-modifiers` (RFC 4466); empty when absent.
        modifiers: Vec<Parameter<'a>>,
        /// `UID FETCH`
        uid: bool,
    },
    /// `"STORE" SP sequence-set [store-modifiers] SP store-att-flags`, and `UID STORE`.
    Store {
        /// The messages.
        sequence_set: SequenceSet<'a>,
        /// `store-modifiers` (RFC 4466); empty when absent.
        modifiers: Vec<Parameter<'a>>,
        /// Replace, add or remove.
        kind: StoreType,
        /// `FLAGS` or `FLAGS.SILENT`.
        response: StoreResponse,
        /// The flags.
        flags: StoreFlags<'a>,
        /// `UID STORE`
        uid: bool,
    },
    /// `"COPY" SP sequence-set SP mailbox`, and `UID COPY`.
    Copy {
        /// The messages.
        sequence_set: SequenceSet<'a>,
        /// The destination.
        mailbox: Mailbox<'a>,
        /// `UID COPY`
        uid: bool,
    },
    /// `IDLE` (RFC 2177)
    Idle,
    /// `x-command = "X" atom <experimental command arguments>`
    X {
        /// The command name, starting with `X`.
        name: Atom<'a>,
        /// The rest of the line after a space, as written (no literals).
        arguments: Option<Cow<'a, str>>,
    },
}

impl CommandBody<'_> {
    /// The command's name as written (`UID` commands without the `UID` prefix).
    pub fn name(&self) -> &str {
        match self {
            Self::Capability => "CAPABILITY",
            Self::Noop => "NOOP",
            Self::Logout => "LOGOUT",
            Self::StartTls => "STARTTLS",
            Self::Authenticate { .. } => "AUTHENTICATE",
            Self::Login { .. } => "LOGIN",
            Self::Select { .. } => "SELECT",
            Self::Examine { .. } => "EXAMINE",
            Self::Create { .. } => "CREATE",
            Self::Delete { .. } => "DELETE",
            Self::Rename { .. } => "RENAME",
            Self::Subscribe { .. } => "SUBSCRIBE",
            Self::Unsubscribe { .. } => "UNSUBSCRIBE",
            Self::List { .. } => "LIST",
            Self::Lsub { .. } => "LSUB",
            Self::Status { .. } => "STATUS",
            Self::Append { .. } => "APPEND",
            Self::Check => "CHECK",
            Self::Close => "CLOSE",
            Self::Expunge => "EXPUNGE",
            Self::Search { .. } => "SEARCH",
            Self::Fetch { .. } => "FETCH",
            Self::Store { .. } => "STORE",
            Self::Copy { .. } => "COPY",
            Self::Idle => "IDLE",
            Self::X { name, .. } => name.as_str(),
        }
    }
}

impl IntoStatic for CommandBody<'_> {
    type Static = CommandBody<'static>;
    fn into_static(self) -> Self::Static {
        use CommandBody as C;
        match self {
            C::Capability => C::Capability,
            C::Noop => C::Noop,
            C::Logout => C::Logout,
            C::StartTls => C::StartTls,
            C::Authenticate {
                mechanism,
                initial_response,
            } => C::Authenticate {
                mechanism: mechanism.into_static(),
                initial_response: initial_response.into_static(),
            },
            C::Login { username, password } => C::Login {
                username: username.into_static(),
                password: password.into_static(),
            },
            C::Select {
                mailbox,
                parameters,
            } => C::Select {
                mailbox: mailbox.into_static(),
                parameters: parameters.into_static(),
            },
            C::Examine {
                mailbox,
                parameters,
            } => C::Examine {
                mailbox: mailbox.into_static(),
                parameters: parameters.into_static(),
            },
            C::Create {
                mailbox,
                parameters,
            } => C::Create {
                mailbox: mailbox.into_static(),
                parameters: parameters.into_static(),
            },
            C::Delete { mailbox } => C::Delete {
                mailbox: mailbox.into_static(),
            },
            C::Rename {
                from,
                to,
                parameters,
            } => C::Rename {
                from: from.into_static(),
                to: to.into_static(),
                parameters: parameters.into_static(),
            },
            C::Subscribe { mailbox } => C::Subscribe {
                mailbox: mailbox.into_static(),
            },
            C::Unsubscribe { mailbox } => C::Unsubscribe {
                mailbox: mailbox.into_static(),
            },
            C::List {
                selection_options,
                reference,
                patterns,
                return_options,
            } => C::List {
                selection_options: selection_options.into_static(),
                reference: reference.into_static(),
                patterns: patterns.into_static(),
                return_options: return_options.into_static(),
            },
            C::Lsub { reference, pattern } => C::Lsub {
                reference: reference.into_static(),
                pattern: pattern.into_static(),
            },
            C::Status { mailbox, items } => C::Status {
                mailbox: mailbox.into_static(),
                items,
            },
            C::Append { mailbox, messages } => C::Append {
                mailbox: mailbox.into_static(),
                messages: messages.into_static(),
            },
            C::Check => C::Check,
            C::Close => C::Close,
            C::Expunge => C::Expunge,
            C::Search {
                return_options,
                charset,
                criteria,
                uid,
            } => C::Search {
                return_options: return_options.into_static(),
                charset: charset.into_static(),
                criteria: criteria.into_static(),
                uid,
            },
            C::Fetch {
                sequence_set,
                items,
                modifiers,
                uid,
            } => C::Fetch {
                sequence_set: sequence_set.into_static(),
                items: items.into_static(),
                modifiers: modifiers.into_static(),
                uid,
            },
            C::Store {
                sequence_set,
                modifiers,
                kind,
                response,
                flags,
                uid,
            } => C::Store {
                sequence_set: sequence_set.into_static(),
                modifiers: modifiers.into_static(),
                kind,
                response,
                flags: flags.into_static(),
                uid,
            },
            C::Copy {
                sequence_set,
                mailbox,
                uid,
            } => C::Copy {
                sequence_set: sequence_set.into_static(),
                mailbox: mailbox.into_static(),
                uid,
            },
            C::Idle => C::Idle,
            C::X { name, arguments } => C::X {
                name: name.into_static(),
                arguments: arguments.into_static(),
            },
        }
    }
}

/// The flags of STORE: `flag-list / (flag *(SP flag))`, in the form written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum StoreFlags<'a> {
    /// `"(" [flag *(SP flag)] ")"`
    List(Vec<Flag<'a>>),
    /// `flag *(SP flag)`
    Bare(Vec1<Flag<'a>>),
}

crate::impl_into_static_enum!(StoreFlags {} { List, Bare });

/// `mbox-or-pat = list-mailbox / patterns` (RFC 5258)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ListPatterns<'a> {
    /// `list-mailbox`
    Single(ListMailbox<'a>),
    /// `patterns = "(" list-mailbox *(SP list-mailbox) ")"`
    List(Vec1<ListMailbox<'a>>),
}

crate::impl_into_static_enum!(ListPatterns {} { Single, List });

/// A LIST selection or return option (RFC 5258): `option-extension = (option-standard-tag /
/// option-vendor-tag) [SP option-value]`, with the standard options (`SUBSCRIBED`, `REMOTE`,
/// `RECURSIVEMATCH`, `CHILDREN`, `SPECIAL-USE`, `STATUS (...)`, ...) by name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ListOption<'a> {
    /// The option's name (an `atom`).
    pub name: Atom<'a>,
    /// `option-value = "(" option-val-comp ")"`: the components inside the parentheses.
    pub value: Option<Vec1<crate::core::TaggedExtComp<'a>>>,
}

crate::impl_into_static_struct!(ListOption { name, value });

/// `append-message = append-opts SP append-data` (RFC 4466)
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AppendMessage<'a> {
    /// `[SP flag-list]`; `None` when absent.
    pub flags: Option<Vec<Flag<'a>>>,
    /// `[SP date-time]`
    pub date: Option<DateTime>,
    /// `*(SP append-ext)`
    pub extensions: Vec<TaggedExtension<'a>>,
    /// `append-data`
    pub data: AppendData<'a>,
}

crate::impl_into_static_struct!(AppendMessage {
    flags,
    date,
    extensions,
    data
});

/// `append-data = literal / literal8 / append-data-ext`
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AppendData<'a> {
    /// `literal`: the message.
    Literal(Literal<'a>),
    /// `literal8` (RFC 3516): the message, which may hold NUL bytes.
    Literal8(Literal8<'a>),
    /// `append-data-ext = tagged-ext`, e.g. `CATENATE (...)` of RFC 4469.
    Extension(TaggedExtension<'a>),
}

crate::impl_into_static_enum!(AppendData {} { Literal, Literal8, Extension });

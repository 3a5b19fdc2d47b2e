//! # imap-types
//!
//! Data types for every IMAP command, response, response code and capability: IMAP4rev1
//! (RFC 3501), IMAP4rev2 (RFC 9051) and the extension points of RFC 4466.
//!
//! Values are checked when they are built, so that nothing built from them can encode to bytes
//! that break the grammar. They borrow from the input where they can (`Cow`), and
//! [`IntoStatic::into_static`] gives an owned copy.
//! Encoding and decoding live in the `imap-codec` crate.
//!
//! Lists that most often hold one item (a message's flags in a FETCH response, a body part's
//! parameters, an envelope's addresses) are [`SmallList`](core::SmallList)s, which hold that
//! item without allocating, and the path of a body part (`1.2.3`, a [`Part`](fetch::Part))
//! keeps up to three numbers inline; the large items of a FETCH response (envelopes, body
//! structures) are boxed, so that a list of items stays small.
//!
//! ```
//! use imap_types::{
//!     command::{Command, CommandBody},
//!     core::{AString, Tag},
//!     mailbox::Mailbox,
//! };
//!
//! let cmd = Command {
//!     tag: Tag::try_from("A142").unwrap(),
//!     body: CommandBody::Select { mailbox: Mailbox::inbox(), parameters: vec![] },
//! };
//! assert!(matches!(cmd.body, CommandBody::Select { ref mailbox, .. } if mailbox.is_inbox()));
//!
//! // A value that the grammar does not allow cannot be built.
//! assert!(Tag::try_from("A+1").is_err());
//! // Strings pick the shortest form that holds them.
//! assert!(matches!(AString::try_from("hello world").unwrap(), AString::String(_)));
//! ```
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]

extern crate alloc;

pub mod auth;
pub mod body;
pub mod capability;
pub mod command;
pub mod core;
pub mod datetime;
pub mod envelope;
pub mod fetch;
pub mod flag;
pub mod mailbox;
pub mod response;
pub mod search;
pub mod sequence;
pub mod status;
mod utils;

pub use crate::core::IntoStatic;

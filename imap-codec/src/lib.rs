//! # imap-codec
//!
//! A sans-IO decoder and encoder for IMAP (IMAP4rev1, RFC 3501; IMAP4rev2, RFC 9051; and the
//! extension points of RFC 4466), for the types of [`imap_types`].
//!
//! * **Zero-copy**: decoded values borrow from the input (literal bodies included);
//!   `into_static()` gives an owned value. Encoding to fragments
//!   ([`Encode::encode_to_fragments`]) borrows literal data from the value.
//! * **Streaming**: a proper prefix of a message decodes to [`DecodeError::Incomplete`] (or to a
//!   [`DecodeError::LiteralAnnouncement`] when a command waits for a continuation request),
//!   never to a wrong value; the [`framer::Framer`] cuts whole messages out of a byte stream.
//! * **Faithful**: values remember how they were written, so a decoded message encodes back
//!   to the same bytes.
//! * **Hardened**: no panic on any input, bounded nesting, numbers checked for overflow, and
//!   no allocation for an announced literal before its bytes are there.
//!
//! ```
//! use imap_codec::{Decode, Encode};
//! use imap_types::command::{Command, CommandBody};
//!
//! let input = b"A1 SELECT INBOX\r\n";
//! let (rest, command) = Command::decode(input).unwrap();
//! assert!(rest.is_empty());
//! assert!(matches!(command.body, CommandBody::Select { .. }));
//! assert_eq!(command.encode_to_vec(), input);
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
pub mod decode;
pub mod encode;
pub mod envelope;
pub mod fetch;
pub mod flag;
pub mod framer;
mod keyword;
pub mod mailbox;
pub mod response;
pub mod search;
pub mod sequence;
pub mod status;

pub use decode::{Decode, DecodeError, DecodeOptions, LiteralAnnouncement};
pub use encode::{Encode, Encoder, Fragment};
pub use imap_types;

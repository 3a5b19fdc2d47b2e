//! Round-trip and streaming properties of the five kinds of message, on values from the one
//! generator (`imap_suite::generator`), and a check that the generator reaches every variant.
//!
//! Each property runs a small number of cases by default so that the file stays fast in debug
//! builds; `PROPTEST_CASES=<n>` overrides it.

use std::collections::BTreeSet;

use arbitrary::Unstructured;
use imap_codec::{Decode, DecodeError, Encode};
use imap_suite::generator;
use imap_types::{
    IntoStatic,
    auth::{AuthenticateData, IdleDone},
    command::{Command, CommandBody},
    fetch::{FetchAttribute, FetchItems, MessageDataItem},
    response::{Code, ContinueRequest, Data, Greeting, RespText, Response, Status},
    search::SearchKey,
};
use proptest::prelude::*;

/// The proptest configuration: `cases` unless `PROPTEST_CASES` is set, which then wins.
///
/// Failures are not persisted next to the sources: a failing case is turned into a unit test
/// or a file of `tests/data/fuzz-regressions/` (see `fuzz/README.md`).
fn config(cases: u32) -> ProptestConfig {
    let base = ProptestConfig {
        failure_persistence: None,
        ..ProptestConfig::default()
    };
    if std::env::var_os("PROPTEST_CASES").is_some() {
        base
    } else {
        ProptestConfig { cases, ..base }
    }
}

/// The bytes the generator draws its choices from.
fn seed_bytes() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(any::<u8>(), 0..2048)
}

/// Asserts that a decode failure is one a proper prefix may give.
fn assert_prefix_outcome<T: std::fmt::Debug>(
    prefix: &[u8],
    outcome: &Result<(&[u8], T), DecodeError<'_>>,
) {
    match outcome {
        Err(DecodeError::Incomplete | DecodeError::LiteralAnnouncement(_)) => {}
        other => panic!(
            "prefix {:?} decoded to {other:?}, expected Incomplete or LiteralAnnouncement",
            String::from_utf8_lossy(prefix)
        ),
    }
}

/// Asserts that an error's offset lies within the input.
fn assert_offset_within<T>(input: &[u8], outcome: &Result<(&[u8], T), DecodeError<'_>>) {
    if let Err(DecodeError::Failed { offset, expected }) = outcome {
        assert!(
            *offset < input.len(),
            "offset {offset} (expected {expected}) lies outside an input of {} bytes",
            input.len()
        );
    }
}

/// Damages a valid message: overwrites, deletes or inserts bytes at positions from `edits`.
fn mutate(mut bytes: Vec<u8>, edits: &[(usize, u8, u8)]) -> Vec<u8> {
    for &(at, kind, byte) in edits {
        let at = if bytes.is_empty() {
            0
        } else {
            at % (bytes.len() + 1)
        };
        match kind % 3 {
            0 if at < bytes.len() => bytes[at] = byte,
            1 if at < bytes.len() => {
                bytes.remove(at);
            }
            _ => bytes.insert(at, byte),
        }
    }
    bytes
}

/// The properties of one kind of message, as a module of proptest tests.
macro_rules! message_properties {
    ($module:ident, $ty:ident, $generate:path, $cases:expr,
     $identity:ident, $fidelity:ident, $prefixes:ident, $arbitrary:ident, $mutated:ident,
     $into_static:ident) => {
        mod $module {
            use super::*;

            proptest! {
                #![proptest_config(config($cases))]

                /// `decode(encode(v)) == v`, with no bytes left, and the bytes after a message
                /// are handed back untouched.
                #[test]
                fn $identity(bytes in seed_bytes(), trailer in seed_bytes()) {
                    let mut u = Unstructured::new(&bytes);
                    let value = $generate(&mut u).expect("generator");
                    let encoded = value.encode_to_vec();
                    let (rest, decoded) = $ty::decode(&encoded).unwrap_or_else(|e| {
                        panic!("{:?} does not decode: {e:?}", String::from_utf8_lossy(&encoded))
                    });
                    prop_assert!(rest.is_empty(), "bytes left: {:?}", rest);
                    prop_assert_eq!(&decoded, &value);

                    let mut u = Unstructured::new(&trailer);
                    let next = $generate(&mut u).expect("generator").encode_to_vec();
                    let stream = [encoded.as_slice(), next.as_slice()].concat();
                    let (rest, decoded) = $ty::decode(&stream).expect("decodes in a stream");
                    prop_assert_eq!(rest, next.as_slice());
                    prop_assert_eq!(&decoded, &value);
                }

                /// `encode(decode(bytes)) == bytes` for the canonical bytes of a message.
                #[test]
                fn $fidelity(bytes in seed_bytes()) {
                    let mut u = Unstructured::new(&bytes);
                    let encoded = $generate(&mut u).expect("generator").encode_to_vec();
                    let (_, decoded) = $ty::decode(&encoded).expect("decodes");
                    let again = decoded.encode_to_vec();
                    prop_assert_eq!(
                        String::from_utf8_lossy(&again),
                        String::from_utf8_lossy(&encoded)
                    );
                }

                /// Every proper prefix of a message is incomplete (or a literal announcement),
                /// never an error and never a value.
                #[test]
                fn $prefixes(bytes in seed_bytes()) {
                    let mut u = Unstructured::new(&bytes);
                    let encoded = $generate(&mut u).expect("generator").encode_to_vec();
                    for end in 0..encoded.len() {
                        let prefix = &encoded[..end];
                        assert_prefix_outcome(prefix, &$ty::decode(prefix));
                    }
                }

                /// Decoding arbitrary bytes never panics, and an error's offset lies within the
                /// input.
                #[test]
                fn $arbitrary(input in proptest::collection::vec(any::<u8>(), 0..512)) {
                    assert_offset_within(&input, &$ty::decode(&input));
                }

                /// Decoding a damaged message never panics, and an error's offset lies within
                /// the input; what decodes encodes to bytes that decode to the same value.
                #[test]
                fn $mutated(
                    bytes in seed_bytes(),
                    edits in proptest::collection::vec(any::<(usize, u8, u8)>(), 1..4),
                ) {
                    let mut u = Unstructured::new(&bytes);
                    let encoded = $generate(&mut u).expect("generator").encode_to_vec();
                    let input = mutate(encoded, &edits);
                    let outcome = $ty::decode(&input);
                    assert_offset_within(&input, &outcome);
                    if let Ok((_, value)) = outcome {
                        let again = value.encode_to_vec();
                        let (rest, decoded) = $ty::decode(&again).expect("re-encoding decodes");
                        prop_assert!(rest.is_empty());
                        prop_assert_eq!(decoded, value);
                    }
                }

                /// `into_static()` keeps a value equal, for generated and for decoded values.
                #[test]
                fn $into_static(bytes in seed_bytes()) {
                    let mut u = Unstructured::new(&bytes);
                    let value = $generate(&mut u).expect("generator");
                    prop_assert_eq!(value.clone().into_static(), value.clone());
                    let encoded = value.encode_to_vec();
                    let (_, decoded) = $ty::decode(&encoded).expect("decodes");
                    let owned = decoded.clone().into_static();
                    prop_assert_eq!(&owned, &decoded);
                    drop(encoded);
                    prop_assert_eq!(owned, value);
                }
            }
        }
    };
}

message_properties!(
    greetings,
    Greeting,
    generator::greeting,
    128,
    decode_of_encode_is_identity_for_greetings,
    encode_of_decode_is_identity_for_greetings,
    every_proper_prefix_is_incomplete_for_greetings,
    decoding_arbitrary_bytes_never_panics_for_greetings,
    decoding_damaged_greetings_never_panics,
    into_static_preserves_equality_for_greetings
);

message_properties!(
    commands,
    Command,
    generator::command,
    256,
    decode_of_encode_is_identity_for_commands,
    encode_of_decode_is_identity_for_commands,
    every_proper_prefix_is_incomplete_for_commands,
    decoding_arbitrary_bytes_never_panics_for_commands,
    decoding_damaged_commands_never_panics,
    into_static_preserves_equality_for_commands
);

message_properties!(
    responses,
    Response,
    generator::response,
    256,
    decode_of_encode_is_identity_for_responses,
    encode_of_decode_is_identity_for_responses,
    every_proper_prefix_is_incomplete_for_responses,
    decoding_arbitrary_bytes_never_panics_for_responses,
    decoding_damaged_responses_never_panics,
    into_static_preserves_equality_for_responses
);

message_properties!(
    authenticate_data,
    AuthenticateData,
    generator::authenticate_data,
    64,
    decode_of_encode_is_identity_for_authenticate_data,
    encode_of_decode_is_identity_for_authenticate_data,
    every_proper_prefix_is_incomplete_for_authenticate_data,
    decoding_arbitrary_bytes_never_panics_for_authenticate_data,
    decoding_damaged_authenticate_data_never_panics,
    into_static_preserves_equality_for_authenticate_data
);

message_properties!(
    idle_done,
    IdleDone,
    generator::idle_done,
    64,
    decode_of_encode_is_identity_for_idle_done,
    encode_of_decode_is_identity_for_idle_done,
    every_proper_prefix_is_incomplete_for_idle_done,
    decoding_arbitrary_bytes_never_panics_for_idle_done,
    decoding_damaged_idle_done_never_panics,
    into_static_preserves_equality_for_idle_done
);

// -------------------------------------------------------------------------------------------
// Variant coverage of the generator
// -------------------------------------------------------------------------------------------

/// A deterministic source of pseudo-random bytes (xorshift64*), so that the coverage test
/// gives the same answer on every run.
struct Bytes(u64);

impl Bytes {
    fn fill(&mut self, out: &mut [u8]) {
        for b in out {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            *b = (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 56) as u8;
        }
    }
}

/// The variants seen, by name.
#[derive(Default)]
struct Seen(BTreeSet<&'static str>);

impl Seen {
    fn command_body(&mut self, body: &CommandBody) {
        let kind = match body {
            CommandBody::Capability => "CommandBody::Capability",
            CommandBody::Noop => "CommandBody::Noop",
            CommandBody::Logout => "CommandBody::Logout",
            CommandBody::StartTls => "CommandBody::StartTls",
            CommandBody::Authenticate { .. } => "CommandBody::Authenticate",
            CommandBody::Login { .. } => "CommandBody::Login",
            CommandBody::Select { .. } => "CommandBody::Select",
            CommandBody::Examine { .. } => "CommandBody::Examine",
            CommandBody::Create { .. } => "CommandBody::Create",
            CommandBody::Delete { .. } => "CommandBody::Delete",
            CommandBody::Rename { .. } => "CommandBody::Rename",
            CommandBody::Subscribe { .. } => "CommandBody::Subscribe",
            CommandBody::Unsubscribe { .. } => "CommandBody::Unsubscribe",
            CommandBody::List { .. } => "CommandBody::List",
            CommandBody::Lsub { .. } => "CommandBody::Lsub",
            CommandBody::Status { .. } => "CommandBody::Status",
            CommandBody::Append { .. } => "CommandBody::Append",
            CommandBody::Check => "CommandBody::Check",
            CommandBody::Close => "CommandBody::Close",
            CommandBody::Expunge => "CommandBody::Expunge",
            CommandBody::Search { uid, criteria, .. } => {
                for key in criteria.iter() {
                    self.search_key(key);
                }
                if *uid {
                    "CommandBody::Search (UID)"
                } else {
                    "CommandBody::Search"
                }
            }
            CommandBody::Fetch { uid, items, .. } => {
                match items {
                    FetchItems::Macro(_) => self.0.insert("FetchItems::Macro"),
                    FetchItems::Single(att) => {
                        self.fetch_attribute(att);
                        self.0.insert("FetchItems::Single")
                    }
                    FetchItems::List(atts) => {
                        atts.iter().for_each(|a| self.fetch_attribute(a));
                        self.0.insert("FetchItems::List")
                    }
                };
                if *uid {
                    "CommandBody::Fetch (UID)"
                } else {
                    "CommandBody::Fetch"
                }
            }
            CommandBody::Store { uid, .. } => {
                if *uid {
                    "CommandBody::Store (UID)"
                } else {
                    "CommandBody::Store"
                }
            }
            CommandBody::Copy { uid, .. } => {
                if *uid {
                    "CommandBody::Copy (UID)"
                } else {
                    "CommandBody::Copy"
                }
            }
            CommandBody::Idle => "CommandBody::Idle",
            CommandBody::X { .. } => "CommandBody::X",
        };
        self.0.insert(kind);
    }

    fn fetch_attribute(&mut self, att: &FetchAttribute) {
        self.0.insert(match att {
            FetchAttribute::Envelope => "FetchAttribute::Envelope",
            FetchAttribute::Flags => "FetchAttribute::Flags",
            FetchAttribute::InternalDate => "FetchAttribute::InternalDate",
            FetchAttribute::Rfc822 => "FetchAttribute::Rfc822",
            FetchAttribute::Rfc822Header => "FetchAttribute::Rfc822Header",
            FetchAttribute::Rfc822Size => "FetchAttribute::Rfc822Size",
            FetchAttribute::Rfc822Text => "FetchAttribute::Rfc822Text",
            FetchAttribute::Body => "FetchAttribute::Body",
            FetchAttribute::BodyStructure => "FetchAttribute::BodyStructure",
            FetchAttribute::Uid => "FetchAttribute::Uid",
            FetchAttribute::BodyExt { .. } => "FetchAttribute::BodyExt",
            FetchAttribute::Binary { .. } => "FetchAttribute::Binary",
            FetchAttribute::BinarySize { .. } => "FetchAttribute::BinarySize",
            FetchAttribute::ModSeq => "FetchAttribute::ModSeq",
            FetchAttribute::EmailId => "FetchAttribute::EmailId",
            FetchAttribute::ThreadId => "FetchAttribute::ThreadId",
            FetchAttribute::SaveDate => "FetchAttribute::SaveDate",
            FetchAttribute::Preview { .. } => "FetchAttribute::Preview",
        });
    }

    fn search_key(&mut self, key: &SearchKey) {
        let kind = match key {
            SearchKey::All => "SearchKey::All",
            SearchKey::Answered => "SearchKey::Answered",
            SearchKey::Bcc(_) => "SearchKey::Bcc",
            SearchKey::Before(_) => "SearchKey::Before",
            SearchKey::Body(_) => "SearchKey::Body",
            SearchKey::Cc(_) => "SearchKey::Cc",
            SearchKey::Deleted => "SearchKey::Deleted",
            SearchKey::Draft => "SearchKey::Draft",
            SearchKey::Flagged => "SearchKey::Flagged",
            SearchKey::From(_) => "SearchKey::From",
            SearchKey::Header(..) => "SearchKey::Header",
            SearchKey::Keyword(_) => "SearchKey::Keyword",
            SearchKey::Larger(_) => "SearchKey::Larger",
            SearchKey::New => "SearchKey::New",
            SearchKey::Not(inner) => {
                self.search_key(inner);
                "SearchKey::Not"
            }
            SearchKey::Old => "SearchKey::Old",
            SearchKey::On(_) => "SearchKey::On",
            SearchKey::Or(a, b) => {
                self.search_key(a);
                self.search_key(b);
                "SearchKey::Or"
            }
            SearchKey::Recent => "SearchKey::Recent",
            SearchKey::Seen => "SearchKey::Seen",
            SearchKey::SentBefore(_) => "SearchKey::SentBefore",
            SearchKey::SentOn(_) => "SearchKey::SentOn",
            SearchKey::SentSince(_) => "SearchKey::SentSince",
            SearchKey::Since(_) => "SearchKey::Since",
            SearchKey::Smaller(_) => "SearchKey::Smaller",
            SearchKey::Subject(_) => "SearchKey::Subject",
            SearchKey::Text(_) => "SearchKey::Text",
            SearchKey::To(_) => "SearchKey::To",
            SearchKey::Uid(_) => "SearchKey::Uid",
            SearchKey::Unanswered => "SearchKey::Unanswered",
            SearchKey::Undeleted => "SearchKey::Undeleted",
            SearchKey::Undraft => "SearchKey::Undraft",
            SearchKey::Unflagged => "SearchKey::Unflagged",
            SearchKey::Unkeyword(_) => "SearchKey::Unkeyword",
            SearchKey::Unseen => "SearchKey::Unseen",
            SearchKey::SequenceSet(_) => "SearchKey::SequenceSet",
            SearchKey::And(keys) => {
                keys.iter().for_each(|k| self.search_key(k));
                "SearchKey::And"
            }
        };
        self.0.insert(kind);
    }

    fn resp_text(&mut self, text: &RespText) {
        let Some(code) = &text.code else {
            return;
        };
        self.0.insert(match code {
            Code::Alert => "Code::Alert",
            Code::Parse => "Code::Parse",
            Code::ReadOnly => "Code::ReadOnly",
            Code::ReadWrite => "Code::ReadWrite",
            Code::TryCreate => "Code::TryCreate",
            Code::Unavailable => "Code::Unavailable",
            Code::AuthenticationFailed => "Code::AuthenticationFailed",
            Code::AuthorizationFailed => "Code::AuthorizationFailed",
            Code::Expired => "Code::Expired",
            Code::PrivacyRequired => "Code::PrivacyRequired",
            Code::ContactAdmin => "Code::ContactAdmin",
            Code::NoPerm => "Code::NoPerm",
            Code::InUse => "Code::InUse",
            Code::ExpungeIssued => "Code::ExpungeIssued",
            Code::Corruption => "Code::Corruption",
            Code::ServerBug => "Code::ServerBug",
            Code::ClientBug => "Code::ClientBug",
            Code::Cannot => "Code::Cannot",
            Code::Limit => "Code::Limit",
            Code::OverQuota => "Code::OverQuota",
            Code::AlreadyExists => "Code::AlreadyExists",
            Code::NonExistent => "Code::NonExistent",
            Code::UidNotSticky => "Code::UidNotSticky",
            Code::NoModSeq => "Code::NoModSeq",
            Code::Closed => "Code::Closed",
            Code::HasChildren => "Code::HasChildren",
            Code::CompressionActive => "Code::CompressionActive",
            Code::BadCharset(_) => "Code::BadCharset",
            Code::Capability(_) => "Code::Capability",
            Code::PermanentFlags(_) => "Code::PermanentFlags",
            Code::UidNext(_) => "Code::UidNext",
            Code::UidValidity(_) => "Code::UidValidity",
            Code::Unseen(_) => "Code::Unseen",
            Code::AppendUid { .. } => "Code::AppendUid",
            Code::CopyUid { .. } => "Code::CopyUid",
            Code::HighestModSeq(_) => "Code::HighestModSeq",
            Code::Modified(_) => "Code::Modified",
            Code::Other(_) => "Code::Other",
        });
    }

    fn message_data_item(&mut self, item: &MessageDataItem) {
        self.0.insert(match item {
            MessageDataItem::Flags(_) => "MessageDataItem::Flags",
            MessageDataItem::Envelope(_) => "MessageDataItem::Envelope",
            MessageDataItem::InternalDate(_) => "MessageDataItem::InternalDate",
            MessageDataItem::Rfc822(_) => "MessageDataItem::Rfc822",
            MessageDataItem::Rfc822Header(_) => "MessageDataItem::Rfc822Header",
            MessageDataItem::Rfc822Text(_) => "MessageDataItem::Rfc822Text",
            MessageDataItem::Rfc822Size(_) => "MessageDataItem::Rfc822Size",
            MessageDataItem::Body(_) => "MessageDataItem::Body",
            MessageDataItem::BodyStructure(_) => "MessageDataItem::BodyStructure",
            MessageDataItem::BodyExt { .. } => "MessageDataItem::BodyExt",
            MessageDataItem::Uid(_) => "MessageDataItem::Uid",
            MessageDataItem::Binary { .. } => "MessageDataItem::Binary",
            MessageDataItem::BinarySize { .. } => "MessageDataItem::BinarySize",
            MessageDataItem::ModSeq(_) => "MessageDataItem::ModSeq",
            MessageDataItem::EmailId(_) => "MessageDataItem::EmailId",
            MessageDataItem::ThreadId(_) => "MessageDataItem::ThreadId",
            MessageDataItem::SaveDate(_) => "MessageDataItem::SaveDate",
            MessageDataItem::Preview(_) => "MessageDataItem::Preview",
        });
    }

    fn response(&mut self, response: &Response) {
        let kind = match response {
            Response::Status(status) => match status {
                Status::Cond { tag, text, .. } => {
                    self.resp_text(text);
                    if tag.is_some() {
                        "Status::Cond (tagged)"
                    } else {
                        "Status::Cond (untagged)"
                    }
                }
                Status::Bye(text) => {
                    self.resp_text(text);
                    "Status::Bye"
                }
            },
            Response::Data(data) => match data {
                Data::Capability(_) => "Data::Capability",
                Data::List(_) => "Data::List",
                Data::Lsub(_) => "Data::Lsub",
                Data::Status { .. } => "Data::Status",
                Data::Search { .. } => "Data::Search",
                Data::Flags(_) => "Data::Flags",
                Data::Exists(_) => "Data::Exists",
                Data::Recent(_) => "Data::Recent",
                Data::Expunge(_) => "Data::Expunge",
                Data::Fetch { items, .. } => {
                    items.iter().for_each(|i| self.message_data_item(i));
                    "Data::Fetch"
                }
            },
            Response::Continue(request) => match request {
                ContinueRequest::Basic(text) => {
                    self.resp_text(text);
                    "ContinueRequest::Basic"
                }
                ContinueRequest::Base64(_) => "ContinueRequest::Base64",
            },
        };
        self.0.insert(kind);
        self.0.insert(match response {
            Response::Status(_) => "Response::Status",
            Response::Data(_) => "Response::Data",
            Response::Continue(_) => "Response::Continue",
        });
    }
}

/// Every variant name the coverage test must see.
const EXPECTED: &[&str] = &[
    "CommandBody::Capability",
    "CommandBody::Noop",
    "CommandBody::Logout",
    "CommandBody::StartTls",
    "CommandBody::Authenticate",
    "CommandBody::Login",
    "CommandBody::Select",
    "CommandBody::Examine",
    "CommandBody::Create",
    "CommandBody::Delete",
    "CommandBody::Rename",
    "CommandBody::Subscribe",
    "CommandBody::Unsubscribe",
    "CommandBody::List",
    "CommandBody::Lsub",
    "CommandBody::Status",
    "CommandBody::Append",
    "CommandBody::Check",
    "CommandBody::Close",
    "CommandBody::Expunge",
    "CommandBody::Search",
    "CommandBody::Search (UID)",
    "CommandBody::Fetch",
    "CommandBody::Fetch (UID)",
    "CommandBody::Store",
    "CommandBody::Store (UID)",
    "CommandBody::Copy",
    "CommandBody::Copy (UID)",
    "CommandBody::Idle",
    "CommandBody::X",
    "FetchItems::Macro",
    "FetchItems::Single",
    "FetchItems::List",
    "FetchAttribute::Envelope",
    "FetchAttribute::Flags",
    "FetchAttribute::InternalDate",
    "FetchAttribute::Rfc822",
    "FetchAttribute::Rfc822Header",
    "FetchAttribute::Rfc822Size",
    "FetchAttribute::Rfc822Text",
    "FetchAttribute::Body",
    "FetchAttribute::BodyStructure",
    "FetchAttribute::Uid",
    "FetchAttribute::BodyExt",
    "FetchAttribute::Binary",
    "FetchAttribute::BinarySize",
    "FetchAttribute::ModSeq",
    "FetchAttribute::EmailId",
    "FetchAttribute::ThreadId",
    "FetchAttribute::SaveDate",
    "FetchAttribute::Preview",
    "SearchKey::All",
    "SearchKey::Answered",
    "SearchKey::Bcc",
    "SearchKey::Before",
    "SearchKey::Body",
    "SearchKey::Cc",
    "SearchKey::Deleted",
    "SearchKey::Draft",
    "SearchKey::Flagged",
    "SearchKey::From",
    "SearchKey::Header",
    "SearchKey::Keyword",
    "SearchKey::Larger",
    "SearchKey::New",
    "SearchKey::Not",
    "SearchKey::Old",
    "SearchKey::On",
    "SearchKey::Or",
    "SearchKey::Recent",
    "SearchKey::Seen",
    "SearchKey::SentBefore",
    "SearchKey::SentOn",
    "SearchKey::SentSince",
    "SearchKey::Since",
    "SearchKey::Smaller",
    "SearchKey::Subject",
    "SearchKey::Text",
    "SearchKey::To",
    "SearchKey::Uid",
    "SearchKey::Unanswered",
    "SearchKey::Undeleted",
    "SearchKey::Undraft",
    "SearchKey::Unflagged",
    "SearchKey::Unkeyword",
    "SearchKey::Unseen",
    "SearchKey::SequenceSet",
    "SearchKey::And",
    "Response::Status",
    "Response::Data",
    "Response::Continue",
    "Status::Cond (tagged)",
    "Status::Cond (untagged)",
    "Status::Bye",
    "Data::Capability",
    "Data::List",
    "Data::Lsub",
    "Data::Status",
    "Data::Search",
    "Data::Flags",
    "Data::Exists",
    "Data::Recent",
    "Data::Expunge",
    "Data::Fetch",
    "ContinueRequest::Basic",
    "ContinueRequest::Base64",
    "Code::Alert",
    "Code::Parse",
    "Code::ReadOnly",
    "Code::ReadWrite",
    "Code::TryCreate",
    "Code::Unavailable",
    "Code::AuthenticationFailed",
    "Code::AuthorizationFailed",
    "Code::Expired",
    "Code::PrivacyRequired",
    "Code::ContactAdmin",
    "Code::NoPerm",
    "Code::InUse",
    "Code::ExpungeIssued",
    "Code::Corruption",
    "Code::ServerBug",
    "Code::ClientBug",
    "Code::Cannot",
    "Code::Limit",
    "Code::OverQuota",
    "Code::AlreadyExists",
    "Code::NonExistent",
    "Code::UidNotSticky",
    "Code::NoModSeq",
    "Code::Closed",
    "Code::HasChildren",
    "Code::CompressionActive",
    "Code::BadCharset",
    "Code::Capability",
    "Code::PermanentFlags",
    "Code::UidNext",
    "Code::UidValidity",
    "Code::Unseen",
    "Code::AppendUid",
    "Code::CopyUid",
    "Code::HighestModSeq",
    "Code::Modified",
    "Code::Other",
    "MessageDataItem::Flags",
    "MessageDataItem::Envelope",
    "MessageDataItem::InternalDate",
    "MessageDataItem::Rfc822",
    "MessageDataItem::Rfc822Header",
    "MessageDataItem::Rfc822Text",
    "MessageDataItem::Rfc822Size",
    "MessageDataItem::Body",
    "MessageDataItem::BodyStructure",
    "MessageDataItem::BodyExt",
    "MessageDataItem::Uid",
    "MessageDataItem::Binary",
    "MessageDataItem::BinarySize",
    "MessageDataItem::ModSeq",
    "MessageDataItem::EmailId",
    "MessageDataItem::ThreadId",
    "MessageDataItem::SaveDate",
    "MessageDataItem::Preview",
];

/// The generator reaches every variant of commands, responses, codes, fetch attributes, message
/// data items and search keys from a few thousand pseudo-random inputs.
#[test]
fn generator_reaches_every_variant() {
    let mut source = Bytes(0x9e37_79b9_7f4a_7c15);
    let mut buf = vec![0u8; 1024];
    let mut seen = Seen::default();
    for _ in 0..3000 {
        source.fill(&mut buf);
        let command = generator::command(&mut Unstructured::new(&buf)).expect("command");
        seen.command_body(&command.body);

        source.fill(&mut buf);
        let response = generator::response(&mut Unstructured::new(&buf)).expect("response");
        seen.response(&response);

        source.fill(&mut buf);
        let greeting: Greeting =
            generator::greeting(&mut Unstructured::new(&buf)).expect("greeting");
        seen.resp_text(&greeting.text);
    }
    for _ in 0..300 {
        let _: AuthenticateData =
            generator::authenticate_data(&mut Unstructured::new(&buf)).expect("authenticate data");
    }

    let unknown: Vec<_> = seen.0.iter().filter(|k| !EXPECTED.contains(k)).collect();
    assert!(
        unknown.is_empty(),
        "kinds missing from EXPECTED: {unknown:?}"
    );
    let missing: Vec<_> = EXPECTED.iter().filter(|k| !seen.0.contains(*k)).collect();
    assert!(
        missing.is_empty(),
        "the generator never produced: {missing:?}"
    );
}

/// The generator also works from no bytes at all (every choice is the first one).
#[test]
fn generator_terminates_on_empty_input() {
    let mut u = Unstructured::new(&[]);
    generator::command(&mut u).expect("command");
    generator::response(&mut u).expect("response");
    generator::greeting(&mut u).expect("greeting");
    generator::authenticate_data(&mut u).expect("authenticate data");
    generator::idle_done(&mut u).expect("idle done");
}

// -------------------------------------------------------------------------------------------
// The invariants the generator promises (see the module comment of the generator)
// -------------------------------------------------------------------------------------------

mod generator_invariants {
    use imap_types::{
        body::{BodyStructure, SpecificFields},
        capability::Capability,
        command::{AppendData, CommandBody},
        core::{IString, Parameter, TaggedExtSimple, TaggedExtValue, TaggedExtension},
        fetch::MessageDataItem,
        flag::{Flag, FlagFetch, MailboxAttribute},
        response::{Code, ContinueRequest, Data, Response, Status},
    };

    use super::*;

    fn is(s: &IString, word: &str) -> bool {
        s.as_bytes().eq_ignore_ascii_case(word.as_bytes())
    }

    fn body(b: &BodyStructure) {
        match b {
            BodyStructure::Single { body: part, .. } => match &part.specific {
                SpecificFields::Basic { r#type, subtype } => {
                    assert!(!is(r#type, "TEXT"), "Basic part of type TEXT");
                    assert!(
                        !(is(r#type, "MESSAGE")
                            && (is(subtype, "RFC822") || is(subtype, "GLOBAL"))),
                        "Basic part of type MESSAGE/RFC822"
                    );
                }
                SpecificFields::Text { r#type, .. } => {
                    assert!(matches!(r#type, IString::Quoted(_)) && is(r#type, "TEXT"));
                }
                SpecificFields::Message {
                    r#type,
                    subtype,
                    body_structure,
                    ..
                } => {
                    assert!(matches!(r#type, IString::Quoted(_)) && is(r#type, "MESSAGE"));
                    assert!(matches!(subtype, IString::Quoted(_)));
                    body(body_structure);
                }
            },
            BodyStructure::Multi { bodies, .. } => bodies.iter().for_each(body),
        }
    }

    fn capabilities(caps: &[Capability]) {
        assert!(
            caps.iter()
                .any(|c| matches!(c, Capability::Imap4Rev1 | Capability::Imap4Rev2)),
            "capability list without IMAP4rev1 or IMAP4rev2"
        );
    }

    fn code(code: &Option<Code>) {
        match code {
            Some(Code::Capability(caps)) => capabilities(caps),
            Some(Code::AppendUid { uids, .. }) => {
                assert!(!uids.as_str().contains(['*', '$']))
            }
            Some(Code::CopyUid {
                source,
                destination,
                ..
            }) => {
                assert!(!source.as_str().contains(['*', '$']));
                assert!(!destination.as_str().contains(['*', '$']));
            }
            Some(Code::HighestModSeq(n)) => assert!((1..=i64::MAX as u64).contains(n)),
            _ => {}
        }
    }

    fn response(r: &Response) {
        assert!(
            !format!("{r:?}").contains("NonSync"),
            "non-synchronizing literal in a server message"
        );
        match r {
            Response::Status(Status::Cond { text, .. } | Status::Bye(text)) => code(&text.code),
            Response::Continue(ContinueRequest::Basic(text)) => code(&text.code),
            Response::Continue(ContinueRequest::Base64(_)) => {}
            Response::Data(data) => match data {
                Data::Capability(caps) => capabilities(caps),
                Data::List(list) | Data::Lsub(list) => {
                    let sflags = list
                        .attributes
                        .iter()
                        .filter(|a| {
                            matches!(
                                a,
                                MailboxAttribute::Noselect
                                    | MailboxAttribute::Marked
                                    | MailboxAttribute::Unmarked
                            )
                        })
                        .count();
                    assert!(sflags <= 1, "more than one mbx-list-sflag");
                    for a in &list.attributes {
                        if let MailboxAttribute::Extension(e) = a {
                            assert!(MailboxAttribute::known(e.as_str()).is_none());
                        }
                    }
                }
                Data::Search { numbers, mod_seq } => {
                    assert!(mod_seq.is_none() || !numbers.is_empty());
                }
                Data::Fetch { items, .. } => {
                    for item in items.iter() {
                        match item {
                            MessageDataItem::Flags(flags) => {
                                for f in flags {
                                    if let FlagFetch::Flag(Flag::Extension(e)) = f {
                                        assert!(!e.as_str().eq_ignore_ascii_case("Recent"));
                                    }
                                }
                            }
                            MessageDataItem::Body(b) | MessageDataItem::BodyStructure(b) => body(b),
                            MessageDataItem::InternalDate(dt)
                            | MessageDataItem::SaveDate(Some(dt)) => {
                                assert!(!dt.zero_padded_day() || dt.day() < 10);
                            }
                            MessageDataItem::ModSeq(n) => {
                                assert!((1..=i64::MAX as u64).contains(n))
                            }
                            _ => {}
                        }
                    }
                }
                _ => {}
            },
        }
    }

    fn value(v: &TaggedExtValue) {
        match v {
            TaggedExtValue::Simple(TaggedExtSimple::SequenceSet(set)) => assert!(
                !set.as_str().bytes().all(|b| b.is_ascii_digit()),
                "a tagged-ext-simple set that reads as a number"
            ),
            TaggedExtValue::Simple(TaggedExtSimple::Number(n)) => {
                assert!(*n <= i64::MAX as u64)
            }
            TaggedExtValue::Comp(_) => {}
        }
    }

    fn parameters(ps: &[Parameter]) {
        ps.iter().filter_map(|p| p.value.as_ref()).for_each(value);
    }

    fn extensions(es: &[TaggedExtension]) {
        es.iter().for_each(|e| value(&e.value));
    }

    fn command_body(body: &CommandBody) {
        match body {
            CommandBody::Select { parameters: p, .. }
            | CommandBody::Examine { parameters: p, .. }
            | CommandBody::Create { parameters: p, .. }
            | CommandBody::Rename { parameters: p, .. }
            | CommandBody::Fetch { modifiers: p, .. }
            | CommandBody::Store { modifiers: p, .. } => parameters(p),
            CommandBody::Search {
                return_options: Some(p),
                ..
            } => parameters(p),
            CommandBody::Append { messages, .. } => {
                let mut after_ext_data = false;
                for m in messages.iter() {
                    extensions(&m.extensions);
                    if after_ext_data {
                        assert!(m.flags.is_some() || m.date.is_some());
                    }
                    after_ext_data = matches!(m.data, AppendData::Extension(_));
                    if let AppendData::Extension(e) = &m.data {
                        assert!(m.extensions.is_empty());
                        value(&e.value);
                    }
                }
            }
            CommandBody::X {
                arguments: Some(args),
                ..
            } => assert!(!args.contains(['{', '\r', '\n'])),
            _ => {}
        }
    }

    /// Generated values keep the invariants that the grammar cannot express and that the
    /// generator documents (bodies, flags, capability lists, ranges, literal modes, APPEND).
    #[test]
    fn generated_values_keep_the_documented_invariants() {
        let mut source = Bytes(0x0123_4567_89ab_cdef);
        let mut buf = vec![0u8; 2048];
        for _ in 0..3000 {
            source.fill(&mut buf);
            response(&generator::response(&mut Unstructured::new(&buf)).expect("response"));
            source.fill(&mut buf);
            let greeting = generator::greeting(&mut Unstructured::new(&buf)).expect("greeting");
            assert!(!format!("{greeting:?}").contains("NonSync"));
            code(&greeting.text.code);
            source.fill(&mut buf);
            command_body(
                &generator::command(&mut Unstructured::new(&buf))
                    .expect("command")
                    .body,
            );
        }
    }
}

/// Properties of the `Framer`: it hands out the same messages whatever the chunking of the
/// stream (random split points, one byte at a time, all at once).
mod framing {
    use arbitrary::Unstructured;
    use imap_codec::{
        Encode,
        framer::{FrameEvent, Framer, FramerConfig},
    };
    use imap_suite::generator;
    use proptest::prelude::*;

    use super::config;

    /// The encodings of a few values made by `generate` from `bytes`.
    fn stream_of(
        bytes: &[u8],
        generate: fn(&mut Unstructured) -> arbitrary::Result<Vec<u8>>,
    ) -> Vec<Vec<u8>> {
        let mut u = Unstructured::new(bytes);
        let mut messages = Vec::new();
        while messages.len() < 16 && (messages.is_empty() || !u.is_empty()) {
            messages.push(generate(&mut u).expect("generator"));
        }
        messages
    }

    fn encoded_command(u: &mut Unstructured) -> arbitrary::Result<Vec<u8>> {
        Ok(generator::command(u)?.encode_to_vec())
    }

    fn encoded_response(u: &mut Unstructured) -> arbitrary::Result<Vec<u8>> {
        Ok(generator::response(u)?.encode_to_vec())
    }

    /// Feeds `stream` to a framer in chunks of the sizes in `chunks` (cycled), and collects the
    /// messages it hands out. A literal awaiting a continuation request is noted and framing goes
    /// on (the peer is assumed to have answered `+`); a rejection fails the test.
    fn frame(stream: &[u8], chunks: &[usize]) -> Vec<Vec<u8>> {
        let mut framer = Framer::new(FramerConfig::default());
        let mut messages = Vec::new();
        let mut at = 0;
        let mut sizes = chunks.iter().copied().cycle();
        loop {
            while let Some(event) = framer.next_event() {
                match event {
                    FrameEvent::Message(message) => messages.push(message.to_vec()),
                    FrameEvent::LiteralAwaitingContinuation { length } => {
                        assert!(
                            u64::from(length) <= stream.len() as u64,
                            "announced literal of {length} bytes is longer than the stream"
                        );
                    }
                    FrameEvent::Rejected(error) => panic!("framer rejected valid input: {error:?}"),
                }
            }
            if at == stream.len() {
                return messages;
            }
            let size = sizes.next().unwrap_or(1).max(1);
            let end = (at + size).min(stream.len());
            framer.push(&stream[at..end]);
            at = end;
        }
    }

    /// Checks that the framer gives back exactly `messages` from their concatenation, chunked by
    /// `chunks` and one byte at a time.
    fn assert_frames(messages: &[Vec<u8>], chunks: &[usize]) -> Result<(), TestCaseError> {
        let stream = messages.concat();
        let framed = frame(&stream, chunks);
        prop_assert_eq!(&framed, messages, "random chunks {:?}", chunks);
        let framed = frame(&stream, &[1]);
        prop_assert_eq!(&framed, messages, "one byte at a time");
        let framed = frame(&stream, &[stream.len().max(1)]);
        prop_assert_eq!(&framed, messages, "all at once");
        Ok(())
    }

    proptest! {
        #![proptest_config(config(64))]

        /// The framer hands out the same commands whatever the chunking of the stream.
        #[test]
        fn framer_output_is_independent_of_chunking_for_commands(
            bytes in proptest::collection::vec(any::<u8>(), 0..4096),
            chunks in proptest::collection::vec(1usize..64, 1..32),
        ) {
            assert_frames(&stream_of(&bytes, encoded_command), &chunks)?;
        }

        /// The framer hands out the same responses whatever the chunking of the stream.
        #[test]
        fn framer_output_is_independent_of_chunking_for_responses(
            bytes in proptest::collection::vec(any::<u8>(), 0..4096),
            chunks in proptest::collection::vec(1usize..64, 1..32),
        ) {
            assert_frames(&stream_of(&bytes, encoded_response), &chunks)?;
        }
    }
}

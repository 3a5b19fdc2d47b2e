//! Every command and response example of RFC 3501 sections 6, 7 and 8 decodes with no byte
//! left and re-encodes to the same bytes (to the canonical upper-case form where the RFC
//! writes keywords in lower case), and every proper prefix of each is incomplete.
//!
//! The examples are in `tests/data/rfc3501_examples.trace`, one `## <section>` block per
//! example of the RFC, as wire transcripts (CRLF line ends, literals with their data). Its
//! header lists what differs from the RFC's text and why; only two examples are left out of
//! the valid ones, and [`left_out_examples_are_rejected`] checks that they are indeed invalid.

// `Kind::parse` (the CLI's kind names) and the decoded value of `Decoded` serve only the
// `imap` example.
#[allow(dead_code)]
#[path = "../imap-codec/examples/imap/transcript.rs"]
mod transcript;

use imap_codec::{
    DecodeError,
    framer::{FrameEvent, Framer, FramerConfig, Origin},
};

use transcript::{Kind, Session};

const EXAMPLES: &str = include_str!("data/rfc3501_examples.trace");

/// The sections of RFC 3501 that have command or response examples.
const SECTIONS: &[&str] = &[
    "6.1.1", "6.1.2", "6.1.3", "6.2.1", "6.2.2", "6.2.3", "6.3.1", "6.3.2", "6.3.3", "6.3.4",
    "6.3.5", "6.3.6", "6.3.7", "6.3.8", "6.3.9", "6.3.10", "6.3.11", "6.4.1", "6.4.2", "6.4.3",
    "6.4.4", "6.4.5", "6.4.6", "6.4.7", "6.4.8", "6.5.1", "7.1.1", "7.1.2", "7.1.3", "7.1.4",
    "7.1.5", "7.2.1", "7.2.2", "7.2.3", "7.2.4", "7.2.5", "7.2.6", "7.3.1", "7.3.2", "7.4.1",
    "7.4.2", "7.5", "8",
];

/// One message of an example.
#[derive(Debug, Clone)]
struct Example {
    section: String,
    /// The line of the data file where the message starts.
    line: usize,
    kind: Kind,
    bytes: Vec<u8>,
    /// The expected re-encoding.
    canonical: Vec<u8>,
}

impl Example {
    fn describe(&self) -> String {
        format!(
            "section {} (line {}), {:?} {:?}",
            self.section,
            self.line,
            self.kind,
            String::from_utf8_lossy(&self.bytes)
        )
    }
}

/// The messages of the data file, in order.
fn examples() -> Vec<Example> {
    let messages = transcript::parse(EXAMPLES).expect("the data file is a valid transcript");
    let mut session = Session::new(false);
    let mut examples = Vec::with_capacity(messages.len());
    for message in messages {
        if let Some(greeting) = message.new_session {
            assert!(
                !message.section.is_empty(),
                "line {}: a section number",
                message.line
            );
            session = Session::new(greeting);
        }
        let kind = session.kind_of(&message);
        session.after(&message);
        examples.push(Example {
            section: message.section,
            line: message.line,
            kind,
            canonical: message.canonical.unwrap_or_else(|| message.bytes.clone()),
            bytes: message.bytes,
        });
    }
    examples
}

/// How a decode ended, without the value.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    /// A value, with the number of bytes left after it.
    Value {
        rest: usize,
    },
    Incomplete,
    Announcement {
        tag: String,
        length: u32,
    },
    Failed {
        offset: usize,
        expected: &'static str,
    },
}

impl From<DecodeError<'_>> for Outcome {
    fn from(error: DecodeError<'_>) -> Self {
        match error {
            DecodeError::Incomplete => Self::Incomplete,
            DecodeError::LiteralAnnouncement(a) => Self::Announcement {
                tag: a.tag.to_string(),
                length: a.length,
            },
            DecodeError::Failed { offset, expected } => Self::Failed { offset, expected },
        }
    }
}

/// Decodes `bytes` as `kind`: the outcome, and for a value, whether it re-encodes to
/// `canonical` and decodes back to an equal value (`Err` with what went wrong if not).
fn decode(kind: Kind, bytes: &[u8], canonical: &[u8]) -> (Outcome, Result<(), String>) {
    match kind.decode(bytes) {
        Err(error) => (Outcome::from(error), Ok(())),
        Ok(decoded) => {
            let fidelity = if decoded.encoded != canonical {
                Err(format!(
                    "re-encodes to {:?}",
                    String::from_utf8_lossy(&decoded.encoded)
                ))
            } else {
                match decoded.unfaithful {
                    None => Ok(()),
                    Some(problem) => Err(problem),
                }
            };
            (Outcome::Value { rest: decoded.rest }, fidelity)
        }
    }
}

#[test]
fn data_file_holds_every_example_section() {
    let examples = examples();
    let mut sections: Vec<&str> = examples.iter().map(|e| e.section.as_str()).collect();
    sections.dedup();
    assert_eq!(sections, SECTIONS);
    assert_eq!(examples.len(), 242);
    let count = |kind| examples.iter().filter(|e| e.kind == kind).count();
    assert_eq!(count(Kind::Greeting), 4);
    assert_eq!(count(Kind::Command), 67);
    assert_eq!(count(Kind::AuthenticateData), 3);
    assert_eq!(count(Kind::Response), 168);
    // Literals come with their data.
    let append = examples
        .iter()
        .find(|e| e.bytes.starts_with(b"A003 APPEND"))
        .expect("the APPEND example");
    assert_eq!(
        append.bytes.len(),
        "A003 APPEND saved-messages (\\Seen) {310}\r\n".len() + 312
    );
    assert!(append.bytes.ends_with(b"tomorrow?\r\n\r\n"));
    // Every message is CRLF-terminated and its lines too.
    for example in &examples {
        assert!(example.bytes.ends_with(b"\r\n"), "{}", example.describe());
    }
}

#[test]
fn every_rfc3501_example_decodes_and_reencodes_to_the_same_bytes() {
    let examples = examples();
    let mut failures = Vec::new();
    for example in &examples {
        let (outcome, fidelity) = decode(example.kind, &example.bytes, &example.canonical);
        let problem = match (outcome, fidelity) {
            (Outcome::Value { rest: 0 }, Ok(())) => continue,
            (Outcome::Value { rest: 0 }, Err(problem)) => problem,
            (Outcome::Value { rest }, _) => format!("{rest} bytes left after the message"),
            (outcome, _) => format!("does not decode: {outcome:?}"),
        };
        failures.push(format!("{}: {problem}", example.describe()));
    }
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
}

/// The offsets at which a command waits for a continuation request (the bytes after a
/// synchronizing literal's announcement), with the literal's length.
fn continuation_points(bytes: &[u8]) -> Vec<(usize, u32)> {
    let mut framer = Framer::new(FramerConfig {
        max_message_size: usize::MAX,
        max_literal_size: u32::MAX,
        origin: Origin::Client,
    });
    let mut points = Vec::new();
    for (i, b) in bytes.iter().enumerate() {
        framer.push(std::slice::from_ref(b));
        while let Some(event) = framer.next_event() {
            if let FrameEvent::LiteralAwaitingContinuation { length } = event {
                points.push((i + 1, length));
            }
        }
    }
    points
}

#[test]
fn every_proper_prefix_of_an_rfc3501_example_is_incomplete() {
    let examples = examples();
    let mut failures = Vec::new();
    let mut announcements = 0;
    for example in &examples {
        let points = match example.kind {
            Kind::Command => continuation_points(&example.bytes),
            _ => Vec::new(),
        };
        let tag = example
            .bytes
            .split(|&b| b == b' ')
            .next()
            .map(|t| String::from_utf8_lossy(t).into_owned())
            .unwrap_or_default();
        for end in 0..example.bytes.len() {
            let prefix = &example.bytes[..end];
            let (outcome, _) = decode(example.kind, prefix, b"");
            let expected = match points.iter().find(|(at, _)| *at == end) {
                Some(&(_, length)) => {
                    announcements += 1;
                    Outcome::Announcement {
                        tag: tag.clone(),
                        length,
                    }
                }
                None => Outcome::Incomplete,
            };
            if outcome != expected {
                failures.push(format!(
                    "{}: the prefix of {end} bytes gives {outcome:?}, not {expected:?}",
                    example.describe()
                ));
                // One failure per example is enough to read.
                break;
            }
        }
    }
    // APPEND {310}, SEARCH {6}, LOGIN {11} and {7}.
    let expected_announcements = examples
        .iter()
        .filter(|e| e.kind == Kind::Command)
        .map(|e| continuation_points(&e.bytes).len())
        .sum::<usize>();
    assert_eq!(expected_announcements, 4);
    assert!(
        failures.is_empty(),
        "{} of {} examples fail:\n{}",
        failures.len(),
        examples.len(),
        failures.join("\n")
    );
    assert_eq!(announcements, 4);
}

/// The two examples left out of the data file are not valid messages.
#[test]
fn left_out_examples_are_rejected() {
    // 7.5: the server refuses the unknown command before its literal's data is sent.
    let (outcome, _) = decode(Kind::Command, b"A044 BLURDYBLOOP {102856}\r\n", b"");
    assert!(
        matches!(outcome, Outcome::Failed { offset: 5, .. }),
        "{outcome:?}"
    );
    // 6.5.1: response-data has no untagged response for an experimental command.
    let (outcome, _) = decode(
        Kind::Response,
        b"* XPIG-LATIN ow-nay eaking-spay ig-pay atin-lay\r\n",
        b"",
    );
    assert!(
        matches!(outcome, Outcome::Failed { offset: 2, .. }),
        "{outcome:?}"
    );
}

//! Every command and response example of RFC 3501 sections 6, 7 and 8 decodes with no byte
//! left and re-encodes to the same bytes (to the canonical upper-case form where the RFC
//! writes keywords in lower case), and every proper prefix of each is incomplete.
//!
//! The examples are in `tests/data/rfc3501_examples.trace`, one `## <section>` block per
//! example of the RFC, as wire transcripts (CRLF line ends, literals with their data). Its
//! header lists what differs from the RFC's text and why; only two examples are left out of
//! the valid ones, and [`left_out_examples_are_rejected`] checks that they are indeed invalid.

use imap_codec::{
    Decode, DecodeError, Encode,
    framer::{FrameEvent, Framer, FramerConfig, Origin},
};
use imap_types::{
    auth::AuthenticateData,
    command::Command,
    response::{Greeting, Response},
};

const EXAMPLES: &str = include_str!("data/rfc3501_examples.trace");

/// The sections of RFC 3501 that have command or response examples.
const SECTIONS: &[&str] = &[
    "6.1.1", "6.1.2", "6.1.3", "6.2.1", "6.2.2", "6.2.3", "6.3.1", "6.3.2", "6.3.3", "6.3.4",
    "6.3.5", "6.3.6", "6.3.7", "6.3.8", "6.3.9", "6.3.10", "6.3.11", "6.4.1", "6.4.2", "6.4.3",
    "6.4.4", "6.4.5", "6.4.6", "6.4.7", "6.4.8", "6.5.1", "7.1.1", "7.1.2", "7.1.3", "7.1.4",
    "7.1.5", "7.2.1", "7.2.2", "7.2.3", "7.2.4", "7.2.5", "7.2.6", "7.3.1", "7.3.2", "7.4.1",
    "7.4.2", "7.5", "8",
];

/// What a message is decoded as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Greeting,
    Command,
    Response,
    AuthenticateData,
}

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

/// The side and the text of a `C: ` or `S: ` line.
fn split_prefix(line: &str) -> Option<(Origin, &str)> {
    let side = match line.get(..2)? {
        "C:" => Origin::Client,
        "S:" => Origin::Server,
        _ => return None,
    };
    match line.get(2..)? {
        "" => Some((side, "")),
        rest => rest.strip_prefix(' ').map(|text| (side, text)),
    }
}

/// The state of an example's exchange: which kind the next message is.
#[derive(Default)]
struct Session {
    greeting_expected: bool,
    /// The tag of an AUTHENTICATE awaiting its tagged response.
    authenticating: Option<Vec<u8>>,
    /// Whether the server has answered it with `+`.
    continued: bool,
}

impl Session {
    fn kind(&mut self, side: Origin, bytes: &[u8]) -> Kind {
        match side {
            Origin::Server if self.greeting_expected => {
                self.greeting_expected = false;
                Kind::Greeting
            }
            Origin::Server => {
                if let Some(tag) = &self.authenticating {
                    if bytes.starts_with(b"+") {
                        self.continued = true;
                    } else if bytes.starts_with(tag) && bytes.get(tag.len()) == Some(&b' ') {
                        self.authenticating = None;
                        self.continued = false;
                    }
                }
                Kind::Response
            }
            Origin::Client if self.authenticating.is_some() && self.continued => {
                Kind::AuthenticateData
            }
            Origin::Client => {
                let mut words = bytes.split(|&b| b == b' ');
                let tag = words.next().unwrap_or_default();
                if words
                    .next()
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"AUTHENTICATE"))
                {
                    self.authenticating = Some(tag.to_vec());
                    self.continued = false;
                }
                Kind::Command
            }
        }
    }
}

/// The messages of the data file, in order.
fn examples() -> Vec<Example> {
    let lines: Vec<&str> = EXAMPLES.lines().collect();
    let mut examples: Vec<Example> = Vec::new();
    let mut section = String::new();
    let mut session = Session::default();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let number = i + 1;
        i += 1;
        if let Some(header) = line.strip_prefix("## ") {
            let mut words = header.split_whitespace();
            section = words.next().expect("a section number").to_owned();
            session = Session {
                greeting_expected: words.any(|w| w == "greeting"),
                ..Session::default()
            };
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(canonical) = line.strip_prefix("=> ") {
            let last = examples.last_mut().expect("`=>` after a message");
            last.canonical = format!("{canonical}\r\n").into_bytes();
            continue;
        }
        let (side, first) =
            split_prefix(line).unwrap_or_else(|| panic!("line {number}: not `C: ` or `S: `"));
        let mut framer = Framer::new(FramerConfig {
            max_message_size: usize::MAX,
            max_literal_size: u32::MAX,
            origin: side,
        });
        framer.push(format!("{first}\r\n").as_bytes());
        let bytes = loop {
            match framer.next_event() {
                Some(FrameEvent::Message(bytes)) => break bytes.to_vec(),
                Some(FrameEvent::LiteralAwaitingContinuation { .. }) => {
                    while let Some((Origin::Server, text)) =
                        lines.get(i).and_then(|l| split_prefix(l))
                    {
                        let bytes = format!("{text}\r\n").into_bytes();
                        examples.push(Example {
                            section: section.clone(),
                            line: i + 1,
                            kind: session.kind(Origin::Server, &bytes),
                            canonical: bytes.clone(),
                            bytes,
                        });
                        i += 1;
                    }
                }
                Some(FrameEvent::Rejected(error)) => panic!("line {number}: {error}"),
                None => {
                    let next = lines
                        .get(i)
                        .unwrap_or_else(|| panic!("line {number}: the message does not end"));
                    framer.push(format!("{next}\r\n").as_bytes());
                    i += 1;
                }
            }
        };
        examples.push(Example {
            section: section.clone(),
            line: number,
            kind: session.kind(side, &bytes),
            canonical: bytes.clone(),
            bytes,
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

/// Decodes `$bytes` as `$ty`: the outcome, and for a value, whether it re-encodes to
/// `$canonical` and decodes back to an equal value (`Err` with what went wrong if not).
macro_rules! decode_as {
    ($ty:ty, $bytes:expr, $canonical:expr) => {{
        let bytes: &[u8] = $bytes;
        let canonical: &[u8] = $canonical;
        match <$ty>::decode(bytes) {
            Err(error) => (Outcome::from(error), Ok(())),
            Ok((rest, value)) => {
                let encoded = value.encode_to_vec();
                let fidelity = if encoded != canonical {
                    Err(format!(
                        "re-encodes to {:?}",
                        String::from_utf8_lossy(&encoded)
                    ))
                } else {
                    match <$ty>::decode(&encoded) {
                        Ok((rest, again)) if rest.is_empty() && again == value => Ok(()),
                        other => Err(format!("the re-encoding decodes to {other:?}")),
                    }
                };
                (Outcome::Value { rest: rest.len() }, fidelity)
            }
        }
    }};
}

fn decode(kind: Kind, bytes: &[u8], canonical: &[u8]) -> (Outcome, Result<(), String>) {
    match kind {
        Kind::Greeting => decode_as!(Greeting, bytes, canonical),
        Kind::Command => decode_as!(Command, bytes, canonical),
        Kind::Response => decode_as!(Response, bytes, canonical),
        Kind::AuthenticateData => decode_as!(AuthenticateData, bytes, canonical),
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

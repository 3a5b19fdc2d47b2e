//! IMAP session transcripts: reading them into messages, telling which kind each message is,
//! and decoding a message by its kind.
//!
//! Shared by the `imap` example (`imap trace`, `imap decode`) and by the RFC 3501 example test
//! (`tests/rfc3501_examples.rs`, which includes this file with `#[path]`).
//!
//! The transcript format:
//!
//! * `C: ` starts a client message, `S: ` a server message (a bare `C:` or `S:` stands for
//!   an empty line). Each line of the text stands for one line on the wire, ended by CRLF.
//! * The data of a literal follows its announcing line as raw lines without prefix; the
//!   message goes on after the literal's last byte up to the next line end. Server lines sent
//!   while a client waits to send a synchronizing literal (the `+`) come right after the
//!   announcing line.
//! * Between messages, empty lines and lines starting with `#` are ignored, except
//!   `## <section> [greeting]`, which starts a new session (its first server message is a
//!   greeting if `greeting` is given), and `=> <line>`, the canonical form of the message
//!   before it.

use std::fmt::Debug;

use imap_codec::{
    Decode, DecodeError, Encode,
    framer::{FrameEvent, Framer, FramerConfig, Origin},
    imap_types::{
        auth::{AuthenticateData, IdleDone},
        command::Command,
        response::{Greeting, Response},
    },
};

/// Decodes `$input` as a `$ty` (see [`Kind::decode`]). A macro, not a generic function:
/// the re-encoding is decoded with a shorter lifetime than `$input`, so as another type.
macro_rules! decode_as {
    ($ty:ty, $input:expr) => {{
        let input: &[u8] = $input;
        let (rest, value) = <$ty>::decode(input)?;
        let encoded = value.encode_to_vec();
        let unfaithful = match <$ty>::decode(&encoded) {
            Ok((rest, again)) if rest.is_empty() && again == value => None,
            Ok((rest, _)) if !rest.is_empty() => Some(format!(
                "the re-encoding leaves {} bytes after the message",
                rest.len()
            )),
            Ok((_, again)) => Some(format!(
                "the re-encoding decodes to a different value: {again:?}"
            )),
            Err(error) => Some(format!("the re-encoding does not decode: {error}")),
        };
        Ok(Decoded {
            value: Box::new(value),
            encoded,
            rest: rest.len(),
            unfaithful,
        })
    }};
}

/// The kinds of message that can be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The server's first message of a session.
    Greeting,
    /// A client command.
    Command,
    /// A server response other than the greeting.
    Response,
    /// A client line answering a continuation request of `AUTHENTICATE`.
    AuthenticateData,
    /// The client's `DONE` ending `IDLE`.
    IdleDone,
}

impl Kind {
    /// The kind named `name` on the command line (`greeting`, `command`, `response`,
    /// `authenticate-data`, `idle-done`), if any.
    pub fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "greeting" => Self::Greeting,
            "command" => Self::Command,
            "response" => Self::Response,
            "authenticate-data" => Self::AuthenticateData,
            "idle-done" => Self::IdleDone,
            _ => return None,
        })
    }

    /// Decodes `input` as a message of this kind and checks that the value re-encodes to
    /// bytes that decode to an equal value with no byte left.
    pub fn decode(self, input: &[u8]) -> Result<Decoded<'_>, DecodeError<'_>> {
        match self {
            Self::Greeting => decode_as!(Greeting, input),
            Self::Command => decode_as!(Command, input),
            Self::Response => decode_as!(Response, input),
            Self::AuthenticateData => decode_as!(AuthenticateData, input),
            Self::IdleDone => decode_as!(IdleDone, input),
        }
    }
}

/// A decoded message and the check of its re-encoding.
pub struct Decoded<'a> {
    /// The decoded value.
    pub value: Box<dyn Debug + 'a>,
    /// The re-encoded bytes.
    pub encoded: Vec<u8>,
    /// The number of bytes left after the message.
    pub rest: usize,
    /// Why the re-encoding is not faithful, if it is not: it does not decode, leaves bytes
    /// after the message, or decodes to a different value.
    pub unfaithful: Option<String>,
}

/// One message of a transcript.
#[derive(Debug, Clone)]
pub struct Message {
    /// Who sends it.
    pub side: Origin,
    /// The bytes on the wire.
    pub bytes: Vec<u8>,
    /// The canonical form given by a `=> ` line after the message, if any.
    pub canonical: Option<Vec<u8>>,
    /// The name of the `## ` header the message comes after (its first word), empty before
    /// any header.
    pub section: String,
    /// The line of the transcript where the message starts (counted from 1).
    pub line: usize,
    /// `Some(greeting)` when a `##` header starts a new session before this message;
    /// `greeting` tells whether the session's first server message is a greeting.
    pub new_session: Option<bool>,
}

/// Splits a transcript into messages, in order (see the module documentation for the
/// format). The error names the line at fault.
pub fn parse(text: &str) -> Result<Vec<Message>, String> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect();
    let mut messages: Vec<Message> = Vec::new();
    let mut section = String::new();
    let mut new_session = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let number = i + 1;
        i += 1;
        if let Some(header) = line.strip_prefix("## ") {
            let mut words = header.split_whitespace();
            section = words.next().unwrap_or_default().to_owned();
            new_session = Some(words.any(|word| word == "greeting"));
            continue;
        }
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(canonical) = line.strip_prefix("=> ") {
            let last = messages
                .last_mut()
                .ok_or_else(|| format!("line {number}: `=>` before any message"))?;
            last.canonical = Some(format!("{canonical}\r\n").into_bytes());
            continue;
        }
        let (side, first) =
            split_prefix(line).ok_or_else(|| format!("line {number}: expected `C: ` or `S: `"))?;
        let mut framer = Framer::new(FramerConfig {
            max_message_size: usize::MAX,
            max_literal_size: u32::MAX,
            origin: side,
        });
        framer.push(first.as_bytes());
        framer.push(b"\r\n");
        let bytes = loop {
            match framer.next_event() {
                Some(FrameEvent::Message(bytes)) => break bytes.to_vec(),
                Some(FrameEvent::LiteralAwaitingContinuation { .. }) => {
                    // The server's lines while the client waits.
                    while let Some((Origin::Server, text)) =
                        lines.get(i).and_then(|l| split_prefix(l))
                    {
                        messages.push(Message {
                            side: Origin::Server,
                            bytes: format!("{text}\r\n").into_bytes(),
                            canonical: None,
                            section: section.clone(),
                            line: i + 1,
                            new_session: new_session.take(),
                        });
                        i += 1;
                    }
                }
                Some(FrameEvent::Rejected(error)) => {
                    return Err(format!("message of line {number}: {error}"));
                }
                None => {
                    let next = lines
                        .get(i)
                        .ok_or_else(|| format!("message of line {number} does not end"))?;
                    framer.push(next.as_bytes());
                    framer.push(b"\r\n");
                    i += 1;
                }
            }
        };
        messages.push(Message {
            side,
            bytes,
            canonical: None,
            section: section.clone(),
            line: number,
            new_session: new_session.take(),
        });
    }
    Ok(messages)
}

/// The side and the text of a `C: ` or `S: ` line (a bare `C:` or `S:` has an empty text),
/// or `None` for any other line.
pub fn split_prefix(line: &str) -> Option<(Origin, &str)> {
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

/// What the next messages of a session are, from the messages seen so far: the first server
/// message is a greeting (if one is expected), the others are responses; client messages are
/// commands, except that after the `+` that answers an `AUTHENTICATE` they are authenticate
/// data until the command's tagged response, and after the `+` that answers `IDLE` the next
/// one is `DONE`.
pub struct Session {
    /// Whether the next server message is a greeting.
    greeting_expected: bool,
    /// The tag of an AUTHENTICATE or IDLE command awaiting its tagged response, and which.
    pending: Option<(Vec<u8>, Exchange)>,
    /// Whether the server answered that command with `+`.
    continued: bool,
}

/// The commands whose continuation requests change the kind of the client's next messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exchange {
    /// `AUTHENTICATE`: authenticate data follows.
    Authenticate,
    /// `IDLE`: `DONE` follows.
    Idle,
}

impl Default for Session {
    /// A session that starts with a greeting.
    fn default() -> Self {
        Self::new(true)
    }
}

impl Session {
    /// A new session, whose first server message is a greeting if `greeting_expected`.
    pub fn new(greeting_expected: bool) -> Self {
        Self {
            greeting_expected,
            pending: None,
            continued: false,
        }
    }

    /// The kind to decode `message` as.
    pub fn kind_of(&self, message: &Message) -> Kind {
        match (message.side, self.pending.as_ref().map(|p| p.1)) {
            (Origin::Server, _) if self.greeting_expected => Kind::Greeting,
            (Origin::Server, _) => Kind::Response,
            (Origin::Client, Some(Exchange::Authenticate)) if self.continued => {
                Kind::AuthenticateData
            }
            (Origin::Client, Some(Exchange::Idle)) if self.continued => Kind::IdleDone,
            (Origin::Client, _) => Kind::Command,
        }
    }

    /// Updates the state after `message`.
    pub fn after(&mut self, message: &Message) {
        let kind = self.kind_of(message);
        let bytes = &message.bytes;
        match kind {
            Kind::Greeting => self.greeting_expected = false,
            Kind::Response => match &self.pending {
                Some(_) if bytes.starts_with(b"+") => self.continued = true,
                Some((tag, _)) if bytes.starts_with(tag) && bytes.get(tag.len()) == Some(&b' ') => {
                    self.pending = None;
                    self.continued = false;
                }
                _ => {}
            },
            Kind::Command => {
                let mut words = bytes.split(|&b| b == b' ' || b == b'\r');
                let tag = words.next().unwrap_or_default();
                let name = words.next().unwrap_or_default();
                let exchange = if name.eq_ignore_ascii_case(b"AUTHENTICATE") {
                    Some(Exchange::Authenticate)
                } else if name.eq_ignore_ascii_case(b"IDLE") {
                    Some(Exchange::Idle)
                } else {
                    None
                };
                if let Some(exchange) = exchange {
                    self.pending = Some((tag.to_vec(), exchange));
                    self.continued = false;
                }
            }
            // After DONE only the tagged response is left.
            Kind::IdleDone => self.continued = false,
            Kind::AuthenticateData => {}
        }
    }
}

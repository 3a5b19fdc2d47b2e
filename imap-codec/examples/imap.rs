//! `imap`: decode IMAP messages and transcripts from the command line.
//!
//! ```text
//! imap decode --kind greeting|command|response|authenticate-data|idle-done [--raw]
//! imap trace [FILE]
//! ```
//!
//! `decode` reads one message on stdin. Exit status: 0 when it decodes completely with no
//! byte left (the value is printed with `{:#?}`, or with `--raw` exactly the re-encoded
//! bytes and nothing else); 1 when it is invalid (the error and its offset are printed), also
//! when bytes are left after the message; 2 when it is incomplete (more bytes are needed, or
//! a literal awaits the server's `+`); 4 when it decodes but its re-encoding does not decode
//! to an equal value; 3 on a usage error. Errors go to stderr.
//!
//! `trace` decodes an IMAP session transcript (by default the sample session of RFC 3501
//! section 8) and prints each message, its decoded value and whether it re-encodes to the
//! same bytes. It exits with 1 if any message fails to decode. The transcript format:
//!
//! * `C: ` starts a client message, `S: ` a server message (a bare `C:` or `S:` stands for
//!   an empty line). Each line of the file stands for one line on the wire, ended by CRLF.
//! * The data of a literal follows its announcing line as raw lines without prefix; the
//!   message goes on after the literal's last byte up to the next line end. Server lines sent
//!   while a client waits to send a synchronizing literal (the `+`) come right after the
//!   announcing line.
//! * Between messages, empty lines and lines starting with `#` are ignored, except
//!   `## <name> [greeting]`, which starts a new session (its first server message is a
//!   greeting if `greeting` is given), and `=> <line>`, the canonical form of the message
//!   before it (reported when the re-encoding matches it).
//!
//! The first server message of a transcript is decoded as a greeting, the others as
//! responses. Client messages are commands, except that after the `+` that answers an
//! `AUTHENTICATE` they are authenticate data until the command's tagged response, and after
//! the `+` that answers `IDLE` the next one is `DONE`.

use std::{
    fmt::Debug,
    io::{Read, Write},
    process::ExitCode,
};

use imap_codec::{
    Decode, DecodeError, Encode,
    framer::{FrameEvent, Framer, FramerConfig, Origin},
    imap_types::{
        auth::{AuthenticateData, IdleDone},
        command::Command,
        response::{Greeting, Response},
    },
};

/// The RFC 3501 section 8 sample session.
const SECTION_8: &str = include_str!("rfc3501_section8.trace");

const USAGE: &str = "usage:
  imap decode --kind greeting|command|response|authenticate-data|idle-done [--raw]
      Decodes one message read on stdin. Exit: 0 decoded, 1 invalid (or bytes left over),
      2 incomplete, 4 re-encoding decodes to a different value, 3 usage error.
  imap trace [FILE]
      Decodes a transcript of `C: ` and `S: ` lines (default: RFC 3501 section 8).";

const EXIT_INVALID: u8 = 1;
const EXIT_INCOMPLETE: u8 = 2;
const EXIT_USAGE: u8 = 3;
const EXIT_UNFAITHFUL: u8 = 4;

/// The kinds of message that can be decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Greeting,
    Command,
    Response,
    AuthenticateData,
    IdleDone,
}

impl Kind {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "greeting" => Self::Greeting,
            "command" => Self::Command,
            "response" => Self::Response,
            "authenticate-data" => Self::AuthenticateData,
            "idle-done" => Self::IdleDone,
            _ => return None,
        })
    }

    fn name(self) -> &'static str {
        match self {
            Self::Greeting => "Greeting",
            Self::Command => "Command",
            Self::Response => "Response",
            Self::AuthenticateData => "AuthenticateData",
            Self::IdleDone => "IdleDone",
        }
    }
}

/// The result of decoding one message and checking its re-encoding.
struct Outcome {
    /// The value, `{:#?}`.
    pretty: String,
    /// The value, `{:?}`.
    compact: String,
    /// The re-encoded bytes.
    encoded: Vec<u8>,
    /// The bytes left after the message.
    rest: usize,
    /// Why the re-encoding is not faithful, if it is not: it does not decode, or decodes to
    /// a different value.
    unfaithful: Option<String>,
}

/// Decodes `input` as `$ty` and checks that the re-encoding decodes to an equal value.
macro_rules! decode_as {
    ($ty:ty, $input:expr) => {{
        let input: &[u8] = $input;
        match <$ty>::decode(input) {
            Err(error) => Err(error),
            Ok((rest, value)) => {
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
                Ok(Outcome {
                    pretty: format!("{value:#?}"),
                    compact: format!("{value:?}"),
                    encoded,
                    rest: rest.len(),
                    unfaithful,
                })
            }
        }
    }};
}

fn decode(kind: Kind, input: &[u8]) -> Result<Outcome, DecodeError<'_>> {
    match kind {
        Kind::Greeting => decode_as!(Greeting, input),
        Kind::Command => decode_as!(Command, input),
        Kind::Response => decode_as!(Response, input),
        Kind::AuthenticateData => decode_as!(AuthenticateData, input),
        Kind::IdleDone => decode_as!(IdleDone, input),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    match args.split_first() {
        Some((&"decode", rest)) => decode_command(rest),
        Some((&"trace", rest)) => trace_command(rest),
        Some((&("help" | "--help" | "-h"), _)) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => usage_error("a subcommand is needed"),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("imap: {message}\n{USAGE}");
    ExitCode::from(EXIT_USAGE)
}

/// `imap decode --kind KIND [--raw]`
fn decode_command(args: &[&str]) -> ExitCode {
    let mut kind = None;
    let mut raw = false;
    let mut args = args.iter();
    while let Some(&arg) = args.next() {
        match arg {
            "--raw" => raw = true,
            "--kind" => match args.next().map(|name| (name, Kind::parse(name))) {
                Some((_, Some(k))) => kind = Some(k),
                Some((name, None)) => return usage_error(&format!("unknown kind {name:?}")),
                None => return usage_error("--kind needs a value"),
            },
            _ => match arg.strip_prefix("--kind=") {
                Some(name) => match Kind::parse(name) {
                    Some(k) => kind = Some(k),
                    None => return usage_error(&format!("unknown kind {name:?}")),
                },
                None => return usage_error(&format!("unexpected argument {arg:?}")),
            },
        }
    }
    let Some(kind) = kind else {
        return usage_error("--kind is required");
    };
    let mut input = Vec::new();
    if let Err(error) = std::io::stdin().read_to_end(&mut input) {
        eprintln!("imap: cannot read stdin: {error}");
        return ExitCode::from(EXIT_USAGE);
    }
    match decode(kind, &input) {
        Err(DecodeError::Incomplete) => {
            eprintln!("incomplete: more bytes are needed");
            ExitCode::from(EXIT_INCOMPLETE)
        }
        Err(DecodeError::LiteralAnnouncement(announcement)) => {
            eprintln!(
                "incomplete: command {} announces a literal of {} bytes that awaits a \
                 continuation request",
                announcement.tag, announcement.length
            );
            ExitCode::from(EXIT_INCOMPLETE)
        }
        Err(DecodeError::Failed { offset, expected }) => {
            eprintln!("invalid at byte {offset}: expected {expected}");
            ExitCode::from(EXIT_INVALID)
        }
        Ok(outcome) if outcome.rest > 0 => {
            let offset = input.len() - outcome.rest;
            eprintln!(
                "invalid at byte {offset}: {} bytes left after the message",
                outcome.rest
            );
            ExitCode::from(EXIT_INVALID)
        }
        Ok(outcome) => {
            let printed = if raw {
                let mut stdout = std::io::stdout().lock();
                stdout
                    .write_all(&outcome.encoded)
                    .and_then(|()| stdout.flush())
            } else {
                writeln!(std::io::stdout(), "{}", outcome.pretty)
            };
            if let Err(error) = printed {
                eprintln!("imap: cannot write: {error}");
                return ExitCode::from(EXIT_INVALID);
            }
            match outcome.unfaithful {
                Some(problem) => {
                    eprintln!("not faithful: {problem}");
                    ExitCode::from(EXIT_UNFAITHFUL)
                }
                None => ExitCode::SUCCESS,
            }
        }
    }
}

/// `imap trace [FILE]`
fn trace_command(args: &[&str]) -> ExitCode {
    let (name, text) = match args {
        [] => ("RFC 3501 section 8".to_owned(), SECTION_8.to_owned()),
        [path] if !path.starts_with('-') => match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => ((*path).to_owned(), text),
                Err(_) => {
                    eprintln!("imap: {path}: not UTF-8 text");
                    return ExitCode::from(EXIT_USAGE);
                }
            },
            Err(error) => {
                eprintln!("imap: {path}: {error}");
                return ExitCode::from(EXIT_USAGE);
            }
        },
        _ => return usage_error("trace takes at most one FILE"),
    };
    let messages = match parse_transcript(&text) {
        Ok(messages) => messages,
        Err(error) => {
            eprintln!("imap: {name}: {error}");
            return ExitCode::from(EXIT_INVALID);
        }
    };
    let mut session = Session::default();
    let mut failed = 0;
    for message in &messages {
        if let Some(greeting) = message.new_session {
            session = Session::new(greeting);
        }
        let kind = session.kind_of(message);
        let prefix = match message.side {
            Origin::Client => "C",
            Origin::Server => "S",
        };
        println!("{prefix}: {}", escape(&message.bytes));
        match decode(kind, &message.bytes) {
            Ok(outcome) if outcome.rest == 0 => {
                println!("   {}: {}", kind.name(), outcome.compact);
                if outcome.encoded == message.bytes {
                    println!("   fidelity: exact");
                } else {
                    let canonical = message.canonical.as_deref() == Some(&outcome.encoded[..]);
                    println!(
                        "   fidelity: differs{}: {}",
                        if canonical { " (canonical form)" } else { "" },
                        escape(&outcome.encoded)
                    );
                }
                if let Some(problem) = outcome.unfaithful {
                    println!("   not faithful: {problem}");
                }
            }
            Ok(outcome) => {
                failed += 1;
                println!(
                    "   {}: error: {} bytes left after the message",
                    kind.name(),
                    outcome.rest
                );
            }
            Err(error) => {
                failed += 1;
                println!("   {}: error: {error}", kind.name());
            }
        }
        session.after(message);
    }
    println!(
        "{} messages, {} decoded, {failed} failed",
        messages.len(),
        messages.len() - failed
    );
    if failed > 0 {
        ExitCode::from(EXIT_INVALID)
    } else {
        ExitCode::SUCCESS
    }
}

/// The bytes as one printable line: printable ASCII as is, `\r`, `\n`, `\t` and `\xNN` for
/// the others.
fn escape(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    for &b in bytes {
        match b {
            b'\r' => out.push_str("\\r"),
            b'\n' => out.push_str("\\n"),
            b'\t' => out.push_str("\\t"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out
}

/// One message of a transcript.
struct TraceMessage {
    side: Origin,
    /// The bytes on the wire.
    bytes: Vec<u8>,
    /// The canonical form given by a `=> ` line.
    canonical: Option<Vec<u8>>,
    /// `Some(greeting)` when a `##` line starts a new session before this message.
    new_session: Option<bool>,
}

/// Splits a transcript into messages (see the module documentation for the format).
fn parse_transcript(text: &str) -> Result<Vec<TraceMessage>, String> {
    let lines: Vec<&str> = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect();
    let mut messages: Vec<TraceMessage> = Vec::new();
    let mut new_session = None;
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let number = i + 1;
        i += 1;
        if let Some(header) = line.strip_prefix("## ") {
            new_session = Some(header.split_whitespace().any(|word| word == "greeting"));
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
                        messages.push(TraceMessage {
                            side: Origin::Server,
                            bytes: format!("{text}\r\n").into_bytes(),
                            canonical: None,
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
        messages.push(TraceMessage {
            side,
            bytes,
            canonical: None,
            new_session: new_session.take(),
        });
    }
    Ok(messages)
}

/// The side and the text of a `C: ` or `S: ` line.
fn split_prefix(line: &str) -> Option<(Origin, &str)> {
    let side = match line.get(..2) {
        Some("C:") => Origin::Client,
        Some("S:") => Origin::Server,
        _ => return None,
    };
    match line.get(2..) {
        Some("") => Some((side, "")),
        Some(rest) => rest.strip_prefix(' ').map(|text| (side, text)),
        None => None,
    }
}

/// What the next messages of a session are, from the messages seen so far.
struct Session {
    greeting_expected: bool,
    /// The tag of an AUTHENTICATE or IDLE command awaiting its tagged response, and which.
    pending: Option<(Vec<u8>, Exchange)>,
    /// Whether the server answered that command with `+`.
    continued: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Exchange {
    Authenticate,
    Idle,
}

impl Default for Session {
    fn default() -> Self {
        Self::new(true)
    }
}

impl Session {
    fn new(greeting_expected: bool) -> Self {
        Self {
            greeting_expected,
            pending: None,
            continued: false,
        }
    }

    /// The kind to decode `message` as.
    fn kind_of(&self, message: &TraceMessage) -> Kind {
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
    fn after(&mut self, message: &TraceMessage) {
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

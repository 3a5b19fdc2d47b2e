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
//! same bytes. It exits with 1 if any message fails to decode. The transcript format is
//! described in the [`transcript`] module.
//!
//! The first server message of a transcript is decoded as a greeting, the others as
//! responses. Client messages are commands, except that after the `+` that answers an
//! `AUTHENTICATE` they are authenticate data until the command's tagged response, and after
//! the `+` that answers `IDLE` the next one is `DONE`.

mod transcript;

use std::{
    io::{Read, Write},
    process::ExitCode,
};

use imap_codec::{DecodeError, framer::Origin};

use transcript::{Kind, Session};

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
    match kind.decode(&input) {
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
                writeln!(std::io::stdout(), "{:#?}", outcome.value)
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
    let messages = match transcript::parse(&text) {
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
        match kind.decode(&message.bytes) {
            Ok(outcome) if outcome.rest == 0 => {
                println!("   {kind:?}: {:?}", outcome.value);
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
                    "   {kind:?}: error: {} bytes left after the message ({})",
                    outcome.rest,
                    location(message)
                );
            }
            Err(error) => {
                failed += 1;
                println!("   {kind:?}: error: {error} ({})", location(message));
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

/// Where `message` is in its transcript: its line, and its section if it has one.
fn location(message: &transcript::Message) -> String {
    if message.section.is_empty() {
        format!("line {}", message.line)
    } else {
        format!("section {}, line {}", message.section, message.line)
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

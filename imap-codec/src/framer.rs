//! Framing: whole messages (lines plus the literals they announce) out of bytes as they
//! arrive.
//!
//! An IMAP message is a line up to CRLF; when the line ends with a literal announcement
//! (`{n}`, `{n+}`, `~{n}` or `~{n+}` just before CRLF), the message goes on with the `n` bytes
//! of the literal and then with another line, and so on. The [`Framer`] finds these ends
//! without understanding the rest of the grammar, so that the decoder is only ever given
//! whole messages and a peer that sends too much is stopped before its bytes are stored.
//!
//! ```
//! use imap_codec::framer::{FrameEvent, Framer, FramerConfig};
//!
//! let mut framer = Framer::new(FramerConfig::default());
//! framer.push(b"A1 LOGIN {5}\r\n");
//! // A synchronizing literal: a server answers "+ ..." now.
//! assert_eq!(
//!     framer.next_event(),
//!     Some(FrameEvent::LiteralAwaitingContinuation { length: 5 })
//! );
//! assert_eq!(framer.next_event(), None);
//! framer.push(b"alice secret\r\nA2 NOOP\r\n");
//! assert_eq!(
//!     framer.next_event(),
//!     Some(FrameEvent::Message(b"A1 LOGIN {5}\r\nalice secret\r\n"))
//! );
//! assert_eq!(framer.next_event(), Some(FrameEvent::Message(b"A2 NOOP\r\n")));
//! assert_eq!(framer.next_event(), None);
//! ```
//!
//! A line is taken to end at LF (so a bare LF ends a line as it does for a lenient decoder),
//! and an announcement is recognized before CRLF or a bare LF. The framer cannot tell a text
//! that happens to end with `{n}` (as `resp-text` may) from a literal announcement; like
//! every IMAP implementation it reads it as an announcement.

use alloc::vec::Vec;
use core::fmt;

/// Whose messages a [`Framer`] cuts: this decides what happens to a synchronizing literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Origin {
    /// The messages are a client's commands (the framer runs in a server).
    ///
    /// A synchronizing literal `{n}` waits for the server's continuation request: the framer
    /// reports [`FrameEvent::LiteralAwaitingContinuation`], and when it rejects the message at
    /// such a literal it takes the message to end at the announcement, because the server
    /// answers with a tagged `NO`/`BAD` instead of `+` and the client then sends no data.
    #[default]
    Client,
    /// The messages are a server's responses (the framer runs in a client).
    ///
    /// A server sends the data of every literal right after its announcement: there are no
    /// continuation events, and the data of a rejected literal is skipped.
    Server,
}

/// The limits and the role of a [`Framer`].
///
/// ```
/// use imap_codec::framer::{FramerConfig, Origin};
///
/// let config = FramerConfig::default();
/// assert_eq!(config.max_message_size, 64 * 1024 * 1024);
/// assert_eq!(config.max_literal_size, 64 * 1024 * 1024);
/// assert_eq!(config.origin, Origin::Client);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FramerConfig {
    /// The largest message accepted, in bytes: all its lines (CRLF included) and the data of
    /// all its literals. Default: 64 MiB ([`FramerConfig::DEFAULT_MAX_MESSAGE_SIZE`]).
    pub max_message_size: usize,
    /// The largest literal accepted, in bytes. Default: 64 MiB
    /// ([`FramerConfig::DEFAULT_MAX_LITERAL_SIZE`]).
    pub max_literal_size: u32,
    /// Whose messages are framed. Default: [`Origin::Client`].
    pub origin: Origin,
}

impl FramerConfig {
    /// The default of [`FramerConfig::max_message_size`]: 64 MiB.
    pub const DEFAULT_MAX_MESSAGE_SIZE: usize = 64 * 1024 * 1024;
    /// The default of [`FramerConfig::max_literal_size`]: 64 MiB.
    pub const DEFAULT_MAX_LITERAL_SIZE: u32 = 64 * 1024 * 1024;
}

impl Default for FramerConfig {
    fn default() -> Self {
        Self {
            max_message_size: Self::DEFAULT_MAX_MESSAGE_SIZE,
            max_literal_size: Self::DEFAULT_MAX_LITERAL_SIZE,
            origin: Origin::Client,
        }
    }
}

/// What [`Framer::next_event`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameEvent<'f> {
    /// One whole message (its last line's CRLF included), borrowed from the framer's buffer.
    Message(&'f [u8]),
    /// A synchronizing literal of `length` bytes was announced ([`Origin::Client`] only): a
    /// server sends a continuation request (`+ ...`) now, or refuses the command. Reported
    /// once per literal, as soon as its announcement is complete and before anything that
    /// follows it in the stream.
    LiteralAwaitingContinuation {
        /// The announced number of bytes.
        length: u32,
    },
    /// A message broke a limit. It is not stored: the framer discards its bytes (literals
    /// included) up to its end and then frames the next message. Reported once per message,
    /// when the limit is found broken.
    Rejected(FrameError),
}

/// Why a message was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrameError {
    /// The message grew past [`FramerConfig::max_message_size`]. `size` is how large it was
    /// found to be at that point (an announced literal counted in full); the whole message
    /// may be larger.
    MessageTooLarge {
        /// The size reached, in bytes.
        size: usize,
    },
    /// A literal announced more than [`FramerConfig::max_literal_size`] bytes.
    LiteralTooLarge {
        /// The announced length.
        length: u64,
    },
    /// A literal announcement whose length does not fit in 64 bits
    /// (e.g. `{99999999999999999999}`). As the data cannot be counted, the message is taken
    /// to end at the announcement.
    InvalidLiteralLength,
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::MessageTooLarge { size } => {
                write!(f, "message too large: at least {size} bytes")
            }
            Self::LiteralTooLarge { length } => write!(f, "literal too large: {length} bytes"),
            Self::InvalidLiteralLength => f.write_str("literal length does not fit in 64 bits"),
        }
    }
}

impl core::error::Error for FrameError {}

/// Where the scanner is inside a line, as far as a literal announcement goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Header {
    /// Not inside a possible announcement.
    Idle,
    /// After `{` and zero or more digits.
    Digits {
        length: u64,
        any: bool,
        overflow: bool,
    },
    /// After `{` digits `+`.
    Plus { length: u64, overflow: bool },
    /// After `}`.
    Close {
        length: u64,
        overflow: bool,
        sync: bool,
    },
    /// After `}` CR.
    Cr {
        length: u64,
        overflow: bool,
        sync: bool,
    },
}

impl Header {
    /// The state after `b` (not LF).
    #[inline]
    fn step(self, b: u8) -> Self {
        match (self, b) {
            (
                Self::Digits {
                    length, overflow, ..
                },
                b'0'..=b'9',
            ) => {
                let next = length
                    .checked_mul(10)
                    .and_then(|n| n.checked_add(u64::from(b - b'0')));
                Self::Digits {
                    length: next.unwrap_or(0),
                    any: true,
                    overflow: overflow || next.is_none(),
                }
            }
            (
                Self::Digits {
                    length,
                    any: true,
                    overflow,
                },
                b'+',
            ) => Self::Plus { length, overflow },
            (
                Self::Digits {
                    length,
                    any: true,
                    overflow,
                },
                b'}',
            ) => Self::Close {
                length,
                overflow,
                sync: true,
            },
            (Self::Plus { length, overflow }, b'}') => Self::Close {
                length,
                overflow,
                sync: false,
            },
            (
                Self::Close {
                    length,
                    overflow,
                    sync,
                },
                b'\r',
            ) => Self::Cr {
                length,
                overflow,
                sync,
            },
            (_, b'{') => Self::Digits {
                length: 0,
                any: false,
                overflow: false,
            },
            _ => Self::Idle,
        }
    }
}

/// Where the scanner is in the current message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Inside a line.
    Line(Header),
    /// Inside the data of a literal, with this many bytes to go.
    Literal(u64),
}

/// What the scanner stopped at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// The bytes ran out.
    NeedMore,
    /// A message ended; `rejected` if it was being discarded.
    End { rejected: bool },
    /// An event to report.
    Event(Pending),
}

/// An event that owns no bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pending {
    Continuation(u32),
    Rejected(FrameError),
}

impl Pending {
    fn into_event<'f>(self) -> FrameEvent<'f> {
        match self {
            Self::Continuation(length) => FrameEvent::LiteralAwaitingContinuation { length },
            Self::Rejected(error) => FrameEvent::Rejected(error),
        }
    }
}

/// The scan state that survives between pushes; it never looks at a byte twice.
#[derive(Debug, Clone)]
struct Scanner {
    config: FramerConfig,
    mode: Mode,
    /// Bytes of the current message seen so far.
    size: usize,
    /// Whether the current message is being discarded.
    rejecting: bool,
}

impl Scanner {
    /// Ends the current message: the scanner is ready for the next one.
    fn end(&mut self) -> Step {
        let rejected = self.rejecting;
        self.mode = Mode::Line(Header::Idle);
        self.size = 0;
        self.rejecting = false;
        Step::End { rejected }
    }

    /// Starts discarding the current message, reporting `error`.
    fn reject(&mut self, error: FrameError) -> Pending {
        self.rejecting = true;
        Pending::Rejected(error)
    }

    /// Scans `bytes` from `*pos`, advancing `*pos`, up to the next thing to report.
    fn scan(&mut self, bytes: &[u8], pos: &mut usize) -> Step {
        'outer: loop {
            let rest = match bytes.get(*pos..) {
                Some(rest) if !rest.is_empty() => rest,
                _ => return Step::NeedMore,
            };
            match self.mode {
                Mode::Literal(remaining) => {
                    let n = usize::try_from(remaining).map_or(rest.len(), |r| r.min(rest.len()));
                    *pos += n;
                    self.size = self.size.saturating_add(n);
                    let remaining = remaining - n as u64;
                    self.mode = if remaining == 0 {
                        Mode::Line(Header::Idle)
                    } else {
                        Mode::Literal(remaining)
                    };
                }
                Mode::Line(mut header) => {
                    for &b in rest {
                        *pos += 1;
                        self.size = self.size.saturating_add(1);
                        if b == b'\n' {
                            match self.line_end(header) {
                                Some(step) => return step,
                                None => continue 'outer,
                            }
                        }
                        header = header.step(b);
                        if !self.rejecting && self.size > self.config.max_message_size {
                            self.mode = Mode::Line(header);
                            let size = self.size;
                            return Step::Event(self.reject(FrameError::MessageTooLarge { size }));
                        }
                    }
                    self.mode = Mode::Line(header);
                }
            }
        }
    }

    /// The LF of a line was just scanned, with `header` the state before it; `None` when the
    /// message goes on with an accepted literal and nothing is to be reported.
    fn line_end(&mut self, header: Header) -> Option<Step> {
        let (length, overflow, sync) = match header {
            Header::Close {
                length,
                overflow,
                sync,
            }
            | Header::Cr {
                length,
                overflow,
                sync,
            } => (length, overflow, sync),
            _ => {
                // The LF itself may break the limit.
                if !self.rejecting && self.size > self.config.max_message_size {
                    let size = self.size;
                    let error = self.reject(FrameError::MessageTooLarge { size });
                    self.end();
                    return Some(Step::Event(error));
                }
                return Some(self.end());
            }
        };
        let waits = sync && self.config.origin == Origin::Client;
        if overflow {
            let rejecting = self.rejecting;
            self.end();
            return Some(if rejecting {
                Step::End { rejected: true }
            } else {
                Step::Event(Pending::Rejected(FrameError::InvalidLiteralLength))
            });
        }
        let total = (self.size as u64).saturating_add(length);
        let mut error = None;
        if !self.rejecting {
            if length > u64::from(self.config.max_literal_size) {
                error = Some(self.reject(FrameError::LiteralTooLarge { length }));
            } else if total > self.config.max_message_size as u64 {
                let size = usize::try_from(total).unwrap_or(usize::MAX);
                error = Some(self.reject(FrameError::MessageTooLarge { size }));
            }
        }
        if self.rejecting && waits {
            // The peer gets no `+` and sends no data: the message ends here.
            let ended = self.end();
            return Some(match error {
                Some(error) => Step::Event(error),
                None => ended,
            });
        }
        self.mode = if length == 0 {
            Mode::Line(Header::Idle)
        } else {
            Mode::Literal(length)
        };
        Some(match error {
            Some(error) => Step::Event(error),
            // Not rejecting: the length is at most `max_literal_size`, a `u32`.
            None if waits => Step::Event(Pending::Continuation(length as u32)),
            None => return None,
        })
    }
}

/// Cuts whole messages out of a byte stream, in linear time however the bytes are chunked.
///
/// Push received bytes with [`Framer::push`], then call [`Framer::next_event`] until it
/// returns `None`. The scan state is kept between pushes, so no byte is looked at twice;
/// consumed bytes are dropped lazily (when they outweigh the rest of the buffer). A rejected
/// message is discarded as its bytes arrive, and an announced literal length allocates
/// nothing: the buffer holds at most one accepted message plus the bytes pushed since the
/// last call of `next_event`.
///
/// ```
/// use imap_codec::framer::{FrameError, FrameEvent, Framer, FramerConfig};
///
/// let config = FramerConfig { max_literal_size: 4, ..FramerConfig::default() };
/// let mut framer = Framer::new(config);
/// // A non-synchronizing literal that is too large: skipped with the rest of its message.
/// framer.push(b"A1 APPEND INBOX {10+}\r\n0123456789\r\nA2 NOOP\r\n");
/// assert_eq!(
///     framer.next_event(),
///     Some(FrameEvent::Rejected(FrameError::LiteralTooLarge { length: 10 }))
/// );
/// assert_eq!(framer.next_event(), Some(FrameEvent::Message(b"A2 NOOP\r\n")));
/// assert_eq!(framer.next_event(), None);
/// ```
#[derive(Debug, Clone)]
pub struct Framer {
    buf: Vec<u8>,
    /// Start of the current message in `buf`.
    start: usize,
    /// How far `buf` is scanned.
    pos: usize,
    scanner: Scanner,
    /// An event found while discarding in [`Framer::push`].
    pending: Option<Pending>,
}

impl Default for Framer {
    fn default() -> Self {
        Self::new(FramerConfig::default())
    }
}

impl Framer {
    /// A framer with `config`, before any byte.
    pub fn new(config: FramerConfig) -> Self {
        Self {
            buf: Vec::new(),
            start: 0,
            pos: 0,
            scanner: Scanner {
                config,
                mode: Mode::Line(Header::Idle),
                size: 0,
                rejecting: false,
            },
            pending: None,
        }
    }

    /// The framer's configuration.
    pub fn config(&self) -> &FramerConfig {
        &self.scanner.config
    }

    /// The number of bytes held: the unfinished message and bytes not yet framed.
    pub fn buffered_len(&self) -> usize {
        self.buf.len() - self.start
    }

    /// Whether the framer is inside a message (some of its bytes have been pushed, its end
    /// has not), or holds bytes not yet framed. At the end of a connection this tells a
    /// truncated message.
    pub fn is_inside_message(&self) -> bool {
        self.buffered_len() > 0 || self.scanner.size > 0
    }

    /// Appends received bytes.
    ///
    /// While a rejected message is being discarded and everything before is framed, the
    /// bytes of that message are scanned here and never stored.
    pub fn push(&mut self, mut bytes: &[u8]) {
        if self.scanner.rejecting && self.pending.is_none() {
            // Finish the held bytes first: the part of the rejected message is dropped.
            let step = self.scanner.scan(&self.buf, &mut self.pos);
            self.start = self.pos;
            match step {
                Step::NeedMore => {
                    // Scan the new bytes of the rejected message without storing them.
                    self.buf.clear();
                    self.start = 0;
                    self.pos = 0;
                    let mut consumed = 0;
                    match self.scanner.scan(bytes, &mut consumed) {
                        Step::NeedMore => return,
                        Step::End { .. } => {}
                        Step::Event(event) => self.pending = Some(event),
                    }
                    bytes = bytes.get(consumed..).unwrap_or_default();
                }
                // While rejecting, the scan ends at the end of that message.
                Step::End { .. } => {}
                Step::Event(event) => self.pending = Some(event),
            }
        }
        if self.start > 0 && self.start >= self.buf.len() - self.start {
            // Dropping the consumed bytes moves fewer bytes than were consumed: linear.
            self.buf.drain(..self.start);
            self.pos -= self.start;
            self.start = 0;
        }
        self.buf.extend_from_slice(bytes);
    }

    /// The next whole message or event; `None` when more bytes are needed.
    ///
    /// A [`FrameEvent::Message`] borrows from the framer; the bytes are consumed when it is
    /// returned.
    pub fn next_event(&mut self) -> Option<FrameEvent<'_>> {
        if let Some(pending) = self.pending.take() {
            return Some(pending.into_event());
        }
        loop {
            let step = self.scanner.scan(&self.buf, &mut self.pos);
            if self.scanner.rejecting {
                self.start = self.pos;
            }
            match step {
                Step::NeedMore => {
                    if self.start == self.buf.len() {
                        self.buf.clear();
                        self.start = 0;
                        self.pos = 0;
                    }
                    return None;
                }
                Step::Event(event) => {
                    if let Pending::Rejected(_) = event {
                        self.start = self.pos;
                    }
                    return Some(event.into_event());
                }
                Step::End { rejected: true } => self.start = self.pos,
                Step::End { rejected: false } => {
                    let start = core::mem::replace(&mut self.start, self.pos);
                    return self.buf.get(start..self.pos).map(FrameEvent::Message);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::{vec, vec::Vec};

    use super::*;

    /// An owned copy of an event.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Ev {
        Msg(Vec<u8>),
        Cont(u32),
        Rej(FrameError),
    }

    fn msg(bytes: &[u8]) -> Ev {
        Ev::Msg(bytes.to_vec())
    }

    fn drain(framer: &mut Framer, out: &mut Vec<Ev>) {
        while let Some(event) = framer.next_event() {
            out.push(match event {
                FrameEvent::Message(m) => Ev::Msg(m.to_vec()),
                FrameEvent::LiteralAwaitingContinuation { length } => Ev::Cont(length),
                FrameEvent::Rejected(e) => Ev::Rej(e),
            });
        }
    }

    /// The events of `chunks` pushed one after the other, draining after each push.
    fn frame_chunks(config: FramerConfig, chunks: &[&[u8]]) -> Vec<Ev> {
        let mut framer = Framer::new(config);
        let mut out = Vec::new();
        for chunk in chunks {
            framer.push(chunk);
            drain(&mut framer, &mut out);
        }
        out
    }

    /// Checks that every split of `stream` into one, two, three pieces, and byte by byte,
    /// gives `expected`.
    fn check_all_splits(config: FramerConfig, stream: &[u8], expected: &[Ev]) {
        assert_eq!(frame_chunks(config, &[stream]), expected, "whole");
        let bytes: Vec<&[u8]> = stream.chunks(1).collect();
        assert_eq!(frame_chunks(config, &bytes), expected, "byte by byte");
        for i in 0..=stream.len() {
            let (a, b) = stream.split_at(i);
            assert_eq!(frame_chunks(config, &[a, b]), expected, "split at {i}");
            for j in i..=stream.len() {
                let (b, c) = (&stream[i..j], &stream[j..]);
                assert_eq!(
                    frame_chunks(config, &[a, b, c]),
                    expected,
                    "split at {i}, {j}"
                );
            }
        }
    }

    fn server() -> FramerConfig {
        FramerConfig {
            origin: Origin::Server,
            ..FramerConfig::default()
        }
    }

    #[test]
    fn lines_are_framed_whatever_the_chunking() {
        let stream = b"A1 NOOP\r\nA2 SELECT INBOX\r\n* OK {x}\r\n";
        let expected = [
            msg(b"A1 NOOP\r\n"),
            msg(b"A2 SELECT INBOX\r\n"),
            msg(b"* OK {x}\r\n"),
        ];
        check_all_splits(FramerConfig::default(), stream, &expected);
    }

    #[test]
    fn synchronizing_literal_reports_the_continuation_once() {
        let stream = b"A1 LOGIN {5}\r\nalice {6}\r\nsecret\r\nA2 NOOP\r\n";
        let expected = [
            Ev::Cont(5),
            Ev::Cont(6),
            msg(b"A1 LOGIN {5}\r\nalice {6}\r\nsecret\r\n"),
            msg(b"A2 NOOP\r\n"),
        ];
        check_all_splits(FramerConfig::default(), stream, &expected);
    }

    #[test]
    fn continuation_comes_before_the_data_is_there() {
        let mut framer = Framer::default();
        framer.push(b"A1 LOGIN {5}\r");
        assert_eq!(framer.next_event(), None);
        framer.push(b"\n");
        assert_eq!(
            framer.next_event(),
            Some(FrameEvent::LiteralAwaitingContinuation { length: 5 })
        );
        assert_eq!(framer.next_event(), None);
        assert_eq!(framer.next_event(), None);
        framer.push(b"ali");
        assert_eq!(framer.next_event(), None);
        framer.push(b"ce x\r\n");
        assert_eq!(
            framer.next_event(),
            Some(FrameEvent::Message(b"A1 LOGIN {5}\r\nalice x\r\n"))
        );
        assert!(!framer.is_inside_message());
    }

    #[test]
    fn literal_data_is_not_scanned_for_line_ends_or_announcements() {
        let stream = b"* 1 FETCH (BODY[] {12}\r\na\r\n{3}\r\nb\r\nc)\r\n";
        let expected = [msg(stream)];
        check_all_splits(server(), stream, &expected);
    }

    #[test]
    fn responses_have_no_continuation_events() {
        let stream = b"* 1 FETCH (BODY[] {3}\r\nabc)\r\n";
        check_all_splits(server(), stream, &[msg(stream)]);
    }

    #[test]
    fn non_synchronizing_literals_have_no_continuation_event() {
        let stream = b"A1 LOGIN {5+}\r\nalice {6+}\r\nsecret\r\n";
        check_all_splits(FramerConfig::default(), stream, &[msg(stream)]);
    }

    #[test]
    fn literal8_is_framed() {
        let stream = b"A1 APPEND INBOX ~{3}\r\n\0\x01\n ~{2+}\r\n\r\n\r\nA2 NOOP\r\n";
        let expected = [
            Ev::Cont(3),
            msg(b"A1 APPEND INBOX ~{3}\r\n\0\x01\n ~{2+}\r\n\r\n\r\n"),
            msg(b"A2 NOOP\r\n"),
        ];
        check_all_splits(FramerConfig::default(), stream, &expected);
    }

    #[test]
    fn zero_length_literal() {
        let stream = b"A1 LOGIN {0}\r\n {0+}\r\n\r\n";
        check_all_splits(FramerConfig::default(), stream, &[Ev::Cont(0), msg(stream)]);
    }

    #[test]
    fn bare_lf_ends_a_line_and_an_announcement() {
        let stream = b"A1 NOOP\nA2 LOGIN {1+}\nx y\n";
        let expected = [msg(b"A1 NOOP\n"), msg(b"A2 LOGIN {1+}\nx y\n")];
        check_all_splits(FramerConfig::default(), stream, &expected);
    }

    #[test]
    fn near_announcements_are_plain_text() {
        // `{}`, `{+}`, `{1 }`, `{1}x`, `{1}\r x` and `{1++}` announce nothing.
        let stream =
            b"* OK {}\r\n* OK {+}\r\n* OK {1 }\r\n* OK {1}x\r\n* OK {1}\r x\r\n* OK {1++}\r\n";
        let expected: Vec<Ev> = stream.split_inclusive(|&b| b == b'\n').map(msg).collect();
        assert_eq!(expected.len(), 6);
        check_all_splits(server(), stream, &expected);
    }

    #[test]
    fn oversize_line_is_rejected_and_the_next_message_framed() {
        let config = FramerConfig {
            max_message_size: 10,
            ..FramerConfig::default()
        };
        let stream = b"A1 NOOP\r\nA2 SELECT INBOX\r\nA3 NOOP\r\n";
        let expected = [
            msg(b"A1 NOOP\r\n"),
            Ev::Rej(FrameError::MessageTooLarge { size: 11 }),
            msg(b"A3 NOOP\r\n"),
        ];
        check_all_splits(config, stream, &expected);
    }

    #[test]
    fn message_of_exactly_the_limit_is_accepted() {
        let config = FramerConfig {
            max_message_size: 9,
            ..FramerConfig::default()
        };
        check_all_splits(config, b"A1 NOOP\r\n", &[msg(b"A1 NOOP\r\n")]);
        // The LF is the byte too many.
        check_all_splits(
            config,
            b"A1 NOOPX\r\nA2\r\n",
            &[
                Ev::Rej(FrameError::MessageTooLarge { size: 10 }),
                msg(b"A2\r\n"),
            ],
        );
    }

    #[test]
    fn oversize_literal_is_skipped_and_the_next_message_framed() {
        let config = FramerConfig {
            max_literal_size: 3,
            ..server()
        };
        let stream = b"* 1 FETCH (BODY[] {4}\r\nab\r\n {1}\r\nx)\r\n* 2 EXISTS\r\n";
        let expected = [
            Ev::Rej(FrameError::LiteralTooLarge { length: 4 }),
            msg(b"* 2 EXISTS\r\n"),
        ];
        check_all_splits(config, stream, &expected);

        // Non-synchronizing literal of a client: its data comes anyway.
        let config = FramerConfig {
            max_literal_size: 3,
            ..FramerConfig::default()
        };
        let stream = b"A1 APPEND INBOX {5+}\r\n{1}\r\n\r\nA2 NOOP\r\n";
        let expected = [
            Ev::Rej(FrameError::LiteralTooLarge { length: 5 }),
            msg(b"A2 NOOP\r\n"),
        ];
        check_all_splits(config, stream, &expected);
    }

    #[test]
    fn oversize_synchronizing_literal_of_a_client_ends_its_message() {
        // The server refuses the literal; the client sends no data but its next command.
        let config = FramerConfig {
            max_literal_size: 3,
            ..FramerConfig::default()
        };
        let stream = b"A1 APPEND INBOX {4}\r\nA2 NOOP\r\n";
        let expected = [
            Ev::Rej(FrameError::LiteralTooLarge { length: 4 }),
            msg(b"A2 NOOP\r\n"),
        ];
        check_all_splits(config, stream, &expected);

        // Also inside a message already rejected for its size.
        let config = FramerConfig {
            max_message_size: 5,
            ..FramerConfig::default()
        };
        let stream = b"A1 LOGIN {1}\r\nA2\r\n";
        let expected = [
            Ev::Rej(FrameError::MessageTooLarge { size: 6 }),
            msg(b"A2\r\n"),
        ];
        check_all_splits(config, stream, &expected);
    }

    #[test]
    fn literal_that_breaks_the_message_limit_is_rejected_at_its_announcement() {
        let config = FramerConfig {
            max_message_size: 30,
            ..server()
        };
        let stream = b"* 1 FETCH (BODY[] {10}\r\n0123456789)\r\n* 2 EXISTS\r\n";
        let expected = [
            Ev::Rej(FrameError::MessageTooLarge { size: 34 }),
            msg(b"* 2 EXISTS\r\n"),
        ];
        check_all_splits(config, stream, &expected);
    }

    #[test]
    fn huge_announcements_are_rejected() {
        // Longer than 64 bits: the message ends at the announcement.
        let stream = b"A1 LOGIN {99999999999999999999}\r\nA2 NOOP\r\n";
        let expected = [
            Ev::Rej(FrameError::InvalidLiteralLength),
            msg(b"A2 NOOP\r\n"),
        ];
        check_all_splits(server(), stream, &expected);
        // Fits 64 bits but not a u32: too large, and its data is skipped.
        let stream = b"* 1 FETCH (BODY[] {18446744073709551615}\r\n";
        let mut framer = Framer::new(server());
        framer.push(stream);
        assert_eq!(
            framer.next_event(),
            Some(FrameEvent::Rejected(FrameError::LiteralTooLarge {
                length: u64::MAX
            }))
        );
        framer.push(&[b'x'; 1000]);
        assert_eq!(framer.next_event(), None);
        assert_eq!(framer.buffered_len(), 0);
    }

    #[test]
    fn rejected_message_is_not_buffered() {
        let config = FramerConfig {
            max_message_size: 100,
            max_literal_size: 1000,
            origin: Origin::Server,
        };
        let mut framer = Framer::new(config);
        framer.push(b"* 1 FETCH (BODY[] {1000000}\r\n");
        assert_eq!(
            framer.next_event(),
            Some(FrameEvent::Rejected(FrameError::LiteralTooLarge {
                length: 1_000_000
            }))
        );
        assert_eq!(framer.buffered_len(), 0);
        let chunk = [b'\n'; 4096];
        let mut sent = 0;
        while sent + chunk.len() <= 1_000_000 {
            framer.push(&chunk);
            assert_eq!(framer.buffered_len(), 0);
            sent += chunk.len();
        }
        assert!(framer.is_inside_message());
        framer.push(&chunk[..1_000_000 - sent]);
        framer.push(b")\r\n* 2 EXISTS\r\n");
        assert_eq!(framer.buffered_len(), b"* 2 EXISTS\r\n".len());
        assert_eq!(
            framer.next_event(),
            Some(FrameEvent::Message(b"* 2 EXISTS\r\n"))
        );
        assert_eq!(framer.next_event(), None);

        // An endless line is dropped as it comes, too.
        framer.push(&[b'a'; 200]);
        assert_eq!(
            framer.next_event(),
            Some(FrameEvent::Rejected(FrameError::MessageTooLarge {
                size: 101
            }))
        );
        for _ in 0..100 {
            framer.push(&[b'a'; 1000]);
            assert_eq!(framer.buffered_len(), 0);
            assert_eq!(framer.next_event(), None);
        }
        framer.push(b"\r\nA1\r\n");
        assert_eq!(framer.next_event(), Some(FrameEvent::Message(b"A1\r\n")));
    }

    #[test]
    fn announced_length_allocates_nothing() {
        let mut framer = Framer::new(server());
        framer.push(b"* 1 FETCH (BODY[] {60000000}\r\n");
        assert_eq!(framer.next_event(), None);
        assert!(framer.buf.capacity() < 1024);
    }

    #[test]
    fn consumed_bytes_are_dropped() {
        let mut framer = Framer::default();
        for _ in 0..10_000 {
            framer.push(b"A1 NOOP\r\nA2 NO");
            assert!(matches!(framer.next_event(), Some(FrameEvent::Message(_))));
            assert_eq!(framer.next_event(), None);
            framer.push(b"OP\r\n");
            assert_eq!(
                framer.next_event(),
                Some(FrameEvent::Message(b"A2 NOOP\r\n"))
            );
        }
        assert!(framer.buf.capacity() < 1024);
        assert_eq!(framer.buffered_len(), 0);
    }

    #[test]
    fn many_pushes_before_draining() {
        let mut framer = Framer::default();
        for b in b"A1 LOGIN {1}\r\nx y\r\nA2 NOOP\r\n" {
            framer.push(&[*b]);
        }
        let mut out = vec![];
        drain(&mut framer, &mut out);
        assert_eq!(
            out,
            [
                Ev::Cont(1),
                msg(b"A1 LOGIN {1}\r\nx y\r\n"),
                msg(b"A2 NOOP\r\n")
            ]
        );
    }

    #[test]
    fn byte_by_byte_is_linear() {
        // A long line of digits inside an announcement and a long literal, byte by byte:
        // each byte is looked at once (this would take very long if rescanned).
        let mut stream = Vec::new();
        stream.extend_from_slice(b"A1 X {");
        stream.extend(core::iter::repeat_n(b'0', 200_000));
        stream.extend_from_slice(b"5+}\r\nabcde\r\n");
        let mut framer = Framer::default();
        let mut count = 0;
        for b in &stream {
            framer.push(core::slice::from_ref(b));
            while let Some(event) = framer.next_event() {
                assert_eq!(event, FrameEvent::Message(&stream));
                count += 1;
            }
        }
        assert_eq!(count, 1);
    }

    #[test]
    fn errors_display() {
        use alloc::string::ToString;
        assert_eq!(
            FrameError::MessageTooLarge { size: 5 }.to_string(),
            "message too large: at least 5 bytes"
        );
        assert_eq!(
            FrameError::LiteralTooLarge { length: 5 }.to_string(),
            "literal too large: 5 bytes"
        );
        assert_eq!(
            FrameError::InvalidLiteralLength.to_string(),
            "literal length does not fit in 64 bits"
        );
    }
}

//! The encoding machinery: an output buffer that records where lines end and literals begin,
//! and the [`Encode`] trait that every type implements beside its decoder.

use alloc::vec::Vec;

use imap_types::core::LiteralMode;

/// The output capacity that `encode_to_vec` and `encode_to_fragments` start with: most
/// messages fit, so the buffer rarely grows (growing from empty reallocates and copies about
/// ten times for a message of a few KiB).
const INITIAL_CAPACITY: usize = 1024;

/// The number of decimal digits of `n` (at least 1): an estimate from its bit length,
/// corrected with one comparison, which costs a few instructions where `ilog10` costs many.
#[inline(always)]
fn decimal_len(n: u64) -> usize {
    const POWERS: [u64; 20] = {
        let mut powers = [0; 20];
        let mut i = 1;
        let mut p = 1u64;
        while i < 20 {
            p *= 10;
            powers[i] = p;
            i += 1;
        }
        powers
    };
    // 1233 / 4096 is just above log10(2), so the estimate is the length or one less.
    let bits = 64 - (n | 1).leading_zeros() as usize;
    let estimate = (bits * 1233) >> 12;
    estimate + usize::from(n >= POWERS[estimate])
}

/// `00`, `01`, .. `99`: the two digits of each number below 100.
const DIGIT_PAIRS: &[u8; 200] = b"\
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// A value that can be written in IMAP syntax.
///
/// The data of literals is not copied while encoding: the [`Encoder`] borrows it from the
/// value (hence the lifetime `'e` shared by `self` and the encoder), so that
/// [`Encoder::fragments`] hands out literal data straight from the value, and
/// [`Encoder::into_bytes`] copies it once, into a buffer of the exact size.
pub trait Encode {
    /// Appends the value's bytes to `out`.
    fn encode<'e>(&'e self, out: &mut Encoder<'e>);

    /// The number of bytes of literal data in the value, or fewer: [`Encode::encode_to_vec`]
    /// allocates room for them with the rest of the message, so that a message with a large
    /// literal is written into one buffer, allocated once. Only the values that hold a
    /// message's large literals (a `FETCH` response's body data, an `APPEND`'s messages)
    /// count them; the default is 0, and any count is correct (it only sizes the buffer).
    fn literal_bytes(&self) -> usize {
        0
    }

    /// The value's bytes.
    fn encode_to_vec(&self) -> Vec<u8> {
        encode_inline(
            self,
            Vec::with_capacity(INITIAL_CAPACITY + self.literal_bytes()),
        )
    }

    /// Appends the value's bytes to `bytes` (literal data copied in). For a writer that puts
    /// message after message into one buffer it empties between them: once the buffer is
    /// large enough, encoding allocates nothing, and writes to memory that is in the cache.
    ///
    /// ```
    /// use imap_codec::{Decode, Encode};
    /// use imap_types::response::Response;
    ///
    /// let mut out = Vec::new();
    /// for input in [&b"* 1 FETCH (BODY[] {5}\r\nhello)\r\n"[..], b"A1 OK done\r\n"] {
    ///     let (_, response) = Response::decode(input).unwrap();
    ///     out.clear();
    ///     response.encode_into(&mut out);
    ///     assert_eq!(out, input);
    /// }
    /// ```
    fn encode_into(&self, bytes: &mut Vec<u8>) {
        bytes.reserve(INITIAL_CAPACITY + self.literal_bytes());
        *bytes = encode_inline(self, core::mem::take(bytes));
    }

    /// The value's bytes, split into lines and literals (see [`Encoder::fragments`]); the
    /// literals' data is borrowed from `self`.
    fn encode_to_fragments(&self) -> Encoder<'_> {
        let mut out = Encoder::with_capacity(INITIAL_CAPACITY);
        self.encode(&mut out);
        out
    }
}

/// `value`'s bytes appended to `buf`, literal data copied in.
fn encode_inline<T: Encode + ?Sized>(value: &T, buf: Vec<u8>) -> Vec<u8> {
    let mut out = Encoder {
        buf,
        literals: Vec::new(),
        inline_literals: true,
    };
    value.encode(&mut out);
    out.buf
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode<'e>(&'e self, out: &mut Encoder<'e>) {
        (**self).encode(out)
    }

    fn literal_bytes(&self) -> usize {
        (**self).literal_bytes()
    }

    fn encode_into(&self, bytes: &mut Vec<u8>) {
        (**self).encode_into(bytes)
    }
}

/// A piece of an encoded message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fragment<'e> {
    /// Bytes up to the end of a line, or up to the end of a literal announcement (`{n}\r\n`).
    Line(&'e [u8]),
    /// The data of a literal. For [`LiteralMode::Sync`] a client must wait for the server's
    /// continuation request before sending it.
    Literal {
        /// The literal's bytes.
        data: &'e [u8],
        /// The literal's mode.
        mode: LiteralMode,
    },
}

/// The output of encoding: the bytes of the lines, and the literals' data borrowed (for
/// `'a`) from the encoded value, each with the place where it belongs.
///
/// ```
/// use imap_codec::{Decode, Encode, Fragment};
/// use imap_types::command::Command;
///
/// let input = b"A1 LOGIN {5}\r\nalice secret\r\n";
/// let (_, command) = Command::decode(input).unwrap();
/// let encoded = command.encode_to_fragments();
/// let fragments: Vec<Fragment<'_>> = encoded.fragments().collect();
/// assert_eq!(fragments[0], Fragment::Line(b"A1 LOGIN {5}\r\n"));
/// // The literal's data is the very slice of `input` that the decoder borrowed.
/// let Fragment::Literal { data, .. } = fragments[1] else { panic!() };
/// assert!(core::ptr::eq(data, &input[14..19]));
/// assert_eq!(fragments[2], Fragment::Line(b" secret\r\n"));
/// assert_eq!(encoded.into_bytes(), input);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Encoder<'a> {
    /// Everything but the literals' data.
    buf: Vec<u8>,
    /// Each literal: the position in `buf` where its data belongs, the data and its mode.
    literals: Vec<(usize, &'a [u8], LiteralMode)>,
    /// Whether literal data goes straight into `buf` (for `encode_to_vec`, which needs no
    /// fragments): the data is then copied once, with no list of literals to keep.
    inline_literals: bool,
}

impl<'a> Encoder<'a> {
    /// An empty output.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty output with room for `capacity` bytes of lines before it grows.
    pub fn with_capacity(capacity: usize) -> Self {
        Self {
            buf: Vec::with_capacity(capacity),
            literals: Vec::new(),
            inline_literals: false,
        }
    }

    /// The number of bytes written so far, literals included.
    fn byte_count(&self) -> usize {
        self.buf.len()
            + self
                .literals
                .iter()
                .map(|(_, data, _)| data.len())
                .sum::<usize>()
    }

    /// The bytes written so far, contiguous (a copy).
    pub fn to_vec(&self) -> Vec<u8> {
        let mut bytes = Vec::with_capacity(self.byte_count());
        for fragment in self.fragments() {
            match fragment {
                Fragment::Line(data) | Fragment::Literal { data, .. } => {
                    bytes.extend_from_slice(data)
                }
            }
        }
        bytes
    }

    /// The bytes, contiguous: without literals the buffer itself, otherwise one copy into a
    /// buffer of the exact size.
    pub fn into_bytes(self) -> Vec<u8> {
        if self.literals.is_empty() {
            self.buf
        } else {
            self.to_vec()
        }
    }

    /// The output as lines and literals, in order. Literal data is borrowed from the encoded
    /// value, not copied.
    pub fn fragments(&self) -> impl Iterator<Item = Fragment<'_>> + '_ {
        let mut pos = 0;
        let mut literals = self.literals.iter();
        let mut pending: Option<Fragment<'_>> = None;
        core::iter::from_fn(move || {
            if let Some(fragment) = pending.take() {
                return Some(fragment);
            }
            match literals.next() {
                Some(&(at, data, mode)) => {
                    // Every literal follows its announcement `{n}\r\n`: the line is not empty.
                    let line = &self.buf[pos..at];
                    pos = at;
                    pending = Some(Fragment::Literal { data, mode });
                    Some(Fragment::Line(line))
                }
                None if pos < self.buf.len() => {
                    let line = &self.buf[pos..];
                    pos = self.buf.len();
                    Some(Fragment::Line(line))
                }
                None => None,
            }
        })
    }

    /// Appends raw bytes.
    #[inline(always)]
    pub fn push(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Appends `open`, `bytes` and `close` (one capacity check for the three).
    #[inline(always)]
    pub(crate) fn push_enclosed(&mut self, open: u8, bytes: &[u8], close: u8) {
        self.buf.reserve(bytes.len() + 2);
        self.buf.push(open);
        self.buf.extend_from_slice(bytes);
        self.buf.push(close);
    }

    /// Appends one byte.
    #[inline(always)]
    pub fn byte(&mut self, b: u8) {
        self.buf.push(b);
    }

    /// `SP`
    #[inline(always)]
    pub fn sp(&mut self) {
        self.buf.push(b' ');
    }

    /// `CRLF`
    #[inline(always)]
    pub fn crlf(&mut self) {
        self.buf.extend_from_slice(b"\r\n");
    }

    /// A decimal number.
    pub fn number(&mut self, n: u64) {
        if n < 10 {
            self.buf.push(b'0' + n as u8);
            return;
        }
        // Room for the longest number is written first (one 20-byte store), then the digits,
        // two at a time, in place from the back, and the buffer is cut to length. Building
        // the digits in a local array and appending it would read back, as one wide load,
        // bytes just stored two at a time, which the CPU cannot forward and stalls on.
        let len = decimal_len(n);
        let start = self.buf.len();
        self.buf.extend_from_slice(&[0u8; 20]);
        let digits = &mut self.buf[start..start + len];
        let mut i = len;
        let mut n = n;
        while n >= 100 {
            let pair = (n % 100) as usize * 2;
            n /= 100;
            i -= 2;
            digits[i..i + 2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
        }
        // 1 or 2 digits are left, the first `i` places.
        if n >= 10 {
            let pair = n as usize * 2;
            digits[..2].copy_from_slice(&DIGIT_PAIRS[pair..pair + 2]);
        } else {
            digits[0] = b'0' + n as u8;
        }
        self.buf.truncate(start + len);
    }

    /// A literal: `{n}` or `{n+}` (with `~` before it for `literal8`), CRLF, and the data
    /// (borrowed, not copied).
    pub fn literal(&mut self, data: &'a [u8], mode: LiteralMode, binary: bool) {
        if binary {
            self.buf.push(b'~');
        }
        self.buf.push(b'{');
        self.number(data.len() as u64);
        if mode == LiteralMode::NonSync {
            self.buf.push(b'+');
        }
        self.buf.extend_from_slice(b"}\r\n");
        if self.inline_literals {
            // Room for the data and for the rest of a typical message, so that the bytes after
            // a large literal do not grow (copy) the buffer again. A new buffer, rather than
            // `reserve`, copies only the bytes written so far: `realloc` copies the whole old
            // allocation when it cannot grow it in place.
            if data.len() > self.buf.capacity() - self.buf.len() {
                let mut grown = Vec::with_capacity(self.buf.len() + data.len() + INITIAL_CAPACITY);
                grown.extend_from_slice(&self.buf);
                self.buf = grown;
            }
            self.buf.extend_from_slice(data);
        } else {
            self.literals.push((self.buf.len(), data, mode));
        }
    }

    /// Items separated by single spaces.
    pub fn join<T>(&mut self, items: &'a [T], mut each: impl FnMut(&'a T, &mut Self)) {
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                self.sp();
            }
            each(item, self);
        }
    }

    /// `"(" item *(SP item) ")"`
    pub fn paren_list<T>(&mut self, items: &'a [T], each: impl FnMut(&'a T, &mut Self)) {
        self.byte(b'(');
        self.join(items, each);
        self.byte(b')');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_split_at_literals() {
        let mut out = Encoder::new();
        out.push(b"A1 LOGIN ");
        out.literal(b"alice", LiteralMode::Sync, false);
        out.sp();
        out.literal(b"pw", LiteralMode::NonSync, false);
        out.crlf();
        let fragments: Vec<_> = out.fragments().collect();
        assert_eq!(
            fragments,
            [
                Fragment::Line(b"A1 LOGIN {5}\r\n"),
                Fragment::Literal {
                    data: b"alice",
                    mode: LiteralMode::Sync
                },
                Fragment::Line(b" {2+}\r\n"),
                Fragment::Literal {
                    data: b"pw",
                    mode: LiteralMode::NonSync
                },
                Fragment::Line(b"\r\n"),
            ]
        );
        assert_eq!(out.to_vec(), b"A1 LOGIN {5}\r\nalice {2+}\r\npw\r\n");
        assert_eq!(out.into_bytes(), b"A1 LOGIN {5}\r\nalice {2+}\r\npw\r\n");
    }

    #[test]
    fn quoted_strings_escape_every_special_at_every_position() {
        use alloc::string::String;
        use imap_types::core::Quoted;

        // Lengths around the 16-byte blocks of the escape test, a special at each position.
        for len in 0..40 {
            for special in ["", "\"", "\\"] {
                for at in 0..=len {
                    let text: String = (0..len)
                        .map(|i| if i == at { special } else { "a" })
                        .collect();
                    let mut expected = String::from("\"");
                    for c in text.chars() {
                        if c == '"' || c == '\\' {
                            expected.push('\\');
                        }
                        expected.push(c);
                    }
                    expected.push('"');
                    let quoted = Quoted::try_from(text.as_str()).unwrap();
                    assert_eq!(quoted.encode_to_vec(), expected.as_bytes(), "{text:?}");
                }
            }
        }
    }

    #[test]
    fn numbers_are_decimal() {
        let mut out = Encoder::new();
        for n in [0, 9, 10, 99, 100, u64::MAX] {
            out.number(n);
            out.sp();
        }
        assert_eq!(out.into_bytes(), b"0 9 10 99 100 18446744073709551615 ");
        // Every number of digits, around every power of ten.
        let mut p = 1u64;
        loop {
            for n in [p - 1, p, p + 1, p.saturating_mul(7) / 3] {
                let mut out = Encoder::new();
                out.number(n);
                assert_eq!(out.into_bytes(), alloc::format!("{n}").as_bytes());
            }
            match p.checked_mul(10) {
                Some(next) => p = next,
                None => break,
            }
        }
        // Every bit length (the digit count is estimated from it).
        for k in 0..64 {
            for n in [1u64 << k, (1u64 << k) - 1, (1u64 << k) | ((1u64 << k) - 1)] {
                assert_eq!(decimal_len(n), alloc::format!("{n}").len(), "{n}");
            }
        }
    }

    #[test]
    fn encode_to_vec_matches_fragments() {
        use imap_types::core::Literal;

        for len in [0, 1, 5, 3000] {
            let data = alloc::vec![b'x'; len];
            let literal = Literal::try_from(&data[..]).unwrap();
            let fragments = literal.encode_to_fragments().into_bytes();
            assert_eq!(literal.encode_to_vec(), fragments);
            let mut expected = alloc::format!("{{{len}}}\r\n").into_bytes();
            expected.extend_from_slice(&data);
            assert_eq!(fragments, expected);
        }
        // Literals inline, before and after the buffer grows for one of them: every byte
        // written before the growth is kept, and the next ones follow.
        let (small, large) = ([b'a'; 10], [b'b'; 5000]);
        let mut out = Encoder::with_capacity(INITIAL_CAPACITY);
        out.inline_literals = true;
        out.push(b"* 1 FETCH (BODY[1] ");
        out.literal(&small, LiteralMode::Sync, false);
        out.push(b" BODY[2] ");
        out.literal(&large, LiteralMode::NonSync, false);
        out.push(b" BODY[3] ");
        out.literal(&large, LiteralMode::Sync, true);
        out.push(b")\r\n");
        let mut expected = b"* 1 FETCH (BODY[1] {10}\r\naaaaaaaaaa BODY[2] {5000+}\r\n".to_vec();
        expected.extend_from_slice(&large);
        expected.extend_from_slice(b" BODY[3] ~{5000}\r\n");
        expected.extend_from_slice(&large);
        expected.extend_from_slice(b")\r\n");
        assert_eq!(out.buf, expected);
        assert!(out.literals.is_empty());
    }

    #[test]
    fn encode_to_vec_makes_room_for_a_messages_literals_at_once() {
        use imap_types::{command::Command, response::Response};

        use crate::decode::Decode;

        let mut input = b"* 7 FETCH (UID 9 BODY[] {5000}\r\n".to_vec();
        input.extend_from_slice(&[b'x'; 5000]);
        input.extend_from_slice(b" RFC822.HEADER NIL BINARY[1] ~{300}\r\n");
        input.extend_from_slice(&[0; 300]);
        input.extend_from_slice(b" RFC822.TEXT \"text\" PREVIEW {2}\r\npv)\r\n");
        let (_, response) = Response::decode(&input).unwrap();
        assert_eq!(response.literal_bytes(), 5302);
        let bytes = response.encode_to_vec();
        assert_eq!(bytes, input);
        // Allocated once: a growth for the literals would have sized the buffer from the
        // bytes written before the first one.
        assert_eq!(bytes.capacity(), INITIAL_CAPACITY + 5302);

        let input = b"A1 APPEND INBOX (\\Seen) {5}\r\nhello ~{3}\r\nab\0\r\n";
        let (_, command) = Command::decode(input).unwrap();
        assert_eq!(command.literal_bytes(), 8);
        assert_eq!(command.encode_to_vec(), input);

        // Values whose literals are not counted (a small literal where a string may be one)
        // or that hold none.
        for input in [&b"A1 LOGIN {5}\r\nalice pw\r\n"[..], b"A1 NOOP\r\n"] {
            let (_, command) = Command::decode(input).unwrap();
            assert_eq!(command.literal_bytes(), 0);
            assert_eq!(command.encode_to_vec(), input);
        }
        for input in [
            &b"* 1 FETCH (BODY[] NIL UID 3)\r\n"[..],
            b"* 2 FETCH (RFC822 \"abc\")\r\n",
            b"A1 OK done\r\n",
            b"* 3 EXISTS\r\n",
        ] {
            let (_, response) = Response::decode(input).unwrap();
            assert_eq!(response.literal_bytes(), 0);
            assert_eq!(response.encode_to_vec(), input);
        }
    }

    #[test]
    fn encode_into_appends_and_reuses_the_buffer() {
        use imap_types::response::Response;

        use crate::decode::Decode;

        let mut large = b"* 2 FETCH (BODY[] {3000}\r\n".to_vec();
        large.extend_from_slice(&[b'y'; 3000]);
        large.extend_from_slice(b")\r\n");
        let small = b"* 3 FETCH (UID 7 BODY[] {2}\r\nhi)\r\n";
        let (_, large_response) = Response::decode(&large).unwrap();
        let (_, small_response) = Response::decode(small).unwrap();

        // Appended after what the buffer holds.
        let first = b"* 1 EXISTS\r\n";
        let mut out = first.to_vec();
        large_response.encode_into(&mut out);
        assert_eq!(out[..first.len()], first[..]);
        assert_eq!(out[first.len()..], large[..]);
        // Emptied and written again, the buffer is not allocated anew.
        let (capacity, place) = (out.capacity(), out.as_ptr());
        for (response, bytes) in [(&small_response, &small[..]), (&large_response, &large)] {
            out.clear();
            response.encode_into(&mut out);
            assert_eq!(out, bytes);
            assert_eq!((out.capacity(), out.as_ptr()), (capacity, place));
        }
    }
}

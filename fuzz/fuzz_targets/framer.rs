//! The framer fed in chunks whose sizes come from the input: no panic, and the messages it
//! hands out do not depend on the chunking (compared with the whole stream pushed at once), and
//! are consecutive pieces of the stream.
//!
//! Input layout: byte 0 gives the number `k` (1 to 16) of chunk-size bytes that follow; the
//! rest is the stream, pushed in chunks of those sizes (cycled; a size of 0 counts as 1).
#![no_main]

use imap_fuzz::imap_codec::framer::{FrameEvent, Framer, FramerConfig};

/// What the framer said, in order: messages, literal announcements, and the first rejection.
#[derive(Debug, PartialEq)]
enum Seen {
    Message(Vec<u8>),
    Literal(u32),
    Rejected,
}

fn run(stream: &[u8], mut sizes: impl Iterator<Item = usize>) -> Vec<Seen> {
    let mut framer = Framer::new(FramerConfig::default());
    let mut seen = Vec::new();
    let mut at = 0;
    loop {
        while let Some(event) = framer.next_event() {
            match event {
                FrameEvent::Message(message) => seen.push(Seen::Message(message.to_vec())),
                FrameEvent::LiteralAwaitingContinuation { length } => {
                    seen.push(Seen::Literal(length))
                }
                FrameEvent::Rejected(_) => {
                    seen.push(Seen::Rejected);
                    return seen;
                }
            }
        }
        if at == stream.len() {
            return seen;
        }
        let end = (at + sizes.next().unwrap_or(1).max(1)).min(stream.len());
        framer.push(&stream[at..end]);
        at = end;
    }
}

imap_fuzz::libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Some((&k, rest)) = data.split_first() else {
        return;
    };
    let k = usize::from(k % 16) + 1;
    if rest.len() < k {
        return;
    }
    let (sizes, stream) = rest.split_at(k);

    let chunked = run(stream, sizes.iter().map(|&s| usize::from(s)).cycle());
    let whole = run(stream, std::iter::repeat(stream.len()));
    let messages = |seen: &[Seen]| -> Vec<Vec<u8>> {
        seen.iter()
            .filter_map(|s| match s {
                Seen::Message(m) => Some(m.clone()),
                _ => None,
            })
            .collect()
    };
    // Before any rejection, the same messages come out whatever the chunking.
    let (a, b) = (messages(&chunked), messages(&whole));
    let common = a.len().min(b.len());
    assert_eq!(a[..common], b[..common], "chunking changed the messages");
    if !chunked.contains(&Seen::Rejected) && !whole.contains(&Seen::Rejected) {
        assert_eq!(a, b, "chunking changed the messages");
    }
    // The messages are consecutive pieces of the stream, from its start.
    let joined = a.concat();
    assert!(
        stream.starts_with(&joined),
        "messages are not the stream's bytes"
    );
});

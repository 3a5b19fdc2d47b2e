//! Properties of the [`Framer`]: it hands out the same messages whatever the chunking of the
//! stream (random split points, and one byte at a time), for streams of many encoded values
//! from the one generator (`imap_suite::generator`).
//!
//! `PROPTEST_CASES=<n>` overrides the default number of cases.

use arbitrary::Unstructured;
use imap_codec::{
    Encode,
    framer::{FrameEvent, Framer, FramerConfig},
};
use imap_suite::generator;
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

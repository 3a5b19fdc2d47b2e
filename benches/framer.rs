//! The whole session stream through `imap_codec::framer::Framer`: group `framer/session`
//! with
//!
//! * `frame/whole`: the stream pushed at once, every message cut out;
//! * `frame/chunks-4096`: the stream pushed in 4 KiB reads (as a socket delivers it), the
//!   messages drained after each read;
//! * `frame+decode/chunks-4096/ours`: the same, each message also decoded (greeting, command
//!   or response by its sender).
//!
//! Before timing, the framer must give back exactly the session's messages in order; any
//! difference is printed and marks the benchmark ids.
//!
//! Run with `cargo bench --bench framer`.

mod common;

use std::hint::black_box;

use common::{Acceptance, Corpus, Kind, Library, decode_ours, decode_timed};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use imap_codec::framer::{FrameEvent, Framer, FramerConfig};

/// The size of one read from the socket in the chunked benchmarks.
const CHUNK: usize = 4096;

/// Pushes `stream` in `chunk`-byte pieces and calls `each` with every framed message.
fn frame(stream: &[u8], chunk: usize, mut each: impl FnMut(&[u8])) {
    let mut framer = Framer::new(FramerConfig::default());
    for piece in stream.chunks(chunk) {
        framer.push(piece);
        while let Some(event) = framer.next_event() {
            if let FrameEvent::Message(message) = event {
                each(message);
            }
        }
    }
}

/// The differences between what the framer gives and the session's messages.
fn check(corpus: &Corpus, stream: &[u8], chunk: usize) -> Vec<String> {
    let mut framed = Vec::new();
    frame(stream, chunk, |m| framed.push(m.to_vec()));
    let mut problems = Vec::new();
    if framed.len() != corpus.messages.len() {
        problems.push(format!(
            "{} messages framed, the session has {}",
            framed.len(),
            corpus.messages.len()
        ));
    }
    for (i, (got, (_, expected))) in framed.iter().zip(&corpus.messages).enumerate() {
        if got != expected {
            problems.push(format!(
                "message {i}: framed {} bytes {:?}..., expected {} bytes {:?}...",
                got.len(),
                String::from_utf8_lossy(&got[..got.len().min(40)]),
                expected.len(),
                String::from_utf8_lossy(&expected[..expected.len().min(40)]),
            ));
        }
    }
    problems
}

fn framer(c: &mut Criterion) {
    let corpus = Corpus::new(Kind::Session);
    let stream: Vec<u8> = corpus
        .messages
        .iter()
        .flat_map(|(_, m)| m.clone())
        .collect();
    println!(
        "Session stream: {} messages, {} bytes",
        corpus.messages.len(),
        stream.len()
    );

    let mut group = c.benchmark_group("framer/session");
    group.throughput(Throughput::Bytes(stream.len() as u64));
    for (name, chunk) in [("frame/whole", stream.len()), ("frame/chunks-4096", CHUNK)] {
        let problems = check(&corpus, &stream, chunk);
        for p in &problems {
            println!("!! {name}: {p}");
        }
        let id = if problems.is_empty() {
            name.to_string()
        } else {
            format!("{name} [WRONG FRAMING]")
        };
        group.bench_function(id, |b| {
            b.iter(|| {
                let mut n = 0usize;
                frame(black_box(&stream), chunk, |m| n += black_box(m).len());
                n
            })
        });
    }

    // Frame and decode: the sender of the i-th framed message is that of the i-th message.
    let sides: Vec<_> = corpus.messages.iter().map(|(side, _)| *side).collect();
    let mut rejected = Vec::new();
    let mut i = 0;
    frame(&stream, CHUNK, |m| {
        if let Some(side) = sides.get(i)
            && let Err(e) = decode_ours(*side, m)
        {
            rejected.push((i, e));
        }
        i += 1;
    });
    let acceptance = Acceptance {
        library: Library::Ours,
        kind: Kind::Session,
        total: sides.len(),
        rejected,
    };
    acceptance.report();
    let id = format!("frame+decode/chunks-4096/{}", acceptance.label());
    group.bench_function(id, |b| {
        b.iter(|| {
            let mut i = 0;
            frame(black_box(&stream), CHUNK, |m| {
                if let Some(side) = sides.get(i) {
                    black_box(decode_timed(Library::Ours, *side, m));
                }
                i += 1;
            });
        })
    });
    group.finish();
}

criterion_group!(benches, framer);
criterion_main!(benches);

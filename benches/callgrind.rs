//! A plain binary for instruction counts under `valgrind --tool=callgrind`: it decodes (or
//! encodes) one corpus with one library a given number of times, and nothing else.
//!
//! ```text
//! callgrind <kind>[/accepted-by-all] <library> <iterations> [decode|encode|encode-reused|encode-fragments]
//!   kind:      header_heavy | literal_heavy | commands | session
//!   library:   ours | peer | imap-proto (imap-proto decodes only)
//! ```
//!
//! With `/accepted-by-all` after the kind, the corpus is cut down to the messages that every
//! library decoding that kind accepts (the inputs of criterion's `accepted-by-all` groups),
//! for like-for-like counts; the cut is made in the run with 0 iterations too.
//!
//! Run under valgrind once with 0 iterations (generation only) and once with N; the
//! difference of the two instruction totals divided by N times the number of messages is
//! the cost of one decode. `benches/callgrind.sh` does exactly that for every kind and
//! library. With `encode`, every message is decoded once before the loop (in the run with 0
//! iterations too, so the difference holds only the encodes) and the loop encodes the
//! decoded values to contiguous bytes (ours: `encode_to_vec`; peer: `encode(..).dump()`);
//! `encode-reused` into one buffer that each pass empties and reuses for every message (ours:
//! `encode_into`; peer: the data of the `Encoded` fragments appended to it);
//! `encode-fragments` encodes them to fragments and consumes those one by one (ours:
//! `encode_to_fragments().fragments()`; peer: the `Encoded` iterator).
//! Without arguments (as `cargo bench` runs it) it decodes every corpus once with every
//! library and prints what it did.

mod common;

use std::{hint::black_box, process::ExitCode};

use common::{Corpus, EncodeAgain, Kind, Library, Output, decode_ours, decode_peer, decode_timed};
use imap_suite::traffic::Side;

/// What the measured loop does with each message.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Op {
    /// Decode the message.
    Decode,
    /// Encode the value decoded (once, outside the loop) from the message, to `Output`.
    Encode(Output),
}

impl Op {
    /// Every operation with its name on the command line.
    const NAMES: [(Op, &str); 4] = [
        (Op::Decode, "decode"),
        (Op::Encode(Output::Bytes), "encode"),
        (Op::Encode(Output::Reused), "encode-reused"),
        (Op::Encode(Output::Fragments), "encode-fragments"),
    ];
}

/// Decodes every message of `corpus` with `library` `iterations` times; returns the number
/// of rejected decodes of one pass over the corpus.
#[inline(never)]
fn run(corpus: &Corpus, library: Library, iterations: u32) -> usize {
    let mut rejected = 0;
    for iteration in 0..iterations {
        for (side, m) in &corpus.messages {
            let ok = decode_timed(library, *side, black_box(m));
            if iteration == 0 {
                rejected += usize::from(!ok);
            }
        }
    }
    rejected
}

/// The values `decode` gives for the messages of `corpus`, and the number of rejections.
fn decode_all<'c, T>(
    corpus: &'c Corpus,
    decode: fn(Side, &'c [u8]) -> Result<T, String>,
) -> (Vec<T>, usize) {
    let mut values = Vec::new();
    let mut rejected = 0;
    for (side, m) in &corpus.messages {
        match decode(*side, m) {
            Ok(v) => values.push(v),
            Err(_) => rejected += 1,
        }
    }
    (values, rejected)
}

/// Encodes every value `iterations` times, to `output`.
fn encode_all<V: EncodeAgain>(values: &[V], iterations: u32, output: Output) {
    for _ in 0..iterations {
        common::encode_pass(values, output);
    }
}

/// Decodes every message of `corpus` with `library` once, then encodes the values
/// `iterations` times; returns the number of rejected decodes (those are not encoded).
#[inline(never)]
fn run_encode(corpus: &Corpus, library: Library, iterations: u32, output: Output) -> usize {
    match library {
        Library::Ours => {
            let (values, rejected) = decode_all(corpus, decode_ours);
            encode_all(&values, iterations, output);
            rejected
        }
        Library::Peer => {
            let (values, rejected) = decode_all(corpus, decode_peer);
            encode_all(&values, iterations, output);
            rejected
        }
        Library::ImapProto => corpus.messages.len(),
    }
}

const USAGE: &str = "usage: callgrind <kind>[/accepted-by-all] <library> <iterations> \
                     [decode|encode|encode-reused|encode-fragments]";

/// The suffix of a kind that restricts its corpus to the inputs every library accepts.
const ACCEPTED_BY_ALL: &str = "/accepted-by-all";

/// The corpus of `kind`, restricted to the inputs every library accepts if `accepted_by_all`.
fn corpus(kind: Kind, accepted_by_all: bool) -> Corpus {
    let corpus = Corpus::new(kind);
    if !accepted_by_all {
        return corpus;
    }
    corpus.subset(&common::accepted_by_all(&common::acceptances(&corpus)))
}

fn main() -> ExitCode {
    // `cargo bench` passes `--bench`; flags are not ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    match args.as_slice() {
        [] => {
            for kind in Kind::ALL {
                let corpus = Corpus::new(kind);
                for library in Library::ALL.into_iter().filter(|l| l.decodes(kind)) {
                    let rejected = run(&corpus, library, 1);
                    println!(
                        "{} {}: {} messages, {} bytes, {rejected} rejected",
                        kind.name(),
                        library.name(),
                        corpus.messages.len(),
                        corpus.bytes()
                    );
                }
            }
            ExitCode::SUCCESS
        }
        [kind, library, iterations, op @ ..] if op.len() <= 1 => {
            let op_name = op.first().map_or("decode", String::as_str);
            let op = Op::NAMES
                .into_iter()
                .find_map(|(op, name)| (name == op_name).then_some(op));
            let (kind, accepted_by_all) = match kind.strip_suffix(ACCEPTED_BY_ALL) {
                Some(kind) => (kind, true),
                None => (kind.as_str(), false),
            };
            let (Some(kind), Some(library), Ok(iterations), Some(op)) = (
                Kind::from_name(kind),
                Library::from_name(library),
                iterations.parse::<u32>(),
                op,
            ) else {
                eprintln!("{USAGE}");
                return ExitCode::FAILURE;
            };
            if !library.decodes(kind) {
                eprintln!("{} does not decode {}", library.name(), kind.name());
                return ExitCode::FAILURE;
            }
            if op != Op::Decode && !library.encodes() {
                eprintln!("{} has no encoder", library.name());
                return ExitCode::FAILURE;
            }
            let corpus = corpus(kind, accepted_by_all);
            let rejected = match op {
                Op::Decode => run(&corpus, library, iterations),
                Op::Encode(output) => run_encode(&corpus, library, iterations, output),
            };
            println!(
                "kind={}{} library={} op={} iterations={iterations} messages={} bytes={} rejected={rejected}",
                kind.name(),
                if accepted_by_all { ACCEPTED_BY_ALL } else { "" },
                library.name(),
                op_name,
                corpus.messages.len(),
                corpus.bytes()
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::FAILURE
        }
    }
}

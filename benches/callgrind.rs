//! A plain binary for instruction counts under `valgrind --tool=callgrind`: it decodes one
//! corpus with one library a given number of times, and nothing else.
//!
//! ```text
//! callgrind <kind> <library> <iterations>
//!   kind:      header_heavy | literal_heavy | commands | session
//!   library:   ours | peer | imap-proto
//! ```
//!
//! Run under valgrind once with 0 iterations (generation only) and once with N; the
//! difference of the two instruction totals divided by N times the number of messages is
//! the cost of one decode. `benches/callgrind.sh` does exactly that for every kind and
//! library. Without arguments (as `cargo bench` runs it) it decodes every corpus once with
//! every library and prints what it did.

mod common;

use std::{hint::black_box, process::ExitCode};

use common::{Corpus, Kind, Library, decode_imap_proto, decode_ours, decode_peer};

/// Decodes every message of `corpus` with `library` `iterations` times; returns the number
/// of rejected decodes of one pass over the corpus.
#[inline(never)]
fn run(corpus: &Corpus, library: Library, iterations: u32) -> usize {
    let mut rejected = 0;
    for iteration in 0..iterations {
        for (side, m) in &corpus.messages {
            let ok = match library {
                Library::Ours => black_box(decode_ours(*side, black_box(m))).is_ok(),
                Library::Peer => black_box(decode_peer(*side, black_box(m))).is_ok(),
                Library::ImapProto => black_box(decode_imap_proto(*side, black_box(m))).is_ok(),
            };
            if iteration == 0 {
                rejected += usize::from(!ok);
            }
        }
    }
    rejected
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
        [kind, library, iterations] => {
            let (Some(kind), Some(library), Ok(iterations)) = (
                Kind::from_name(kind),
                Library::from_name(library),
                iterations.parse::<u32>(),
            ) else {
                eprintln!("usage: callgrind <kind> <library> <iterations>");
                return ExitCode::FAILURE;
            };
            if !library.decodes(kind) {
                eprintln!("{} does not decode {}", library.name(), kind.name());
                return ExitCode::FAILURE;
            }
            let corpus = Corpus::new(kind);
            let rejected = run(&corpus, library, iterations);
            println!(
                "kind={} library={} iterations={iterations} messages={} bytes={} rejected={rejected}",
                kind.name(),
                library.name(),
                corpus.messages.len(),
                corpus.bytes()
            );
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: callgrind <kind> <library> <iterations>");
            ExitCode::FAILURE
        }
    }
}

//! Decode and encode throughput of our `imap-codec` on each kind of generated traffic:
//! `decode/<kind>` and `encode/<kind>` for `header_heavy`, `literal_heavy`, `commands` and
//! `session` (the session's messages one by one; the framer bench cuts the session stream).
//!
//! Run with `cargo bench --bench codec`.

mod common;

use std::hint::black_box;

use common::{Acceptance, Corpus, EncodeAgain, Library, OursValue, decode_ours, decode_timed};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn codec(c: &mut Criterion) {
    let corpora = Corpus::all();
    common::print_corpora(&corpora);
    for corpus in &corpora {
        let acceptance = Acceptance::check(Library::Ours, corpus);
        acceptance.report();

        let mut group = c.benchmark_group(format!("decode/{}", corpus.kind.name()));
        group.throughput(Throughput::Bytes(corpus.bytes()));
        group.bench_function(acceptance.label(), |b| {
            b.iter(|| {
                for (side, message) in &corpus.messages {
                    black_box(decode_timed(Library::Ours, *side, black_box(message)));
                }
            })
        });
        group.finish();

        // Encode what was decoded (all of it, unless our decoder rejects some inputs).
        let accepted = corpus.subset(&acceptance.accepted());
        let values: Vec<OursValue<'_>> = accepted
            .messages
            .iter()
            .filter_map(|(side, m)| decode_ours(*side, m).ok())
            .collect();
        if values.is_empty() {
            println!(
                "!! encode/{}: SKIPPED, our decoder accepts none of the {} inputs",
                corpus.kind.name(),
                corpus.messages.len()
            );
            continue;
        }
        let mut group = c.benchmark_group(format!("encode/{}", corpus.kind.name()));
        group.throughput(Throughput::Bytes(accepted.bytes()));
        group.bench_function(acceptance.label(), |b| {
            b.iter(|| {
                for value in &values {
                    black_box(value.encode());
                }
            })
        });
        group.finish();
    }
}

criterion_group!(benches, codec);
criterion_main!(benches);

//! Decode and encode throughput of our `imap-codec` on each kind of generated traffic:
//! `decode/<kind>` and `encode/<kind>` for `header_heavy`, `literal_heavy`, `commands` and
//! `session` (the session's messages one by one; the framer bench cuts the session stream).
//!
//! Run with `cargo bench --bench codec`.

mod common;

use common::{Acceptance, Corpus, Library, OursValue, decode_ours};
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
            b.iter(|| common::decode_pass(Library::Ours, corpus))
        });
        group.finish();

        // Encode what was decoded (all of it, unless our decoder rejects some inputs).
        let accepted = corpus.subset(&acceptance.accepted());
        let values: Vec<OursValue<'_>> = common::decode_values(&accepted, decode_ours);
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
            b.iter(|| common::encode_pass(&values, common::Output::Bytes))
        });
        group.finish();
    }
}

criterion_group!(benches, codec);
criterion_main!(benches);

//! Side by side: the very same generated inputs decoded by our `imap-codec`, the published
//! `imap-codec` 2.0.0-alpha.10 and `imap-proto` 0.17 (responses only: it has no command
//! parser), and the decoded values encoded by ours and the published `imap-codec`, to
//! contiguous bytes (`compare-encode/<kind>`), into one buffer reused for every message
//! (`compare-encode-reused/<kind>`) and to fragments (`compare-encode-fragments/<kind>`).
//!
//! Before timing, every library decodes every input (whole message, nothing left over); each
//! rejection is printed with the input's index and the error, and the library's benchmark
//! id in that group is marked `[REJECTS n of m]`. When a library rejects some inputs, an extra
//! group `<kind>/accepted-by-all` times every library on the inputs all of them accept.
//!
//! At the start it prints the allocations per decoded message of each library (this binary
//! installs a counting global allocator: one relaxed atomic increment per allocation, the
//! same for every library).
//!
//! Run with `cargo bench --bench compare` (a quick check of everything without timing:
//! `cargo bench --bench compare -- --test`).

mod common;

use common::{Acceptance, Corpus, EncodeAgain, Library, Output, decode_ours, decode_peer};
use criterion::{
    BenchmarkGroup, Criterion, Throughput, criterion_group, criterion_main, measurement::WallTime,
};

#[global_allocator]
static ALLOC: common::CountingAlloc = common::CountingAlloc;

/// Times the decoding of every message of `corpus` by `library` under `id`.
fn bench_decode(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: String,
    library: Library,
    corpus: &Corpus,
) {
    group.bench_function(id, |b| b.iter(|| common::decode_pass(library, corpus)));
}

/// Times encoding every value of `values` to `output` under `id`.
fn bench_encode<V: EncodeAgain>(
    group: &mut BenchmarkGroup<'_, WallTime>,
    id: String,
    values: &[V],
    output: Output,
) {
    group.bench_function(id, |b| b.iter(|| common::encode_pass(values, output)));
}

/// The decode group of `corpus` (all given libraries, ids marked by their acceptance).
fn decode_group(c: &mut Criterion, name: String, corpus: &Corpus, acceptances: &[Acceptance]) {
    let mut group = c.benchmark_group(name);
    group.throughput(Throughput::Bytes(corpus.bytes()));
    for acceptance in acceptances {
        bench_decode(&mut group, acceptance.label(), acceptance.library, corpus);
    }
    group.finish();
}

fn compare(c: &mut Criterion) {
    let corpora = Corpus::all();
    common::print_corpora(&corpora);
    println!("Acceptance check (every library, every input):");
    let checks: Vec<Vec<Acceptance>> = corpora.iter().map(common::check_all).collect();
    for (corpus, acceptances) in corpora.iter().zip(&checks) {
        if acceptances.iter().all(Acceptance::all_accepted) {
            println!(
                "   {}: accepted by every library that decodes it",
                corpus.kind.name()
            );
        }
        if !Library::ImapProto.decodes(corpus.kind) {
            println!(
                "   {}: imap-proto takes no part (it has no command parser)",
                corpus.kind.name()
            );
        }
    }
    println!("Round trips:");
    for corpus in &corpora {
        common::print_fidelity(corpus);
    }
    common::print_allocation_table(&corpora);

    for (corpus, acceptances) in corpora.iter().zip(&checks) {
        let kind = corpus.kind.name();
        decode_group(c, format!("compare-decode/{kind}"), corpus, acceptances);

        if acceptances.iter().any(|a| !a.all_accepted()) {
            // The inputs every library accepts, for an apples-to-apples figure.
            let common_inputs = common::accepted_by_all(acceptances);
            if common_inputs.is_empty() {
                println!(
                    "!! compare-decode/{kind}/accepted-by-all: SKIPPED, no input is accepted by every library"
                );
            } else {
                let subset = corpus.subset(&common_inputs);
                println!(
                    "   compare-decode/{kind}/accepted-by-all: {} of {} inputs",
                    subset.messages.len(),
                    corpus.messages.len()
                );
                let relabelled: Vec<Acceptance> = acceptances
                    .iter()
                    .map(|a| Acceptance::check(a.library, &subset))
                    .collect();
                decode_group(
                    c,
                    format!("compare-decode/{kind}/accepted-by-all"),
                    &subset,
                    &relabelled,
                );
            }
        }

        // Encode what each library decoded (ours and the published imap-codec): to contiguous
        // bytes, into a reused buffer, and to fragments (lines and literals).
        for output in Output::ALL {
            encode_group(c, corpus, acceptances, output);
        }
    }
}

/// The group `compare-encode/<kind>` (`compare-encode-reused/<kind>`,
/// `compare-encode-fragments/<kind>`): each library encodes the values it decoded itself.
fn encode_group(c: &mut Criterion, corpus: &Corpus, acceptances: &[Acceptance], output: Output) {
    let kind = corpus.kind.name();
    let name = match output {
        Output::Bytes => format!("compare-encode/{kind}"),
        Output::Reused => format!("compare-encode-reused/{kind}"),
        Output::Fragments => format!("compare-encode-fragments/{kind}"),
    };
    let mut group = c.benchmark_group(&name);
    for acceptance in acceptances.iter().filter(|a| a.library.encodes()) {
        let accepted = acceptance.accepted();
        if accepted.is_empty() {
            println!(
                "!! {name}/{}: SKIPPED, it decodes none of the {} inputs",
                acceptance.library.name(),
                corpus.messages.len()
            );
            continue;
        }
        let subset = corpus.subset(&accepted);
        group.throughput(Throughput::Bytes(subset.bytes()));
        let label = acceptance.label();
        match acceptance.library {
            Library::Ours => {
                let values = common::decode_values(&subset, decode_ours);
                bench_encode(&mut group, label, &values, output);
            }
            Library::Peer => {
                let values = common::decode_values(&subset, decode_peer);
                bench_encode(&mut group, label, &values, output);
            }
            Library::ImapProto => {}
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = compare
}
criterion_main!(benches);

//! Paired timing: how many times faster ours is than each peer on the same inputs, measured
//! in short alternating rounds.
//!
//! `compare` (criterion) times one library for seconds, then the next; on a shared machine
//! the load changes in between, and a ratio taken from one run differs from the next one's by
//! 10 to 40 %. Here every round times ours and then the peer (or the peer and then ours: the
//! order alternates) over the whole corpus, a few milliseconds each, so that a change of
//! load weighs on both sides of a ratio alike. The figure is the median of the rounds'
//! ratios (the peer's time over ours), with the quartiles. The last two columns are the minor
//! page faults of one pass, ours and the peer's (Linux only): a side that faults pays the
//! kernel for pages its allocator gave back, which is the allocator's state as much as the
//! library's code.
//!
//! ```text
//! cargo bench --bench ratio                     # every comparison, 3 seconds each
//! cargo bench --bench ratio -- 10               # 10 seconds each
//! cargo bench --bench ratio -- 10 "decode com"  # the comparisons whose name holds this
//! IMAP_BENCH_SCALE=10 cargo bench --bench ratio # corpora of ten times as many messages
//! ```
//!
//! A small corpus replayed pass after pass is partly learnt by the branch predictor, which
//! flatters the faster decoder; `IMAP_BENCH_SCALE` and `IMAP_BENCH_REPEAT` (see
//! `common::Shape`) measure how much.
//!
//! Decoding is compared on the inputs that both libraries of a pair accept (for imap-proto
//! and header-heavy responses, the 159 of the 200 it parses); encoding on the values each
//! library decoded itself, as in `compare`.

mod common;

use std::time::{Duration, Instant};

use common::{Acceptance, Corpus, Library, Output, decode_ours, decode_peer};

/// The command line.
const USAGE: &str = "usage: ratio [seconds per comparison [filter]]";

/// The seconds each comparison runs when none are given.
const DEFAULT_SECONDS: f64 = 3.0;

/// The least time a round (ours and the peer) takes: each side runs the corpus as many times
/// as that needs.
const MIN_ROUND: Duration = Duration::from_millis(2);

/// The fewest rounds of a comparison, however long they take.
const MIN_ROUNDS: usize = 11;

/// The outcome of one comparison.
struct Paired {
    /// The number of rounds.
    rounds: usize,
    /// Our median time of one pass over the corpus.
    ours: Duration,
    /// The peer's median time of one pass.
    peer: Duration,
    /// The first quartile, the median and the third quartile of the rounds' ratios.
    ratio: [f64; 3],
    /// The minor page faults of one pass, ours and the peer's; `None` outside Linux.
    faults: Option<[f64; 2]>,
}

/// Times `ours` and `peer` (each one pass over a corpus) in alternating rounds for `budget`.
fn paired(budget: Duration, mut ours: impl FnMut(), mut peer: impl FnMut()) -> Paired {
    // Warm up both, and find how many passes make a round long enough.
    let mut passes = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..passes {
            ours();
            peer();
        }
        if start.elapsed() >= MIN_ROUND || passes >= 1 << 20 {
            break;
        }
        passes *= 2;
    }
    // The faults of each side are read outside its timed span.
    let mut faults = common::minor_faults().map(|_| [0u64; 2]);
    let mut time = |f: &mut dyn FnMut(), side: usize| {
        let before = common::minor_faults();
        let start = Instant::now();
        for _ in 0..passes {
            f();
        }
        let elapsed = start.elapsed() / passes;
        if let (Some(faults), Some(before), Some(after)) =
            (faults.as_mut(), before, common::minor_faults())
        {
            faults[side] += after - before;
        }
        elapsed
    };
    let mut samples: Vec<(Duration, Duration)> = Vec::new();
    let start = Instant::now();
    while samples.len() < MIN_ROUNDS || start.elapsed() < budget {
        let sample = if samples.len().is_multiple_of(2) {
            let o = time(&mut ours, 0);
            (o, time(&mut peer, 1))
        } else {
            let p = time(&mut peer, 1);
            (time(&mut ours, 0), p)
        };
        samples.push(sample);
    }
    let passes_timed = (samples.len() as u64 * u64::from(passes)) as f64;
    let mut ratios: Vec<f64> = samples
        .iter()
        .map(|(o, p)| p.as_secs_f64() / o.as_secs_f64().max(1e-12))
        .collect();
    ratios.sort_by(f64::total_cmp);
    let mut ours_times: Vec<Duration> = samples.iter().map(|s| s.0).collect();
    let mut peer_times: Vec<Duration> = samples.iter().map(|s| s.1).collect();
    ours_times.sort();
    peer_times.sort();
    let at = |q: usize| ratios[(ratios.len() - 1) * q / 4];
    Paired {
        rounds: samples.len(),
        ours: ours_times[ours_times.len() / 2],
        peer: peer_times[peer_times.len() / 2],
        ratio: [at(1), at(2), at(3)],
        faults: faults.map(|f| f.map(|n| n as f64 / passes_timed)),
    }
}

/// Prints one row of the table.
fn row(what: &str, peer: Library, paired: &Paired) {
    let faults = match paired.faults {
        Some([ours, peer]) => format!("{ours:>8.1} {peer:>8.1}"),
        None => format!("{:>8} {:>8}", "-", "-"),
    };
    let quartiles = format!("[{:.2}x, {:.2}x]", paired.ratio[0], paired.ratio[2]);
    println!(
        "{what:<40} {:<26} {:>6} {:>12.1?} {:>12.1?} {:>7.2}x  {quartiles:<18} {faults}",
        peer.name(),
        paired.rounds,
        paired.ours,
        paired.peer,
        paired.ratio[1],
    );
}

fn main() {
    // `cargo bench` passes `--bench`; flags are not ours.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let seconds = args
        .first()
        .map(|a| a.parse::<f64>().expect(USAGE))
        .unwrap_or(DEFAULT_SECONDS);
    let filter = args.get(1).map_or("", String::as_str);
    let budget = Duration::from_secs_f64(seconds);
    let corpora = Corpus::all();
    common::print_corpora(&corpora);
    println!(
        "Paired rounds, {seconds} s a comparison; times are one pass over the inputs (medians); \
         ratio = the peer's time / ours: median [first quartile, third quartile]; faults = minor \
         page faults of one pass, ours and the peer's"
    );
    println!(
        "{:<40} {:<26} {:>6} {:>12} {:>12} {:>8}  {:<18} {:>8} {:>8}",
        "comparison", "peer", "rounds", "ours", "peer", "ratio", "", "faults", "(peer)"
    );
    for corpus in &corpora {
        let kind = corpus.kind.name();
        for peer in [Library::Peer, Library::ImapProto] {
            if !peer.decodes(corpus.kind) {
                continue;
            }
            let pair = [
                Acceptance::check(Library::Ours, corpus),
                Acceptance::check(peer, corpus),
            ];
            let inputs = corpus.subset(&common::accepted_by_all(&pair));
            let what = if pair.iter().all(Acceptance::all_accepted) {
                format!("decode {kind}")
            } else {
                format!("decode {kind} ({} accepted by both)", inputs.messages.len())
            };
            if what.contains(filter) {
                let result = paired(
                    budget,
                    || common::decode_pass(Library::Ours, &inputs),
                    || common::decode_pass(peer, &inputs),
                );
                row(&what, peer, &result);
            }
        }
        let encodes =
            Output::ALL.map(|output| (format!("encode {kind} {}", output.name()), output));
        if !encodes.iter().any(|(what, _)| what.contains(filter)) {
            continue;
        }
        let ours_values = common::decode_values(corpus, decode_ours);
        let peer_values = common::decode_values(corpus, decode_peer);
        for (what, output) in encodes {
            if what.contains(filter) {
                let result = paired(
                    budget,
                    || common::encode_pass(&ours_values, output),
                    || common::encode_pass(&peer_values, output),
                );
                row(&what, Library::Peer, &result);
            }
        }
    }
}

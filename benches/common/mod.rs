//! What the benchmark binaries share: the corpora, one decode and one encode entry point per
//! library, the acceptance check that runs before any timing, and the allocation counter.
//!
//! Included by each bench file with `mod common;` (Cargo does not build `benches/common/` as a
//! benchmark of its own).

#![allow(dead_code)]

use std::{
    alloc::{GlobalAlloc, Layout, System},
    collections::BTreeMap,
    fmt::Write as _,
    hint::black_box,
    sync::atomic::{AtomicUsize, Ordering},
};

use imap_codec::{
    Decode, Encode, Encoder, Fragment,
    imap_types::{
        command::Command,
        response::{Greeting, Response},
    },
};
use imap_codec_peer::{
    CommandCodec as PeerCommandCodec, GreetingCodec as PeerGreetingCodec,
    ResponseCodec as PeerResponseCodec,
    decode::Decoder as _,
    encode::{Encoder as _, Fragment as PeerFragment},
};
use imap_suite::traffic::{self, Side};

// ----------------------------------------------------------------------------------------
// Corpora.

/// The kinds of traffic the benchmarks measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `FETCH` responses with envelopes and body structures.
    HeaderHeavy,
    /// `FETCH` responses with `BODY[]` literals of 1 KiB to 100 KiB.
    LiteralHeavy,
    /// Client commands (literal data included).
    Commands,
    /// A whole session: greeting, commands and responses.
    Session,
}

impl Kind {
    /// Every kind, in table order.
    pub const ALL: [Kind; 4] = [
        Kind::HeaderHeavy,
        Kind::LiteralHeavy,
        Kind::Commands,
        Kind::Session,
    ];

    /// The name used in benchmark ids and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Kind::HeaderHeavy => "header_heavy",
            Kind::LiteralHeavy => "literal_heavy",
            Kind::Commands => "commands",
            Kind::Session => "session",
        }
    }

    /// The kind named `name` (see [`Kind::name`]).
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The messages of one kind of traffic, each with its sender.
pub struct Corpus {
    /// What traffic this is.
    pub kind: Kind,
    /// Every message, complete (CRLF and literal data included).
    pub messages: Vec<(Side, Vec<u8>)>,
}

impl Corpus {
    /// The generated corpus of `kind`, in the [`Shape`] the environment asks for.
    pub fn new(kind: Kind) -> Corpus {
        let Shape { scale, repeat } = Shape::from_env();
        let all = |side: Side, messages: Vec<Vec<u8>>| -> Vec<(Side, Vec<u8>)> {
            messages.into_iter().map(|m| (side, m)).collect()
        };
        let distinct = match kind {
            Kind::HeaderHeavy => all(
                Side::Server,
                traffic::header_heavy_responses(traffic::HEADER_HEAVY_COUNT * scale),
            ),
            Kind::LiteralHeavy => all(
                Side::Server,
                traffic::literal_heavy_responses(traffic::LITERAL_HEAVY_COUNT * scale),
            ),
            Kind::Commands => all(
                Side::Client,
                traffic::client_commands(traffic::COMMAND_COUNT * scale),
            ),
            Kind::Session => {
                let mailbox = traffic::SESSION_MAILBOX_SIZE * u32::try_from(scale).unwrap();
                traffic::session(mailbox).messages
            }
        };
        // The last repetition is `distinct` itself, not a copy.
        let messages = std::iter::repeat_n(distinct, repeat).flatten().collect();
        Corpus { kind, messages }
    }

    /// Every corpus, in table order.
    pub fn all() -> Vec<Corpus> {
        Kind::ALL.into_iter().map(Corpus::new).collect()
    }

    /// The number of bytes of all messages.
    pub fn bytes(&self) -> u64 {
        self.messages.iter().map(|(_, m)| m.len() as u64).sum()
    }

    /// The corpus restricted to the messages at `indices`.
    pub fn subset(&self, indices: &[usize]) -> Corpus {
        Corpus {
            kind: self.kind,
            messages: indices.iter().map(|&i| self.messages[i].clone()).collect(),
        }
    }
}

// ----------------------------------------------------------------------------------------
// Libraries.

/// The decoders under comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Library {
    /// This workspace's `imap-codec`.
    Ours,
    /// The published `imap-codec` 2.0.0-alpha.10 (renamed `imap-codec-peer` here).
    Peer,
    /// The published `imap-proto` 0.17 (responses only: it has no command parser).
    ImapProto,
}

impl Library {
    /// Every library, in table order.
    pub const ALL: [Library; 3] = [Library::Ours, Library::Peer, Library::ImapProto];

    /// The name used in benchmark ids and tables.
    pub fn name(self) -> &'static str {
        match self {
            Library::Ours => "ours",
            Library::Peer => "imap-codec-2.0.0-alpha.10",
            Library::ImapProto => "imap-proto-0.17",
        }
    }

    /// The library named `name` (see [`Library::name`]; `peer` and `imap-proto` work too).
    pub fn from_name(name: &str) -> Option<Library> {
        match name {
            "peer" | "imap-codec" => Some(Library::Peer),
            "imap-proto" | "proto" => Some(Library::ImapProto),
            _ => Library::ALL.into_iter().find(|l| l.name() == name),
        }
    }

    /// Whether the library can decode this kind of traffic at all (imap-proto has no
    /// command parser, so it takes no part in the command and session groups).
    pub fn decodes(self, kind: Kind) -> bool {
        match self {
            Library::Ours | Library::Peer => true,
            Library::ImapProto => matches!(kind, Kind::HeaderHeavy | Kind::LiteralHeavy),
        }
    }

    /// Whether the library has an encoder (imap-proto does not).
    pub fn encodes(self) -> bool {
        !matches!(self, Library::ImapProto)
    }
}

/// A message decoded by our `imap-codec`.
pub enum OursValue<'a> {
    /// A greeting.
    Greeting(Greeting<'a>),
    /// A command.
    Command(Command<'a>),
    /// A response.
    Response(Response<'a>),
}

/// What an encode benchmark produces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// Contiguous bytes in a new buffer each message (ours: `encode_to_vec`; peer:
    /// `encode(..).dump()`).
    Bytes,
    /// Contiguous bytes in one buffer emptied and reused for every message (ours:
    /// `encode_into`; peer: the data of the fragments of `encode(..)` appended to it, which
    /// is what `dump` does into a new buffer).
    Reused,
    /// Fragments, consumed one by one (ours: `encode_to_fragments().fragments()`; peer: the
    /// `Encoded` iterator of `encode(..)`).
    Fragments,
}

impl Output {
    /// Every output, in table order.
    pub const ALL: [Output; 3] = [Output::Bytes, Output::Reused, Output::Fragments];

    /// The words that name the output in comparison names (`encode header_heavy to bytes`).
    pub fn name(self) -> &'static str {
        match self {
            Output::Bytes => "to bytes",
            Output::Reused => "into a reused buffer",
            Output::Fragments => "to fragments",
        }
    }
}

/// A decoded value that its library encodes again: the encodings the benchmarks time.
pub trait EncodeAgain {
    /// The bytes the library writes for the value.
    fn encode(&self) -> Vec<u8>;

    /// Empties `out` and writes the value's bytes into it.
    fn encode_reused(&self, out: &mut Vec<u8>);

    /// Encodes the value to the library's fragments and consumes them: the sum of their
    /// lengths, each passed through `black_box`.
    fn encode_fragments(&self) -> usize;
}

impl EncodeAgain for OursValue<'_> {
    /// The bytes our encoder writes for the value.
    fn encode(&self) -> Vec<u8> {
        match self {
            OursValue::Greeting(v) => v.encode_to_vec(),
            OursValue::Command(v) => v.encode_to_vec(),
            OursValue::Response(v) => v.encode_to_vec(),
        }
    }

    /// `encode_into` the emptied buffer.
    fn encode_reused(&self, out: &mut Vec<u8>) {
        out.clear();
        match self {
            OursValue::Greeting(v) => v.encode_into(out),
            OursValue::Command(v) => v.encode_into(out),
            OursValue::Response(v) => v.encode_into(out),
        }
    }

    /// Encodes the value to fragments (`encode_to_fragments`: literal data borrowed from the
    /// value) and consumes them: the sum of their lengths, each passed through `black_box`.
    fn encode_fragments(&self) -> usize {
        fn consume(encoded: Encoder<'_>) -> usize {
            encoded
                .fragments()
                .map(|fragment| match fragment {
                    Fragment::Line(data) | Fragment::Literal { data, .. } => black_box(data).len(),
                })
                .sum()
        }
        match self {
            OursValue::Greeting(v) => consume(v.encode_to_fragments()),
            OursValue::Command(v) => consume(v.encode_to_fragments()),
            OursValue::Response(v) => consume(v.encode_to_fragments()),
        }
    }
}

/// A message decoded by the published `imap-codec`.
pub enum PeerValue<'a> {
    /// A greeting.
    Greeting(imap_codec_peer::imap_types::response::Greeting<'a>),
    /// A command.
    Command(imap_codec_peer::imap_types::command::Command<'a>),
    /// A response.
    Response(imap_codec_peer::imap_types::response::Response<'a>),
}

impl EncodeAgain for PeerValue<'_> {
    /// The bytes the published `imap-codec` writes for the value.
    fn encode(&self) -> Vec<u8> {
        match self {
            PeerValue::Greeting(v) => PeerGreetingCodec::default().encode(v).dump(),
            PeerValue::Command(v) => PeerCommandCodec::default().encode(v).dump(),
            PeerValue::Response(v) => PeerResponseCodec::default().encode(v).dump(),
        }
    }

    /// The data of every fragment of `encode(..)` appended to the emptied buffer (the
    /// published `imap-codec` has no call that writes into a given buffer).
    fn encode_reused(&self, out: &mut Vec<u8>) {
        fn append(encoded: impl Iterator<Item = PeerFragment>, out: &mut Vec<u8>) {
            for fragment in encoded {
                match fragment {
                    PeerFragment::Line { data } | PeerFragment::Literal { data, .. } => {
                        out.extend_from_slice(&data)
                    }
                }
            }
        }
        out.clear();
        match self {
            PeerValue::Greeting(v) => append(PeerGreetingCodec::default().encode(v), out),
            PeerValue::Command(v) => append(PeerCommandCodec::default().encode(v), out),
            PeerValue::Response(v) => append(PeerResponseCodec::default().encode(v), out),
        }
    }

    /// Encodes the value with the published `imap-codec` to its fragment iterator
    /// (`Encoder::encode(..)`, an `Encoded`) and consumes it as ours does.
    fn encode_fragments(&self) -> usize {
        fn consume(encoded: impl Iterator<Item = PeerFragment>) -> usize {
            encoded
                .map(|fragment| match fragment {
                    PeerFragment::Line { data } | PeerFragment::Literal { data, .. } => {
                        black_box(data).len()
                    }
                })
                .sum()
        }
        match self {
            PeerValue::Greeting(v) => consume(PeerGreetingCodec::default().encode(v)),
            PeerValue::Command(v) => consume(PeerCommandCodec::default().encode(v)),
            PeerValue::Response(v) => consume(PeerResponseCodec::default().encode(v)),
        }
    }
}

/// The error of a decode that did not give one whole message.
fn leftover(rest: &[u8]) -> Result<(), String> {
    if rest.is_empty() {
        Ok(())
    } else {
        Err(format!("{} bytes left over after the message", rest.len()))
    }
}

/// Decodes `message` (sent by `side`) with our `imap-codec`; anything but one whole message
/// is an error.
pub fn decode_ours(side: Side, message: &[u8]) -> Result<OursValue<'_>, String> {
    let (rest, value) = match side {
        Side::Greeting => Greeting::decode(message).map(|(r, v)| (r, OursValue::Greeting(v))),
        Side::Client => Command::decode(message).map(|(r, v)| (r, OursValue::Command(v))),
        Side::Server => Response::decode(message).map(|(r, v)| (r, OursValue::Response(v))),
    }
    .map_err(|e| e.to_string())?;
    leftover(rest)?;
    Ok(value)
}

/// Decodes `message` (sent by `side`) with the published `imap-codec`.
pub fn decode_peer(side: Side, message: &[u8]) -> Result<PeerValue<'_>, String> {
    let (rest, value) = match side {
        Side::Greeting => PeerGreetingCodec::default()
            .decode(message)
            .map(|(r, v)| (r, PeerValue::Greeting(v)))
            .map_err(|e| format!("{e:?}"))?,
        Side::Client => PeerCommandCodec::default()
            .decode(message)
            .map(|(r, v)| (r, PeerValue::Command(v)))
            .map_err(|e| format!("{e:?}"))?,
        Side::Server => PeerResponseCodec::default()
            .decode(message)
            .map(|(r, v)| (r, PeerValue::Response(v)))
            .map_err(|e| format!("{e:?}"))?,
    };
    leftover(rest)?;
    Ok(value)
}

/// Decodes `message` with `imap-proto` (a greeting is an untagged `* OK` response to it).
pub fn decode_imap_proto(side: Side, message: &[u8]) -> Result<imap_proto::Response<'_>, String> {
    if side == Side::Client {
        return Err("imap-proto has no command parser".to_string());
    }
    let (rest, value) = imap_proto::Response::parse(message).map_err(|e| {
        // `Error((kind, offset))`: the nom error kind and the byte offset where it arose.
        format!(
            "{:?}",
            e.map(|inner| (inner.code, message.len() - inner.input.len()))
        )
    })?;
    leftover(rest)?;
    Ok(value)
}

/// The decode that the timed loops run: `message` (sent by `side`) decoded by `library` with
/// its own message-level call, the outcome looked at through `black_box` (by reference, where
/// it lies) and dropped; whether it was accepted.
///
/// It does the same little for every library, and less than [`decode_ours`] and the others
/// (no wrapping of the value in an enum, no error text, no check of leftover bytes: the
/// acceptance check before any timing does that), so that the harness adds as few
/// instructions as possible to what is measured. (Passing the outcome by value would copy it,
/// a few hundred bytes, into `black_box`'s argument: a cost of the harness, not of decoding.)
#[inline(always)]
pub fn decode_timed(library: Library, side: Side, message: &[u8]) -> bool {
    /// The outcome `r`, seen by `black_box` where it lies; whether it is `Ok`.
    #[inline(always)]
    fn seen<T, E>(r: Result<T, E>) -> bool {
        std::hint::black_box(&r).is_ok()
    }
    match (library, side) {
        (Library::Ours, Side::Greeting) => seen(Greeting::decode(message)),
        (Library::Ours, Side::Client) => seen(Command::decode(message)),
        (Library::Ours, Side::Server) => seen(Response::decode(message)),
        (Library::Peer, Side::Greeting) => seen(PeerGreetingCodec::default().decode(message)),
        (Library::Peer, Side::Client) => seen(PeerCommandCodec::default().decode(message)),
        (Library::Peer, Side::Server) => seen(PeerResponseCodec::default().decode(message)),
        (Library::ImapProto, Side::Client) => false,
        (Library::ImapProto, _) => seen(imap_proto::Response::parse(message)),
    }
}

/// One timed pass of `library` over `corpus`: every message decoded with [`decode_timed`].
#[inline]
pub fn decode_pass(library: Library, corpus: &Corpus) {
    for (side, message) in &corpus.messages {
        black_box(decode_timed(library, *side, black_box(message)));
    }
}

std::thread_local! {
    /// The buffer of [`Output::Reused`], kept from pass to pass as a writer keeps its own for
    /// a connection's life: once it has grown to the largest message, encoding allocates
    /// nothing.
    static REUSED: std::cell::Cell<Vec<u8>> = const { std::cell::Cell::new(Vec::new()) };
}

/// One timed pass over `values`, each encoded to `output`.
#[inline]
pub fn encode_pass<V: EncodeAgain>(values: &[V], output: Output) {
    match output {
        Output::Bytes => {
            for v in values {
                black_box(black_box(v).encode());
            }
        }
        Output::Reused => {
            let mut out = REUSED.take();
            for v in values {
                black_box(v).encode_reused(&mut out);
                black_box(&out);
            }
            REUSED.set(out);
        }
        Output::Fragments => {
            for v in values {
                black_box(black_box(v).encode_fragments());
            }
        }
    }
}

/// The values `decode` gives for the messages of `corpus`; the rejected ones are left out.
pub fn decode_values<'c, T>(
    corpus: &'c Corpus,
    decode: impl Fn(Side, &'c [u8]) -> Result<T, String>,
) -> Vec<T> {
    corpus
        .messages
        .iter()
        .filter_map(|(side, m)| decode(*side, m).ok())
        .collect()
}

/// Decodes `message` with `library`, drops the value, and tells whether it was accepted.
pub fn decode_with(library: Library, side: Side, message: &[u8]) -> Result<(), String> {
    match library {
        Library::Ours => decode_ours(side, message).map(drop),
        Library::Peer => decode_peer(side, message).map(drop),
        Library::ImapProto => decode_imap_proto(side, message).map(drop),
    }
}

// ----------------------------------------------------------------------------------------
// The acceptance check.

/// What one library made of one corpus.
pub struct Acceptance {
    /// The library.
    pub library: Library,
    /// The corpus kind.
    pub kind: Kind,
    /// The number of messages.
    pub total: usize,
    /// The rejected messages: index and error.
    pub rejected: Vec<(usize, String)>,
}

impl Acceptance {
    /// Decodes every message of `corpus` with `library` (whole message, nothing left over).
    pub fn check(library: Library, corpus: &Corpus) -> Acceptance {
        let rejected = corpus
            .messages
            .iter()
            .enumerate()
            .filter_map(|(i, (side, m))| decode_with(library, *side, m).err().map(|e| (i, e)))
            .collect();
        Acceptance {
            library,
            kind: corpus.kind,
            total: corpus.messages.len(),
            rejected,
        }
    }

    /// Whether every message was accepted.
    pub fn all_accepted(&self) -> bool {
        self.rejected.is_empty()
    }

    /// The indices of the accepted messages.
    pub fn accepted(&self) -> Vec<usize> {
        let mut rejected = self.rejected.iter().map(|(i, _)| *i).peekable();
        (0..self.total)
            .filter(|i| {
                if rejected.peek() == Some(i) {
                    rejected.next();
                    false
                } else {
                    true
                }
            })
            .collect()
    }

    /// The benchmark id of the library in this group: its name, marked when it rejects input.
    pub fn label(&self) -> String {
        if self.all_accepted() {
            self.library.name().to_string()
        } else {
            format!(
                "{} [REJECTS {} of {}]",
                self.library.name(),
                self.rejected.len(),
                self.total
            )
        }
    }

    /// Prints the rejections (every rejected input, grouped by error), or nothing.
    pub fn report(&self) {
        if self.all_accepted() {
            return;
        }
        println!(
            "!! {} rejects {} of {} {} inputs:",
            self.library.name(),
            self.rejected.len(),
            self.total,
            self.kind.name()
        );
        let mut by_error: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, e) in &self.rejected {
            by_error.entry(e).or_default().push(*i);
        }
        for (error, indices) in by_error {
            println!("   inputs {}: {error}", ranges(&indices));
        }
    }
}

/// `0-3,7,9-10` for `[0, 1, 2, 3, 7, 9, 10]`.
fn ranges(indices: &[usize]) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < indices.len() {
        let start = indices[i];
        let mut end = start;
        while i + 1 < indices.len() && indices[i + 1] == end + 1 {
            i += 1;
            end += 1;
        }
        if !out.is_empty() {
            out.push(',');
        }
        if start == end {
            write!(out, "{start}").unwrap();
        } else {
            write!(out, "{start}-{end}").unwrap();
        }
        i += 1;
    }
    out
}

/// Checks every library that decodes `corpus`, prints the rejections, and returns the
/// outcomes in [`Library::ALL`] order.
pub fn check_all(corpus: &Corpus) -> Vec<Acceptance> {
    let acceptances = acceptances(corpus);
    acceptances.iter().for_each(Acceptance::report);
    acceptances
}

/// The outcomes of every library that decodes `corpus`, in [`Library::ALL`] order, unprinted.
pub fn acceptances(corpus: &Corpus) -> Vec<Acceptance> {
    Library::ALL
        .into_iter()
        .filter(|l| l.decodes(corpus.kind))
        .map(|l| Acceptance::check(l, corpus))
        .collect()
}

/// The indices of the messages that every one of `acceptances` (outcomes on one corpus)
/// accepts: the inputs of the like-for-like figures.
pub fn accepted_by_all(acceptances: &[Acceptance]) -> Vec<usize> {
    let Some((first, rest)) = acceptances.split_first() else {
        return Vec::new();
    };
    let mut common = first.accepted();
    for a in rest {
        let accepted = a.accepted();
        common.retain(|i| accepted.binary_search(i).is_ok());
    }
    common
}

/// How many accepted messages encode back to exactly their input bytes, for ours and the
/// peer (informative: the comparison encodes whatever each library decoded).
pub fn print_fidelity(corpus: &Corpus) {
    let mut ours = (0, 0);
    let mut peer = (0, 0);
    for (side, m) in &corpus.messages {
        if let Ok(v) = decode_ours(*side, m) {
            ours.1 += 1;
            if v.encode() == *m {
                ours.0 += 1;
            }
        }
        if let Ok(v) = decode_peer(*side, m) {
            peer.1 += 1;
            if v.encode() == *m {
                peer.0 += 1;
            }
        }
    }
    println!(
        "   {}: encode(decode(x)) == x for {}/{} decoded inputs (ours), {}/{} (imap-codec peer)",
        corpus.kind.name(),
        ours.0,
        ours.1,
        peer.0,
        peer.1
    );
}

// ----------------------------------------------------------------------------------------
// Allocation counting.

/// The number of allocation calls (`alloc`, `alloc_zeroed`, `realloc`) since the start.
pub static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);
/// The number of bytes those calls asked for.
pub static ALLOCATED_BYTES: AtomicUsize = AtomicUsize::new(0);

/// The system allocator with a count of the allocation calls. A bench binary that wants
/// allocation figures installs it with
/// `#[global_allocator] static ALLOC: common::CountingAlloc = common::CountingAlloc;`.
pub struct CountingAlloc;

// SAFETY: every call is forwarded unchanged to `System`, which upholds the `GlobalAlloc`
// contract; the counters are plain relaxed atomics with no effect on the memory handed out.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: the caller's guarantees for `layout` are passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System` with `layout`, as the caller guarantees.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        ALLOCATED_BYTES.fetch_add(new_size, Ordering::Relaxed);
        // SAFETY: as above.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Allocation calls and bytes of decoding each message of `corpus` with `library` (the
/// value is dropped outside the counted span); `None` when the counter is not installed.
pub fn count_allocations(library: Library, corpus: &Corpus) -> Option<(usize, usize)> {
    let probe = ALLOCATIONS.load(Ordering::Relaxed);
    drop(std::hint::black_box(Vec::<u8>::with_capacity(1)));
    if ALLOCATIONS.load(Ordering::Relaxed) == probe {
        return None;
    }
    let mut calls = 0;
    let mut bytes = 0;
    for (side, m) in &corpus.messages {
        macro_rules! counted {
            ($decode:expr) => {{
                let (c0, b0) = (
                    ALLOCATIONS.load(Ordering::Relaxed),
                    ALLOCATED_BYTES.load(Ordering::Relaxed),
                );
                let value = std::hint::black_box($decode);
                calls += ALLOCATIONS.load(Ordering::Relaxed) - c0;
                bytes += ALLOCATED_BYTES.load(Ordering::Relaxed) - b0;
                drop(value);
            }};
        }
        match library {
            Library::Ours => counted!(decode_ours(*side, m)),
            Library::Peer => counted!(decode_peer(*side, m)),
            Library::ImapProto => counted!(decode_imap_proto(*side, m)),
        }
    }
    Some((calls, bytes))
}

/// Prints the table of allocations per decoded message (needs [`CountingAlloc`] installed).
///
/// A cell is marked `*` when the library rejects some inputs of the corpus (the rejected
/// decodes are counted too: their error strings allocate, so the figure is not meaningful
/// then), and `n/a` when the library cannot decode that kind of traffic.
pub fn print_allocation_table(corpora: &[Corpus]) {
    println!();
    println!(
        "Allocations per decoded message (calls / bytes requested), counted around each decode:"
    );
    println!();
    let mut header = format!("| {:<14}|", "traffic");
    let mut rule = format!("|{:-<15}|", "");
    for library in Library::ALL {
        write!(header, " {:<27}|", library.name()).unwrap();
        write!(rule, "{:-<28}|", "").unwrap();
    }
    println!("{header}");
    println!("{rule}");
    for corpus in corpora {
        let mut row = format!("| {:<14}|", corpus.kind.name());
        for library in Library::ALL {
            let cell = if !library.decodes(corpus.kind) {
                "n/a".to_string()
            } else {
                let acceptance = Acceptance::check(library, corpus);
                match count_allocations(library, corpus) {
                    None => "(counter not installed)".to_string(),
                    Some((calls, bytes)) => {
                        let n = corpus.messages.len().max(1) as f64;
                        let mark = if acceptance.all_accepted() { "" } else { " *" };
                        format!("{:.1} / {:.0} B{mark}", calls as f64 / n, bytes as f64 / n)
                    }
                }
            };
            write!(row, " {cell:<27}|").unwrap();
        }
        println!("{row}");
    }
    println!();
    println!("* = the library rejects some inputs of that traffic (see the report above).");
    println!();
}

/// The minor page faults of this process so far (field 10 of `/proc/self/stat`); `None` where
/// there is no such file (outside Linux).
///
/// A pass that faults spends its time in the kernel, handing out pages that the allocator gave
/// back (glibc returns the top of its heap to the system once more than 128 KiB of it is
/// free): the count tells such a pass from one that is slow in its own code.
pub fn minor_faults() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Field 2, the command name, is in parentheses and may hold spaces: count after it.
    let fields = &stat[stat.rfind(')')? + 1..];
    fields.split_whitespace().nth(7)?.parse().ok()
}

/// The environment variable that multiplies the number of distinct messages of every corpus
/// (see [`Shape`]).
pub const SCALE_VARIABLE: &str = "IMAP_BENCH_SCALE";

/// The environment variable that repeats every corpus (see [`Shape`]).
pub const REPEAT_VARIABLE: &str = "IMAP_BENCH_REPEAT";

/// How large the corpora are: [`SCALE_VARIABLE`] times the default number of distinct
/// messages, the whole repeated [`REPEAT_VARIABLE`] times (both 1 when unset).
///
/// A benchmark replays its corpus pass after pass, and a branch predictor with long histories
/// learns a good part of the outcomes of the branches that the input decides (the lengths of
/// the strings, which fields are `NIL`, how many addresses a list has) when the corpus is
/// small enough: the 200 header-heavy responses of the default corpus take ours about 500 000
/// conditional branches a pass. Real traffic is not replayed. `IMAP_BENCH_SCALE=10` (2 000
/// distinct header-heavy responses) is too large to be learnt, and `IMAP_BENCH_REPEAT=10`
/// (the 200 ten times over, as many bytes) tells how much of the difference is the learning
/// rather than the inputs no longer fitting in the L2 cache. The peers run several times more
/// branches a message, too many to be learnt at any of these sizes, so the shape changes their
/// time per message much less than ours (see `benches/README.md`).
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    /// How many times the default number of distinct messages.
    pub scale: usize,
    /// How many times the distinct messages follow each other in a corpus.
    pub repeat: usize,
}

impl Shape {
    /// The shape the environment asks for.
    ///
    /// # Panics
    ///
    /// If a variable is set to anything but a positive integer.
    pub fn from_env() -> Shape {
        let read = |name: &str| match std::env::var(name) {
            Err(_) => 1,
            Ok(value) => value
                .parse()
                .ok()
                .filter(|&n: &usize| n > 0)
                .unwrap_or_else(|| panic!("{name} must be a positive integer, not {value:?}")),
        };
        Shape {
            scale: read(SCALE_VARIABLE),
            repeat: read(REPEAT_VARIABLE),
        }
    }
}

/// Prints the size of every corpus and the acceptance report of every library.
pub fn print_corpora(corpora: &[Corpus]) {
    let shape = Shape::from_env();
    println!(
        "Corpora (deterministic, seed {:#x}, {SCALE_VARIABLE}={}, {REPEAT_VARIABLE}={}):",
        traffic::SEED,
        shape.scale,
        shape.repeat
    );
    for corpus in corpora {
        println!(
            "   {:<14} {:>5} messages {:>9} bytes",
            corpus.kind.name(),
            corpus.messages.len(),
            corpus.bytes()
        );
    }
}

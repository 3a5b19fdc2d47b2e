//! The table of allocations per decoded message, for ours and each peer, per kind of
//! traffic (the same table `compare` prints before timing), without any timing.
//!
//! Run with `cargo bench --bench allocations`.

mod common;

#[global_allocator]
static ALLOC: common::CountingAlloc = common::CountingAlloc;

fn main() {
    let corpora = common::Corpus::all();
    common::print_corpora(&corpora);
    println!("Acceptance check (every library, every input):");
    for corpus in &corpora {
        common::check_all(corpus);
    }
    common::print_allocation_table(&corpora);
}

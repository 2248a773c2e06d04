//! Build time and matching throughput of the bundled gazetteer.
//!
//! ```sh
//! cargo bench --bench gazetteer
//! ```
//!
//! Prints the best of several runs for parsing the TSV (`add_tsv`), building the
//! automaton (`build`), and matching the seed text repeated to about 8 MB
//! (`find_all`, MB/s), plus the match count, which must not change when the
//! automaton or the loader do. No harness: a plain `main`, no extra dependency.

#[path = "common.rs"]
mod common;

use actorgraph::extract::GazetteerBuilder;
use common::{gunzip, SEED};

const RUNS: usize = 5;
const CORPUS_BYTES: usize = 8 << 20;

fn best<T>(f: impl FnMut() -> T) -> (std::time::Duration, T) {
    common::best(RUNS, f)
}

fn main() {
    let tsv = gunzip("gazetteer.tsv.gz");
    let seed = std::fs::read_to_string(SEED).expect("seed text");
    let corpus = seed.repeat(CORPUS_BYTES / seed.len() + 1);

    let (parse, builder) = best(|| {
        let mut b = GazetteerBuilder::new();
        b.add_tsv(&tsv).expect("bundled TSV parses");
        b
    });
    let (build, gazetteer) = best(|| builder.build().expect("builds"));
    let (search, matches) = best(|| gazetteer.find_all(&corpus).len());
    let mb = corpus.len() as f64 / 1e6;
    println!("aliases:  {}", gazetteer.len());
    println!("add_tsv:  {:.1} ms", parse.as_secs_f64() * 1e3);
    println!(
        "build:    {:.1} ms, index {:.1} MB",
        build.as_secs_f64() * 1e3,
        gazetteer.index_bytes() as f64 / 1e6
    );
    println!(
        "find_all: {:.1} MB/s over {mb:.1} MB, {matches} matches",
        mb / search.as_secs_f64()
    );
}

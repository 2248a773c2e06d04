//! Where the tagger path's time goes, stage by stage, on the seed text.
//!
//! ```sh
//! cargo bench --bench tagger
//! ```
//!
//! The same path as the "actorgraph tagger" row of `bench_speed.py`
//! (tokeniser and sentence splitter, pattern extractors, the bundled tagger;
//! no gazetteer, heuristic or relations), in Rust without the Python layer:
//! words per second with each stage added, the best of several runs over 100
//! copies of the seed text (`RUNS=n` sets the number of runs, 5 by default).
//! No harness: a plain `main`, no extra dependency.

#[path = "common.rs"]
mod common;

use std::sync::Arc;

use actorgraph::extract::{extract_all, Extractor, Lexicon, PatternExtractor, Tagger, TaggerModel};
use actorgraph::text::Document;
use common::{best, gunzip, DATA, SEED};

fn main() {
    let lexicon = Arc::new(Lexicon::from_tsv(&gunzip("lexicon.tsv.gz")).expect("lexicon"));
    let model_bytes = std::fs::read(format!("{DATA}/tagger.bin")).expect("bundled model");
    let model = TaggerModel::from_bytes(&model_bytes).expect("model loads");
    let patterns = PatternExtractor::new();
    let tagger = Tagger::new(model, lexicon).warmed();
    let text = std::fs::read_to_string(SEED).expect("seed text");
    let copies = 100;
    let words = text.split_whitespace().count() * copies;
    let runs: usize = std::env::var("RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let stages: [(&str, &[&dyn Extractor]); 3] = [
        ("tokenise + sentences", &[]),
        ("+ patterns", &[&patterns]),
        ("+ tagger", &[&patterns, &tagger]),
    ];
    for (name, sources) in stages {
        let (time, mentions) = best(runs, || {
            (0..copies)
                .map(|_| extract_all(&Document::new(&text), sources).len())
                .sum::<usize>()
        });
        println!(
            "{name:22} {:>12.0} words/s ({} mentions per copy)",
            words as f64 / time.as_secs_f64(),
            mentions / copies
        );
    }
}

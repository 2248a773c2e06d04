//! What entity resolution costs: its share of the per-document time, and
//! merging a million resolved mentions into corpus statistics.
//!
//! ```sh
//! cargo bench --bench resolve
//! ```
//!
//! Per document: the full extraction of the bundled pipeline (gazetteer,
//! patterns, tagger, heuristic) on the seed text, then `resolve` on its
//! mentions, each the best of several runs. Corpus: 20,000 synthetic documents
//! of 50 mentions drawn from 5,000 names (a million mentions), five to a
//! sentence: resolving them, adding them to one corpus's statistics, reading
//! every pair's evidence once, linking bare names and scoring every pair, each
//! timed apart (the best of 3).
//! No harness: a plain `main`, no extra dependency.

#[path = "common.rs"]
mod common;

use std::sync::Arc;

use actorgraph::extract::{
    extract_all, Extractor, GazetteerBuilder, Label, Lexicon, Mention, NameHeuristic,
    PatternExtractor, Source, Tagger, TaggerModel,
};
use actorgraph::relate::CorpusStats;
use actorgraph::resolve::{resolve, Resolver};
use actorgraph::text::Document;
use common::{best, gunzip, DATA, SEED};

fn per_document() {
    let mut gazetteer = GazetteerBuilder::new();
    gazetteer
        .add_tsv(&gunzip("gazetteer.tsv.gz"))
        .expect("bundled gazetteer");
    let lexicon = Arc::new(Lexicon::from_tsv(&gunzip("lexicon.tsv.gz")).expect("lexicon"));
    let model_bytes = std::fs::read(format!("{DATA}/tagger.bin")).expect("bundled model");
    let model = TaggerModel::from_bytes(&model_bytes).expect("model loads");
    let sources: Vec<Box<dyn Extractor>> = vec![
        Box::new(gazetteer.build().expect("builds")),
        Box::new(PatternExtractor::new()),
        Box::new(Tagger::new(model, lexicon.clone()).warmed()),
        Box::new(NameHeuristic::new(lexicon)),
    ];
    let sources: Vec<&dyn Extractor> = sources.iter().map(|s| s.as_ref()).collect();
    let text = std::fs::read_to_string(SEED).expect("seed text");
    let runs = 200;
    let (extract, (doc, mentions)) = best(runs, || {
        let doc = Document::new(&text);
        let mentions = extract_all(&doc, &sources);
        (doc, mentions)
    });
    let (resolution, entities) = best(runs, || resolve(&doc, &mentions).entities.len());
    println!(
        "seed text ({} mentions, {entities} entities): extraction {:.3} ms, resolution {:.3} ms \
         = {:.1}% on top",
        mentions.len(),
        extract.as_secs_f64() * 1e3,
        resolution.as_secs_f64() * 1e3,
        100.0 * resolution.as_secs_f64() / extract.as_secs_f64()
    );
}

/// A synthetic document: `n` mentions ("Ann17 Lee17 met Ann4203 Lee4203") drawn
/// from `names` two-word person names by a fixed generator, five to a sentence.
fn synthetic(seed: u64, n: usize, names: u64) -> (Document, Vec<Mention>) {
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut text = String::new();
    let mut spans = Vec::with_capacity(n);
    for i in 0..n {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let start = text.len();
        let n = state % names;
        text.push_str(&format!("Ann{n} Lee{n}"));
        spans.push((start, text.len()));
        text.push_str(if i % 5 == 4 { ". " } else { " met " });
    }
    let doc = Document::new(&text);
    let mentions = spans
        .into_iter()
        .map(|(start, end)| Mention {
            start,
            end,
            label: Label::Person,
            score: 0.5,
            source: Source::Model,
            kb: None,
        })
        .collect();
    (doc, mentions)
}

fn corpus_merge() {
    let (docs, per_doc, names) = (20_000u64, 50usize, 5_000u64);
    let corpus: Vec<(Document, Vec<Mention>)> =
        (0..docs).map(|d| synthetic(d, per_doc, names)).collect();
    let (resolving, resolutions) = best(3, || {
        corpus
            .iter()
            .map(|(doc, mentions)| resolve(doc, mentions))
            .collect::<Vec<_>>()
    });
    let (merging, stats) = best(3, || {
        let mut all = CorpusStats::new();
        for (i, ((doc, mentions), resolution)) in corpus.iter().zip(&resolutions).enumerate() {
            all.add_document(i as u64, doc, mentions, resolution);
        }
        all
    });
    // The evidence log is grouped by pair on first read: time it too.
    let (grouping, evidence) = best(3, || {
        let copy = stats.clone();
        copy.pairs()
            .map(|(_, _, p)| p.evidence.len())
            .sum::<usize>()
    });
    let (linking, linked) = best(3, || stats.linked(&Resolver::new()).n_entities());
    // Association scores (PMI, NPMI, G², p-value) of every pair, from the merged
    // counts, evidence already grouped.
    let (scoring, significant) = best(3, || {
        stats
            .scored_pairs()
            .filter(|(_, _, _, s)| s.p_value < 0.05)
            .count()
    });
    println!(
        "corpus: {} mentions in {docs} documents ({} entities, {} pairs, {evidence} evidence \
         sentences): resolved in {:.2} s, merged into corpus statistics in {:.2} s, \
         evidence grouped in {:.2} s (with a copy of the statistics), bare names linked \
         in {:.2} s ({linked} entities), every pair scored (PMI, NPMI, G², p) in {:.2} s \
         ({significant} with p < 0.05)",
        docs as usize * per_doc,
        stats.n_entities(),
        stats.n_pairs(),
        resolving.as_secs_f64(),
        merging.as_secs_f64(),
        grouping.as_secs_f64(),
        linking.as_secs_f64(),
        scoring.as_secs_f64(),
    );
}

fn main() {
    per_document();
    corpus_merge();
}

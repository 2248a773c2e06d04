//! Association scoring at corpus scale: the pairs of 1,000,000 documents.
//!
//! ```sh
//! cargo bench --bench scale              # 1,000,000 documents
//! AG_DOCUMENTS=100000 cargo bench --bench scale
//! ```
//!
//! Documents are synthetic rows (no text to tokenise): 50 person mentions each,
//! five to a sentence, drawn from 5,000 two-word names by a fixed generator, as
//! in `benchmarks/resolve.rs`. They are counted into one `CorpusStats` (timed),
//! then every pair is scored (PMI, NPMI, G², p-value) from the counts, twice,
//! and last the evidence is read once, which groups the evidence log by pair
//! (done once after a change). One thread.
//! No harness: a plain `main`, no extra dependency.

use std::time::Instant;

use actorgraph::relate::{CorpusStats, MentionRow};

fn main() {
    let documents: u64 = std::env::var("AG_DOCUMENTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    let (per_doc, names) = (50usize, 5_000u64);
    let keys: Vec<String> = (0..names)
        .map(|n| format!("Person:ann{n} lee{n}"))
        .collect();
    let display: Vec<String> = (0..names).map(|n| format!("Ann{n} Lee{n}")).collect();
    let started = Instant::now();
    let mut stats = CorpusStats::new();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut picks = vec![0usize; per_doc];
    for d in 0..documents {
        for p in &mut picks {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *p = (state % names) as usize;
        }
        let rows = picks.iter().enumerate().map(|(i, &n)| MentionRow {
            key: &keys[n],
            label: "Person",
            name: &display[n],
            surface: &display[n],
            sentence: Some(i / 5),
        });
        stats.add_rows(d, (per_doc / 5) as u64, rows);
    }
    let counting = started.elapsed();
    // Scoring needs only the counts; twice, since the first run may still
    // settle the allocator.
    let mut scoring = Vec::new();
    let mut significant = 0;
    for _ in 0..2 {
        let started = Instant::now();
        significant = stats
            .scored_counts()
            .filter(|(_, _, _, _, s)| s.p_value < 0.05)
            .count();
        scoring.push(started.elapsed());
    }
    // Reading the evidence groups the log by pair once.
    let started = Instant::now();
    let evidence: usize = stats
        .scored_pairs()
        .map(|(_, _, p, _)| p.evidence.len())
        .sum();
    let grouping = started.elapsed();
    println!(
        "{documents} documents, {} mentions, {} entities, {} pairs: counted in {:.1} s; \
         every pair scored in {:.2} s ({:.2} s again; {significant} pairs with p < 0.05); \
         first read of the evidence ({evidence} entries, grouped by pair) {:.1} s",
        documents * per_doc as u64,
        stats.n_entities(),
        stats.n_pairs(),
        counting.as_secs_f64(),
        scoring[0].as_secs_f64(),
        scoring[1].as_secs_f64(),
        grouping.as_secs_f64(),
    );
}

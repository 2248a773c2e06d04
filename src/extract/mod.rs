//! Extraction: sources that propose entity mentions, and the merge that turns
//! their proposals into one non-overlapping answer.
//!
//! Each source implements [`Extractor`]. A [`crate::Pipeline`] runs its sources in
//! precedence order; a source sees what earlier ones found (the tagger of a later
//! release uses gazetteer hits as features; the name heuristic steps around them),
//! and [`merge`] settles overlaps.

mod gazetteer;
pub(crate) mod heuristic;
mod label;
mod patterns;
pub mod tagger;

pub use gazetteer::{Gazetteer, GazetteerBuilder, GazetteerEntry};
pub use heuristic::{Lexicon, NameHeuristic};
pub use label::Label;
pub use patterns::PatternExtractor;
pub use tagger::{Tagger, TaggerModel};

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::text::Document;

/// Where a mention came from. Sources run in this order (see [`merge`] for which
/// wins when spans overlap).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// Given by the caller; never overridden.
    Given,
    /// A pattern extractor (dates, money, identifiers).
    Pattern,
    /// An exact gazetteer match, which carries a canonical id.
    Gazetteer,
    /// The statistical tagger.
    Model,
    /// The capitalisation heuristic for names nothing else knows.
    Heuristic,
}

impl Source {
    /// The lowercase name shown to users ("gazetteer", "heuristic", ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Given => "given",
            Source::Pattern => "pattern",
            Source::Gazetteer => "gazetteer",
            Source::Model => "model",
            Source::Heuristic => "heuristic",
        }
    }
}

/// The canonical entity a gazetteer entry points at.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct KbRef {
    /// Stable id, e.g. `country:LY`.
    pub id: Arc<str>,
    /// Display name, e.g. `Libya`.
    pub name: Arc<str>,
}

/// One mention of an entity: a byte span of the document with a label.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Entity type.
    pub label: Label,
    /// Confidence in `[0, 1]`.
    pub score: f32,
    /// Which source proposed it.
    pub source: Source,
    /// Canonical entity, when a gazetteer knows it.
    pub kb: Option<KbRef>,
}

/// A source of mentions.
///
/// Implementations are immutable after construction and shared across threads.
pub trait Extractor: Send + Sync {
    /// The kind of source, which sets its rank in [`merge`] and its place in a
    /// pipeline (sources run in rank order).
    fn source(&self) -> Source;

    /// Appends the mentions found in `doc` to `out`. `prior` holds what sources of
    /// higher precedence found, merged: sorted by start and non-overlapping.
    fn extract(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>);
}

/// Runs `sources` in order, each seeing the merged mentions of those before it,
/// and returns the merged result.
pub fn extract_all(doc: &Document, sources: &[&dyn Extractor]) -> Vec<Mention> {
    let mut mentions: Vec<Mention> = Vec::new();
    for source in sources {
        let mut found = Vec::new();
        source.extract(doc, &mentions, &mut found);
        if !found.is_empty() {
            mentions.append(&mut found);
            mentions = merge(mentions);
        }
    }
    mentions
}

/// Rank of a source when spans overlap; lower wins.
///
/// Not the order sources run in: the tagger runs after the gazetteer, to use its
/// matches as features, and its spans compete with the gazetteer's as equals:
/// the longer span wins ("ISIL tactical unit" over "ISIL", "Central Bank of
/// Libya" over "Libya", a user's "Libya Dawn" over a tagger that split it in
/// two). Measured on re3d-dev (5-fold cross-validation by document,
/// `benchmarks/bench_ner.py`), letting every gazetteer match win cost about 10
/// points of F1. On the same span the tagger's mention is kept, carrying the
/// gazetteer's type and canonical entity (see the tagger and [`merge`]).
fn precedence(source: Source) -> u8 {
    match source {
        Source::Given => 0,
        Source::Pattern => 1,
        Source::Model | Source::Gazetteer => 2,
        Source::Heuristic => 4,
    }
}

/// Between sources of equal [`precedence`] and equal span length: the tagger's
/// mention first.
fn tie_rank(source: Source) -> u8 {
    u8::from(source == Source::Gazetteer)
}

/// Resolves overlaps between mentions: the result is sorted by start and
/// non-overlapping.
///
/// Precedence, in order: the source's rank (given, pattern, then model and
/// gazetteer as equals, then heuristic), then the longer span, then the model
/// before the gazetteer, then the higher score, then the earlier start. Exact duplicates collapse to one. The order is total, so the result
/// does not depend on the order of the input. A kept mention without a canonical
/// entity takes one from a dropped mention of exactly the same span, so a tagged
/// "UAE" still points at the United Arab Emirates.
pub fn merge(mut mentions: Vec<Mention>) -> Vec<Mention> {
    mentions.sort_by(|a, b| {
        precedence(a.source)
            .cmp(&precedence(b.source))
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(tie_rank(a.source).cmp(&tie_rank(b.source)))
            .then(b.score.total_cmp(&a.score))
            .then(a.start.cmp(&b.start))
            .then(a.label.as_str().cmp(b.label.as_str()))
    });
    let mut kept: Vec<Mention> = Vec::with_capacity(mentions.len());
    let mut dropped_kb: Vec<(usize, usize, KbRef)> = Vec::new();
    // Kept spans by start: each overlap test and insertion is logarithmic. (A
    // sorted Vec with `insert` moved half of it per mention: 60% of the time of a
    // 2 MB text went to memmove.)
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    for m in mentions {
        if m.start >= m.end {
            continue;
        }
        let overlaps = taken
            .range(..m.end)
            .next_back()
            .is_some_and(|(_, &end)| end > m.start);
        if !overlaps {
            taken.insert(m.start, m.end);
            kept.push(m);
        } else if let Some(kb) = m.kb {
            dropped_kb.push((m.start, m.end, kb));
        }
    }
    kept.sort_by_key(|m| (m.start, m.end));
    for (start, end, kb) in dropped_kb {
        let i = kept.partition_point(|m| (m.start, m.end) < (start, end));
        if let Some(m) = kept.get_mut(i) {
            if (m.start, m.end) == (start, end) && m.kb.is_none() {
                m.kb = Some(kb);
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(start: usize, end: usize, source: Source, score: f32) -> Mention {
        Mention {
            start,
            end,
            label: Label::Person,
            score,
            source,
            kb: None,
        }
    }

    #[test]
    fn kept_mention_takes_the_canonical_entity_of_an_identical_span() {
        let kb = KbRef {
            id: Arc::from("country:AE"),
            name: Arc::from("United Arab Emirates"),
        };
        let gazetteer = Mention {
            kb: Some(kb.clone()),
            label: Label::Location,
            ..m(4, 7, Source::Gazetteer, 0.9)
        };
        let tagged = Mention {
            label: Label::Organisation,
            ..m(4, 7, Source::Model, 0.7)
        };
        let longer = m(0, 7, Source::Model, 0.7);
        let merged = merge(vec![gazetteer.clone(), tagged]);
        assert_eq!(merged.len(), 1);
        assert_eq!(
            (merged[0].source, merged[0].kb.as_ref()),
            (Source::Model, Some(&kb))
        );
        assert_eq!(merged[0].label, Label::Organisation);
        // a longer span keeps no canonical entity: it names something else
        let merged = merge(vec![gazetteer, longer]);
        assert_eq!(
            (merged[0].end - merged[0].start, merged[0].kb.as_ref()),
            (7, None)
        );
    }

    #[test]
    fn merge_precedence() {
        // (input mentions, expected kept spans)
        type Row = (Vec<Mention>, Vec<(usize, usize)>);
        let rows: Vec<Row> = vec![
            (vec![], vec![]),
            // the model's longer span beats the gazetteer's
            (
                vec![
                    m(0, 4, Source::Gazetteer, 0.9),
                    m(0, 10, Source::Model, 0.5),
                ],
                vec![(0, 10)],
            ),
            // a longer gazetteer span beats the model's shorter ones inside it
            (
                vec![
                    m(0, 5, Source::Model, 0.9),
                    m(6, 10, Source::Model, 0.9),
                    m(0, 10, Source::Gazetteer, 0.5),
                ],
                vec![(0, 10)],
            ),
            // on the same span the model's mention is kept, whatever the scores
            (
                vec![m(2, 6, Source::Gazetteer, 0.9), m(2, 6, Source::Model, 0.1)],
                vec![(2, 6)],
            ),
            // gazetteer beats a longer heuristic span that overlaps it
            (
                vec![
                    m(0, 10, Source::Heuristic, 0.9),
                    m(0, 4, Source::Gazetteer, 0.5),
                ],
                vec![(0, 4)],
            ),
            // same source: the longer span wins
            (
                vec![
                    m(0, 4, Source::Gazetteer, 1.0),
                    m(0, 9, Source::Gazetteer, 1.0),
                ],
                vec![(0, 9)],
            ),
            // same source and length: the higher score wins
            (
                vec![m(2, 6, Source::Model, 0.4), m(3, 7, Source::Model, 0.8)],
                vec![(3, 7)],
            ),
            // disjoint spans all stay, sorted by start
            (
                vec![
                    m(10, 12, Source::Heuristic, 0.3),
                    m(0, 4, Source::Gazetteer, 1.0),
                ],
                vec![(0, 4), (10, 12)],
            ),
            // touching spans do not overlap
            (
                vec![m(0, 4, Source::Model, 0.5), m(4, 8, Source::Model, 0.5)],
                vec![(0, 4), (4, 8)],
            ),
            // duplicates collapse; empty spans vanish
            (
                vec![
                    m(1, 3, Source::Given, 1.0),
                    m(1, 3, Source::Given, 1.0),
                    m(5, 5, Source::Given, 1.0),
                ],
                vec![(1, 3)],
            ),
        ];
        for (input, want) in rows {
            let mut rev = input.clone();
            rev.reverse();
            for case in [input, rev] {
                let got: Vec<_> = merge(case).iter().map(|m| (m.start, m.end)).collect();
                assert_eq!(got, want);
            }
        }
    }

    #[test]
    fn same_span_keeps_the_model_mention() {
        for scores in [(0.9, 0.1), (0.1, 0.9)] {
            let kept = merge(vec![
                m(2, 6, Source::Gazetteer, scores.0),
                m(2, 6, Source::Model, scores.1),
            ]);
            assert_eq!(kept.len(), 1);
            assert_eq!(kept[0].source, Source::Model);
        }
    }
}

//! Corpus statistics as a monoid: per-document counts that [`CorpusStats::merge`]
//! adds up in any grouping, with scores computed only from the merged counts.
//! Parallel chunks, streaming and distributed partitions therefore give exactly
//! the single-pass answer.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::extract::Mention;
use crate::resolve::Resolution;
use crate::text::Document;

/// Where a pair co-occurs: a document (by its index in the corpus) and a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Evidence {
    /// Index of the document in the corpus.
    pub document: u64,
    /// Index of the sentence in that document.
    pub sentence: u32,
}

/// Counts for one entity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EntityStats {
    /// Entity label.
    pub label: String,
    /// Canonical name when a gazetteer gave one.
    pub canonical: Option<String>,
    /// Surface forms and how often each occurred.
    pub surfaces: BTreeMap<String, u64>,
    /// Number of mentions.
    pub mentions: u64,
    /// Number of sentences with at least one mention.
    pub sentences: u64,
    /// Number of documents with at least one mention.
    pub documents: u64,
}

impl EntityStats {
    /// The display name: the canonical name, else the most frequent surface form
    /// (ties broken alphabetically, so the name is deterministic).
    pub fn name(&self) -> &str {
        if let Some(c) = &self.canonical {
            return c;
        }
        self.surfaces
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or("", |(s, _)| s.as_str())
    }

    fn merge(&mut self, other: &EntityStats) {
        if self.label.is_empty() {
            self.label.clone_from(&other.label);
        }
        // Documents may name one entity differently ("Khalifa Haftar", "KHALIFA
        // HAFTAR"): keep the better name by a total order, so that merging stays
        // commutative and associative.
        if better_name(other.canonical.as_deref(), self.canonical.as_deref()) {
            self.canonical.clone_from(&other.canonical);
        }
        for (s, n) in &other.surfaces {
            *self.surfaces.entry(s.clone()).or_default() += n;
        }
        self.mentions += other.mentions;
        self.sentences += other.sentences;
        self.documents += other.documents;
    }
}

/// Whether name `a` beats `b`: any name beats none, then the longer, then one
/// not all in capitals, then the smaller in byte order.
fn better_name(a: Option<&str>, b: Option<&str>) -> bool {
    let rank = |s: &str| {
        let cased = s.chars().any(char::is_lowercase);
        (s.chars().count(), cased, std::cmp::Reverse(s.to_string()))
    };
    match (a, b) {
        (Some(a), Some(b)) => rank(a) > rank(b),
        (Some(_), None) => true,
        _ => false,
    }
}

/// Counts for one unordered entity pair.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PairStats {
    /// Sentences in which both entities occur.
    pub sentences: u64,
    /// Documents in which both occur in one sentence.
    pub documents: u64,
    /// Every such sentence, sorted.
    pub evidence: Vec<Evidence>,
}

/// Association scores of a pair, computed from corpus counts over sentences.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairScores {
    /// Pointwise mutual information, natural log.
    pub pmi: f64,
    /// PMI normalised to `[-1, 1]`: 1 when the two always occur together.
    pub npmi: f64,
}

/// Mergeable statistics of a corpus.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusStats {
    /// Number of documents.
    pub documents: u64,
    /// Number of sentences.
    pub sentences: u64,
    /// Per entity key (see [`crate::resolve::Entity::key`]).
    pub entities: HashMap<String, EntityStats>,
    /// Per unordered pair of entity keys, the smaller key first.
    pub pairs: HashMap<(String, String), PairStats>,
}

impl CorpusStats {
    /// An empty corpus: the identity of [`CorpusStats::merge`].
    pub fn new() -> CorpusStats {
        CorpusStats::default()
    }

    /// The statistics of one document, the `index`-th of its corpus, whose
    /// `mentions` (sorted by start) were resolved into `resolution`.
    pub fn from_document(
        index: u64,
        doc: &Document,
        mentions: &[Mention],
        resolution: &Resolution,
    ) -> CorpusStats {
        let mut stats = CorpusStats {
            documents: 1,
            sentences: doc.sentences.len() as u64,
            ..CorpusStats::default()
        };
        // Work on entity indices; key strings are cloned once per entity and pair.
        let mut per_sentence: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for (m, &entity) in mentions.iter().zip(&resolution.entity_of) {
            let e = &resolution.entities[entity];
            let stats_entry = match stats.entities.get_mut(&e.key) {
                Some(found) => found,
                None => stats.entities.entry(e.key.clone()).or_insert(EntityStats {
                    label: e.label.to_string(),
                    canonical: Some(e.name.clone()),
                    documents: 1,
                    ..EntityStats::default()
                }),
            };
            let surface = &doc.text[m.start..m.end];
            match stats_entry.surfaces.get_mut(surface) {
                Some(n) => *n += 1,
                None => {
                    stats_entry.surfaces.insert(surface.to_string(), 1);
                }
            }
            stats_entry.mentions += 1;
            if let Some(s) = doc.sentence_at(m.start) {
                per_sentence.entry(s).or_default().insert(entity);
            }
        }
        for (sentence, entities) in per_sentence {
            // One key may stand for several entities of the document (two
            // mentions resolved apart yet keyed alike); count it once.
            let mut keys: Vec<&str> = entities
                .iter()
                .map(|&e| resolution.entities[e].key.as_str())
                .collect();
            keys.sort_unstable();
            keys.dedup();
            for (i, a) in keys.iter().enumerate() {
                if let Some(e) = stats.entities.get_mut(*a) {
                    e.sentences += 1;
                }
                for b in &keys[i + 1..] {
                    let p = stats
                        .pairs
                        .entry((a.to_string(), b.to_string()))
                        .or_insert_with(|| PairStats {
                            documents: 1,
                            ..PairStats::default()
                        });
                    p.sentences += 1;
                    p.evidence.push(Evidence {
                        document: index,
                        sentence: sentence as u32,
                    });
                }
            }
        }
        stats
    }

    /// Adds `other` into `self`. Associative and commutative up to the order of
    /// evidence, which is kept sorted so that any grouping gives equal results.
    pub fn merge(&mut self, other: &CorpusStats) {
        self.documents += other.documents;
        self.sentences += other.sentences;
        // Look up before cloning a key: most keys of a document are already in a
        // growing corpus.
        for (k, e) in &other.entities {
            match self.entities.get_mut(k) {
                Some(mine) => mine.merge(e),
                None => {
                    self.entities.insert(k.clone(), e.clone());
                }
            }
        }
        for (k, p) in &other.pairs {
            let Some(mine) = self.pairs.get_mut(k) else {
                self.pairs.insert(k.clone(), p.clone());
                continue;
            };
            mine.sentences += p.sentences;
            mine.documents += p.documents;
            // Documents usually arrive in order: append, and sort only when not.
            let in_order = match (mine.evidence.last(), p.evidence.first()) {
                (Some(last), Some(first)) => last <= first,
                _ => true,
            };
            mine.evidence.extend_from_slice(&p.evidence);
            if !in_order {
                mine.evidence.sort_unstable();
            }
        }
    }

    /// PMI and NPMI of a pair over sentences, or `None` for an unknown pair.
    pub fn scores(&self, a: &str, b: &str) -> Option<PairScores> {
        let key = if a <= b {
            (a.to_string(), b.to_string())
        } else {
            (b.to_string(), a.to_string())
        };
        let joint = self.pairs.get(&key)?.sentences as f64;
        let n = self.sentences as f64;
        let pa = self.entities.get(a)?.sentences as f64 / n;
        let pb = self.entities.get(b)?.sentences as f64 / n;
        let pab = joint / n;
        if !(pab > 0.0 && pa > 0.0 && pb > 0.0) {
            return None;
        }
        let pmi = (pab / (pa * pb)).ln();
        // When a pair fills every sentence, -ln p(ab) is 0: the pair is perfectly
        // associated, NPMI's upper bound.
        let npmi = if pab >= 1.0 { 1.0 } else { pmi / -pab.ln() };
        Some(PairScores { pmi, npmi })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{KbRef, Label, Source};
    use crate::resolve::resolve;
    use std::sync::Arc;

    /// Mentions of every listed word, each with the word itself as canonical id.
    fn analysed(text: &str, names: &[&str]) -> (Document, Vec<Mention>) {
        let doc = Document::new(text);
        let mut mentions: Vec<Mention> = Vec::new();
        for (i, t) in doc.tokens.iter().enumerate() {
            let word = doc.token_text(i);
            if names.contains(&word) {
                mentions.push(Mention {
                    start: t.start,
                    end: t.end,
                    label: Label::Location,
                    score: 1.0,
                    source: Source::Gazetteer,
                    kb: Some(KbRef {
                        id: Arc::from(word),
                        name: Arc::from(word),
                    }),
                });
            }
        }
        (doc, mentions)
    }

    const NAMES: &[&str] = &["Egypt", "UAE", "Algeria", "Tunisia"];
    const TEXTS: &[&str] = &[
        "Egypt and UAE met. Egypt hosted Algeria.",
        "UAE and Egypt agreed. Tunisia abstained. Egypt again.",
        "Nothing here.",
    ];

    fn per_document() -> Vec<CorpusStats> {
        TEXTS
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let (doc, mentions) = analysed(t, NAMES);
                let resolution = resolve(&doc, &mentions);
                CorpusStats::from_document(i as u64, &doc, &mentions, &resolution)
            })
            .collect()
    }

    #[test]
    fn counts_and_scores() {
        let mut all = CorpusStats::new();
        for s in per_document() {
            all.merge(&s);
        }
        assert_eq!((all.documents, all.sentences), (3, 6));
        let egypt = &all.entities["Egypt"];
        assert_eq!(
            (egypt.mentions, egypt.sentences, egypt.documents),
            (4, 4, 2)
        );
        let pair = &all.pairs[&("Egypt".to_string(), "UAE".to_string())];
        assert_eq!((pair.sentences, pair.documents), (2, 2));
        assert_eq!(
            pair.evidence,
            vec![
                Evidence {
                    document: 0,
                    sentence: 0
                },
                Evidence {
                    document: 1,
                    sentence: 0
                }
            ]
        );
        // p(ab) = 2/6, p(a) = 4/6, p(b) = 2/6
        let s = all.scores("UAE", "Egypt").expect("known pair");
        let pmi = ((2.0f64 / 6.0) / ((4.0 / 6.0) * (2.0 / 6.0))).ln();
        assert!((s.pmi - pmi).abs() < 1e-12);
        assert!((s.npmi - pmi / -(2.0f64 / 6.0).ln()).abs() < 1e-12);
        assert!(all.scores("Egypt", "Tunisia").is_none());
    }

    #[test]
    fn merge_is_associative_and_commutative() {
        let parts = per_document();
        let mut left = CorpusStats::new();
        for p in &parts {
            left.merge(p);
        }
        let mut right = CorpusStats::new();
        for p in parts.iter().rev() {
            right.merge(p);
        }
        let mut nested = parts[1].clone();
        nested.merge(&parts[2]);
        let mut grouped = parts[0].clone();
        grouped.merge(&nested);
        assert_eq!(left, right);
        assert_eq!(left, grouped);
        let mut with_identity = left.clone();
        with_identity.merge(&CorpusStats::new());
        assert_eq!(with_identity, left);
    }

    #[test]
    fn perfect_association_is_npmi_one() {
        let (doc, mentions) = analysed("Egypt and UAE.", NAMES);
        let s = CorpusStats::from_document(0, &doc, &mentions, &resolve(&doc, &mentions));
        assert_eq!(s.scores("Egypt", "UAE").map(|s| s.npmi), Some(1.0));
    }

    #[test]
    fn names_merge_in_any_order() {
        let names = [
            None,
            Some("Haftar"),
            Some("Khalifa Haftar"),
            Some("KHALIFA HAFTAR"),
        ];
        let stats = |name: Option<&str>| EntityStats {
            canonical: name.map(String::from),
            ..EntityStats::default()
        };
        for a in names {
            for b in names {
                let (mut ab, mut ba) = (stats(a), stats(b));
                ab.merge(&stats(b));
                ba.merge(&stats(a));
                assert_eq!(ab.canonical, ba.canonical);
            }
        }
        let mut all = stats(None);
        for n in names {
            all.merge(&stats(n));
        }
        assert_eq!(all.canonical.as_deref(), Some("Khalifa Haftar"));
    }
}

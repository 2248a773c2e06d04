//! Corpus statistics as a monoid: per-document counts that [`CorpusStats::merge`]
//! adds up in any grouping, with scores computed only from the merged counts.
//! Parallel chunks, streaming and distributed partitions therefore give exactly
//! the single-pass answer.

use std::collections::{BTreeMap, HashMap};

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
            match self.surfaces.get_mut(s) {
                Some(mine) => *mine += n,
                None => {
                    self.surfaces.insert(s.clone(), *n);
                }
            }
        }
        self.mentions += other.mentions;
        self.sentences += other.sentences;
        self.documents += other.documents;
    }
}

/// Whether name `a` beats `b`: any name beats none, then the longer, then one
/// not all in capitals, then the smaller in byte order.
fn better_name(a: Option<&str>, b: Option<&str>) -> bool {
    let rank = |s: &str| (s.chars().count(), s.chars().any(char::is_lowercase));
    match (a, b) {
        (Some(a), Some(b)) => rank(a).cmp(&rank(b)).then_with(|| b.cmp(a)).is_gt(),
        (Some(_), None) => true,
        _ => false,
    }
}

/// One mention as corpus statistics count it: its entity's key, label and
/// name, its text and its sentence (None outside every sentence).
#[derive(Clone, Copy, Debug)]
pub struct MentionRow<'a> {
    /// Entity key.
    pub key: &'a str,
    /// Entity label.
    pub label: &'a str,
    /// Entity name.
    pub name: &'a str,
    /// The mention's text.
    pub surface: &'a str,
    /// Index of its sentence in the document.
    pub sentence: Option<usize>,
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

impl PairStats {
    fn add(&mut self, other: &PairStats) {
        self.sentences += other.sentences;
        self.documents += other.documents;
        // Documents usually arrive in order: append, and sort only when not.
        let in_order = match (self.evidence.last(), other.evidence.first()) {
            (Some(last), Some(first)) => last <= first,
            _ => true,
        };
        self.evidence.extend_from_slice(&other.evidence);
        if !in_order {
            self.evidence.sort_unstable();
        }
    }
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
///
/// Entity keys are interned: each key string is stored and hashed once, and
/// pairs are counted by entity number. Merging looks each of the other side's
/// keys up once and then works on numbers, which keeps adding a document to a
/// large corpus cheap. Numbers depend on insertion order, so equality compares
/// by key.
#[derive(Clone, Debug, Default)]
pub struct CorpusStats {
    /// Number of documents.
    pub documents: u64,
    /// Number of sentences.
    pub sentences: u64,
    /// Entity keys (see [`crate::resolve::Entity::key`]); an entity's number
    /// indexes this and `entities`.
    keys: Vec<String>,
    ids: HashMap<String, u32>,
    entities: Vec<EntityStats>,
    /// By entity numbers, the smaller number first.
    pairs: HashMap<(u32, u32), PairStats>,
}

impl PartialEq for CorpusStats {
    fn eq(&self, other: &CorpusStats) -> bool {
        fn pairs(s: &CorpusStats) -> BTreeMap<(&str, &str), &PairStats> {
            s.pairs().map(|(a, b, p)| ((a, b), p)).collect()
        }
        self.documents == other.documents
            && self.sentences == other.sentences
            && self.entities().collect::<BTreeMap<_, _>>()
                == other.entities().collect::<BTreeMap<_, _>>()
            && pairs(self) == pairs(other)
    }
}

impl CorpusStats {
    /// An empty corpus: the identity of [`CorpusStats::merge`].
    pub fn new() -> CorpusStats {
        CorpusStats::default()
    }

    /// The number of entity `key`, added if new.
    fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.keys.len() as u32;
        self.keys.push(key.to_string());
        self.ids.insert(key.to_string(), id);
        self.entities.push(EntityStats::default());
        id
    }

    fn pair_ids(&self, a: u32, b: u32) -> (u32, u32) {
        (a.min(b), a.max(b))
    }

    /// The counts of entity `key`.
    pub fn entity(&self, key: &str) -> Option<&EntityStats> {
        self.ids.get(key).map(|&id| &self.entities[id as usize])
    }

    /// Every entity key with its counts, in no particular order.
    pub fn entities(&self) -> impl Iterator<Item = (&str, &EntityStats)> {
        self.keys.iter().map(String::as_str).zip(&self.entities)
    }

    /// Number of entities.
    pub fn n_entities(&self) -> usize {
        self.keys.len()
    }

    /// The counts of the pair `a`, `b` (in either order).
    pub fn pair(&self, a: &str, b: &str) -> Option<&PairStats> {
        let (ia, ib) = (*self.ids.get(a)?, *self.ids.get(b)?);
        self.pairs.get(&self.pair_ids(ia, ib))
    }

    /// Every pair as (smaller key, larger key, counts), in no particular order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str, &PairStats)> {
        self.pairs.iter().map(|(&(a, b), p)| {
            let (ka, kb) = (
                self.keys[a as usize].as_str(),
                self.keys[b as usize].as_str(),
            );
            if ka <= kb {
                (ka, kb, p)
            } else {
                (kb, ka, p)
            }
        })
    }

    /// Number of pairs.
    pub fn n_pairs(&self) -> usize {
        self.pairs.len()
    }

    /// Adds counts for entity `key` (restoring saved statistics).
    pub fn add_entity(&mut self, key: &str, stats: &EntityStats) {
        let id = self.intern(key);
        self.entities[id as usize].merge(stats);
    }

    /// Adds counts for the pair `a`, `b` (restoring saved statistics).
    pub fn add_pair(&mut self, a: &str, b: &str, stats: &PairStats) {
        let (ia, ib) = (self.intern(a), self.intern(b));
        let key = self.pair_ids(ia, ib);
        self.pairs.entry(key).or_default().add(stats);
    }

    /// The statistics of one document, the `index`-th of its corpus, whose
    /// `mentions` (sorted by start) were resolved into `resolution`.
    pub fn from_document(
        index: u64,
        doc: &Document,
        mentions: &[Mention],
        resolution: &Resolution,
    ) -> CorpusStats {
        let mut stats = CorpusStats::new();
        stats.add_document(index, doc, mentions, resolution);
        stats
    }

    /// Adds one document, as [`CorpusStats::from_document`] and
    /// [`CorpusStats::merge`] would, without building its statistics apart:
    /// known keys and surface forms are looked up, not copied.
    pub fn add_document(
        &mut self,
        index: u64,
        doc: &Document,
        mentions: &[Mention],
        resolution: &Resolution,
    ) {
        let rows = mentions
            .iter()
            .zip(&resolution.entity_of)
            .map(|(m, &entity)| {
                let e = &resolution.entities[entity];
                MentionRow {
                    key: &e.key,
                    label: e.label.as_str(),
                    name: &e.name,
                    surface: &doc.text[m.start..m.end],
                    sentence: doc.sentence_at(m.start),
                }
            });
        self.add_rows(index, doc.sentences.len() as u64, rows);
    }

    /// Adds one document given as its sentence count and one row per mention,
    /// in text order: what a document analysed elsewhere (a Python `Doc`)
    /// carries.
    pub fn add_rows<'a>(
        &mut self,
        index: u64,
        sentences: u64,
        mentions: impl IntoIterator<Item = MentionRow<'a>>,
    ) {
        self.documents += 1;
        self.sentences += sentences;
        // Whether the document has already counted an entity, by number.
        let mut seen: Vec<bool> = Vec::new();
        let mut per_sentence: Vec<(usize, u32)> = Vec::new();
        for m in mentions {
            let id = self.intern(m.key);
            if seen.len() <= id as usize {
                seen.resize(id as usize + 1, false);
            }
            let counts = &mut self.entities[id as usize];
            if !std::mem::replace(&mut seen[id as usize], true) {
                counts.documents += 1;
                if counts.label.is_empty() {
                    counts.label = m.label.to_string();
                }
                if better_name(Some(m.name), counts.canonical.as_deref()) {
                    counts.canonical = Some(m.name.to_string());
                }
            }
            match counts.surfaces.get_mut(m.surface) {
                Some(n) => *n += 1,
                None => {
                    counts.surfaces.insert(m.surface.to_string(), 1);
                }
            }
            counts.mentions += 1;
            if let Some(s) = m.sentence {
                per_sentence.push((s, id));
            }
        }
        per_sentence.sort_unstable();
        per_sentence.dedup();
        let mut in_doc: Vec<(u32, u32)> = Vec::new();
        for sentence in per_sentence.chunk_by(|x, y| x.0 == y.0) {
            let s = sentence[0].0;
            for (i, &(_, a)) in sentence.iter().enumerate() {
                self.entities[a as usize].sentences += 1;
                for &(_, b) in &sentence[i + 1..] {
                    let key = self.pair_ids(a, b);
                    in_doc.push(key);
                    let p = self.pairs.entry(key).or_default();
                    p.sentences += 1;
                    let evidence = Evidence {
                        document: index,
                        sentence: s as u32,
                    };
                    // Documents usually arrive in order: append, and sort only
                    // when not.
                    let in_order = p.evidence.last().is_none_or(|last| *last <= evidence);
                    p.evidence.push(evidence);
                    if !in_order {
                        p.evidence.sort_unstable();
                    }
                }
            }
        }
        in_doc.sort_unstable();
        in_doc.dedup();
        for key in in_doc {
            if let Some(p) = self.pairs.get_mut(&key) {
                p.documents += 1;
            }
        }
    }

    /// Adds `other` into `self`. Associative and commutative up to the order of
    /// evidence, which is kept sorted so that any grouping gives equal results.
    pub fn merge(&mut self, other: &CorpusStats) {
        self.documents += other.documents;
        self.sentences += other.sentences;
        // One lookup per key of the other side; the rest works on numbers.
        let remap: Vec<u32> = other.keys.iter().map(|k| self.intern(k)).collect();
        for (id, e) in remap.iter().zip(&other.entities) {
            self.entities[*id as usize].merge(e);
        }
        for (&(a, b), p) in &other.pairs {
            let key = self.pair_ids(remap[a as usize], remap[b as usize]);
            self.pairs.entry(key).or_default().add(p);
        }
    }

    /// PMI and NPMI of a pair over sentences, or `None` for an unknown pair.
    pub fn scores(&self, a: &str, b: &str) -> Option<PairScores> {
        let joint = self.pair(a, b)?.sentences as f64;
        let n = self.sentences as f64;
        let pa = self.entity(a)?.sentences as f64 / n;
        let pb = self.entity(b)?.sentences as f64 / n;
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
        let egypt = all.entity("Egypt").expect("counted");
        assert_eq!(
            (egypt.mentions, egypt.sentences, egypt.documents),
            (4, 4, 2)
        );
        let pair = all.pair("UAE", "Egypt").expect("counted");
        assert_eq!(Some(pair), all.pair("Egypt", "UAE"));
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
    fn adding_documents_equals_merging_their_statistics() {
        let mut added = CorpusStats::new();
        let mut merged = CorpusStats::new();
        // Out of order on purpose: evidence must still come out sorted.
        for (i, t) in TEXTS.iter().enumerate().rev() {
            let (doc, mentions) = analysed(t, NAMES);
            let resolution = resolve(&doc, &mentions);
            added.add_document(i as u64, &doc, &mentions, &resolution);
            merged.merge(&CorpusStats::from_document(
                i as u64,
                &doc,
                &mentions,
                &resolution,
            ));
        }
        assert_eq!(added, merged);
        let all = per_document().iter().fold(CorpusStats::new(), |mut a, s| {
            a.merge(s);
            a
        });
        assert_eq!(added, all);
        assert!(added.n_pairs() > 0 && added.n_entities() == 4);
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

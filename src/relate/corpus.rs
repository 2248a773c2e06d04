//! Corpus statistics as a monoid: per-document counts that [`CorpusStats::merge`]
//! adds up in any grouping, with scores computed only from the merged counts.
//! Parallel chunks, streaming and distributed partitions therefore give exactly
//! the single-pass answer.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::sync::OnceLock;

use crate::extract::Mention;
use crate::fasthash::FastMap;
use crate::resolve::{names, Resolution, Resolver};
use crate::text::Document;

/// Where a pair co-occurs: a document (by its index in the corpus) and a sentence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
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
    /// For a bare one-word person name, the document it is kept to (see
    /// [`CorpusStats::linked`]).
    pub document: Option<u64>,
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
        self.document = self.document.or(other.document);
    }
}

/// Whether a mention row names a person by one word the gazetteer does not
/// know: its key is the one resolution derives from the name ("Person:leon").
/// Such names are too ambiguous to merge across documents on their own.
fn is_bare_person(m: &MentionRow<'_>) -> bool {
    let Some(word) = m.key.strip_prefix("Person:") else {
        return false;
    };
    // Cheap test first: most keys have several words.
    !word.contains(' ')
        && m.label == "Person"
        && matches!(names::words(names::display(m.name)).as_slice(), [w] if w == word)
}

/// The key of a bare name kept to document `index`.
fn bare_key(key: &str, index: u64) -> String {
    format!("{key}#{index}")
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

/// Counts for one unordered entity pair, with its evidence.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PairStats<'a> {
    /// Sentences in which both entities occur.
    pub sentences: u64,
    /// Documents in which both occur in one sentence.
    pub documents: u64,
    /// Every such sentence, sorted.
    pub evidence: &'a [Evidence],
}

/// A pair's counts as the corpus stores them; its evidence lives in the
/// corpus-wide log.
#[derive(Clone, Copy, Debug, Default)]
struct PairCounts {
    sentences: u64,
    documents: u64,
}

/// The evidence log grouped by pair: pair slot `i`'s evidence, sorted, is
/// `evidence[starts[i]..starts[i + 1]]`.
#[derive(Clone, Debug, Default)]
struct GroupedEvidence {
    starts: Vec<usize>,
    evidence: Vec<Evidence>,
}

impl GroupedEvidence {
    /// Groups `log` (pair slot, evidence) by slot with a counting sort, which
    /// keeps each pair's evidence in log order; sorts a group only when it is
    /// out of order (documents merged out of order).
    fn new(n_pairs: usize, slots: &[u32], log: &[Evidence]) -> GroupedEvidence {
        let mut starts = vec![0usize; n_pairs + 1];
        for &slot in slots {
            starts[slot as usize + 1] += 1;
        }
        for i in 0..n_pairs {
            starts[i + 1] += starts[i];
        }
        let mut next = starts.clone();
        let mut evidence = vec![Evidence::default(); log.len()];
        for (&slot, e) in slots.iter().zip(log) {
            evidence[next[slot as usize]] = *e;
            next[slot as usize] += 1;
        }
        for w in starts.windows(2) {
            let group = &mut evidence[w[0]..w[1]];
            if !group.is_sorted() {
                group.sort_unstable();
            }
        }
        GroupedEvidence { starts, evidence }
    }

    fn of(&self, slot: u32) -> &[Evidence] {
        let slot = slot as usize;
        &self.evidence[self.starts[slot]..self.starts[slot + 1]]
    }
}

/// Association scores of a pair, computed from corpus counts over sentences.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PairScores {
    /// Pointwise mutual information, natural log.
    pub pmi: f64,
    /// PMI normalised to `[-1, 1]`: 1 when the two always occur together.
    pub npmi: f64,
    /// Dunning's log-likelihood ratio G² of the 2×2 table over sentences (both,
    /// only one, only the other, neither). Always ≥ 0: it measures how far the
    /// pair is from independence in either direction, so a pair that meets
    /// less often than chance (PMI < 0) can score high too.
    pub llr: f64,
    /// The p-value of `llr` under independence: chi-square with one degree of
    /// freedom, `erfc(sqrt(G² / 2))`.
    pub p_value: f64,
}

/// Dunning's G² of a 2×2 contingency table `[[k11, k12], [k21, k22]]`:
/// `2 Σ k ln(k / expected)`, with `0 ln 0 = 0`.
///
/// # Examples
/// ```
/// // Independent: every cell is what the margins predict.
/// assert!(actorgraph::relate::g_squared([[10.0, 10.0], [10.0, 10.0]]).abs() < 1e-12);
/// ```
pub fn g_squared(k: [[f64; 2]; 2]) -> f64 {
    let n = k[0][0] + k[0][1] + k[1][0] + k[1][1];
    let rows = [k[0][0] + k[0][1], k[1][0] + k[1][1]];
    let cols = [k[0][0] + k[1][0], k[0][1] + k[1][1]];
    let mut g = 0.0;
    for (i, row) in k.iter().enumerate() {
        for (j, &kij) in row.iter().enumerate() {
            if kij > 0.0 {
                g += kij * (kij * n / (rows[i] * cols[j])).ln();
            }
        }
    }
    // Rounding can leave -1e-15 for an independent table.
    (2.0 * g).max(0.0)
}

/// The complementary error function, from the Chebyshev fit of Numerical
/// Recipes (`erfcc`, 2nd ed., §6.2): relative error below 1.2e-7 everywhere,
/// which keeps tiny p-values (1e-30) meaningful where `1 - erf` would round to
/// 0. The standard library has no `erfc` on stable Rust.
pub fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = [
        -1.265_512_23,
        1.000_023_68,
        0.374_091_96,
        0.096_784_18,
        -0.186_288_06,
        0.278_868_07,
        -1.135_203_98,
        1.488_515_87,
        -0.822_152_23,
        0.170_872_77,
    ]
    .iter()
    .rev()
    .fold(0.0, |acc, c| acc * t + c);
    let r = t * (-z * z + poly).exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

/// The p-value of a chi-square statistic with one degree of freedom.
pub fn chi2_sf_1(statistic: f64) -> f64 {
    // The fit's relative error can put erfc(0) at 1.00000003; a probability
    // must stay within [0, 1].
    erfc((statistic.max(0.0) / 2.0).sqrt()).clamp(0.0, 1.0)
}

/// Mergeable statistics of a corpus.
///
/// Entity keys are interned: each key string is stored and hashed once, and
/// pairs are counted by entity number. Merging looks each of the other side's
/// keys up once and then works on numbers, which keeps adding a document to a
/// large corpus cheap. Numbers depend on insertion order, so equality compares
/// by key.
///
/// Most pairs co-occur once, so a list of evidence per pair would cost an
/// allocation per observation; the evidence goes to one flat log instead,
/// grouped by pair when first read after a change.
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
    /// Pair slot by entity numbers, the smaller number in the high half.
    pair_slots: FastMap<u64, u32>,
    /// Per pair slot: its entity numbers and counts.
    pair_ends: Vec<(u32, u32)>,
    pair_counts: Vec<PairCounts>,
    /// The evidence log: one pair slot and one sentence per co-occurrence.
    evidence_slots: Vec<u32>,
    evidence: Vec<Evidence>,
    grouped: OnceLock<GroupedEvidence>,
}

impl PartialEq for CorpusStats {
    fn eq(&self, other: &CorpusStats) -> bool {
        fn pairs(s: &CorpusStats) -> BTreeMap<(&str, &str), PairStats<'_>> {
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

    /// The slot of the pair of entity numbers `a`, `b`, added if new.
    fn pair_slot(&mut self, a: u32, b: u32) -> u32 {
        let (lo, hi) = (a.min(b), a.max(b));
        let next = self.pair_ends.len() as u32;
        let slot = *self
            .pair_slots
            .entry(u64::from(lo) << 32 | u64::from(hi))
            .or_insert(next);
        if slot == next {
            self.pair_ends.push((lo, hi));
            self.pair_counts.push(PairCounts::default());
        }
        slot
    }

    fn grouped(&self) -> &GroupedEvidence {
        self.grouped.get_or_init(|| {
            GroupedEvidence::new(self.pair_ends.len(), &self.evidence_slots, &self.evidence)
        })
    }

    fn pair_at(&self, slot: u32) -> PairStats<'_> {
        let counts = self.pair_counts[slot as usize];
        PairStats {
            sentences: counts.sentences,
            documents: counts.documents,
            evidence: self.grouped().of(slot),
        }
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
    pub fn pair(&self, a: &str, b: &str) -> Option<PairStats<'_>> {
        let (ia, ib) = (*self.ids.get(a)?, *self.ids.get(b)?);
        let key = u64::from(ia.min(ib)) << 32 | u64::from(ia.max(ib));
        self.pair_slots.get(&key).map(|&slot| self.pair_at(slot))
    }

    /// Every pair as (smaller key, larger key, counts), in no particular order.
    pub fn pairs(&self) -> impl Iterator<Item = (&str, &str, PairStats<'_>)> {
        self.pair_ends.iter().enumerate().map(|(slot, &(a, b))| {
            let (ka, kb) = (
                self.keys[a as usize].as_str(),
                self.keys[b as usize].as_str(),
            );
            let p = self.pair_at(slot as u32);
            if ka <= kb {
                (ka, kb, p)
            } else {
                (kb, ka, p)
            }
        })
    }

    /// Number of pairs.
    pub fn n_pairs(&self) -> usize {
        self.pair_ends.len()
    }

    /// Adds counts for entity `key` (restoring saved statistics).
    pub fn add_entity(&mut self, key: &str, stats: &EntityStats) {
        let id = self.intern(key);
        self.entities[id as usize].merge(stats);
    }

    /// Adds counts for the pair `a`, `b` (restoring saved statistics).
    pub fn add_pair(&mut self, a: &str, b: &str, stats: PairStats<'_>) {
        let (ia, ib) = (self.intern(a), self.intern(b));
        let slot = self.pair_slot(ia, ib);
        let counts = &mut self.pair_counts[slot as usize];
        counts.sentences += stats.sentences;
        counts.documents += stats.documents;
        self.evidence_slots
            .extend(std::iter::repeat_n(slot, stats.evidence.len()));
        self.evidence.extend_from_slice(stats.evidence);
        self.grouped = OnceLock::new();
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
        self.grouped = OnceLock::new();
        // Entity numbers of the document's mentions, and per sentence.
        let mut in_doc: Vec<u32> = Vec::new();
        let mut per_sentence: Vec<(usize, u32)> = Vec::new();
        for m in mentions {
            let bare = is_bare_person(&m);
            let id = if bare {
                self.intern(&bare_key(m.key, index))
            } else {
                self.intern(m.key)
            };
            in_doc.push(id);
            let counts = &mut self.entities[id as usize];
            if bare {
                counts.document = Some(index);
            }
            if counts.label.is_empty() {
                counts.label = m.label.to_string();
            }
            if better_name(Some(m.name), counts.canonical.as_deref()) {
                counts.canonical = Some(m.name.to_string());
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
        in_doc.sort_unstable();
        in_doc.dedup();
        for id in in_doc {
            self.entities[id as usize].documents += 1;
        }
        per_sentence.sort_unstable();
        per_sentence.dedup();
        let mut pairs_in_doc: Vec<u32> = Vec::new();
        for sentence in per_sentence.chunk_by(|x, y| x.0 == y.0) {
            let evidence = Evidence {
                document: index,
                sentence: sentence[0].0 as u32,
            };
            for (i, &(_, a)) in sentence.iter().enumerate() {
                self.entities[a as usize].sentences += 1;
                for &(_, b) in &sentence[i + 1..] {
                    let slot = self.pair_slot(a, b);
                    self.pair_counts[slot as usize].sentences += 1;
                    pairs_in_doc.push(slot);
                    self.evidence_slots.push(slot);
                    self.evidence.push(evidence);
                }
            }
        }
        pairs_in_doc.sort_unstable();
        pairs_in_doc.dedup();
        for slot in pairs_in_doc {
            self.pair_counts[slot as usize].documents += 1;
        }
    }

    /// Adds `other` into `self`. Associative and commutative up to the order of
    /// evidence, which is kept sorted so that any grouping gives equal results.
    pub fn merge(&mut self, other: &CorpusStats) {
        self.merge_renamed(other, |id| &other.keys[id], 0);
    }

    /// Adds `other`, whose documents were numbered from 0, as the documents
    /// numbered from `offset` on: a partition analysed on its own (by a Dask
    /// worker, say) joins the corpus as if it had been counted there, its
    /// evidence and its document-bound bare names renumbered. Merging the
    /// partitions in order with their running document counts as offsets
    /// gives exactly the statistics of one pass over all the documents.
    pub fn merge_shifted(&mut self, other: &CorpusStats, offset: u64) {
        let keys: Vec<String> = other
            .keys
            .iter()
            .zip(&other.entities)
            .map(|(key, e)| match (e.document, key.rsplit_once('#')) {
                (Some(d), Some((base, _))) => bare_key(base, d + offset),
                _ => key.clone(),
            })
            .collect();
        self.merge_renamed(other, |id| &keys[id], offset);
    }

    /// Adds `other` into `self` with `other`'s entity number `i` counted under
    /// key `key_of(i)` and its document `d` as `d + offset`. Pairs whose two
    /// ends get one key are dropped.
    fn merge_renamed<'o>(
        &mut self,
        other: &'o CorpusStats,
        key_of: impl Fn(usize) -> &'o str,
        offset: u64,
    ) {
        self.documents += other.documents;
        self.sentences += other.sentences;
        // One lookup per key of the other side; the rest works on numbers.
        let remap: Vec<u32> = (0..other.keys.len())
            .map(|i| self.intern(key_of(i)))
            .collect();
        for (id, e) in remap.iter().zip(&other.entities) {
            let shifted;
            let e = match e.document {
                Some(d) if offset > 0 => {
                    shifted = EntityStats {
                        document: Some(d + offset),
                        ..e.clone()
                    };
                    &shifted
                }
                _ => e,
            };
            self.entities[*id as usize].merge(e);
        }
        let slots: Vec<Option<u32>> = other
            .pair_ends
            .iter()
            .zip(&other.pair_counts)
            .map(|(&(a, b), c)| {
                let (a, b) = (remap[a as usize], remap[b as usize]);
                if a == b {
                    return None;
                }
                let slot = self.pair_slot(a, b);
                let mine = &mut self.pair_counts[slot as usize];
                mine.sentences += c.sentences;
                mine.documents += c.documents;
                Some(slot)
            })
            .collect();
        for (&s, e) in other.evidence_slots.iter().zip(&other.evidence) {
            if let Some(slot) = slots[s as usize] {
                self.evidence_slots.push(slot);
                self.evidence.push(Evidence {
                    document: e.document + offset,
                    ..*e
                });
            }
        }
        self.grouped = OnceLock::new();
    }

    /// The statistics with each bare one-word person name linked to the one
    /// full person name of the corpus it ends, if there is exactly one and
    /// `resolver` does not forbid the pair (an analyst's "do not merge").
    ///
    /// Resolution links "Leon" to "Bernardino Leon" inside a document. Across
    /// documents a bare "Leon" is ambiguous (the corpus may hold several
    /// Leons), so [`CorpusStats::add_rows`] keeps each document's bare name
    /// apart (key `Person:leon#<document>`), and this view merges it only on
    /// the strong evidence of a single candidate in the whole corpus. The
    /// stored counts stay unlinked, so merging partitions first and linking
    /// afterwards gives the single-machine answer.
    pub fn linked(&self, resolver: &Resolver) -> CorpusStats {
        self.linked_with_renames(resolver).0
    }

    /// [`CorpusStats::linked`], and the keys it renamed: stored key → linked
    /// key, for every bare name that joined a full name.
    pub fn linked_with_renames(
        &self,
        resolver: &Resolver,
    ) -> (CorpusStats, HashMap<String, String>) {
        if self.entities.iter().all(|e| e.document.is_none()) {
            return (self.clone(), HashMap::new());
        }
        // Full person names by their last word.
        let mut by_surname: FastMap<String, Vec<usize>> = FastMap::default();
        for (i, e) in self.entities.iter().enumerate() {
            if e.label == "Person" && e.document.is_none() {
                let mut words = names::words(names::display(e.name()));
                if words.len() > 1 {
                    by_surname
                        .entry(words.pop().unwrap_or_default())
                        .or_default()
                        .push(i);
                }
            }
        }
        let target: Vec<usize> = (0..self.keys.len())
            .map(|i| {
                let bare = self.entities[i].document.is_some();
                let Some((key, _)) = self.keys[i].rsplit_once('#').filter(|_| bare) else {
                    return i;
                };
                let word = key.strip_prefix("Person:").unwrap_or(key);
                match by_surname.get(word).map(Vec::as_slice) {
                    Some(&[one]) if !resolver.forbids_keys(key, &self.keys[one]) => one,
                    _ => i,
                }
            })
            .collect();
        let mut linked = CorpusStats::new();
        linked.merge_renamed(self, |i| &self.keys[target[i]], 0);
        let mut renames = HashMap::new();
        for (i, &t) in target.iter().enumerate() {
            if t != i {
                let id = linked.ids[&self.keys[t]];
                linked.entities[id as usize].document = self.entities[t].document;
                renames.insert(self.keys[i].clone(), self.keys[t].clone());
            }
        }
        (linked, renames)
    }

    /// The key under which [`CorpusStats::add_rows`] counts mention `m` of
    /// document `index`: its entity key, or for a bare one-word person name
    /// the key kept to that document (`Person:leon#3`). Look the result up in
    /// [`CorpusStats::linked_with_renames`]'s renames for the key the tables
    /// show.
    pub fn counted_key<'a>(index: u64, m: &MentionRow<'a>) -> Cow<'a, str> {
        if is_bare_person(m) {
            Cow::Owned(bare_key(m.key, index))
        } else {
            Cow::Borrowed(m.key)
        }
    }

    /// PMI, NPMI and Dunning's G² (with its p-value) of a pair over
    /// sentences, or `None` for an unknown pair.
    ///
    /// All come from four merged counts: the corpus's sentences `n`, the
    /// sentences of each entity `a` and `b`, and those of both `ab`; G² reads
    /// them as the table `[[ab, a - ab], [b - ab, n - a - b + ab]]`.
    pub fn scores(&self, a: &str, b: &str) -> Option<PairScores> {
        let joint = self.pair(a, b)?.sentences;
        PairScores::from_counts(
            self.sentences,
            self.entity(a)?.sentences,
            self.entity(b)?.sentences,
            joint,
        )
    }

    /// Every pair as (smaller key, larger key, counts, scores), in no particular
    /// order: [`CorpusStats::pairs`] with [`CorpusStats::scores`], reading the
    /// counts by entity number rather than looking each key up again. Pairs
    /// without scores (no sentences) are left out. The first read after a change
    /// groups the evidence log by pair; [`CorpusStats::scored_counts`] skips that.
    pub fn scored_pairs(&self) -> impl Iterator<Item = (&str, &str, PairStats<'_>, PairScores)> {
        self.scored_slots()
            .map(|(slot, a, b, s)| (a, b, self.pair_at(slot), s))
    }

    /// Every pair (smaller key first) with its sentence and document counts and
    /// its scores, in no particular order, without reading the evidence: the
    /// scores need only the counts, and grouping a large corpus's evidence by
    /// pair costs far more than scoring it (`cargo bench --bench scale`).
    pub fn scored_counts(&self) -> impl Iterator<Item = (&str, &str, u64, u64, PairScores)> {
        self.scored_slots().map(|(slot, a, b, s)| {
            let counts = self.pair_counts[slot as usize];
            (a, b, counts.sentences, counts.documents, s)
        })
    }

    /// Slot, keys (smaller first) and scores of every pair that has scores.
    fn scored_slots(&self) -> impl Iterator<Item = (u32, &str, &str, PairScores)> {
        self.pair_ends
            .iter()
            .enumerate()
            .filter_map(|(slot, &(a, b))| {
                let (ea, eb) = (&self.entities[a as usize], &self.entities[b as usize]);
                let s = PairScores::from_counts(
                    self.sentences,
                    ea.sentences,
                    eb.sentences,
                    self.pair_counts[slot].sentences,
                )?;
                let (ka, kb) = (
                    self.keys[a as usize].as_str(),
                    self.keys[b as usize].as_str(),
                );
                Some(if ka <= kb {
                    (slot as u32, ka, kb, s)
                } else {
                    (slot as u32, kb, ka, s)
                })
            })
    }
}

impl PairScores {
    /// The scores of a pair from `n` sentences, `a` and `b` sentences with
    /// either entity and `ab` with both; `None` when one of them is 0.
    pub fn from_counts(n: u64, a: u64, b: u64, ab: u64) -> Option<PairScores> {
        let (n, na, nb, joint) = (n as f64, a as f64, b as f64, ab as f64);
        let (pa, pb) = (na / n, nb / n);
        let pab = joint / n;
        if !(pab > 0.0 && pa > 0.0 && pb > 0.0) {
            return None;
        }
        let pmi = (pab / (pa * pb)).ln();
        // When a pair fills every sentence, -ln p(ab) is 0: the pair is perfectly
        // associated, NPMI's upper bound.
        let npmi = if pab >= 1.0 { 1.0 } else { pmi / -pab.ln() };
        // Cells are clamped at 0: linking bare names across documents can sum an
        // entity's sentences past what a strict count would give.
        let table = [
            [joint, (na - joint).max(0.0)],
            [(nb - joint).max(0.0), (n - na - nb + joint).max(0.0)],
        ];
        let llr = g_squared(table);
        Some(PairScores {
            pmi,
            npmi,
            llr,
            p_value: chi2_sf_1(llr),
        })
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
    fn log_likelihood_ratio_by_hand() {
        // The corpus of `counts_and_scores`: n = 6 sentences, Egypt in 4, the
        // UAE in 2, both in 2. Table [[2, 2], [0, 2]], expected counts
        // [[4/3, 8/3], [2/3, 4/3]]:
        // G² = 2 (2 ln(2 / (4/3)) + 2 ln(2 / (8/3)) + 0 + 2 ln(2 / (4/3)))
        //    = 2 (4 ln 1.5 + 2 ln 0.75) = 2.09299...
        let mut all = CorpusStats::new();
        for s in per_document() {
            all.merge(&s);
        }
        let s = all.scores("Egypt", "UAE").expect("known pair");
        let by_hand = 2.0 * (4.0 * 1.5f64.ln() + 2.0 * 0.75f64.ln());
        assert!((s.llr - 2.092_992_575_058_191_5).abs() < 1e-12);
        assert!((s.llr - by_hand).abs() < 1e-12);
        // p = P(chi2(1) > 2.0929) = erfc(sqrt(1.04650)) = 0.14798 (Python: math.erfc)
        assert!((s.p_value - 0.147_975_959_385_027_28).abs() < 1e-6);
        // scored_pairs gives the same numbers for every pair
        for (a, b, p, scores) in all.scored_pairs() {
            assert_eq!(all.scores(a, b), Some(scores));
            assert_eq!(all.pair(a, b), Some(p));
        }
        assert_eq!(all.scored_pairs().count(), all.n_pairs());
        for (a, b, sentences, documents, scores) in all.scored_counts() {
            let p = all.pair(a, b).expect("a pair");
            assert_eq!((sentences, documents), (p.sentences, p.documents));
            assert_eq!(all.scores(a, b), Some(scores));
        }
        assert_eq!(all.scored_counts().count(), all.n_pairs());
        // Independence scores 0 and p = 1.
        assert!(g_squared([[10.0, 10.0], [10.0, 10.0]]).abs() < 1e-12);
        assert!((chi2_sf_1(0.0) - 1.0).abs() < 1e-7);
        // Never above 1, however small the statistic (the fit overshoots at 0).
        for x in [0.0, 1e-12, 1e-6, 1e-3] {
            assert!((0.0..=1.0).contains(&chi2_sf_1(x)), "{x}");
        }
    }

    #[test]
    fn erfc_matches_reference_values() {
        // (x, erfc(x)) from Python's math.erfc, relative error under 1.2e-7
        let rows = [
            (0.0, 1.0),
            (0.5, 0.479_500_122_186_953_5),
            (1.0, 0.157_299_207_050_285_13),
            (3.0, 2.209_049_699_858_544e-5),
            (5.0, 1.537_459_794_428_034_8e-12),
            (10.0, 2.088_487_583_762_545e-45),
            (-1.0, 1.842_700_792_949_715),
        ];
        for (x, want) in rows {
            let got = erfc(x);
            assert!(
                ((got - want) / want).abs() < 1.2e-7,
                "erfc({x}) = {got}, want {want}"
            );
        }
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

    /// A document given as (key, name, sentence) rows of person mentions.
    fn people(stats: &mut CorpusStats, index: u64, rows: &[(&str, &str, usize)]) {
        let rows = rows.iter().map(|&(key, name, sentence)| MentionRow {
            key,
            label: "Person",
            name,
            surface: name,
            sentence: Some(sentence),
        });
        stats.add_rows(index, 2, rows);
    }

    #[test]
    fn partitions_numbered_from_zero_merge_shifted_into_the_whole() {
        let docs: [&[(&str, &str, usize)]; 4] = [
            &[("Person:leon", "Leon", 0), ("Person:haftar", "Haftar", 0)],
            &[("Person:leon", "Leon", 1), ("Person:sisi", "Sisi", 1)],
            &[
                ("Person:bernardino leon", "Bernardino Leon", 0),
                ("Person:khalifa haftar", "Khalifa Haftar", 0),
            ],
            &[("Person:leon", "Leon", 0), ("Person:sisi", "Sisi", 0)],
        ];
        let mut whole = CorpusStats::new();
        for (i, d) in docs.iter().enumerate() {
            people(&mut whole, i as u64, d);
        }
        // Two partitions, each numbering its documents from 0.
        let mut parts = [CorpusStats::new(), CorpusStats::new()];
        for (i, d) in docs.iter().enumerate() {
            people(&mut parts[i / 2], (i % 2) as u64, d);
        }
        let mut merged = CorpusStats::new();
        merged.merge_shifted(&parts[0], 0);
        merged.merge_shifted(&parts[1], 2);
        assert_eq!(merged, whole);
        assert_eq!(
            merged.linked(&Resolver::new()),
            whole.linked(&Resolver::new())
        );
        // A plain merge mixes up the partitions' documents 0 and 1.
        let mut plain = parts[0].clone();
        plain.merge(&parts[1]);
        assert_ne!(plain, whole);
    }

    #[test]
    fn bare_names_are_kept_to_their_document_and_linked_on_one_candidate() {
        let docs: [&[(&str, &str, usize)]; 3] = [
            &[("Person:leon", "Leon", 0), ("Person:haftar", "Haftar", 0)],
            &[("Person:leon", "Leon", 1)],
            &[
                ("Person:bernardino leon", "Bernardino Leon", 0),
                ("Person:khalifa haftar", "Khalifa Haftar", 0),
            ],
        ];
        let mut whole = CorpusStats::new();
        for (i, d) in docs.iter().enumerate() {
            people(&mut whole, i as u64, d);
        }
        let keys: BTreeMap<&str, Option<u64>> =
            whole.entities().map(|(k, e)| (k, e.document)).collect();
        assert_eq!(keys["Person:leon#0"], Some(0));
        assert_eq!(keys["Person:leon#1"], Some(1));
        assert_eq!(keys["Person:bernardino leon"], None);

        let linked = whole.linked(&Resolver::new());
        assert_eq!(linked.n_entities(), 2);
        let leon = linked.entity("Person:bernardino leon").expect("linked");
        assert_eq!((leon.mentions, leon.documents, leon.document), (3, 3, None));
        assert_eq!(leon.name(), "Bernardino Leon");
        let pair = linked
            .pair("Person:bernardino leon", "Person:khalifa haftar")
            .expect("both pairs counted as one");
        assert_eq!(
            (pair.sentences, pair.documents, pair.evidence.len()),
            (2, 2, 2)
        );

        // The keys tables show for each mention.
        let (_, renames) = whole.linked_with_renames(&Resolver::new());
        let shown = |index: u64, key: &str, name: &str| {
            let row = MentionRow {
                key,
                label: "Person",
                name,
                surface: name,
                sentence: Some(0),
            };
            let counted = CorpusStats::counted_key(index, &row).into_owned();
            renames.get(&counted).cloned().unwrap_or(counted)
        };
        assert_eq!(shown(1, "Person:leon", "Leon"), "Person:bernardino leon");
        assert_eq!(shown(0, "Person:haftar", "Haftar"), "Person:khalifa haftar");
        assert_eq!(
            shown(2, "Person:khalifa haftar", "Khalifa Haftar"),
            "Person:khalifa haftar"
        );

        // Partitions merged, then linked, give the same answer.
        let mut parts = CorpusStats::new();
        for (i, d) in docs.iter().enumerate().rev() {
            let mut part = CorpusStats::new();
            people(&mut part, i as u64, d);
            parts.merge(&part);
        }
        assert_eq!(parts, whole);
        assert_eq!(parts.linked(&Resolver::new()), linked);
        // The analyst's "do not merge" holds across documents too.
        let split =
            whole.linked(&Resolver::new().do_not_merge("Person:leon", "Person:bernardino leon"));
        assert!(split.entity("Person:leon#1").is_some());
        assert!(split.entity("Person:khalifa haftar").is_some());

        // A second full name ending in "Leon" makes the bare ones ambiguous.
        people(&mut whole, 3, &[("Person:maria leon", "Maria Leon", 0)]);
        assert!(whole
            .linked(&Resolver::new())
            .entity("Person:leon#1")
            .is_some());
    }
}

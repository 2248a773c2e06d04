//! Feature extraction for the tagger: each token becomes a list of hashed
//! feature keys.
//!
//! Keys are 32-bit hashes of (template, value), computed without allocating a
//! string per feature. With a few million distinct features in the training
//! data, 32 bits give a handful of collisions, which cost nothing measurable
//! (the same trade feature-hashing taggers make) and keep the model compact.

use super::super::heuristic::Lexicon;
use super::super::Mention;
use crate::fasthash::FastMap;
use crate::text::Document;

/// A fast, deterministic 64-bit hash (FxHash's multiply-rotate over 8-byte
/// chunks). Deterministic across runs and platforms, unlike std's RandomState,
/// which a saved model requires.
#[derive(Clone, Copy)]
struct Hash(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hash {
    fn new(template: u8) -> Hash {
        Hash(SEED).word(u64::from(template) + 1)
    }

    fn word(self, w: u64) -> Hash {
        Hash((self.0.rotate_left(5) ^ w).wrapping_mul(SEED))
    }

    fn bytes(mut self, bytes: &[u8]) -> Hash {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self = self.word(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        // The length separates "ab" + "" from "a" + "b" in multi-part features.
        self.word(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59))
    }

    fn str(self, s: &str) -> Hash {
        self.bytes(s.as_bytes())
    }

    fn key(self) -> u32 {
        // The high half of a multiplicative hash is its best-mixed part.
        let h = self.0 ^ (self.0 >> 29);
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
    }
}

/// The feature keys of a sentence, flat: token i's keys are
/// `keys[ends[i - 1]..ends[i]]`. One buffer per sentence instead of one per
/// token keeps allocation out of the tagging loop.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Features {
    keys: Vec<u32>,
    ends: Vec<u32>,
}

impl Features {
    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// The keys of token `i`.
    pub(crate) fn token(&self, i: usize) -> &[u32] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.keys[start..self.ends[i] as usize]
    }

    /// The keys of every token, in order.
    pub(crate) fn tokens(&self) -> impl Iterator<Item = &[u32]> {
        (0..self.len()).map(|i| self.token(i))
    }

    /// These features with `extra(i, keys)` appending more keys to token i's.
    pub(crate) fn with_extra(&self, mut extra: impl FnMut(usize, &mut Vec<u32>)) -> Features {
        let mut out = Features {
            keys: Vec::with_capacity(self.keys.len() + 4 * self.len()),
            ends: Vec::with_capacity(self.len()),
        };
        for i in 0..self.len() {
            out.keys.extend_from_slice(self.token(i));
            extra(i, &mut out.keys);
            out.ends.push(out.keys.len() as u32);
        }
        out
    }

    /// Features from explicit per-token key lists (tests).
    #[cfg(test)]
    pub(crate) fn from_lists(lists: &[Vec<u32>]) -> Features {
        let mut f = Features::default();
        for keys in lists {
            f.keys.extend_from_slice(keys);
            f.ends.push(f.keys.len() as u32);
        }
        f
    }
}

/// Where a word stands relative to the token being scored. A word's keys in each
/// role depend on the word alone, so the tagger can sum them once per word type
/// (see `rows.rs`); the remaining keys depend on word pairs or the sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// The token itself.
    Own,
    /// The token before it.
    Prev,
    /// The token after it.
    Next,
    /// Two tokens before.
    Prev2,
    /// Two tokens after.
    Next2,
}

impl Role {
    pub(crate) const ALL: [Role; 5] = [Role::Own, Role::Prev, Role::Next, Role::Prev2, Role::Next2];
}

/// A sentence's tokens with the values the templates share.
pub(crate) struct Sentence<'a> {
    pub(crate) tokens: Vec<Token<'a>>,
    lowered: String,
    caps: bool,
    /// Document keys of the tokens (`Token::doc_keys` ranges).
    doc_keys: Vec<u32>,
}

/// Per-token values computed once per sentence and shared by the templates.
/// Strings that neighbours' templates reuse are kept as 64-bit fingerprints,
/// so a context feature costs a multiply, not a pass over the bytes.
pub(crate) struct Token<'a> {
    pub(crate) word: &'a str,
    /// Fingerprint of the word as written: its `WORD` feature and its key in
    /// the tagger's row caches.
    pub(crate) word_fp: u64,
    /// Byte range of the lowercased word in the sentence's lowercase buffer.
    lower: std::ops::Range<usize>,
    lower_fp: u64,
    short_fp: u64,
    /// Fingerprint of the last three characters of the lowercased word.
    suffix_fp: u64,
    shape_fp: u64,
    given: bool,
    /// Label and BILOU position of a higher-precedence mention covering the
    /// token ("B-Location"), from the gazetteer or patterns.
    prior: Option<(char, &'a str)>,
    /// What the word's other occurrences in the document show ([`cue`] bits),
    /// for models with document features; None for words without letters.
    doc: Option<u8>,
    /// Range of this token's context-aggregation keys in `Sentence::doc_keys`.
    doc_keys: (u32, u32),
}

pub(crate) fn fingerprint(s: &str) -> u64 {
    Hash(SEED).str(s).0
}

/// Fingerprints of the word's shape ("Xxxxx", "d,ddd") and short shape, where
/// runs of one class collapse ("Xx", "d,d"). Only the first 24 characters count.
fn shape_fingerprints(word: &str, scratch: &mut String) -> (u64, u64) {
    scratch.clear();
    let mut short = Hash(SEED);
    let mut short_len = 0u64;
    let mut last = None;
    for c in word.chars().take(24) {
        let s = shape_char(c);
        scratch.push(s);
        if last != Some(s) {
            short = short.word(u64::from(s));
            short_len += 1;
            last = Some(s);
        }
    }
    (fingerprint(scratch), short.word(short_len).0)
}

fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        c
    }
}

/// The word's last three characters (all of it when shorter).
fn suffix3(lower: &str) -> &str {
    let start = lower.char_indices().rev().nth(2).map_or(0, |(b, _)| b);
    &lower[start..]
}

/// Headlines and datelines are often in capitals, where shape says nothing:
/// such sentences are flagged so the model can weigh shape features differently.
fn is_caps_sentence<'a>(words: impl Iterator<Item = &'a str>) -> bool {
    let (mut letters, mut upper) = (0usize, 0usize);
    for w in words.filter(|w| w.chars().any(char::is_alphabetic)) {
        letters += 1;
        upper += usize::from(!w.chars().any(char::is_lowercase));
    }
    letters >= 3 && upper * 10 >= letters * 8
}

fn key(template: u8, parts: &[u64]) -> u32 {
    parts
        .iter()
        .fold(Hash::new(template), |h, &p| h.word(p))
        .key()
}

impl<'a> Sentence<'a> {
    /// Tokens `range` of `doc`; `prior` the mentions of higher-precedence
    /// sources, sorted by start.
    pub(crate) fn new(
        doc: &'a Document,
        range: std::ops::Range<usize>,
        prior: &'a [Mention],
        lexicon: &Lexicon,
    ) -> Sentence<'a> {
        let mut lowered = String::new();
        let mut scratch = String::new();
        let tokens: Vec<Token> = range
            .map(|i| {
                let t = doc.tokens[i];
                let word = &doc.text[t.start..t.end];
                let from = lowered.len();
                if word.is_ascii() {
                    lowered.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
                } else {
                    lowered.push_str(&word.to_lowercase());
                }
                let lower = &lowered[from..];
                let (shape_fp, short_fp) = shape_fingerprints(word, &mut scratch);
                Token {
                    word,
                    word_fp: fingerprint(word),
                    lower_fp: fingerprint(lower),
                    suffix_fp: fingerprint(suffix3(lower)),
                    given: lexicon.is_given_lower(lower),
                    lower: from..lowered.len(),
                    shape_fp,
                    short_fp,
                    prior: prior_tag(prior, t.start, t.end),
                    doc: None,
                    doc_keys: (0, 0),
                }
            })
            .collect();
        let caps = is_caps_sentence(tokens.iter().map(|x| x.word));
        Sentence {
            tokens,
            lowered,
            caps,
            doc_keys: Vec::new(),
        }
    }

    /// Number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The token at `i`, None outside the sentence.
    fn at(&self, i: isize) -> Option<&Token<'a>> {
        usize::try_from(i).ok().and_then(|i| self.tokens.get(i))
    }

    fn lower(&self, i: usize) -> &str {
        &self.lowered[self.tokens[i].lower.clone()]
    }

    /// The keys token `i` contributes in `role`, relative to the token scored.
    pub(crate) fn role_keys(&self, i: usize, role: Role, lexicon: &Lexicon, f: &mut Vec<u32>) {
        let x = &self.tokens[i];
        match role {
            Role::Own => self.own_keys(i, lexicon, f),
            Role::Prev => neighbour_keys(role, x.lower_fp, x.short_fp, x.suffix_fp, f),
            Role::Next => neighbour_keys(role, x.lower_fp, x.short_fp, x.suffix_fp, f),
            Role::Prev2 | Role::Next2 => neighbour_keys(role, x.lower_fp, 0, 0, f),
        }
    }

    fn own_keys(&self, i: usize, lexicon: &Lexicon, f: &mut Vec<u32>) {
        let info = &self.tokens[i];
        let l = self.lower(i);
        f.push(Hash::new(t::BIAS).key());
        f.push(key(t::LOWER, &[info.lower_fp]));
        f.push(key(t::WORD, &[info.word_fp]));
        f.push(key(t::SHAPE, &[info.shape_fp]));
        f.push(key(t::SHORT_SHAPE, &[info.short_fp]));
        // Prefixes and suffixes of 1 to 4 chars, cut on char boundaries.
        let mut ends = l.char_indices().map(|(b, _)| b).skip(1).chain([l.len()]);
        let mut starts = l.char_indices().rev().map(|(b, _)| b);
        for k in 1..=4u64 {
            let (Some(end), Some(start)) = (ends.next(), starts.next()) else {
                break;
            };
            f.push(Hash::new(t::PREFIX).word(k).str(&l[..end]).key());
            f.push(Hash::new(t::SUFFIX).word(k).str(&l[start..]).key());
        }
        if lexicon.is_common_lower(l) {
            f.push(key(t::COMMON_WORD, &[info.short_fp]));
        }
        if info.given {
            f.push(Hash::new(t::GIVEN_NAME).key());
        }
    }

    /// Keys of token `i` that depend on more than one word or on the sentence.
    pub(crate) fn context_keys(&self, i: usize, f: &mut Vec<u32>) {
        let ii = i as isize;
        let info = &self.tokens[i];
        let lower = |j: isize| self.at(j).map_or_else(|| boundary(j), |x| x.lower_fp);
        let short = |j: isize| self.at(j).map_or_else(|| boundary(j), |x| x.short_fp);
        f.push(key(t::BIGRAM_PREV, &[lower(ii - 1), info.lower_fp]));
        f.push(key(t::BIGRAM_NEXT, &[info.lower_fp, lower(ii + 1)]));
        f.push(key(
            t::SHAPE_TRIGRAM,
            &[short(ii - 1), info.short_fp, short(ii + 1)],
        ));
        f.push(key(t::LOWER_SHAPE_NEXT, &[info.lower_fp, short(ii + 1)]));
        f.push(key(t::SHAPE_PREV2, &[short(ii - 2), short(ii - 1)]));
        if i == 0 {
            f.push(key(t::FIRST_IN_SENTENCE, &[info.short_fp]));
        }
        if self.caps {
            f.push(Hash::new(t::CAPS_SENTENCE).key());
            f.push(key(t::CAPS_SENTENCE, &[info.lower_fp]));
        }
        if i > 0 && self.tokens[i - 1].given {
            f.push(key(t::GIVEN_PREV, &[info.short_fp]));
        }
        if let Some(bits) = info.doc {
            f.push(key(t::DOC_CUES, &[u64::from(bits)]));
            f.push(key(t::DOC_CUES_SHAPE, &[u64::from(bits), info.short_fp]));
        }
        let (a, b) = info.doc_keys;
        f.extend_from_slice(&self.doc_keys[a as usize..b as usize]);
        let prior_at = |j: isize| self.at(j).and_then(|x| x.prior);
        for (template, p) in [
            (t::PRIOR, info.prior),
            (t::PRIOR_PREV, prior_at(ii - 1)),
            (t::PRIOR_NEXT, prior_at(ii + 1)),
        ] {
            if let Some((pos, label)) = p {
                f.push(Hash::new(template).word(pos as u64).str(label).key());
                f.push(Hash::new(template).str(label).key());
            }
        }
    }
}

/// Case cues of one occurrence of a word, read by the document features. A word
/// capitalised at a sentence start or in a headline says little; the same word
/// lowercase, or capitalised mid-sentence, or inside a longer capitalised name
/// elsewhere in the story says much (Ratinov and Roth 2009; Krishnan and
/// Manning 2006).
mod cue {
    /// Lowercase, in a sentence not in capitals.
    pub const LOWER: u8 = 1;
    /// Capitalised, mixed case, not first in its sentence.
    pub const TITLE_MID: u8 = 2;
    /// All capitals, two letters or more, in a sentence not in capitals.
    pub const CAPS: u8 = 4;
    /// First, inner and last word of a run of capitalised words.
    pub const RUN_FIRST: u8 = 8;
    pub const RUN_INNER: u8 = 16;
    pub const RUN_LAST: u8 = 32;
    pub const COUNT: usize = 6;
}

impl Sentence<'_> {
    /// The [`cue`] bits of token `i`'s occurrence.
    fn cues(&self, i: usize) -> u8 {
        if self.caps {
            return 0;
        }
        let word = self.tokens[i].word;
        let capitalised = |j: usize| {
            self.tokens
                .get(j)
                .and_then(|x| x.word.chars().next())
                .is_some_and(char::is_uppercase)
        };
        let Some(first) = word.chars().next() else {
            return 0;
        };
        let mut bits = 0;
        let has_lower = word.chars().any(char::is_lowercase);
        if first.is_lowercase() {
            bits |= cue::LOWER;
        } else if first.is_uppercase() {
            if has_lower && i > 0 {
                bits |= cue::TITLE_MID;
            }
            if !has_lower && word.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                bits |= cue::CAPS;
            }
            let (left, right) = (i > 0 && capitalised(i - 1), capitalised(i + 1));
            bits |= match (left, right) {
                (false, true) => cue::RUN_FIRST,
                (true, true) => cue::RUN_INNER,
                (true, false) => cue::RUN_LAST,
                (false, false) => 0,
            };
        }
        bits
    }
}

/// Sets each token's document cues: which [`cue`]s the other occurrences of its
/// lowercased word in `sentences` (one whole document) show. Words without
/// letters get none.
pub(crate) fn add_document_cues(sentences: &mut [Sentence<'_>]) {
    type Counts = [u16; cue::COUNT];
    let mut counts: FastMap<u64, Counts> = FastMap::default();
    let own: Vec<Vec<u8>> = sentences
        .iter()
        .map(|s| (0..s.len()).map(|i| s.cues(i)).collect())
        .collect();
    for (s, cues) in sentences.iter().zip(&own) {
        for (x, &c) in s.tokens.iter().zip(cues) {
            let e = counts.entry(x.lower_fp).or_default();
            for (k, n) in e.iter_mut().enumerate() {
                *n = n.saturating_add(u16::from(c >> k & 1));
            }
        }
    }
    for (s, cues) in sentences.iter_mut().zip(&own) {
        for (x, &c) in s.tokens.iter_mut().zip(cues) {
            if !x.word.chars().any(char::is_alphabetic) {
                continue;
            }
            let e = &counts[&x.lower_fp];
            let others = (0..cue::COUNT)
                .filter(|&k| e[k] > u16::from(c >> k & 1))
                .fold(0u8, |b, k| b | 1 << k);
            x.doc = Some(others);
        }
    }
    aggregate_contexts(sentences);
}

/// At most this many other occurrences of a word lend it their contexts.
const MAX_AGGREGATED: usize = 8;

/// Context aggregation: a capitalised word gets the words before and after
/// its other occurrences in the document as keys.
fn aggregate_contexts(sentences: &mut [Sentence<'_>]) {
    let capitalised = |x: &Token| x.word.chars().next().is_some_and(char::is_uppercase);
    // Occurrences of capitalised words: (sentence, token).
    let mut seen: FastMap<u64, Vec<(u32, u32)>> = FastMap::default();
    for (k, s) in sentences.iter().enumerate() {
        for (i, x) in s.tokens.iter().enumerate() {
            if capitalised(x) {
                seen.entry(x.lower_fp)
                    .or_default()
                    .push((k as u32, i as u32));
            }
        }
    }
    let around = |sentences: &[Sentence], k: u32, i: u32| {
        let s = &sentences[k as usize];
        let i = i as isize;
        let lower = |j: isize| s.at(j).map_or_else(|| boundary(j), |x| x.lower_fp);
        (lower(i - 1), lower(i + 1))
    };
    for k in 0..sentences.len() {
        let mut keys = Vec::new();
        let mut ranges = Vec::with_capacity(sentences[k].len());
        for i in 0..sentences[k].len() {
            let start = keys.len() as u32;
            let x = &sentences[k].tokens[i];
            if capitalised(x) {
                let others = seen[&x.lower_fp]
                    .iter()
                    .filter(|&&o| o != (k as u32, i as u32))
                    .take(MAX_AGGREGATED);
                for &(ok, oi) in others {
                    let (prev, next) = around(sentences, ok, oi);
                    keys.push(key(t::AGG_PREV, &[prev]));
                    keys.push(key(t::AGG_NEXT, &[next]));
                }
                keys[start as usize..].sort_unstable();
                let mut n = start as usize;
                for j in start as usize..keys.len() {
                    if j == start as usize || keys[j] != keys[n - 1] {
                        keys[n] = keys[j];
                        n += 1;
                    }
                }
                keys.truncate(n);
            }
            ranges.push((start, keys.len() as u32));
        }
        let s = &mut sentences[k];
        s.doc_keys = keys;
        for (x, r) in s.tokens.iter_mut().zip(ranges) {
            x.doc_keys = r;
        }
    }
}

/// The fingerprint standing for a position outside the sentence.
fn boundary(i: isize) -> u64 {
    fingerprint(if i < 0 { BOS } else { EOS })
}

/// Keys of a neighbouring word in `role`, from its fingerprints. Also used for
/// the sentence boundaries, whose fingerprints are all [`boundary`]'s.
pub(crate) fn neighbour_keys(role: Role, lower: u64, short: u64, suffix: u64, f: &mut Vec<u32>) {
    match role {
        Role::Own => {}
        Role::Prev => {
            f.push(key(t::LOWER_PREV, &[lower]));
            f.push(key(t::SHAPE_PREV, &[short]));
            f.push(key(t::SUFFIX_PREV, &[suffix]));
        }
        Role::Next => {
            f.push(key(t::LOWER_NEXT, &[lower]));
            f.push(key(t::SHAPE_NEXT, &[short]));
            f.push(key(t::SUFFIX_NEXT, &[suffix]));
        }
        Role::Prev2 => f.push(key(t::LOWER_PREV2, &[lower])),
        Role::Next2 => f.push(key(t::LOWER_NEXT2, &[lower])),
    }
}

/// Keys of the sentence boundary standing in `role` (before the first token or
/// after the last).
pub(crate) fn boundary_keys(role: Role, f: &mut Vec<u32>) {
    let side = match role {
        Role::Prev | Role::Prev2 => -1,
        _ => 1,
    };
    let fp = boundary(side);
    neighbour_keys(role, fp, fp, fp, f);
}

/// The offset of the word standing in `role` from the token scored.
pub(crate) fn offset(role: Role) -> isize {
    match role {
        Role::Own => 0,
        Role::Prev => -1,
        Role::Next => 1,
        Role::Prev2 => -2,
        Role::Next2 => 2,
    }
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Feature templates. The numbers are part of the model format: renumbering
/// them invalidates trained models, so new templates get new numbers.
mod t {
    pub const BIAS: u8 = 0;
    pub const LOWER: u8 = 1;
    pub const WORD: u8 = 2;
    pub const SHAPE: u8 = 3;
    pub const SHORT_SHAPE: u8 = 4;
    pub const PREFIX: u8 = 5;
    pub const SUFFIX: u8 = 6;
    pub const LOWER_PREV: u8 = 7;
    pub const LOWER_NEXT: u8 = 8;
    pub const LOWER_PREV2: u8 = 9;
    pub const LOWER_NEXT2: u8 = 10;
    pub const SHAPE_PREV: u8 = 11;
    pub const SHAPE_NEXT: u8 = 12;
    pub const BIGRAM_PREV: u8 = 13;
    pub const BIGRAM_NEXT: u8 = 14;
    pub const SHAPE_TRIGRAM: u8 = 15;
    pub const FIRST_IN_SENTENCE: u8 = 16;
    pub const COMMON_WORD: u8 = 17;
    pub const GIVEN_NAME: u8 = 18;
    pub const PRIOR: u8 = 19;
    pub const PRIOR_PREV: u8 = 20;
    pub const PRIOR_NEXT: u8 = 21;
    pub const GIVEN_PREV: u8 = 22;
    pub const LOWER_SHAPE_NEXT: u8 = 23;
    pub const CAPS_SENTENCE: u8 = 24;
    pub const SUFFIX_PREV: u8 = 25;
    pub const SUFFIX_NEXT: u8 = 26;
    pub const SHAPE_PREV2: u8 = 27;
    pub const DOC_CUES: u8 = 28;
    pub const DOC_CUES_SHAPE: u8 = 29;
    pub const AGG_PREV: u8 = 30;
    pub const AGG_NEXT: u8 = 31;
    pub const HISTORY_MAJORITY: u8 = 32;
    pub const HISTORY_ANY: u8 = 33;
}

/// Feature keys for every token of one sentence, flat (training and tests;
/// tagging sums the same keys by word type, see `rows.rs`). `tokens` is the
/// sentence's token index range in `doc`; `prior` the mentions of
/// higher-precedence sources, sorted by start.
#[cfg(test)]
pub(crate) fn sentence_features(
    doc: &Document,
    tokens: std::ops::Range<usize>,
    prior: &[Mention],
    lexicon: &Lexicon,
) -> Features {
    features_of(&Sentence::new(doc, tokens, prior, lexicon), lexicon)
}

/// Feature keys of every sentence of `doc`, with document cues when `cues`.
pub(crate) fn document_features(
    doc: &Document,
    prior: &[Mention],
    lexicon: &Lexicon,
    cues: bool,
) -> Vec<(Features, Vec<u64>)> {
    let mut sentences: Vec<Sentence> = doc
        .sentences
        .iter()
        .map(|s| Sentence::new(doc, s.tokens.clone(), prior, lexicon))
        .collect();
    if cues {
        add_document_cues(&mut sentences);
    }
    sentences
        .iter()
        .map(|s| (features_of(s, lexicon), s.tracked()))
        .collect()
}

/// The labels given to each capitalised word in the document's earlier
/// sentences ("extended prediction history", Ratinov and Roth 2009): a team
/// tagged ORG in a match report's lead pulls towards ORG in its table. Keys:
/// each label seen, and the majority label (O included).
#[derive(Default)]
pub(crate) struct History {
    counts: FastMap<u64, Vec<u16>>,
}

impl History {
    /// Appends the history keys of word `fp` (0: not tracked).
    pub(crate) fn keys(&self, fp: u64, f: &mut Vec<u32>) {
        if fp == 0 {
            return;
        }
        let Some(counts) = self.counts.get(&fp) else {
            return;
        };
        let mut best = 0;
        for (l, &n) in counts.iter().enumerate() {
            if n > counts[best] {
                best = l;
            }
            if l > 0 && n > 0 {
                f.push(key(t::HISTORY_ANY, &[l as u64]));
            }
        }
        f.push(key(t::HISTORY_MAJORITY, &[best as u64]));
    }

    /// Records that word `fp` (0: not tracked) got label index + 1 `label`
    /// (0 is O) of `n_labels`.
    pub(crate) fn record(&mut self, fp: u64, label: usize, n_labels: usize) {
        if fp == 0 {
            return;
        }
        let counts = self
            .counts
            .entry(fp)
            .or_insert_with(|| vec![0; n_labels + 1]);
        counts[label] = counts[label].saturating_add(1);
    }
}

impl Sentence<'_> {
    /// Per token, the fingerprint of a capitalised word the [`History`]
    /// tracks, else 0.
    pub(crate) fn tracked(&self) -> Vec<u64> {
        self.tokens
            .iter()
            .map(|x| {
                if x.word.chars().next().is_some_and(char::is_uppercase) {
                    x.lower_fp
                } else {
                    0
                }
            })
            .collect()
    }
}

fn features_of(sentence: &Sentence<'_>, lexicon: &Lexicon) -> Features {
    let n = sentence.len();
    let mut out = Features {
        keys: Vec::with_capacity(n * 36),
        ends: Vec::with_capacity(n),
    };
    for i in 0..n {
        for role in Role::ALL {
            match usize::try_from(i as isize + offset(role)) {
                Ok(j) if j < n => sentence.role_keys(j, role, lexicon, &mut out.keys),
                _ => boundary_keys(role, &mut out.keys),
            }
        }
        sentence.context_keys(i, &mut out.keys);
        out.ends.push(out.keys.len() as u32);
    }
    out
}

/// The BILOU position and label of the prior mention covering byte span
/// `start..end`, if any.
fn prior_tag(prior: &[Mention], start: usize, end: usize) -> Option<(char, &str)> {
    let i = prior.partition_point(|m| m.end <= start);
    let m = prior.get(i)?;
    if m.start >= end {
        return None;
    }
    let pos = match (m.start >= start, m.end <= end) {
        (true, true) => 'U',
        (true, false) => 'B',
        (false, true) => 'L',
        (false, false) => 'I',
    };
    Some((pos, m.label.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_distinct() {
        // Saved models depend on these values never changing.
        assert_eq!(
            Hash::new(t::LOWER).str("libya").key(),
            Hash::new(t::LOWER).str("libya").key()
        );
        assert_ne!(
            Hash::new(t::LOWER).str("ab").key(),
            Hash::new(t::LOWER).str("ba").key()
        );
        assert_ne!(
            Hash::new(t::BIGRAM_PREV).str("ab").str("").key(),
            Hash::new(t::BIGRAM_PREV).str("a").str("b").key()
        );
        assert_ne!(
            Hash::new(t::LOWER).str("x").key(),
            Hash::new(t::WORD).str("x").key()
        );
    }

    #[test]
    fn shapes_of_words() {
        let mut scratch = String::new();
        let mut shape = |w: &str| {
            let fps = shape_fingerprints(w, &mut scratch);
            (scratch.clone(), fps)
        };
        let (haftar, haftar_fp) = shape("Haftar");
        assert_eq!(haftar, "Xxxxxx");
        assert_eq!(haftar_fp.0, fingerprint("Xxxxxx"));
        // Same short shape ("Xx"), different full shapes.
        let (_, leon_fp) = shape("Leon");
        assert_eq!(leon_fp.1, haftar_fp.1);
        assert_ne!(leon_fp.0, haftar_fp.0);
        assert_eq!(shape("Zürich").0, "Xxxxxx");
        assert_eq!(shape("U.S.").0, "X.X.");
        assert_eq!(shape("1,000").0, "d,ddd");
        assert_ne!(shape("1,000").1 .1, shape("1.000").1 .1);
        assert_ne!(shape("Xx").1 .1, shape("Xxx.").1 .1);
    }

    #[test]
    fn caps_sentences() {
        assert!(is_caps_sentence(
            ["LIBYA", "CLASHES", "IN", "TRIPOLI"].into_iter()
        ));
        assert!(!is_caps_sentence(["Clashes", "in", "TRIPOLI"].into_iter()));
        assert!(!is_caps_sentence(["UN", "42"].into_iter()));
    }

    #[test]
    fn history_keys_name_the_labels_seen() {
        let mut h = History::default();
        let mut keys = Vec::new();
        h.keys(7, &mut keys);
        assert!(keys.is_empty(), "an unseen word has no history");
        for label in [2, 2, 0, 1] {
            h.record(7, label, 3);
        }
        h.record(0, 1, 3); // untracked: ignored
        h.keys(7, &mut keys);
        assert_eq!(
            keys,
            [
                key(t::HISTORY_ANY, &[1]),
                key(t::HISTORY_ANY, &[2]),
                key(t::HISTORY_MAJORITY, &[2]),
            ]
        );
        keys.clear();
        h.keys(0, &mut keys);
        assert!(keys.is_empty());
    }

    #[test]
    fn document_cues_come_from_other_occurrences() {
        let doc = Document::from_sentences(&[
            vec!["JAPAN", "BEAT", "SYRIA"],
            vec!["Japan", "beat", "Syria", "in", "Al", "Ain", "."],
            vec!["Ain", "said", "japan", "won", "."],
        ]);
        let lexicon = Lexicon::new();
        let mut sentences: Vec<Sentence> = doc
            .sentences
            .iter()
            .map(|s| Sentence::new(&doc, s.tokens.clone(), &[], &lexicon))
            .collect();
        add_document_cues(&mut sentences);
        let doc_of = |k: usize, i: usize| sentences[k].tokens[i].doc;
        // The headline's "JAPAN": sentence-initial "Japan" shows nothing,
        // "japan" lowercase does.
        assert_eq!(doc_of(0, 0), Some(cue::LOWER));
        // "Syria" (mid-sentence, alone) lends "SYRIA" its case; the headline
        // lends nothing.
        assert_eq!(doc_of(0, 2), Some(cue::TITLE_MID));
        assert_eq!(doc_of(1, 2), Some(0));
        // "Ain" is last in "Al Ain" mid-sentence; opening "Ain said" shows nothing.
        assert_eq!(doc_of(2, 0), Some(cue::TITLE_MID | cue::RUN_LAST));
        assert_eq!(doc_of(1, 5), Some(0));
        assert_eq!(doc_of(1, 6), None, "no letters, no cues");
        // Context aggregation: "Ain" in sentence 2 gets "al" before and "."
        // after its other occurrence; a lowercase word gets none.
        let keys = |k: usize, i: usize| {
            let (a, b) = sentences[k].tokens[i].doc_keys;
            sentences[k].doc_keys[a as usize..b as usize].to_vec()
        };
        let mut want = vec![
            key(t::AGG_PREV, &[fingerprint("al")]),
            key(t::AGG_NEXT, &[fingerprint(".")]),
        ];
        want.sort_unstable();
        assert_eq!(keys(2, 0), want);
        assert!(keys(2, 2).is_empty());
    }

    #[test]
    fn features_per_token() {
        let doc = Document::from_words(&["Haftar", "met", "Leon"]);
        let f = sentence_features(&doc, 0..3, &[], &Lexicon::new());
        assert_eq!(f.len(), 3);
        assert!(f.tokens().all(|keys| keys.len() > 20));
        // "Haftar" and "Leon" share a shape but not a word.
        assert_ne!(f.token(0), f.token(2));
        let common = f.token(0).iter().filter(|k| f.token(2).contains(k)).count();
        assert!(common >= 2, "bias and short shape at least: {common}");
        // the same word in the same context gives the same keys
        let again = sentence_features(&doc, 0..3, &[], &Lexicon::new());
        assert_eq!(f, again);
    }
}

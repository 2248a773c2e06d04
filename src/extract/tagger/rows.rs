//! Emission scores summed by word type, for tagging.
//!
//! Most of a token's feature keys depend on one word only: the token's own
//! (word, shape, affixes) and those its neighbours contribute (the word before,
//! its shape...). Words recur, so the tagger sums each distinct word's keys once
//! per [`Role`] into a dense row and adds rows per token, looking up only the
//! few keys that depend on word pairs or the sentence. Looking keys up is the
//! tagger's main cost (each one a likely cache miss), so this saves most of it.
//!
//! Rows come from two caches: [`SharedRows`], built once per model for the
//! lexicon's words and punctuation (the bulk of running text), and a
//! per-document [`RowCache`] for the rest. Either way a row is the same sum in
//! the same order, so scores do not depend on which cache served them.
//! Training sums the same keys one by one (`Features`); the rows give the same
//! scores up to float rounding order.

use super::features::{boundary_keys, fingerprint, offset, Role, Sentence};
use super::model::TaggerModel;
use crate::extract::heuristic::Lexicon;
use crate::text::Document;

const ROLES: usize = Role::ALL.len();

/// Word fingerprint ([`Token::word_fp`](super::features::Token)) → type number.
/// Keying by the 64-bit fingerprint rather than the text saves hashing every
/// token's bytes twice (shared map, then the document's); two words sharing a
/// fingerprint, about one chance in 10^13 per document, would share rows.
type WordMap = crate::fasthash::FastMap<u64, u32>;

/// Punctuation and clitics frequent in news text, cached with the lexicon.
const FREQUENT_TOKENS: &[&str] = &[
    ".", ",", ";", ":", "'", "\"", "(", ")", "-", "--", "–", "—", "?", "!", "'s", "’s", "“", "”",
    "‘", "’", "/", "%", "$", "&",
];

/// Sums the rows of sentence token `i` in every role into `out` (`ROLES × t`).
fn sum_rows(
    model: &TaggerModel,
    sentence: &Sentence<'_>,
    i: usize,
    lexicon: &Lexicon,
    keys: &mut Vec<u32>,
    out: &mut [f32],
) {
    let t = model.n_tags();
    for (role, row) in Role::ALL.iter().zip(out.chunks_exact_mut(t)) {
        keys.clear();
        sentence.role_keys(i, *role, lexicon, keys);
        model.add_keys(row, keys);
    }
}

/// Rows of frequent words and of the sentence boundaries, shared by every
/// document a tagger reads.
#[derive(Debug)]
pub(crate) struct SharedRows {
    types: WordMap,
    rows: Vec<f32>,
    /// The sentence boundary's rows, one per role (the `Own` row stays zero).
    boundary: Vec<f32>,
}

impl SharedRows {
    /// Only the boundary rows: no word is shared.
    pub(crate) fn boundary_only(model: &TaggerModel) -> SharedRows {
        let t = model.n_tags();
        let mut boundary = vec![0.0; ROLES * t];
        let mut keys = Vec::new();
        for (role, row) in Role::ALL.iter().zip(boundary.chunks_exact_mut(t)) {
            keys.clear();
            boundary_keys(*role, &mut keys);
            model.add_keys(row, &keys);
        }
        SharedRows {
            types: WordMap::default(),
            rows: Vec::new(),
            boundary,
        }
    }

    /// Rows for the lexicon's words, lowercase and capitalised, and for
    /// [`FREQUENT_TOKENS`].
    pub(crate) fn build(model: &TaggerModel, lexicon: &Lexicon) -> SharedRows {
        let mut words: Vec<String> = FREQUENT_TOKENS.iter().map(|w| w.to_string()).collect();
        for w in lexicon.words() {
            let mut chars = w.chars();
            let capitalised: String = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
            if capitalised != w {
                words.push(capitalised);
            }
            words.push(w.to_string());
        }
        // Deterministic ids whatever the lexicon's set order.
        words.sort_unstable();
        words.dedup();
        let t = model.n_tags();
        let mut shared = SharedRows::boundary_only(model);
        shared.rows = vec![0.0; words.len() * ROLES * t];
        let mut keys = Vec::new();
        for (k, (word, out)) in words
            .iter()
            .zip(shared.rows.chunks_exact_mut(ROLES * t))
            .enumerate()
        {
            let doc = Document::from_words(&[word.as_str()]);
            let sentence = Sentence::new(&doc, 0..1, &[], lexicon);
            sum_rows(model, &sentence, 0, lexicon, &mut keys, out);
            shared.types.insert(fingerprint(word), k as u32);
        }
        shared
    }

    /// Number of word types cached.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.types.len()
    }
}

/// Where a token's rows are: in the shared cache or the document's.
#[derive(Clone, Copy)]
enum TypeRef {
    Shared(u32),
    Local(u32),
}

/// The largest row buffer kept for the next document: 16 MB, the rows of about
/// 16,000 distinct words the lexicon does not know.
const KEPT_ROWS_BYTES: usize = 16 << 20;

/// Whether a row buffer is small enough to keep for the next document.
fn worth_keeping(rows: &Vec<f32>) -> bool {
    rows.capacity() * std::mem::size_of::<f32>() <= KEPT_ROWS_BYTES
}

/// The buffers of a [`RowCache`], kept between documents so that each one
/// does not grow its map and rows from nothing again (a tenth of the
/// tagger's time went to allocating and page faults).
#[derive(Default)]
pub(crate) struct RowBuffers {
    types: WordMap,
    rows: Vec<f32>,
    keys: Vec<u32>,
}

/// Per-document cache of word-type rows, in front of the shared one.
pub(crate) struct RowCache<'d> {
    t: usize,
    shared: &'d SharedRows,
    types: WordMap,
    /// `types × ROLES × t`: the row of type k in role r starts at `(k × ROLES + r) × t`.
    rows: Vec<f32>,
    keys: Vec<u32>,
}

impl<'d> RowCache<'d> {
    #[cfg(test)]
    pub(crate) fn new(model: &TaggerModel, shared: &'d SharedRows) -> RowCache<'d> {
        RowCache::with_buffers(model, shared, RowBuffers::default())
    }

    /// An empty cache over `buffers` (cleared; their capacity is reused).
    pub(crate) fn with_buffers(
        model: &TaggerModel,
        shared: &'d SharedRows,
        mut buffers: RowBuffers,
    ) -> RowCache<'d> {
        buffers.types.clear();
        buffers.rows.clear();
        RowCache {
            t: model.n_tags(),
            shared,
            types: buffers.types,
            rows: buffers.rows,
            keys: buffers.keys,
        }
    }

    /// The buffers, for the next document; none after a document whose rows
    /// grew past [`KEPT_ROWS_BYTES`], so that one huge document does not hold its
    /// memory in every thread that tagged it.
    pub(crate) fn into_buffers(self) -> RowBuffers {
        if !worth_keeping(&self.rows) {
            return RowBuffers::default();
        }
        RowBuffers {
            types: self.types,
            rows: self.rows,
            keys: self.keys,
        }
    }

    /// Where the rows of token `i` are, summing them on first sight.
    fn type_of(
        &mut self,
        model: &TaggerModel,
        sentence: &Sentence<'d>,
        i: usize,
        lexicon: &Lexicon,
    ) -> TypeRef {
        let word = sentence.tokens[i].word_fp;
        if let Some(&k) = self.shared.types.get(&word) {
            return TypeRef::Shared(k);
        }
        if let Some(&k) = self.types.get(&word) {
            return TypeRef::Local(k);
        }
        let k = self.types.len();
        self.types.insert(word, k as u32);
        let size = ROLES * self.t;
        self.rows.resize((k + 1) * size, 0.0);
        let out = &mut self.rows[k * size..];
        sum_rows(model, sentence, i, lexicon, &mut self.keys, out);
        TypeRef::Local(k as u32)
    }

    fn row(&self, of: TypeRef, role: Role) -> &[f32] {
        let (rows, k) = match of {
            TypeRef::Shared(k) => (&self.shared.rows, k),
            TypeRef::Local(k) => (&self.rows, k),
        };
        let start = (k as usize * ROLES + role as usize) * self.t;
        &rows[start..start + self.t]
    }

    /// Emission scores of the sentence, `n × t` row-major.
    pub(crate) fn emissions(
        &mut self,
        model: &TaggerModel,
        sentence: &Sentence<'d>,
        lexicon: &Lexicon,
    ) -> Vec<f32> {
        let n = sentence.len();
        let t = self.t;
        let ids: Vec<TypeRef> = (0..n)
            .map(|i| self.type_of(model, sentence, i, lexicon))
            .collect();
        let mut scores = vec![0.0f32; n * t];
        for (i, out) in scores.chunks_exact_mut(t).enumerate() {
            for role in Role::ALL {
                let source = match usize::try_from(i as isize + offset(role)) {
                    Ok(j) if j < n => self.row(ids[j], role),
                    _ => &self.shared.boundary[role as usize * t..][..t],
                };
                for (o, s) in out.iter_mut().zip(source) {
                    *o += s;
                }
            }
            self.keys.clear();
            sentence.context_keys(i, &mut self.keys);
            model.add_keys(out, &self.keys);
        }
        scores
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_modest_buffers_are_kept() {
        assert!(worth_keeping(&Vec::with_capacity(1000)));
        assert!(!worth_keeping(&Vec::with_capacity(KEPT_ROWS_BYTES / 4 + 1)));
    }
}

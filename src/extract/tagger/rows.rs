//! Emission scores summed by word type, for tagging.
//!
//! Most of a token's feature keys depend on one word only: the token's own
//! (word, shape, affixes) and those its neighbours contribute (the word before,
//! its shape...). Within a document the same words recur, so the tagger sums
//! each distinct word's keys once per [`Role`] into a dense row and adds rows
//! per token, looking up only the few keys that depend on word pairs or the
//! sentence. Looking keys up is the tagger's main cost (each one a likely cache
//! miss), so this saves most of it. Training sums the same keys one by one
//! (`Features`); the rows give the same scores up to float rounding order.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::features::{boundary_keys, offset, Role, Sentence};
use super::model::{KeyHasher, TaggerModel};
use crate::extract::heuristic::Lexicon;

const ROLES: usize = Role::ALL.len();

/// Per-document cache of word-type rows.
pub(crate) struct RowCache<'d> {
    t: usize,
    types: HashMap<&'d str, u32, BuildHasherDefault<KeyHasher>>,
    /// `types × ROLES × t`: the row of type k in role r starts at `(k × ROLES + r) × t`.
    rows: Vec<f32>,
    /// The sentence boundary's rows, one per role (the `Own` row stays zero).
    boundary: Vec<f32>,
    keys: Vec<u32>,
}

impl<'d> RowCache<'d> {
    pub(crate) fn new(model: &TaggerModel) -> RowCache<'d> {
        let t = model.n_tags();
        let mut boundary = vec![0.0; ROLES * t];
        let mut keys = Vec::new();
        for (role, row) in Role::ALL.iter().zip(boundary.chunks_exact_mut(t)) {
            keys.clear();
            boundary_keys(*role, &mut keys);
            model.add_keys(row, &keys);
        }
        RowCache {
            t,
            types: HashMap::default(),
            rows: Vec::new(),
            boundary,
            keys,
        }
    }

    /// The type id of token `i`, summing its rows on first sight.
    fn type_of(
        &mut self,
        model: &TaggerModel,
        sentence: &Sentence<'d>,
        i: usize,
        lexicon: &Lexicon,
    ) -> usize {
        let word = sentence.tokens[i].word;
        if let Some(&k) = self.types.get(word) {
            return k as usize;
        }
        let k = self.types.len();
        self.types.insert(word, k as u32);
        let t = self.t;
        self.rows.resize((k + 1) * ROLES * t, 0.0);
        let rows = &mut self.rows[k * ROLES * t..];
        for (role, row) in Role::ALL.iter().zip(rows.chunks_exact_mut(t)) {
            self.keys.clear();
            sentence.role_keys(i, *role, lexicon, &mut self.keys);
            model.add_keys(row, &self.keys);
        }
        k
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
        let ids: Vec<usize> = (0..n)
            .map(|i| self.type_of(model, sentence, i, lexicon))
            .collect();
        let mut scores = vec![0.0f32; n * t];
        for (i, out) in scores.chunks_exact_mut(t).enumerate() {
            for role in Role::ALL {
                let r = role as usize;
                let source = match usize::try_from(i as isize + offset(role)) {
                    Ok(j) if j < n => &self.rows[(ids[j] * ROLES + r) * t..][..t],
                    _ => &self.boundary[r * t..][..t],
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

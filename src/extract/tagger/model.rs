//! The tagger's model: hashed feature weights per BILOU tag, tag transitions,
//! and Viterbi decoding under BILOU constraints.
//!
//! Why a structured averaged perceptron with Viterbi: it trains in minutes on a
//! million tokens with no hyperparameters beyond the epoch count, decodes in
//! linear time, and is fully deterministic. Rich sparse features (words,
//! shapes, affixes, context, gazetteer hits) carry most of the accuracy; a
//! linear-chain CRF would add calibrated marginals at several times the
//! training cost.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::extract::Label;

/// Hasher for keys that are already hashes: one multiply spreads the bits so the
/// table's control bytes (taken from the top bits) stay well distributed.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u32(&mut self, k: u32) {
        self.0 = u64::from(k).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

pub(crate) type KeyMap<V> = HashMap<u32, V, BuildHasherDefault<KeyHasher>>;

/// BILOU tags over `n` labels: tag 0 is O; label k has B = 1 + 4k, I = 2 + 4k,
/// L = 3 + 4k, U = 4 + 4k.
pub(crate) fn n_tags(n_labels: usize) -> usize {
    1 + 4 * n_labels
}

pub(crate) const O: usize = 0;

pub(crate) fn tag(label: usize, pos: u8) -> usize {
    1 + 4 * label
        + match pos {
            b'B' => 0,
            b'I' => 1,
            b'L' => 2,
            _ => 3,
        }
}

/// Whether a span may end after `t` or a new one start after it.
fn closed(t: usize) -> bool {
    t == O || matches!((t - 1) % 4, 2 | 3)
}

/// Spans (token start, token end exclusive, label index) of a tag sequence.
/// Viterbi output is always well formed; ill-formed input (from outside) is
/// read leniently: a B or I without its L closes where the label changes.
pub(crate) fn spans_of(tags: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &t) in tags.iter().enumerate() {
        if t == O {
            if let Some((s, l)) = open.take() {
                spans.push((s, i, l));
            }
            continue;
        }
        let (label, pos) = ((t - 1) / 4, (t - 1) % 4);
        if let Some((s, l)) = open {
            if l != label || pos == 0 || pos == 3 {
                spans.push((s, i, l));
                open = None;
            }
        }
        match pos {
            0 | 1 => {
                if open.is_none() {
                    open = Some((i, label));
                }
            }
            2 => {
                let s = open.take().map_or(i, |(s, _)| s);
                spans.push((s, i + 1, label));
            }
            _ => spans.push((i, i + 1, label)),
        }
    }
    if let Some((s, l)) = open {
        spans.push((s, tags.len(), l));
    }
    spans
}

/// Gold tags of a sentence of `n` tokens from non-overlapping spans.
pub(crate) fn tags_of(n: usize, spans: &[(usize, usize, usize)]) -> Vec<usize> {
    let mut tags = vec![O; n];
    for &(s, e, l) in spans {
        if e == s + 1 {
            tags[s] = tag(l, b'U');
        } else {
            tags[s] = tag(l, b'B');
            for t in &mut tags[s + 1..e - 1] {
                *t = tag(l, b'I');
            }
            tags[e - 1] = tag(l, b'L');
        }
    }
    tags
}

/// A trained, immutable tagger model.
#[derive(Clone, Debug)]
pub struct TaggerModel {
    pub(crate) labels: Vec<Label>,
    /// Feature key → range into `tags`/`values`.
    pub(crate) index: KeyMap<(u32, u32)>,
    pub(crate) tags: Vec<u16>,
    pub(crate) values: Vec<f32>,
    /// `(T + 1) × T`: row p is the previous tag, row T the sentence start.
    pub(crate) transitions: Vec<f32>,
    /// Logistic calibration of span margins into confidences: `σ(a·m + b)`.
    pub(crate) calibration: [f32; 2],
}

impl TaggerModel {
    /// The entity labels the model predicts.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// Number of distinct features with weights.
    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    pub(crate) fn n_tags(&self) -> usize {
        n_tags(self.labels.len())
    }

    /// Emission scores, `n × T` row-major.
    pub(crate) fn emissions(&self, features: &[Vec<u32>]) -> Vec<f32> {
        let t = self.n_tags();
        let mut scores = vec![0.0f32; features.len() * t];
        for (row, keys) in scores.chunks_exact_mut(t).zip(features) {
            for k in keys {
                if let Some(&(start, end)) = self.index.get(k) {
                    let (start, end) = (start as usize, end as usize);
                    for (&tag, &w) in self.tags[start..end].iter().zip(&self.values[start..end]) {
                        row[tag as usize] += w;
                    }
                }
            }
        }
        scores
    }

    /// Best tag sequence under BILOU constraints.
    pub(crate) fn viterbi(&self, emissions: &[f32]) -> Vec<usize> {
        viterbi(emissions, &self.transitions, self.n_tags())
    }

    /// Calibrated confidence of a span from its margin.
    pub(crate) fn confidence(
        &self,
        emissions: &[f32],
        tags: &[usize],
        span: (usize, usize),
    ) -> f32 {
        let [a, b] = self.calibration;
        let z = a * self.margin(emissions, tags, span) + b;
        // Keep strictly inside (0, 1): a mention is never certain nor impossible.
        (1.0 / (1.0 + (-z).exp())).clamp(0.001, 0.999)
    }

    /// A span's smallest per-token margin: the emission score of the chosen tag
    /// minus the best other tag's.
    pub(crate) fn margin(&self, emissions: &[f32], tags: &[usize], span: (usize, usize)) -> f32 {
        let t = self.n_tags();
        let mut margin = f32::INFINITY;
        for (i, &tag) in tags.iter().enumerate().take(span.1).skip(span.0) {
            let row = &emissions[i * t..(i + 1) * t];
            let best_other = row
                .iter()
                .enumerate()
                .filter(|&(j, _)| j != tag)
                .map(|(_, &s)| s)
                .fold(f32::NEG_INFINITY, f32::max);
            margin = margin.min(row[tag] - best_other);
        }
        if margin.is_finite() {
            margin
        } else {
            0.0
        }
    }
}

/// Viterbi over `emissions` (`n × t`) with transitions `(t + 1) × t`, allowing
/// only well-formed BILOU sequences.
pub(crate) fn viterbi(emissions: &[f32], transitions: &[f32], t: usize) -> Vec<usize> {
    let n = emissions.len() / t;
    if n == 0 {
        return Vec::new();
    }
    let n_labels = (t - 1) / 4;
    let closed_tags: Vec<usize> = (0..t).filter(|&x| closed(x)).collect();
    let mut score = vec![f32::NEG_INFINITY; n * t];
    let mut back = vec![0usize; n * t];
    let start_row = &transitions[t * t..];
    for tag in 0..t {
        // A sentence starts like after a closed tag: with O, B or U.
        if tag == O || matches!((tag - 1) % 4, 0 | 3) {
            score[tag] = emissions[tag] + start_row[tag];
        }
    }
    for i in 1..n {
        let (prev, cur) = score.split_at_mut(i * t);
        let prev = &prev[(i - 1) * t..];
        let cur = &mut cur[..t];
        let emit = &emissions[i * t..(i + 1) * t];
        let backs = &mut back[i * t..(i + 1) * t];
        // Tags that open or stand alone (O, B-*, U-*) follow closed tags.
        for next in 0..t {
            if !(next == O || matches!((next - 1) % 4, 0 | 3)) {
                continue;
            }
            let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
            for &p in &closed_tags {
                let s = prev[p] + transitions[p * t + next];
                if s > best {
                    best = s;
                    arg = p;
                }
            }
            cur[next] = best + emit[next];
            backs[next] = arg;
        }
        // I-k and L-k follow B-k or I-k.
        for k in 0..n_labels {
            let (b, inside, last) = (tag(k, b'B'), tag(k, b'I'), tag(k, b'L'));
            for next in [inside, last] {
                let sb = prev[b] + transitions[b * t + next];
                let si = prev[inside] + transitions[inside * t + next];
                let (best, arg) = if si > sb { (si, inside) } else { (sb, b) };
                cur[next] = best + emit[next];
                backs[next] = arg;
            }
        }
    }
    let last = &score[(n - 1) * t..];
    let mut best_tag = O;
    for &c in &closed_tags {
        if last[c] > last[best_tag] {
            best_tag = c;
        }
    }
    let mut tags = vec![O; n];
    tags[n - 1] = best_tag;
    for i in (1..n).rev() {
        tags[i - 1] = back[i * t + tags[i]];
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip() {
        let rows: &[(usize, &[(usize, usize, usize)])] = &[
            (0, &[]),
            (3, &[]),
            (3, &[(0, 1, 0)]),
            (4, &[(0, 2, 1), (2, 3, 0), (3, 4, 1)]),
            (5, &[(1, 4, 2)]),
        ];
        for &(n, spans) in rows {
            assert_eq!(spans_of(&tags_of(n, spans)), spans.to_vec());
        }
    }

    #[test]
    fn lenient_reading_of_ill_formed_tags() {
        let b = tag(0, b'B');
        let i = tag(0, b'I');
        let u1 = tag(1, b'U');
        assert_eq!(spans_of(&[b, i, O]), vec![(0, 2, 0)]);
        assert_eq!(spans_of(&[b, u1]), vec![(0, 1, 0), (1, 2, 1)]);
        assert_eq!(spans_of(&[i]), vec![(0, 1, 0)]);
    }

    #[test]
    fn viterbi_respects_bilou() {
        // One label: tags O, B, I, L, U. Emissions favour an ill-formed "B B".
        let t = n_tags(1);
        let mut e = vec![0.0f32; 2 * t];
        e[tag(0, b'B')] = 5.0;
        e[t + tag(0, b'B')] = 5.0;
        e[t + tag(0, b'L')] = 1.0;
        let transitions = vec![0.0f32; (t + 1) * t];
        let tags = viterbi(&e, &transitions, t);
        assert_eq!(tags, vec![tag(0, b'B'), tag(0, b'L')]);
        assert!(viterbi(&[], &transitions, t).is_empty());
        // A single token can be U but never a dangling B.
        let mut one = vec![0.0f32; t];
        one[tag(0, b'B')] = 9.0;
        one[tag(0, b'U')] = 1.0;
        assert_eq!(viterbi(&one, &transitions, t), vec![tag(0, b'U')]);
    }
}

//! The tagger's model: hashed feature weights per BILOU tag, tag transitions,
//! and Viterbi decoding under BILOU constraints.
//!
//! Why a structured averaged perceptron with Viterbi: it trains in minutes on a
//! million tokens with no hyperparameters beyond the epoch count, decodes in
//! linear time, and is fully deterministic. Rich sparse features (words,
//! shapes, affixes, context, gazetteer hits) carry most of the accuracy; a
//! linear-chain CRF would add calibrated marginals at several times the
//! training cost.

use std::sync::OnceLock;

use super::features::Features;
use crate::extract::Label;
use crate::model::weights::WeightIndex;

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

/// The label index + 1 of tag `t`, 0 for O.
pub(crate) fn label_of(t: usize) -> usize {
    if t == O {
        0
    } else {
        (t - 1) / 4 + 1
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
    pub(crate) index: WeightIndex,
    pub(crate) tags: Vec<u16>,
    pub(crate) values: Vec<f32>,
    /// `(T + 1) × T`: row p is the previous tag, row T the sentence start.
    pub(crate) transitions: Vec<f32>,
    /// Logistic calibration of span margins into confidences: `σ(a·m + b)`.
    pub(crate) calibration: [f32; 2],
    /// Whether tokens carry document cues (see `features::add_document_cues`):
    /// the model was trained on whole documents and tags them so.
    pub(crate) document_features: bool,
    /// Whether tokens read the labels given to their word earlier in the
    /// document (see `features::History`).
    pub(crate) history: bool,
    /// Viterbi's tables, derived from `transitions` on first use.
    pub(crate) decoder: OnceLock<Decoder>,
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
    pub(crate) fn emissions(&self, features: &Features) -> Vec<f32> {
        let t = self.n_tags();
        let mut scores = vec![0.0f32; features.len() * t];
        for (row, keys) in scores.chunks_exact_mut(t).zip(features.tokens()) {
            self.add_keys(row, keys);
        }
        scores
    }

    /// Adds the weights of `keys` to an emission row.
    pub(crate) fn add_keys(&self, row: &mut [f32], keys: &[u32]) {
        for &k in keys {
            if let Some(range) = self.index.get(k) {
                for (&tag, &w) in self.tags[range.clone()].iter().zip(&self.values[range]) {
                    row[tag as usize] += w;
                }
            }
        }
    }

    /// Best tag sequence under BILOU constraints.
    pub(crate) fn viterbi(&self, emissions: &[f32]) -> Vec<usize> {
        let decoder = self
            .decoder
            .get_or_init(|| Decoder::new(&self.transitions, self.n_tags()));
        decode(decoder, emissions, &self.transitions)
    }

    /// Calibrated confidence of a span from its margin.
    pub(crate) fn confidence(
        &self,
        emissions: &[f32],
        tags: &[usize],
        span: (usize, usize),
    ) -> f32 {
        crate::model::calibration::confidence(self.calibration, self.margin(emissions, tags, span))
    }

    /// A span's smallest per-token margin: the emission score of the chosen tag
    /// minus the best other tag's.
    pub(crate) fn margin(&self, emissions: &[f32], tags: &[usize], span: (usize, usize)) -> f32 {
        let t = self.n_tags();
        let mut margin = f32::INFINITY;
        for (i, &tag) in tags.iter().enumerate().take(span.1).skip(span.0) {
            let row = &emissions[i * t..(i + 1) * t];
            margin = margin.min(crate::model::calibration::lead(row, tag));
        }
        if margin.is_finite() {
            margin
        } else {
            0.0
        }
    }
}

/// Tags a span may open with (or stand alone as): O, B-*, U-*.
fn opening(t: usize) -> bool {
    t == O || matches!((t - 1) % 4, 0 | 3)
}

/// The tag sets and transition layout Viterbi needs, derived once per model.
#[derive(Clone, Debug)]
pub(crate) struct Decoder {
    t: usize,
    /// Tags a span may end with: O, L-*, U-*.
    closed: Vec<usize>,
    /// Tags a span may open with: O, B-*, U-*.
    opening: Vec<usize>,
    /// `closed.len() × opening.len()`: row k holds closed tag k's transitions
    /// into every opening tag.
    into_opening: Vec<f32>,
    /// The smallest and largest entry of each row of `into_opening`.
    row_min: Vec<f32>,
    row_max: Vec<f32>,
}

impl Decoder {
    pub(crate) fn new(transitions: &[f32], t: usize) -> Decoder {
        let closed: Vec<usize> = (0..t).filter(|&x| closed(x)).collect();
        let opening: Vec<usize> = (0..t).filter(|&x| opening(x)).collect();
        let into_opening: Vec<f32> = closed
            .iter()
            .flat_map(|&p| opening.iter().map(move |&next| transitions[p * t + next]))
            .collect();
        let rows = || into_opening.chunks_exact(opening.len().max(1));
        let row_min = rows()
            .map(|r| r.iter().copied().fold(f32::INFINITY, f32::min))
            .collect();
        let row_max = rows()
            .map(|r| r.iter().copied().fold(f32::NEG_INFINITY, f32::max))
            .collect();
        Decoder {
            t,
            closed,
            opening,
            into_opening,
            row_min,
            row_max,
        }
    }
}

/// Viterbi over `emissions` (`n × t`) with transitions `(t + 1) × t`, allowing
/// only well-formed BILOU sequences.
pub(crate) fn viterbi(emissions: &[f32], transitions: &[f32], t: usize) -> Vec<usize> {
    decode(&Decoder::new(transitions, t), emissions, transitions)
}

/// Viterbi with a prepared [`Decoder`] for `transitions`.
///
/// Why it is laid out this way: almost all the work is the step from a closed
/// tag (O, L-*, U-*) to an opening one (O, B-*, U-*), a max over all closed
/// predecessors. Taken closed tag by closed tag, each step adds one scalar to a
/// contiguous row of transitions and keeps the lane-wise maximum: a branch-free
/// loop the compiler vectorises, with no horizontal reduction. Back-pointers are
/// not stored: the backtrace recomputes the argmax for the one chosen tag per
/// token, with the same sums, so it picks exactly what a stored pointer would.
///
/// Most closed predecessors cannot win and are skipped. With `m` the best
/// closed score of the previous token, reached by tag `p*`, every opening tag
/// can be reached with at least `m + min(row p*)`; a predecessor `p` whose best
/// case `prev[p] + max(row p)` falls strictly below that cannot give any
/// opening tag its maximum. Float addition rounds monotonically, so the bound
/// holds for the computed sums too, and the kept rows give the same maxima as
/// all rows would. In running text one or two of the closed tags survive
/// (usually O), which makes the step several times cheaper.
pub(crate) fn decode(decoder: &Decoder, emissions: &[f32], transitions: &[f32]) -> Vec<usize> {
    let t = decoder.t;
    let n = emissions.len() / t;
    if n == 0 {
        return Vec::new();
    }
    let n_labels = (t - 1) / 4;
    let (closed_tags, opening_tags) = (&decoder.closed, &decoder.opening);
    let mut score = vec![f32::NEG_INFINITY; n * t];
    let start_row = &transitions[t * t..];
    // A sentence starts like after a closed tag: with O, B or U.
    for &tag in opening_tags {
        score[tag] = emissions[tag] + start_row[tag];
    }
    let mut best = vec![f32::NEG_INFINITY; opening_tags.len()];
    let width = opening_tags.len();
    for i in 1..n {
        let (prev, cur) = score.split_at_mut(i * t);
        let prev = &prev[(i - 1) * t..];
        let cur = &mut cur[..t];
        let emit = &emissions[i * t..(i + 1) * t];
        best.fill(f32::NEG_INFINITY);
        let (mut leader, mut m) = (0, f32::NEG_INFINITY);
        for (k, &p) in closed_tags.iter().enumerate() {
            if prev[p] > m {
                (leader, m) = (k, prev[p]);
            }
        }
        let floor = m + decoder.row_min[leader];
        for (k, &p) in closed_tags.iter().enumerate() {
            let from = prev[p];
            if from + decoder.row_max[k] < floor {
                continue;
            }
            let row = &decoder.into_opening[k * width..(k + 1) * width];
            for (b, &w) in best.iter_mut().zip(row) {
                let s = from + w;
                // Plain comparison: no NaN can occur (finite weights, -inf for
                // impossible tags), and `f32::max`'s NaN handling costs more.
                *b = if s > *b { s } else { *b };
            }
        }
        for (&next, &b) in opening_tags.iter().zip(&best) {
            cur[next] = b + emit[next];
        }
        // I-k and L-k follow B-k or I-k.
        for k in 0..n_labels {
            let (b, inside) = (tag(k, b'B'), tag(k, b'I'));
            for next in [inside, tag(k, b'L')] {
                let sb = prev[b] + transitions[b * t + next];
                let si = prev[inside] + transitions[inside * t + next];
                cur[next] = sb.max(si) + emit[next];
            }
        }
    }
    let last = &score[(n - 1) * t..];
    let mut best_tag = O;
    for &c in closed_tags {
        if last[c] > last[best_tag] {
            best_tag = c;
        }
    }
    let mut tags = vec![O; n];
    tags[n - 1] = best_tag;
    for i in (1..n).rev() {
        let prev = &score[(i - 1) * t..i * t];
        tags[i - 1] = best_predecessor(prev, transitions, t, closed_tags, tags[i]);
    }
    tags
}

/// The predecessor Viterbi chose for `next`, given the previous token's scores:
/// the first tag (in tag order) reaching the maximum.
fn best_predecessor(
    prev: &[f32],
    transitions: &[f32],
    t: usize,
    closed_tags: &[usize],
    next: usize,
) -> usize {
    if opening(next) {
        let (mut best, mut arg) = (f32::NEG_INFINITY, O);
        for &p in closed_tags {
            let s = prev[p] + transitions[p * t + next];
            if s > best {
                best = s;
                arg = p;
            }
        }
        arg
    } else {
        let k = (next - 1) / 4;
        let (b, inside) = (tag(k, b'B'), tag(k, b'I'));
        let sb = prev[b] + transitions[b * t + next];
        let si = prev[inside] + transitions[inside * t + next];
        if si > sb {
            inside
        } else {
            b
        }
    }
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

    /// Score of a tag sequence, or None when it is not well-formed BILOU.
    fn path_score(tags: &[usize], e: &[f32], tr: &[f32], t: usize) -> Option<f32> {
        let mut prev = t; // the start row
        let mut total = 0.0;
        for (i, &x) in tags.iter().enumerate() {
            let ok = if prev == t || closed(prev) {
                opening(x)
            } else {
                x != O && (x - 1) / 4 == (prev - 1) / 4 && matches!((x - 1) % 4, 1 | 2)
            };
            if !ok {
                return None;
            }
            total += tr[prev * t + x] + e[i * t + x];
            prev = x;
        }
        closed(prev).then_some(total)
    }

    #[test]
    fn viterbi_finds_the_best_well_formed_path() {
        // Exhaustive check on small random problems: two labels, up to 4 tokens.
        let t = n_tags(2);
        let mut next = crate::test_rng::xorshift(0x2545_F491_4F6C_DD1D);
        let mut rand = move || (next() % 2001) as f32 / 100.0 - 10.0;
        // Emissions on the transitions' scale, then ten times wider, as trained
        // models have them: there most predecessors are pruned (see `decode`).
        for (n, scale) in (1..=4usize).flat_map(|n| [(n, 1.0), (n, 10.0)]) {
            for _ in 0..50 {
                let e: Vec<f32> = (0..n * t).map(|_| scale * rand()).collect();
                let tr: Vec<f32> = (0..(t + 1) * t).map(|_| rand()).collect();
                let mut best = f32::NEG_INFINITY;
                for code in 0..t.pow(n as u32) {
                    let tags: Vec<usize> = (0..n).map(|i| code / t.pow(i as u32) % t).collect();
                    if let Some(s) = path_score(&tags, &e, &tr, t) {
                        best = best.max(s);
                    }
                }
                let found = viterbi(&e, &tr, t);
                let score = path_score(&found, &e, &tr, t).expect("well formed");
                assert!((score - best).abs() < 1e-3, "n={n}: {score} vs {best}");
            }
        }
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

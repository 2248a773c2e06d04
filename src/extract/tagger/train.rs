//! Training: the structured averaged perceptron (Collins 2002) with the
//! "lazy averaging" trick, deterministic for a given seed.

use rayon::prelude::*;

use super::features::{document_features, Features, History};
use super::model::{label_of, n_tags, spans_of, tags_of, viterbi, KeyMap, TaggerModel};
use super::weights::WeightIndex;
use crate::error::{Error, Result};
use crate::extract::heuristic::Lexicon;
use crate::extract::{extract_all, Extractor, Label};
use crate::text::Document;

/// One training sentence: words and gold spans `(start, end, label)` as token
/// index ranges, end exclusive.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingSentence {
    /// The words, as tokenized by the corpus.
    pub words: Vec<String>,
    /// Gold entity spans over `words`.
    pub spans: Vec<(usize, usize, String)>,
    /// Neighbouring sentences with the same number form one document (a news
    /// story), read as a whole by document features; give each sentence its
    /// own number when documents are unknown.
    pub document: usize,
}

/// Training options.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Maximum number of passes over the data.
    pub epochs: usize,
    /// Seed of the per-epoch shuffle.
    pub seed: u64,
    /// Stop after this many epochs without a better dev F1.
    pub patience: usize,
    /// Averaged weights with a smaller magnitude are dropped from the saved model
    /// (they change almost no decision and would double its size).
    pub prune: f32,
    /// Whether the model reads document cues: what other occurrences of a word
    /// in its document show (see `features::add_document_cues`), and the labels
    /// it gave the word in the document's earlier sentences (`History`).
    /// Needs training sentences grouped into documents; trains five models
    /// (four for the history, see `train`).
    pub document_features: bool,
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 15,
            seed: 0,
            patience: 3,
            prune: 0.01,
            document_features: false,
        }
    }
}

/// What one epoch achieved.
#[derive(Clone, Copy, Debug)]
pub struct EpochReport {
    /// 1-based epoch number.
    pub epoch: usize,
    /// Token accuracy of the online predictions during the epoch.
    pub train_accuracy: f64,
    /// Exact span F1 on the dev sentences, when there are any.
    pub dev_f1: Option<f64>,
}

#[derive(Clone, Copy)]
struct Slot {
    tag: u16,
    weight: f32,
    /// Sum of the weight over all past updates' timestamps (for averaging).
    total: f64,
    stamp: u32,
}

/// Weights under training, with lazy averaging: `total` is brought up to date
/// only when a weight changes, and once at the end.
struct Weights {
    features: KeyMap<Vec<Slot>>,
    transitions: Vec<Slot>,
    n_tags: usize,
    now: u32,
}

impl Weights {
    fn new(n_tags: usize) -> Weights {
        let transitions = (0..(n_tags + 1) * n_tags)
            .map(|i| Slot {
                tag: (i % n_tags) as u16,
                weight: 0.0,
                total: 0.0,
                stamp: 0,
            })
            .collect();
        Weights {
            features: KeyMap::default(),
            transitions,
            n_tags,
            now: 0,
        }
    }

    fn bump(slot: &mut Slot, now: u32, delta: f32) {
        slot.total += f64::from(now - slot.stamp) * f64::from(slot.weight);
        slot.stamp = now;
        slot.weight += delta;
    }

    fn update_feature(&mut self, key: u32, tag: usize, delta: f32) {
        let now = self.now;
        let row = self.features.entry(key).or_default();
        match row.iter_mut().find(|s| s.tag as usize == tag) {
            Some(slot) => Weights::bump(slot, now, delta),
            None => row.push(Slot {
                tag: tag as u16,
                weight: delta,
                total: 0.0,
                stamp: now,
            }),
        }
    }

    fn emissions(&self, features: &Features) -> Vec<f32> {
        let t = self.n_tags;
        let mut scores = vec![0.0f32; features.len() * t];
        for (row, keys) in scores.chunks_exact_mut(t).zip(features.tokens()) {
            for k in keys {
                if let Some(slots) = self.features.get(k) {
                    for s in slots {
                        row[s.tag as usize] += s.weight;
                    }
                }
            }
        }
        scores
    }

    fn current_transitions(&self) -> Vec<f32> {
        self.transitions.iter().map(|s| s.weight).collect()
    }

    fn averaged(&self, labels: &[Label], prune: f32) -> TaggerModel {
        let now = f64::from(self.now.max(1));
        let avg = |s: &Slot| -> f32 {
            ((s.total + (f64::from(self.now) - f64::from(s.stamp)) * f64::from(s.weight)) / now)
                as f32
        };
        let mut keys: Vec<&u32> = self.features.keys().collect();
        keys.sort_unstable();
        let mut ranges = Vec::with_capacity(keys.len());
        let (mut tags, mut values) = (Vec::new(), Vec::new());
        for k in keys {
            let start = tags.len() as u32;
            let mut slots: Vec<(u16, f32)> = self.features[k]
                .iter()
                .map(|s| (s.tag, avg(s)))
                .filter(|(_, w)| w.abs() >= prune)
                .collect();
            slots.sort_unstable_by_key(|s| s.0);
            for (t, w) in slots {
                tags.push(t);
                values.push(w);
            }
            ranges.push((*k, start, tags.len() as u32));
        }
        TaggerModel {
            labels: labels.to_vec(),
            // Keys come from a map, so they are distinct.
            index: WeightIndex::build(ranges.into_iter()).unwrap_or_default(),
            tags,
            values,
            transitions: self.transitions.iter().map(avg).collect(),
            calibration: [1.0, 0.0],
            document_features: false,
            history: false,
            decoder: Default::default(),
        }
    }
}

/// A sentence prepared for training: features and gold tags.
#[derive(Clone)]
struct Prepared {
    features: Features,
    gold: Vec<usize>,
    /// Words the prediction history tracks (see `History`).
    tracked: Vec<u64>,
}

/// Prepared sentences and their documents' index ranges.
struct PreparedSet {
    sentences: Vec<Prepared>,
    documents: Vec<std::ops::Range<usize>>,
}

fn prepare(
    sentences: &[TrainingSentence],
    label_index: &(dyn Fn(&str) -> Option<usize> + Sync),
    priors: &[&dyn Extractor],
    lexicon: &Lexicon,
    cues: bool,
) -> Result<PreparedSet> {
    // Runs of sentences with the same document number, as index ranges.
    let mut documents = Vec::new();
    let mut start = 0;
    for i in 1..=sentences.len() {
        if i == sentences.len() || sentences[i].document != sentences[start].document {
            documents.push(start..i);
            start = i;
        }
    }
    let features: Vec<(Features, Vec<u64>)> = documents
        .par_iter()
        .map(|range| {
            let group = &sentences[range.clone()];
            let words: Vec<&[String]> = group.iter().map(|s| s.words.as_slice()).collect();
            let doc = Document::from_sentences(&words);
            let prior = extract_all(&doc, priors);
            let mut found = document_features(&doc, &prior, lexicon, cues).into_iter();
            // Empty sentences have no sentence in `doc`.
            group
                .iter()
                .map(|s| {
                    if s.words.is_empty() {
                        (Features::default(), Vec::new())
                    } else {
                        found.next().unwrap_or_default()
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .into_iter()
        .flatten()
        .collect();
    let prepared = sentences
        .par_iter()
        .zip(features)
        .enumerate()
        .map(|(i, (s, (features, tracked)))| {
            let mut spans = Vec::with_capacity(s.spans.len());
            let mut last_end = 0;
            let mut sorted: Vec<&(usize, usize, String)> = s.spans.iter().collect();
            sorted.sort_by_key(|x| (x.0, x.1));
            for (start, end, label) in sorted {
                if start >= end || *end > s.words.len() {
                    return Err(Error::Training {
                        message: format!(
                            "sentence {i}: span {start}..{end} is outside its {} words",
                            s.words.len()
                        ),
                    });
                }
                if *start < last_end {
                    return Err(Error::Training {
                        message: format!("sentence {i}: spans overlap at word {start}"),
                    });
                }
                last_end = *end;
                if let Some(l) = label_index(label) {
                    spans.push((*start, *end, l));
                }
            }
            Ok(Prepared {
                features,
                gold: tags_of(s.words.len(), &spans),
                tracked,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(PreparedSet {
        sentences: prepared,
        documents,
    })
}

/// Adds the history keys to each sentence's features, the history built from
/// `tags` (one tag sequence per sentence) of the document's earlier sentences.
fn add_history(data: &mut PreparedSet, tags: &[Vec<usize>], n_labels: usize) {
    for range in &data.documents {
        let mut history = History::default();
        for i in range.clone() {
            let p = &mut data.sentences[i];
            p.features = p
                .features
                .with_extra(|j, out| history.keys(p.tracked[j], out));
            for (&fp, &tag) in p.tracked.iter().zip(&tags[i]) {
                history.record(fp, label_of(tag), n_labels);
            }
        }
    }
}

/// A small deterministic generator for the epoch shuffles (xorshift64*).
struct Rng(u64);

impl Rng {
    /// A generator for `seed`. xorshift needs a non-zero state; shifting the
    /// seed past the low bit that `| 1` sets keeps seeds 2k and 2k + 1 apart
    /// (they used to shuffle alike), and seed 0 shuffles as it always did.
    fn seeded(seed: u64) -> Rng {
        Rng((seed << 1) ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Exact span F1 of `model` on prepared sentences, and the (margin, correct)
/// pairs of its predicted spans for calibration.
fn evaluate(model: &TaggerModel, data: &PreparedSet) -> (f64, Vec<(f32, bool)>) {
    let n_labels = model.labels.len();
    let results: Vec<(usize, usize, usize, Vec<(f32, bool)>)> = data
        .documents
        .par_iter()
        .flat_map_iter(|range| {
            let mut history = History::default();
            data.sentences[range.clone()]
                .iter()
                .map(|p| {
                    let e = if model.history {
                        let f = p
                            .features
                            .with_extra(|j, out| history.keys(p.tracked[j], out));
                        model.emissions(&f)
                    } else {
                        model.emissions(&p.features)
                    };
                    let tags = model.viterbi(&e);
                    if model.history {
                        for (&fp, &tag) in p.tracked.iter().zip(&tags) {
                            history.record(fp, label_of(tag), n_labels);
                        }
                    }
                    let pred = spans_of(&tags);
                    let gold = spans_of(&p.gold);
                    let mut margins = Vec::with_capacity(pred.len());
                    let mut correct = 0;
                    for s in &pred {
                        let ok = gold.contains(s);
                        correct += usize::from(ok);
                        margins.push((model.margin(&e, &tags, (s.0, s.1)), ok));
                    }
                    (correct, pred.len(), gold.len(), margins)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let (mut correct, mut predicted, mut gold) = (0, 0, 0);
    let mut margins = Vec::new();
    for (c, p, g, m) in results {
        correct += c;
        predicted += p;
        gold += g;
        margins.extend(m);
    }
    let f1 = if predicted + gold == 0 {
        0.0
    } else {
        2.0 * correct as f64 / (predicted + gold) as f64
    };
    (f1, margins)
}

/// Fits `σ(a·m + b)` to (margin, correct) pairs by Newton's method on the
/// log-loss with a small L2 penalty (a dev set of a few hundred spans can be
/// separable, which would send `a` to infinity and every score to 0 or 1).
/// Margins are scaled by their mean magnitude first, since perceptron margins
/// run into the hundreds. Falls back to a gentle slope when there is too little
/// data.
fn calibrate(points: &[(f32, bool)]) -> [f32; 2] {
    let positives = points.iter().filter(|p| p.1).count();
    let scale =
        points.iter().map(|p| f64::from(p.0).abs()).sum::<f64>() / points.len().max(1) as f64;
    if points.len() < 20 || positives == 0 || positives == points.len() || scale <= 0.0 {
        let a = if scale > 0.0 { 1.0 / scale } else { 1.0 };
        return [a as f32, 0.0];
    }
    const L2: f64 = 1.0;
    let (mut a, mut b) = (1.0f64, 0.0f64);
    for _ in 0..100 {
        let (mut ga, mut gb) = (L2 * a, L2 * b);
        let (mut haa, mut hab, mut hbb) = (L2, 0.0, L2);
        for &(m, y) in points {
            let m = (f64::from(m) / scale).clamp(-50.0, 50.0);
            let p = 1.0 / (1.0 + (-(a * m + b)).exp());
            let r = p - f64::from(u8::from(y));
            ga += r * m;
            gb += r;
            let w = p * (1.0 - p);
            haa += w * m * m;
            hab += w * m;
            hbb += w;
        }
        let det = haa * hbb - hab * hab;
        if det.abs() < 1e-12 {
            break;
        }
        let da = (hbb * ga - hab * gb) / det;
        let db = (haa * gb - hab * ga) / det;
        a -= da;
        b -= db;
        if da.abs() + db.abs() < 1e-9 {
            break;
        }
    }
    if a.is_finite() && b.is_finite() && a > 0.0 {
        [(a / scale) as f32, b as f32]
    } else {
        [(1.0 / scale) as f32, 0.0]
    }
}

/// Trains a tagger. `priors` are the extractors that run before the tagger in
/// the pipeline (gazetteer, patterns): their matches become features, exactly as
/// at tagging time. `on_epoch` is called after every epoch and may return false
/// to stop. Returns the model of the best dev epoch (the last one without dev
/// data), with its confidence calibrated on dev.
///
/// # Errors
/// [`Error::Training`] for empty data, bad spans or a dev set with labels only.
pub fn train(
    train: &[TrainingSentence],
    dev: &[TrainingSentence],
    priors: &[&dyn Extractor],
    lexicon: &Lexicon,
    config: &TrainConfig,
    on_epoch: &mut dyn FnMut(&EpochReport) -> bool,
) -> Result<TaggerModel> {
    let mut names: Vec<&str> = train
        .iter()
        .flat_map(|s| s.spans.iter().map(|x| x.2.as_str()))
        .collect();
    names.sort_unstable();
    names.dedup();
    if names.is_empty() {
        return Err(Error::Training {
            message: "the training data has no entity spans".into(),
        });
    }
    if names.iter().any(|n| n.trim().is_empty() || n.trim() != *n) {
        return Err(Error::Training {
            message: "a span has an empty label or one with surrounding spaces".into(),
        });
    }
    if names.len() > 4000 {
        return Err(Error::Training {
            message: format!("{} labels; at most 4000 are supported", names.len()),
        });
    }
    let labels: Vec<Label> = names.iter().filter_map(|n| Label::parse(n)).collect();
    let label_index = |name: &str| names.binary_search(&name).ok();
    let cues = config.document_features;
    let mut train_data = prepare(train, &label_index, priors, lexicon, cues)?;
    let dev_data = prepare(dev, &label_index, priors, lexicon, cues)?;
    // The prediction history comes with the document features. In training
    // it is built from jackknifed predictions: each quarter of the documents
    // is tagged by a model trained on the other three, so the history is as
    // wrong as at tagging time. The model's own online predictions, nearly
    // perfect on data it is fitting, taught it to trust the history too much:
    // CoNLL-2003 dev F1 0.9184 against 0.9255 without history; jackknifed,
    // 0.9291 (seeds 2 and 4: 0.9264 and 0.9283 against 0.9243 and 0.9243).
    let history = cues;
    if history {
        const FOLDS: usize = 4;
        let mut tags: Vec<Vec<usize>> = vec![Vec::new(); train_data.sentences.len()];
        for fold in 0..FOLDS {
            let in_fold = |d: usize| d % FOLDS == fold;
            let rest: Vec<Prepared> = train_data
                .documents
                .iter()
                .enumerate()
                .filter(|(d, _)| !in_fold(*d))
                .flat_map(|(_, r)| train_data.sentences[r.clone()].iter().cloned())
                .collect();
            let model = run_epochs(&rest, &dev_data, &labels, config, false, &mut |_| true)?;
            for (_, r) in train_data
                .documents
                .iter()
                .enumerate()
                .filter(|(d, _)| in_fold(*d))
            {
                for i in r.clone() {
                    let e = model.emissions(&train_data.sentences[i].features);
                    tags[i] = model.viterbi(&e);
                }
            }
        }
        add_history(&mut train_data, &tags, labels.len());
    }
    let mut model = run_epochs(
        &train_data.sentences,
        &dev_data,
        &labels,
        config,
        history,
        on_epoch,
    )?;
    model.document_features = cues;
    Ok(model)
}

/// The epochs of training proper on prepared data; the model of the best dev
/// epoch, calibrated.
fn run_epochs(
    train_data: &[Prepared],
    dev_data: &PreparedSet,
    labels: &[Label],
    config: &TrainConfig,
    history: bool,
    on_epoch: &mut dyn FnMut(&EpochReport) -> bool,
) -> Result<TaggerModel> {
    let t = n_tags(labels.len());
    let mut weights = Weights::new(t);
    let mut order: Vec<usize> = (0..train_data.len()).collect();
    let mut rng = Rng::seeded(config.seed);
    let mut best: Option<(f64, TaggerModel, Vec<(f32, bool)>)> = None;
    let mut since_best = 0;
    for epoch in 1..=config.epochs.max(1) {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &i in &order {
            let p = &train_data[i];
            weights.now += 1;
            let e = weights.emissions(&p.features);
            let pred = viterbi(&e, &weights.current_transitions(), t);
            total += pred.len();
            right += pred.iter().zip(&p.gold).filter(|(a, b)| a == b).count();
            if pred == p.gold {
                continue;
            }
            for (j, feats) in p.features.tokens().enumerate() {
                if pred[j] != p.gold[j] {
                    for &k in feats {
                        weights.update_feature(k, p.gold[j], 1.0);
                        weights.update_feature(k, pred[j], -1.0);
                    }
                }
            }
            let now = weights.now;
            for j in 0..pred.len() {
                let (gp, pp) = if j == 0 {
                    (t, t)
                } else {
                    (p.gold[j - 1], pred[j - 1])
                };
                if (gp, p.gold[j]) != (pp, pred[j]) {
                    Weights::bump(&mut weights.transitions[gp * t + p.gold[j]], now, 1.0);
                    Weights::bump(&mut weights.transitions[pp * t + pred[j]], now, -1.0);
                }
            }
        }
        let mut model = weights.averaged(labels, config.prune);
        model.history = history;
        let train_accuracy = right as f64 / total.max(1) as f64;
        let (dev_f1, margins) = if dev_data.sentences.is_empty() {
            (None, Vec::new())
        } else {
            let (f1, m) = evaluate(&model, dev_data);
            (Some(f1), m)
        };
        let score = dev_f1.unwrap_or(epoch as f64);
        if best.as_ref().is_none_or(|b| score > b.0) {
            best = Some((score, model, margins));
            since_best = 0;
        } else {
            since_best += 1;
        }
        let go_on = on_epoch(&EpochReport {
            epoch,
            train_accuracy,
            dev_f1,
        });
        if !go_on || (dev_f1.is_some() && since_best >= config.patience) {
            break;
        }
    }
    let (_, mut model, margins) = best.ok_or_else(|| Error::Training {
        message: "no epoch ran".into(),
    })?;
    model.calibration = calibrate(&margins);
    Ok(model)
}

#[cfg(test)]
mod tests {
    use super::{calibrate, Rng};

    #[test]
    fn seeds_shuffle_differently_and_seed_zero_as_before() {
        assert_eq!(Rng::seeded(0).0, 0x9E37_79B9_7F4A_7C15);
        let orders: Vec<Vec<u32>> = (0..4)
            .map(|seed| {
                let mut v: Vec<u32> = (0..20).collect();
                Rng::seeded(seed).shuffle(&mut v);
                v
            })
            .collect();
        for (i, a) in orders.iter().enumerate() {
            for b in &orders[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn calibration_is_monotone_and_not_extreme() {
        // Correct spans have larger margins, with overlap: a separable-looking
        // but noisy set like a small dev set gives.
        let points: Vec<(f32, bool)> = (0..200)
            .map(|i| {
                let m = (i as f32) * 0.5;
                (m, i % 7 != 0 && i > 40)
            })
            .collect();
        let [a, b] = calibrate(&points);
        let p = |m: f32| 1.0 / (1.0 + (-(a * m + b)).exp());
        assert!(a > 0.0);
        assert!(p(10.0) < p(60.0));
        assert!(p(99.0) < 0.999 && p(0.0) > 0.001, "{a} {b}");
        // separable data still gives finite, moderate scores
        let separable: Vec<(f32, bool)> = (0..100).map(|i| (i as f32, i >= 50)).collect();
        let [a, b] = calibrate(&separable);
        assert!(a.is_finite() && b.is_finite());
    }
}

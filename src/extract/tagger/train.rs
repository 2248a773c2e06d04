//! Training: the structured averaged perceptron (Collins 2002) with the
//! "lazy averaging" trick, deterministic for a given seed.

use rayon::prelude::*;

use super::features::{sentence_features, Features};
use super::model::{n_tags, spans_of, tags_of, viterbi, TaggerModel};
use crate::error::{Error, Result};
use crate::extract::heuristic::Lexicon;
use crate::extract::{extract_all, Extractor, Label};
use crate::model::averaged::{AveragedWeights, Rng, Slot};
use crate::model::calibration::calibrate;
use crate::text::Document;

/// One training sentence: words and gold spans `(start, end, label)` as token
/// index ranges, end exclusive.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingSentence {
    /// The words, as tokenized by the corpus.
    pub words: Vec<String>,
    /// Gold entity spans over `words`.
    pub spans: Vec<(usize, usize, String)>,
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
}

impl Default for TrainConfig {
    fn default() -> TrainConfig {
        TrainConfig {
            epochs: 15,
            seed: 0,
            patience: 3,
            prune: 0.01,
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

/// Weights under training: sparse feature weights per tag and dense
/// transitions, both averaged.
struct Weights {
    features: AveragedWeights,
    transitions: Vec<Slot>,
    n_tags: usize,
}

impl Weights {
    fn new(n_tags: usize) -> Weights {
        Weights {
            features: AveragedWeights::default(),
            transitions: (0..(n_tags + 1) * n_tags)
                .map(|i| Slot::new(i % n_tags))
                .collect(),
            n_tags,
        }
    }

    fn emissions(&self, features: &Features) -> Vec<f32> {
        let t = self.n_tags;
        let mut scores = vec![0.0f32; features.len() * t];
        for (row, keys) in scores.chunks_exact_mut(t).zip(features.tokens()) {
            self.features.score_into(row, keys);
        }
        scores
    }

    fn current_transitions(&self) -> Vec<f32> {
        self.transitions.iter().map(|s| s.weight).collect()
    }

    fn averaged(&self, labels: &[Label], prune: f32) -> TaggerModel {
        let (index, tags, values) = self.features.averaged(prune);
        let now = self.features.now;
        TaggerModel {
            labels: labels.to_vec(),
            index,
            tags,
            values,
            transitions: self.transitions.iter().map(|s| s.average(now)).collect(),
            calibration: [1.0, 0.0],
            decoder: Default::default(),
        }
    }
}

/// A sentence prepared for training: features and gold tags.
struct Prepared {
    features: Features,
    gold: Vec<usize>,
}

fn prepare(
    sentences: &[TrainingSentence],
    label_index: &(dyn Fn(&str) -> Option<usize> + Sync),
    priors: &[&dyn Extractor],
    lexicon: &Lexicon,
) -> Result<Vec<Prepared>> {
    sentences
        .par_iter()
        .enumerate()
        .map(|(i, s)| {
            let doc = Document::from_words(&s.words);
            let prior = extract_all(&doc, priors);
            let features = sentence_features(&doc, 0..doc.tokens.len(), &prior, lexicon);
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
            })
        })
        .collect()
}

/// Exact span F1 of `model` on prepared sentences, and the (margin, correct)
/// pairs of its predicted spans for calibration.
fn evaluate(model: &TaggerModel, data: &[Prepared]) -> (f64, Vec<(f32, bool)>) {
    let results: Vec<(usize, usize, usize, Vec<(f32, bool)>)> = data
        .par_iter()
        .map(|p| {
            let e = model.emissions(&p.features);
            let tags = model.viterbi(&e);
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
    let train_data = prepare(train, &label_index, priors, lexicon)?;
    let dev_data = prepare(dev, &label_index, priors, lexicon)?;
    let t = n_tags(labels.len());
    let mut weights = Weights::new(t);
    let mut order: Vec<usize> = (0..train_data.len()).collect();
    let mut rng = Rng::new(config.seed);
    let mut best: Option<(f64, TaggerModel, Vec<(f32, bool)>)> = None;
    let mut since_best = 0;
    for epoch in 1..=config.epochs.max(1) {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &i in &order {
            let p = &train_data[i];
            weights.features.tick();
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
                        weights.features.update(k, p.gold[j], 1.0);
                        weights.features.update(k, pred[j], -1.0);
                    }
                }
            }
            let now = weights.features.now;
            for j in 0..pred.len() {
                let (gp, pp) = if j == 0 {
                    (t, t)
                } else {
                    (p.gold[j - 1], pred[j - 1])
                };
                if (gp, p.gold[j]) != (pp, pred[j]) {
                    weights.transitions[gp * t + p.gold[j]].bump(now, 1.0);
                    weights.transitions[pp * t + pred[j]].bump(now, -1.0);
                }
            }
        }
        let model = weights.averaged(&labels, config.prune);
        let train_accuracy = right as f64 / total.max(1) as f64;
        let (dev_f1, margins) = if dev_data.is_empty() {
            (None, Vec::new())
        } else {
            let (f1, m) = evaluate(&model, &dev_data);
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

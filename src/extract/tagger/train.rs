//! Training: the structured averaged perceptron (Collins 2002) with the
//! "lazy averaging" trick, deterministic for a given seed.

use rayon::prelude::*;

use super::features::{document_features, Features, History};
use super::model::{label_of, n_tags, spans_of, tags_of, viterbi, TaggerModel};
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
    // On the crate's fork-safe pool (see `crate::pool`), like every parallel call.
    let features: Vec<(Features, Vec<u64>)> = crate::pool::in_shared(|| {
        documents
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
    })
    .into_iter()
    .flatten()
    .collect();
    let prepared = crate::pool::in_shared(|| {
        sentences
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
            .collect::<Result<Vec<_>>>()
    })?;
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

/// Exact span F1 of `model` on prepared sentences, and the (margin, correct)
/// pairs of its predicted spans for calibration.
fn evaluate(model: &TaggerModel, data: &PreparedSet) -> (f64, Vec<(f32, bool)>) {
    let n_labels = model.labels.len();
    let results: Vec<(usize, usize, usize, Vec<(f32, bool)>)> = crate::pool::in_shared(|| {
        data.documents
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
            .collect()
    });
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

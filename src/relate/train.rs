//! Training the relation classifier: a multiclass averaged perceptron over the
//! candidate pairs of gold-annotated documents.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::classifier::{features, Candidate, RelationModel};
use super::cues::TokenCues;
use super::pairs::candidates;
use crate::error::{Error, Result};
use crate::extract::Mention;
use crate::fasthash::FastMap;
use crate::model::averaged::{AveragedWeights, Rng};
use crate::model::calibration::calibrate;
use crate::model::weights::WeightIndex;
use crate::text::Document;

/// A gold relation between two of a document's mentions (indices).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldRelation {
    /// The source mention.
    pub source: usize,
    /// The target mention.
    pub target: usize,
    /// Relation type.
    pub label: String,
}

/// A document with gold mentions (sorted by start, non-overlapping) and the
/// relations between them.
#[derive(Clone, Debug)]
pub struct RelationExample {
    /// The document.
    pub doc: Document,
    /// Its mentions.
    pub mentions: Vec<Mention>,
    /// Relations between them.
    pub relations: Vec<GoldRelation>,
}

/// Training options.
#[derive(Clone, Debug)]
pub struct RelationTrainConfig {
    /// Passes over the training pairs.
    pub epochs: usize,
    /// Seed of the per-epoch shuffle (of the first run).
    pub seed: u64,
    /// Perceptrons trained with different shuffles and averaged.
    pub runs: usize,
    /// Averaged weights smaller than this are dropped from the model.
    pub prune: f32,
    /// Step size of updates on related pairs, against 1 on unrelated ones.
    pub positive_weight: f32,
    /// Subtracted from the "no relation" score when predicting.
    pub none_penalty: f32,
}

impl Default for RelationTrainConfig {
    fn default() -> RelationTrainConfig {
        RelationTrainConfig {
            // Three passes, not twelve: with about 5,000 candidate pairs and
            // tens of thousands of sparse features the perceptron separates the
            // training pairs within a few passes, and later passes fit their
            // noise. 5-fold CV on re3d-dev (seeds 1, 11, 21; the same CV that
            // picked the values below, so optimistic): typed F1 0.4690 at 2
            // passes, 0.4650 at 3, 0.4625 at 4, 0.4596 at 5, 0.4441 at 12;
            // detection 0.5600, 0.5629, 0.5592, 0.5529, 0.5314.
            epochs: 3,
            seed: 1,
            runs: 5,
            prune: 1e-3,
            // Unrelated pairs outnumber related ones about ten to one, and the
            // perceptron learns to say "none" too readily. Both values were
            // chosen by 5-fold cross-validation on re3d-dev among a handful
            // (weights 1, 1.5, 2, 3; penalties 0 to 40; the penalty again, 10
            // to 25, with three passes: 15 best for detection, 10 to 20 within
            // a point), so the scores `benchmarks/bench_relations.py` reports
            // are slightly optimistic.
            positive_weight: 2.0,
            none_penalty: 15.0,
        }
    }
}

/// One candidate pair, ready to train on: its keys and gold class.
#[derive(Clone)]
struct Prepared {
    keys: Vec<u32>,
    gold: usize,
}

/// The gold class of each candidate of `example`: 0, or `1 + 2k` / `2 + 2k` for
/// label `k` read forwards / backwards. A pair with several gold relations
/// takes the first label in label order.
fn prepare(example: &RelationExample, labels: &[Arc<str>]) -> Vec<Prepared> {
    let pairs = candidates(&example.doc, &example.mentions);
    let cues = TokenCues::new(&example.doc, pairs.iter().map(|c| c.sentence), true);
    pairs
        .into_iter()
        .map(|c: Candidate| {
            let gold = labels
                .iter()
                .enumerate()
                .find_map(|(k, label)| {
                    example.relations.iter().find_map(|r| {
                        if *r.label != **label {
                            None
                        } else if (r.source, r.target) == (c.a, c.b) {
                            Some(1 + 2 * k)
                        } else if (r.source, r.target) == (c.b, c.a) {
                            Some(2 + 2 * k)
                        } else {
                            None
                        }
                    })
                })
                .unwrap_or(0);
            Prepared {
                keys: features(&example.doc, &cues, &example.mentions, c),
                gold,
            }
        })
        .collect()
}

/// Trains a classifier on `train`. Its confidence is calibrated on `dev`, or,
/// when `dev` is empty, on the training documents by 5-fold cross-fitting
/// (five models each trained without one fifth of the documents score that
/// fifth), so that a score means what it says on unseen text.
///
/// # Errors
/// [`Error::Training`] when the examples hold no relation, or a relation points
/// at a mention that does not exist.
pub fn train_relations(
    train: &[RelationExample],
    dev: &[RelationExample],
    config: &RelationTrainConfig,
) -> Result<RelationModel> {
    for (i, e) in train.iter().chain(dev).enumerate() {
        if let Some(r) = e
            .relations
            .iter()
            .find(|r| r.source >= e.mentions.len() || r.target >= e.mentions.len())
        {
            return Err(Error::Training {
                message: format!(
                    "document {i}: relation {r:?} points past its {} mentions",
                    e.mentions.len()
                ),
            });
        }
    }
    let labels: Vec<Arc<str>> = train
        .iter()
        .flat_map(|e| e.relations.iter().map(|r| r.label.as_str()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(Arc::from)
        .collect();
    if labels.is_empty() {
        return Err(Error::Training {
            message: "no relations to learn from".into(),
        });
    }
    let docs: Vec<Vec<Prepared>> = train.iter().map(|e| prepare(e, &labels)).collect();
    let mut model = fit(&docs, &labels, config);
    const FOLDS: usize = 5;
    let points: Vec<(f32, bool)> = if !dev.is_empty() {
        let dev: Vec<Vec<Prepared>> = dev.iter().map(|e| prepare(e, &labels)).collect();
        margins(&model, dev.iter().flatten())
    } else if docs.len() >= FOLDS {
        (0..FOLDS)
            .flat_map(|k| {
                let rest: Vec<Vec<Prepared>> = docs
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| i % FOLDS != k)
                    .map(|(_, d)| d.clone())
                    .collect();
                let held_out = docs.iter().enumerate().filter(|(i, _)| i % FOLDS == k);
                margins(&fit(&rest, &labels, config), held_out.flat_map(|(_, d)| d))
            })
            .collect()
    } else {
        margins(&model, docs.iter().flatten())
    };
    model.calibration = calibrate(&points);
    Ok(model)
}

/// (margin, right?) of every pair `model` says is related.
fn margins<'a>(
    model: &RelationModel,
    data: impl Iterator<Item = &'a Prepared>,
) -> Vec<(f32, bool)> {
    data.filter_map(|p| {
        let (best, margin) = super::classifier::best_and_margin(&model.scores(&p.keys));
        (best != 0).then_some((margin, best == p.gold))
    })
    .collect()
}

/// The mean of `config.runs` averaged perceptrons, each trained with its own
/// shuffle (seeds `seed`, `seed + 1`, ...), uncalibrated. With a thousand
/// relations the shuffle order alone moves cross-validated F1 by two points;
/// averaging the runs' weights removes most of that variance.
///
/// Tried with three passes and found no better (5-fold CV on re3d-dev, seeds
/// 1, 11, 21; typed / detection F1 against 0.4650 / 0.5629): ten runs
/// (0.4652 / 0.5579 over five seeds, the same); each run on a random 80% of
/// the documents (0.4502 / 0.5389); steps scaled by the inverse square root of
/// class frequency (0.4465 / 0.5356); rows shared by all relation classes, by
/// both directions of a type or by one direction across types, summed into
/// each class's score while training (0.4599 to 0.4670 / 0.5390 to 0.5646); a
/// separate related-or-not perceptron, alone before a type-only one (at most
/// 0.4464 / 0.5575) or added to this model's scores (0.4622 / 0.5640).
fn fit(docs: &[Vec<Prepared>], labels: &[Arc<str>], config: &RelationTrainConfig) -> RelationModel {
    let runs = config.runs.max(1);
    let mut sum: FastMap<(u32, u16), f32> = FastMap::default();
    for run in 0..runs {
        let (index, classes, values) = fit_once(docs, labels, config, config.seed + run as u64);
        for (key, range) in index.iter() {
            for (&c, &w) in classes[range.clone()].iter().zip(&values[range]) {
                *sum.entry((key, c)).or_default() += w / runs as f32;
            }
        }
    }
    let mut entries: Vec<((u32, u16), f32)> = sum
        .into_iter()
        .filter(|(_, w)| w.abs() >= config.prune)
        .collect();
    entries.sort_unstable_by_key(|e| e.0);
    let (mut ranges, mut classes, mut values) = (Vec::new(), Vec::new(), Vec::new());
    for group in entries.chunk_by(|a, b| a.0 .0 == b.0 .0) {
        let start = classes.len() as u32;
        for &((_, c), w) in group {
            classes.push(c);
            values.push(w);
        }
        ranges.push((group[0].0 .0, start, classes.len() as u32));
    }
    RelationModel {
        labels: labels.to_vec(),
        // Keys come from a map, so they are distinct.
        index: WeightIndex::build(ranges.into_iter()).unwrap_or_default(),
        classes,
        values,
        calibration: [1.0, 0.0],
        none_penalty: config.none_penalty,
    }
}

/// One averaged perceptron with shuffle seed `seed`: its sparse weight table.
fn fit_once(
    docs: &[Vec<Prepared>],
    labels: &[Arc<str>],
    config: &RelationTrainConfig,
    seed: u64,
) -> (WeightIndex, Vec<u16>, Vec<f32>) {
    let data: Vec<&Prepared> = docs.iter().flatten().collect();
    let mut weights = AveragedWeights::default();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng::new(seed);
    let mut scores = vec![0.0f32; 1 + 2 * labels.len()];
    for _ in 0..config.epochs.max(1) {
        rng.shuffle(&mut order);
        for &i in &order {
            let p = data[i];
            weights.tick();
            scores.iter_mut().for_each(|s| *s = 0.0);
            weights.score_into(&mut scores, &p.keys);
            // The best wrong class; update when it scores at least as high.
            let gold_score = scores[p.gold];
            scores[p.gold] = f32::NEG_INFINITY;
            let (guess, _) = super::classifier::best_and_margin(&scores);
            if gold_score <= scores[guess] {
                let step = if p.gold == 0 {
                    1.0
                } else {
                    config.positive_weight
                };
                for &k in &p.keys {
                    weights.update(k, p.gold, step);
                    weights.update(k, guess, -step);
                }
            }
        }
    }
    weights.averaged(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Label, Source};

    /// "<A> attacked <B>." or "<B> was attacked by <A>.": A fights B.
    fn example(i: usize) -> RelationExample {
        let (a, b) = (format!("Alpha{}", i % 7), format!("Bravo{}", i % 5));
        let passive = i % 2 == 1;
        let text = if passive {
            format!("{b} was attacked by {a}. {a} rested.")
        } else {
            format!("{a} attacked {b}. {b} rested.")
        };
        let doc = Document::new(text.as_str());
        let mut mentions: Vec<Mention> = Vec::new();
        for word in text.split(|c: char| !c.is_alphanumeric()) {
            if word.starts_with("Alpha") || word.starts_with("Bravo") {
                let start = text[mentions.last().map_or(0, |m| m.end)..]
                    .find(word)
                    .map(|p| p + mentions.last().map_or(0, |m| m.end))
                    .expect("word in text");
                mentions.push(Mention {
                    start,
                    end: start + word.len(),
                    label: Label::Organisation,
                    score: 1.0,
                    source: Source::Given,
                    kb: None,
                });
            }
        }
        let (source, target) = if passive { (1, 0) } else { (0, 1) };
        RelationExample {
            doc,
            mentions,
            relations: vec![GoldRelation {
                source,
                target,
                label: "FightingAgainst".into(),
            }],
        }
    }

    #[test]
    fn learns_type_and_direction_deterministically() {
        let train: Vec<RelationExample> = (0..60).map(example).collect();
        let config = RelationTrainConfig::default();
        let model = train_relations(&train, &[], &config).expect("trains");
        let again = train_relations(&train, &[], &config).expect("trains");
        assert_eq!(model.to_bytes(), again.to_bytes());
        for i in 100..104 {
            let e = example(i);
            let found = super::super::classify(&e.doc, &e.mentions, &model);
            let got: Vec<(usize, usize, &str)> = found
                .iter()
                .map(|r| (r.source, r.target, &*r.label))
                .collect();
            let gold = &e.relations[0];
            assert_eq!(
                got,
                [(gold.source, gold.target, "FightingAgainst")],
                "example {i}"
            );
        }
    }

    #[test]
    fn unusable_data_is_an_error() {
        let mut e = example(0);
        e.relations.clear();
        assert!(train_relations(&[e], &[], &RelationTrainConfig::default()).is_err());
        let mut e = example(0);
        e.relations[0].target = 9;
        assert!(train_relations(&[e], &[], &RelationTrainConfig::default()).is_err());
    }
}

//! Bindings for the relation classifier: training and prediction on documents
//! whose entities are given (code-point spans), as training and evaluation
//! scripts need.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use super::errors::core_call;
use super::pipeline;
use crate::extract::Mention;
use crate::relate::{
    classify, train_relations as core_train, GoldRelation, RelationExample, RelationModel,
    RelationTrainConfig,
};
use crate::text::Document;

/// Entity spans of a text: `(start, end, label)` in code points.
type Spans = Vec<(usize, usize, String)>;
/// A training document: text, entity spans, relations as (source span index,
/// target span index, label).
type GoldDoc = (String, Spans, Vec<(usize, usize, String)>);

/// The document and mentions for given spans, checked and converted as the
/// pipeline's given entities are (`pipeline::given_mentions`). Relations point
/// at spans by position, so the spans must also come sorted and apart (the
/// pipeline settles overlaps among its own given entities; here that would
/// shift the indices). Any non-empty label is accepted: the classifier learns
/// from label names, whatever the corpus's label set.
fn given_mentions(which: usize, text: &str, spans: &Spans) -> PyResult<(Document, Vec<Mention>)> {
    if let Some(i) = spans.windows(2).position(|w| w[1].0 < w[0].1) {
        return Err(PyValueError::new_err(format!(
            "document {which}: span {} overlaps or precedes the one before; give spans \
             sorted and non-overlapping",
            i + 1
        )));
    }
    let labels: Vec<String> = spans
        .iter()
        .map(|s| s.2.clone())
        .filter(|l| !l.trim().is_empty())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mentions = pipeline::given_mentions(text, which as u64, spans.clone(), &labels)?;
    Ok((Document::new(text), mentions))
}

fn examples(docs: Vec<GoldDoc>) -> PyResult<Vec<RelationExample>> {
    docs.into_iter()
        .enumerate()
        .map(|(which, (text, spans, relations))| {
            let (doc, mentions) = given_mentions(which, &text, &spans)?;
            let relations = relations
                .into_iter()
                .map(|(source, target, label)| GoldRelation {
                    source,
                    target,
                    label,
                })
                .collect();
            Ok(RelationExample {
                doc,
                mentions,
                relations,
            })
        })
        .collect()
}

/// Trains a relation classifier on `(text, spans, relations)` documents and
/// returns the model's bytes; `dev` documents calibrate its confidence.
#[pyfunction]
#[pyo3(signature = (train, dev=None, epochs=3, seed=1))]
pub fn train_relations(
    py: Python<'_>,
    train: Vec<GoldDoc>,
    dev: Option<Vec<GoldDoc>>,
    epochs: usize,
    seed: u64,
) -> PyResult<Py<PyBytes>> {
    if epochs == 0 {
        return Err(PyValueError::new_err("epochs must be at least 1"));
    }
    let train = examples(train)?;
    let dev = examples(dev.unwrap_or_default())?;
    let config = RelationTrainConfig {
        epochs,
        seed,
        ..RelationTrainConfig::default()
    };
    let bytes = core_call(py, || Ok(core_train(&train, &dev, &config)?.to_bytes()))?;
    Ok(PyBytes::new(py, &bytes).unbind())
}

/// The relations a model finds between given entity spans, per document:
/// `(source span index, target span index, label, score)`.
#[pyfunction]
pub fn predict_relations(
    py: Python<'_>,
    model: &[u8],
    docs: Vec<(String, Spans)>,
) -> PyResult<Vec<Vec<(usize, usize, String, f32)>>> {
    let inputs = docs
        .iter()
        .enumerate()
        .map(|(which, (text, spans))| given_mentions(which, text, spans))
        .collect::<PyResult<Vec<_>>>()?;
    core_call(py, || {
        let model = RelationModel::from_bytes(model)?;
        Ok(inputs
            .iter()
            .map(|(doc, mentions)| {
                classify(doc, mentions, &model)
                    .into_iter()
                    .map(|r| (r.source, r.target, r.label.to_string(), r.score))
                    .collect()
            })
            .collect())
    })
}

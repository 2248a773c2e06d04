//! Bindings for the relation classifier: training and prediction on documents
//! whose entities are given (code-point spans), as training and evaluation
//! scripts need.

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::PyBytes;

use super::errors::core_call;
use super::offsets::to_bytes;
use crate::extract::{Label, Mention, Source};
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

/// The document and mentions for given spans, which must be in range, sorted
/// and non-overlapping; errors name the document `which` and the span.
fn given_mentions(which: usize, text: &str, spans: &Spans) -> PyResult<(Document, Vec<Mention>)> {
    let mut offsets: Vec<usize> = spans.iter().flat_map(|s| [s.0, s.1]).collect();
    to_bytes(text, &mut offsets).map_err(|i| {
        PyValueError::new_err(format!(
            "document {which}: span {} ends past the text ({} characters)",
            i / 2,
            text.chars().count()
        ))
    })?;
    let mut mentions: Vec<Mention> = Vec::with_capacity(spans.len());
    for (i, ((_, _, label), b)) in spans.iter().zip(offsets.chunks_exact(2)).enumerate() {
        let label = Label::parse(label).ok_or_else(|| {
            PyValueError::new_err(format!("document {which}: span {i} has an empty label"))
        })?;
        if b[0] >= b[1] {
            return Err(PyValueError::new_err(format!(
                "document {which}: span {i} is empty or reversed"
            )));
        }
        if mentions.last().is_some_and(|m| m.end > b[0]) {
            return Err(PyValueError::new_err(format!(
                "document {which}: span {i} overlaps or precedes the one before; give spans \
                 sorted and non-overlapping"
            )));
        }
        mentions.push(Mention {
            start: b[0],
            end: b[1],
            label,
            score: 1.0,
            source: Source::Given,
            kb: None,
        });
    }
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
#[pyo3(signature = (train, dev=None, epochs=12, seed=1))]
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

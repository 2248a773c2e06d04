//! `_core.Pipeline`, `_core.Batch` and `_core.CorpusStats`: convert inputs, run
//! the core with the GIL released and panics caught, convert results to
//! code-point tuples.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyList, PyString};
use rayon::prelude::*;

use super::errors::core_call;
use super::offsets::{to_bytes, to_code_points};
use std::sync::Arc;

use crate::extract::tagger::{EpochReport, TrainConfig, TrainingSentence};
use crate::extract::{
    Extractor, GazetteerBuilder, GazetteerEntry, Label, Lexicon, Mention, NameHeuristic,
    PatternExtractor, Source, Tagger, TaggerModel,
};
use crate::relate::{
    CorpusStats as CoreStats, EntityStats, Evidence, MentionRow as StatsRow, PairStats,
    RelationModel,
};
use crate::resolve::Resolver;
use crate::{Analysis, Pipeline as CorePipeline};
use std::collections::HashMap;

/// One mention as Python sees it: (start, end, label, score, source, id,
/// canonical, entity index, country key, owner entity index).
type MentionRow = (
    usize,
    usize,
    String,
    f32,
    &'static str,
    Option<String>,
    Option<String>,
    usize,
    Option<String>,
    Option<usize>,
);
/// One relation: (source index, target index, label, score, sentence index).
/// (source, target, label, score, sentence, tone, negated, hypothetical, reported)
type RelationRow = (usize, usize, String, f32, usize, f32, bool, bool, bool);
/// One entity of a document: (key, name, label, mentions, sentences, aliases
/// most frequent first).
type DocEntityRow = (String, String, String, usize, usize, Vec<String>);
/// One document: (sentences, mentions, relations, entities), offsets in code points.
type DocRow = (
    Vec<(usize, usize)>,
    Vec<MentionRow>,
    Vec<RelationRow>,
    Vec<DocEntityRow>,
);

/// The bundled entries (TSV), then the user's `(id, label, canonical, alias,
/// case_sensitive)` entries, which win where both match; with the alias count.
pub(super) fn build_gazetteer(
    tsv: Option<&[u8]>,
    entries: Vec<(String, String, String, String, bool)>,
) -> crate::Result<(crate::extract::Gazetteer, usize)> {
    let mut builder = GazetteerBuilder::new();
    builder.reserve(entries.len());
    if let Some(tsv) = tsv {
        builder.add_tsv_bytes(tsv)?;
    }
    for (i, (id, label, canonical, alias, case_sensitive)) in entries.into_iter().enumerate() {
        let bad = |message: String| crate::Error::Gazetteer {
            line: Some(i + 1),
            message: format!("{message} (user entry {})", i + 1),
        };
        let label = Label::parse(&label).ok_or_else(|| bad("the label is empty".into()))?;
        builder
            .add(GazetteerEntry {
                id,
                label,
                canonical,
                alias,
                case_sensitive,
            })
            .map_err(|e| bad(e.to_string()))?;
    }
    let size = builder.len();
    Ok((builder.into_gazetteer()?, size))
}

fn check_threads(n_threads: Option<usize>) -> PyResult<()> {
    if n_threads == Some(0) {
        return Err(PyValueError::new_err("n_threads must be at least 1"));
    }
    Ok(())
}

/// Each sentence's document number: `documents` when given (one per sentence),
/// else each sentence its own document.
fn document_numbers(n: usize, documents: Option<Vec<usize>>, what: &str) -> PyResult<Vec<usize>> {
    match documents {
        None => Ok((0..n).collect()),
        Some(d) if d.len() == n => Ok(d),
        Some(d) => Err(PyValueError::new_err(format!(
            "{what} has {} numbers for {n} sentences",
            d.len()
        ))),
    }
}

/// Tokens of `text` as code-point spans, and sentences as token index ranges
/// `[first, end)`: the tokenizer the pipeline uses, for aligning annotations.
#[pyfunction]
pub fn tokenize(py: Python<'_>, text: &str) -> PyResult<TokenRows> {
    let text = text.to_owned();
    core_call(py, move || {
        let doc = crate::text::Document::new(text);
        let mut offsets: Vec<usize> = doc.tokens.iter().flat_map(|t| [t.start, t.end]).collect();
        to_code_points(&doc.text, &mut offsets);
        let tokens = offsets.chunks_exact(2).map(|p| (p[0], p[1])).collect();
        let sentences = doc
            .sentences
            .iter()
            .map(|s| (s.tokens.start, s.tokens.end))
            .collect();
        Ok((tokens, sentences))
    })
}

/// Token spans and sentence token ranges.
type TokenRows = (Vec<(usize, usize)>, Vec<(usize, usize)>);

/// Extracts a list of texts, naming the index of the first bad item.
fn texts_from(list: &Bound<'_, PyList>, first_index: u64) -> PyResult<Vec<String>> {
    let mut texts = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let i = first_index + i as u64;
        let Ok(s) = item.cast::<PyString>() else {
            return Err(PyTypeError::new_err(format!(
                "item {i} of the input is {}, expected str",
                item.get_type().name()?
            )));
        };
        let text = s.to_str().map_err(|_| {
            PyValueError::new_err(format!(
                "item {i} of the input contains a lone surrogate (U+D800..U+DFFF), which is \
                 not valid Unicode; clean it first, e.g. \
                 text.encode('utf-8', 'replace').decode('utf-8')"
            ))
        })?;
        texts.push(text.to_owned());
    }
    Ok(texts)
}

/// Given entities of one text as Python passes them: (start, end, label),
/// code-point offsets.
type GivenRow = (usize, usize, String);

/// Checks one text's given entities and converts them to byte-offset
/// mentions: offsets within the text, start below end, a known label (re3d's
/// or one of the tagger's `extra_labels`). Errors name the text by `index` and
/// the entity by its position.
pub(super) fn given_mentions(
    text: &str,
    index: u64,
    rows: Vec<GivenRow>,
    extra_labels: &[String],
) -> PyResult<Vec<Mention>> {
    let n_chars = if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    };
    let bad = |j: usize, row: &GivenRow, why: String| {
        PyValueError::new_err(format!(
            "entity {j} of text {index}, ({}, {}, '{}'): {why}",
            row.0, row.1, row.2
        ))
    };
    let mut labels = Vec::with_capacity(rows.len());
    let mut offsets = Vec::with_capacity(2 * rows.len());
    for (j, row) in rows.iter().enumerate() {
        let (start, end, name) = (row.0, row.1, row.2.as_str());
        if start >= end {
            return Err(bad(j, row, "start must be below end".into()));
        }
        if end > n_chars {
            return Err(bad(
                j,
                row,
                format!("end is past the end of the text ({n_chars} characters)"),
            ));
        }
        let label = Label::re3d(name)
            .or_else(|| {
                extra_labels
                    .iter()
                    .any(|l| l == name)
                    .then(|| Label::parse(name))?
            })
            .ok_or_else(|| {
                let known: Vec<String> = Label::re3d_names()
                    .map(String::from)
                    .chain(
                        extra_labels
                            .iter()
                            .filter(|l| Label::re3d(l).is_none())
                            .cloned(),
                    )
                    .collect();
                bad(
                    j,
                    row,
                    format!("unknown label; expected one of {}", known.join(", ")),
                )
            })?;
        labels.push(label);
        offsets.extend([start, end]);
    }
    // Ranges were checked above, so the conversion cannot fail.
    to_bytes(text, &mut offsets).map_err(|i| bad(i / 2, &rows[i / 2], "out of range".into()))?;
    Ok(labels
        .into_iter()
        .zip(offsets.chunks_exact(2))
        .map(|(label, p)| Mention {
            start: p[0],
            end: p[1],
            label,
            score: 1.0,
            source: Source::Given,
            kb: None,
        })
        .collect())
}

/// Converts one analysis to Python rows, byte offsets to code points in one pass.
fn doc_row(a: &Analysis) -> DocRow {
    let mut offsets: Vec<usize> =
        Vec::with_capacity(2 * (a.doc.sentences.len() + a.mentions.len()));
    for s in &a.doc.sentences {
        offsets.extend([s.start, s.end]);
    }
    for m in &a.mentions {
        offsets.extend([m.start, m.end]);
    }
    to_code_points(&a.doc.text, &mut offsets);
    let (sentence_offsets, mention_offsets) = offsets.split_at(2 * a.doc.sentences.len());
    let sentences = sentence_offsets
        .chunks_exact(2)
        .map(|p| (p[0], p[1]))
        .collect();
    let r = &a.resolution;
    let mentions = a
        .mentions
        .iter()
        .zip(mention_offsets.chunks_exact(2))
        .enumerate()
        .map(|(i, (m, p))| {
            (
                p[0],
                p[1],
                m.label.to_string(),
                m.score,
                m.source.as_str(),
                m.kb.as_ref().map(|kb| kb.id.to_string()),
                m.kb.as_ref().map(|kb| kb.name.to_string()),
                r.entity_of[i],
                r.country[i].clone(),
                r.owner[i],
            )
        })
        .collect();
    let relations = a
        .relations
        .iter()
        .map(|r| {
            (
                r.source,
                r.target,
                r.label.to_string(),
                r.score,
                r.sentence,
                r.tone,
                r.negated,
                r.hypothetical,
                r.reported,
            )
        })
        .collect();
    let entities = r
        .entities
        .iter()
        .map(|e| {
            let aliases = e.aliases(&a.doc.text, &a.mentions);
            (
                e.key.clone(),
                e.name.clone(),
                e.label.to_string(),
                e.mentions.len(),
                e.sentence_count(&a.doc, &a.mentions),
                aliases
                    .into_iter()
                    .map(|(form, _)| form.to_string())
                    .collect(),
            )
        })
        .collect();
    (sentences, mentions, relations, entities)
}

/// The compiled pipeline: gazetteer and name heuristic. Immutable, shared freely
/// between threads.
#[pyclass(frozen, module = "actorgraph._core")]
pub struct Pipeline {
    core: CorePipeline,
    gazetteer_size: usize,
    lexicon: Arc<Lexicon>,
    model_labels: Vec<String>,
}

#[pymethods]
impl Pipeline {
    /// Builds a pipeline from the bundled gazetteer TSV (gzipped or not; or None), extra entries
    /// `(id, label, canonical, alias, case_sensitive)` added after it, the
    /// lexicon TSV (or None), a tagger model's bytes (or None), whether the
    /// name heuristic runs after the other sources, and whether the pattern
    /// extractors (dates, money, identifiers...) run, whether the tagger cuts
    /// titles from person spans, whether names the gazetteer knows keep its
    /// type, pairs of entity keys never to link by surname or acronym, and a
    /// relation model's bytes (or None: every same-sentence pair co-occurs).
    #[new]
    #[pyo3(signature = (gazetteer_tsv, entries, lexicon_tsv, model=None, heuristic=true, patterns=true, strip_titles=true, gazetteer_types=true, do_not_merge=Vec::new(), relations=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        gazetteer_tsv: Option<&[u8]>,
        entries: Vec<(String, String, String, String, bool)>,
        lexicon_tsv: Option<String>,
        model: Option<Vec<u8>>,
        heuristic: bool,
        patterns: bool,
        strip_titles: bool,
        gazetteer_types: bool,
        do_not_merge: Vec<(String, String)>,
        relations: Option<Vec<u8>>,
    ) -> PyResult<Pipeline> {
        core_call(py, || -> crate::Result<Pipeline> {
            // The gazetteer, the pattern regexes and the tagger (model, then the
            // rows of frequent words) build on three threads. Scoped threads, not
            // rayon: building a Pipeline must not start the global pool,
            // which a later fork() would leave unusable in the child.
            let (gazetteer, patterns, others) = std::thread::scope(|scope| {
                let patterns = scope.spawn(|| patterns.then(PatternExtractor::new));
                let others = scope.spawn(|| -> crate::Result<_> {
                    let lexicon = Arc::new(match &lexicon_tsv {
                        Some(tsv) => Lexicon::from_tsv(tsv)?,
                        None => Lexicon::new(),
                    });
                    let model = model.as_deref().map(TaggerModel::from_bytes).transpose()?;
                    let tagger = model.map(|model| {
                        Tagger::new(model, lexicon.clone())
                            .strip_titles(strip_titles)
                            .gazetteer_types(gazetteer_types)
                            .warmed()
                    });
                    Ok((lexicon, tagger))
                });
                let gazetteer = build_gazetteer(gazetteer_tsv, entries);
                // A panic on a helper thread resurfaces here, inside core_call's guard.
                let others = others
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                let patterns = patterns
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
                (gazetteer, patterns, others)
            });
            let (gazetteer, gazetteer_size) = gazetteer?;
            let (lexicon, tagger) = others?;
            let mut sources: Vec<Box<dyn Extractor>> = vec![Box::new(gazetteer)];
            if let Some(p) = patterns {
                sources.push(Box::new(p));
            }
            let mut model_labels = Vec::new();
            if let Some(tagger) = tagger {
                model_labels = tagger
                    .model()
                    .labels()
                    .iter()
                    .map(|l| l.to_string())
                    .collect();
                sources.push(Box::new(tagger));
            }
            if heuristic {
                sources.push(Box::new(NameHeuristic::new(lexicon.clone())));
            }
            let mut core = CorePipeline::new(sources).with_resolver(resolver_of(do_not_merge));
            if let Some(bytes) = &relations {
                core = core.with_relations(Arc::new(RelationModel::from_bytes(bytes)?));
            }
            Ok(Pipeline {
                core,
                gazetteer_size,
                lexicon,
                model_labels,
            })
        })
    }

    /// Entity labels of the tagger model, `[]` without one.
    #[getter]
    fn model_labels(&self) -> Vec<String> {
        self.model_labels.clone()
    }

    /// The tagger alone on pre-tokenized sentences (the gazetteer's matches still
    /// serve as its features): spans as word index ranges `[start, end)` with
    /// label and confidence.
    #[pyo3(signature = (sentences, n_threads=None, *, documents=None))]
    fn tag_words(
        &self,
        py: Python<'_>,
        sentences: Vec<Vec<String>>,
        n_threads: Option<usize>,
        documents: Option<Vec<usize>>,
    ) -> PyResult<Vec<Vec<(usize, usize, String, f32)>>> {
        check_threads(n_threads)?;
        let documents = document_numbers(sentences.len(), documents, "documents")?;
        core_call(py, || {
            let tagged = self.core.tag_words(&sentences, &documents, n_threads)?;
            Ok(tagged
                .into_iter()
                .map(|spans| {
                    spans
                        .into_iter()
                        .map(|(s, e, l, c)| (s, e, l.to_string(), c))
                        .collect()
                })
                .collect())
        })
    }

    /// Trains a tagger on `(words, spans)` sentences, spans as word index ranges
    /// `[start, end)` with a label; features include this pipeline's gazetteer
    /// matches. `progress(epoch, train_accuracy, dev_f1)` is called after each
    /// epoch; an exception it raises (or Ctrl-C) stops training and propagates.
    /// Returns the model's bytes.
    #[pyo3(signature = (
        train, dev=None, epochs=15, seed=0, patience=3, progress=None, *,
        train_documents=None, dev_documents=None
    ))]
    #[allow(clippy::too_many_arguments)]
    fn train_tagger(
        &self,
        py: Python<'_>,
        train: Vec<(Vec<String>, Vec<(usize, usize, String)>)>,
        dev: Option<Vec<(Vec<String>, Vec<(usize, usize, String)>)>>,
        epochs: usize,
        seed: u64,
        patience: usize,
        progress: Option<Py<PyAny>>,
        train_documents: Option<Vec<usize>>,
        dev_documents: Option<Vec<usize>>,
    ) -> PyResult<Py<PyBytes>> {
        if epochs == 0 {
            return Err(PyValueError::new_err("epochs must be at least 1"));
        }
        let document_features = train_documents.is_some();
        let sentences = |rows: Vec<(Vec<String>, Vec<(usize, usize, String)>)>,
                         documents: Option<Vec<usize>>,
                         what: &str| {
            let documents = document_numbers(rows.len(), documents, what)?;
            Ok::<_, PyErr>(
                rows.into_iter()
                    .zip(documents)
                    .map(|((words, spans), document)| TrainingSentence {
                        words,
                        spans,
                        document,
                    })
                    .collect::<Vec<_>>(),
            )
        };
        let train = sentences(train, train_documents, "train_documents")?;
        let dev = sentences(dev.unwrap_or_default(), dev_documents, "dev_documents")?;
        let config = TrainConfig {
            epochs,
            seed,
            patience,
            document_features,
            ..TrainConfig::default()
        };
        // The callback needs the GIL; the training loop runs without it and
        // re-attaches once per epoch, which is also when Ctrl-C is noticed.
        let mut failure: Option<PyErr> = None;
        let bytes = core_call(py, || {
            let mut on_epoch = |r: &EpochReport| -> bool {
                Python::attach(|py| {
                    let outcome = py.check_signals().and_then(|()| match &progress {
                        Some(f) => f.call1(py, (r.epoch, r.train_accuracy, r.dev_f1)).map(drop),
                        None => Ok(()),
                    });
                    match outcome {
                        Ok(()) => true,
                        Err(e) => {
                            failure = Some(e);
                            false
                        }
                    }
                })
            };
            let model =
                self.core
                    .train_tagger(&train, &dev, &self.lexicon, &config, &mut on_epoch)?;
            Ok(model.to_bytes())
        })?;
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(PyBytes::new(py, &bytes).unbind())
    }

    /// Number of gazetteer aliases.
    #[getter]
    fn gazetteer_size(&self) -> usize {
        self.gazetteer_size
    }

    /// Analyses a list of texts in parallel; one row per text, in order. Errors
    /// name items by `first_index` plus their position in the list.
    /// `entities`, when given, holds one entry per text: None to extract its
    /// entities, or its own `(start, end, label)` mentions in code points.
    #[pyo3(signature = (texts, n_threads=None, first_index=0, entities=None))]
    fn process(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyList>,
        n_threads: Option<usize>,
        first_index: u64,
        entities: Option<Vec<Option<Vec<GivenRow>>>>,
    ) -> PyResult<Vec<DocRow>> {
        Ok(self
            .run(py, texts, n_threads, first_index, entities, false)?
            .0)
    }

    /// Like `process` (or `process_with_stats` with `with_stats`), the rows
    /// left in Rust: see `Batch`.
    #[pyo3(signature = (texts, first_index, n_threads=None, entities=None, with_stats=false))]
    fn process_deferred(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyList>,
        first_index: u64,
        n_threads: Option<usize>,
        entities: Option<Vec<Option<Vec<GivenRow>>>>,
        with_stats: bool,
    ) -> PyResult<Batch> {
        let (rows, stats) = self.run(py, texts, n_threads, first_index, entities, with_stats)?;
        Ok(Batch {
            rows: Some(rows),
            stats: stats.map(|core| self.stats_of(core)),
        })
    }

    /// Like `process`, and also the corpus statistics of the batch, whose
    /// documents are numbered from `first_index`.
    #[pyo3(signature = (texts, first_index, n_threads=None, entities=None))]
    fn process_with_stats(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyList>,
        first_index: u64,
        n_threads: Option<usize>,
        entities: Option<Vec<Option<Vec<GivenRow>>>>,
    ) -> PyResult<(Vec<DocRow>, CorpusStats)> {
        let (rows, stats) = self.run(py, texts, n_threads, first_index, entities, true)?;
        Ok((rows, self.stats_of(stats.unwrap_or_default())))
    }
}

impl Pipeline {
    /// A batch's statistics for Python, with this pipeline's resolver for
    /// linking across documents.
    fn stats_of(&self, core: CoreStats) -> CorpusStats {
        CorpusStats {
            core,
            resolver: self.core.resolver().clone(),
            linked: Default::default(),
        }
    }

    fn run(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyList>,
        n_threads: Option<usize>,
        first_index: u64,
        entities: Option<Vec<Option<Vec<GivenRow>>>>,
        with_stats: bool,
    ) -> PyResult<(Vec<DocRow>, Option<CoreStats>)> {
        check_threads(n_threads)?;
        let texts = texts_from(texts, first_index)?;
        let given = match entities {
            None => None,
            Some(lists) if lists.len() != texts.len() => {
                return Err(PyValueError::new_err(format!(
                    "got {} entity lists for {} texts",
                    lists.len(),
                    texts.len()
                )))
            }
            Some(lists) => Some(
                lists
                    .into_iter()
                    .zip(&texts)
                    .enumerate()
                    .map(|(i, (rows, text))| {
                        let index = first_index + i as u64;
                        rows.map(|rows| given_mentions(text, index, rows, &self.model_labels))
                            .transpose()
                    })
                    .collect::<PyResult<Vec<_>>>()?,
            ),
        };
        core_call(py, || -> crate::Result<(Vec<DocRow>, Option<CoreStats>)> {
            let analyses = match given {
                Some(given) => self.core.analyze_batch_given(&texts, given, n_threads)?,
                None => self.core.analyze_batch(&texts, n_threads)?,
            };
            let stats = || {
                with_stats.then(|| {
                    let mut stats = CoreStats::new();
                    for (i, a) in analyses.iter().enumerate() {
                        let index = first_index + i as u64;
                        stats.add_document(index, &a.doc, &a.mentions, &a.resolution);
                    }
                    stats
                })
            };
            // Rows in parallel too, and beside the statistics: run serially after
            // the batch, their string copies and offset conversion left a core
            // idle (issue 7's scaling).
            if n_threads == Some(1) {
                return Ok((analyses.iter().map(doc_row).collect(), stats()));
            }
            let rows = || analyses.par_iter().map(doc_row).collect();
            let (rows, stats) = crate::pool::run(n_threads, || rayon::join(rows, stats))?;
            Ok((rows, stats))
        })
    }
}

/// The rows of a batch analysed by `Pipeline.process_deferred`, not yet turned
/// into Python objects.
///
/// Why: `pipe` and `analyze` run the next batch on a helper thread while the
/// caller builds this batch's Docs. Converting rows to Python objects holds the
/// GIL; done on the helper thread, it kept the cores idle until it finished
/// (the next batch cannot start before the call returns). Returned as this
/// handle, the helper is free at once and the caller converts the rows itself.
#[pyclass(module = "actorgraph._core")]
pub struct Batch {
    rows: Option<Vec<DocRow>>,
    stats: Option<CorpusStats>,
}

#[pymethods]
impl Batch {
    /// The rows, as `process` returns them; then the statistics (or None) as
    /// `process_with_stats` does. Each once: a second call raises `ValueError`.
    fn rows(&mut self) -> PyResult<Vec<DocRow>> {
        self.rows
            .take()
            .ok_or_else(|| PyValueError::new_err("the rows of this batch were already taken"))
    }

    /// The batch's corpus statistics (with `with_stats`), else None; once.
    fn stats(&mut self) -> Option<CorpusStats> {
        self.stats.take()
    }
}

/// One entity row: (key, name, label, mentions, sentences, documents, surface
/// forms with their mention counts, most frequent first).
type EntityRow = (String, String, String, u64, u64, u64, Vec<(String, u64)>);
/// One pair row: (key a, key b, sentences, documents, pmi, npmi, llr, p-value,
/// evidence as (document index, sentence index) pairs).
type PairRow = (
    String,
    String,
    u64,
    u64,
    f64,
    f64,
    f64,
    f64,
    Vec<(u64, u32)>,
);

/// Mergeable corpus statistics: entity counts, pair co-occurrence over
/// sentences, PMI and NPMI computed from the merged counts.
#[pyclass(module = "actorgraph._core")]
#[derive(Default)]
pub struct CorpusStats {
    core: CoreStats,
    /// The analyst's "do not merge" pairs, which linking across documents
    /// honours.
    resolver: Resolver,
    /// `core.linked_with_renames(&resolver)`, computed on first read after a
    /// change.
    linked: std::sync::OnceLock<(CoreStats, HashMap<String, String>)>,
}

/// Pickled state: (documents, sentences, entities, pairs), plain tuples so that
/// pickling never executes anything but building these numbers back.
type StatsState = (
    u64,
    u64,
    Vec<(
        String,
        String,
        Option<String>,
        Vec<(String, u64)>,
        u64,
        u64,
        u64,
        Option<u64>,
    )>,
    Vec<(String, String, u64, u64, Vec<(u64, u32)>)>,
    Vec<(String, String)>,
);

#[pymethods]
impl CorpusStats {
    /// Empty statistics, the identity of `merge`.
    #[new]
    fn new() -> CorpusStats {
        CorpusStats::default()
    }

    /// The counts as plain tuples, for pickling (Dask and multiprocessing ship
    /// statistics between processes).
    fn __getstate__(&self) -> StatsState {
        let c = &self.core;
        let mut entities: Vec<_> = c
            .entities()
            .map(|(k, e)| {
                let surfaces = e.surfaces.iter().map(|(s, n)| (s.clone(), *n)).collect();
                let (label, canonical) = (e.label.clone(), e.canonical.clone());
                (
                    k.to_string(),
                    label,
                    canonical,
                    surfaces,
                    e.mentions,
                    e.sentences,
                    e.documents,
                    e.document,
                )
            })
            .collect();
        entities.sort_by(|x, y| x.0.cmp(&y.0));
        let mut pairs: Vec<_> = c
            .pairs()
            .map(|(a, b, p)| {
                let evidence = p
                    .evidence
                    .iter()
                    .map(|e| (e.document, e.sentence))
                    .collect();
                (
                    a.to_string(),
                    b.to_string(),
                    p.sentences,
                    p.documents,
                    evidence,
                )
            })
            .collect();
        pairs.sort_by(|x, y| (&x.0, &x.1).cmp(&(&y.0, &y.1)));
        let do_not_merge = self.resolver.do_not_merge_pairs();
        (c.documents, c.sentences, entities, pairs, do_not_merge)
    }

    fn __setstate__(&mut self, state: StatsState) {
        let (documents, sentences, entities, pairs, do_not_merge) = state;
        let mut core = CoreStats::new();
        core.documents = documents;
        core.sentences = sentences;
        for (key, label, canonical, surfaces, mentions, sentences, documents, document) in entities
        {
            let e = EntityStats {
                label,
                canonical,
                surfaces: surfaces.into_iter().collect(),
                mentions,
                sentences,
                documents,
                document,
            };
            core.add_entity(&key, &e);
        }
        for (a, b, sentences, documents, evidence) in pairs {
            let evidence: Vec<Evidence> = evidence
                .into_iter()
                .map(|(document, sentence)| Evidence { document, sentence })
                .collect();
            let p = PairStats {
                sentences,
                documents,
                evidence: &evidence,
            };
            core.add_pair(&a, &b, p);
        }
        self.core = core;
        self.resolver = resolver_of(do_not_merge);
        self.linked = Default::default();
    }

    /// Adds one document analysed earlier: its index in the corpus, its number
    /// of sentences and, per mention in text order, (entity key, entity label,
    /// entity name, mention text, sentence index or None).
    #[allow(clippy::type_complexity)]
    fn add_doc(
        &mut self,
        py: Python<'_>,
        index: u64,
        sentences: u64,
        mentions: Vec<(String, String, String, String, Option<usize>)>,
    ) -> PyResult<()> {
        let core = &mut self.core;
        core_call(py, || {
            let rows = mentions
                .iter()
                .map(|(key, label, name, surface, sentence)| StatsRow {
                    key,
                    label,
                    name,
                    surface,
                    sentence: *sentence,
                });
            core.add_rows(index, sentences, rows);
            Ok(())
        })?;
        self.linked = Default::default();
        Ok(())
    }

    /// Pairs of entity keys never to link across documents (the Pipeline's
    /// `do_not_merge`); replaces any given before.
    fn set_do_not_merge(&mut self, pairs: Vec<(String, String)>) {
        self.resolver = resolver_of(pairs);
        self.linked = Default::default();
    }

    /// Adds `other`'s counts (and "do not merge" pairs) into these. With
    /// `offset`, `other` numbers its documents from 0 and they count as the
    /// documents from `offset` on (partitions analysed apart, in order).
    #[pyo3(signature = (other, offset=None))]
    fn merge(
        &mut self,
        py: Python<'_>,
        other: PyRef<'_, CorpusStats>,
        offset: Option<u64>,
    ) -> PyResult<()> {
        let (mine, theirs) = (&mut self.core, &other.core);
        core_call(py, || {
            match offset {
                Some(offset) => mine.merge_shifted(theirs, offset),
                None => mine.merge(theirs),
            }
            Ok(())
        })?;
        let mut pairs = self.resolver.do_not_merge_pairs();
        pairs.extend(other.resolver.do_not_merge_pairs());
        self.resolver = resolver_of(pairs);
        self.linked = Default::default();
        Ok(())
    }

    /// The entity key the tables show for each mention, given as (document
    /// index, entity key, entity label, entity name) as `add_doc` takes it:
    /// the key itself, or for a bare one-word person name the key kept to its
    /// document (`Person:leon#3`) or the full name it was linked to.
    fn entity_keys(
        &self,
        py: Python<'_>,
        mentions: Vec<(u64, String, String, String)>,
    ) -> PyResult<Vec<String>> {
        core_call(py, || {
            let renames = &self.linked_and_renames().1;
            Ok(mentions
                .iter()
                .map(|(index, key, label, name)| {
                    let row = StatsRow {
                        key,
                        label,
                        name,
                        surface: name,
                        sentence: None,
                    };
                    let counted = CoreStats::counted_key(*index, &row);
                    match renames.get(counted.as_ref()) {
                        Some(linked) => linked.clone(),
                        None => counted.into_owned(),
                    }
                })
                .collect())
        })
    }

    /// Number of documents counted.
    #[getter]
    fn documents(&self) -> u64 {
        self.core.documents
    }

    /// Number of sentences counted.
    #[getter]
    fn sentences(&self) -> u64 {
        self.core.sentences
    }

    /// Entity rows, by mentions descending, then name, then key.
    fn entities(&self, py: Python<'_>) -> PyResult<Vec<EntityRow>> {
        core_call(py, || Ok(self.entity_rows()))
    }

    /// Pair rows with at least `min_count` shared sentences, by count descending,
    /// then NPMI descending, then keys.
    #[pyo3(signature = (min_count=1))]
    fn pairs(&self, py: Python<'_>, min_count: u64) -> PyResult<Vec<PairRow>> {
        core_call(py, || Ok(self.pair_rows(min_count)))
    }
}

impl CorpusStats {
    /// The statistics as the tables show them: bare names linked across
    /// documents where the corpus allows (`CoreStats::linked`).
    fn linked(&self) -> &CoreStats {
        &self.linked_and_renames().0
    }

    fn linked_and_renames(&self) -> &(CoreStats, HashMap<String, String>) {
        self.linked
            .get_or_init(|| self.core.linked_with_renames(&self.resolver))
    }

    fn entity_rows(&self) -> Vec<EntityRow> {
        let mut rows: Vec<EntityRow> = self
            .linked()
            .entities()
            .map(|(k, e)| {
                let mut surfaces: Vec<(&String, &u64)> = e.surfaces.iter().collect();
                surfaces.sort_by(|a, b| b.1.cmp(a.1).then_with(|| a.0.cmp(b.0)));
                (
                    k.to_string(),
                    e.name().to_string(),
                    e.label.clone(),
                    e.mentions,
                    e.sentences,
                    e.documents,
                    surfaces.into_iter().map(|(s, n)| (s.clone(), *n)).collect(),
                )
            })
            .collect();
        rows.sort_by(|a, b| {
            b.3.cmp(&a.3)
                .then_with(|| a.1.cmp(&b.1))
                .then_with(|| a.0.cmp(&b.0))
        });
        rows
    }

    fn pair_rows(&self, min_count: u64) -> Vec<PairRow> {
        let linked = self.linked();
        let mut rows: Vec<PairRow> = linked
            .scored_pairs()
            .filter(|(_, _, p, _)| p.sentences >= min_count)
            .map(|(a, b, p, s)| {
                (
                    a.to_string(),
                    b.to_string(),
                    p.sentences,
                    p.documents,
                    s.pmi,
                    s.npmi,
                    s.llr,
                    s.p_value,
                    p.evidence
                        .iter()
                        .map(|e| (e.document, e.sentence))
                        .collect(),
                )
            })
            .collect();
        rows.sort_by(|x, y| {
            y.2.cmp(&x.2)
                .then(y.5.total_cmp(&x.5))
                .then_with(|| (&x.0, &x.1).cmp(&(&y.0, &y.1)))
        });
        rows
    }
}

/// A resolver that never links the given pairs of entity keys.
fn resolver_of(pairs: Vec<(String, String)>) -> Resolver {
    pairs
        .into_iter()
        .fold(Resolver::new(), |r, (a, b)| r.do_not_merge(&a, &b))
}

/// Panics inside a guarded core call. Exists only so that tests can prove a panic
/// reaches Python as `InternalError` and leaves everything usable.
#[pyfunction]
pub fn _panic_for_tests(py: Python<'_>, message: String) -> PyResult<()> {
    core_call(py, || -> crate::Result<()> { panic!("{message}") })
}

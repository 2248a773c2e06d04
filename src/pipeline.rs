//! The pipeline: text → document → mentions from every source → merged
//! mentions → relations.

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::extract::tagger::{self, EpochReport, TrainConfig, TrainingSentence};
use crate::extract::{extract_all, Extractor, Label, Lexicon, Mention, Source, TaggerModel};
use crate::relate::{sentence_pairs, CorpusStats, Relation};
use crate::resolve::{Resolution, Resolver};
use crate::text::Document;

/// Everything the pipeline found in one text, in byte offsets.
#[derive(Clone, Debug)]
pub struct Analysis {
    /// The tokenized text.
    pub doc: Document,
    /// Mentions, sorted by start and non-overlapping.
    pub mentions: Vec<Mention>,
    /// Relations between mentions, in text order.
    pub relations: Vec<Relation>,
    /// Which mentions name the same entity.
    pub resolution: Resolution,
}

/// An immutable set of extraction sources, run in precedence order.
pub struct Pipeline {
    /// Sorted by [`Extractor::source`] rank, stable for equal ranks.
    sources: Vec<Box<dyn Extractor>>,
    resolver: Resolver,
}

impl Pipeline {
    /// A pipeline running `sources`. They run in the order of their
    /// [`Source`] rank (given, pattern, gazetteer, model, heuristic), each seeing
    /// what the earlier ones found; sources of equal rank keep the given order.
    pub fn new(mut sources: Vec<Box<dyn Extractor>>) -> Pipeline {
        sources.sort_by_key(|s| s.source());
        Pipeline {
            sources,
            resolver: Resolver::default(),
        }
    }

    /// The pipeline with `resolver` deciding which mentions name one entity.
    pub fn with_resolver(mut self, resolver: Resolver) -> Pipeline {
        self.resolver = resolver;
        self
    }

    fn all_sources(&self) -> Vec<&dyn Extractor> {
        self.sources.iter().map(|s| s.as_ref()).collect()
    }

    /// The sources a tagger sees as features: those ranked above it.
    fn tagger_priors(&self) -> Vec<&dyn Extractor> {
        self.sources
            .iter()
            .filter(|s| s.source() < Source::Model)
            .map(|s| s.as_ref())
            .collect()
    }

    /// Analyses one text.
    pub fn analyze(&self, text: &str) -> Analysis {
        let doc = Document::new(text);
        let mentions = extract_all(&doc, &self.all_sources());
        let relations = sentence_pairs(&doc, &mentions);
        let resolution = self.resolver.resolve(&doc, &mentions);
        Analysis {
            doc,
            mentions,
            relations,
            resolution,
        }
    }

    /// Analyses many texts in parallel, results in input order. `threads` sets the
    /// pool size; `None` uses rayon's global pool (all cores unless
    /// `RAYON_NUM_THREADS` says otherwise).
    ///
    /// # Errors
    /// [`Error::Data`] when a thread pool of that size cannot be started.
    pub fn analyze_batch<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        threads: Option<usize>,
    ) -> Result<Vec<Analysis>> {
        if threads == Some(1) {
            // One thread: no pool at all (starting one per call costs a thread spawn,
            // and `nlp(text)` calls this for every document).
            return Ok(texts.iter().map(|t| self.analyze(t.as_ref())).collect());
        }
        let run = || texts.par_iter().map(|t| self.analyze(t.as_ref())).collect();
        in_pool(threads, run)
    }

    /// Runs only the model sources (taggers) on pre-tokenized sentences, with the
    /// higher-precedence sources' matches as features: what evaluation on CoNLL
    /// data needs. Spans are word index ranges with label and confidence.
    /// `documents` numbers the sentences: neighbours with the same number are
    /// tagged as one document (see [`Document::from_sentences`]).
    pub fn tag_words<S: AsRef<str> + Sync>(
        &self,
        sentences: &[Vec<S>],
        documents: &[usize],
        threads: Option<usize>,
    ) -> Result<Vec<Vec<(usize, usize, Label, f32)>>> {
        let priors = self.tagger_priors();
        let models: Vec<&dyn Extractor> = self
            .sources
            .iter()
            .filter(|s| s.source() == Source::Model)
            .map(|s| s.as_ref())
            .collect();
        // Runs of sentences with the same document number.
        let mut groups = Vec::new();
        let mut start = 0;
        for i in 1..=sentences.len() {
            if i == sentences.len() || documents.get(i) != documents.get(start) {
                groups.push(start..i);
                start = i;
            }
        }
        let run = || {
            groups
                .par_iter()
                .flat_map_iter(|range| {
                    let group = &sentences[range.clone()];
                    let doc = Document::from_sentences(group);
                    let prior = extract_all(&doc, &priors);
                    let mut found = Vec::new();
                    for m in &models {
                        m.extract(&doc, &prior, &mut found);
                    }
                    let mut out: Vec<Vec<(usize, usize, Label, f32)>> =
                        vec![Vec::new(); group.len()];
                    // Document sentence k is the k-th non-empty input sentence.
                    let index: Vec<usize> =
                        (0..group.len()).filter(|&i| !group[i].is_empty()).collect();
                    for m in crate::extract::merge(found) {
                        let s = doc.tokens.partition_point(|t| t.end <= m.start);
                        let e = doc.tokens.partition_point(|t| t.start < m.end);
                        let Some(k) = doc.sentence_at(m.start) else {
                            continue;
                        };
                        let first = doc.sentences[k].tokens.start;
                        out[index[k]].push((s - first, e - first, m.label, m.score));
                    }
                    out
                })
                .collect()
        };
        in_pool(threads, run)
    }

    /// Trains a tagger whose features include this pipeline's gazetteer and
    /// pattern matches, as they will be when the tagger runs in it.
    ///
    /// # Errors
    /// [`Error::Training`] for unusable data.
    pub fn train_tagger(
        &self,
        train: &[TrainingSentence],
        dev: &[TrainingSentence],
        lexicon: &Lexicon,
        config: &TrainConfig,
        on_epoch: &mut dyn FnMut(&EpochReport) -> bool,
    ) -> Result<TaggerModel> {
        tagger::train(train, dev, &self.tagger_priors(), lexicon, config, on_epoch)
    }
}

/// Runs `job` on a pool of `threads` threads, or the global pool for `None`.
fn in_pool<T: Send>(threads: Option<usize>, job: impl FnOnce() -> T + Send) -> Result<T> {
    match threads {
        None => Ok(job()),
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map(|pool| pool.install(job))
            .map_err(|e| Error::Data {
                what: "thread pool".into(),
                message: e.to_string(),
            }),
    }
}

impl Analysis {
    /// This document's corpus statistics, as the `index`-th of its corpus.
    pub fn stats(&self, index: u64) -> CorpusStats {
        CorpusStats::from_document(index, &self.doc, &self.mentions, &self.resolution)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_types_are_thread_safe() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Pipeline>();
        assert_send_sync::<Analysis>();
        assert_send_sync::<crate::extract::Gazetteer>();
        assert_send_sync::<crate::extract::NameHeuristic>();
        assert_send_sync::<crate::extract::Tagger>();
        assert_send_sync::<CorpusStats>();
    }

    #[test]
    fn batch_equals_one_by_one_for_any_thread_count() {
        let pipeline = Pipeline::new(vec![Box::new(crate::extract::NameHeuristic::default())]);
        let texts: Vec<String> = (0..50)
            .map(|i| format!("Karim Mezran met Bernardino Leon {i} times. Then Haftar left."))
            .collect();
        let serial: Vec<_> = texts.iter().map(|t| pipeline.analyze(t).mentions).collect();
        for threads in [None, Some(1), Some(2), Some(3)] {
            let batch = pipeline
                .analyze_batch(&texts, threads)
                .expect("pool starts");
            let got: Vec<_> = batch.into_iter().map(|a| a.mentions).collect();
            assert_eq!(got, serial);
        }
    }
}

//! The pipeline: text → document → mentions from every source → merged
//! mentions → relations.

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::extract::{merge, Extractor, Mention};
use crate::relate::{sentence_pairs, CorpusStats, Relation};
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
}

/// An immutable set of extractors, run in precedence order.
pub struct Pipeline {
    extractors: Vec<Box<dyn Extractor>>,
}

impl Pipeline {
    /// A pipeline running `extractors` in the given order; put sources of higher
    /// precedence first (see [`crate::extract::merge`]).
    pub fn new(extractors: Vec<Box<dyn Extractor>>) -> Pipeline {
        Pipeline { extractors }
    }

    /// Analyses one text.
    pub fn analyze(&self, text: &str) -> Analysis {
        let doc = Document::new(text);
        let mut mentions: Vec<Mention> = Vec::new();
        for extractor in &self.extractors {
            let mut found = Vec::new();
            extractor.extract(&doc, &mentions, &mut found);
            mentions.append(&mut found);
            mentions = merge(mentions);
        }
        let relations = sentence_pairs(&doc, &mentions);
        Analysis {
            doc,
            mentions,
            relations,
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
        let run = || texts.par_iter().map(|t| self.analyze(t.as_ref())).collect();
        match threads {
            None => Ok(run()),
            Some(1) => Ok(texts.iter().map(|t| self.analyze(t.as_ref())).collect()),
            Some(n) => rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map(|pool| pool.install(run))
                .map_err(|e| Error::Data {
                    what: "thread pool".into(),
                    message: e.to_string(),
                }),
        }
    }
}

impl Analysis {
    /// This document's corpus statistics, as the `index`-th of its corpus.
    pub fn stats(&self, index: u64) -> CorpusStats {
        CorpusStats::from_document(index, &self.doc, &self.mentions)
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

//! The pipeline: text → document → mentions from every source → merged
//! mentions → relations.

use std::sync::Arc;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::extract::tagger::{self, EpochReport, TrainConfig, TrainingSentence};
use crate::extract::{extract_all, merge, Extractor, Label, Lexicon, Mention, Source, TaggerModel};
use crate::relate::{classify_with_tones, sentence_pairs, CorpusStats, Relation, RelationModel};
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
    /// Types relations when set; without it every same-sentence pair is a
    /// co-occurrence.
    relations: Option<Arc<RelationModel>>,
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
            relations: None,
        }
    }

    /// The pipeline with `resolver` deciding which mentions name one entity.
    pub fn with_resolver(mut self, resolver: Resolver) -> Pipeline {
        self.resolver = resolver;
        self
    }

    /// The pipeline with `model` typing the relations between mentions.
    pub fn with_relations(mut self, model: Arc<RelationModel>) -> Pipeline {
        self.relations = Some(model);
        self
    }

    /// The resolver deciding which mentions name one entity.
    pub fn resolver(&self) -> &Resolver {
        &self.resolver
    }

    fn all_sources(&self) -> Vec<&dyn Extractor> {
        self.sources.iter().map(|s| s.as_ref()).collect()
    }

    /// The sources of one kind.
    fn sources_of(&self, kind: Source) -> Vec<&dyn Extractor> {
        self.sources
            .iter()
            .filter(|s| s.source() == kind)
            .map(|s| s.as_ref())
            .collect()
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
        self.relate(doc, mentions)
    }

    /// Analyses one text whose mentions are given (byte offsets on char
    /// boundaries, any order): no entity extraction, only resolution and
    /// relations. Every mention keeps its label and gets source
    /// [`Source::Given`] and score 1.
    ///
    /// Overlapping given mentions are settled as [`merge`] settles any: the
    /// longer span wins (then the earlier start, then the label's name), and
    /// exact duplicates and empty spans vanish. A given span the gazetteer
    /// matches exactly takes its canonical entity ("UAE" → `country:AE`), so
    /// that resolution and corpus keys work as for extracted mentions.
    ///
    /// # Examples
    /// ```
    /// use actorgraph::extract::{Label, Mention, Source};
    /// let pipeline = actorgraph::Pipeline::new(vec![]);
    /// let given = |start, end, label| Mention {
    ///     start, end, label, score: 1.0, source: Source::Given, kb: None,
    /// };
    /// let a = pipeline.analyze_given(
    ///     "Haftar met Leon.",
    ///     vec![given(11, 15, Label::Person), given(0, 6, Label::Person)],
    /// );
    /// assert_eq!(a.mentions.len(), 2);
    /// assert_eq!(a.relations.len(), 1);
    /// ```
    pub fn analyze_given(&self, text: &str, given: Vec<Mention>) -> Analysis {
        let doc = Document::new(text);
        let mut all = extract_all(&doc, &self.sources_of(Source::Gazetteer));
        all.extend(given.into_iter().map(|m| Mention {
            source: Source::Given,
            score: 1.0,
            ..m
        }));
        // Given mentions outrank every other source, so `merge` keeps them all
        // (bar overlaps among themselves) and hands them the canonical entity
        // of a gazetteer match on exactly their span.
        let mut mentions = merge(all);
        mentions.retain(|m| m.source == Source::Given);
        self.relate(doc, mentions)
    }

    /// Relations and resolution of a document's final mentions.
    fn relate(&self, doc: Document, mentions: Vec<Mention>) -> Analysis {
        let relations = match &self.relations {
            Some(model) => classify_with_tones(&doc, &mentions, model),
            None => sentence_pairs(&doc, &mentions),
        };
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
        crate::pool::run(threads, run)
    }

    /// Like [`Pipeline::analyze_batch`], with the mentions of some texts given:
    /// `given[i]` is `Some(mentions)` for a text analysed by
    /// [`Pipeline::analyze_given`], `None` for one whose entities are
    /// extracted.
    ///
    /// # Errors
    /// [`Error::Data`] when `given` and `texts` differ in length, or a thread
    /// pool of that size cannot be started.
    pub fn analyze_batch_given<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        given: Vec<Option<Vec<Mention>>>,
        threads: Option<usize>,
    ) -> Result<Vec<Analysis>> {
        if given.len() != texts.len() {
            return Err(Error::Data {
                what: "given entities".into(),
                message: format!("{} lists for {} texts", given.len(), texts.len()),
            });
        }
        let one = |(t, g): (&S, Option<Vec<Mention>>)| match g {
            Some(g) => self.analyze_given(t.as_ref(), g),
            None => self.analyze(t.as_ref()),
        };
        if threads == Some(1) {
            return Ok(texts.iter().zip(given).map(one).collect());
        }
        let run = || {
            texts
                .par_iter()
                .zip(given.into_par_iter())
                .map(one)
                .collect()
        };
        crate::pool::run(threads, run)
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
        let models = self.sources_of(Source::Model);
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
        crate::pool::run(threads, run)
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

    fn given(start: usize, end: usize, label: Label) -> Mention {
        Mention {
            start,
            end,
            label,
            score: 0.5,
            source: Source::Model,
            kb: None,
        }
    }

    #[test]
    fn given_mentions_replace_extraction() {
        let pipeline = Pipeline::new(vec![Box::new(crate::extract::NameHeuristic::default())]);
        let text = "Karim Mezran met Bernardino Leon. Then Leon left Tripoli.";
        // (given spans, expected kept spans): sorted, overlaps to the longer
        type Row = (Vec<(usize, usize)>, Vec<(usize, usize)>);
        let rows: Vec<Row> = vec![
            (vec![], vec![]),
            (vec![(39, 43), (0, 12)], vec![(0, 12), (39, 43)]),
            // nested and overlapping: the longer span wins
            (vec![(17, 27), (17, 32), (28, 32)], vec![(17, 32)]),
            // duplicates collapse
            (vec![(0, 5), (0, 5)], vec![(0, 5)]),
        ];
        for (spans, want) in rows {
            let mentions = spans
                .iter()
                .map(|&(s, e)| given(s, e, Label::Person))
                .collect();
            let a = pipeline.analyze_given(text, mentions);
            let got: Vec<_> = a.mentions.iter().map(|m| (m.start, m.end)).collect();
            assert_eq!(got, want);
            assert!(a
                .mentions
                .iter()
                .all(|m| m.source == Source::Given && m.score == 1.0));
            assert_eq!(a.resolution.entity_of.len(), a.mentions.len());
        }
        // "Leon" resolves to "Bernardino Leon" as if extracted; relations follow.
        let a = pipeline.analyze_given(
            text,
            vec![
                given(17, 32, Label::Person),
                given(0, 12, Label::Person),
                given(39, 43, Label::Person),
                given(49, 56, Label::Location),
            ],
        );
        let r = &a.resolution;
        assert_eq!(r.entity_of[1], r.entity_of[2]);
        assert_eq!(r.entities[r.entity_of[2]].key, "Person:bernardino leon");
        assert_eq!(a.relations.len(), 2);
    }

    #[test]
    fn given_mentions_take_the_gazetteer_entity_of_their_exact_span() {
        let mut builder = crate::extract::GazetteerBuilder::new();
        builder
            .add(crate::extract::GazetteerEntry {
                id: "country:AE".into(),
                label: Label::Location,
                canonical: "United Arab Emirates".into(),
                alias: "UAE".into(),
                case_sensitive: false,
            })
            .expect("valid entry");
        let pipeline = Pipeline::new(vec![Box::new(builder.build().expect("builds"))]);
        let text = "The UAE and Egypt. UAE forces left.";
        let a = pipeline.analyze_given(
            text,
            vec![
                given(4, 7, Label::Organisation),
                given(19, 29, Label::Organisation),
            ],
        );
        // exact span: canonical entity, given label; longer span: none; the
        // gazetteer's own "Egypt" and "UAE" inside "UAE forces" are not added
        let kb: Vec<_> = a
            .mentions
            .iter()
            .map(|m| (m.label.clone(), m.kb.as_ref().map(|k| &*k.id)))
            .collect();
        assert_eq!(
            kb,
            vec![
                (Label::Organisation, Some("country:AE")),
                (Label::Organisation, None)
            ]
        );
    }

    #[test]
    fn batch_with_given_mentions() {
        let pipeline = Pipeline::new(vec![Box::new(crate::extract::NameHeuristic::default())]);
        let texts = ["Karim Mezran met Bernardino Leon.", "Haftar met Leon."];
        for threads in [None, Some(1), Some(2)] {
            let given_lists = vec![None, Some(vec![given(0, 6, Label::Person)])];
            let batch = pipeline
                .analyze_batch_given(&texts, given_lists, threads)
                .expect("same lengths");
            assert_eq!(batch[0].mentions, pipeline.analyze(texts[0]).mentions);
            assert_eq!(batch[1].mentions.len(), 1);
            assert_eq!(batch[1].mentions[0].source, Source::Given);
        }
        assert!(pipeline
            .analyze_batch_given(&texts, vec![None], None)
            .is_err());
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

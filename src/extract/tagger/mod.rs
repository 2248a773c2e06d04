//! The statistical entity tagger: a structured averaged perceptron over BILOU
//! tags with Viterbi decoding (see `model.rs` for why), trained by [`train`],
//! saved and loaded in a versioned binary format ([`TaggerModel::to_bytes`],
//! [`TaggerModel::from_bytes`]).

mod features;
mod format;
mod model;
mod rows;
mod train;

use std::sync::{Arc, OnceLock};

pub use model::TaggerModel;
pub use train::{train, EpochReport, TrainConfig, TrainingSentence};

use features::{History, Sentence};
use rows::{RowBuffers, RowCache, SharedRows};

use super::heuristic::{Lexicon, TITLES};
use super::{Extractor, Label, Mention, Source};
use crate::error::Result;
use crate::text::Document;

impl TaggerModel {
    /// Serialises the model (format version 1, see `format.rs`).
    pub fn to_bytes(&self) -> Vec<u8> {
        format::to_bytes(self)
    }

    /// Reads a model written by [`TaggerModel::to_bytes`].
    ///
    /// # Errors
    /// [`crate::Error::Model`] when the bytes are not a valid model.
    pub fn from_bytes(bytes: &[u8]) -> Result<TaggerModel> {
        format::from_bytes(bytes)
    }
}

/// The tagger as a pipeline source: a model plus the lexicon its features use.
#[derive(Clone, Debug)]
pub struct Tagger {
    model: Arc<TaggerModel>,
    lexicon: Arc<Lexicon>,
    /// Rows of frequent words, built on first use or by [`Tagger::warmed`];
    /// clones share them.
    shared_rows: Arc<OnceLock<SharedRows>>,
    strip_titles: bool,
    gazetteer_types: bool,
}

impl Tagger {
    /// A tagger running `model` with `lexicon` (the one it was trained with).
    pub fn new(model: TaggerModel, lexicon: Arc<Lexicon>) -> Tagger {
        Tagger {
            model: Arc::new(model),
            lexicon,
            shared_rows: Arc::default(),
            strip_titles: true,
            gazetteer_types: true,
        }
    }

    /// Whether person spans lose leading titles and organisations ("UN Special
    /// Representative Bernardino Leon" gives "Bernardino Leon", and "UN" keeps
    /// its gazetteer mention). On by default: analysts get names to count and
    /// affiliations as separate mentions. re3d's annotators include titles, so
    /// stripping them costs about 1.5 points of re3d F1 (5-fold
    /// cross-validation, `benchmarks/bench_ner.py --re3d-cv`).
    pub fn strip_titles(mut self, yes: bool) -> Tagger {
        self.strip_titles = yes;
        self
    }

    /// Whether a tagged name the gazetteer knows takes the gazetteer's type
    /// (on by default: "Egypt" stays a Location however it acts, so analysts can
    /// filter countries by type). Off, the tagger types it from context, as
    /// re3d's annotators do (a country acting is an Organisation); that scores
    /// about 1.2 points of re3d F1 higher (`benchmarks/bench_ner.py --re3d-cv`).
    /// Either way the mention carries the gazetteer's canonical entity.
    pub fn gazetteer_types(mut self, yes: bool) -> Tagger {
        self.gazetteer_types = yes;
        self
    }

    /// The model.
    pub fn model(&self) -> &TaggerModel {
        &self.model
    }

    /// The tagger with its rows of frequent words already built (about 0.1 s),
    /// rather than on first use.
    pub fn warmed(self) -> Tagger {
        self.shared_rows();
        self
    }

    fn shared_rows(&self) -> &SharedRows {
        self.shared_rows
            .get_or_init(|| SharedRows::build(&self.model, &self.lexicon))
    }

    /// Tags a sentence that starts at document token `first`: spans as
    /// document token index ranges with label index and confidence.
    fn tag_sentence<'d>(
        &self,
        sentence: &Sentence<'d>,
        first: usize,
        rows: &mut RowCache<'d>,
        history: &mut History,
    ) -> Vec<(usize, usize, usize, f32)> {
        if sentence.len() == 0 {
            return Vec::new();
        }
        let mut e = rows.emissions(&self.model, sentence, &self.lexicon);
        let tracked = if self.model.history {
            sentence.tracked()
        } else {
            Vec::new()
        };
        let t = self.model.n_tags();
        let mut keys = Vec::new();
        for (row, &fp) in e.chunks_exact_mut(t).zip(&tracked) {
            keys.clear();
            history.keys(fp, &mut keys);
            self.model.add_keys(row, &keys);
        }
        let tags = self.model.viterbi(&e);
        let n = self.model.labels.len();
        for (&fp, &tag) in tracked.iter().zip(&tags) {
            history.record(fp, model::label_of(tag), n);
        }
        model::spans_of(&tags)
            .into_iter()
            .map(|(s, end, l)| {
                let c = self.model.confidence(&e, &tags, (s, end));
                (first + s, first + end, l, c)
            })
            .collect()
    }
}

impl Extractor for Tagger {
    fn source(&self) -> Source {
        Source::Model
    }

    fn extract(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>) {
        let buffers = ROW_BUFFERS.with(|b| b.take());
        let mut rows = RowCache::with_buffers(&self.model, self.shared_rows(), buffers);
        let new =
            |s: &crate::text::Sentence| Sentence::new(doc, s.tokens.clone(), prior, &self.lexicon);
        // With document cues every sentence is read before any is tagged;
        // without, one at a time.
        let mut all: Vec<Sentence> = Vec::new();
        let mut history = History::default();
        if self.model.document_features {
            all = doc.sentences.iter().map(new).collect();
            features::add_document_cues(&mut all);
        }
        for (k, sentence) in doc.sentences.iter().enumerate() {
            let one;
            let read = match all.get(k) {
                Some(s) => s,
                None => {
                    one = new(sentence);
                    &one
                }
            };
            let first = sentence.tokens.start;
            for (s, e, l, score) in self.tag_sentence(read, first, &mut rows, &mut history) {
                // The model has seen few separators and may tag across one
                // ("AHh ; UAE"); no name holds one, so such a span is dropped
                // and the other sources speak for its parts.
                if (s..e).any(|t| SEPARATORS.contains(&doc.token_text(t))) {
                    continue;
                }
                let label = &self.model.labels[l];
                let Some((s, e)) = trim_symbols(doc, s, e, label) else {
                    continue;
                };
                let s = if self.strip_titles && *label == Label::Person {
                    name_start(doc, s, e, prior)
                } else {
                    s
                };
                let (start, end) = (doc.tokens[s].start, doc.tokens[e - 1].end);
                let known = known_entity(doc, s, e, prior);
                // Only where the model speaks the gazetteer's labels: a CoNLL
                // model's "LOC" must not turn into "Location".
                let label = match known {
                    Some(m) if self.gazetteer_types && self.model.labels.contains(&m.label) => {
                        &m.label
                    }
                    _ => label,
                };
                out.push(Mention {
                    start,
                    end,
                    label: label.clone(),
                    score,
                    source: Source::Model,
                    kb: known.and_then(|m| m.kb.clone()),
                });
            }
        }
        ROW_BUFFERS.with(|b| b.set(rows.into_buffers()));
    }
}

thread_local! {
    /// Each thread's row-cache buffers, reused from one document to the next.
    /// A panic while tagging only loses them: the next document starts afresh.
    static ROW_BUFFERS: std::cell::Cell<RowBuffers> = std::cell::Cell::default();
}

/// A name span without the symbols at its edges: the model has seen few emoji
/// and took one into a name next to it ("😀 UN", "🇺🇳 UN", found by the
/// mixed-script test of issue 8). Other labels keep theirs ("$5 million").
/// None when nothing is left.
fn trim_symbols(
    doc: &Document,
    mut s: usize,
    mut e: usize,
    label: &Label,
) -> Option<(usize, usize)> {
    if matches!(
        label,
        Label::Person | Label::Organisation | Label::Location | Label::Nationality
    ) {
        let symbol = |i: usize| doc.tokens[i].kind == crate::text::TokenKind::Symbol;
        while s < e && symbol(s) {
            s += 1;
        }
        while e > s && symbol(e - 1) {
            e -= 1;
        }
    }
    (s < e).then_some((s, e))
}

/// Tokens that never stand inside a name.
const SEPARATORS: &[&str] = &[";", "|", "•", "·"];

/// The gazetteer mention with a canonical entity that a tagged span matches
/// exactly, or after a leading article ("the United States" is the United
/// States).
fn known_entity<'p>(
    doc: &Document,
    s: usize,
    e: usize,
    prior: &'p [Mention],
) -> Option<&'p Mention> {
    let end = doc.tokens[e - 1].end;
    let article = e - s > 1 && matches!(doc.token_text(s), "the" | "The");
    let starts = [
        Some(doc.tokens[s].start),
        article.then(|| doc.tokens[s + 1].start),
    ];
    // `prior` is sorted by start: look up the mentions at each start instead of
    // scanning all of them for every tagged span (quadratic in a long text).
    starts.into_iter().flatten().find_map(|start| {
        let first = prior.partition_point(|m| m.start < start);
        prior[first..]
            .iter()
            .take_while(|m| m.start == start)
            .find(|m| m.end == end && m.kb.is_some())
    })
}

/// Where the name starts in a person span like "UN Special Representative
/// Bernardino Leon": after leading titles and tokens another source already
/// named (the "UN"), provided what remains is capitalised words only. Spans
/// like "Minister for the Middle East Tobias Ellwood" are kept whole, since
/// cutting them would leave a fragment.
fn name_start(doc: &Document, start: usize, end: usize, prior: &[Mention]) -> usize {
    // Covered by a mention that ends before the span's last token: a leading
    // affiliation, not a gazetteer entry for the whole name.
    let last_start = doc.tokens[end - 1].start;
    // `prior` is merged (sorted, non-overlapping), so the only mention that can
    // cover a token is the last one starting at or before it.
    let covered = |i: usize| {
        let t = doc.tokens[i];
        let before = prior.partition_point(|m| m.start <= t.start);
        before
            .checked_sub(1)
            .is_some_and(|j| t.end <= prior[j].end && prior[j].end <= last_start)
    };
    let is_title = |i: usize| TITLES.contains(&doc.token_text(i).trim_end_matches('.'));
    let mut i = start;
    while i + 1 < end && (is_title(i) || covered(i)) {
        i += 1;
    }
    let rest_is_name = (i..end).all(|j| {
        let w = doc.token_text(j);
        w.chars().next().is_some_and(char::is_uppercase) && !is_title(j)
    });
    if i > start && rest_is_name {
        i
    } else {
        start
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(words: &str, spans: &[(usize, usize, &str)]) -> TrainingSentence {
        TrainingSentence {
            words: words.split(' ').map(String::from).collect(),
            spans: spans
                .iter()
                .map(|&(s, e, l)| (s, e, l.to_string()))
                .collect(),
            document: 0,
        }
    }

    /// "<First> <Last> met officials in <Place> ." with invented names.
    fn corpus(names: &[(&str, &str)], places: &[&str]) -> Vec<TrainingSentence> {
        let mut out = Vec::new();
        for (i, (first, last)) in names.iter().enumerate() {
            for (j, place) in places.iter().enumerate() {
                let verb = ["met", "visited", "called"][(i + j) % 3];
                out.push(sentence(
                    &format!("{first} {last} {verb} officials in {place} ."),
                    &[(0, 2, "Person"), (5, 6, "Location")],
                ));
                out.push(sentence(
                    &format!("Officials in {place} said {last} left ."),
                    &[(2, 3, "Location"), (4, 5, "Person")],
                ));
            }
        }
        for (i, s) in out.iter_mut().enumerate() {
            s.document = i;
        }
        out
    }

    fn train_small(seed: u64) -> TaggerModel {
        let names = [
            ("Arno", "Velk"),
            ("Mira", "Tosh"),
            ("Edo", "Brann"),
            ("Lia", "Quist"),
        ];
        let places = ["Karvik", "Oster", "Pallum", "Zendra"];
        let mut reports = Vec::new();
        let model = train(
            &corpus(&names, &places),
            &corpus(&[("Ivo", "Marsh")], &["Tellun"]),
            &[],
            &Lexicon::new(),
            &TrainConfig {
                epochs: 8,
                seed,
                ..TrainConfig::default()
            },
            &mut |r| {
                reports.push(*r);
                true
            },
        )
        .expect("trains");
        assert!(!reports.is_empty() && reports[0].dev_f1.is_some());
        model
    }

    #[test]
    fn learns_unseen_names_from_context() {
        let model = train_small(7);
        assert_eq!(model.labels(), &[Label::Location, Label::Person]);
        let tagger = Tagger::new(model, Arc::new(Lexicon::new()));
        let doc = Document::new("Sabo Rensk met officials in Quarn .");
        let mut out = Vec::new();
        tagger.extract(&doc, &[], &mut out);
        let got: Vec<(&str, String)> = out
            .iter()
            .map(|m| (&doc.text[m.start..m.end], m.label.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("Sabo Rensk", "Person".into()),
                ("Quarn", "Location".into())
            ]
        );
        assert!(out.iter().all(|m| m.score > 0.0 && m.score < 1.0));
    }

    #[test]
    fn word_type_rows_score_like_flat_features() {
        let model = train_small(5);
        let mut lexicon = Lexicon::new();
        lexicon.add_common("met");
        lexicon.add_given("mira");
        // Repeated words (rows reused), a one-word sentence (boundaries on both
        // sides), non-ASCII words and a prior mention.
        let doc = Document::new(
            "Mira Tosh met Mira Tosh in Karvik. Quist! Zürich officials met Édo Brann in Karvik.",
        );
        let prior = [Mention {
            start: 27,
            end: 33,
            label: Label::Location,
            score: 0.9,
            source: Source::Gazetteer,
            kb: None,
        }];
        let shared = SharedRows::build(&model, &lexicon);
        assert!(shared.len() > 4, "punctuation, met, Met, mira, Mira");
        let unshared = SharedRows::boundary_only(&model);
        let mut rows = RowCache::new(&model, &shared);
        let mut rows_unshared = RowCache::new(&model, &unshared);
        assert!(doc.sentences.len() >= 3);
        for s in &doc.sentences {
            let flat = model.emissions(&features::sentence_features(
                &doc,
                s.tokens.clone(),
                &prior,
                &lexicon,
            ));
            let sentence = Sentence::new(&doc, s.tokens.clone(), &prior, &lexicon);
            let by_type = rows.emissions(&model, &sentence, &lexicon);
            // Which cache serves a row never changes a score.
            assert_eq!(
                by_type,
                rows_unshared.emissions(&model, &sentence, &lexicon)
            );
            assert_eq!(flat.len(), by_type.len());
            assert!(flat.iter().any(|&x| x != 0.0));
            for (a, b) in flat.iter().zip(&by_type) {
                assert!((a - b).abs() < 1e-4, "{a} vs {b}");
            }
        }
        // With document cues too.
        let flat: Vec<_> = features::document_features(&doc, &prior, &lexicon, true)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        let mut sentences: Vec<Sentence> = doc
            .sentences
            .iter()
            .map(|s| Sentence::new(&doc, s.tokens.clone(), &prior, &lexicon))
            .collect();
        features::add_document_cues(&mut sentences);
        for (flat, sentence) in flat.iter().zip(&sentences) {
            let flat = model.emissions(flat);
            let by_type = rows.emissions(&model, sentence, &lexicon);
            for (a, b) in flat.iter().zip(&by_type) {
                assert!((a - b).abs() < 1e-4, "{a} vs {b}");
            }
        }
    }

    #[test]
    fn document_models_round_trip_and_tag_documents() {
        let mut data = corpus(&[("Arno", "Velk"), ("Mira", "Tosh")], &["Karvik", "Oster"]);
        // Two sentences a document.
        for s in &mut data {
            s.document /= 2;
        }
        let config = TrainConfig {
            epochs: 4,
            document_features: true,
            ..TrainConfig::default()
        };
        let none = &mut |_: &EpochReport| true;
        let model = train(&data, &[], &[], &Lexicon::new(), &config, none).expect("trains");
        assert!(model.document_features && model.history);
        let bytes = model.to_bytes();
        assert_eq!(&bytes[8..12], &2u32.to_le_bytes(), "version 2 for flags");
        let back = TaggerModel::from_bytes(&bytes).expect("reads");
        assert!(back.document_features && back.history);
        assert_eq!(back.to_bytes(), bytes);
        let again = train(&data, &[], &[], &Lexicon::new(), &config, none).expect("trains");
        assert_eq!(again.to_bytes(), bytes);
        let tagger = Tagger::new(back, Arc::new(Lexicon::new()));
        let doc =
            Document::new("Sabo Rensk met officials in Quarn. Officials in Quarn said Rensk left.");
        let mut out = Vec::new();
        tagger.extract(&doc, &[], &mut out);
        let got: Vec<&str> = out.iter().map(|m| &doc.text[m.start..m.end]).collect();
        assert_eq!(got, ["Sabo Rensk", "Quarn", "Quarn", "Rensk"]);
    }

    #[test]
    fn known_names_keep_the_gazetteer_type_and_entity() {
        let model = train_small(7);
        let doc = Document::new("Sabo Rensk met officials in Quarn .");
        let known = |label: Label| {
            let kb = super::super::KbRef {
                id: Arc::from("kb:sabo"),
                name: Arc::from("Sabo Rensk"),
            };
            vec![Mention {
                start: 0,
                end: 10,
                label,
                score: 0.9,
                source: Source::Gazetteer,
                kb: Some(kb),
            }]
        };
        let tag = |tagger: &Tagger, prior: &[Mention]| -> Vec<(String, String, bool)> {
            let mut out = Vec::new();
            tagger.extract(&doc, prior, &mut out);
            out.iter()
                .map(|m| {
                    let text = doc.text[m.start..m.end].to_string();
                    (text, m.label.to_string(), m.kb.is_some())
                })
                .collect()
        };
        let row = |text: &str, label: &str, kb: bool| (text.to_string(), label.to_string(), kb);
        let tagger = Tagger::new(model.clone(), Arc::new(Lexicon::new()));
        // The model alone calls "Sabo Rensk" a Person (see above). A gazetteer
        // that knows it as a Location gives its type and entity...
        assert_eq!(
            tag(&tagger, &known(Label::Location)),
            [
                row("Sabo Rensk", "Location", true),
                row("Quarn", "Location", false)
            ]
        );
        // ...unless told not to, or the model has no such label (a CoNLL model).
        let own_types = tagger.clone().gazetteer_types(false);
        let foreign = known(Label::Organisation);
        for (t, prior) in [(&own_types, known(Label::Location)), (&tagger, foreign)] {
            assert_eq!(
                tag(t, &prior),
                [
                    row("Sabo Rensk", "Person", true),
                    row("Quarn", "Location", false)
                ]
            );
        }
    }

    #[test]
    fn person_spans_lose_leading_titles_and_named_organisations() {
        let rows: &[(&str, &[(usize, usize)], usize)] = &[
            // (sentence, prior mention token spans, expected name start token)
            (
                "UN Special Representative Bernardino Leon said",
                &[(0, 1)],
                3,
            ),
            ("Gen. Haftar said", &[], 1),
            ("Minister for the Middle East Tobias Ellwood said", &[], 0),
            ("Haftar said", &[], 0),
            ("President Obama", &[], 1),
            ("President", &[], 0),
        ];
        for (text, prior_tokens, want) in rows {
            let doc = Document::new(*text);
            let prior: Vec<Mention> = prior_tokens
                .iter()
                .map(|&(s, e)| Mention {
                    start: doc.tokens[s].start,
                    end: doc.tokens[e - 1].end,
                    label: Label::Organisation,
                    score: 1.0,
                    source: Source::Gazetteer,
                    kb: None,
                })
                .collect();
            let end = if text.ends_with("said") {
                doc.tokens.len() - 1
            } else {
                doc.tokens.len()
            };
            assert_eq!(name_start(&doc, 0, end, &prior), *want, "{text}");
        }
    }

    #[test]
    fn training_is_deterministic_and_round_trips() {
        let a = train_small(3).to_bytes();
        let b = train_small(3).to_bytes();
        assert_eq!(a, b);
        let back = TaggerModel::from_bytes(&a).expect("reads");
        assert_eq!(back.to_bytes(), a);
    }

    #[test]
    fn bad_training_data_is_an_error() {
        let cfg = TrainConfig::default();
        let none = |_: &EpochReport| true;
        let run = |data: &[TrainingSentence]| {
            train(data, &[], &[], &Lexicon::new(), &cfg, &mut none.clone()).is_err()
        };
        assert!(run(&[]));
        assert!(run(&[sentence("a b", &[])]));
        assert!(run(&[sentence("a b", &[(1, 3, "X")])]));
        assert!(run(&[sentence("a b c", &[(0, 2, "X"), (1, 3, "Y")])]));
        assert!(run(&[sentence("a b", &[(0, 1, "")])]));
        assert!(run(&[sentence("a b", &[(0, 1, " X")])]));
    }
}

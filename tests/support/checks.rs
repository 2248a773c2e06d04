//! What every analysis must satisfy, whatever the input, and the entry points
//! the fuzz targets (`fuzz/`, nightly) and `tests/rust_random_input.rs` (stable,
//! `cargo test`) both drive: text through the bundled pipeline, bytes through
//! the model and gazetteer loaders. Included with `#[path]` (not a crate, not a
//! test file of its own).

#![allow(dead_code)]

use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use actorgraph::extract::{
    merge, Extractor, GazetteerBuilder, Label, Lexicon, Mention, NameHeuristic, PatternExtractor,
    Source, Tagger, TaggerModel,
};
use actorgraph::relate::{classify, Relation, RelationModel};
use actorgraph::text::{split_sentences, tokenize, Document};
use actorgraph::{Analysis, Pipeline};

/// A bundled data file (`python/actorgraph/data/<name>` under `root`), gunzipped
/// with `gzip -dc` when it ends in `.gz`, so no decompression dependency.
pub fn bundled(root: &Path, name: &str) -> Vec<u8> {
    let path = root.join("python/actorgraph/data").join(name);
    if name.ends_with(".gz") {
        let out = Command::new("gzip")
            .arg("-dc")
            .arg(&path)
            .output()
            .expect("gzip runs");
        assert!(out.status.success(), "gzip -dc {}", path.display());
        out.stdout
    } else {
        std::fs::read(&path).expect("bundled data file")
    }
}

/// The pipeline `actorgraph.Pipeline()` builds: bundled gazetteer, patterns,
/// tagger, name heuristic and relation model.
pub fn bundled_pipeline(root: &Path) -> Pipeline {
    let mut gazetteer = GazetteerBuilder::new();
    gazetteer
        .add_tsv_bytes(&bundled(root, "gazetteer.tsv.gz"))
        .expect("bundled gazetteer");
    let lexicon = String::from_utf8(bundled(root, "lexicon.tsv.gz")).expect("UTF-8 lexicon");
    let lexicon = Arc::new(Lexicon::from_tsv(&lexicon).expect("bundled lexicon"));
    let tagger = TaggerModel::from_bytes(&bundled(root, "tagger.bin")).expect("bundled tagger");
    let relations =
        RelationModel::from_bytes(&bundled(root, "relations.bin")).expect("bundled relations");
    let sources: Vec<Box<dyn Extractor>> = vec![
        Box::new(gazetteer.build().expect("gazetteer builds")),
        Box::new(PatternExtractor::new()),
        Box::new(Tagger::new(tagger, lexicon.clone())),
        Box::new(NameHeuristic::new(lexicon)),
    ];
    Pipeline::new(sources).with_relations(Arc::new(relations))
}

/// `start..end` is a non-empty span of `text` on char boundaries.
fn check_span(text: &str, start: usize, end: usize, what: &str) {
    assert!(start < end, "{what} {start}..{end} is empty or reversed");
    assert!(
        end <= text.len(),
        "{what} {start}..{end} past the end {}",
        text.len()
    );
    assert!(
        text.is_char_boundary(start) && text.is_char_boundary(end),
        "{what} {start}..{end} splits a character"
    );
}

/// Tokens in order, non-overlapping, on char boundaries, never whitespace;
/// sentences in order, covering every token once, spanning their tokens.
pub fn check_document(doc: &Document) {
    let text = &doc.text;
    let mut last_end = 0;
    for t in &doc.tokens {
        check_span(text, t.start, t.end, "token");
        assert!(t.start >= last_end, "token {}..{} overlaps", t.start, t.end);
        assert!(
            !text[t.start..t.end].chars().all(char::is_whitespace),
            "whitespace token at {}",
            t.start
        );
        last_end = t.end;
    }
    let mut next_token = 0;
    for s in &doc.sentences {
        assert_eq!(
            s.tokens.start, next_token,
            "sentences skip or repeat tokens"
        );
        assert!(
            s.tokens.start < s.tokens.end,
            "empty sentence at {}",
            s.start
        );
        next_token = s.tokens.end;
        assert_eq!(s.start, doc.tokens[s.tokens.start].start);
        assert_eq!(s.end, doc.tokens[s.tokens.end - 1].end);
    }
    assert_eq!(next_token, doc.tokens.len(), "sentences miss tokens");
}

/// Mentions sorted, non-overlapping, in range, on char boundaries, with
/// scores in [0, 1].
pub fn check_mentions(text: &str, mentions: &[Mention]) {
    let mut last_end = 0;
    for m in mentions {
        check_span(text, m.start, m.end, "mention");
        assert!(
            m.start >= last_end,
            "mention {}..{} overlaps",
            m.start,
            m.end
        );
        assert!((0.0..=1.0).contains(&m.score), "mention score {}", m.score);
        last_end = m.end;
    }
}

/// Relations between two distinct mentions of their evidence sentence, with
/// finite scores in range.
pub fn check_relations(doc: &Document, mentions: &[Mention], relations: &[Relation]) {
    for r in relations {
        assert!(r.source < mentions.len() && r.target < mentions.len());
        assert_ne!(r.source, r.target, "a relation of a mention with itself");
        let sentence = &doc.sentences[r.sentence];
        for m in [&mentions[r.source], &mentions[r.target]] {
            assert!(sentence.start <= m.start && m.end <= sentence.end);
        }
        assert!((0.0..=1.0).contains(&r.score), "relation score {}", r.score);
        assert!((-1.0..=1.0).contains(&r.tone), "relation tone {}", r.tone);
    }
}

/// Everything above, plus a resolution that gives each mention one entity
/// which lists it.
pub fn check_analysis(a: &Analysis) {
    check_document(&a.doc);
    check_mentions(&a.doc.text, &a.mentions);
    check_relations(&a.doc, &a.mentions, &a.relations);
    let r = &a.resolution;
    assert_eq!(r.entity_of.len(), a.mentions.len());
    for (i, &e) in r.entity_of.iter().enumerate() {
        assert!(
            r.entities[e].mentions.contains(&i),
            "mention {i} not in its entity"
        );
    }
    for owner in r.owner.iter().flatten() {
        assert!(*owner < r.entities.len());
    }
}

/// Tokens and sentences of `text`; the parts agree with the whole.
pub fn text(text: &str) {
    let doc = Document::new(text);
    check_document(&doc);
    let tokens = tokenize(text);
    assert_eq!(tokens, doc.tokens);
    assert_eq!(split_sentences(text, &tokens), doc.sentences);
}

/// The whole pipeline on `text`, then the spans it found given back as the
/// caller's, which must come back as they are.
pub fn analysis(pipeline: &Pipeline, text: &str) {
    let a = pipeline.analyze(text);
    check_analysis(&a);
    let given: Vec<Mention> = a
        .mentions
        .iter()
        .map(|m| Mention {
            source: Source::Given,
            score: 1.0,
            kb: None,
            label: Label::Person,
            ..*m
        })
        .collect();
    let b = pipeline.analyze_given(text, given);
    check_analysis(&b);
    let spans = |a: &Analysis| -> Vec<(usize, usize)> {
        a.mentions.iter().map(|m| (m.start, m.end)).collect()
    };
    assert_eq!(spans(&a), spans(&b));
}

const SAMPLE: &str = "Egypt and the UAE backed Khalifa Haftar's forces near Tobruk. \
                      Kerry did not meet Sisi in Cairo, Reuters said.";

/// A tagger model file read from `data` (see [`candidate`]): an error, or a
/// model that writes back the same bytes and tags a text into valid mentions.
pub fn tagger_model(data: &[u8]) {
    let bytes = candidate(data, 1);
    let Ok(model) = TaggerModel::from_bytes(&bytes) else {
        return;
    };
    // What loads saves to a file that loads to the same model (not necessarily
    // the input bytes: a damaged file may list features out of order).
    let saved = model.to_bytes();
    let again = TaggerModel::from_bytes(&saved).expect("a saved model loads");
    assert_eq!(again.to_bytes(), saved);
    let tagger = Tagger::new(model, Arc::new(Lexicon::new()));
    let doc = Document::new(SAMPLE);
    let mut out = Vec::new();
    tagger.extract(&doc, &[], &mut out);
    check_mentions(SAMPLE, &merge(out));
}

/// A relation model file read from `data`: an error, or a model that writes
/// back the same bytes and gives valid relations between a text's names.
pub fn relation_model(data: &[u8]) {
    let bytes = candidate(data, 2);
    let Ok(model) = RelationModel::from_bytes(&bytes) else {
        return;
    };
    let saved = model.to_bytes();
    let again = RelationModel::from_bytes(&saved).expect("a saved model loads");
    assert_eq!(again.to_bytes(), saved);
    let doc = Document::new(SAMPLE);
    let mentions: Vec<Mention> = [
        "Egypt",
        "UAE",
        "Khalifa Haftar",
        "Tobruk",
        "Kerry",
        "Sisi",
        "Cairo",
    ]
    .iter()
    .map(|name| {
        let start = SAMPLE.find(name).expect("in the sample");
        Mention {
            start,
            end: start + name.len(),
            label: Label::Location,
            score: 1.0,
            source: Source::Given,
            kb: None,
        }
    })
    .collect();
    check_relations(&doc, &mentions, &classify(&doc, &mentions, &model));
}

/// Gazetteer TSV bytes: an error, or a gazetteer whose matches in its own
/// text and in a sample are valid spans. The lexicon loader gets them too.
pub fn gazetteer_tsv(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = Lexicon::from_tsv(text);
    }
    let mut builder = GazetteerBuilder::new();
    if builder.add_tsv_bytes(data).is_err() {
        return;
    }
    let Ok(gazetteer) = builder.build() else {
        return;
    };
    let own = String::from_utf8_lossy(data);
    for text in [&*own, SAMPLE, "İstanbul ΣΊΣΥΦΟΣ straße ǅ ﬁ"] {
        let doc = Document::new(text);
        for m in gazetteer.find_all(text) {
            check_span(text, m.start, m.end, "gazetteer match");
        }
        let mut out = Vec::new();
        gazetteer.extract(&doc, &[], &mut out);
        check_mentions(text, &merge(out));
    }
}

// Model files: almost every random byte string fails the magic or the FNV-1a
// checksum, so the first byte picks how the rest is read: as a whole file
// (header and checksum as given), as a file whose checksum is recomputed, or as
// a body behind a valid header with a correct checksum. The last two let a
// fuzzer reach the body parsers.

const MAGIC: &[u8; 8] = b"AGRAPHM\0";

/// FNV-1a, the model file checksum.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `body` with its checksum appended.
pub fn with_checksum(mut body: Vec<u8>) -> Vec<u8> {
    let sum = fnv1a(&body);
    body.extend_from_slice(&sum.to_le_bytes());
    body
}

/// The model file of `kind` (1 tagger, 2 relations) to try for input `data`.
pub fn candidate(data: &[u8], kind: u8) -> Vec<u8> {
    match data.split_first() {
        None => Vec::new(),
        Some((mode, rest)) => match mode % 3 {
            0 => rest.to_vec(),
            1 => with_checksum(rest.to_vec()),
            _ => {
                // rest[0] picks the version (0 to 3: below, at and above the supported ones).
                let (version, body) = rest.split_first().unwrap_or((&1, &[]));
                let mut file = MAGIC.to_vec();
                file.extend_from_slice(&u32::from(version % 4).to_le_bytes());
                file.push(kind);
                file.extend_from_slice(body);
                with_checksum(file)
            }
        },
    }
}

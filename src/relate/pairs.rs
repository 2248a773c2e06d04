//! Relations between the mentions of one sentence.
//!
//! re3d puts every gold relation inside one sentence, so the sentence is the
//! candidate window. With a [`RelationModel`], each pair gets the type and
//! direction the classifier predicts, or nothing ([`classify_with_tones`] keeps
//! the untyped pairs of actors that trigger words give a tone). Without one,
//! every pair is a
//! [`CO_OCCURS`] relation whose score is a proximity score, not a probability:
//! `exp(-d / 10)` for `d` tokens between the two mentions, so adjacent
//! mentions score 1.0 and mentions 10 tokens apart score 0.37.

use std::sync::Arc;

use super::classifier::{features, flags, tone, Candidate, RelationModel};
use super::cues::TokenCues;
use crate::extract::{Label, Mention};
use crate::text::Document;

/// The label of an untyped co-occurrence relation.
pub const CO_OCCURS: &str = "CoOccurs";

/// Token distance over which the proximity score falls by a factor of e.
const DECAY_TOKENS: f32 = 10.0;

/// Pairs farther apart than this many tokens are not candidates. Without a cap,
/// a "sentence" with no final punctuation (a scraped table, a list, garbage)
/// costs the cube of its length: every pair, each with features over the words
/// between. The farthest gold relation in re3d-dev spans 51 tokens and its
/// longest sentence has 75, so this cap leaves every re3d candidate in place
/// (one of 64 dropped a few distant negatives from training, and moved typed F1
/// by a point in cross-validation).
pub const MAX_PAIR_GAP: usize = 80;

/// A directed relation between two mentions of one document.
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// Index of the source mention in the document's mentions.
    pub source: usize,
    /// Index of the target mention.
    pub target: usize,
    /// Relation type.
    pub label: Arc<str>,
    /// Confidence in `[0, 1]` (a proximity score for [`CO_OCCURS`]).
    pub score: f32,
    /// Cooperation (positive) or conflict (negative), in `[-1, 1]`.
    pub tone: f32,
    /// Index of the sentence that holds both mentions (the evidence).
    pub sentence: usize,
    /// A negation stands between the mentions ("did not attack").
    pub negated: bool,
    /// A modal or conditional makes it hypothetical ("could back", "if").
    pub hypothetical: bool,
    /// Reported speech ("said", "according to").
    pub reported: bool,
}

/// All pairs of mentions within one sentence and at most [`MAX_PAIR_GAP`] tokens
/// apart, in text order, skipping pairs whose two mentions name the same entity
/// (same canonical id or same text).
///
/// `mentions` must be sorted by start and non-overlapping, as
/// [`crate::extract::merge`] returns them.
pub(crate) fn candidates(doc: &Document, mentions: &[Mention]) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < mentions.len() {
        let Some(sentence) = doc.sentence_at(mentions[i].start) else {
            i += 1;
            continue;
        };
        // Mentions of this sentence are contiguous because both lists are sorted.
        let end = doc.sentences[sentence].end;
        let j = i + mentions[i..].partition_point(|m| m.start < end);
        // A mention may run on into the next sentence (a date pattern over
        // "May. 3"); it is no candidate, as its evidence would not hold it.
        let inside = (i..j)
            .rfind(|&k| mentions[k].end <= end)
            .map_or(i, |k| k + 1);
        for a in i..inside {
            for b in a + 1..inside {
                // Mentions are sorted and disjoint, so gaps only grow with `b`.
                if tokens_between(doc, mentions[a].end, mentions[b].start) > MAX_PAIR_GAP {
                    break;
                }
                if !same_entity(doc, &mentions[a], &mentions[b]) {
                    out.push(Candidate { a, b, sentence });
                }
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// Every candidate pair (within one sentence, at most [`MAX_PAIR_GAP`] tokens
/// apart) as a [`CO_OCCURS`] relation, in text order (see [`candidates`]).
pub fn sentence_pairs(doc: &Document, mentions: &[Mention]) -> Vec<Relation> {
    let pairs = candidates(doc, mentions);
    let cues = TokenCues::new(doc, pairs.iter().map(|c| c.sentence), false);
    pairs
        .into_iter()
        .map(|c| {
            let (ma, mb) = (&mentions[c.a], &mentions[c.b]);
            let f = flags(doc, &cues, ma, mb, c.sentence);
            Relation {
                source: c.a,
                target: c.b,
                label: co_occurs_label(),
                score: proximity(doc, ma, mb),
                tone: tone(doc, &cues, ma, mb, CO_OCCURS, f),
                sentence: c.sentence,
                negated: f[0],
                hypothetical: f[1],
                reported: f[2],
            }
        })
        .collect()
}

/// The relations `model` finds between mentions of one sentence, in text order
/// of their earlier mention.
pub fn classify(doc: &Document, mentions: &[Mention], model: &RelationModel) -> Vec<Relation> {
    classify_pairs(doc, mentions, model, false)
}

/// Like [`classify`], and for each pair of actors (people, organisations,
/// places, nationalities) the model leaves untyped whose sentence gives it a
/// tone (trigger words between them, "anti-", a nationality's noun), a
/// [`CO_OCCURS`] relation with that tone, scored by proximity as
/// [`sentence_pairs`] scores it.
///
/// Why: trained on a few hundred re3d relations, the model says "none" for
/// much of what analysts read as conflict or cooperation ("Egypt and the UAE
/// ... in their support of the anti-Islamists"); the tone of the entity pair
/// would then be silent. Kept out of [`classify`], which the cross-validation
/// scores against re3d's typed relations.
pub fn classify_with_tones(
    doc: &Document,
    mentions: &[Mention],
    model: &RelationModel,
) -> Vec<Relation> {
    classify_pairs(doc, mentions, model, true)
}

fn classify_pairs(
    doc: &Document,
    mentions: &[Mention],
    model: &RelationModel,
    tones: bool,
) -> Vec<Relation> {
    let pairs = candidates(doc, mentions);
    let cues = TokenCues::new(doc, pairs.iter().map(|c| c.sentence), true);
    pairs
        .into_iter()
        .filter_map(|c| {
            let (class, score) = model.predict(&features(doc, &cues, mentions, c));
            let (ma, mb) = (&mentions[c.a], &mentions[c.b]);
            if class == 0 {
                if !(tones && is_actor(ma) && is_actor(mb)) {
                    return None;
                }
                let f = flags(doc, &cues, ma, mb, c.sentence);
                let tone = tone(doc, &cues, ma, mb, CO_OCCURS, f);
                return (tone != 0.0).then(|| Relation {
                    source: c.a,
                    target: c.b,
                    label: co_occurs_label(),
                    score: proximity(doc, ma, mb),
                    tone,
                    sentence: c.sentence,
                    negated: f[0],
                    hypothetical: f[1],
                    reported: f[2],
                });
            }
            let (k, forward) = RelationModel::class_label(class);
            let (source, target) = if forward { (c.a, c.b) } else { (c.b, c.a) };
            let label = model.labels[k].clone();
            let f = flags(doc, &cues, ma, mb, c.sentence);
            Some(Relation {
                source,
                target,
                tone: tone(doc, &cues, ma, mb, &label, f),
                label,
                score,
                sentence: c.sentence,
                negated: f[0],
                hypothetical: f[1],
                reported: f[2],
            })
        })
        .collect()
}

/// Whether a mention can be a party to conflict or cooperation.
fn is_actor(m: &Mention) -> bool {
    matches!(
        m.label,
        Label::Person | Label::Organisation | Label::Location | Label::Nationality
    )
}

/// The [`CO_OCCURS`] label, shared.
fn co_occurs_label() -> Arc<str> {
    static LABEL: std::sync::OnceLock<Arc<str>> = std::sync::OnceLock::new();
    LABEL.get_or_init(|| Arc::from(CO_OCCURS)).clone()
}

/// A co-occurrence's score: `exp(-gap / 10)` for a gap in tokens.
fn proximity(doc: &Document, a: &Mention, b: &Mention) -> f32 {
    (-(tokens_between(doc, a.end, b.start) as f32) / DECAY_TOKENS).exp()
}

fn same_entity(doc: &Document, a: &Mention, b: &Mention) -> bool {
    match (&a.kb, &b.kb) {
        (Some(x), Some(y)) => x.id == y.id,
        _ => doc.text[a.start..a.end] == doc.text[b.start..b.end],
    }
}

fn tokens_between(doc: &Document, from: usize, to: usize) -> usize {
    let first = doc.tokens.partition_point(|t| t.start < from);
    let last = doc.tokens.partition_point(|t| t.end <= to);
    last.saturating_sub(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::{Label, Source};

    fn mentions_of(doc: &Document, words: &[&str]) -> Vec<Mention> {
        (0..doc.tokens.len())
            .filter(|&i| words.contains(&doc.token_text(i)))
            .map(|i| Mention {
                start: doc.tokens[i].start,
                end: doc.tokens[i].end,
                label: Label::Location,
                score: 1.0,
                source: Source::Gazetteer,
                kb: None,
            })
            .collect()
    }

    #[test]
    fn pairs_stay_inside_sentences() {
        // (text, names, expected (source, target, gap in tokens))
        type Row<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str, usize)]);
        let rows: &[Row] = &[
            ("", &[], &[]),
            ("Egypt.", &["Egypt"], &[]),
            (
                "Egypt backed Libya.",
                &["Egypt", "Libya"],
                &[("Egypt", "Libya", 1)],
            ),
            ("Egypt left. Libya stayed.", &["Egypt", "Libya"], &[]),
            (
                "Egypt, Libya and Chad.",
                &["Egypt", "Libya", "Chad"],
                &[
                    ("Egypt", "Libya", 1),
                    ("Egypt", "Chad", 3),
                    ("Libya", "Chad", 1),
                ],
            ),
            // the same text twice is one entity: no self-pair
            ("Egypt and Egypt.", &["Egypt"], &[]),
        ];
        for (text, names, want) in rows {
            let doc = Document::new(*text);
            let mentions = mentions_of(&doc, names);
            let got: Vec<(&str, &str, f32)> = sentence_pairs(&doc, &mentions)
                .iter()
                .map(|r| {
                    let (a, b) = (&mentions[r.source], &mentions[r.target]);
                    (&text[a.start..a.end], &text[b.start..b.end], r.score)
                })
                .collect();
            let want: Vec<(&str, &str, f32)> = want
                .iter()
                .map(|&(a, b, gap)| (a, b, (-(gap as f32) / DECAY_TOKENS).exp()))
                .collect();
            assert_eq!(got, want, "text: {text:?}");
        }
    }

    #[test]
    fn a_mention_running_into_the_next_sentence_pairs_with_nothing() {
        // Found by the extract fuzzer: a date pattern matched "May. 3" across
        // the sentence end, and its relation's evidence did not hold it.
        let text = "Egypt met Libya in May. 3 ai them.";
        let doc = Document::new(text);
        assert_eq!(doc.sentences.len(), 2);
        let mut mentions = mentions_of(&doc, &["Egypt", "Libya"]);
        let start = text.find("May").unwrap_or_default();
        mentions.push(Mention {
            start,
            end: start + "May. 3".len(),
            ..mentions[0].clone()
        });
        let pairs: Vec<(usize, usize)> = sentence_pairs(&doc, &mentions)
            .iter()
            .map(|r| (r.source, r.target))
            .collect();
        assert_eq!(pairs, [(0, 1)]);
    }

    #[test]
    fn pairs_farther_than_the_cap_are_skipped() {
        for gap in [MAX_PAIR_GAP - 1, MAX_PAIR_GAP, MAX_PAIR_GAP + 1, 500] {
            let text = format!("Egypt {}Libya and Chad.", "word ".repeat(gap));
            let doc = Document::new(&text);
            let mentions = mentions_of(&doc, &["Egypt", "Libya", "Chad"]);
            let pairs: Vec<(usize, usize)> = sentence_pairs(&doc, &mentions)
                .iter()
                .map(|r| (r.source, r.target))
                .collect();
            let mut want = vec![(1, 2)];
            if gap <= MAX_PAIR_GAP {
                want.insert(0, (0, 1));
            }
            if gap + 2 <= MAX_PAIR_GAP {
                want.insert(1, (0, 2));
            }
            assert_eq!(pairs, want, "gap {gap}");
        }
    }

    #[test]
    fn untyped_pairs_of_actors_keep_their_tone() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/python/actorgraph/data/relations.bin"
        );
        let model = RelationModel::from_bytes(&std::fs::read(path).expect("bundled model"))
            .expect("bundled model loads");
        let doc = Document::new(
            "Egypt and the UAE have so far been intransigent in their support of the \
             anti-Islamists since Monday.",
        );
        let at = |word, label| crate::relate::classifier::tests::mention(&doc, word, label);
        let mentions = vec![
            at("Egypt", Label::Location),
            at("UAE", Label::Location),
            at("Islamists", Label::Nationality),
            at("Monday", Label::Temporal),
        ];
        let text = |r: &Relation| {
            let (a, b) = (&mentions[r.source], &mentions[r.target]);
            (&doc.text[a.start..a.end], &doc.text[b.start..b.end])
        };
        // The model types none of these pairs...
        let typed = classify(&doc, &mentions, &model);
        assert!(typed.iter().all(|r| text(r).1 != "Islamists"), "{typed:?}");
        // ...and the toned co-occurrences come on top of what it types.
        let toned = classify_with_tones(&doc, &mentions, &model);
        assert!(typed.iter().all(|r| toned.contains(r)));
        let extra: Vec<_> = toned.iter().filter(|r| !typed.contains(r)).collect();
        let pairs: Vec<_> = extra.iter().map(|r| text(r)).collect();
        // Actors only ("Monday" is none), and a tone needed: "Egypt and the UAE"
        // has no word between them that gives one.
        assert_eq!(pairs, [("Egypt", "Islamists"), ("UAE", "Islamists")]);
        for r in extra {
            assert_eq!(&*r.label, CO_OCCURS);
            assert!(r.tone < -0.1, "support of the anti-Islamists: {}", r.tone);
            assert!(r.score > 0.0 && r.score < 1.0);
        }
    }
}

//! The relation classifier: for each pair of mentions in one sentence, which
//! relation (if any) holds and in which direction.
//!
//! Why a multiclass averaged perceptron over hashed sparse features: re3d-dev
//! has under a thousand gold relations, too few for anything that learns
//! representations, while words between the mentions, trigger words and the
//! two labels carry most of the signal; the perceptron trains in a second,
//! needs no tuning beyond the epoch count, is deterministic, and shares the
//! tagger's weight tables, file format and calibration.
//!
//! Classes: 0 is "no relation"; relation type `k` has class `1 + 2k` when the
//! earlier mention is the source and `2 + 2k` when the later one is.

use std::hash::Hasher;
use std::sync::Arc;

use super::cues::{TokenCues, Trigger, CONDITIONAL, MODAL, NEGATION, REPORTING};
use crate::extract::{Label, Mention};
use crate::fasthash::KeyHasher;
use crate::model::calibration::confidence;
use crate::model::weights::WeightIndex;
use crate::text::{Document, Sentence};

/// A candidate pair: mentions `a` before `b` (indices into the document's
/// mentions) in sentence `sentence`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Candidate {
    pub(crate) a: usize,
    pub(crate) b: usize,
    pub(crate) sentence: usize,
}

/// A trained relation classifier.
#[derive(Clone, Debug, Default)]
pub struct RelationModel {
    /// Relation types, in class order.
    pub(crate) labels: Vec<Arc<str>>,
    pub(crate) index: WeightIndex,
    pub(crate) classes: Vec<u16>,
    pub(crate) values: Vec<f32>,
    /// Logistic over the margin of the chosen class (see `model/calibration.rs`).
    pub(crate) calibration: [f32; 2],
    /// Subtracted from the "no relation" score before choosing: the perceptron,
    /// trained on many more unrelated pairs than related ones, says "none" too
    /// readily (see `RelationTrainConfig::none_penalty`).
    pub(crate) none_penalty: f32,
}

impl RelationModel {
    /// The relation types it predicts.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.labels.iter().map(|l| &**l)
    }

    pub(crate) fn n_classes(&self) -> usize {
        1 + 2 * self.labels.len()
    }

    /// Scores of every class for feature `keys`.
    pub(crate) fn scores(&self, keys: &[u32]) -> Vec<f32> {
        let mut scores = vec![0.0; self.n_classes()];
        for &k in keys {
            if let Some(range) = self.index.get(k) {
                for (&c, &w) in self.classes[range.clone()].iter().zip(&self.values[range]) {
                    scores[c as usize] += w;
                }
            }
        }
        scores[0] -= self.none_penalty;
        scores
    }

    /// The best class for a candidate, and how sure the model is of it.
    pub(crate) fn predict(&self, keys: &[u32]) -> (usize, f32) {
        let scores = self.scores(keys);
        let (best, margin) = best_and_margin(&scores);
        (best, confidence(self.calibration, margin))
    }

    /// The relation type and direction of class `c > 0`: (label index, whether
    /// the earlier mention is the source).
    pub(crate) fn class_label(c: usize) -> (usize, bool) {
        ((c - 1) / 2, c % 2 == 1)
    }
}

/// The highest-scoring class (the first on ties) and its lead over the next.
pub(crate) fn best_and_margin(scores: &[f32]) -> (usize, f32) {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    let margin = crate::model::calibration::lead(scores, best);
    (best, if margin.is_finite() { margin } else { 0.0 })
}

/// The token range `[first, last)` of a byte span.
/// How far, in tokens, the sentence context of a pair reaches before its first
/// mention and after its second (triggers, reporting and conditional cues).
/// Prose sentences are shorter than this, so it is the whole sentence; a
/// "sentence" without final punctuation (a table, a list, scraped garbage) would
/// otherwise be scanned whole for each of its pairs.
const CONTEXT_TOKENS: usize = 100;

/// The tokens of `sentence` that count as the context of the pair spanning
/// tokens `first..last`.
fn context(sentence: &Sentence, first: usize, last: usize) -> std::ops::Range<usize> {
    let range = &sentence.tokens;
    first.saturating_sub(CONTEXT_TOKENS).max(range.start)
        ..last.saturating_add(CONTEXT_TOKENS).min(range.end)
}

fn token_range(doc: &Document, start: usize, end: usize) -> (usize, usize) {
    let first = doc.tokens.partition_point(|t| t.end <= start);
    let last = doc.tokens.partition_point(|t| t.start < end);
    (first, last.max(first))
}

/// Builds feature keys: a template name and its parts, hashed.
struct Keys(Vec<u32>);

impl Keys {
    fn add(&mut self, template: &str, parts: &[&str]) {
        let mut h = KeyHasher::default();
        h.write(template.as_bytes());
        for p in parts {
            h.write_u8(0xff);
            h.write(p.as_bytes());
        }
        let x = h.finish();
        self.0.push((x ^ (x >> 32)) as u32);
    }
}

/// Length buckets: small distances matter one by one, long ones roughly.
fn bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4 | 5 => "4-5",
        6..=8 => "6-8",
        9..=12 => "9-12",
        _ => "13+",
    }
}

/// The feature keys of a candidate pair.
pub(crate) fn features(
    doc: &Document,
    cues: &TokenCues,
    mentions: &[Mention],
    c: Candidate,
) -> Vec<u32> {
    let (ma, mb) = (&mentions[c.a], &mentions[c.b]);
    let (a0, a1) = token_range(doc, ma.start, ma.end);
    let (b0, b1) = token_range(doc, mb.start, mb.end);
    let sentence = &doc.sentences[c.sentence];
    let (la, lb) = (ma.label.as_str(), mb.label.as_str());
    let pair = format!("{la}|{lb}");
    let mut k = Keys(Vec::with_capacity(64));
    k.add("bias", &[]);
    k.add("labels", &[&pair]);
    let between: Vec<&str> = (a1..b0.max(a1)).map(|i| cues.lower(i)).collect();
    let gap = bucket(between.len());
    k.add("gap", &[gap]);
    k.add("gap*labels", &[gap, &pair]);
    // Mentions are sorted and non-overlapping, so those between the pair are the
    // ones listed between them, and a sentence's are a run found by binary
    // search: scanning every mention of the document for every pair made a
    // 1 MB text of 15 mentions a sentence take minutes (quadratic).
    let inside = &mentions[(c.a + 1).min(c.b)..c.b];
    k.add("mentions-between", &[bucket(inside.len())]);
    k.add("mentions-between*labels", &[bucket(inside.len()), &pair]);
    // What stands between them, by the pair's labels: a Location between two
    // Organisations often separates two clauses, a Person between an
    // Organisation and a Location is more likely the one who is there. (+0.4
    // typed F1 in 5-fold CV on re3d-dev, each of five seeds up. Within noise
    // or worse, so not kept: the nearest trigger on each side of each mention,
    // a mention in brackets, "by" after an "-ed" word, separators between
    // (commas, "and", "which", "who"), the first and last trigger word
    // between, a shape of the words between with triggers and mentions as
    // classes, head words conjoined with the other label.)
    for m in inside {
        k.add("label-between", &[m.label.as_str()]);
        k.add("label-between*labels", &[m.label.as_str(), &pair]);
    }
    if between.is_empty() {
        k.add("adjacent*labels", &[&pair]);
    }
    if let (Some(first), Some(last)) = (between.first(), between.last()) {
        k.add("first-between", &[first]);
        k.add("last-between", &[last]);
        k.add("first-between*labels", &[first, &pair]);
        k.add("last-between*labels", &[last, &pair]);
    }
    if between.len() <= 4 {
        k.add("between", &[&between.join(" "), &pair]);
    }
    for (i, w) in between.iter().enumerate() {
        let token = a1 + i;
        k.add("word-between", &[w]);
        k.add("word-between*labels", &[w, &pair]);
        if let Some(next) = between.get(i + 1) {
            k.add("bigram-between", &[w, next]);
        }
        for t in cues.triggers(token) {
            k.add("trigger-between", &[t.name()]);
            k.add("trigger-between*labels", &[t.name(), &pair]);
        }
        if cues.has(token, NEGATION) {
            k.add("negation-between", &[]);
        }
        if cues.has(token, MODAL) {
            k.add("modal-between", &[]);
        }
    }
    // Context outside the pair: two words before the first mention, two after
    // the second, and triggers elsewhere in the sentence (near the pair).
    for (name, i) in [
        ("before-1", a0.checked_sub(1)),
        ("before-2", a0.checked_sub(2)),
        ("after+1", Some(b1)),
        ("after+2", Some(b1 + 1)),
    ] {
        if let Some(i) = i.filter(|&i| i >= sentence.tokens.start && i < sentence.tokens.end) {
            let w = cues.lower(i);
            k.add(name, &[w]);
            k.add(&format!("{name}*labels"), &[w, &pair]);
        }
    }
    for i in context(sentence, a0, b1) {
        if (a0..b1).contains(&i) {
            continue;
        }
        for t in cues.triggers(i) {
            k.add("trigger-outside*labels", &[t.name(), &pair]);
        }
        if cues.has(i, REPORTING) {
            k.add("reported", &[]);
        }
    }
    // The mentions' own words ("forces", "ministry", "coalition") and whether
    // they are names or nominals ("the rebels"). (Their last words as separate
    // features, stems of the words between, and a head word conjoined with the
    // other label cost a point of cross-validated F1 and were dropped.)
    for (side, first, last) in [("a", a0, a1), ("b", b0, b1)] {
        if last > first {
            let named = doc.token_text(first).starts_with(char::is_uppercase);
            k.add(
                &format!("named-{side}*labels"),
                &[&named.to_string(), &pair],
            );
        }
        for i in first..last {
            k.add(&format!("word-{side}"), &[cues.lower(i)]);
        }
    }
    // Where the pair stands among the sentence's mentions: the first mention
    // is often the subject; long lists relate few of their pairs.
    let first = mentions.partition_point(|m| m.start < doc.tokens[sentence.tokens.start].start);
    let in_sentence = first
        ..mentions
            .partition_point(|m| m.end <= sentence.end)
            .max(first);
    let rank_a = if in_sentence.contains(&c.a) {
        c.a - first
    } else {
        0
    };
    k.add("a-rank", &[bucket(rank_a)]);
    k.add("sentence-mentions", &[bucket(in_sentence.len())]);
    if in_sentence.end > first && in_sentence.end - 1 == c.b {
        k.add("b-last", &[&pair]);
    }
    if !between.is_empty()
        && between
            .iter()
            .all(|w| !w.chars().any(char::is_alphanumeric))
    {
        k.add("punct-between*labels", &[&between.join(""), &pair]);
    }
    if inside.is_empty() && between.len() <= 3 {
        k.add("close*labels", &[&between.join(" "), &pair]);
    }
    k.0
}

/// The flags of a relation between mentions `a` before `b`: (negated,
/// hypothetical, reported).
///
/// Negated: a negation word between them ("did not attack", "has yet to
/// meet"). Hypothetical: a modal or conditional between them, or a
/// conditional before the first ("if Egypt backs Haftar"). Reported: a
/// reporting word anywhere in the sentence outside the two mentions (within
/// [`CONTEXT_TOKENS`] of the pair).
pub(crate) fn flags(
    doc: &Document,
    cues: &TokenCues,
    ma: &Mention,
    mb: &Mention,
    sentence: usize,
) -> [bool; 3] {
    let (a0, a1) = token_range(doc, ma.start, ma.end);
    let (b0, b1) = token_range(doc, mb.start, mb.end);
    let s = &doc.sentences[sentence];
    let between = a1..b0.max(a1);
    let (mut negated, mut hypothetical, mut reported) = (false, false, false);
    for i in context(s, a0, b1) {
        if (a0..a1).contains(&i) || (b0..b1).contains(&i) {
            continue;
        }
        if between.contains(&i) {
            negated |= cues.has(i, NEGATION);
            hypothetical |= cues.has(i, MODAL);
        } else if i < a0 {
            hypothetical |= cues.has(i, CONDITIONAL);
        }
        reported |= cues.has(i, REPORTING);
    }
    [negated, hypothetical, reported]
}

/// The tone of a relation in `[-1, 1]`: the relation type's own tone, shaded by
/// the trigger words between the mentions, turned weakly the other way when
/// negated ("did not attack" is not an attack, but hardly an alliance) and
/// halved when hypothetical.
///
/// On the Goldstein scale analysts know from CAMEO (-10 for military attack to
/// +10 for military assistance), tone × 10 is roughly the Goldstein score of
/// the event the sentence reports.
pub(crate) fn tone(
    doc: &Document,
    cues: &TokenCues,
    ma: &Mention,
    mb: &Mention,
    label: &str,
    [negated, hypothetical, _]: [bool; 3],
) -> f32 {
    let base = match label {
        "FightingAgainst" => Some(-0.9),
        "Dislikes" => Some(-0.6),
        "Apart" => Some(-0.2),
        "AlliesOf" => Some(0.8),
        "Likes" => Some(0.6),
        "CommWith" => Some(0.3),
        _ => None,
    };
    let (_, a1) = token_range(doc, ma.start, ma.end);
    let (b0, b1) = token_range(doc, mb.start, mb.end);
    let shade = |tokens: std::ops::Range<usize>| -> Vec<f32> {
        tokens
            .flat_map(|i| cues.triggers(i))
            .map(Trigger::tone)
            .filter(|&t| t != 0.0)
            .collect()
    };
    let mut shades = shade(a1..b0.max(a1));
    if shades.is_empty() {
        if let Some(head) = head_noun(doc, mb, b1) {
            shades = shade(head..head + 1);
        }
    }
    let mut words = (!shades.is_empty()).then(|| shades.iter().sum::<f32>() / shades.len() as f32);
    if opposed(doc, mb) {
        // Backing "the anti-Islamists" is acting against the Islamists; with no
        // word between, "anti-" alone says opposition.
        words = Some(match words {
            Some(w) if w > 0.0 => -w,
            Some(w) => w,
            None => ANTI_TONE,
        });
    }
    let mut tone = match (base, words) {
        (Some(b), Some(w)) => 0.7 * b + 0.3 * w,
        (Some(b), None) => b,
        (None, Some(w)) => 0.5 * w,
        (None, None) => 0.0,
    };
    if negated {
        tone *= -0.3;
    }
    if hypothetical {
        tone *= 0.5;
    }
    tone.clamp(-1.0, 1.0)
}

/// The tone "anti-" gives a pair by itself ("Egypt and the anti-Islamist camp").
const ANTI_TONE: f32 = -0.5;

/// Whether the mention is prefixed "anti-" ("anti-Islamists", "anti-Houthi").
fn opposed(doc: &Document, m: &Mention) -> bool {
    let before = &doc.text.as_bytes()[..m.start];
    let n = before.len();
    n >= 5
        && before[n - 5..].eq_ignore_ascii_case(b"anti-")
        && (n == 5 || !before[n - 6].is_ascii_alphanumeric())
}

/// For an adjectival mention (a nationality: "American"), the token right
/// after it when that is a lowercase word in the same sentence: the noun it
/// qualifies, which says how the pair relates when no word between the two
/// mentions does ("Egypt and the UAE are staunch American allies").
fn head_noun(doc: &Document, m: &Mention, after: usize) -> Option<usize> {
    if m.label != Label::Nationality {
        return None;
    }
    // A sentence's tokens end within the document's, so this bounds `after` too.
    let sentence = doc.sentence_at(m.start)?;
    if after >= doc.sentences[sentence].tokens.end {
        return None;
    }
    let word = doc.token_text(after);
    let lowercase = word.chars().next().is_some_and(char::is_lowercase);
    (lowercase && word.chars().all(char::is_alphabetic)).then_some(after)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::extract::{Label, Source};

    /// A given mention of the first occurrence of `word`.
    pub(crate) fn mention(doc: &Document, word: &str, label: Label) -> Mention {
        let start = doc.text.find(word).expect("word in text");
        Mention {
            start,
            end: start + word.len(),
            label,
            score: 1.0,
            source: Source::Given,
            kb: None,
        }
    }

    #[test]
    fn flags_and_tone_read_the_sentence() {
        let doc = Document::new("Officials said Egypt did not attack Libya.");
        let (a, b) = (
            mention(&doc, "Egypt", Label::Location),
            mention(&doc, "Libya", Label::Location),
        );
        let cues = TokenCues::new(&doc, [0], true);
        assert_eq!(flags(&doc, &cues, &a, &b, 0), [true, false, true]);
        let t = tone(&doc, &cues, &a, &b, "FightingAgainst", [true, false, true]);
        assert!(t > 0.0 && t < 0.5, "{t}");

        let doc = Document::new("If Egypt backs Haftar, the war could widen.");
        let (a, b) = (
            mention(&doc, "Egypt", Label::Location),
            mention(&doc, "Haftar", Label::Person),
        );
        let cues = TokenCues::new(&doc, [0], true);
        let f = flags(&doc, &cues, &a, &b, 0);
        assert_eq!(f, [false, true, false]);
        let t = tone(&doc, &cues, &a, &b, "AlliesOf", f);
        assert!(t > 0.2 && t < 0.5, "{t}");
        assert!(tone(&doc, &cues, &a, &b, "CoLocated", [false; 3]) > 0.0);
    }

    #[test]
    fn anti_turns_support_into_opposition() {
        // (text, earlier mention, later mention and its label, tone range)
        let rows: &[(&str, &str, (&str, Label), std::ops::Range<f32>)] = &[
            (
                "Egypt backed the anti-Islamists.",
                "Egypt",
                ("Islamists", Label::Nationality),
                -1.0..-0.1,
            ),
            (
                "Egypt backed the Islamists.",
                "Egypt",
                ("Islamists", Label::Nationality),
                0.1..1.0,
            ),
            (
                "Egypt and the anti-Houthi camp.",
                "Egypt",
                ("Houthi", Label::Organisation),
                -1.0..-0.1,
            ),
            // an attack on the anti-Houthi camp stays conflict
            (
                "Egypt attacked the Anti-Houthi camp.",
                "Egypt",
                ("Houthi", Label::Organisation),
                -1.0..-0.1,
            ),
            // "anti" inside a word is no prefix
            (
                "Egypt met the Santi-Houthi camp.",
                "Egypt",
                ("Houthi", Label::Organisation),
                0.05..1.0,
            ),
        ];
        for (text, a, (b, label), want) in rows {
            let doc = Document::new(*text);
            let start = text.rfind(b).expect("word in text");
            let mb = Mention {
                start,
                end: start + b.len(),
                ..mention(&doc, b, label.clone())
            };
            let ma = mention(&doc, a, Label::Location);
            let cues = TokenCues::new(&doc, [0], true);
            let t = tone(&doc, &cues, &ma, &mb, "CoOccurs", [false; 3]);
            assert!(want.contains(&t), "{text}: {t}");
        }
    }

    #[test]
    fn an_adjectival_mention_lends_its_noun() {
        let doc = Document::new("Egypt and the UAE are staunch American allies. Egypt fought.");
        let cues = TokenCues::new(&doc, [0, 1], true);
        let (egypt, uae) = (
            mention(&doc, "Egypt", Label::Location),
            mention(&doc, "UAE", Label::Location),
        );
        let american = mention(&doc, "American", Label::Nationality);
        let t = tone(&doc, &cues, &egypt, &american, "CoOccurs", [false; 3]);
        assert!(t > 0.1, "{t}");
        // only for nationalities: "UAE are" lends nothing
        assert_eq!(tone(&doc, &cues, &egypt, &uae, "CoOccurs", [false; 3]), 0.0);
        // a word between the mentions has the say
        let doc = Document::new("Egypt fought American allies.");
        let cues = TokenCues::new(&doc, [0], true);
        let (egypt, american) = (
            mention(&doc, "Egypt", Label::Location),
            mention(&doc, "American", Label::Nationality),
        );
        assert!(tone(&doc, &cues, &egypt, &american, "CoOccurs", [false; 3]) < -0.1);
        // and the noun must be in the same sentence
        let doc = Document::new("Egypt met an American. Allies gathered.");
        let cues = TokenCues::new(&doc, [0, 1], true);
        let (egypt, american) = (
            mention(&doc, "Egypt", Label::Location),
            mention(&doc, "American", Label::Nationality),
        );
        let t = tone(&doc, &cues, &egypt, &american, "CoOccurs", [false; 3]);
        assert!((0.1..0.2).contains(&t), "only 'met' counts: {t}");
    }

    #[test]
    fn features_depend_on_the_pair_and_are_deterministic() {
        let doc = Document::new("Egypt attacked Libya near Tobruk.");
        let ms = vec![
            mention(&doc, "Egypt", Label::Location),
            mention(&doc, "Libya", Label::Location),
            mention(&doc, "Tobruk", Label::Location),
        ];
        let c = |a, b| Candidate { a, b, sentence: 0 };
        let cues = TokenCues::new(&doc, [0], true);
        let f01 = features(&doc, &cues, &ms, c(0, 1));
        assert_eq!(f01, features(&doc, &cues, &ms, c(0, 1)));
        assert_ne!(f01, features(&doc, &cues, &ms, c(1, 2)));
        assert!(f01.len() > 10);
    }

    #[test]
    fn best_class_and_margin() {
        assert_eq!(best_and_margin(&[0.0, 2.0, 1.5]), (1, 0.5));
        assert_eq!(best_and_margin(&[1.0, 1.0]), (0, 0.0));
        assert_eq!(best_and_margin(&[3.0]), (0, 0.0));
    }
}

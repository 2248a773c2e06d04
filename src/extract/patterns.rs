//! Pattern extraction: dates and times, money, measures, web addresses,
//! communications identifiers, radio frequencies, document references and map
//! coordinates, found with regular expressions.
//!
//! Every family is a table of rules (`patterns/*.rs`). A rule is a regex plus a
//! check that picks the span to emit (some rules match a cue such as "in" or
//! "tel:" that is not part of the mention) and rejects near misses. On top of
//! each rule's own check, every span must stand on word boundaries, and a span
//! starting or ending with a digit must not be glued to more digits through a
//! separator ("1.24.08.2014", "1-3", "S/2014", "10:30:"), so a rule can never
//! emit a fragment of a longer number.
//!
//! Candidates from all rules then compete: the longest span wins, then the
//! family rank (URL, communications identifier, document reference,
//! coordinates, money, frequency, quantity, temporal), then the higher score,
//! then the earlier start. The result is sorted and non-overlapping.
//!
//! Span conventions for Temporal: cue words that merely introduce an expression
//! ("in 2014", "on Tuesday", "over the summer", "in recent weeks") are required
//! by some rules but left out of the span; words that are part of the expression
//! stay in it ("last week", "the past few days", "earlier this year", "mid-2014",
//! "the 1990s"), and so do the connectives of a range ("between May and July
//! 2014", "from 1 to 3 June").
//!
//! Precision matters more than recall here: the pipeline gives patterns
//! precedence over every source but the caller's own mentions, so a false
//! positive hides whatever the gazetteer or tagger would have found.

mod geo;
mod identifiers;
mod lexicon;
mod measures;
mod temporal;

pub(crate) use lexicon::{MONTHS, WEEKDAYS};

#[cfg(test)]
mod tests;

use std::fmt;
use std::sync::OnceLock;

use regex::{Captures, Regex, RegexSet};

use super::gazetteer::is_word_char;
use super::{Extractor, Label, Mention, Source};
use crate::text::Document;

/// A rule family: its label and, by declaration order, its rank when two
/// candidates of the same length overlap (earlier wins).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Kind {
    Url,
    Comms,
    DocRef,
    Coordinates,
    Money,
    Frequency,
    Quantity,
    Temporal,
}

impl Kind {
    fn label(self) -> Label {
        match self {
            Kind::Url => Label::Url,
            Kind::Comms => Label::CommsIdentifier,
            Kind::DocRef => Label::DocumentReference,
            Kind::Coordinates => Label::Location,
            Kind::Money => Label::Money,
            Kind::Frequency => Label::Frequency,
            Kind::Quantity => Label::Quantity,
            Kind::Temporal => Label::Temporal,
        }
    }
}

/// Validates a regex match and returns the byte span to emit, or `None` to
/// reject it. The engine then applies [`edges_ok`] to the span.
type Check = fn(&str, &Captures<'_>) -> Option<(usize, usize)>;

/// A rule before its regex is compiled.
struct Spec {
    /// Names the rule in test failures.
    #[cfg_attr(not(test), allow(dead_code))]
    name: &'static str,
    kind: Kind,
    score: f32,
    pattern: String,
    check: Check,
}

impl Spec {
    /// A rule whose `template` is expanded by [`lexicon::expand`].
    fn new(name: &'static str, kind: Kind, score: f32, template: &str, check: Check) -> Spec {
        Spec {
            name,
            kind,
            score,
            pattern: lexicon::expand(template),
            check,
        }
    }
}

struct Rule {
    kind: Kind,
    score: f32,
    re: Regex,
    check: Check,
}

/// Every rule of every family, in a fixed order.
fn specs() -> Vec<Spec> {
    let mut all = Vec::new();
    temporal::specs(&mut all);
    measures::specs(&mut all);
    identifiers::specs(&mut all);
    geo::specs(&mut all);
    all
}

static RULES: OnceLock<Vec<Rule>> = OnceLock::new();
/// The compiled rules, built on first use and shared by every extractor.
fn rules() -> &'static [Rule] {
    RULES.get_or_init(|| {
        specs()
            .into_iter()
            // A pattern that fails to compile is dropped rather than panicking;
            // the test `every_rule_compiles` makes sure none does.
            .filter_map(|s| {
                Regex::new(&s.pattern).ok().map(|re| Rule {
                    kind: s.kind,
                    score: s.score,
                    re,
                    check: s.check,
                })
            })
            .collect()
    })
}

static GATE: OnceLock<Option<RegexSet>> = OnceLock::new();

/// All the rules as one set, which tells in a single pass over a text which
/// rules match anywhere in it. Each rule's own scan costs a pass over the
/// text, and most texts give work to few of the ~100 rules, so skipping the
/// rest makes pattern extraction about three times faster
/// (`cargo bench --bench tagger`). The answer is exact: a rule with no match
/// anywhere has none from any offset either. `None` (the set failed to build)
/// means every rule scans.
fn gate() -> Option<&'static RegexSet> {
    GATE.get_or_init(|| RegexSet::new(rules().iter().map(|r| r.re.as_str())).ok())
        .as_ref()
}

/// Finds dates and times, money, measures, URLs, e-mail addresses and other
/// communications identifiers, radio frequencies, document references and map
/// coordinates with fixed patterns (re3d's types; coordinates are `Location`).
///
/// Mentions carry `source = pattern`, no knowledge-base entry, and a fixed
/// score per rule family that reflects how reliable the family is. They are
/// sorted and non-overlapping among themselves.
///
/// The `prior` mentions are ignored: patterns rank above every source but the
/// caller's own mentions, and [`crate::extract::merge`] settles overlaps with
/// those.
///
/// ```
/// use actorgraph::extract::PatternExtractor;
///
/// let text = "On 27 November 2026 the fund paid $5 million.";
/// let found: Vec<(&str, String)> = PatternExtractor::new()
///     .find(text)
///     .iter()
///     .map(|m| (&text[m.start..m.end], m.label.to_string()))
///     .collect();
/// assert_eq!(
///     found,
///     [
///         ("27 November 2026", "Temporal".to_string()),
///         ("$5 million", "Money".to_string())
///     ]
/// );
/// ```
#[derive(Clone, Copy)]
pub struct PatternExtractor {
    rules: &'static [Rule],
}

impl fmt::Debug for PatternExtractor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PatternExtractor")
            .field("rules", &self.rules.len())
            .finish()
    }
}

impl Default for PatternExtractor {
    fn default() -> Self {
        PatternExtractor::new()
    }
}

/// One accepted rule match before overlaps are settled.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    start: usize,
    end: usize,
    kind: Kind,
    score: f32,
}

impl PatternExtractor {
    /// The extractor with every rule. The regexes are compiled once per process,
    /// on the first call (about 0.1 s), and shared; the set that gates them is
    /// built on the first text (about 40 ms), which keeps it out of a pipeline's
    /// start-up (`benchmarks/bench_startup.py`).
    pub fn new() -> PatternExtractor {
        PatternExtractor { rules: rules() }
    }

    /// The mentions in `text`, sorted by start and non-overlapping, in byte
    /// offsets of `text`.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut candidates = Vec::new();
        match gate() {
            Some(gate) => {
                for i in gate.matches(text).iter() {
                    scan(&self.rules[i], text, &mut candidates);
                }
            }
            None => {
                for rule in self.rules {
                    scan(rule, text, &mut candidates);
                }
            }
        }
        resolve(candidates)
            .into_iter()
            .map(|c| Mention {
                start: c.start,
                end: c.end,
                label: c.kind.label(),
                score: c.score,
                source: Source::Pattern,
                kb: None,
            })
            .collect()
    }
}

impl Extractor for PatternExtractor {
    fn source(&self) -> Source {
        Source::Pattern
    }

    /// Appends the pattern mentions of `doc`; `prior` is ignored (see the type
    /// docs).
    fn extract(&self, doc: &Document, _prior: &[Mention], out: &mut Vec<Mention>) {
        out.extend(self.find(&doc.text));
    }
}

/// Runs one rule over the whole text. A rejected match is retried from its next
/// character, so a near miss cannot hide a valid match that starts inside it.
/// Patterns are bounded in length (but for URL tails, which cannot restart
/// inside themselves; see `lexicon`), which keeps these retries linear.
fn scan(rule: &Rule, text: &str, out: &mut Vec<Candidate>) {
    let mut pos = 0;
    while pos <= text.len() {
        let Some(caps) = rule.re.captures_at(text, pos) else {
            break;
        };
        let Some(whole) = caps.get(0) else {
            break;
        };
        let accepted = (rule.check)(text, &caps).filter(|&(s, e)| {
            s < e
                && e <= text.len()
                && text.is_char_boundary(s)
                && text.is_char_boundary(e)
                && edges_ok(text, s, e)
        });
        let retry = next_char(text, whole.start());
        match accepted {
            Some((start, end)) => {
                out.push(Candidate {
                    start,
                    end,
                    kind: rule.kind,
                    score: rule.score,
                });
                // A mention after its cue resumes the search at the mention, which
                // may cue the next one ("in 2006 and 2007", "2001, 2002 and 2003");
                // otherwise the search resumes after the match.
                pos = if start > whole.start() {
                    start
                } else {
                    whole.end().max(end).max(retry)
                };
            }
            None => pos = retry,
        }
    }
}

/// The offset of the character after the one at `i` (`i + 1` past the end).
fn next_char(text: &str, i: usize) -> usize {
    i + text
        .get(i..)
        .and_then(|rest| rest.chars().next())
        .map_or(1, char::len_utf8)
}

/// Keeps the best candidates: longest, then family rank, then score, then
/// earliest; returns them sorted by start.
fn resolve(mut candidates: Vec<Candidate>) -> Vec<Candidate> {
    candidates.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.kind.cmp(&b.kind))
            .then(b.score.total_cmp(&a.score))
            .then(a.start.cmp(&b.start))
    });
    let mut kept: Vec<Candidate> = Vec::with_capacity(candidates.len());
    // Sorted by start, so each overlap test is a binary search.
    let mut taken: Vec<(usize, usize)> = Vec::with_capacity(candidates.len());
    for c in candidates {
        let i = taken.partition_point(|&(s, _)| s < c.end);
        if i > 0 && taken[i - 1].1 > c.start {
            continue;
        }
        taken.insert(i, (c.start, c.end));
        kept.push(c);
    }
    kept.sort_by_key(|c| (c.start, c.end));
    kept
}

/// Whether the span `start..end` stands on its own: no word character glued to
/// a word character at either edge, and no number glued to more digits.
fn edges_ok(text: &str, start: usize, end: usize) -> bool {
    let (Some(span), Some(head), Some(tail)) =
        (text.get(start..end), text.get(..start), text.get(end..))
    else {
        return false;
    };
    let (Some(first), Some(last)) = (span.chars().next(), span.chars().next_back()) else {
        return false;
    };
    let mut before = head.chars().rev();
    let (b1, b2) = (before.next(), before.next());
    let mut after = tail.chars();
    let (a1, a2) = (after.next(), after.next());
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
    if is_word_char(first) && b1.is_some_and(is_word_char) {
        return false;
    }
    if is_word_char(last) && a1.is_some_and(is_word_char) {
        return false;
    }
    // "/2014", "km/h" pieces, paths: what follows a slash belongs to it.
    if b1 == Some('/') && is_word_char(first) {
        return false;
    }
    if first.is_ascii_digit() || first == '.' {
        // "1.24.08.2014" -> "24.08.2014", "1-3 June" -> "3 June", "10:30" -> "30"
        if b1.is_some_and(|c| matches!(c, '.' | ',' | ':' | '-' | '–' | '+')) && digit(b2) {
            return false;
        }
        if first == '.' && digit(b1) {
            return false;
        }
    }
    // A sign belongs to a number only when nothing word-like precedes it.
    if matches!(first, '-' | '+' | '−') && b1.is_some_and(is_word_char) {
        return false;
    }
    if last.is_ascii_digit()
        && a1.is_some_and(|c| matches!(c, '.' | ',' | ':' | '-' | '–' | '/'))
        && digit(a2)
    {
        return false;
    }
    true
}

// ----- helpers shared by the rule modules -----

/// The span of group `m` when the rule has one (the mention inside a cue), else
/// the whole match.
fn span(caps: &Captures<'_>) -> Option<(usize, usize)> {
    caps.name("m")
        .or_else(|| caps.get(0))
        .map(|m| (m.start(), m.end()))
}

/// The check of rules that need nothing beyond the engine's boundary test.
fn plain(_text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    span(caps)
}

/// The text of group `name`, or "".
fn group<'t>(caps: &Captures<'t>, name: &str) -> &'t str {
    caps.name(name).map_or("", |m| m.as_str())
}

/// Number of ASCII digits in `s`.
fn digit_count(s: &str) -> usize {
    s.bytes().filter(u8::is_ascii_digit).count()
}

/// The word (letters only) right after `end`, skipping up to three spaces.
fn word_after(text: &str, end: usize) -> &str {
    let rest = text.get(end..).unwrap_or("");
    let trimmed = rest.trim_start_matches([' ', '\u{a0}', '\t']);
    if rest.len() - trimmed.len() > 3 {
        return "";
    }
    let len = trimmed
        .char_indices()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(trimmed.len(), |(i, _)| i);
    trimmed.get(..len).unwrap_or("")
}

/// The word (letters only) right before `start`, when only spaces separate it.
fn word_before(text: &str, start: usize) -> &str {
    let head = text.get(..start).unwrap_or("");
    let trimmed = head.trim_end_matches([' ', '\u{a0}', '\t']);
    if head.len() - trimmed.len() > 3 {
        return "";
    }
    let begin = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8());
    trimmed.get(begin..).unwrap_or("")
}

/// Whether `word` is one of `list`, ignoring ASCII case.
fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

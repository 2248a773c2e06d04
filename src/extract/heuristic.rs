//! The name heuristic: capitalised spans that no other source knows become
//! mentions with a low score and `source = heuristic`.
//!
//! It exists so that people and factions show up before (and beside) the trained
//! tagger. The rules are deliberately few: runs of capitalised tokens, trimmed of
//! titles and of sentence-initial ordinary words, typed by keywords ("Bank" makes
//! an Organisation), given names and demonym endings.

use std::sync::Arc;

use super::gazetteer::is_word_char;
use super::patterns::{MONTHS, WEEKDAYS};
use super::{Extractor, Label, Mention, Source};
use crate::error::{Error, Result};
use crate::text::{Document, TokenKind};

/// Lookups run once per token, so the sets use a fast non-keyed hash (the
/// words come from our own data files, not from an adversary).
type WordSet = crate::fasthash::FastSet<Box<str>>;

/// Word lists the heuristic consults: ordinary lowercase words and given names.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    common: WordSet,
    given: WordSet,
}

impl Lexicon {
    /// An empty lexicon: every capitalised word looks like a name.
    pub fn new() -> Lexicon {
        Lexicon::default()
    }

    /// Parses the TSV format of the bundled lexicon: the header `word kind`, then
    /// rows whose kind is `common` (an ordinary lowercase word) or `given` (a
    /// given name). Words are stored lowercase.
    ///
    /// # Errors
    /// [`Error::Data`] naming the first bad line.
    pub fn from_tsv(tsv: &str) -> Result<Lexicon> {
        let bad = |line: usize, message: &str| Error::Data {
            what: "lexicon".into(),
            message: format!("line {line}: {message}"),
        };
        let mut lines = tsv.lines().enumerate();
        if lines.next().map(|(_, h)| h.trim_end_matches('\r')) != Some("word\tkind") {
            return Err(bad(1, "expected the header 'word\\tkind'"));
        }
        let mut lexicon = Lexicon::new();
        for (i, line) in lines {
            let line = line.trim_end_matches('\r');
            if line.is_empty() {
                continue;
            }
            let Some((word, kind)) = line.split_once('\t') else {
                return Err(bad(i + 1, "expected 2 tab-separated fields"));
            };
            match kind {
                "common" => lexicon.add_common(word),
                "given" => lexicon.add_given(word),
                _ => return Err(bad(i + 1, "the kind must be 'common' or 'given'")),
            }
        }
        Ok(lexicon)
    }

    /// Marks `word` as an ordinary word, so that it is not taken for a name when
    /// capitalised at the start of a sentence.
    pub fn add_common(&mut self, word: &str) {
        self.common.insert(word.to_lowercase().into_boxed_str());
    }

    /// Marks `word` as a given name, a cue for Person.
    pub fn add_given(&mut self, word: &str) {
        self.given.insert(word.to_lowercase().into_boxed_str());
    }

    pub(crate) fn is_common(&self, word: &str) -> bool {
        self.is_common_lower(&word.to_lowercase())
    }

    /// Like `is_common` for a word already in lowercase (saves an allocation
    /// in the tagger's per-token loop).
    pub(crate) fn is_common_lower(&self, lower: &str) -> bool {
        self.common.contains(lower)
    }

    /// Every word of the lexicon (lowercase), common words first, each once.
    pub(crate) fn words(&self) -> impl Iterator<Item = &str> {
        let given = self.given.iter().filter(|w| !self.common.contains(*w));
        self.common.iter().chain(given).map(|w| &**w)
    }

    pub(crate) fn is_given_lower(&self, lower: &str) -> bool {
        self.given.contains(lower)
    }

    pub(crate) fn is_given(&self, word: &str) -> bool {
        self.given.contains(word.to_lowercase().as_str())
    }
}

/// Titles and roles that precede a person's name and are not part of it.
pub(crate) const TITLES: &[&str] = &[
    "Adm",
    "Admiral",
    "Ambassador",
    "Brig",
    "Brigadier",
    "Capt",
    "Captain",
    "Chairman",
    "Chancellor",
    "Chief",
    "Col",
    "Colonel",
    "Commander",
    "Cpl",
    "Deputy",
    "Dr",
    "Emir",
    "Envoy",
    "Field",
    "Foreign",
    "Gen",
    "General",
    "Gov",
    "Governor",
    "Imam",
    "Judge",
    "King",
    "Lieutenant",
    "Lt",
    "Maj",
    "Major",
    "Marshal",
    "Minister",
    "Mr",
    "Mrs",
    "Ms",
    "President",
    "Premier",
    "Prime",
    "Prince",
    "Princess",
    "Prof",
    "Professor",
    "Queen",
    "Rep",
    "Representative",
    "Secretary",
    "Sen",
    "Senator",
    "Sgt",
    "Sheikh",
    "Shaykh",
    "Special",
    "Spokesman",
    "Spokeswoman",
    "Sultan",
    "Vice",
];

/// Head words that make a capitalised span an Organisation.
const ORG_WORDS: &[&str] = &[
    "Agency",
    "Alliance",
    "Army",
    "Assembly",
    "Association",
    "Authority",
    "Bank",
    "Battalion",
    "Battalions",
    "Board",
    "Brigade",
    "Brigades",
    "Bureau",
    "Cabinet",
    "Coalition",
    "Command",
    "Commission",
    "Committee",
    "Company",
    "Congress",
    "Corporation",
    "Corps",
    "Council",
    "Court",
    "Department",
    "Division",
    "Embassy",
    "Forces",
    "Foundation",
    "Front",
    "Government",
    "Group",
    "Guard",
    "Guards",
    "Inc",
    "Institute",
    "League",
    "Legion",
    "Ltd",
    "Militia",
    "Ministry",
    "Movement",
    "Navy",
    "Office",
    "Organisation",
    "Organization",
    "Parliament",
    "Party",
    "Police",
    "Regiment",
    "Senate",
    "Service",
    "Shura",
    "Tribunal",
    "Union",
    "University",
];

/// Head words that make a capitalised span a Location.
const LOCATION_WORDS: &[&str] = &[
    "Airport",
    "Base",
    "Basin",
    "Bay",
    "City",
    "Coast",
    "Desert",
    "District",
    "Gulf",
    "Island",
    "Islands",
    "Lake",
    "Mount",
    "Mountains",
    "Oasis",
    "Peninsula",
    "Port",
    "Province",
    "Region",
    "River",
    "Sea",
    "Square",
    "Strait",
    "Street",
    "Valley",
];

/// Capitalised words that are never names on their own: "I", weekdays and
/// months (the pattern extractors' lists), except "May", also a given name.
fn never_name(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    word == "I"
        || WEEKDAYS.contains(&word)
        || MONTHS
            .iter()
            .any(|(month, _)| *month == word && word != "May")
}

/// Lowercase particles that may sit inside a name ("Abu Bakr al Baghdadi").
const NAME_PARTICLES: &[&str] = &[
    "al", "bin", "ibn", "bint", "abu", "van", "von", "de", "du", "la",
];

/// Lowercase prefixes of capitalised names ("al-Hassi", "el-Sisi").
const NAME_PREFIXES: &[&str] = &["al-", "el-", "ad-", "as-", "ash-", "ar-", "an-", "at-"];

const SCORE_CUED: f32 = 0.6;
const SCORE_PLAIN: f32 = 0.45;
const SCORE_WEAK: f32 = 0.3;

/// Finds capitalised spans that other sources left alone.
#[derive(Clone, Debug, Default)]
pub struct NameHeuristic {
    lexicon: Arc<Lexicon>,
}

impl NameHeuristic {
    /// A heuristic consulting `lexicon` (shared with the tagger, hence the Arc).
    pub fn new(lexicon: impl Into<Arc<Lexicon>>) -> NameHeuristic {
        NameHeuristic {
            lexicon: lexicon.into(),
        }
    }
}

/// A token's part that may belong to a name: its byte span, trimmed of a
/// lowercase hyphenated tail ("Misratan-led" gives "Misratan").
struct Part {
    start: usize,
    end: usize,
    /// True when the tail was cut, which ends the run.
    cut: bool,
}

fn starts_upper(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.contains(&word.trim_end_matches('.'))
}

/// The name-like part of a word token, if any.
fn name_part(word: &str, start: usize) -> Option<Part> {
    let body = NAME_PREFIXES
        .iter()
        .find_map(|p| word.strip_prefix(p))
        .unwrap_or(word);
    if !starts_upper(body) {
        return None;
    }
    // Cut at the first hyphen followed by a lowercase letter: "Misratan-led".
    let mut cut_at = None;
    for (i, c) in word.char_indices() {
        if c == '-' && word[i + 1..].chars().next().is_some_and(char::is_lowercase) {
            let prefix = &word[..i + 1];
            if !NAME_PREFIXES.contains(&prefix) {
                cut_at = Some(i);
                break;
            }
        }
    }
    Some(match cut_at {
        Some(i) => Part {
            start,
            end: start + i,
            cut: true,
        },
        None => Part {
            start,
            end: start + word.len(),
            cut: false,
        },
    })
}

fn is_acronym(word: &str) -> bool {
    if is_initialism(word) {
        return true;
    }
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && !word.contains('.')
        && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
        && !matches!(
            word,
            "II" | "III" | "IV" | "VI" | "VII" | "VIII" | "IX" | "XI" | "XX"
        )
}

fn looks_like_demonym(word: &str) -> bool {
    [
        "ani", "ian", "ians", "ans", "ese", "ist", "ists", "ite", "ites", "an", "i",
    ]
    .iter()
    .any(|s| word.len() > s.len() + 3 && word.ends_with(s))
}

impl NameHeuristic {
    /// Types and scores a run of name parts, or drops it.
    fn classify(
        &self,
        words: &[&str],
        titled: bool,
        sentence_initial: bool,
    ) -> Option<(Label, f32)> {
        let has = |list: &[&str]| words.iter().any(|w| in_list(list, w));
        if has(ORG_WORDS) {
            return Some((Label::Organisation, SCORE_CUED));
        }
        if has(LOCATION_WORDS) {
            return Some((Label::Location, SCORE_CUED));
        }
        if titled || (words.len() > 1 && self.lexicon.is_given(words[0])) {
            return Some((Label::Person, SCORE_CUED));
        }
        if words.len() > 1 && words[0] == "The" {
            return Some((Label::Organisation, SCORE_PLAIN));
        }
        let [word] = words else {
            let has_particle = words.iter().any(|w| NAME_PARTICLES.contains(w));
            return Some((
                if words.len() <= 3 || has_particle {
                    Label::Person
                } else {
                    Label::Organisation
                },
                SCORE_PLAIN,
            ));
        };
        if is_acronym(word) {
            return Some((Label::Organisation, SCORE_PLAIN));
        }
        let score = if sentence_initial {
            SCORE_WEAK
        } else {
            SCORE_PLAIN
        };
        let prefixed = NAME_PREFIXES.iter().any(|p| word.starts_with(p));
        if looks_like_demonym(word) && !prefixed && !self.lexicon.is_given(word) {
            return Some((Label::Nationality, score));
        }
        Some((Label::Person, score))
    }
}

impl Extractor for NameHeuristic {
    fn source(&self) -> Source {
        Source::Heuristic
    }

    fn extract(&self, doc: &Document, prior: &[Mention], out: &mut Vec<Mention>) {
        let text = doc.text.as_str();
        let taken = |start: usize, end: usize| {
            let i = prior.partition_point(|m| m.end <= start);
            prior[i..]
                .iter()
                .take_while(|m| m.start < end)
                .any(|m| m.end > start)
        };
        for sentence in &doc.sentences {
            // The run being built: name parts with their words and positions.
            let mut run: Vec<(Part, &str, bool)> = Vec::new();
            let mut leading_punct_only = true;
            let mut i = sentence.tokens.start;
            while i <= sentence.tokens.end {
                let token = (i < sentence.tokens.end).then(|| doc.tokens[i]);
                let mut part = None;
                let mut particle = false;
                if let Some(t) = token {
                    let word = &text[t.start..t.end];
                    if t.kind == TokenKind::Word && !taken(t.start, t.end) {
                        part = name_part(word, t.start);
                        particle = part.is_none()
                            && !run.is_empty()
                            && NAME_PARTICLES.contains(&word)
                            && doc.tokens.get(i + 1).is_some_and(|n| {
                                n.kind == TokenKind::Word && starts_upper(doc.token_text(i + 1))
                            });
                    }
                }
                let initial = leading_punct_only;
                if let Some(t) = token {
                    leading_punct_only &= t.kind == TokenKind::Punct;
                }
                match part {
                    Some(p) => {
                        let cut = p.cut;
                        let word = &text[p.start..p.end];
                        run.push((p, word, initial));
                        if cut {
                            self.flush(text, &mut run, out);
                        }
                    }
                    None if particle => {
                        let t = doc.tokens[i];
                        run.push((
                            Part {
                                start: t.start,
                                end: t.end,
                                cut: false,
                            },
                            &text[t.start..t.end],
                            false,
                        ));
                    }
                    None => self.flush(text, &mut run, out),
                }
                i += 1;
            }
        }
    }
}

impl NameHeuristic {
    /// Splits the current run where a title follows a name ("UN Special
    /// Representative Bernardino Leon" gives "UN" and "Bernardino Leon"), emits each
    /// piece, and leaves the run empty.
    fn flush(&self, text: &str, run: &mut Vec<(Part, &str, bool)>, out: &mut Vec<Mention>) {
        let mut piece_start = 0;
        for i in 1..run.len() {
            if in_list(TITLES, run[i].1) && !in_list(TITLES, run[i - 1].1) {
                self.emit(text, &run[piece_start..i], out);
                piece_start = i;
            }
        }
        self.emit(text, &run[piece_start..], out);
        run.clear();
    }

    /// Trims, types and emits one run of name parts.
    fn emit(&self, text: &str, run: &[(Part, &str, bool)], out: &mut Vec<Mention>) {
        let mut lo = 0;
        let mut hi = run.len();
        let mut titled = false;
        // Leading titles, ordinary sentence-initial words and stray particles go.
        while lo < hi {
            let (_, word, initial) = run[lo];
            if in_list(TITLES, word) {
                titled = true;
            } else if !(NAME_PARTICLES.contains(&word)
                || never_name(word)
                || (initial && self.lexicon.is_common(word)))
            {
                break;
            }
            lo += 1;
        }
        while hi > lo && NAME_PARTICLES.contains(&run[hi - 1].1) {
            hi -= 1;
        }
        if lo >= hi {
            return;
        }
        let words: Vec<&str> = run[lo..hi].iter().map(|(_, w, _)| *w).collect();
        let keyword = words
            .iter()
            .any(|w| in_list(ORG_WORDS, w) || in_list(LOCATION_WORDS, w));
        // Without a keyword or a title, ordinary words at the edges are not names
        // ("The", "International"): trim them.
        let ordinary = |w: &str| self.lexicon.is_common(w) || never_name(w);
        let (mut a, mut b) = (0, words.len());
        // A capitalised "The" inside a sentence belongs to the name that follows:
        // "at The Hill", "in The Guardian" (titles of papers and organisations).
        let named_the = words.len() > 1 && words[0] == "The" && !run[lo].2;
        if !keyword && !titled && !named_the {
            while a < b && ordinary(words[a]) {
                a += 1;
            }
            while b > a && ordinary(words[b - 1]) {
                b -= 1;
            }
        }
        if a >= b {
            return;
        }
        let sentence_initial = run[lo + a].2;
        let Some((label, score)) = self.classify(&words[a..b], titled, sentence_initial) else {
            return;
        };
        let start = run[lo + a].0.start;
        let last = &run[lo + b - 1];
        // A span starts and ends inside words, never on punctuation, except for the
        // final period of an initialism ("U.S.").
        let end = if is_initialism(last.1) {
            last.0.end
        } else {
            start
                + text[start..last.0.end]
                    .trim_end_matches(|c: char| !is_word_char(c))
                    .len()
        };
        if text[start..end].chars().next().is_some_and(is_word_char) {
            out.push(Mention {
                start,
                end,
                label,
                score,
                source: Source::Heuristic,
                kb: None,
            });
        }
    }
}

/// "U.S.", "D.C.": single letters, each followed by a period.
fn is_initialism(word: &str) -> bool {
    let mut chars = word.chars();
    let mut letters = 0;
    while let Some(c) = chars.next() {
        if !c.is_alphabetic() || chars.next() != Some('.') {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::merge;

    fn heuristic() -> NameHeuristic {
        let mut lexicon = Lexicon::new();
        for w in [
            "it",
            "the",
            "as",
            "meanwhile",
            "but",
            "he",
            "international",
            "now",
            "in",
            "bank",
        ] {
            lexicon.add_common(w);
        }
        lexicon.add_given("karim");
        NameHeuristic::new(lexicon)
    }

    fn run(text: &str, prior: &[(usize, usize)]) -> Vec<(String, String)> {
        let doc = Document::new(text);
        let prior: Vec<Mention> = prior
            .iter()
            .map(|&(start, end)| Mention {
                start,
                end,
                label: Label::Location,
                score: 1.0,
                source: Source::Gazetteer,
                kb: None,
            })
            .collect();
        let mut out = Vec::new();
        heuristic().extract(&doc, &prior, &mut out);
        merge(out)
            .iter()
            .map(|m| (text[m.start..m.end].to_string(), m.label.to_string()))
            .collect()
    }

    macro_rules! t {
        ($name:ident, $text:expr, $prior:expr, [$(($span:expr, $label:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let want: Vec<(String, String)> =
                    vec![$(($span.to_string(), $label.to_string())),*];
                assert_eq!(run($text, $prior), want, "text: {:?}", $text);
            }
        };
    }

    t!(empty, "", &[], []);
    t!(lowercase_only, "nothing to see here.", &[], []);
    t!(
        sentence_initial_common_word,
        "Meanwhile, the talks went on.",
        &[],
        []
    );
    t!(
        sentence_initial_name,
        "Obama possessed the tools.",
        &[],
        [("Obama", "Person")]
    );
    t!(
        two_words_person,
        "written by me and Karim Mezran here.",
        &[],
        [("Karim Mezran", "Person")]
    );
    t!(
        possessive_cut,
        "Zintani and Haftar's forces.",
        &[],
        [("Zintani", "Nationality"), ("Haftar", "Person")]
    );
    t!(
        title_splits_run,
        "UN Special Representative Bernardino Leon has insisted.",
        &[],
        [("UN", "Organisation"), ("Bernardino Leon", "Person")]
    );
    t!(
        prior_mentions_are_skipped,
        "UN Special Representative Bernardino Leon spoke.",
        &[(0, 2)],
        [("Bernardino Leon", "Person")]
    );
    t!(
        org_keyword,
        "when the Central Bank transferred funds",
        &[],
        [("Central Bank", "Organisation")]
    );
    t!(
        location_keyword,
        "near the Nafusa Mountains today",
        &[],
        [("Nafusa Mountains", "Location")]
    );
    t!(
        hyphen_tail_cut,
        "the Misratan-led camp",
        &[],
        [("Misratan", "Nationality")]
    );
    t!(
        arabic_prefix_name,
        "the al-Hassi government",
        &[],
        [("al-Hassi", "Person")]
    );
    t!(
        particle_inside_name,
        "Abu Bakr al Baghdadi spoke",
        &[],
        [("Abu Bakr al Baghdadi", "Person")]
    );
    t!(
        months_are_not_names,
        "It happened in January and on Monday.",
        &[],
        []
    );
    t!(
        initialism_keeps_period,
        "talks with the U.S. today",
        &[],
        [("U.S.", "Organisation")]
    );
    t!(
        mid_sentence_the_is_part_of_a_name,
        "a piece at The Hill today",
        &[],
        [("The Hill", "Organisation")]
    );
    t!(
        common_edges_trimmed,
        "The Bank Ltd",
        &[],
        [("Bank Ltd", "Organisation")]
    );
    t!(
        common_words_alone_are_dropped,
        "then Meanwhile In Now",
        &[],
        []
    );
    t!(
        non_ascii_names,
        "Ümit Özdağ met Тобрук",
        &[],
        [("Ümit Özdağ", "Person"), ("Тобрук", "Person")]
    );

    #[test]
    fn lexicon_tsv() {
        let lex = Lexicon::from_tsv("word\tkind\nThe\tcommon\nKarim\tgiven\n").expect("parses");
        assert!(lex.is_common("the") && lex.is_given("KARIM") && !lex.is_common("karim"));
        assert!(Lexicon::from_tsv("word\tkind\nx\tother\n").is_err());
        assert!(Lexicon::from_tsv("").is_err());
    }
}

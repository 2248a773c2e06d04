//! Gazetteer matching: many aliases, one pass over the text.
//!
//! Semantics: leftmost-longest over *valid* matches, where a match is valid when
//! it starts and ends on word boundaries and, for a case-sensitive entry, equals
//! the alias byte for byte. Validity is checked before choosing, so an invalid
//! long match ("Libyans" for alias "Libyan") never hides a valid shorter one.
//! That needs every match, overlapping ones included: the case-folded text is
//! searched from each position where a valid match may start, walking a trie of
//! the folded aliases (`gazetteer/trie.rs` says why not Aho-Corasick).

mod trie;

use std::cmp::Reverse;
use std::hash::Hasher;
use std::sync::Arc;

use super::{Extractor, KbRef, Label, Mention, Source};
use crate::error::{Error, Result};
use crate::fasthash::{FastMap, KeyHasher};
use crate::text::Document;
use trie::KeyTrie;

/// Longest alias accepted, in bytes. Longer strings are almost always a wrong
/// column fed in as aliases, and would bloat the automaton.
const MAX_ALIAS_BYTES: usize = 4096;

/// Score of an exact, case-sensitive match, and of a case-folded one.
const SCORE_EXACT: f32 = 0.9;
const SCORE_FOLDED: f32 = 0.8;

/// The header line of the gazetteer TSV format.
const TSV_HEADER: &str = "id\tlabel\tcanonical\talias\tcase";

/// One alias of a canonical entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerEntry {
    /// Canonical id, e.g. `country:AE`.
    pub id: String,
    /// Entity type of the matches.
    pub label: Label,
    /// Canonical display name, e.g. `United Arab Emirates`.
    pub canonical: String,
    /// Surface form to find, e.g. `UAE`.
    pub alias: String,
    /// Whether the alias must match with the same case.
    pub case_sensitive: bool,
}

/// Collects entries, then builds a [`Gazetteer`].
///
/// When two entries have the same alias (after case folding) and both match, the
/// one added last wins, so user entries added after the defaults override them.
#[derive(Clone, Debug, Default)]
pub struct GazetteerBuilder {
    entries: Vec<Entry>,
    /// The first entry of each id, by a hash of the id: its canonical entity is
    /// the one later entries with that id share. Interned as entries arrive: the
    /// bundled gazetteer has 139k aliases of 64k ids, and a row of the TSV then
    /// costs one allocation (its alias) instead of four. Keyed by hash rather
    /// than by the id itself because dropping a map of a million `Arc` keys took
    /// 7% of building a million entries.
    first_of_id: FastMap<u64, usize>,
    /// Ids whose hash an earlier, different id already had.
    collided: FastMap<Arc<str>, KbRef>,
}

impl GazetteerBuilder {
    /// An empty builder.
    pub fn new() -> GazetteerBuilder {
        GazetteerBuilder::default()
    }

    /// Number of entries added so far.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Makes room for `additional` more entries (and as many ids): adding a
    /// million entries otherwise spends a tenth of its time regrowing the id map.
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve(additional);
        self.first_of_id.reserve(additional);
    }

    /// Whether no entry was added.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Adds one entry after checking it. An empty `canonical` defaults to the
    /// alias and an empty `id` to the canonical name.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] when the alias is empty or too long.
    pub fn add(&mut self, entry: GazetteerEntry) -> Result<&mut Self> {
        self.add_fields(
            &entry.id,
            entry.label,
            &entry.canonical,
            &entry.alias,
            entry.case_sensitive,
        )
        .map_err(|message| Error::Gazetteer {
            line: Some(self.entries.len() + 1),
            message,
        })?;
        Ok(self)
    }

    /// [`GazetteerBuilder::add`] on borrowed fields; the error is the message.
    fn add_fields(
        &mut self,
        id: &str,
        label: Label,
        canonical: &str,
        alias: &str,
        case_sensitive: bool,
    ) -> std::result::Result<(), String> {
        let alias = alias.trim();
        if alias.is_empty() {
            return Err("the alias is empty".into());
        }
        if alias.len() > MAX_ALIAS_BYTES {
            return Err(format!(
                "the alias is {} bytes long; the limit is {MAX_ALIAS_BYTES}",
                alias.len()
            ));
        }
        let canonical = if canonical.trim().is_empty() {
            alias
        } else {
            canonical
        };
        let id = if id.trim().is_empty() { canonical } else { id };
        let kb = self.kb(id, canonical);
        self.entries.push(Entry {
            kb,
            label,
            alias: alias.into(),
            case_sensitive,
        });
        Ok(())
    }

    /// The interned entity of `id`; the first entry with an id names it. Call
    /// it for the entry about to be pushed.
    fn kb(&mut self, id: &str, canonical: &str) -> KbRef {
        let new = || KbRef {
            id: Arc::from(id),
            name: Arc::from(canonical),
        };
        let mut hasher = KeyHasher::default();
        hasher.write(id.as_bytes());
        let next = self.entries.len();
        let first = *self.first_of_id.entry(hasher.finish()).or_insert(next);
        if first == next {
            return new();
        }
        let kb = &self.entries[first].kb;
        if &*kb.id == id {
            return kb.clone();
        }
        self.collided
            .entry(Arc::from(id))
            .or_insert_with(new)
            .clone()
    }

    /// Adds the rows of a TSV text with the header `id label canonical alias case`
    /// (`case` is `cs` or `ci`), the format of the bundled gazetteer.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] naming the first bad line.
    pub fn add_tsv(&mut self, tsv: &str) -> Result<&mut Self> {
        let mut lines = tsv.lines().enumerate();
        let header = lines.next().map(|(_, h)| h.trim_end_matches('\r'));
        if header != Some(TSV_HEADER) {
            return Err(Error::Gazetteer {
                line: Some(1),
                message: "expected the header 'id\\tlabel\\tcanonical\\talias\\tcase'".into(),
            });
        }
        // The bundled file has a handful of labels: parse each once, not per row
        // (a label outside re3d's scheme would allocate every time).
        let mut labels: Vec<(&str, Label)> = Vec::new();
        for (i, line) in lines {
            let line = line.trim_end_matches('\r');
            if line.is_empty() {
                continue;
            }
            self.add_tsv_row(line, &mut labels)
                .map_err(|message| Error::Gazetteer {
                    line: Some(i + 1),
                    message,
                })?;
        }
        Ok(self)
    }

    /// [`GazetteerBuilder::add_tsv`] on undecoded bytes, gzipped or not. The
    /// bundled file comes from Python as its gzipped bytes: decoding it there
    /// and encoding it back to UTF-8 at the boundary cost 30 ms and kept a 14 MB
    /// UCS-2 copy alive, and decompressing it there (28 ms) held up start-up
    /// while here it runs alongside the tagger's loading.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] naming the first line that is not UTF-8 or is bad,
    /// or saying the gzip data is corrupt.
    pub fn add_tsv_bytes(&mut self, tsv: &[u8]) -> Result<&mut Self> {
        if tsv.starts_with(&[0x1f, 0x8b]) {
            let mut plain = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::MultiGzDecoder::new(tsv), &mut plain)
                .map_err(|e| Error::Gazetteer {
                    line: None,
                    message: format!("the gzipped gazetteer is corrupt: {e}"),
                })?;
            return self.add_tsv_bytes(&plain);
        }
        let text = std::str::from_utf8(tsv).map_err(|e| Error::Gazetteer {
            line: Some(
                1 + tsv[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count(),
            ),
            message: "the text is not valid UTF-8".into(),
        })?;
        self.add_tsv(text)
    }

    /// One non-empty TSV row; the error is the message, without the line.
    fn add_tsv_row<'t>(
        &mut self,
        line: &'t str,
        labels: &mut Vec<(&'t str, Label)>,
    ) -> std::result::Result<(), String> {
        let mut fields = line.split('\t');
        let (Some(id), Some(label), Some(canonical), Some(alias), Some(case), None) = (
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
            fields.next(),
        ) else {
            return Err("expected 5 tab-separated fields".into());
        };
        let label = match labels.iter().find(|(name, _)| *name == label) {
            Some((_, parsed)) => parsed.clone(),
            None => {
                let parsed = Label::parse(label).ok_or("the label is empty")?;
                labels.push((label, parsed.clone()));
                parsed
            }
        };
        let case_sensitive = match case {
            "cs" => true,
            "ci" => false,
            _ => return Err("the case field must be 'cs' or 'ci'".into()),
        };
        self.add_fields(id, label, canonical, alias, case_sensitive)
    }

    /// Builds the matcher.
    ///
    /// # Errors
    /// [`Error::Gazetteer`] when the index would be too large (4 billion nodes).
    pub fn build(&self) -> Result<Gazetteer> {
        Ok(Gazetteer {
            trie: trie_of(&self.entries)?,
            entries: self.entries.clone(),
        })
    }

    /// [`GazetteerBuilder::build`], consuming the builder: its entries move into
    /// the gazetteer instead of being copied (a million aliases, a million
    /// allocations).
    ///
    /// # Errors
    /// [`Error::Gazetteer`] when the index would be too large (4 billion nodes).
    pub fn into_gazetteer(self) -> Result<Gazetteer> {
        Ok(Gazetteer {
            trie: trie_of(&self.entries)?,
            entries: self.entries,
        })
    }
}

/// The trie of the entries' folded aliases; a key's index is its entry's.
fn trie_of(entries: &[Entry]) -> Result<KeyTrie> {
    // All folded aliases in one buffer: no allocation per alias, and the
    // trie's sort and layout then read memory that is close together.
    let mut folded = String::new();
    let mut ends = Vec::with_capacity(entries.len());
    for e in entries {
        fold_alias_into(&e.alias, &mut folded);
        ends.push(folded.len());
    }
    let keys: Vec<&[u8]> = std::iter::once(0)
        .chain(ends.iter().copied())
        .zip(&ends)
        .map(|(start, &end)| &folded.as_bytes()[start..end])
        .collect();
    KeyTrie::new(&keys).ok_or_else(|| Error::Gazetteer {
        line: None,
        message: "cannot build the index: more than 2^32 - 1 trie nodes".into(),
    })
}

#[derive(Clone, Debug)]
struct Entry {
    kb: KbRef,
    label: Label,
    alias: Box<str>,
    case_sensitive: bool,
}

/// An immutable alias matcher; see the module docs for its semantics.
#[derive(Clone, Debug)]
pub struct Gazetteer {
    /// The folded aliases; a key's index is its entry's.
    trie: KeyTrie,
    entries: Vec<Entry>,
}

/// One gazetteer hit, in byte offsets of the searched text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GazetteerMatch {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Index of the entry (in the order entries were added).
    pub entry: usize,
}

impl Gazetteer {
    /// Number of entries (aliases).
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the gazetteer has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The canonical entity, label and alias of entry `i`.
    pub fn entry(&self, i: usize) -> Option<(&KbRef, &Label, &str)> {
        self.entries
            .get(i)
            .map(|e| (&e.kb, &e.label, e.alias.as_ref()))
    }

    /// Approximate heap bytes of the matcher's index (not of the entries).
    pub fn index_bytes(&self) -> usize {
        self.trie.heap_bytes()
    }

    /// All valid matches in `text`, leftmost-longest and non-overlapping.
    pub fn find_all(&self, text: &str) -> Vec<GazetteerMatch> {
        if self.entries.is_empty() {
            // Nothing to find: skip folding a copy of the text (a pipeline
            // without the bundled gazetteer or user entries has this one).
            return Vec::new();
        }
        let folded = fold(text);
        // (start, end, folded end, folded start): the last two order ties the way
        // an overlapping Aho-Corasick search reported them, which this replaced.
        let mut hits: Vec<(usize, usize, usize, usize, usize)> = Vec::new();
        let mut matches_from = |fstart: usize| {
            let start = folded.original(fstart);
            self.trie
                .matches_at(folded.text.as_bytes(), fstart, |fend, keys| {
                    let end = folded.original(fend);
                    if start >= end || !on_word_boundaries(text, start, end) {
                        return;
                    }
                    if let Some(entry) = self.accepted(keys, &text[start..end]) {
                        hits.push((start, end, fend, fstart, entry));
                    }
                });
        };
        if folded.map.is_none() {
            // Offsets carry over: the original text says where words start,
            // byte by byte for ASCII (the same starts as `StartCheck`, without
            // decoding every char twice; a fifth of the search's time).
            let bytes = text.as_bytes();
            let mut previous_is_word = false;
            let mut i = 0;
            while i < bytes.len() {
                let (is_word, len) = match bytes[i] {
                    // `is_word_char`'s ASCII rule, without the call.
                    b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                    _ => text[i..]
                        .chars()
                        .next()
                        .map_or((false, 1), |c| (is_word_char(c), c.len_utf8())),
                };
                if !(is_word && previous_is_word) {
                    matches_from(i);
                }
                previous_is_word = is_word;
                i += len;
            }
        } else {
            let mut start_ok = StartCheck::new(text);
            for (fstart, _) in folded.text.char_indices() {
                if start_ok.at(folded.original(fstart)) {
                    matches_from(fstart);
                }
            }
        }
        hits.sort_unstable_by_key(|&(start, end, fend, fstart, _)| {
            (start, Reverse(end), fend, fstart)
        });
        let mut chosen: Vec<GazetteerMatch> = Vec::with_capacity(hits.len());
        for (start, end, _, _, entry) in hits {
            if chosen.last().is_none_or(|last| start >= last.end) {
                chosen.push(GazetteerMatch { start, end, entry });
            }
        }
        chosen
    }

    /// The last added entry among `keys` that accepts this surface.
    fn accepted(&self, keys: &[u32], surface: &str) -> Option<usize> {
        keys.iter().rev().map(|&i| i as usize).find(|&i| {
            let e = &self.entries[i];
            !e.case_sensitive || *e.alias == *surface
        })
    }
}

/// Whether a valid match may start at an original offset: not inside a word,
/// the start half of [`on_word_boundaries`]. Offsets must come in increasing
/// order; the text's chars are read once, in step with them, as the test runs
/// at every char of the text.
struct StartCheck<'t> {
    chars: std::str::CharIndices<'t>,
    /// The char at or after the last offset asked about, and whether it is a
    /// word char.
    current: Option<(usize, bool)>,
    /// Whether the char before `current` is a word char.
    previous_is_word: bool,
}

impl<'t> StartCheck<'t> {
    fn new(text: &'t str) -> StartCheck<'t> {
        let mut chars = text.char_indices();
        let current = chars.next().map(|(o, c)| (o, is_word_char(c)));
        StartCheck {
            chars,
            current,
            previous_is_word: false,
        }
    }

    /// False only when a match starting at `start` is certainly invalid.
    fn at(&mut self, start: usize) -> bool {
        while let Some((offset, is_word)) = self.current {
            if offset >= start {
                break;
            }
            self.previous_is_word = is_word;
            self.current = self.chars.next().map(|(o, c)| (o, is_word_char(c)));
        }
        match self.current {
            Some((offset, is_word)) if offset == start => !(is_word && self.previous_is_word),
            _ => true,
        }
    }
}

impl Extractor for Gazetteer {
    fn source(&self) -> Source {
        Source::Gazetteer
    }

    fn extract(&self, doc: &Document, _prior: &[Mention], out: &mut Vec<Mention>) {
        for m in self.find_all(&doc.text) {
            let e = &self.entries[m.entry];
            out.push(Mention {
                start: m.start,
                end: m.end,
                label: e.label.clone(),
                score: if e.case_sensitive {
                    SCORE_EXACT
                } else {
                    SCORE_FOLDED
                },
                source: Source::Gazetteer,
                kb: Some(e.kb.clone()),
            });
        }
    }
}

/// Appends an alias as the trie stores it, [`fold`]ed, to `out`.
fn fold_alias_into(alias: &str, out: &mut String) {
    if alias.is_ascii() {
        out.extend(alias.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.push_str(&fold(alias).text);
    }
}

/// Lowercased text with a map back to the original byte offsets.
struct Folded {
    text: String,
    /// `map[i]` is the original offset of folded byte `i`; `None` when folding
    /// kept every char's length (ASCII text, and most text with accents), the
    /// common case, which costs no map.
    map: Option<Vec<u32>>,
    original_len: usize,
}

impl Folded {
    fn original(&self, folded_offset: usize) -> usize {
        match &self.map {
            None => folded_offset,
            Some(map) => map
                .get(folded_offset)
                .map_or(self.original_len, |&o| o as usize),
        }
    }
}

fn fold(text: &str) -> Folded {
    if let Some(folded) = fold_same_length(text) {
        return Folded {
            text: folded,
            map: None,
            original_len: text.len(),
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    for (offset, c) in text.char_indices() {
        // A char may lowercase to several ("İ" -> "i̇"); every byte they produce
        // maps back to the start of the original char, so a match ending inside
        // such an expansion lands on a char boundary and fails the word check.
        for lower in c.to_lowercase() {
            out.push(lower);
        }
        map.resize(out.len(), offset as u32);
    }
    map.push(text.len() as u32);
    Folded {
        text: out,
        map: Some(map),
        original_len: text.len(),
    }
}

/// The lowercased text when every char lowercases to one char of the same
/// byte length, so that offsets carry over unchanged; None otherwise ("İ").
/// Without this, one "é" in a document cost a four-byte map entry per byte.
fn fold_same_length(text: &str) -> Option<String> {
    // ASCII is lowercased in one pass over the bytes; then each non-ASCII char
    // is lowercased in place (pushing char by char was slow on text with a few
    // curly quotes).
    let mut out = text.as_bytes().to_vec();
    out.make_ascii_lowercase();
    let mut from = 0;
    while let Some(skip) = out[from..].iter().position(|b| !b.is_ascii()) {
        let start = from + skip;
        let c = text[start..].chars().next()?;
        let end = start + c.len_utf8();
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => {
                l.encode_utf8(&mut out[start..end]);
            }
            _ => return None,
        }
        from = end;
    }
    String::from_utf8(out).ok()
}

/// Whether a character continues a word: letters, digits and combining marks.
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
        | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903
        | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x200C..=0x200D
        | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// A span is whole-word when no word character continues it on either side. The
/// test only applies at edges that are word characters themselves, so an alias
/// ending in a period ("U.S.") may be followed by anything.
fn on_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let inner = &text[start..end];
    let first_is_word = inner.chars().next().is_some_and(is_word_char);
    let last_is_word = inner.chars().next_back().is_some_and(is_word_char);
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let glued_before = first_is_word && before.is_some_and(is_word_char);
    let glued_after = last_is_word && after.is_some_and(is_word_char);
    !(glued_before || glued_after)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, label: Label, alias: &str, cs: bool) -> GazetteerEntry {
        GazetteerEntry {
            id: id.into(),
            label,
            canonical: String::new(),
            alias: alias.into(),
            case_sensitive: cs,
        }
    }

    fn gazetteer() -> Gazetteer {
        let mut b = GazetteerBuilder::new();
        for e in [
            entry("country:LY", Label::Location, "Libya", true),
            entry("demonym:LY", Label::Nationality, "Libyan", true),
            entry("country:AE", Label::Location, "United Arab Emirates", true),
            entry("country:AE", Label::Location, "UAE", true),
            entry("country:US", Label::Location, "U.S.", true),
            entry("country:US", Label::Location, "US", true),
            entry("country:US", Label::Location, "United States", true),
            entry("org:UN", Label::Organisation, "United Nations", true),
            entry("org:UN", Label::Organisation, "UN", true),
            entry("geo:ZH", Label::Location, "Zürich", true),
            entry("org:AQ", Label::Organisation, "al-qaeda", false),
            entry("geo:IS", Label::Location, "İstanbul", false),
            entry("org:EU", Label::Organisation, "European Union", true),
        ] {
            b.add(e).expect("valid entry");
        }
        b.build().expect("builds")
    }

    macro_rules! t {
        ($name:ident, $text:expr, $want:expr) => {
            #[test]
            fn $name() {
                let g = gazetteer();
                let text: &str = $text;
                let got: Vec<(&str, &str)> = g
                    .find_all(text)
                    .iter()
                    .map(|m| (&text[m.start..m.end], g.entries[m.entry].kb.id.as_ref()))
                    .collect();
                let want: Vec<(&str, &str)> = $want;
                assert_eq!(got, want, "text: {text:?}");
            }
        };
    }

    t!(empty, "", vec![]);
    t!(
        basic,
        "Libya and the UAE",
        vec![("Libya", "country:LY"), ("UAE", "country:AE")]
    );
    t!(
        longest_wins,
        "the United Arab Emirates.",
        vec![("United Arab Emirates", "country:AE")]
    );
    t!(whole_word_only, "Libyans in UAEx and xUN", vec![]);
    t!(
        shorter_valid_match_survives,
        "Libyan's and Libya's",
        vec![("Libyan", "demonym:LY"), ("Libya", "country:LY")]
    );
    t!(
        case_sensitive_refuses_pronoun,
        "tell us about US policy",
        vec![("US", "country:US")]
    );
    t!(
        initialism_with_periods,
        "the U.S.-backed plan, the U.S.",
        vec![("U.S.", "country:US"), ("U.S.", "country:US")]
    );
    t!(
        case_insensitive_entry,
        "Al-Qaeda and AL-QAEDA and al-qaeda",
        vec![
            ("Al-Qaeda", "org:AQ"),
            ("AL-QAEDA", "org:AQ"),
            ("al-qaeda", "org:AQ")
        ]
    );
    t!(
        non_ascii_offsets,
        "In Zürich, the UN met.",
        vec![("Zürich", "geo:ZH"), ("UN", "org:UN")]
    );
    t!(non_ascii_no_partial, "Zürichsee", vec![]);
    t!(
        folding_that_changes_length,
        "İSTANBUL ve İstanbul'da UN",
        vec![
            ("İSTANBUL", "geo:IS"),
            ("İstanbul", "geo:IS"),
            ("UN", "org:UN")
        ]
    );
    t!(
        hyphen_is_a_boundary,
        "Libyan-led and UN-backed",
        vec![("Libyan", "demonym:LY"), ("UN", "org:UN")]
    );
    t!(
        combining_mark_continues_word,
        "Libya\u{301} UN",
        vec![("UN", "org:UN")]
    );

    #[test]
    fn later_entries_override() {
        let mut b = GazetteerBuilder::new();
        b.add(entry("a", Label::Location, "Georgia", true))
            .expect("ok");
        b.add(entry("b", Label::Person, "Georgia", true))
            .expect("ok");
        let g = b.build().expect("builds");
        let hits = g.find_all("Georgia");
        assert_eq!(hits.len(), 1);
        assert_eq!(g.entry(hits[0].entry).map(|e| e.0.id.as_ref()), Some("b"));
    }

    #[test]
    fn an_empty_gazetteer_finds_nothing() {
        let g = GazetteerBuilder::new().build().expect("builds");
        assert!(g.is_empty());
        assert!(g.find_all("Egypt and the UN, Zürich.").is_empty());
    }

    #[test]
    fn bad_entries_are_refused() {
        let mut b = GazetteerBuilder::new();
        assert!(b.add(entry("x", Label::Person, "  ", true)).is_err());
        assert!(b
            .add(entry("x", Label::Person, &"a".repeat(5000), true))
            .is_err());
        assert!(b.is_empty());
        let e = b.add_tsv("id\tlabel\tcanonical\talias\tcase\nx\tPerson\tX\tX\tmaybe\n");
        assert_eq!(
            e.err().map(|e| e.to_string()),
            Some("gazetteer entry 2: the case field must be 'cs' or 'ci'".into())
        );
        assert!(b.add_tsv("no header").is_err());
    }

    #[test]
    fn gzipped_tsv_reads_as_the_plain_one() {
        use std::io::Write;
        let tsv = "id\tlabel\tcanonical\talias\tcase\n\
                   country:AE\tLocation\tUnited Arab Emirates\tUAE\tcs\n\
                   city:DE\tLocation\tDerna\tDerna\tci\n";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(tsv.as_bytes()).expect("in memory");
        let gz = gz.finish().expect("in memory");
        let find = |bytes: &[u8]| {
            let g = GazetteerBuilder::new()
                .add_tsv_bytes(bytes)
                .expect("valid")
                .build()
                .expect("small");
            g.find_all("The UAE and derna.")
        };
        assert_eq!(find(&gz).len(), 2);
        assert_eq!(find(&gz), find(tsv.as_bytes()));
        let err = GazetteerBuilder::new()
            .add_tsv_bytes(&gz[..gz.len() / 2])
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("gzipped gazetteer is corrupt")));
    }

    #[test]
    fn tsv_rows_name_their_line() {
        let header = "id\tlabel\tcanonical\talias\tcase\n";
        let cases: [(&[u8], &str); 6] = [
            (
                b"x\tPerson\tX\tX\tcs\nx\tPerson\tX\tX\n",
                "gazetteer entry 3: expected 5 tab-separated fields",
            ),
            (
                b"\nx\tPerson\tX\tX\tcs\tmore\n",
                "gazetteer entry 3: expected 5 tab-separated fields",
            ),
            (b"x\t \tX\tX\tcs\n", "gazetteer entry 2: the label is empty"),
            (
                b"x\tPerson\tX\t \tci\n",
                "gazetteer entry 2: the alias is empty",
            ),
            (
                b"x\tPerson\tX\tX\tcs\r\nx\tPerson\tX\tX\tCS\r\n",
                "gazetteer entry 3: the case field must be 'cs' or 'ci'",
            ),
            (
                b"x\tPerson\tX\tX\tcs\nx\tPerson\t\xff\tX\tcs\n",
                "gazetteer entry 3: the text is not valid UTF-8",
            ),
        ];
        for (rows, want) in cases {
            let mut b = GazetteerBuilder::new();
            let tsv = [header.as_bytes(), rows].concat();
            let got = b.add_tsv_bytes(&tsv).err().map(|e| e.to_string());
            assert_eq!(
                got.as_deref(),
                Some(want),
                "rows: {:?}",
                String::from_utf8_lossy(rows)
            );
        }
        let mut b = GazetteerBuilder::new();
        let long = format!("{header}x\tPerson\tX\t{}\tcs\n", "a".repeat(5000));
        assert_eq!(
            b.add_tsv(&long).err().map(|e| e.to_string()),
            Some("gazetteer entry 2: the alias is 5000 bytes long; the limit is 4096".into())
        );
    }

    #[test]
    fn ids_are_interned_and_the_first_canonical_names_them() {
        let mut b = GazetteerBuilder::new();
        b.add_tsv_bytes(b"id\tlabel\tcanonical\talias\tcase\nc:LY\tLocation\tLibya\tLibya\tcs\nc:LY\tLocation\tState of Libya\tLibyan Republic\tcs\n\tShip\t\tAmerigo\tcs\n")
            .expect("parses");
        let g = b.build().expect("builds");
        let kb = |i: usize| {
            g.entry(i)
                .map(|(kb, label, _)| (kb.id.to_string(), kb.name.to_string(), label.to_string()))
        };
        assert_eq!(
            kb(1),
            Some(("c:LY".into(), "Libya".into(), "Location".into()))
        );
        assert_eq!(
            kb(2),
            Some(("Amerigo".into(), "Amerigo".into(), "Ship".into()))
        );
        let (first, second) = (
            g.entry(0).map(|e| e.0.id.clone()),
            g.entry(1).map(|e| e.0.id.clone()),
        );
        assert!(first.zip(second).is_some_and(|(a, b)| Arc::ptr_eq(&a, &b)));
    }

    #[test]
    fn ids_sharing_a_hash_keep_their_own_entity() {
        // Two ids with one 64-bit hash are too rare to find by chance: give "b"
        // the slot of "a" by hand, as a collision would.
        let mut b = GazetteerBuilder::new();
        let add = |b: &mut GazetteerBuilder, id: &str, name: &str| {
            b.add(entry(id, Label::Location, name, false)).map(|_| ())
        };
        add(&mut b, "a", "Alpha").expect("adds");
        let mut hasher = KeyHasher::default();
        hasher.write(b"b");
        b.first_of_id.insert(hasher.finish(), 0);
        add(&mut b, "b", "Beta").expect("adds");
        add(&mut b, "b", "Bravo").expect("adds");
        add(&mut b, "a", "Able").expect("adds");
        let g = b.build().expect("builds");
        let kb = |i: usize| g.entry(i).map(|(kb, _, _)| kb.clone());
        let ids: Vec<Option<String>> = (0..4).map(|i| kb(i).map(|k| k.id.to_string())).collect();
        assert_eq!(
            ids,
            [Some("a"), Some("b"), Some("b"), Some("a")].map(|x| x.map(String::from))
        );
        // one entity per id, named by its first entry
        let (b1, b2) = (kb(1).expect("entry"), kb(2).expect("entry"));
        assert!(Arc::ptr_eq(&b1.id, &b2.id) && &*b2.name == "Beta");
        assert!(kb(3).is_some_and(|k| &*k.name == "Alpha"));
    }

    #[test]
    fn tsv_defaults_and_ids() {
        let mut b = GazetteerBuilder::new();
        b.add_tsv("id\tlabel\tcanonical\talias\tcase\r\nc:LY\tLocation\tLibya\tLibya\tcs\r\n\r\nc:LY\tLocation\tLibya\tLibia\tci\r\n")
            .expect("parses");
        let g = b.build().expect("builds");
        let ids: Vec<_> = g
            .find_all("LIBIA, Libya")
            .iter()
            .map(|m| g.entry(m.entry).map(|e| e.0.name.to_string()))
            .collect();
        assert_eq!(ids, vec![Some("Libya".into()), Some("Libya".into())]);
    }

    /// Every whole-word match by brute force over all char ranges, then
    /// leftmost-longest: what `find_all` must return, however it gets there.
    fn brute_force(g: &Gazetteer, text: &str) -> Vec<(usize, usize, usize)> {
        let bounds: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let mut hits = Vec::new();
        for (k, &start) in bounds.iter().enumerate() {
            for &end in &bounds[k + 1..] {
                let surface = &text[start..end];
                if !on_word_boundaries(text, start, end) {
                    continue;
                }
                let key = fold(surface).text;
                let entry = (0..g.entries.len()).rev().find(|&i| {
                    let e = &g.entries[i];
                    fold(&e.alias).text == key && (!e.case_sensitive || *e.alias == *surface)
                });
                if let Some(entry) = entry {
                    hits.push((start, end, entry));
                }
            }
        }
        hits.sort_by_key(|&(start, end, _)| (start, Reverse(end)));
        let mut chosen: Vec<(usize, usize, usize)> = Vec::new();
        for hit in hits {
            if chosen.last().is_none_or(|last| hit.0 >= last.1) {
                chosen.push(hit);
            }
        }
        chosen
    }

    #[test]
    fn random_texts_match_brute_force() {
        let pieces = [
            "Libya",
            "libyan",
            "UAE",
            "uae",
            "U.S.",
            "US",
            "us",
            "UN",
            "United",
            "Nations",
            "Arab",
            "Emirates",
            "Zürich",
            "ZÜRICH",
            "AL-QAEDA",
            "al",
            "qaeda",
            "İstanbul",
            "istanbul",
            "European",
            "Union",
            "x",
            "9",
            "é",
            "\u{301}",
            "ß",
            "Σ",
            " ",
            " ",
            " ",
            ".",
            ",",
            "-",
            "'",
            "\u{2019}",
            "\n",
            "😀",
        ];
        let g = gazetteer();
        let mut random = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            let mut text = String::new();
            for _ in 0..random() % 12 {
                text.push_str(pieces[(random() % pieces.len() as u64) as usize]);
            }
            let got: Vec<(usize, usize, usize)> = g
                .find_all(&text)
                .iter()
                .map(|m| (m.start, m.end, m.entry))
                .collect();
            assert_eq!(got, brute_force(&g, &text), "text: {text:?}");
        }
    }
}

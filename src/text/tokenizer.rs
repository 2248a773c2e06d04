//! A rule-based, Unicode-aware tokenizer tuned for English news and report text.
//!
//! The scanner makes one forward pass over the text, decoding one `char` at a
//! time (with an ASCII fast path) and emitting byte spans. Lookaheads are
//! bounded by a few characters, except for URL, e-mail and handle runs, which
//! are consumed by the token they produce (or, for a failed e-mail lookahead,
//! remembered so the same run is never rescanned). The whole pass is therefore
//! linear in the length of the text.

use super::{Token, TokenKind};

/// Abbreviations that keep their final period, without that period, sorted by
/// bytes for binary search. The flag is `true` for titles and other
/// abbreviations that never end a sentence ("Mr.", "Gen.", "e.g."); `false`
/// for those that may ("Inc.", "Jr.", "etc.", months).
///
/// Matching is case-sensitive on purpose: "No. 10" is an abbreviation but
/// "said no." ends a sentence. "May" is left out because "in May." is far more
/// often a sentence end than an abbreviation.
const ABBREVIATIONS: &[(&str, bool)] = &[
    ("Adm", true),
    ("Amb", true),
    ("Apr", false),
    ("Atty", true),
    ("Aug", false),
    ("Ave", false),
    ("B.Sc", false),
    ("Blvd", false),
    ("Brig", true),
    ("Bros", false),
    ("Capt", true),
    ("Cdr", true),
    ("Cmdr", true),
    ("Co", false),
    ("Col", true),
    ("Corp", false),
    ("Cpl", true),
    ("D.Phil", false),
    ("Dec", false),
    ("Dept", false),
    ("Dr", true),
    ("Drs", true),
    ("Ed.D", false),
    ("Est", false),
    ("Feb", false),
    ("Fig", true),
    ("Fr", true),
    ("Ft", true),
    ("Gen", true),
    ("Gens", true),
    ("Gov", true),
    ("Hon", true),
    ("Inc", false),
    ("Insp", true),
    ("Jan", false),
    ("Jr", false),
    ("Jul", false),
    ("Jun", false),
    ("Lt", true),
    ("Ltd", false),
    ("M.Phil", false),
    ("M.Sc", false),
    ("Maj", true),
    ("Mar", false),
    ("Messrs", true),
    ("Mfg", false),
    ("Mr", true),
    ("Mrs", true),
    ("Ms", true),
    ("Msgr", true),
    ("Mt", true),
    ("No", false),
    ("Nos", false),
    ("Nov", false),
    ("Oct", false),
    ("Ph.D", false),
    ("Pres", true),
    ("Prof", true),
    ("Pvt", true),
    ("Rd", false),
    ("Rep", true),
    ("Reps", true),
    ("Rev", true),
    ("Sec", true),
    ("Sen", true),
    ("Sens", true),
    ("Sep", false),
    ("Sept", false),
    ("Sgt", true),
    ("Sr", false),
    ("St", false),
    ("Supt", true),
    ("Univ", false),
    ("Vol", true),
    ("al", false),
    ("approx", true),
    ("ca", true),
    ("cf", true),
    ("e.g", true),
    ("etc", false),
    ("i.e", true),
    ("pp", true),
    ("viz", true),
    ("vs", true),
];

/// Degrees written with inner periods ("Ph.D."): the initialism rule would
/// read "M.Sc." as the initial "M." plus "Sc.", so they are matched whole
/// before it. Each is also in [`ABBREVIATIONS`] (for its class).
const DOTTED_ABBREVIATIONS: &[&str] = &["B.Sc", "D.Phil", "Ed.D", "M.Phil", "M.Sc", "Ph.D"];

/// How an abbreviation token (a word ending in ".") relates to sentence ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum AbbrevClass {
    /// Titles and the like ("Mr.", "Gen.", "e.g."): the next word always
    /// belongs to the same sentence.
    Never,
    /// Initialisms and trailing abbreviations ("U.S.", "D.C.", "Inc.", "etc."):
    /// may also be the last word of a sentence.
    Conditional,
}

/// Looks `word` (without its final period) up in [`ABBREVIATIONS`].
fn lookup_abbreviation(word: &str) -> Option<bool> {
    ABBREVIATIONS
        .binary_search_by(|(a, _)| a.cmp(&word))
        .ok()
        .map(|i| ABBREVIATIONS[i].1)
}

/// Classifies a token's text as an abbreviation, if it is one: a known
/// abbreviation followed by ".", or an initialism ("U.S.", "e.g.", "W.").
pub(super) fn abbreviation_class(token: &str) -> Option<AbbrevClass> {
    let base = token.strip_suffix('.')?;
    if base.is_empty() {
        return None;
    }
    match lookup_abbreviation(base) {
        Some(true) => Some(AbbrevClass::Never),
        Some(false) => Some(AbbrevClass::Conditional),
        None if is_initialism_base(base) => Some(AbbrevClass::Conditional),
        None => None,
    }
}

/// True for "U.S", "D.C", "W": single letters (with their combining marks)
/// joined by periods.
fn is_initialism_base(base: &str) -> bool {
    base.split('.').all(|seg| {
        let mut chars = seg.chars();
        matches!(chars.next(), Some(c) if c.is_alphabetic()) && chars.all(is_mark)
    })
}

/// Splits `text` into tokens.
///
/// Offsets are UTF-8 byte offsets into `text`, end exclusive. Tokens are
/// non-empty, non-overlapping and in text order; whitespace, control
/// characters and invisible format characters (BOM, zero-width space and
/// joiners between tokens) are never part of a token. The function never
/// panics, whatever the input.
///
/// The main rules, all aimed at news and report text:
/// - abbreviations keep their period ("U.S.", "Mr.", "Gen.", "e.g.", "Inc."),
///   other sentence-final periods are split off ("Libya." → "Libya", ".");
/// - clitics are split Penn-Treebank style ("Haftar's" → "Haftar", "'s";
///   "don't" → "do", "n't"), but inner apostrophes of names stay ("O'Neill");
/// - hyphenated compounds are one word ("al-Hassi"), while "--", "–" and "—"
///   are separate punctuation;
/// - numbers keep their inner separators and ordinal suffixes ("1,000.25",
///   "10:30", "12/05/2014", "12th"), but not units or signs ("5", "km");
/// - URLs, e-mail addresses, @handles and #hashtags are single tokens;
/// - "..." is one token, every other mark or symbol is a token of one char
///   (plus any combining marks, variation selectors or emoji joiners after it).
#[must_use]
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        // News text averages five to six bytes per token; one allocation up front
        // avoids most regrowth.
        out: Vec::with_capacity(text.len() / 5 + 1),
        email_checked_until: 0,
    };
    scanner.run();
    scanner.out
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    out: Vec<Token>,
    /// A failed e-mail lookahead from any position before this offset would
    /// scan the same local-part run and fail again, so it is skipped: this keeps
    /// text like "ab.ab.ab…" linear instead of quadratic.
    email_checked_until: usize,
}

impl<'a> Scanner<'a> {
    /// The char starting at byte `i`, or `None` at the end (or, defensively, off
    /// a char boundary).
    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        match self.bytes.get(i) {
            Some(&b) if b < 0x80 => Some(char::from(b)),
            Some(_) => self.text.get(i..).and_then(|s| s.chars().next()),
            None => None,
        }
    }

    /// The last char of `text[..i]`.
    #[inline]
    fn char_before(&self, i: usize) -> Option<char> {
        self.text.get(..i).and_then(|s| s.chars().next_back())
    }

    #[inline]
    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or_default()
    }

    fn run(&mut self) {
        let mut i = 0;
        while let Some(c) = self.char_at(i) {
            if is_ignorable(c) {
                i += c.len_utf8();
                continue;
            }
            let (end, kind) = self.scan_token(i, c);
            // Never split a base character from the marks that modify it.
            let end = self.skip_marks(end.max(i + c.len_utf8()));
            self.out.push(Token {
                start: i,
                end,
                kind,
            });
            i = end;
        }
    }

    /// Scans the token starting with `c` at byte `i`; returns its end and kind.
    fn scan_token(&mut self, i: usize, c: char) -> (usize, TokenKind) {
        if c.is_ascii_alphabetic() {
            if matches!(c, 'h' | 'H' | 'f' | 'F' | 'w' | 'W') {
                if let Some(end) = self.scan_url(i) {
                    return (end, TokenKind::Url);
                }
            }
            if let Some(end) = self.scan_email(i) {
                return (end, TokenKind::Email);
            }
            if let Some(len) = self.nt_len(i) {
                return (i + len, TokenKind::Word);
            }
            return (self.scan_word(i), TokenKind::Word);
        }
        if c.is_ascii_digit() {
            if let Some(end) = self.scan_email(i) {
                return (end, TokenKind::Email);
            }
            return self.scan_number(i, c);
        }
        match c {
            '.' => (self.run_of(i, b'.'), TokenKind::Punct),
            '-' => (self.run_of(i, b'-'), TokenKind::Punct),
            '\'' | '\u{2019}' => {
                // An apostrophe glued to the previous word is a clitic ("'s",
                // "'re"); anywhere else it is a quote.
                let prev = match self.out.last() {
                    Some(t)
                        if t.end == i
                            && matches!(
                                t.kind,
                                TokenKind::Word | TokenKind::Number | TokenKind::Handle
                            ) =>
                    {
                        Some(self.slice(t.start, t.end))
                    }
                    _ => None,
                };
                match prev.and_then(|p| self.clitic_len(p, i)) {
                    Some(len) => (i + len, TokenKind::Word),
                    None => (i + c.len_utf8(), TokenKind::Punct),
                }
            }
            '@' | '#' => match self.scan_handle(i, c) {
                Some(end) => (end, TokenKind::Handle),
                None => (i + 1, TokenKind::Symbol),
            },
            _ if c.is_alphabetic() => (self.scan_word(i), TokenKind::Word),
            _ if c.is_numeric() => self.scan_number(i, c),
            _ => match punct_kind(c) {
                TokenKind::Punct => (i + c.len_utf8(), TokenKind::Punct),
                _ => (self.scan_symbol(i, c), TokenKind::Symbol),
            },
        }
    }

    /// End of a run of the ASCII byte `b` starting at `i` ("...", "--").
    fn run_of(&self, i: usize, b: u8) -> usize {
        let mut j = i;
        while self.bytes.get(j) == Some(&b) {
            j += 1;
        }
        j
    }

    fn skip_marks(&self, mut j: usize) -> usize {
        while let Some(c) = self.char_at(j) {
            if c.is_ascii() || !is_mark(c) {
                break;
            }
            j += c.len_utf8();
        }
        j
    }

    /// A word: letters and digits, with inner hyphens and apostrophes, and a
    /// final period only for abbreviations and initialisms.
    fn scan_word(&self, start: usize) -> usize {
        if let Some(end) = self.dotted_abbreviation(start) {
            return end;
        }
        let j = match self.initialism(start) {
            // "U.S.-led": an initialism may head a hyphenated compound.
            Some(end) if self.hyphen_joins(end) => end,
            Some(end) => return end,
            None => start,
        };
        self.word_tail(start, j)
    }

    /// End of a [`DOTTED_ABBREVIATIONS`] entry plus its final period at `start`.
    fn dotted_abbreviation(&self, start: usize) -> Option<usize> {
        let rest = self.bytes.get(start..)?;
        if !matches!(rest.first(), Some(b'B' | b'D' | b'E' | b'M' | b'P')) {
            return None;
        }
        let len = DOTTED_ABBREVIATIONS
            .iter()
            .find(|a| rest.starts_with(a.as_bytes()) && rest.get(a.len()) == Some(&b'.'))?
            .len();
        let end = start + len + 1;
        (!self.char_at(end).is_some_and(is_word_char)).then_some(end)
    }

    /// True if a hyphen at `j` joins two word parts ("al-Hassi").
    fn hyphen_joins(&self, j: usize) -> bool {
        match self.char_at(j) {
            Some(h @ ('-' | '\u{2010}' | '\u{2011}')) => self
                .char_at(j + h.len_utf8())
                .is_some_and(char::is_alphanumeric),
            _ => false,
        }
    }

    /// Continues the word that starts at `start` from byte `j`.
    fn word_tail(&self, start: usize, mut j: usize) -> usize {
        // CJK has no spaces, so a run of Han/kana must not swallow adjacent Latin
        // letters or digits ("東京Tower" → "東京", "Tower").
        let first_cjk = self.char_at(start).is_some_and(is_cjk);
        while let Some(c) = self.char_at(j) {
            let len = c.len_utf8();
            if c.is_ascii_alphanumeric() {
                if first_cjk {
                    break;
                }
                // "don't" → "do", "n't": the clitic takes the "n".
                if matches!(c, 'n' | 'N') && j > start && self.nt_len(j).is_some() {
                    break;
                }
                j += len;
                continue;
            }
            if !c.is_ascii() && (c.is_alphanumeric() || is_mark(c)) {
                if !is_mark(c) && is_cjk(c) != first_cjk {
                    break;
                }
                j += len;
                continue;
            }
            match c {
                '-' | '\u{2010}' | '\u{2011}' if j > start && self.hyphen_joins(j) => j += len,
                // Soft hyphen and joiners are invisible parts of a word (ZWNJ is
                // required in Persian spelling).
                '\u{00AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}'
                    if self.char_at(j + len).is_some_and(is_word_char) =>
                {
                    j += len;
                }
                '\'' | '\u{2019}' => {
                    if self.clitic_len(self.slice(start, j), j).is_some() {
                        break;
                    }
                    // "O'Neill", "Qur'an": an apostrophe between letters that is
                    // not a clitic is part of the name.
                    if self.char_at(j + len).is_some_and(char::is_alphabetic) {
                        j += len;
                    } else {
                        break;
                    }
                }
                '.' => {
                    // "etc..." is "etc" + "..." rather than "etc." + "..".
                    if self.bytes.get(j + 1) != Some(&b'.')
                        && lookup_abbreviation(self.slice(start, j)).is_some()
                    {
                        return j + 1;
                    }
                    break;
                }
                // "AT&T", "R&D", "S&P": an ampersand between capitals with no
                // spaces is part of the name.
                '&' if j > start
                    && self.bytes.get(j - 1).is_some_and(u8::is_ascii_uppercase)
                    && self.bytes.get(j + 1).is_some_and(u8::is_ascii_uppercase) =>
                {
                    j += 1;
                }
                _ => break,
            }
        }
        j
    }

    /// "U.S.", "D.C.", "e.g.", "U.S.A", or a capital initial like "W.": single
    /// letters separated by periods. Returns the end including the last period.
    fn initialism(&self, start: usize) -> Option<usize> {
        let mut j = start;
        let mut letters = 0usize;
        let mut first: Option<char> = None;
        while let Some(c) = self.char_at(j) {
            if !c.is_alphabetic() {
                break;
            }
            let k = self.skip_marks(j + c.len_utf8());
            let next = self.char_at(k);
            if next == Some('.') && self.bytes.get(k + 1) != Some(&b'.') {
                first.get_or_insert(c);
                letters += 1;
                j = k + 1;
                continue;
            }
            // A last letter without its period ("U.S.A", or "U.S" before "...").
            if letters >= 1 && !next.is_some_and(is_word_char) {
                letters += 1;
                j = k;
            }
            break;
        }
        match (letters, first) {
            (0, _) => None,
            // A lone capital with a period is a middle initial ("George W. Bush");
            // "I." is excluded because "World War I." usually ends a sentence.
            (1, Some(c)) if c.is_uppercase() && c != 'I' => Some(j),
            (1, _) => None,
            _ => Some(j),
        }
    }

    /// Length of "n't" (or "n’t", "N'T") at `j` when it is a whole clitic.
    fn nt_len(&self, j: usize) -> Option<usize> {
        let upper = match self.bytes.get(j) {
            Some(b'n') => false,
            Some(b'N') => true,
            _ => return None,
        };
        let apos = match self.char_at(j + 1) {
            Some(c @ ('\'' | '\u{2019}')) => c.len_utf8(),
            _ => return None,
        };
        let t = if upper { b'T' } else { b't' };
        if self.bytes.get(j + 1 + apos) != Some(&t) {
            return None;
        }
        let end = j + 2 + apos;
        if self.char_at(end).is_some_and(is_word_char) {
            return None;
        }
        Some(end - j)
    }

    /// Length of a clitic ("'s", "'re", "'ve", "'ll", "'d", "'m") starting with
    /// the apostrophe at `j`, after the word `prev`.
    fn clitic_len(&self, prev: &str, j: usize) -> Option<usize> {
        let apos = self.char_at(j)?.len_utf8();
        let rest_start = j + apos;
        let mut k = rest_start;
        while k - rest_start < 3 && self.bytes.get(k).is_some_and(u8::is_ascii_alphabetic) {
            k += 1;
        }
        if k == rest_start || self.char_at(k).is_some_and(is_word_char) {
            return None;
        }
        let r = self.slice(rest_start, k);
        let known = ["s", "m", "d", "re", "ve", "ll"]
            .iter()
            .any(|c| c.eq_ignore_ascii_case(r));
        if !known {
            return None;
        }
        let lower = r.bytes().all(|b| b.is_ascii_lowercase());
        // An upper-case clitic only in all-caps text ("HAFTAR'S"); otherwise an
        // apostrophe before a capital belongs to a name ("O'Neill", "D'S…").
        let caps = r.bytes().all(|b| b.is_ascii_uppercase())
            && prev.chars().any(char::is_uppercase)
            && !prev.chars().any(char::is_lowercase);
        (lower || caps).then_some(k - j)
    }

    /// A number: digits with inner ",", ".", ":" or "/" separators and an
    /// optional ordinal or decade suffix. "5-year-old" becomes one word.
    fn scan_number(&self, start: usize, c: char) -> (usize, TokenKind) {
        let mut j = start + c.len_utf8();
        while let Some(c) = self.char_at(j) {
            if c.is_numeric() {
                j += c.len_utf8();
                continue;
            }
            let len = c.len_utf8();
            let ok = match c {
                // Thousands groups only: "1,000" but not the list "1,2,3".
                ',' => {
                    self.bytes
                        .get(j + 1..j + 4)
                        .is_some_and(|g| g.iter().all(u8::is_ascii_digit))
                        && !self.bytes.get(j + 4).is_some_and(u8::is_ascii_digit)
                }
                // Decimal point, time, date; Arabic decimal and thousands marks.
                '.' | ':' | '/' | '\u{066B}' | '\u{066C}' => {
                    self.char_at(j + len).is_some_and(char::is_numeric)
                }
                _ => false,
            };
            if !ok {
                break;
            }
            j += len;
        }
        // Ordinals and decades are part of the number ("12th", "1990s"); units
        // are not ("5km" → "5", "km").
        let rest = self.bytes.get(j..j + 2).unwrap_or_default();
        let suffix = [b"st", b"nd", b"rd", b"th"]
            .iter()
            .any(|s| rest.eq_ignore_ascii_case(&s[..]));
        if suffix && !self.char_at(j + 2).is_some_and(is_word_char) {
            j += 2;
        } else if self.bytes.get(j - 1) == Some(&b'0')
            && self.bytes.get(j) == Some(&b's')
            && !self.char_at(j + 1).is_some_and(is_word_char)
        {
            j += 1;
        } else if self.bytes.get(j) == Some(&b'-')
            && self.char_at(j + 1).is_some_and(char::is_alphabetic)
        {
            return (self.word_tail(start, j), TokenKind::Word);
        }
        (j, TokenKind::Number)
    }

    /// A URL starting at `start` with a scheme ("https://") or "www.".
    fn scan_url(&self, start: usize) -> Option<usize> {
        let rest = self.bytes.get(start..)?;
        let prefix = ["https://", "http://", "ftp://", "www."]
            .iter()
            .find(|p| {
                rest.get(..p.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(p.as_bytes()))
            })?
            .len();
        let body = start + prefix;
        if !self.char_at(body).is_some_and(char::is_alphanumeric) {
            return None;
        }
        let mut j = body;
        let (mut open_paren, mut close_paren, mut open_sq, mut close_sq) = (0, 0, 0, 0);
        while let Some(c) = self.char_at(j) {
            match c {
                _ if is_ignorable(c) => break,
                '<' | '>' | '"' | '\'' | '`' | '\u{2018}' | '\u{2019}' | '\u{201C}'
                | '\u{201D}' | '«' | '»' => break,
                '(' => open_paren += 1,
                ')' => close_paren += 1,
                '[' => open_sq += 1,
                ']' => close_sq += 1,
                _ => {}
            }
            j += c.len_utf8();
        }
        // Trailing punctuation belongs to the sentence, not the address; a closing
        // bracket stays only if it closes one opened inside the URL
        // ("https://en.wikipedia.org/wiki/Sirte_(city)").
        while j > body {
            let Some(c) = self.char_before(j) else { break };
            let trim = match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '*' | '…' => true,
                ')' if close_paren > open_paren => {
                    close_paren -= 1;
                    true
                }
                ']' if close_sq > open_sq => {
                    close_sq -= 1;
                    true
                }
                _ => false,
            };
            if !trim {
                break;
            }
            j -= c.len_utf8();
        }
        (j > body).then_some(j)
    }

    /// An e-mail address whose local part starts at `start`.
    fn scan_email(&mut self, start: usize) -> Option<usize> {
        if start < self.email_checked_until {
            return None;
        }
        let mut j = start;
        while self
            .bytes
            .get(j)
            .is_some_and(|&b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
        {
            j += 1;
        }
        if self.bytes.get(j) == Some(&b'@') {
            if let Some(end) = self.domain_end(j + 1) {
                return Some(end);
            }
        }
        self.email_checked_until = j;
        None
    }

    /// End of a domain name ("un.org") starting at `start`: two or more labels.
    fn domain_end(&self, start: usize) -> Option<usize> {
        let label = |b: &u8| b.is_ascii_alphanumeric() || *b == b'-';
        let mut j = start;
        let mut labels = 0;
        loop {
            let label_start = j;
            while self.bytes.get(j).is_some_and(label) {
                j += 1;
            }
            if j == label_start {
                return None;
            }
            labels += 1;
            // A final "." ends the sentence, not the domain.
            if self.bytes.get(j) == Some(&b'.') && self.bytes.get(j + 1).is_some_and(label) {
                j += 1;
            } else {
                break;
            }
        }
        (labels >= 2).then_some(j)
    }

    /// "@UN", "#Libya", "#ليبيا". A hashtag needs a non-digit ("#1" is a symbol
    /// and a number).
    fn scan_handle(&self, start: usize, sigil: char) -> Option<usize> {
        let mut j = start + 1;
        let mut has_letter = false;
        while let Some(c) = self.char_at(j) {
            if !(is_word_char(c) || c == '_') {
                break;
            }
            has_letter |= !c.is_numeric();
            j += c.len_utf8();
        }
        (j > start + 1 && (sigil == '@' || has_letter)).then_some(j)
    }

    /// A symbol: one char, plus a second regional indicator (flags) and any
    /// ZWJ-joined symbols (family emoji), so emoji sequences stay whole.
    fn scan_symbol(&self, start: usize, c: char) -> usize {
        let mut j = start + c.len_utf8();
        if is_regional_indicator(c) {
            if let Some(d) = self.char_at(j).filter(|&d| is_regional_indicator(d)) {
                j += d.len_utf8();
            }
        }
        loop {
            j = self.skip_marks(j);
            if self.char_at(j) != Some('\u{200D}') {
                break;
            }
            match self.char_at(j + 3) {
                Some(d) if is_symbol_char(d) => j += 3 + d.len_utf8(),
                _ => break,
            }
        }
        j
    }
}

/// Chars that separate tokens and are never part of one: whitespace (incl.
/// NBSP), control chars (incl. NUL) and invisible format chars.
#[inline]
fn is_ignorable(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_whitespace() || c.is_ascii_control();
    }
    c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
        )
}

#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_mark(c)
    }
}

fn is_symbol_char(c: char) -> bool {
    !is_ignorable(c) && !is_word_char(c) && punct_kind(c) == TokenKind::Symbol
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Combining marks, variation selectors, emoji modifiers and tags: chars that
/// modify the char before them. An approximation of Unicode's `M` categories
/// for the scripts likely in news text (std has no general-category table).
fn is_mark(c: char) -> bool {
    let u = c as u32;
    // Indic blocks share the ISCII layout: signs and viramas sit at the same
    // offsets in each 128-char block.
    if (0x0900..=0x0DFF).contains(&u) {
        return matches!(u & 0x7F, 0x00..=0x03 | 0x3A..=0x3C | 0x3E..=0x4F | 0x51..=0x57 | 0x62..=0x63);
    }
    matches!(
        u,
        0x0300..=0x036F
            | 0x0483..=0x0489
            | 0x0591..=0x05BD
            | 0x05BF
            | 0x05C1..=0x05C2
            | 0x05C4..=0x05C5
            | 0x05C7
            | 0x0610..=0x061A
            | 0x064B..=0x065F
            | 0x0670
            | 0x06D6..=0x06DC
            | 0x06DF..=0x06E4
            | 0x06E7..=0x06E8
            | 0x06EA..=0x06ED
            | 0x0711
            | 0x0730..=0x074A
            | 0x07A6..=0x07B0
            | 0x07EB..=0x07F3
            | 0x0E31
            | 0x0E34..=0x0E3A
            | 0x0E47..=0x0E4E
            | 0x0EB1
            | 0x0EB4..=0x0EBC
            | 0x0EC8..=0x0ECD
            | 0x102B..=0x103E
            | 0x1AB0..=0x1AFF
            | 0x1DC0..=0x1DFF
            | 0x20D0..=0x20FF
            | 0x302A..=0x302F
            | 0x3099..=0x309A
            | 0xFE00..=0xFE0F
            | 0xFE20..=0xFE2F
            | 0x1F3FB..=0x1F3FF
            | 0xE0020..=0xE007F
            | 0xE0100..=0xE01EF
    )
}

/// Han, kana and Hangul: scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(
        c as u32,
        0x1100..=0x11FF
            | 0x3040..=0x30FF
            | 0x3130..=0x318F
            | 0x31F0..=0x31FF
            | 0x3400..=0x4DBF
            | 0x4E00..=0x9FFF
            | 0xAC00..=0xD7AF
            | 0xF900..=0xFAFF
            | 0x20000..=0x3FFFF
    )
}

/// Punct for marks that structure text (stops, commas, quotes, brackets,
/// dashes); Symbol for everything else ("$", "%", "+", "€", emoji).
fn punct_kind(c: char) -> TokenKind {
    // Full-width forms mirror ASCII ("，" is ",").
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    let punct = match c {
        '!' | '"' | '\'' | '(' | ')' | ',' | '-' | '.' | '/' | ':' | ';' | '?' | '[' | '\\'
        | ']' | '`' | '{' | '}' => true,
        '¡' | '§' | '«' | '¶' | '·' | '»' | '¿' => true,
        // General punctuation: hyphens, dashes, quotes, bullets, ellipsis,
        // guillemets ... but not per-mille signs or the fraction slash.
        '\u{2010}'..='\u{2027}' | '\u{2032}'..='\u{2043}' | '\u{2045}'..='\u{2051}' => true,
        '\u{2053}'..='\u{205E}' | '\u{2E00}'..='\u{2E4F}' => true,
        // CJK, Arabic and Indic punctuation.
        '\u{3001}'..='\u{3003}' | '\u{3008}'..='\u{3011}' | '\u{3014}'..='\u{301F}' => true,
        '\u{FF61}'..='\u{FF65}' => true,
        '\u{060C}' | '\u{061B}' | '\u{061E}' | '\u{061F}' | '\u{066D}' | '\u{06D4}' => true,
        '\u{0964}' | '\u{0965}' | '\u{0589}' | '\u{055C}'..='\u{055E}' => true,
        _ => false,
    };
    if punct {
        TokenKind::Punct
    } else {
        TokenKind::Symbol
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// One table row: an input and the token texts it must produce.
    struct TokenTest {
        name: &'static str,
        input: &'static str,
        expected: &'static [&'static str],
    }

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            TokenTest {
                name: stringify!($name),
                input: $input,
                expected: &$expected,
            }
        };
    }

    fn texts(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    fn run_tests(tests: &[TokenTest]) {
        let mut failures = vec![];
        for test in tests {
            let got = texts(test.input);
            if got != test.expected {
                failures.push(format!(
                    "{}: {:?}\n  expected {:?}\n  got      {:?}",
                    test.name, test.input, test.expected, got
                ));
            }
            check_invariants(test.input);
        }
        assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    }

    const ABBREVIATIONS_TESTS: &[TokenTest] = &[
        t!(abbr_us, "the U.S. must", ["the", "U.S.", "must"]),
        t!(abbr_uk, "U.K. and U.N.", ["U.K.", "and", "U.N."]),
        t!(
            abbr_dc,
            "Washington, D.C. on",
            ["Washington", ",", "D.C.", "on"]
        ),
        t!(
            abbr_eg,
            "e.g. this, i.e. that",
            ["e.g.", "this", ",", "i.e.", "that"]
        ),
        t!(
            abbr_titles,
            "Mr. Mrs. Dr. Gen.",
            ["Mr.", "Mrs.", "Dr.", "Gen."]
        ),
        t!(
            abbr_mil,
            "Col. Lt. Sgt. Capt. Maj. Adm.",
            ["Col.", "Lt.", "Sgt.", "Capt.", "Maj.", "Adm."]
        ),
        t!(
            abbr_pol,
            "Sen. Rep. Gov. Pres. Prof.",
            ["Sen.", "Rep.", "Gov.", "Pres.", "Prof."]
        ),
        t!(
            abbr_misc,
            "St. Jr. Sr. No. 10",
            ["St.", "Jr.", "Sr.", "No.", "10"]
        ),
        t!(
            abbr_months,
            "Jan. Feb. Sept. Dec.",
            ["Jan.", "Feb.", "Sept.", "Dec."]
        ),
        t!(abbr_may, "in May.", ["in", "May", "."]),
        t!(
            abbr_corp,
            "Inc. Ltd. Corp. Co.",
            ["Inc.", "Ltd.", "Corp.", "Co."]
        ),
        t!(
            abbr_lower,
            "vs. etc. approx. 5",
            ["vs.", "etc.", "approx.", "5"]
        ),
        t!(
            abbr_places,
            "Ft. Worth, Mt. Everest",
            ["Ft.", "Worth", ",", "Mt.", "Everest"]
        ),
        t!(abbr_case, "he said no.", ["he", "said", "no", "."]),
        t!(abbr_final, "in Libya.", ["in", "Libya", "."]),
        t!(abbr_usa, "U.S.A and U.S.A.", ["U.S.A", "and", "U.S.A."]),
        t!(abbr_initial, "George W. Bush", ["George", "W.", "Bush"]),
        t!(abbr_war_i, "World War I.", ["World", "War", "I", "."]),
        t!(abbr_lower_single, "option a.", ["option", "a", "."]),
        t!(abbr_pm, "at 5 p.m. today", ["at", "5", "p.m.", "today"]),
        t!(abbr_hyphen, "U.S.-led", ["U.S.-led"]),
        t!(
            abbr_ellipsis,
            "etc... and U.S...",
            ["etc", "...", "and", "U.S", "..."]
        ),
        t!(abbr_plan_a, "Plan A...", ["Plan", "A", "..."]),
        t!(abbr_glued, "Gen.Haftar", ["Gen.", "Haftar"]),
        t!(
            abbr_possessive,
            "the U.S.'s role",
            ["the", "U.S.", "'s", "role"]
        ),
        t!(abbr_cyrillic, "С.Ш.А.", ["С.Ш.А."]),
        t!(
            abbr_degrees,
            "a Ph.D. and M.Sc.",
            ["a", "Ph.D.", "and", "M.Sc."]
        ),
        t!(abbr_degree_prefix, "Ph.Dx", ["Ph", ".", "Dx"]),
        t!(abbr_not_domain, "example.com", ["example", ".", "com"]),
    ];

    const APOSTROPHE_TESTS: &[TokenTest] = &[
        t!(
            apos_possessive,
            "Haftar's forces",
            ["Haftar", "'s", "forces"]
        ),
        t!(apos_plural, "Ghamades' talks", ["Ghamades", "'", "talks"]),
        t!(apos_curly, "Libya’s factions", ["Libya", "’s", "factions"]),
        t!(apos_curly_plural, "rebels’ arms", ["rebels", "’", "arms"]),
        t!(apos_nt, "don't", ["do", "n't"]),
        t!(apos_nt_curly, "doesn’t", ["does", "n’t"]),
        t!(apos_cant, "can't won't", ["ca", "n't", "wo", "n't"]),
        t!(apos_nt_caps, "DON'T", ["DO", "N'T"]),
        t!(apos_its, "it's", ["it", "'s"]),
        t!(apos_im, "I'm", ["I", "'m"]),
        t!(
            apos_others,
            "we're they've you'll he'd",
            ["we", "'re", "they", "'ve", "you", "'ll", "he", "'d"]
        ),
        t!(apos_oneill, "O'Neill", ["O'Neill"]),
        t!(apos_quran, "Qur'an Qu'ran", ["Qur'an", "Qu'ran"]),
        t!(apos_sanaa, "Sana'a", ["Sana'a"]),
        t!(apos_oclock, "o'clock", ["o'clock"]),
        t!(apos_d_capital, "D'Souza", ["D'Souza"]),
        t!(apos_caps, "HAFTAR'S", ["HAFTAR", "'S"]),
        t!(apos_mixed_caps, "Haftar'S", ["Haftar'S"]),
        t!(apos_number, "the 1990's", ["the", "1990", "'s"]),
        t!(apos_handle, "@UN's", ["@UN", "'s"]),
        t!(apos_quoted, "'leaked'", ["'", "leaked", "'"]),
        t!(apos_quoted_s, "'s' key", ["'", "s", "'", "key"]),
        t!(apos_decade, "the '90s", ["the", "'", "90s"]),
        t!(apos_end, "it's", ["it", "'s"]),
        t!(apos_clitic_long, "it'sy", ["it'sy"]),
    ];

    const HYPHEN_TESTS: &[TokenTest] = &[
        t!(hy_al, "al-Hassi", ["al-Hassi"]),
        t!(hy_re, "re-organising", ["re-organising"]),
        t!(hy_anti, "anti-Islamists", ["anti-Islamists"]),
        t!(hy_led, "Misratan-led camp", ["Misratan-led", "camp"]),
        t!(hy_sponsored, "Algerian-sponsored", ["Algerian-sponsored"]),
        t!(hy_double, "allies -- some", ["allies", "--", "some"]),
        t!(hy_double_glued, "allies--some", ["allies", "--", "some"]),
        t!(hy_en, "negotiated – rather", ["negotiated", "–", "rather"]),
        t!(
            hy_en_glued,
            "negotiated–rather",
            ["negotiated", "–", "rather"]
        ),
        t!(hy_em_glued, "war—and", ["war", "—", "and"]),
        t!(
            hy_trailing,
            "pro- and anti-",
            ["pro", "-", "and", "anti", "-"]
        ),
        t!(hy_digits, "COVID-19 F-16", ["COVID-19", "F-16"]),
        t!(hy_year_old, "5-year-old", ["5-year-old"]),
        t!(hy_range, "2014-2015", ["2014", "-", "2015"]),
        t!(hy_unicode, "al‐Hassi", ["al‐Hassi"]),
        t!(
            hy_ampersand,
            "AT&T and R&D, Q & A",
            ["AT&T", "and", "R&D", ",", "Q", "&", "A"]
        ),
    ];

    const QUOTE_TESTS: &[TokenTest] = &[
        t!(q_double, "\"no\"", ["\"", "no", "\""]),
        t!(q_curly_double, "“no”", ["“", "no", "”"]),
        t!(q_curly_single, "‘no’", ["‘", "no", "’"]),
        t!(q_guillemets, "«non»", ["«", "non", "»"]),
        t!(
            q_after_stop,
            "said \"no.\"",
            ["said", "\"", "no", ".", "\""]
        ),
        t!(q_ellipsis, "(...)", ["(", "...", ")"]),
        t!(q_unicode_ellipsis, "wait… what", ["wait", "…", "what"]),
        t!(q_brackets, "[a]{b}", ["[", "a", "]", "{", "b", "}"]),
        t!(q_marks, "Why?! No!", ["Why", "?", "!", "No", "!"]),
        t!(q_dots, "a.. b....", ["a", "..", "b", "...."]),
    ];

    const NUMBER_TESTS: &[TokenTest] = &[
        t!(num_decimal, "3.5", ["3.5"]),
        t!(
            num_thousands,
            "1,000 and 1,000,000.25",
            ["1,000", "and", "1,000,000.25"]
        ),
        t!(num_list, "1,2,3", ["1", ",", "2", ",", "3"]),
        t!(
            num_ordinals,
            "12th 1st 2nd 3rd",
            ["12th", "1st", "2nd", "3rd"]
        ),
        t!(num_year, "in 2014.", ["in", "2014", "."]),
        t!(num_minus, "-3", ["-", "3"]),
        t!(num_percent, "45%", ["45", "%"]),
        t!(num_dollar, "$5", ["$", "5"]),
        t!(num_time, "10:30", ["10:30"]),
        t!(num_date, "12/05/2014", ["12/05/2014"]),
        t!(num_unit, "5km", ["5", "km"]),
        t!(num_decade, "1990s", ["1990s"]),
        t!(num_comma_end, "5, 6", ["5", ",", "6"]),
        t!(num_arabic_indic, "٢٠١٤", ["٢٠١٤"]),
        t!(num_cjk_year, "2014年", ["2014", "年"]),
        t!(num_euro, "€3.5bn", ["€", "3.5", "bn"]),
    ];

    const URL_TESTS: &[TokenTest] = &[
        t!(
            url_final_period,
            "see https://x.org/a.",
            ["see", "https://x.org/a", "."]
        ),
        t!(
            url_paren,
            "(https://x.org/a)",
            ["(", "https://x.org/a", ")"]
        ),
        t!(
            url_inner_paren,
            "https://en.wikipedia.org/wiki/Sirte_(city).",
            ["https://en.wikipedia.org/wiki/Sirte_(city)", "."]
        ),
        t!(
            url_quote,
            "\"http://x.org/?a=b&c=d\"",
            ["\"", "http://x.org/?a=b&c=d", "\""]
        ),
        t!(
            url_www,
            "www.example.org/path, then",
            ["www.example.org/path", ",", "then"]
        ),
        t!(
            url_bare_domain,
            "example.com/path",
            ["example", ".", "com", "/", "path"]
        ),
        t!(url_scheme_only, "http:// x", ["http", ":", "/", "/", "x"]),
        t!(
            url_email,
            "write to press@un.org.",
            ["write", "to", "press@un.org", "."]
        ),
        t!(
            url_email_dots,
            "john.smith+x@mail.example.co.uk",
            ["john.smith+x@mail.example.co.uk"]
        ),
        t!(url_not_email, "a@b", ["a", "@b"]),
        t!(
            url_handle,
            "@UN_News and #Libya #1",
            ["@UN_News", "and", "#Libya", "#", "1"]
        ),
        t!(url_hashtag_arabic, "#ليبيا", ["#ليبيا"]),
        t!(url_lone_at, "@ home", ["@", "home"]),
    ];

    const UNICODE_TESTS: &[TokenTest] = &[
        t!(
            uni_mixed,
            "Zürich’s café – 東京 😀 Тобрук مصراتة",
            [
                "Zürich",
                "’s",
                "café",
                "–",
                "東京",
                "😀",
                "Тобрук",
                "مصراتة"
            ]
        ),
        t!(
            uni_combining,
            "cafe\u{301} e\u{301}",
            ["cafe\u{301}", "e\u{301}"]
        ),
        t!(uni_lone_mark, "\u{301}", ["\u{301}"]),
        t!(
            uni_lone_marks_space,
            " \u{301}\u{302} a",
            ["\u{301}\u{302}", "a"]
        ),
        t!(uni_mark_after_punct, ".\u{301}", [".\u{301}"]),
        t!(uni_nbsp, "a\u{a0}b\u{2003}c\u{3000}d", ["a", "b", "c", "d"]),
        t!(uni_nul, "a\0b\0\0", ["a", "b"]),
        t!(uni_crlf, "a\r\nb\r\n", ["a", "b"]),
        t!(uni_bom, "\u{feff}Hello\u{200b}world", ["Hello", "world"]),
        t!(uni_cjk_latin, "東京Tower", ["東京", "Tower"]),
        t!(uni_cjk_punct, "東京。大阪、", ["東京", "。", "大阪", "、"]),
        t!(
            uni_emoji_seq,
            "👨\u{200d}👩\u{200d}👧 🇱🇾 👍🏽 ❤️",
            ["👨\u{200d}👩\u{200d}👧", "🇱🇾", "👍🏽", "❤️"]
        ),
        t!(uni_symbols, "+=€±", ["+", "=", "€", "±"]),
        t!(uni_arabic_punct, "ليبيا؟", ["ليبيا", "؟"]),
        t!(uni_persian_zwnj, "می\u{200c}خواهم", ["می\u{200c}خواهم"]),
        t!(uni_devanagari, "हिन्दी", ["हिन्दी"]),
        t!(uni_fullwidth, "（注）", ["（", "注", "）"]),
        t!(uni_empty, "", []),
        t!(uni_spaces, " \t\n\r\u{a0}", []),
    ];

    #[test]
    fn abbreviations() {
        run_tests(ABBREVIATIONS_TESTS);
    }

    #[test]
    fn apostrophes() {
        run_tests(APOSTROPHE_TESTS);
    }

    #[test]
    fn hyphens_and_dashes() {
        run_tests(HYPHEN_TESTS);
    }

    #[test]
    fn quotes_and_brackets() {
        run_tests(QUOTE_TESTS);
    }

    #[test]
    fn numbers() {
        run_tests(NUMBER_TESTS);
    }

    #[test]
    fn urls_emails_handles() {
        run_tests(URL_TESTS);
    }

    #[test]
    fn unicode() {
        run_tests(UNICODE_TESTS);
    }

    #[test]
    fn kinds() {
        use TokenKind::*;
        let rows: &[(&str, &[TokenKind])] = &[
            ("U.S. 3.5 , $", &[Word, Number, Punct, Symbol]),
            ("https://x.org a@b.cd @h #t", &[Url, Email, Handle, Handle]),
            ("12th 45 %", &[Number, Number, Symbol]),
            ("'s'", &[Punct, Word, Punct]),
            ("it's 5-year-old", &[Word, Word, Word]),
            ("… -- – 😀 \u{301}", &[Punct, Punct, Punct, Symbol, Symbol]),
        ];
        for (input, expected) in rows {
            let kinds: Vec<TokenKind> = tokenize(input).iter().map(|t| t.kind).collect();
            assert_eq!(&kinds, expected, "{input:?}");
        }
    }

    #[test]
    fn seed_paragraph() {
        let text = "Inside the country, Zintani and Haftar's forces are re-organising themselves \
                    in Tobruk. Egypt and the UAE are staunch American allies -- some might say \
                    clients. The first rounds of Ghamades' talks.";
        let got = texts(text);
        for want in [
            "Haftar",
            "'s",
            "re-organising",
            "Tobruk",
            "--",
            "Ghamades",
            "'",
        ] {
            assert!(got.contains(&want), "{want:?} missing from {got:?}");
        }
        assert_eq!(got.last(), Some(&"."));
    }

    #[test]
    fn abbreviation_table_is_sorted() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0].0 < w[1].0));
        for a in DOTTED_ABBREVIATIONS {
            assert_eq!(lookup_abbreviation(a), Some(false), "{a}");
        }
    }

    #[test]
    fn abbreviation_classes() {
        use AbbrevClass::*;
        let rows = [
            ("Mr.", Some(Never)),
            ("Gen.", Some(Never)),
            ("e.g.", Some(Never)),
            ("U.S.", Some(Conditional)),
            ("D.C.", Some(Conditional)),
            ("W.", Some(Conditional)),
            ("Inc.", Some(Conditional)),
            ("Libya.", None),
            (".", None),
            ("Mr", None),
        ];
        for (tok, want) in rows {
            assert_eq!(abbreviation_class(tok), want, "{tok:?}");
        }
    }

    #[test]
    fn one_megabyte_token() {
        let word = "a".repeat(1 << 20);
        let toks = tokenize(&word);
        assert_eq!(toks.len(), 1);
        assert_eq!((toks[0].start, toks[0].end), (0, 1 << 20));

        let url = format!("https://example.org/{}", "x".repeat(1 << 20));
        let toks = tokenize(&url);
        assert_eq!(toks.len(), 1);
        assert_eq!(toks[0].kind, TokenKind::Url);
    }

    #[test]
    fn pathological_inputs_stay_linear() {
        // Each of these would be quadratic with naive rescanning; the test
        // finishes in milliseconds only if every lookahead is consumed or cached.
        for unit in [
            "ab.", "a.", "a@", "x-", "1,", "'", "http://.", "n'", "U.S.", "\u{301}",
        ] {
            let text = unit.repeat((1 << 20) / unit.len());
            check_invariants(&text);
        }
    }

    /// Offsets in order, non-overlapping, non-empty, on char boundaries, and no
    /// whitespace inside any token.
    pub(crate) fn check_invariants(text: &str) {
        let toks = tokenize(text);
        let mut prev_end = 0;
        for t in &toks {
            assert!(t.start >= prev_end, "overlap in {text:?}: {toks:?}");
            assert!(t.start < t.end, "empty token in {text:?}");
            assert!(t.end <= text.len());
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            let s = &text[t.start..t.end];
            assert!(!s.chars().any(char::is_whitespace), "whitespace in {s:?}");
            assert!(!s.contains('\0'));
            prev_end = t.end;
        }
        // Everything between tokens is ignorable.
        let mut pos = 0;
        for t in &toks {
            assert!(
                text[pos..t.start].chars().all(is_ignorable),
                "dropped text in {text:?}"
            );
            pos = t.end;
        }
        assert!(
            text[pos..].chars().all(is_ignorable),
            "dropped tail in {text:?}"
        );
    }

    /// Deterministic pseudo-random strings over an alphabet of troublemakers.
    pub(crate) fn random_inputs(count: usize) -> Vec<String> {
        const ALPHABET: &[&str] = &[
            "a", "Z", "U", "S", "n", "s", "t", "h", "w", ".", ".", "'", "’", "-", "–", "—", " ",
            " ", "\n", "\r\n", "\r", "@", "#", "1", "0", ",", ":", "/", "(", ")", "\"", "“", "”",
            "é", "\u{301}", "東", "😀", "\u{200d}", "\u{fe0f}", "\0", "\u{a0}", "$", "%", "…",
            "Mr", "http://", "www.", "x@y.co", "n't", "U.S.", "?", "!", "&", "_", "٢", "Ш",
            "\u{feff}", "\u{ad}",
        ];
        let mut next = crate::test_rng::xorshift(0x9E37_79B9_7F4A_7C15);
        (0..count)
            .map(|_| {
                let len = (next() % 40) as usize;
                (0..len)
                    .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn invariants_hold() {
        let tables = [
            ABBREVIATIONS_TESTS,
            APOSTROPHE_TESTS,
            HYPHEN_TESTS,
            QUOTE_TESTS,
            NUMBER_TESTS,
            URL_TESTS,
            UNICODE_TESTS,
        ];
        for test in tables.iter().flat_map(|t| t.iter()) {
            check_invariants(test.input);
        }
        for input in random_inputs(20_000) {
            check_invariants(&input);
        }
    }

    /// Throughput check: `cargo test --release --lib throughput -- --ignored --nocapture`.
    #[test]
    #[ignore = "benchmark; run with --release"]
    fn throughput() {
        let para = "UN Special Representative Bernardino Leon has insisted that another \
                    meeting, this time inclusive of the rival military leaders, be convened as \
                    soon as possible. Algeria has offered to host such a meeting. (...) But the \
                    U.S. must do more; Haftar's forces don't re-organise –  “quickly”. 1,000.5 \
                    people, 45% of https://x.org/a. Zürich’s café 東京 😀 Тобрук مصراتة\n";
        let text = para.repeat(20_000_000 / para.len());
        let t0 = std::time::Instant::now();
        let n = tokenize(&text).len();
        let secs = t0.elapsed().as_secs_f64();
        println!("{} tokens, {:.1} MB/s", n, text.len() as f64 / secs / 1e6);
    }
}

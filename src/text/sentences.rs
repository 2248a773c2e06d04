//! Rule-based sentence splitting over the tokens of [`super::tokenize`].
//!
//! The splitter walks the tokens once and decides, after each token, whether a
//! sentence ends there. It looks only at the token texts, their kinds and the
//! whitespace between them (for newlines), so it also accepts tokens from
//! another tokenizer; malformed offsets never make it panic.

use super::tokenizer::{abbreviation_class, AbbrevClass};
use super::{Sentence, Token, TokenKind};

/// Capitalised words that typically open a sentence. After an initialism such
/// as "U.S." or "D.C." (which is usually mid-sentence: "the U.S. Army") one of
/// these is strong evidence that the initialism ended the sentence. Sorted by
/// bytes for binary search.
const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "An",
    "And",
    "As",
    "At",
    "Before",
    "Both",
    "But",
    "Despite",
    "During",
    "Earlier",
    "For",
    "He",
    "Her",
    "His",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Last",
    "Later",
    "Meanwhile",
    "Moreover",
    "Now",
    "On",
    "One",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "Still",
    "That",
    "The",
    "Their",
    "Then",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "Today",
    "We",
    "What",
    "When",
    "While",
    "Why",
    "Yesterday",
    "Yet",
];

/// Lower-case words that cannot end a sentence (or a headline): a line that
/// ends with one was wrapped, even if the next line starts with a name
/// ("talks with\nHaftar's envoys"). Sorted by bytes for binary search.
const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "an", "and", "are", "as", "at", "be", "been", "before",
    "between", "but", "by", "for", "from", "had", "has", "have", "her", "his", "in", "into", "is",
    "its", "nor", "not", "of", "on", "or", "our", "over", "said", "than", "that", "the", "their",
    "to", "under", "was", "were", "which", "who", "whose", "with",
];

/// Groups `tokens` (as produced by [`super::tokenize`] on `text`) into sentences.
///
/// Every token belongs to exactly one sentence; sentences are non-empty and in
/// order, and an input without tokens gives no sentences. A sentence's `start`
/// and `end` are its first token's start and last token's end.
///
/// A sentence ends:
/// - after ".", "!", "?", "…" or "..." (plus any closing quotes or brackets glued
///   to it) when the next token is capitalised, a number, a symbol, an opening
///   quote or bracket, or on a new line. A lower-case next word means the
///   period was not final ("approx. five", "Yahoo! said");
/// - after an initialism or trailing abbreviation ("U.S.", "D.C.", "Inc.",
///   "etc.") only at a line end or before a common sentence starter ("The",
///   "But", "He", ...). Titles ("Mr.", "Gen.", "Dr.", "e.g.") never end one;
/// - at a blank line, always;
/// - at a single newline, unless the text was merely wrapped: the next line
///   starts in lower case, or the line ends with a comma, semicolon, dash,
///   opening bracket or a function word ("of", "the", "with"). A line ending
///   with ":" always ends the sentence, as does a headline or list item.
///
/// An elision "(...)" or "[…]" never ends a sentence. When it follows a
/// sentence end, as in "meeting. (...) Unanimous", it opens the next sentence,
/// because an opening bracket after a final period starts a new sentence.
///
/// A run of [`MAX_SENTENCE_TOKENS`] tokens with no sentence end (a table, a
/// list, scraped text without punctuation) is cut at its last comma, semicolon
/// or colon past the middle, else after its last token. Relations, co-occurrence
/// counts and the tagger's sentence features all work per sentence, and a
/// 50 kB "sentence" made their cost grow with the square of its length.
#[must_use]
pub fn split_sentences(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let splitter = Splitter { text, tokens };
    let n = tokens.len();
    let mut out = Vec::new();
    let mut first = 0;
    let mut k = 0;
    while k < n {
        let (last, end_here) = splitter.boundary_after(first, k);
        let last = last.clamp(k, n - 1);
        // Too long to be prose: cut at a clause mark in its second half if
        // there is one, and go on from there.
        let overlong = !end_here && last + 1 - first >= MAX_SENTENCE_TOKENS;
        let end = if overlong {
            Some(splitter.clause_break(first, last))
        } else {
            (end_here || last + 1 == n).then_some(last)
        };
        if let Some(end) = end {
            out.push(Sentence {
                start: tokens[first].start,
                end: tokens[end].end,
                tokens: first..end + 1,
            });
            first = end + 1;
        }
        k = if overlong { first } else { last + 1 };
    }
    out
}

/// The most tokens one sentence holds. The longest sentences of the re3d and
/// seed documents have under 90 tokens; a 200-word sentence of legal prose
/// still fits.
pub const MAX_SENTENCE_TOKENS: usize = 256;

struct Splitter<'a> {
    text: &'a str,
    tokens: &'a [Token],
}

impl<'a> Splitter<'a> {
    /// The text of token `i` ("" if its offsets are out of range).
    fn tok(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or_default()
    }

    fn kind(&self, i: usize) -> Option<TokenKind> {
        self.tokens.get(i).map(|t| t.kind)
    }

    fn first_char(&self, i: usize) -> Option<char> {
        self.tok(i).chars().next()
    }

    /// Line breaks between token `i` and token `i + 1`.
    fn newlines_after(&self, i: usize) -> usize {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => count_newlines(self.text.get(a.end..b.start).unwrap_or_default()),
            _ => 0,
        }
    }

    /// True if token `i + 1` starts exactly where token `i` ends.
    fn glued(&self, i: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(i + 1)) {
            (Some(a), Some(b)) => a.end == b.start,
            _ => false,
        }
    }

    /// Decides whether a sentence ends after token `k`, in a sentence that
    /// started at token `first`. Returns the index of
    /// the last token that goes with `k` (closing quotes and brackets after a
    /// final mark) and whether the sentence ends there.
    fn boundary_after(&self, first: usize, k: usize) -> (usize, bool) {
        if k + 1 >= self.tokens.len() {
            return (k, true);
        }
        let newlines = self.newlines_after(k);
        if newlines >= 2 {
            return (k, true);
        }
        let text = self.tok(k);
        let is_word = self.kind(k) == Some(TokenKind::Word);
        match abbreviation_class(text).filter(|_| is_word) {
            Some(AbbrevClass::Never) => return (k, false),
            // "in the U.S. Army" continues; "in the U.S. The" and "in the U.S.\n"
            // do not. Only a short list of starters is trusted, since most
            // capitalised words after an initialism are names.
            Some(AbbrevClass::Conditional) => {
                return (k, newlines == 1 || self.is_starter(k + 1));
            }
            None => {}
        }
        // A word ending in "." that is no abbreviation can only come from another
        // tokenizer ("Libya."); treat it like a word plus a period.
        let final_mark = (self.is_final_mark(k) && !self.is_elision(k))
            || (is_word && text.len() > 1 && text.ends_with('.'));
        // "1. First point": a numbered-list marker, not a one-word sentence.
        if final_mark
            && text == "."
            && k == first + 1
            && self.kind(first) == Some(TokenKind::Number)
        {
            return (k, false);
        }
        if final_mark {
            let mut last = k;
            // Keep '?!' and closing quotes/brackets glued to the mark in this
            // sentence: 'said "no." Then' ends after the quote.
            while last + 1 < self.tokens.len()
                && self.glued(last)
                && (self.is_final_mark(last + 1) || self.is_closer(last + 1))
            {
                last += 1;
            }
            if last + 1 >= self.tokens.len() {
                return (last, true);
            }
            let ends = self.newlines_after(last) > 0 || self.starts_sentence(last + 1);
            return (last, ends);
        }
        if newlines == 1 {
            return (k, !self.continues_line(k));
        }
        (k, false)
    }

    /// Where to cut the over-long run `first..=last`: after its last clause
    /// mark in the second half, else after `last`.
    fn clause_break(&self, first: usize, last: usize) -> usize {
        let middle = first + (last - first) / 2;
        (middle..last)
            .rev()
            .find(|&i| {
                matches!(
                    self.tok(i),
                    "," | ";" | ":" | "،" | "؛" | "，" | "；" | "："
                )
            })
            .unwrap_or(last)
    }

    fn is_final_mark(&self, i: usize) -> bool {
        let s = self.tok(i);
        matches!(
            s,
            "!" | "?"
                | "…"
                | "‼"
                | "⁇"
                | "⁈"
                | "⁉"
                | "。"
                | "｡"
                | "！"
                | "？"
                | "؟"
                | "۔"
                | "।"
                | "॥"
        ) || (!s.is_empty() && s.bytes().all(|b| b == b'.'))
    }

    /// "(...)" or "[…]": an elision inside a quotation, not a sentence end.
    fn is_elision(&self, i: usize) -> bool {
        let s = self.tok(i);
        let ellipsis = s == "…" || (s.len() >= 2 && s.bytes().all(|b| b == b'.'));
        ellipsis
            && i > 0
            && matches!(self.tok(i - 1), "(" | "[")
            && matches!(self.tok(i + 1), ")" | "]")
    }

    fn is_closer(&self, i: usize) -> bool {
        matches!(
            self.tok(i),
            ")" | "]" | "}" | "\"" | "'" | "”" | "’" | "»" | "›" | "」" | "』" | "）" | "】" | "〕"
        )
    }

    fn is_opener(&self, i: usize) -> bool {
        matches!(
            self.tok(i),
            "(" | "["
                | "{"
                | "\""
                | "'"
                | "`"
                | "“"
                | "‘"
                | "„"
                | "‚"
                | "«"
                | "‹"
                | "¿"
                | "¡"
                | "「"
                | "『"
                | "（"
        )
    }

    /// Could token `i` be the first of a sentence that follows a final mark?
    fn starts_sentence(&self, i: usize) -> bool {
        match self.kind(i) {
            // Scripts without case (Arabic, CJK) count as capitalised.
            Some(TokenKind::Word | TokenKind::Handle) => {
                !self.first_char(i).is_some_and(char::is_lowercase)
            }
            Some(TokenKind::Number | TokenKind::Symbol | TokenKind::Url | TokenKind::Email) => true,
            Some(TokenKind::Punct) => self.is_opener(i),
            None => true,
        }
    }

    fn is_starter(&self, i: usize) -> bool {
        self.kind(i) == Some(TokenKind::Word)
            && SENTENCE_STARTERS.binary_search(&self.tok(i)).is_ok()
    }

    /// After a single newline following token `k` (not a final mark): is the
    /// next line a continuation of a wrapped sentence?
    fn continues_line(&self, k: usize) -> bool {
        let s = self.tok(k);
        if s == ":" {
            return false;
        }
        if self.first_char(k + 1).is_some_and(char::is_lowercase) {
            return true;
        }
        if matches!(
            s,
            "," | ";" | "-" | "--" | "–" | "—" | "(" | "[" | "{" | "/" | "&" | "“" | "‘" | "«"
        ) {
            return true;
        }
        self.kind(k) == Some(TokenKind::Word) && FUNCTION_WORDS.binary_search(&s).is_ok()
    }
}

/// Counts line breaks in a gap between two tokens. "\r\n" is one break; a
/// form feed or paragraph separator counts as a blank line.
fn count_newlines(gap: &str) -> usize {
    // Most gaps are one space.
    if gap.bytes().all(|b| b == b' ') {
        return 0;
    }
    let mut n = 0;
    let mut after_cr = false;
    for c in gap.chars() {
        match c {
            '\n' if after_cr => {}
            '\n' | '\r' | '\u{0B}' | '\u{85}' | '\u{2028}' => n += 1,
            '\u{0C}' | '\u{2029}' => n += 2,
            _ => {}
        }
        after_cr = c == '\r';
    }
    n
}

#[cfg(test)]
mod tests {
    use super::super::tokenize;
    use super::*;

    /// One table row: an input and the sentence texts it must produce.
    struct SentenceTest {
        name: &'static str,
        input: &'static str,
        expected: &'static [&'static str],
    }

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            SentenceTest {
                name: stringify!($name),
                input: $input,
                expected: &$expected,
            }
        };
    }

    fn sentences(text: &str) -> Vec<&str> {
        let tokens = tokenize(text);
        split_sentences(text, &tokens)
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    fn run_tests(tests: &[SentenceTest]) {
        let mut failures = vec![];
        for test in tests {
            let got = sentences(test.input);
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

    const LEON: &str = "UN Special Representative Bernardino Leon has insisted that another \
meeting, this time inclusive of the rival military leaders, be convened as soon as possible. \
Algeria has offered to host such a meeting. (...) Unanimous approval from the United States and \
European countries is expected over the coming days. But the U.S. must do more than passively \
issue its support; it must lean on its regional allies to make the conference a success.\nEgypt \
and the United Arab Emirates have so far been intransigent. Washington 'leaked' its allies \
indiscretions, but has yet to pressure them to stop. Now it must do so.";

    const FINAL_MARK_TESTS: &[SentenceTest] = &[
        t!(period, "One. Two.", ["One.", "Two."]),
        t!(marks, "Why? Because! Fine.", ["Why?", "Because!", "Fine."]),
        t!(combined_marks, "Really?! Yes.", ["Really?!", "Yes."]),
        t!(
            lower_after_period,
            "approx. five. Then",
            ["approx. five.", "Then"]
        ),
        t!(lower_after_bang, "Yahoo! said so.", ["Yahoo! said so."]),
        t!(
            closing_quote,
            "He said \"no.\" Then left.",
            ["He said \"no.\"", "Then left."]
        ),
        t!(
            closing_curly,
            "He said “no.” Then left.",
            ["He said “no.”", "Then left."]
        ),
        t!(quote_lower, "\"Why?\" he asked.", ["\"Why?\" he asked."]),
        t!(closing_paren, "(See above.) Then", ["(See above.)", "Then"]),
        t!(opening_quote, "He left. \"Why?\"", ["He left.", "\"Why?\""]),
        t!(
            number_next,
            "It rose 5%. 10 people died.",
            ["It rose 5%.", "10 people died."]
        ),
        t!(decimal, "It rose 3.5 points.", ["It rose 3.5 points."]),
        t!(
            ellipsis_upper,
            "He paused... And left.",
            ["He paused...", "And left."]
        ),
        t!(
            ellipsis_lower,
            "He paused... and left.",
            ["He paused... and left."]
        ),
        t!(ellipsis_char, "Wait… What?", ["Wait…", "What?"]),
        t!(
            elision,
            "He said (...) it was over.",
            ["He said (...) it was over."]
        ),
        t!(
            elision_bracket,
            "Leaders […] Agreed.",
            ["Leaders […] Agreed."]
        ),
        t!(
            url_end,
            "See https://x.org/a. Then go.",
            ["See https://x.org/a.", "Then go."]
        ),
        t!(no_final, "no final mark", ["no final mark"]),
        t!(
            list_number,
            "1. First point. 2. Second point.",
            ["1. First point.", "2. Second point."]
        ),
        t!(
            year_end,
            "It was 2014. Then came war.",
            ["It was 2014.", "Then came war."]
        ),
        t!(
            degree,
            "She holds a Ph.D. from Cairo.",
            ["She holds a Ph.D. from Cairo."]
        ),
    ];

    const ABBREVIATION_TESTS: &[SentenceTest] = &[
        t!(
            us_mid,
            "But the U.S. must do more.",
            ["But the U.S. must do more."]
        ),
        t!(
            us_army,
            "The U.S. Army arrived.",
            ["The U.S. Army arrived."]
        ),
        t!(
            us_end_starter,
            "He lives in the U.S. The weather is fine.",
            ["He lives in the U.S.", "The weather is fine."]
        ),
        t!(
            us_end_newline,
            "He lives in the U.S.\nNext line.",
            ["He lives in the U.S.", "Next line."]
        ),
        t!(
            dc_mid,
            "Washington, D.C. on Monday.",
            ["Washington, D.C. on Monday."]
        ),
        t!(
            dc_end,
            "Washington, D.C. But not now.",
            ["Washington, D.C.", "But not now."]
        ),
        t!(
            titles,
            "Gen. Haftar met Mr. Smith and Dr. Who.",
            ["Gen. Haftar met Mr. Smith and Dr. Who."]
        ),
        t!(
            title_newline,
            "Gen.\nHaftar spoke.",
            ["Gen.\nHaftar spoke."]
        ),
        t!(
            title_then_starter,
            "Mr. The Rock spoke.",
            ["Mr. The Rock spoke."]
        ),
        t!(inc_mid, "Apple Inc. said so.", ["Apple Inc. said so."]),
        t!(
            inc_end,
            "He bought Apple Inc. The deal closed.",
            ["He bought Apple Inc.", "The deal closed."]
        ),
        t!(
            etc_end,
            "Guns, tanks, etc. They came.",
            ["Guns, tanks, etc.", "They came."]
        ),
        t!(
            eg_never,
            "Some, e.g. The Hill, agree.",
            ["Some, e.g. The Hill, agree."]
        ),
        t!(initial, "George W. Bush spoke.", ["George W. Bush spoke."]),
        t!(
            no_number,
            "No. 10 Downing St. is here.",
            ["No. 10 Downing St. is here."]
        ),
        t!(
            abbrev_question,
            "Is it the U.S.? Yes.",
            ["Is it the U.S.?", "Yes."]
        ),
    ];

    const NEWLINE_TESTS: &[SentenceTest] = &[
        t!(
            headline,
            "Headline Without Period\nBody text.",
            ["Headline Without Period", "Body text."]
        ),
        t!(
            blank_line,
            "first part\n\nsecond part",
            ["first part", "second part"]
        ),
        t!(
            blank_line_spaces,
            "first part \n \t\n second part",
            ["first part", "second part"]
        ),
        t!(
            wrapped_lower,
            "talks were held in the\ncapital and ended.",
            ["talks were held in the\ncapital and ended."]
        ),
        t!(
            wrapped_comma,
            "In Tripoli,\nHaftar spoke.",
            ["In Tripoli,\nHaftar spoke."]
        ),
        t!(
            wrapped_function_word,
            "negotiations with\nHaftar's envoys.",
            ["negotiations with\nHaftar's envoys."]
        ),
        t!(
            wrapped_after_name,
            "fighting in Tripoli\nand Benghazi.",
            ["fighting in Tripoli\nand Benghazi."]
        ),
        t!(
            final_newline,
            "First.\nsecond line.",
            ["First.", "second line."]
        ),
        t!(
            colon,
            "here at The Hill:\nUN envoy spoke.",
            ["here at The Hill:", "UN envoy spoke."]
        ),
        t!(colon_inline, "He said: Go.", ["He said: Go."]),
        t!(
            list_items,
            "- first item\n- second item",
            ["- first item", "- second item"]
        ),
        t!(
            crlf,
            "First.\r\nSecond.\r\n\r\nthird",
            ["First.", "Second.", "third"]
        ),
        t!(crlf_wrapped, "a wrapped\r\nline.", ["a wrapped\r\nline."]),
        t!(
            crlf_headline,
            "Libya Crisis Deepens\r\nTripoli is calm.",
            ["Libya Crisis Deepens", "Tripoli is calm."]
        ),
        t!(cr_only, "Title\rBody.", ["Title", "Body."]),
        t!(paragraph_separator, "one\u{2029}two", ["one", "two"]),
    ];

    const UNICODE_TESTS: &[SentenceTest] = &[
        t!(
            mixed,
            "Zürich’s café – 東京 😀 Тобрук مصراتة. Next.",
            ["Zürich’s café – 東京 😀 Тобрук مصراتة.", "Next."]
        ),
        t!(
            cyrillic,
            "Он ушёл. Она осталась.",
            ["Он ушёл.", "Она осталась."]
        ),
        t!(arabic, "ذهب. وعاد؟ نعم.", ["ذهب.", "وعاد؟", "نعم."]),
        t!(cjk, "東京。大阪。", ["東京。", "大阪。"]),
        t!(nul, "One.\0Two.", ["One.", "Two."]),
        t!(lone_mark, "\u{301}. \u{301}", ["\u{301}.", "\u{301}"]),
        t!(emoji_start, "Great! 😀 indeed.", ["Great!", "😀 indeed."]),
        t!(empty, "", []),
        t!(whitespace, " \n\r\n\u{a0}\t", []),
    ];

    #[test]
    fn final_marks() {
        run_tests(FINAL_MARK_TESTS);
    }

    #[test]
    fn abbreviations() {
        run_tests(ABBREVIATION_TESTS);
    }

    #[test]
    fn newlines() {
        run_tests(NEWLINE_TESTS);
    }

    #[test]
    fn unicode() {
        run_tests(UNICODE_TESTS);
    }

    #[test]
    fn leon_paragraph() {
        let tokens = tokenize(LEON);
        let sents = split_sentences(LEON, &tokens);
        assert_eq!(sents.len(), 7, "{:#?}", sentences(LEON));
        let text_of = |i: usize| &LEON[tokens[i].start..tokens[i].end];
        let bounds: Vec<(&str, &str)> = sents
            .iter()
            .map(|s| (text_of(s.tokens.start), text_of(s.tokens.end - 1)))
            .collect();
        assert_eq!(
            bounds,
            [
                ("UN", "."),
                ("Algeria", "."),
                // "(...)" opens the sentence after it.
                ("(", "."),
                ("But", "."),
                ("Egypt", "."),
                ("Washington", "."),
                ("Now", "."),
            ]
        );
        let third = &LEON[sents[2].start..sents[2].end];
        assert!(third.starts_with("(...) Unanimous approval"), "{third:?}");
        let fourth = &LEON[sents[3].start..sents[3].end];
        assert!(fourth.contains("the U.S. must"), "{fourth:?}");
        assert_eq!((sents[0].start, sents[6].end), (0, LEON.len()));
    }

    #[test]
    fn headline_and_titles() {
        let text = "Headline Without Period\nBody text starts here. Gen. Haftar met Mr. Smith in \
                    Washington, D.C. on Monday.";
        assert_eq!(
            sentences(text),
            [
                "Headline Without Period",
                "Body text starts here.",
                "Gen. Haftar met Mr. Smith in Washington, D.C. on Monday."
            ]
        );
    }

    #[test]
    fn tables_are_sorted() {
        assert!(SENTENCE_STARTERS.windows(2).all(|w| w[0] < w[1]));
        assert!(FUNCTION_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn newline_counting() {
        let rows = [
            ("", 0),
            ("  ", 0),
            ("\n", 1),
            ("\r\n", 1),
            ("\r", 1),
            ("\r\n\r\n", 2),
            ("\n\r", 2),
            (" \n \n ", 2),
            ("\u{2028}", 1),
            ("\u{2029}", 2),
        ];
        for (gap, want) in rows {
            assert_eq!(count_newlines(gap), want, "{gap:?}");
        }
    }

    /// Sentences cover every token exactly once, in order, and are non-empty.
    fn check_sentence_invariants(text: &str, tokens: &[Token], sents: &[Sentence]) {
        let mut next = 0;
        for s in sents {
            assert_eq!(s.tokens.start, next, "gap or overlap in {text:?}");
            assert!(s.tokens.end > s.tokens.start, "empty sentence in {text:?}");
            assert_eq!(s.start, tokens[s.tokens.start].start);
            assert_eq!(s.end, tokens[s.tokens.end - 1].end);
            next = s.tokens.end;
        }
        assert_eq!(next, tokens.len(), "tokens left over in {text:?}");
    }

    fn check_invariants(text: &str) {
        let tokens = tokenize(text);
        let sents = split_sentences(text, &tokens);
        check_sentence_invariants(text, &tokens, &sents);
    }

    #[test]
    fn invariants_hold() {
        let tables = [
            FINAL_MARK_TESTS,
            ABBREVIATION_TESTS,
            NEWLINE_TESTS,
            UNICODE_TESTS,
        ];
        for test in tables.iter().flat_map(|t| t.iter()) {
            check_invariants(test.input);
        }
        check_invariants(LEON);
        for input in super::super::tokenizer::tests::random_inputs(20_000) {
            check_invariants(&input);
        }
        let big = "a".repeat(1 << 20);
        let tokens = tokenize(&big);
        assert_eq!(split_sentences(&big, &tokens).len(), 1);
    }

    #[test]
    fn malformed_tokens_do_not_panic() {
        let text = "é. Ab. c";
        let word = |start, end| Token {
            start,
            end,
            kind: TokenKind::Word,
        };
        let tokens = [
            word(1, 2),   // inside "é"
            word(5, 3),   // reversed
            word(2, 100), // past the end
            word(0, 0),   // empty
            word(usize::MAX, usize::MAX),
            Token {
                start: 2,
                end: 3,
                kind: TokenKind::Punct,
            },
            word(0, 2), // overlapping, out of order
        ];
        let sents = split_sentences(text, &tokens);
        check_sentence_invariants(text, &tokens, &sents);
        assert!(split_sentences(text, &[]).is_empty());
        assert!(split_sentences("", &tokens).len() <= tokens.len());
    }

    #[test]
    fn overlong_runs_are_cut() {
        use crate::text::tokenize;
        let check = |text: &str| -> Vec<Sentence> {
            let tokens = tokenize(text);
            let sentences = split_sentences(text, &tokens);
            let mut next = 0;
            for s in &sentences {
                assert_eq!(s.tokens.start, next, "sentences cover every token");
                assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS);
                next = s.tokens.end;
            }
            assert_eq!(next, tokens.len());
            sentences
        };
        // No punctuation at all: cut after exactly MAX_SENTENCE_TOKENS.
        let words = "word ".repeat(1000);
        let lens: Vec<usize> = check(&words).iter().map(|s| s.tokens.len()).collect();
        assert_eq!(lens, [256, 256, 256, 232]);
        // Commas every 10 words: cut after the last comma of the run.
        let clauses = "one two three four five six seven eight nine ten, ".repeat(100);
        let sentences = check(&clauses);
        assert!(sentences.len() > 1);
        for s in &sentences[..sentences.len() - 1] {
            assert_eq!(&clauses[s.end - 1..s.end], ",");
            assert!(s.tokens.len() > MAX_SENTENCE_TOKENS / 2);
        }
        // Normal prose is untouched.
        let prose = "Egypt backed Haftar. The UN met in Geneva.".repeat(50);
        assert!(check(&prose).iter().all(|s| s.tokens.len() <= 10));
    }
}

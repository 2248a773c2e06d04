//! Temporal rules: dates, times, ranges, relative expressions and durations.
//!
//! Scores (fixed per rule, by how often the rule is right in news text):
//! - 0.9: full dates ("27 November 2026", "November 27, 2026", "2014-08-24") and
//!   military date-time groups.
//! - 0.85: partial or numeric dates ("27 Nov", "August 2014", "24/08/2014"),
//!   weekdays, ranges, decades and centuries, clock times with a zone or a.m./p.m.
//! - 0.8: a year or bare month after a cue ("in 2014", "since May"), deictic
//!   days ("yesterday", "tonight"), "three months ago".
//! - 0.75: bare clock times ("10:30"), "noon", durations ("24 hours").
//! - 0.7: vague relative expressions ("last week", "earlier this year",
//!   "the coming days", "in recent weeks", "over the summer").

use regex::Captures;

use super::lexicon::COUNT_NOUNS;
use super::{group, is_one_of, plain, span, word_after, word_before, Kind, Spec};

const FULL: f32 = 0.9;
const DATE: f32 = 0.85;
const CUED: f32 = 0.8;
const CLOCK: f32 = 0.75;
const VAGUE: f32 = 0.7;

pub(super) fn specs(out: &mut Vec<Spec>) {
    let t = |name, score, template: &str, check| {
        Spec::new(name, Kind::Temporal, score, template, check)
    };
    out.extend([
        // ----- full dates -----
        t(
            "day month year",
            FULL,
            r"\b{DAY}(?:\s{1,2}(?i:of))?(?:\s{1,2}|-){MONTH}\.?(?:,?\s{1,2}|-){YEAR}\b",
            plain,
        ),
        t(
            "month day year",
            FULL,
            r"\b{MONTHSEP}{DAY},?\s{1,2}{YEAR}\b",
            month_first,
        ),
        t(
            "weekday day month",
            FULL,
            r"\b{WEEKDAY},?\s{1,2}(?:(?i:the)\s{1,2})?{DAY}(?:\s{1,2}(?i:of))?\s{1,2}(?:{MONTH}\.?,?\s{1,2}{YEAR}\b|{MONTHEND})",
            plain,
        ),
        t(
            "weekday month day",
            FULL,
            r"\b{WEEKDAY},?\s{1,2}{MONTHSEP}{DAY}(?:,?\s{1,2}{YEAR})?\b",
            plain,
        ),
        t(
            "iso date",
            FULL,
            r"\b{YEAR}(?P<s1>[-/.])(?:0[1-9]|1[0-2])(?P<s2>[-/.])(?:3[01]|[12][0-9]|0[1-9])(?:T(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9](?:\.[0-9]{1,6})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?\b",
            same_separators,
        ),
        t(
            "date-time group",
            FULL,
            r"\b(?:0[1-9]|[12][0-9]|3[01])(?:[01][0-9]|2[0-3])[0-5][0-9]\s?[A-Z]\s?{MON3}\s?(?:[0-9]{4}|[0-9]{2})\b",
            plain,
        ),
        // ----- partial and numeric dates -----
        t(
            "numeric date",
            DATE,
            r"\b(?P<a>3[01]|[12][0-9]|0?[1-9])(?P<s1>[-/.])(?P<b>3[01]|[12][0-9]|0?[1-9])(?P<s2>[-/.])(?:{YEAR})\b",
            numeric_date,
        ),
        t(
            "day month",
            DATE,
            r"\b{DAY}(?:\s{1,2}(?i:of))?(?:\s{1,2}|-){MONTHEND}",
            not_a_count,
        ),
        t("month day", DATE, r"\b{MONTHSEP}{DAY}\b", month_first_not_count),
        t("month year", DATE, r"\b{MONTH}\.?,?\s{1,2}{YEAR}\b", month_first_not_count),
        t(
            "season year",
            DATE,
            r"(?:\b(?i:the)\s{1,2})?\b{SEASON}\s{1,2}(?:(?i:of)\s{1,2})?{YEAR}\b",
            not_a_count,
        ),
        t(
            "early mid late",
            DATE,
            r"\b(?i:early|mid|late)(?:-|\s{1,2})(?:{MONTHF}(?:,?\s{1,2}{YEAR})?|{YEAR}|(?:(?i:the)\s{1,2})?{DECADE})\b",
            not_a_count,
        ),
        t(
            "part of a period",
            DATE,
            r"\b(?i:the)\s{1,2}(?i:end|beginning|start|middle|turn|first\s{1,2}half|second\s{1,2}half)\s{1,2}(?i:of)\s{1,2}(?:{MONTHF}(?:,?\s{1,2}{YEAR})?|{YEAR}|(?:(?i:the)\s{1,2})?{DECADE})\b",
            not_a_count,
        ),
        t(
            "decade",
            DATE,
            r"(?:\b(?i:the)\s{1,2})?(?:\b(?i:early|mid|late)(?:-|\s{1,2}))?{DECADE}",
            decade,
        ),
        t(
            "century",
            DATE,
            r"(?:\b(?i:the)\s{1,2})?(?:\b(?i:early|mid|late)(?:-|\s{1,2}))?\b(?:1[0-9]|2[01])(?:st|nd|rd|th)[\s-](?i:century)\b",
            plain,
        ),
        t(
            "weekday",
            DATE,
            r"(?:\b(?i:last|next|this|early|late)\s{1,2})?\b{WEEKDAY}(?:\s{1,2}{DAYPART})?\b",
            weekday,
        ),
        // ----- ranges -----
        t(
            "year range",
            DATE,
            r"\b(?P<a>{YEAR})\s{0,2}(?:-|–|—|/)\s{0,2}(?P<b>{YEAR}|[0-9]{1,2})\b",
            year_range,
        ),
        t(
            "between years",
            DATE,
            r"\b(?i:from|between)\s{1,2}(?P<a>{YEAR})\s{1,2}(?i:to|and|until|till|through)\s{1,2}(?P<b>{YEAR})\b",
            year_range,
        ),
        t(
            "day range",
            DATE,
            r"\b{DAY}\s?(?:-|–|—)\s?{DAY}\s{1,2}(?:{MONTH}\.?,?\s{1,2}{YEAR}\b|{MONTHEND})",
            plain,
        ),
        t(
            "between days",
            DATE,
            r"\b(?i:from|between)\s{1,2}{DAY}(?:\s{1,2}{MONTH}\.?)?\s{1,2}(?i:to|and|until|till)\s{1,2}{DAY}\s{1,2}(?:{MONTH}\.?,?\s{1,2}{YEAR}\b|{MONTHEND})",
            plain,
        ),
        t(
            "month day range",
            DATE,
            r"\b{MONTHSEP}{DAY}\s?(?:-|–|—)\s?{DAY}(?:,?\s{1,2}{YEAR})?\b",
            month_first,
        ),
        t(
            "between months",
            DATE,
            r"\b(?i:from|between)\s{1,2}{MONTHF}(?:,?\s{1,2}{YEAR})?\s{1,2}(?i:to|and|until|till|through)\s{1,2}{MONTHF}(?:,?\s{1,2}{YEAR})?\b",
            plain,
        ),
        t(
            "month range",
            DATE,
            r"\b{MONTH}\s?(?:-|–|—|/)\s?{MONTH}\.?,?\s{1,2}{YEAR}\b",
            month_first,
        ),
        t(
            "month to month",
            DATE,
            r"\b{MONTHF}\s?(?:-|–|—)\s?{MONTHF}\b",
            month_first,
        ),
        t(
            "month ordinal word",
            DATE,
            r"\b{MONTHF}\s{1,2}(?:(?i:the)\s{1,2})?{ORDWORD}(?:,?\s{1,2}{YEAR}\b)?",
            month_first,
        ),
        t(
            "ordinal word of month",
            DATE,
            r"\b(?i:the)\s{1,2}{ORDWORD}\s{1,2}(?i:of)\s{1,2}{MONTHF}(?:,?\s{1,2}{YEAR})?\b",
            plain,
        ),
        // ----- cued years and months -----
        t(
            "cued year",
            CUED,
            r"\b(?P<cue>(?i:in|since|by|until|till|during|of|from|before|after|through|throughout|circa|year|fiscal\s{1,2}year))\s{1,2}(?P<m>{YEAR})\b",
            cued_year,
        ),
        t(
            "year before a word",
            CUED,
            // The determiner before the year is checked by `year_before_word`:
            // starting the pattern at the digits keeps this rule fast.
            r"\b(?P<m>{YEAR})\s{1,2}(?P<next>[A-Za-z][A-Za-z-]{0,30})\b",
            year_before_word,
        ),
        t(
            "year before another",
            CUED,
            r"\b(?P<m>(?P<a>(?:19|20)[0-9]{2}))(?:,\s{1,2}|\s{1,2}(?i:and|or|&)\s{1,2}|,\s{1,2}(?i:and|or)\s{1,2})(?P<b>(?:19|20)[0-9]{2})\b",
            year_list,
        ),
        t(
            "year after another",
            CUED,
            r"\b(?P<a>(?:19|20)[0-9]{2})(?:,\s{1,2}|\s{1,2}(?i:and|or|&)\s{1,2}|,\s{1,2}(?i:and|or)\s{1,2})(?P<m>(?P<b>(?:19|20)[0-9]{2}))\b",
            year_list,
        ),
        t(
            "month before an event",
            CUED,
            r"\b(?P<m>{MONTHF})(?:['’]s)?\s{1,2}(?:(?P<adj>[a-z][a-z-]{1,20})\s{1,2})?{EVENT}",
            month_before_event,
        ),
        t(
            "cued month",
            CUED,
            r"\b(?P<cue>(?i:in|since|by|until|till|during|before|after|through|throughout|from|for))\s{1,2}(?P<m>{MONTHF})\b",
            cued_month,
        ),
        t(
            "last month name",
            CUED,
            r"\b(?i:last|next|this|early|late|mid)(?:\s{1,2}|-){MONTHF}\b",
            cued_month,
        ),
        // ----- clock times -----
        t(
            "clock time with zone",
            DATE,
            r"\b(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9](?::[0-5][0-9])?(?:\s?{AMPM}(?:\s?{ZONE})?|\s?{ZONE})",
            plain,
        ),
        t(
            "clock time",
            CLOCK,
            r"\b(?:[01][0-9]|2[0-3]):[0-5][0-9](?::[0-5][0-9])?\b",
            plain,
        ),
        t(
            "cued short clock time",
            CLOCK,
            r"\b(?i:at|by|around|from|until|till|before|after|about|between|and|to)\s{1,2}(?P<m>[0-9]:[0-5][0-9])\b",
            plain,
        ),
        t(
            "hour a.m.",
            DATE,
            r"\b(?:1[0-2]|0?[1-9])\s?{AMPM}(?:\s?{ZONE})?",
            plain,
        ),
        t(
            "military time",
            DATE,
            r"\b(?:[01][0-9]|2[0-3])[0-5][0-9]\s?(?:(?i:hours|hrs|hr)\b|h\b|{ZONE})",
            plain,
        ),
        t(
            "clock range",
            DATE,
            r"\b(?:[01]?[0-9]|2[0-3]):[0-5][0-9]\s?(?:-|–|—|to\b)\s?(?:[01]?[0-9]|2[0-3]):[0-5][0-9](?:\s?{AMPM})?(?:\s?{ZONE})?",
            plain,
        ),
        t(
            "o'clock",
            DATE,
            r"\b(?:{NUMWORD}|1[0-2]|0?[1-9])\s?o['’]clock\b",
            plain,
        ),
        t("noon", CLOCK, r"\b(?i:noon|midnight|midday)\b", plain),
        // ----- relative expressions -----
        t(
            "deictic day",
            CUED,
            r"\b(?i:yesterday|today|tonight|tomorrow|the\s{1,2}day\s{1,2}before\s{1,2}yesterday|the\s{1,2}day\s{1,2}after\s{1,2}tomorrow)(?:\s{1,2}{DAYPART})?\b",
            deictic,
        ),
        t(
            "ago",
            CUED,
            r"(?:\b(?:{COUNT}|(?i:a|an))\s{1,2})?\b{TUNIT}\s{1,2}(?i:ago|earlier|later)\b",
            plain,
        ),
        t(
            "last next",
            VAGUE,
            r"(?:\b(?i:the)\s{1,2})?\b(?i:last|past|previous|preceding|next|coming|following|upcoming)\s{1,2}(?:{COUNT}\s{1,2}|(?i:few|couple\s{1,2}of)\s{1,2})?{TUNITREL}(?:\s{1,2}(?i:and|or)\s{1,2}{TUNITREL})?",
            last_not_a_verb,
        ),
        t(
            "the same day",
            VAGUE,
            r"\b(?i:the\s{1,2}same)\s{1,2}(?i:day|night|week|month|year|morning|afternoon|evening)\b",
            plain,
        ),
        t(
            "this",
            VAGUE,
            r"\b(?i:this)\s{1,2}(?i:week|month|year|weekend|morning|afternoon|evening|quarter|decade|century)\b|\b(?i:this)\s{1,2}{SEASON}",
            plain,
        ),
        t(
            "earlier this",
            VAGUE,
            r"\b(?i:earlier|later|early|late)\s{1,2}(?i:this|last|next)\s{1,2}(?:(?i:week|month|year|weekend|morning|afternoon|evening|night|quarter|decade)\b|{SEASON})",
            plain,
        ),
        t(
            "earlier today",
            VAGUE,
            r"\b(?i:earlier|later)\s{1,2}(?i:today|tonight|in\s{1,2}the\s{1,2}(?:day|week|month|year))\b",
            plain,
        ),
        t(
            "in recent weeks",
            VAGUE,
            r"\b(?i:in|over|during|throughout)\s{1,2}(?P<m>(?i:recent)\s{1,2}(?i:days|weeks|months|years|decades))\b",
            plain,
        ),
        t(
            "over the summer",
            VAGUE,
            // The cue before ("in", "over", "during"...) is checked by
            // `cued_season`; starting the pattern at "the" keeps it fast.
            r"\b(?P<m>(?i:the)\s{1,2}(?:{SEASON}|(?i:weekend|morning|afternoon|evening|night)\b))",
            cued_season,
        ),
        t(
            "the end of the year",
            VAGUE,
            r"\b(?i:the\s{1,2}(?:end|beginning|start|middle|turn)\s{1,2}of\s{1,2}the\s{1,2}(?:day|week|month|year|decade|century))\b",
            plain,
        ),
        t(
            "early hours",
            VAGUE,
            r"(?:\b(?i:the)\s{1,2})?\b(?i:early|small|wee)\s{1,2}(?i:hours)\s{1,2}(?i:of)\s{1,2}(?:{WEEKDAY}|{HOLIDAY}|(?i:the\s{1,2}morning))\b",
            plain,
        ),
        // ----- named days and eras -----
        t(
            "holiday",
            CUED,
            r"(?:\b(?i:this|last|next)\s{1,2})?\b{HOLIDAY}",
            holiday,
        ),
        t(
            "time zone name",
            CUED,
            r"\b(?:Greenwich\s{1,2}Mean\s{1,2}Time|Coordinated\s{1,2}Universal\s{1,2}Time|Zulu\s{1,2}[Tt]ime)\b",
            plain,
        ),
        t(
            "era year",
            DATE,
            r"\b[0-9]{1,4}\s?(?:B\.C\.(?:E\.)?|A\.D\.|B\.C\b|A\.D\b|BCE\b|BC\b|AD\b)|\bAD\s[0-9]{1,4}\b",
            plain,
        ),
        t(
            "named event year",
            CUED,
            r"\b(?:Summit|Conference|Congress|Forum|Games|Olympics|Cup|Exercise|Expo|Championships?|Elections?|Agenda|Vision)\s{1,2}(?P<m>{YEAR})\b",
            not_a_count,
        ),
        // ----- durations -----
        t(
            "duration",
            CLOCK,
            r"\b{COUNT}(?:{RANGE}{COUNT})?\s{1,2}{TUNIT}",
            not_an_age,
        ),
        t(
            "adjectival duration",
            CLOCK,
            r"\b(?:[0-9]{1,3}|{NUMWORD})-(?i:second|minute|hour|day|week|month|year|decade)(?:-(?i:long))?\b",
            not_an_age,
        ),
    ]);
}

/// Month names that are also common names. "May" is a surname ("Theresa May
/// 2017"); "June" and "April" are given names, which come before a surname, not
/// before a day or year, so they need no guard.
const NAME_MONTHS: &[&str] = &["May", "MAY"];

/// Words that may stand capitalised before a month name without making it a
/// surname ("In May 2014", "By June 5").
const MONTH_LEADS: &[&str] = &[
    "in",
    "since",
    "by",
    "until",
    "till",
    "from",
    "during",
    "before",
    "after",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "on",
    "of",
    "the",
    "between",
    "and",
    "to",
    "through",
    "throughout",
    "or",
    "around",
    "as",
    "that",
    "when",
    "for",
    "every",
];

/// Rejects a match that starts with a month which is also a given name when the
/// word before is capitalised and not a preposition ("Theresa May 2017").
fn month_first(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let head = text.get(start..end)?;
    if NAME_MONTHS.iter().any(|m| {
        head.strip_prefix(m)
            .is_some_and(|rest| !rest.starts_with(char::is_alphabetic))
    }) {
        let before = word_before(text, start);
        if before.starts_with(char::is_uppercase) && !is_one_of(before, MONTH_LEADS) {
            return None;
        }
    }
    Some((start, end))
}

/// A holiday, unless it is part of a name ("Christmas Island", "Tariq Ramadan").
fn holiday(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    if is_one_of(
        word_after(text, end),
        &["island", "islands", "tree", "card", "cards"],
    ) {
        return None;
    }
    let before = word_before(text, start);
    if before.starts_with(char::is_uppercase) && !is_one_of(before, MONTH_LEADS) {
        return None;
    }
    Some((start, end))
}

/// "scheduled to last 45 minutes": "last" before a count without "the" is the verb.
fn last_not_a_verb(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let s = text.get(start..end)?;
    if let Some(rest) = s
        .get(..5)
        .filter(|w| w.eq_ignore_ascii_case("last "))
        .and(s.get(5..))
    {
        let next = rest.trim_start();
        let counted = next.starts_with(|c: char| c.is_ascii_digit())
            || ["a ", "several ", "few ", "couple "].iter().any(|w| {
                next.get(..w.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(w))
            })
            || NUMBER_WORDS.iter().any(|w| {
                next.get(..w.len())
                    .is_some_and(|n| n.eq_ignore_ascii_case(w))
                    && !next
                        .get(w.len()..)
                        .is_some_and(|r| r.starts_with(char::is_alphabetic))
            });
        if counted {
            return None;
        }
    }
    Some((start, end))
}

const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "fifteen", "twenty", "thirty", "forty", "fifty", "sixty",
];

/// Cues that make "the summer", "the weekend", "the morning" a time.
const SEASON_CUES: &[&str] = &[
    "in",
    "over",
    "during",
    "throughout",
    "since",
    "by",
    "until",
    "through",
];

/// "over the summer", "in the morning": only after a cue. "since the fall of
/// Saddam" is not a season ("the summer of 2014" is matched whole by another
/// rule), nor "the fall in prices".
fn cued_season(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    if !is_one_of(word_before(text, start), SEASON_CUES) {
        return None;
    }
    let next = word_after(text, end);
    if next.eq_ignore_ascii_case("of") {
        return None;
    }
    // "hit by the fall in oil prices": "fall" is also a decline.
    let is_fall = text.get(start..end)?.to_ascii_lowercase().ends_with("fall");
    if is_fall && is_one_of(next, &["in", "from", "to", "on", "at", "by", "and"]) {
        return None;
    }
    Some((start, end))
}

/// "Today" capitalised inside a sentence is a name ("USA Today", "Terror Free
/// Tomorrow"); at the start of a sentence it is the day.
fn deictic(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let capitalised = text.get(start..end)?.starts_with(char::is_uppercase);
    let prev = text.get(..start)?.trim_end().chars().next_back();
    let sentence_start = prev.is_none_or(|c| {
        matches!(
            c,
            '.' | '!'
                | '?'
                | ':'
                | ';'
                | '"'
                | '“'
                | '”'
                | '\''
                | '‘'
                | '’'
                | '('
                | '['
                | '-'
                | '–'
                | '—'
                | '•'
        )
    });
    (!capitalised || sentence_start).then_some((start, end))
}

/// Words a year may precede as a modifier though they end in "s".
const PLURAL_EVENTS: &[&str] = &[
    "elections",
    "talks",
    "games",
    "olympics",
    "protests",
    "clashes",
    "attacks",
    "bombings",
    "hopefuls",
    "polls",
    "floods",
    "riots",
    "negotiations",
    "accords",
    "sanctions",
    "killings",
    "uprisings",
    "championships",
    "accounts",
    "results",
    "figures",
    "statistics",
    "levels",
    "prices",
    "rates",
    "finals",
    "midterms",
    "series",
    "crisis",
];

/// Determiners that make the year after them a modifier ("the 2014 elections").
const YEAR_DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "our", "whose",
];

/// A year after a determiner and before a word: "the 2014 elections", "the
/// 2003 terrorist bombing", "Indonesia's 2001 ban", "the 2016 UK-France Summit".
/// An event noun is enough for any year; otherwise the year must be 1900-2099,
/// and the word must not make the number a count: no count noun, no plural
/// other than a few events ("the 2000 pilgrims"), and "and"/"or" are left to
/// the year-list rules.
fn year_before_word(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let head = text.get(..start)?.trim_end_matches([' ', '\u{a0}']);
    let possessive = head.ends_with("'s") || head.ends_with("’s");
    if !possessive && !is_one_of(word_before(text, start), YEAR_DETERMINERS) {
        return None;
    }
    let next = group(caps, "next");
    if is_one_of(next, EVENT_NOUNS) {
        return Some((start, end));
    }
    let year: u32 = text.get(start..end)?.parse().ok()?;
    if year < 1900
        || is_one_of(next, COUNT_NOUNS)
        || is_one_of(
            next,
            &["and", "or", "to", "than", "was", "is", "were", "are"],
        )
        || (next.ends_with('s') && !is_one_of(next, PLURAL_EVENTS))
    {
        return None;
    }
    Some((start, end))
}

/// Nouns of events after which any year (1600-2099) is a date.
const EVENT_NOUNS: &[&str] = &[
    "election",
    "elections",
    "war",
    "invasion",
    "uprising",
    "uprisings",
    "revolution",
    "crisis",
    "conflict",
    "campaign",
    "offensive",
    "budget",
    "report",
    "deal",
    "agreement",
    "accord",
    "law",
    "attack",
    "attacks",
    "summit",
    "census",
    "survey",
    "protest",
    "protests",
    "coup",
    "ceasefire",
    "truce",
    "treaty",
    "referendum",
    "constitution",
    "olympics",
    "edition",
    "study",
    "review",
    "assessment",
    "strategy",
    "plan",
    "talks",
    "vote",
    "season",
    "flood",
    "floods",
    "earthquake",
    "famine",
    "operation",
    "intervention",
    "bombing",
    "bombings",
    "clashes",
    "fighting",
    "massacre",
];

/// "2006 and 2007", "1998, 1999": two years close together, not a count.
fn year_list(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let a: u32 = group(caps, "a").parse().ok()?;
    let b: u32 = group(caps, "b").parse().ok()?;
    if a == b || a.abs_diff(b) > 30 {
        return None;
    }
    let b_end = caps.name("b")?.end();
    if is_one_of(word_after(text, b_end), COUNT_NOUNS) {
        return None;
    }
    span(caps)
}

/// "the June vote", "a January peace deal", "September's elections". "May"
/// needs a determiner before it and the event right after it ("the May
/// elections"), since "May said elections..." is the person.
fn month_before_event(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let month = text.get(start..end)?;
    if is_one_of(month, NAME_MONTHS) {
        let before = word_before(text, start);
        let determined = is_one_of(
            before,
            &["the", "a", "an", "this", "last", "next", "its", "their"],
        );
        if !determined || caps.name("adj").is_some() {
            return None;
        }
    }
    if caps.name("adj").is_some_and(|a| {
        is_one_of(
            a.as_str(),
            &["and", "or", "to", "of", "said", "says", "was", "is"],
        )
    }) {
        return None;
    }
    Some((start, end))
}

/// [`month_first`] and [`not_a_count`].
fn month_first_not_count(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    month_first(text, caps).and_then(|_| not_a_count(text, caps))
}

/// Rejects a number followed by a count noun: "May 3 soldiers", "in 2014 people".
fn not_a_count(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    (!is_one_of(word_after(text, end), COUNT_NOUNS)).then_some((start, end))
}

/// Both separators of a numeric date must be the same ("2014-08-24", not "2014-08.24").
fn same_separators(_text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    (group(caps, "s1") == group(caps, "s2"))
        .then(|| span(caps))
        .flatten()
}

/// "24/08/2014" or "08/24/2014": same separators and one of the two numbers
/// must be a month.
fn numeric_date(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (a, b) = (
        group(caps, "a").parse::<u32>().ok()?,
        group(caps, "b").parse::<u32>().ok()?,
    );
    if a > 12 && b > 12 {
        return None;
    }
    same_separators(text, caps)
}

/// "the '90s" needs its article; "the 1990s" and "1990s" do not.
fn decade(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let s = text.get(start..end)?;
    if s.contains(['\'', '’']) && !s.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("the")) {
        return None;
    }
    Some((start, end))
}

/// Newspapers and other names that start with a weekday.
const WEEKDAY_NAMES: &[&str] = &[
    "times",
    "telegraph",
    "express",
    "mirror",
    "herald",
    "post",
    "mail",
    "star",
    "tribune",
    "independent",
    "observer",
    "people",
    "sport",
    "school",
    "league",
];

fn weekday(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let next = word_after(text, end);
    // "the Sunday Times" is a newspaper; only a capitalised next word counts.
    if next.starts_with(char::is_uppercase) && is_one_of(next, WEEKDAY_NAMES) {
        return None;
    }
    Some((start, end))
}

/// "2014-2015", "2014/15", "between 2014 and 2016": the second year must come
/// after the first, within a century; "2014-08" is a month, not a range.
fn year_range(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let a: u32 = group(caps, "a").parse().ok()?;
    let b_text = group(caps, "b");
    let b: u32 = b_text.parse().ok()?;
    let b = match b_text.len() {
        1 => a / 10 * 10 + b,
        2 => a / 100 * 100 + b,
        _ => b,
    };
    if b <= a || b - a > 100 {
        return None;
    }
    not_a_count(text, caps)
}

/// Words before "of" that make the number after it a count ("a total of 2000").
const COUNT_LEADS: &[&str] = &[
    "total",
    "number",
    "sum",
    "estimated",
    "estimate",
    "some",
    "about",
    "around",
    "approximately",
    "nearly",
    "almost",
    "over",
    "under",
    "least",
    "than",
    "up",
    "maximum",
    "minimum",
    "average",
    "figure",
    "toll",
    "count",
    "tally",
    "force",
    "group",
    "crowd",
    "population",
    "budget",
    "cost",
    "price",
    "value",
    "height",
    "altitude",
    "range",
    "depth",
    "distance",
    "speed",
    "capacity",
    "strength",
    "out",
];

/// A year after a cue word. Rejected when a count noun follows ("in 2014
/// people"), when the "year" starts a range of numbers that are not years
/// ("from 2000 to 3000"), and when "of" follows a quantity word ("a total of
/// 2000").
fn cued_year(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = not_a_count(text, caps)?;
    let rest = text.get(end..).unwrap_or("").trim_start();
    let connected = ["to ", "and ", "-", "–", "or "].iter().any(|c| {
        rest.get(..c.len())
            .is_some_and(|r| r.eq_ignore_ascii_case(c))
    });
    let next_number: String = rest
        .trim_start_matches(|c: char| c.is_alphabetic() || matches!(c, '-' | '–' | ' '))
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ',')
        .collect();
    let next_is_year = next_number.len() == 4
        && next_number
            .parse::<u32>()
            .is_ok_and(|y| (1600..2100).contains(&y));
    if connected && !next_number.is_empty() && !next_is_year {
        return None;
    }
    let cue = caps.name("cue")?;
    if cue.as_str().eq_ignore_ascii_case("of")
        && is_one_of(word_before(text, cue.start()), COUNT_LEADS)
    {
        return None;
    }
    Some((start, end))
}

/// A bare full month name after a cue ("in May", "since August"). A name-month
/// needs a time cue and no possessive ("in May's speech" is about a person).
fn cued_month(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let rest = text.get(end..).unwrap_or("");
    if rest.starts_with("'s") || rest.starts_with("’s") {
        return None;
    }
    let month = text.get(start..end)?;
    let cue = group(caps, "cue");
    // "by May", "from May", "after May" are as often about the person.
    if is_one_of(month, NAME_MONTHS) && is_one_of(cue, &["by", "from", "after", "before", "for"]) {
        return None;
    }
    Some((start, end))
}

/// Ages are not durations: "10 years old", "a 10-year-old", "five years of age".
/// Nor is "two second-place finishes", where "second" is the ordinal.
fn not_an_age(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let s = text.get(start..end)?.to_ascii_lowercase();
    if s.ends_with(" second")
        && !(s.starts_with("one ") || s.starts_with("a ") || s.starts_with("1 "))
    {
        return None;
    }
    let rest = text.get(end..).unwrap_or("");
    let rest = rest.strip_prefix('-').unwrap_or(rest);
    let next = word_after(rest, 0);
    if next.eq_ignore_ascii_case("old") {
        return None;
    }
    if next.eq_ignore_ascii_case("of") {
        let after_of = rest.trim_start().get(2..).unwrap_or("");
        if word_after(after_of, 0).eq_ignore_ascii_case("age") {
            return None;
        }
    }
    Some((start, end))
}

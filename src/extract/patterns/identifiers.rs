//! Url, CommsIdentifier and DocumentReference rules.
//!
//! Scores:
//! - Url 0.95 with a scheme or "www."; 0.85 for a bare domain ("bbc.co.uk").
//! - CommsIdentifier 0.95 for e-mail addresses; 0.9 for device numbers after
//!   their name ("IMEI 356938035643809"); 0.85 for @handles and international
//!   phone numbers ("+44 20 7946 0958"); 0.8 for phone numbers after a cue
//!   ("tel. 020 7946 0958"); 0.75 for call signs after "call sign".
//! - DocumentReference 0.95 for ISBNs; 0.9 for UN resolutions and document
//!   symbols ("Resolution 2174", "S/2014/567") and DOIs after "doi:"; 0.85 for
//!   numbered documents ("Law No. 10 of 2014") and bare DOIs; 0.8 for parts of a
//!   text with a capitalised keyword ("Article 51", "Chapter VII"); 0.75 for
//!   "paragraph 4".

use regex::Captures;

use super::{digit_count, group, is_one_of, plain, span, Kind, Spec};

const URL: f32 = 0.95;
const DOMAIN: f32 = 0.85;
const EMAIL: f32 = 0.95;
const DEVICE: f32 = 0.9;
const HANDLE: f32 = 0.85;
const PHONE_INTL: f32 = 0.85;
const PHONE_CUED: f32 = 0.8;
const CALL_SIGN: f32 = 0.75;
const ISBN: f32 = 0.95;
const UN_DOC: f32 = 0.9;
const NUMBERED: f32 = 0.85;
const PART: f32 = 0.8;
const PARAGRAPH: f32 = 0.75;

pub(super) fn specs(out: &mut Vec<Spec>) {
    let url =
        |name, score, template: &str, check| Spec::new(name, Kind::Url, score, template, check);
    let comms =
        |name, score, template: &str, check| Spec::new(name, Kind::Comms, score, template, check);
    let doc =
        |name, score, template: &str, check| Spec::new(name, Kind::DocRef, score, template, check);
    out.extend([
        // ----- web addresses -----
        url(
            "url with scheme",
            URL,
            r"\b(?i:https?|ftp)://{URLTAIL}+",
            url_with_scheme,
        ),
        url(
            "www address",
            URL,
            r"\b(?i:www[0-9]{0,3})\.{LABEL}(?:\.{LABEL}){1,6}\b(?:[:/?#]{URLTAIL}*)?",
            trimmed_url,
        ),
        url(
            "bare domain",
            DOMAIN,
            r"\b{LABEL}(?:\.{LABEL}){0,4}\.{TLD}\b(?:[/?#]{URLTAIL}*)?",
            bare_domain,
        ),
        // ----- communications identifiers -----
        comms(
            "email",
            EMAIL,
            r"\b[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@{LABEL}(?:\.{LABEL}){0,6}\.[A-Za-z]{2,24}\b",
            email,
        ),
        comms("handle", HANDLE, r"@[A-Za-z0-9_]{2,30}", handle),
        comms(
            "international phone",
            PHONE_INTL,
            r"\+[1-9][0-9 ().\-]{6,24}[0-9]",
            international_phone,
        ),
        comms(
            "cued phone",
            PHONE_CUED,
            r"\b(?i:tel|telephone|phone|phone\s{1,2}number|call|calling|fax|mobile|mob|cell|cellphone|hotline|whatsapp|dial|sms)\b\.?(?:\s{0,2}(?:(?i:no|number|nr)\.?|#))?\s{0,2}[:.]?\s{0,2}(?:(?i:on|at)\s{1,2})?(?P<m>\+?\(?[0-9][0-9 ().\-]{5,20}[0-9])",
            cued_phone,
        ),
        comms(
            "north american phone",
            PHONE_CUED,
            r"(?:\b1[-. ])?(?:\([0-9]{3}\)\s?|\b[0-9]{3}(?P<s1>[-.]))[0-9]{3}(?P<s2>[-.])[0-9]{4}\b",
            north_american_phone,
        ),
        comms(
            "device number",
            DEVICE,
            r"\b(?P<k>(?i:IMEI|IMSI|MSISDN|ICCID|MMSI))s?\b(?:\s{0,2}(?:(?i:number|no|nr|code)\b\.?|#))?\s{0,2}[:#]?\s{0,2}(?P<m>[0-9](?:[ -]?[0-9]){6,21})\b",
            device_number,
        ),
        comms(
            "call sign",
            CALL_SIGN,
            r#"\b(?i:call[- ]?signs?)\b(?:\s{1,2}(?i:of|was|is)\b)?\s{0,2}:?\s{0,2}["“'‘]?(?P<m>[A-Z][A-Z0-9]{1,9}(?:[ -][0-9]{1,4})?\b|[A-Z][a-z]{2,10}[ -][0-9]{1,4}\b)"#,
            plain,
        ),
        // ----- document references -----
        doc(
            "un resolution",
            UN_DOC,
            r"\b(?:(?:UN|U\.N\.|United\s{1,2}Nations)\s{1,2})?(?:(?:Security\s{1,2}Council|UNSC|General\s{1,2}Assembly|Human\s{1,2}Rights\s{1,2}Council)\s{1,2})?(?:[Rr]esolutions?|RESOLUTIONS?)\s{1,2}(?:(?:No\.?|Number|number|no\.)\s{0,2})?{RESNUM}{YEARPAREN}?(?:(?:,\s{0,2}|\s{1,2}and\s{1,2}|,\s{0,2}and\s{1,2}){RESNUM}{YEARPAREN}?){0,8}",
            not_a_screen,
        ),
        doc(
            "unscr",
            UN_DOC,
            r"\bUNSCRs?\s?{RESNUM}{YEARPAREN}?",
            plain,
        ),
        doc(
            "un document symbol",
            UN_DOC,
            r"\b(?:A|S|E|T|ST|DP|TD|UNEP|CRC|CCPR|CERD|CEDAW|CAT|CRPD|HRI)/(?:[A-Z]{1,6}(?:\.[0-9]{1,3})?/){0,3}(?:[0-9]{1,4}|[A-Z]{1,6}(?:\.[0-9]{1,3})?)(?:/(?:Add\.[0-9]{1,2}|Rev\.[0-9]{1,2}|Corr\.[0-9]{1,2}|[0-9]{1,4}|[A-Z]{1,6}(?:\.[0-9]{1,4})?)){1,5}\b{YEARPAREN}?",
            has_digit,
        ),
        doc(
            "executive order",
            UN_DOC,
            r"\b(?:Executive\s{1,2}Order|EO|E\.O\.)\s{1,2}(?:No\.\s{0,2})?[0-9]{4,6}\b",
            plain,
        ),
        doc(
            "numbered document",
            NUMBERED,
            r"\b(?:Document|DOCUMENT|Doc\.|Report|REPORT|Memorandum|Memo|Directive|Decree|DECREE|Order|Law|LAW|Act|Decision|Circular|Regulation|Ordinance|Resolution|Communiqu[eé]|Note|Letter|Bulletin|Instruction|Notice|File|Case)\s{1,2}(?:No\.|No|NO\.|Nr\.|Number|#)\s{0,2}[0-9]{1,6}\b(?:[/.-][0-9A-Za-z]{1,6}\b){0,3}(?:\s{1,2}of\s{1,2}{YEAR}\b)?",
            plain,
        ),
        doc(
            "part of a text",
            PART,
            r"\b(?P<kw>Articles?|ARTICLES?|Art\.|Annex(?:es)?|ANNEX|Appendix|Appendices|APPENDIX|Chapters?|CHAPTER|Sections?|SECTION|Protocols?|PROTOCOL|Clauses?|Paragraphs?|Para\.|Schedule)\s{1,2}(?P<refs>{REF}(?:(?:,\s{0,2}|\s{1,2}(?:and|to)\s{1,2}|\s?[-–]\s?){REFCONT}){0,4})",
            part_of_text,
        ),
        doc(
            "paragraph",
            PARAGRAPH,
            r"\b(?:(?i:operative|preambular)\s{1,2})?(?:paragraphs?|paras?\.)\s{1,2}{PREF}(?:(?:,\s{0,2}|\s{1,2}(?:and|to)\s{1,2}|\s?[-–]\s?){PREF}){0,4}",
            plain,
        ),
        doc(
            "isbn",
            ISBN,
            r"\bISBN(?:-1[03])?:?\s{0,2}(?:[0-9][-\s]?){9,12}[0-9Xx]\b",
            isbn,
        ),
        doc(
            "doi",
            UN_DOC,
            r"\b(?i:doi)\s?:\s?10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]{1,300}",
            trimmed_url,
        ),
        doc(
            "bare doi",
            NUMBERED,
            r"\b10\.[0-9]{4,9}/[-._;()/:A-Za-z0-9]{1,300}",
            trimmed_url,
        ),
    ]);
}

/// Drops trailing punctuation that ends the sentence rather than the address,
/// and closing brackets that have no opening partner inside it
/// ("(see https://en.wikipedia.org/wiki/Sirte_(city))." keeps one ")").
fn trim_url_end(text: &str, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut s = text.get(start..end)?;
    while let Some(last) = s.chars().next_back() {
        let unbalanced = |open: char, close: char| {
            s.chars().filter(|&c| c == open).count() < s.chars().filter(|&c| c == close).count()
        };
        let drop = match last {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '-' => true,
            ')' => unbalanced('(', ')'),
            ']' => unbalanced('[', ']'),
            '}' => unbalanced('{', '}'),
            _ => false,
        };
        if !drop {
            break;
        }
        s = &s[..s.len() - last.len_utf8()];
    }
    (!s.is_empty()).then_some((start, start + s.len()))
}

fn trimmed_url(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    trim_url_end(text, start, end)
}

/// A scheme needs a host: "http://" alone, or followed by punctuation, is not a URL.
fn url_with_scheme(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = trimmed_url(text, caps)?;
    let s = text.get(start..end)?;
    let host = s.split_once("://").map_or("", |(_, rest)| rest);
    host.starts_with(|c: char| c.is_alphanumeric() || c == '[')
        .then_some((start, end))
}

/// A bare domain must not be the domain of an e-mail address or the tail of a
/// longer host, needs a letter outside its top-level domain ("1.2.de" is a
/// version number), and more than an initial before it.
fn bare_domain(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = trimmed_url(text, caps)?;
    let before = text.get(..start).and_then(|h| h.chars().next_back());
    if before.is_some_and(|c| matches!(c, '@' | '.' | '-' | '_')) {
        return None;
    }
    let s = text.get(start..end)?;
    let host = s.split(['/', '?', '#']).next().unwrap_or("");
    let name = host.rsplit_once('.').map_or("", |(name, _)| name);
    // "A.de Silva": an initial glued to a name particle, not a domain.
    if name.len() == 1 && name.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    name.contains(|c: char| c.is_ascii_alphabetic())
        .then_some((start, end))
}

/// The local part must start the token: "x.john@example.org" is matched whole.
fn email(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let before = text.get(..start).and_then(|h| h.chars().next_back());
    if before.is_some_and(|c| matches!(c, '.' | '_' | '%' | '+' | '-')) {
        return None;
    }
    Some((start, end))
}

/// "@UN", "@bbc_news": not inside an e-mail address ("john@example"), not the
/// start of one ("@example.org"), and with at least one letter ("@10" is "at 10").
fn handle(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let before = text.get(..start).and_then(|h| h.chars().next_back());
    if before
        .is_some_and(|c| super::is_word_char(c) || matches!(c, '.' | '_' | '%' | '+' | '-' | '@'))
    {
        return None;
    }
    let mut after = text.get(end..).unwrap_or("").chars();
    match (after.next(), after.next()) {
        (Some('@' | '_'), _) => return None,
        (Some('.'), Some(c)) if c.is_ascii_alphanumeric() => return None,
        _ => {}
    }
    text.get(start..end)?
        .contains(|c: char| c.is_ascii_alphabetic())
        .then_some((start, end))
}

/// Separators in a phone number are single (or a space next to a bracket),
/// brackets are balanced, and there are `min..=max` digits.
fn phone_shape(s: &str, min: usize, max: usize) -> bool {
    let digits = digit_count(s);
    if digits < min || digits > max {
        return false;
    }
    let mut depth = 0i32;
    let mut prev_sep = false;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if !(0..=1).contains(&depth) {
            return false;
        }
        let sep = matches!(c, ' ' | '.' | '-');
        if sep && prev_sep {
            return false;
        }
        prev_sep = sep;
    }
    depth == 0
}

/// "+44 20 7946 0958", "+1 (202) 555-0143": 8 to 15 digits (E.164), and the
/// plus sign is not glued to a word or number ("5+44").
fn international_phone(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let before = text.get(..start).and_then(|h| h.chars().next_back());
    if before.is_some_and(|c| super::is_word_char(c) || matches!(c, '+' | '.' | ',')) {
        return None;
    }
    phone_shape(text.get(start..end)?, 8, 15).then_some((start, end))
}

/// A number after "tel", "phone", "call"...: 7 to 15 digits, and not a list of
/// years ("call 2014 2015").
fn cued_phone(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let s = text.get(start..end)?;
    if !phone_shape(s, 7, 15) {
        return None;
    }
    let all_years = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .all(|g| g.len() == 4 && (g.starts_with("19") || g.starts_with("20")));
    (!all_years).then_some((start, end))
}

/// "910-432-3383", "(202) 555-0143": the two separators agree.
fn north_american_phone(_text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    match caps.name("s1") {
        Some(s1) if s1.as_str() != group(caps, "s2") => None,
        _ => span(caps),
    }
}

/// The number of digits each device identifier has.
fn device_number(_text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let n = digit_count(caps.name("m")?.as_str());
    let kind = group(caps, "k").to_ascii_uppercase();
    let ok = match kind.as_str() {
        "IMEI" => (14..=16).contains(&n),
        "IMSI" => (14..=15).contains(&n),
        "MSISDN" => (7..=15).contains(&n),
        "ICCID" => (18..=20).contains(&n),
        "MMSI" => n == 9,
        _ => false,
    };
    ok.then_some((start, end))
}

/// "screen resolution 1920 x 1080" is not a UN resolution.
fn not_a_screen(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let rest = text.get(end..).unwrap_or("").trim_start();
    if rest.starts_with(['x', 'X', '×']) {
        return None;
    }
    Some((start, end))
}

fn has_digit(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    (digit_count(text.get(start..end)?) > 0).then_some((start, end))
}

/// The value of a canonical Roman numeral up to 399 ("VII" = 7); `None` for
/// malformed ones ("IIII", "VX", "IC").
fn roman(s: &str) -> Option<u32> {
    let value = |c: char| match c {
        'I' => Some(1i64),
        'V' => Some(5),
        'X' => Some(10),
        'L' => Some(50),
        'C' => Some(100),
        _ => None,
    };
    let values: Vec<i64> = s.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0i64;
    for (i, &v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|&next| next > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let total = u32::try_from(total).ok()?;
    // Only the canonical spelling counts, which rejects "IIII", "VX" and "IC".
    (total > 0 && to_roman(total) == s).then_some(total)
}

fn to_roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (v, s) in TABLE {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

/// "Article 51", "Chapter VII", "Annex II", "Annex A": a Roman numeral must be
/// well formed; a single letter is a label only for annexes and appendices.
fn part_of_text(_text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let kw = group(caps, "kw");
    let lettered = kw.starts_with("Annex")
        || kw.starts_with("ANNEX")
        || kw.starts_with("Append")
        || kw.starts_with("APPEND");
    let refs = group(caps, "refs");
    let ok = refs
        .split(|c: char| c == ',' || c.is_whitespace() || c == '-' || c == '–')
        .filter(|t| !t.is_empty() && !is_one_of(t, &["and", "to"]))
        .all(|t| {
            t.starts_with(|c: char| c.is_ascii_digit())
                || roman(t).is_some()
                || (lettered && t.len() == 1 && t.starts_with(|c: char| c.is_ascii_uppercase()))
        });
    ok.then(|| span(caps)).flatten()
}

/// An ISBN has 10 or 13 digits (the last of an ISBN-10 may be X).
fn isbn(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let s = text.get(start..end)?;
    let body = s.get(4..).unwrap_or("");
    let n = body
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == 'X' || *c == 'x')
        .count();
    let n = if s.contains("ISBN-1") {
        n.saturating_sub(2)
    } else {
        n
    };
    (n == 10 || n == 13).then_some((start, end))
}

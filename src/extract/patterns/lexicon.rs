//! Regex fragments shared by the rule tables, and the `{NAME}` template
//! expansion that splices them in.
//!
//! Conventions for every template:
//! - `\b` is rewritten to the ASCII word boundary `(?-u:\b)`: the lazy DFA cannot
//!   handle Unicode word boundaries on non-ASCII text and would fall back to a
//!   much slower engine. The engine re-checks both edges of every span with the
//!   crate's Unicode notion of a word character, so nothing is lost.
//! - Digits are written `[0-9]`, never `\d`, which would also match Arabic-Indic
//!   and other digits that Rust's number parsing does not accept.
//! - Every repetition is bounded (`{1,3}`, not `+`), so a rejected match can be
//!   retried from its next character without quadratic blow-up on long runs.
//!   The one exception is the tail of a URL after its host: it can only follow
//!   a scheme, "www." or a top-level domain, so a retry cannot start inside the
//!   same run, and a bound of thousands would make the regex slow to build.
//! - Patterns are case-sensitive; words that may be capitalised anywhere use
//!   `(?i:...)`. Month and weekday names are matched in Title or UPPER case only,
//!   so "may" and "march" (verbs) never start a date.

/// Months: full name and abbreviations (without the period).
pub(crate) const MONTHS: [(&str, &[&str]); 12] = [
    ("January", &["Jan"]),
    ("February", &["Feb"]),
    ("March", &["Mar"]),
    ("April", &["Apr"]),
    ("May", &[]),
    ("June", &["Jun"]),
    ("July", &["Jul"]),
    ("August", &["Aug"]),
    ("September", &["Sept", "Sep"]),
    ("October", &["Oct"]),
    ("November", &["Nov"]),
    ("December", &["Dec"]),
];

/// Weekday names, which the name heuristic also knows are never names.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// `(?:A|B|...)` of the words in Title case and in UPPER case, longest first so
/// the alternation reads naturally (the regex finds the right one either way).
fn title_or_upper<'a>(words: impl Iterator<Item = &'a str>) -> String {
    let mut all: Vec<String> = Vec::new();
    for w in words {
        all.push(w.to_string());
        all.push(w.to_uppercase());
    }
    all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    all.dedup();
    format!("(?:{})", all.join("|"))
}

/// `(?:a\b|b\b|...)`: each alternative followed by a word boundary when it
/// ends in an ASCII letter or digit, so a longer unit is not cut short ("m" in
/// "miles") and a unit ending in "²" still matches (an ASCII `\b` after "²" would
/// demand a word character next).
pub(super) fn bounded(words: &[&str]) -> String {
    let alts: Vec<String> = words
        .iter()
        .map(|w| {
            if w.ends_with(|c: char| c.is_ascii_alphanumeric()) {
                format!(r"{w}\b")
            } else {
                (*w).to_string()
            }
        })
        .collect();
    format!("(?:{})", alts.join("|"))
}

/// The fragment table: `{NAME}` in a template becomes the value. Values may use
/// other fragments; [`expand`] resolves them.
fn fragments() -> Vec<(&'static str, String)> {
    let month_all = title_or_upper(
        MONTHS
            .iter()
            .flat_map(|(full, abbr)| std::iter::once(*full).chain(abbr.iter().copied())),
    );
    let month_full = title_or_upper(MONTHS.iter().map(|(full, _)| *full));
    let month_abbr = title_or_upper(MONTHS.iter().flat_map(|(_, abbr)| abbr.iter().copied()));
    let weekday = title_or_upper(WEEKDAYS.iter().copied());
    let s = |v: &str| v.to_string();
    vec![
        // Any month name or abbreviation; a following period is the rule's business.
        ("MONTH", month_all),
        ("MONTHF", month_full),
        ("MONABBR", month_abbr),
        // A month that ends a date: an abbreviation keeps its period ("11-13 Dec.").
        ("MONTHEND", s(r"(?:{MONTHF}\b|{MONABBR}(?:\.|\b))")),
        // A month before a day: "Nov. 27", "Dec.14th", "November 27".
        ("MONTHSEP", s(r"(?:{MONTH}(?:\.\s{0,2}|\s{1,2}))")),
        (
            "MON3",
            s("(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)"),
        ),
        ("WEEKDAY", weekday),
        (
            "HOLIDAY",
            s(
                r"(?:May\s{1,2}Day|Christmas(?:\s{1,2}(?:Day|Eve))?|New\s{1,2}Year['’]s(?:\s{1,2}(?:Day|Eve))?|Easter(?:\s{1,2}(?:Sunday|Monday))?|Good\s{1,2}Friday|Ramadan|Eid(?:\s{1,2}(?:al|ul)-(?:Fitr|Adha))?|Thanksgiving(?:\s{1,2}Day)?|Nowruz|Hanukkah|Passover|Yom\s{1,2}Kippur|Ashura|Diwali|Memorial\s{1,2}Day|Veterans\s{1,2}Day|Labou?r\s{1,2}Day|Armistice\s{1,2}Day|Remembrance\s{1,2}(?:Day|Sunday)|Independence\s{1,2}Day|VE\s{1,2}Day|D-Day|Victory\s{1,2}Day)\b",
            ),
        ),
        // Day of month with optional ordinal suffix: "1", "01", "27th".
        ("DAY", s(r"(?:3[01]|[12][0-9]|0?[1-9])(?:st|nd|rd|th)?")),
        // Years 1600-2099: older years are rare in news, later ones are numbers.
        ("YEAR", s(r"(?:1[6-9][0-9]{2}|20[0-9]{2})")),
        // "1990s", or "'90s" (the rule demands "the" before the short form).
        ("DECADE", s(r"(?:\b(?:1[6-9]|20)[0-9]0s|['’][0-9]0s)\b")),
        // Plain number: "1,000,000", "3000", "2.5".
        (
            "NUM",
            s(r"(?:[0-9]{1,3}(?:,[0-9]{3}){1,4}|[0-9]{1,9})(?:\.[0-9]{1,6})?"),
        ),
        // Decimal without thousands separators (frequencies, coordinates).
        ("DEC", s(r"[0-9]{1,6}(?:\.[0-9]{1,6})?")),
        (
            "NUMWORD",
            s(
                r"(?i:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:-(?:one|two|three|four|five|six|seven|eight|nine))?|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|one|two|three|four|five|six|seven|eight|nine|ten)\b",
            ),
        ),
        // A count for durations and relative expressions.
        (
            "COUNT",
            s(
                r"(?:{NUM}(?:-plus|\+)?|{NUMWORD}|(?i:a\s{1,2}few|a\s{1,2}couple\s{1,2}of|several|a\s{1,2}dozen))",
            ),
        ),
        (
            "TUNIT",
            s(
                r"(?i:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries)\b",
            ),
        ),
        (
            "TUNITREL",
            s(
                r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|weekends?|months?|years?|decades?|century|centuries|quarters?|summers?|winters?|springs?|autumns?)\b",
            ),
        ),
        ("SEASON", s(r"(?i:spring|summer|autumn|fall|winter)\b")),
        (
            "ORDWORD",
            s(
                r"(?i:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-(?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirtieth|thirty-first)\b",
            ),
        ),
        // Nouns of events that a year or month before them dates ("the 2014
        // elections", "the June vote").
        (
            "EVENT",
            s(
                r"(?i:elections?|votes?|polls?|referendum|ballot|runoff|run-off|deal|agreement|accord|treaty|attacks?|bombings?|meeting|summit|talks|conference|session|deadline|visit|trip|ceasefire|truce|offensive|uprising|revolution|coup|protests?|rally|riots?|demonstrations?|report|budget|census|survey|war|invasion|crisis|conflict|campaign|floods?|earthquake|tsunami|storm|cyclone|hurricane|killings?|massacre|raids?|strikes?|clashes|fighting|assault|operation|intervention|incident|shooting|explosion|blast|decision|statement|announcement|launch|deployment|withdrawal|plan|timetable|ceremony|inauguration|edition|olympics|games|championships?|season|famine|law|constitution|strategy|review|assessment|study)\b",
            ),
        ),
        ("DAYPART", s(r"(?i:morning|afternoon|evening|night)\b")),
        ("AMPM", s(r"(?:[aApP]\.[mM]\.|[aApP]\.?[mM]\b)")),
        (
            "ZONE",
            s(
                r"(?:(?:GMT|UTC|BST|CET|CEST|EET|EEST|EST|EDT|CST|CDT|MST|MDT|PST|PDT|MSK|AST|Z)\b|(?i:zulu|local\s{1,2}time)\b)",
            ),
        ),
        ("RANGE", s(r"\s{0,2}(?:-|–|—|(?i:to|or)\b)\s{0,2}")),
        ("SCALEW", s(r"(?i:thousand|million|billion|trillion)\b")),
        // "5 million", "5mn", "5bn", "$5m", "5k" (single letters only when glued).
        (
            "SCALE",
            s(r"(?:\s{0,2}(?i:thousand|million|billion|trillion|mn|mln|bn|tn|trn)\b|[mbkMBK]\b)"),
        ),
        ("CURSYM", s(r"[$£€¥₹₽₩₺₪]")),
        (
            "ISO",
            s(
                r"(?:USD|EUR|GBP|JPY|CNY|RMB|CHF|RUB|INR|LYD|EGP|SAR|AED|QAR|KWD|BHD|OMR|JOD|IQD|IRR|SYP|LBP|ILS|UAH|PKR|AFN|NGN|KES|ZAR|CAD|AUD|NZD|HKD|SGD|SEK|NOK|DKK|PLN|KRW|BRL|MXN|SDG|SSP|YER|TND|DZD|MAD|ETB|XOF|XAF)\b",
            ),
        ),
        (
            "CURADJ",
            s(
                r"(?:US|U\.S\.|American|Australian|Canadian|Hong\s+Kong|New\s+Zealand|Singapore|Taiwan|Libyan|Egyptian|Syrian|Lebanese|South\s+Sudanese|Sudanese|Iraqi|Jordanian|Kuwaiti|Bahraini|Omani|Saudi|Qatari|Emirati|UAE|Iranian|Turkish|Israeli|Russian|Ukrainian|Indian|Pakistani|Afghan|Chinese|Japanese|Swiss|Tunisian|Algerian|Moroccan|Nigerian|Kenyan|Somali|Ethiopian|South\s+African|Mexican|Brazilian|Yemeni|British|South\s+Korean|North\s+Korean|Korean|Swedish|Norwegian|Danish|Polish|Hungarian|Czech)",
            ),
        ),
        // Currency names. "pounds" and "won" are also a weight and a verb: the
        // money rules accept them only with a scale, an adjective or "sterling".
        (
            "CURWORD",
            s(
                r"(?i:dollars?|euros?|pounds?\s{1,2}sterling|pounds?|sterling|yen|yuan|renminbi|roubles?|rubles?|rupees?|dinars?|dirhams?|riyals?|rials?|liras?|lire|francs?|shekels?|hryvnias?|pesos?|rand|naira|shillings?|afghanis?|won|kronor|kroner|krona|krone|zlotys?|forints?|reais|cents?|pence|birr|ringgit|rupiah|baht)\b",
            ),
        ),
        // Domain label.
        ("LABEL", s(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")),
        // Top-level domains accepted for bare domains, lowercase only. Common
        // English words ("in", "it", "is", "me", "to", "us", "no", "be") are left out
        // because "said.it" is a missing space far more often than a domain.
        (
            "TLD",
            s(
                r"(?:com|org|net|gov|edu|mil|int|info|biz|io|news|uk|eu|de|fr|ru|ua|ly|eg|ch|ca|au|jp|cn|il|tr|ir|iq|sy|qa|ae|sa|lb|jo|af|pk|ng|ke|za|nl|se|dk|pl|es|ps)",
            ),
        ),
        // What may follow a host in a URL: stops at spaces, quotes and angle brackets.
        ("URLTAIL", s(r#"[^\s<>"“”‘’«»\x00-\x1f]"#)),
        ("YEARPAREN", s(r"(?:\s{0,2}\((?:19|20)[0-9]{2}\))")),
        ("ROMAN", s(r"(?:[IVXLC]{1,7}\b)")),
        // UN resolution number: "2174", "68/262", "ES-11/1".
        (
            "RESNUM",
            s(r"(?:(?:ES-)?[0-9]{1,2}/[0-9]{1,3}|[0-9]{2,4})\b"),
        ),
        // A numbered part of a text: "51", "2(4)", "VII", "A" (the check decides).
        (
            "REF",
            s(r"(?:[0-9]{1,4}[a-z]?\b(?:\([0-9a-z]{1,4}\)){0,3}|{ROMAN}|[A-Z]\b)"),
        ),
        // Later items of a list, where a lone "I" is the pronoun ("Chapter VII and I").
        (
            "REFCONT",
            s(r"(?:[0-9]{1,4}[a-z]?\b(?:\([0-9a-z]{1,4}\)){0,3}|[IVXLC]{2,7}\b|[A-HJ-Z]\b)"),
        ),
        (
            "PREF",
            s(r"(?:[0-9]{1,3}[a-z]?\b(?:\([0-9a-z]{1,4}\)){0,3})"),
        ),
    ]
}

/// Expands the `{NAME}` fragments of `template` (nested up to four levels) and
/// rewrites `\b` to the ASCII word boundary.
pub(super) fn expand(template: &str) -> String {
    let table = fragments();
    let mut p = template.to_string();
    for _ in 0..4 {
        let mut changed = false;
        for (name, value) in &table {
            let key = format!("{{{name}}}");
            if p.contains(&key) {
                p = p.replace(&key, value);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    p.replace(r"\b", r"(?-u:\b)")
}

/// Words after a number that make it a count of things rather than a year, a
/// day or a time ("in 2014 people", "May 3 soldiers").
pub(super) const COUNT_NOUNS: &[&str] = &[
    "people",
    "persons",
    "men",
    "women",
    "children",
    "kids",
    "troops",
    "soldiers",
    "fighters",
    "militants",
    "rebels",
    "insurgents",
    "civilians",
    "refugees",
    "migrants",
    "residents",
    "casualties",
    "deaths",
    "dead",
    "killed",
    "wounded",
    "injured",
    "cases",
    "units",
    "vehicles",
    "tanks",
    "aircraft",
    "planes",
    "jets",
    "drones",
    "rounds",
    "shells",
    "missiles",
    "rockets",
    "weapons",
    "guns",
    "rifles",
    "bombs",
    "km",
    "kilometres",
    "kilometers",
    "miles",
    "metres",
    "meters",
    "tonnes",
    "tons",
    "barrels",
    "dollars",
    "euros",
    "pounds",
    "votes",
    "voters",
    "members",
    "employees",
    "workers",
    "staff",
    "families",
    "households",
    "homes",
    "houses",
    "buildings",
    "more",
    "other",
    "additional",
    "new",
    "extra",
    "percent",
    "per",
    "hours",
    "days",
    "weeks",
    "years",
    "times",
    "of",
    "police",
    "personnel",
    "militia",
    "infantry",
    "crew",
    "cattle",
    "livestock",
    "sheep",
    "others",
    "kilometre",
    "kilometer",
    "mile",
    "metre",
    "meter",
    "tonne",
    "ton",
    "pound",
    "dollar",
    "euro",
    "yard",
    "foot",
    "feet",
    "acre",
    "hectare",
    "barrel",
    "kg",
    "mm",
    "hp",
    "cc",
    "strong",
    "member",
    "man",
    "seat",
    "bed",
    "page",
    "word",
    "point",
];

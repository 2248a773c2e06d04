use std::time::{Duration, Instant};

use super::*;

const T: &str = "Temporal";
const M: &str = "Money";
const Q: &str = "Quantity";
const U: &str = "Url";
const C: &str = "CommsIdentifier";
const F: &str = "Frequency";
const D: &str = "DocumentReference";
const L: &str = "Location";

fn found(text: &str) -> Vec<(&str, String)> {
    PatternExtractor::new()
        .find(text)
        .iter()
        .map(|m| (&text[m.start..m.end], m.label.to_string()))
        .collect()
}

/// `t!(name, text, [(matched text, label), ...])`: exactly these mentions, in order.
macro_rules! t {
    ($name:ident, $text:expr, [$(($s:expr, $l:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let text: &str = $text;
            let want: Vec<(&str, String)> = vec![$(($s, $l.to_string())),*];
            assert_eq!(found(text), want, "text: {text:?}");
        }
    };
}

// ----- engine -----

#[test]
fn every_rule_compiles() {
    let specs = specs();
    for s in &specs {
        if let Err(e) = Regex::new(&s.pattern) {
            panic!("rule {:?} does not compile: {e}", s.name);
        }
    }
    assert_eq!(rules().len(), specs.len());
    let mut names: Vec<&str> = specs.iter().map(|s| s.name).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), specs.len(), "rule names are unique");
}

#[test]
fn the_gate_builds_and_changes_no_result() {
    let gate = gate().expect("the rule set builds");
    assert_eq!(gate.len(), rules().len());
    let seed = include_str!("../../../seeds/000_e183ab97ab092207.txt");
    let texts = [
        seed,
        "Call +44 20 7946 0958 or mail ops@example.org by 10:30 GMT on 3 June 2014.",
        "Troops moved 12 km north of 32.8872N 13.1913E; $5 million arrived at 121.5 MHz.",
        "See S/2014/653 and https://example.org/a?b=1 between May and July 2014.",
        "",
    ];
    for text in texts {
        let mut every = Vec::new();
        for rule in rules() {
            scan(rule, text, &mut every);
        }
        let gated: Vec<(usize, usize, Label)> = PatternExtractor::new()
            .find(text)
            .into_iter()
            .map(|m| (m.start, m.end, m.label))
            .collect();
        let ungated: Vec<(usize, usize, Label)> = resolve(every)
            .into_iter()
            .map(|c| (c.start, c.end, c.kind.label()))
            .collect();
        assert_eq!(text.is_empty(), gated.is_empty(), "{text:?}");
        assert_eq!(gated, ungated, "{text:?}");
    }
}

#[test]
fn is_send_sync_and_shared() {
    fn assert_send_sync<X: Send + Sync>() {}
    assert_send_sync::<PatternExtractor>();
    let (a, b) = (PatternExtractor::new(), PatternExtractor::default());
    assert!(std::ptr::eq(a.rules, b.rules), "rules are compiled once");
    assert!(format!("{a:?}").contains("rules"));
}

#[test]
fn mentions_carry_source_score_and_no_kb() {
    let ms = PatternExtractor::new().find("Paid $5 million last week via https://x.org.");
    assert_eq!(ms.len(), 3);
    for m in &ms {
        assert_eq!(m.source, Source::Pattern);
        assert!(m.kb.is_none());
        assert!(m.score > 0.0 && m.score <= 1.0);
    }
    let scores: Vec<f32> = ms.iter().map(|m| m.score).collect();
    assert_eq!(scores, [0.9, 0.7, 0.95]);
}

#[test]
fn extract_ignores_prior() {
    let p = PatternExtractor::new();
    assert_eq!(p.source(), Source::Pattern);
    let doc = Document::new("Talks on 27 November 2026 cost €5 million.");
    let prior = vec![Mention {
        start: 9,
        end: 25,
        label: Label::Person,
        score: 1.0,
        source: Source::Given,
        kb: None,
    }];
    let (mut with, mut without) = (Vec::new(), Vec::new());
    p.extract(&doc, &prior, &mut with);
    p.extract(&doc, &[], &mut without);
    assert_eq!(with, without);
    assert_eq!(with.len(), 2);
    // `extract` appends.
    p.extract(&doc, &[], &mut with);
    assert_eq!(with.len(), 4);
}

#[test]
fn resolve_prefers_longest_then_family_then_score() {
    let c = |start, end, kind, score| Candidate {
        start,
        end,
        kind,
        score,
    };
    let got: Vec<(usize, usize, Kind)> = resolve(vec![
        c(0, 4, Kind::Temporal, 0.9),
        c(0, 10, Kind::Temporal, 0.7),
        c(12, 16, Kind::Quantity, 0.85),
        c(12, 16, Kind::Money, 0.85),
        c(20, 24, Kind::Temporal, 0.7),
        c(21, 25, Kind::Temporal, 0.9),
        c(24, 26, Kind::Url, 0.9),
    ])
    .iter()
    .map(|c| (c.start, c.end, c.kind))
    .collect();
    assert_eq!(
        got,
        [
            (0, 10, Kind::Temporal),
            (12, 16, Kind::Money),
            (21, 25, Kind::Temporal)
        ]
    );
}

#[test]
fn edges() {
    let text = "a 1.24.08.2014 x 3-5 y";
    assert!(!edges_ok(text, 5, 14), "glued to a decimal before");
    assert!(edges_ok(text, 2, 14));
    assert!(!edges_ok(text, 19, 20), "the end of a range");
    assert!(!edges_ok(text, 17, 18), "the start of a range");
    assert!(!edges_ok("Zürich", 1, 6), "inside a word");
    assert!(!edges_ok("abc", 1, 1));
    assert!(!edges_ok("abc", 2, 9));
}

// ----- Temporal -----

t!(
    full_dates,
    "On 27 November 2026, November 27, 2026 and Nov. 27 2026; 27 Nov 2026 or 27th of November, 2026.",
    [
        ("27 November 2026", T),
        ("November 27, 2026", T),
        ("Nov. 27 2026", T),
        ("27 Nov 2026", T),
        ("27th of November, 2026", T)
    ]
);
t!(
    numeric_dates,
    "2014-08-24, 24/08/2014, 24.08.2014, 08/24/2014, 2014-08-24T10:30Z and 27-Nov-2026.",
    [
        ("2014-08-24", T),
        ("24/08/2014", T),
        ("24.08.2014", T),
        ("08/24/2014", T),
        ("2014-08-24T10:30Z", T),
        ("27-Nov-2026", T)
    ]
);
t!(
    numeric_date_near_misses,
    "v1.24.08.2014, 31/31/2014, 2014-08.24, 2014-13-01, 24/08/20145, 1.2.3.4",
    []
);
t!(
    partial_dates,
    "Nov. 27 was cold; on 5 May the talks began; in August 2014 and mid-2014 and early 2015 and late May.",
    [
        ("Nov. 27", T),
        ("5 May", T),
        ("August 2014", T),
        ("mid-2014", T),
        ("early 2015", T),
        ("late May", T)
    ]
);
t!(
    decades_and_centuries,
    "In the 1990s and the late 1980s, the '90s; since the 20th century; 1970s.",
    [
        ("the 1990s", T),
        ("the late 1980s", T),
        ("the '90s", T),
        ("the 20th century", T),
        ("1970s", T)
    ]
);
t!(
    cued_years,
    "In 2014 it began; since 2011, by 2020, until 1999, during 2003, the summer of 2014.",
    [
        ("2014", T),
        ("2011", T),
        ("2020", T),
        ("1999", T),
        ("2003", T),
        ("the summer of 2014", T)
    ]
);
t!(
    year_needs_a_cue,
    "2014 people died. In 2014 people fled. A total of 2000 troops. It cost 2014 and 1500 more. From 2000 to 3000 attended.",
    []
);
t!(
    year_before_an_event,
    "the 2014 elections and a 2011 report",
    [("2014", T), ("2011", T)]
);
t!(
    year_ranges,
    "the 2014-2015 budget, 2014–15, 2014/15, between 2014 and 2016, from 1939 to 1945.",
    [
        ("2014-2015", T),
        ("2014–15", T),
        ("2014/15", T),
        ("between 2014 and 2016", T),
        ("from 1939 to 1945", T)
    ]
);
t!(
    year_range_must_increase,
    "scores of 2015-2014 and 2014-14",
    []
);
t!(
    day_and_month_ranges,
    "between May and July 2014, from 1 to 3 June, 1-3 June 2014, May 3-5, 2014, from June to August, May–July 2014.",
    [
        ("between May and July 2014", T),
        ("from 1 to 3 June", T),
        ("1-3 June 2014", T),
        ("May 3-5, 2014", T),
        ("from June to August", T),
        ("May–July 2014", T)
    ]
);
t!(
    weekdays,
    "on Tuesday, last Friday, Monday night, MONDAY, Sunday, 30 November 2014.",
    [
        ("Tuesday", T),
        ("last Friday", T),
        ("Monday night", T),
        ("MONDAY", T),
        ("Sunday, 30 November 2014", T)
    ]
);
t!(weekday_newspaper, "the Sunday Times reported", []);
t!(
    times,
    "at 10:30, 10:30 GMT, 0600 hours, 1430Z, 6 a.m., 6pm, 9.30am, 7 o'clock, noon and midnight, at 3:15.",
    [
        ("10:30", T),
        ("10:30 GMT", T),
        ("0600 hours", T),
        ("1430Z", T),
        ("6 a.m.", T),
        ("6pm", T),
        ("9.30am", T),
        ("7 o'clock", T),
        ("noon", T),
        ("midnight", T),
        ("3:15", T)
    ]
);
t!(
    time_ranges_and_dtg,
    "from 10:30-11:45 GMT; DTG 270600Z NOV 26.",
    [("10:30-11:45 GMT", T), ("270600Z NOV 26", T)]
);
t!(
    time_near_misses,
    "John 3:16, a 2:1 win, 10:30:75:1, 6 amps, score 25:61",
    []
);
t!(
    relative,
    "last week, next month, this year, yesterday, today, tonight, tomorrow morning, earlier this year, the past few days, over the summer, three months ago, in recent weeks, the coming days, the next 24 hours, later today, the same day.",
    [
        ("last week", T),
        ("next month", T),
        ("this year", T),
        ("yesterday", T),
        ("today", T),
        ("tonight", T),
        ("tomorrow morning", T),
        ("earlier this year", T),
        ("the past few days", T),
        ("the summer", T),
        ("three months ago", T),
        ("recent weeks", T),
        ("the coming days", T),
        ("the next 24 hours", T),
        ("later today", T),
        ("the same day", T)
    ]
);
t!(
    durations,
    "for three months, the past week, 24 hours, two years, a 48-hour truce, 24 to 48 hours, several weeks",
    [
        ("three months", T),
        ("the past week", T),
        ("24 hours", T),
        ("two years", T),
        ("48-hour", T),
        ("24 to 48 hours", T),
        ("several weeks", T)
    ]
);
t!(
    ages_are_not_durations,
    "a 10-year-old boy, he is 45 years old, five years of age",
    []
);
t!(
    may_the_name,
    "May said so. Theresa May 2017 and May 3 soldiers. The May government. may 2014",
    []
);
t!(
    may_the_month,
    "In May 2014 and in May, by 3 May; May 5, 2014. Since May's speech",
    [
        ("May 2014", T),
        ("May", T),
        ("3 May", T),
        ("May 5, 2014", T)
    ]
);
t!(
    lowercase_months_are_words,
    "we march 5 miles and may 27 people",
    [("5 miles", Q)]
);
t!(ordinals_alone, "the 1st battalion and the 3rd", []);

t!(
    abbreviated_months_keep_their_period,
    "strikes near Palmyra between 11-13 Dec. The general, during his Dec.14th press conference, on 6 Dec. and Sept. 5",
    [("11-13 Dec.", T), ("Dec.14th", T), ("6 Dec.", T), ("Sept. 5", T)]
);
t!(
    holidays_and_eras,
    "killed on Thanksgiving Day; this Thanksgiving; the peace of Ramadan; at Christmas; 575 B.C. and AD 70; May Day",
    [
        ("Thanksgiving Day", T),
        ("this Thanksgiving", T),
        ("Ramadan", T),
        ("Christmas", T),
        ("575 B.C.", T),
        ("AD 70", T),
        ("May Day", T)
    ]
);
t!(
    holiday_names_that_are_not_days,
    "Tariq Ramadan spoke on Christmas Island and sent Christmas cards",
    []
);
t!(
    more_relative_expressions,
    "based on Greenwich Mean Time; in the early hours of Sunday; over the coming days and weeks; in the morning; over the past 20-plus months",
    [
        ("Greenwich Mean Time", T),
        ("the early hours of Sunday", T),
        ("the coming days and weeks", T),
        ("the morning", T),
        ("the past 20-plus months", T)
    ]
);
t!(
    last_as_a_verb,
    "The call is scheduled to last 45 minutes. In the last 24 hours",
    [("45 minutes", T), ("the last 24 hours", T)]
);
t!(
    year_lists,
    "in 2006 and 2007; in 2001, 2002 and 2003; both the 2003 and 2007 elections",
    [
        ("2006", T),
        ("2007", T),
        ("2001", T),
        ("2002", T),
        ("2003", T),
        ("2003", T),
        ("2007", T)
    ]
);
t!(
    year_lists_that_are_counts,
    "between 1500 and 1600 people, 1990 and 2000 troops",
    []
);
t!(
    years_as_modifiers,
    "Indonesia's 2001 ban, the 2003 terrorist bombing, the 2016 UK-France Summit, Summit 2016, the 2008-9 crisis, in 2008 - 9",
    [
        ("2001", T),
        ("2003", T),
        ("2016", T),
        ("2016", T),
        ("2008-9", T),
        ("2008 - 9", T)
    ]
);
t!(
    years_as_counts,
    "the 2000 pilgrims, the 1800 police, a 1900 km trek, the 2000 and",
    [("1900 km", Q)]
);
t!(
    months_as_modifiers,
    "the November election, a January peace deal, September's parliamentary elections, the May elections, scheduled for June, during March-May",
    [
        ("November", T),
        ("January", T),
        ("September", T),
        ("May", T),
        ("June", T),
        ("March-May", T)
    ]
);
t!(
    may_as_a_person_before_events,
    "May said elections were due. Votes for May. Theresa May's talks",
    []
);
t!(
    ordinal_word_days,
    "on June first, on September ninth, 2001, the first of May",
    [
        ("June first", T),
        ("September ninth, 2001", T),
        ("the first of May", T)
    ]
);
t!(
    capitalised_deictic_names,
    "USA Today reported. Terror Free Tomorrow said. Today, talks began. \"Tomorrow we go\"",
    [("Today", T), ("Tomorrow", T)]
);
t!(
    fall_is_also_a_decline,
    "since the fall of Saddam, hit by the fall in oil prices, talks in the fall",
    [("the fall", T)]
);
t!(
    ordinal_second,
    "two second-place finishes and nine second- round seats",
    []
);

// ----- Money -----

t!(
    money_symbols,
    "$5 million, US$1.2bn, £300, €2.5 billion, $5m, ¥300, C$40, $5-6 million.",
    [
        ("$5 million", M),
        ("US$1.2bn", M),
        ("£300", M),
        ("€2.5 billion", M),
        ("$5m", M),
        ("¥300", M),
        ("C$40", M),
        ("$5-6 million", M)
    ]
);
t!(
    money_words_and_codes,
    "5 million dollars, 300 euros, 10bn USD, 1.5 trillion yen, a billion dollars, LYD 10 million, USD 5, 20 Libyan dinars, five million pounds, 40 US dollars",
    [
        ("5 million dollars", M),
        ("300 euros", M),
        ("10bn USD", M),
        ("1.5 trillion yen", M),
        ("a billion dollars", M),
        ("LYD 10 million", M),
        ("USD 5", M),
        ("20 Libyan dinars", M),
        ("five million pounds", M),
        ("40 US dollars", M)
    ]
);
t!(
    money_vague,
    "millions of dollars and hundreds of millions of euros",
    [
        ("millions of dollars", M),
        ("hundreds of millions of euros", M)
    ]
);
t!(
    money_near_misses,
    "a dollar, 300 pounds of explosives, 5 million pounds of TNT, they won 3 seats, $ alone, 3 won, USD5x",
    []
);

// ----- Quantity -----

t!(
    measures,
    "5 km, 10 kilometres, 300 miles, 20 tonnes, 1,000 barrels, 2.5 mm, 155mm, 500 knots, 7.62mm, 12.7 mm, 30,000 feet, 5 square kilometres",
    [
        ("5 km", Q),
        ("10 kilometres", Q),
        ("300 miles", Q),
        ("20 tonnes", Q),
        ("1,000 barrels", Q),
        ("2.5 mm", Q),
        ("155mm", Q),
        ("500 knots", Q),
        ("7.62mm", Q),
        ("12.7 mm", Q),
        ("30,000 feet", Q),
        ("5 square kilometres", Q)
    ]
);
t!(
    percent_speed_temperature,
    "50 per cent, 45%, -3.2%, 2 percentage points, Mach 2, Mach 2.5, 900 km/h, -5°C, 40 degrees Celsius, 1.2 million barrels per day, 7.62x39mm, .50 calibre",
    [
        ("50 per cent", Q),
        ("45%", Q),
        ("-3.2%", Q),
        ("2 percentage points", Q),
        ("Mach 2", Q),
        ("Mach 2.5", Q),
        ("900 km/h", Q),
        ("-5°C", Q),
        ("40 degrees Celsius", Q),
        ("1.2 million barrels per day", Q),
        ("7.62x39mm", Q),
        (".50 calibre", Q)
    ]
);
t!(
    quantity_near_misses,
    "3,000 troops, version 2.4, 100m people, 5 in total, 10 g, MACH 3, the 7th, 5 mmx",
    []
);

// ----- Url -----

t!(
    urls,
    "See https://example.org/a?b=c. Or (www.bbc.co.uk/news), ftp://files.example.net/x.zip, example.com and bbc.co.uk, \"http://x.org/p\".",
    [
        ("https://example.org/a?b=c", U),
        ("www.bbc.co.uk/news", U),
        ("ftp://files.example.net/x.zip", U),
        ("example.com", U),
        ("bbc.co.uk", U),
        ("http://x.org/p", U)
    ]
);
t!(
    url_brackets,
    "(see https://en.wikipedia.org/wiki/Sirte_(city)), [http://a.org/x]",
    [
        ("https://en.wikipedia.org/wiki/Sirte_(city)", U),
        ("http://a.org/x", U)
    ]
);
t!(
    url_near_misses,
    "the U.S. said, e.g. this, i.e. that, report.pdf, Tripoli.The end, said.it, http:// and 1.2.de, A.de Silva",
    []
);

// ----- CommsIdentifier -----

t!(
    emails_and_handles,
    "Write to john.doe@example.org or press@un.org.uk, follow @UN_News and @bbc.",
    [
        ("john.doe@example.org", C),
        ("press@un.org.uk", C),
        ("@UN_News", C),
        ("@bbc", C)
    ]
);
t!(
    handle_near_misses,
    "meet @ 10, @1 and @10, a@b, user@host, x@",
    []
);
t!(
    phones,
    "Call +44 20 7946 0958 or +1 (202) 555-0143; tel: 020 7946 0958; phone 0800 123456; fax. (020) 7946-0000.",
    [
        ("+44 20 7946 0958", C),
        ("+1 (202) 555-0143", C),
        ("020 7946 0958", C),
        ("0800 123456", C),
        ("(020) 7946-0000", C)
    ]
);
t!(
    north_american_phones,
    "Call the office at 910-432-3383. Or (202) 555-0143, 1-800-555-0199 and 202.555.0143",
    [
        ("910-432-3383", C),
        ("(202) 555-0143", C),
        ("1-800-555-0199", C),
        ("202.555.0143", C)
    ]
);
t!(
    north_american_phone_near_misses,
    "910-432.3383 and 2014-08-24 and 12-345-6789",
    [("2014-08-24", T)]
);
t!(
    phone_near_misses,
    "phone 3 times, call 911, call 2014 2015, 20 7946 0958 uncued, 5+44 20 7946 0958, a +3.5% rise",
    [("+3.5%", Q)]
);
t!(
    device_numbers_and_call_signs,
    "IMEI 356938035643809, IMSI: 310150123456789, MSISDN +44 7700 900123, MMSI 235009802, call sign REACH 123, callsign \"BRAVO2\"",
    [
        ("356938035643809", C),
        ("310150123456789", C),
        ("+44 7700 900123", C),
        ("235009802", C),
        ("REACH 123", C),
        ("BRAVO2", C)
    ]
);
t!(
    device_near_misses,
    "IMEI 1234, MMSI 12345, call signs were changed, call sign The",
    []
);

// ----- Frequency -----

t!(
    frequencies,
    "121.5 MHz, 2.4GHz, 300 kHz, 50 Hz, 30-88 MHz, 5 hertz",
    [
        ("121.5 MHz", F),
        ("2.4GHz", F),
        ("300 kHz", F),
        ("50 Hz", F),
        ("30-88 MHz", F),
        ("5 hertz", F)
    ]
);
t!(
    frequency_near_misses,
    "version 2.4, MHz alone, 5 Hzx, 2.4G",
    []
);

// ----- DocumentReference -----

t!(
    un_references,
    "Resolution 2174, UNSCR 1970, Security Council resolution 1973 (2011), resolutions 1970 and 1973, S/2014/567, A/RES/68/262, E/CN.4/2005/L.10, General Assembly resolution 68/262.",
    [
        ("Resolution 2174", D),
        ("UNSCR 1970", D),
        ("Security Council resolution 1973 (2011)", D),
        ("resolutions 1970 and 1973", D),
        ("S/2014/567", D),
        ("A/RES/68/262", D),
        ("E/CN.4/2005/L.10", D),
        ("General Assembly resolution 68/262", D)
    ]
);
t!(
    document_parts,
    "Document No. 12, Law No. 10 of 2014, Annex II, Article 51, paragraph 4, Chapter VII, Annex A, Article 2(4), Articles 3 and 4, operative paragraph 7.",
    [
        ("Document No. 12", D),
        ("Law No. 10 of 2014", D),
        ("Annex II", D),
        ("Article 51", D),
        ("paragraph 4", D),
        ("Chapter VII", D),
        ("Annex A", D),
        ("Article 2(4)", D),
        ("Articles 3 and 4", D),
        ("operative paragraph 7", D)
    ]
);
t!(
    executive_orders,
    "under Executive Order 13582 and EO 13224",
    [("Executive Order 13582", D), ("EO 13224", D)]
);
t!(
    isbn_and_doi,
    "ISBN 978-3-16-148410-0, ISBN 0-306-40615-2, doi:10.1000/xyz123. and 10.1038/nature12373.",
    [
        ("ISBN 978-3-16-148410-0", D),
        ("ISBN 0-306-40615-2", D),
        ("doi:10.1000/xyz123", D),
        ("10.1038/nature12373", D)
    ]
);
t!(
    docref_near_misses,
    "Resolution alone, the resolution, chapter 7, Chapter VIIII, Section A, Chapter VII and I think, screen resolution 1920 x 1080, A/5, ISBN 123",
    [("Chapter VII", D)]
);

// ----- coordinates -----

t!(
    decimal_coordinates,
    "at 32.8872° N, 13.1913° E and 32.8872, 13.1913 and N 32.88, E 13.19 and 33.5N 44.4E",
    [
        ("32.8872° N, 13.1913° E", L),
        ("32.8872, 13.1913", L),
        ("N 32.88, E 13.19", L),
        ("33.5N 44.4E", L)
    ]
);
t!(
    dms_coordinates,
    "32°53'14\"N 13°11'29\"E, 32°53′14″N, 13°11′29″E and 15°30'N 32°32'E",
    [
        ("32°53'14\"N 13°11'29\"E", L),
        ("32°53′14″N, 13°11′29″E", L),
        ("15°30'N 32°32'E", L)
    ]
);
t!(
    grid_references,
    "grid 33S UB 12345 67890, 33SUB1234567890, 38SMB4488, 33S 312345 4512345",
    [
        ("33S UB 12345 67890", L),
        ("33SUB1234567890", L),
        ("38SMB4488", L),
        ("33S 312345 4512345", L)
    ]
);
t!(
    coordinate_near_misses,
    "2014 08 24, 12 345 678, 3D TV 2024, 33S UB 123 4567, 33SUB123, 61S UB 12 34, 33I UB 12 34, 5 N, 10 E, 95.1234, 13.1913, values 1.25, 3.75, 4.50",
    []
);

// ----- mixed text, offsets and overlaps -----

t!(
    non_ascii_around_matches,
    "Zürich – 27 November 2026 – €5 million; «https://ex.org/ü» Straße 5 km",
    [
        ("27 November 2026", T),
        ("€5 million", M),
        ("https://ex.org/ü", U),
        ("5 km", Q)
    ]
);
t!(
    non_ascii_letters_are_word_characters,
    "ü2014 in 2014ü é5 km Mai€5",
    [("€5", M)]
);
t!(
    overlaps_resolved,
    "Tuesday, 27 November 2026 and https://doi.org/10.1000/xyz and UN Security Council resolution 1973 (2011).",
    [
        ("Tuesday, 27 November 2026", T),
        ("https://doi.org/10.1000/xyz", U),
        ("UN Security Council resolution 1973 (2011)", D)
    ]
);
t!(empty, "", []);
t!(
    a_news_paragraph,
    "TRIPOLI, 24 August 2014 (Reuters) - Fighters shelled the airport on Sunday, killing 3,000 troops? No: the UN said 45% of the 1.2 million barrels per day were lost since 2011, costing $5 billion. See www.un.org or email press@un.org.",
    [
        ("24 August 2014", T),
        ("Sunday", T),
        ("45%", Q),
        ("1.2 million barrels per day", Q),
        ("2011", T),
        ("$5 billion", M),
        ("www.un.org", U),
        ("press@un.org", C)
    ]
);

// ----- robustness -----

/// Deterministic pseudo-random text from fragments that stress every rule.
fn noisy_text(bytes: usize, seed: u64) -> String {
    const PIECES: &[&str] = &[
        "the",
        "in",
        "May",
        "2014",
        "27",
        "November",
        "$",
        "€",
        "5",
        "million",
        ".",
        ",",
        "-",
        "/",
        ":",
        "@",
        "+44",
        "20",
        "7946",
        "0958",
        "http://",
        "www.",
        "example",
        "com",
        "°",
        "N",
        "E",
        "'",
        "\"",
        "33S",
        "UB",
        "12345",
        "Zürich",
        "–",
        "é",
        "😀",
        "km",
        "%",
        "MHz",
        "Resolution",
        "S/2014/567",
        "tel",
        "IMEI",
        "call sign",
        "REACH",
        "1,000",
        "0.5",
        "(",
        ")",
        "last",
        "week",
        "ago",
        "three",
        "\n",
        "  ",
        "ü",
        "٣",
        "İ",
        "x",
        "Article",
        "VII",
    ];
    let mut state = seed;
    let mut out = String::with_capacity(bytes + 16);
    while out.len() < bytes {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let piece = PIECES[(state >> 33) as usize % PIECES.len()];
        out.push_str(piece);
        if (state >> 20) % 3 != 0 {
            out.push(' ');
        }
    }
    out
}

fn check_invariants(text: &str, ms: &[Mention]) {
    let mut last_end = 0;
    for m in ms {
        assert!(m.start < m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        assert!(m.start >= last_end, "sorted and non-overlapping");
        last_end = m.end;
    }
}

#[test]
fn noisy_text_keeps_invariants() {
    let p = PatternExtractor::new();
    for seed in 0..40 {
        let text = noisy_text(4_000, seed);
        let ms = p.find(&text);
        check_invariants(&text, &ms);
        // Every prefix and suffix cut at a char boundary, too.
        for cut in [1, 7, 100, 999] {
            let at = (0..=cut.min(text.len()))
                .rev()
                .find(|&i| text.is_char_boundary(i))
                .unwrap_or(0);
            check_invariants(&text[..at], &p.find(&text[..at]));
            check_invariants(&text[at..], &p.find(&text[at..]));
        }
    }
}

#[test]
fn degenerate_inputs_do_not_panic() {
    let p = PatternExtractor::new();
    for text in [
        "1".repeat(20_000),
        "1,".repeat(10_000),
        "1.".repeat(10_000),
        "@".repeat(10_000),
        "a@".repeat(10_000),
        "http://".repeat(3_000),
        "+1 ".repeat(10_000),
        "°".repeat(10_000),
        "May ".repeat(5_000),
        "x".repeat(50_000),
        "é".repeat(20_000),
        "\u{301}".repeat(5_000),
    ] {
        let start = Instant::now();
        let ms = p.find(&text);
        check_invariants(&text, &ms);
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "{:?}...",
            &text[..10]
        );
    }
}

#[test]
fn one_megabyte_runs() {
    let text = noisy_text(1 << 20, 7);
    let ms = PatternExtractor::new().find(&text);
    check_invariants(&text, &ms);
    assert!(ms.len() > 1_000, "found only {}", ms.len());
}

/// Timing-sensitive: run with `cargo test --release -- --ignored`.
#[test]
#[ignore]
fn one_megabyte_is_fast() {
    let p = PatternExtractor::new();
    let text = noisy_text(1 << 20, 11);
    let start = Instant::now();
    let ms = p.find(&text);
    let took = start.elapsed();
    check_invariants(&text, &ms);
    assert!(took < Duration::from_secs(2), "1 MB took {took:?}");
}

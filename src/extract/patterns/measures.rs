//! Money, Quantity and Frequency rules.
//!
//! Scores:
//! - Money 0.9 with a currency symbol or ISO code ("$5 million", "LYD 10 million",
//!   "10bn USD"); 0.85 with a currency name ("300 euros"); 0.7 for vague
//!   amounts ("millions of dollars").
//! - Quantity 0.9 for percentages; 0.85 for a number with a unit of measure
//!   ("5 km", "155mm", "Mach 2", "-5°C"). Counted things ("3,000 troops") are not
//!   quantities in re3d and are never matched.
//! - Frequency 0.9 ("121.5 MHz").

use regex::Captures;

use super::{span, Kind, Spec};

const MONEY_CODE: f32 = 0.9;
const MONEY_WORD: f32 = 0.85;
const MONEY_VAGUE: f32 = 0.7;
const PERCENT: f32 = 0.9;
const MEASURE: f32 = 0.85;
const FREQUENCY: f32 = 0.9;

/// Unit abbreviations, case-sensitive. "m", "g", "t", "l", "in" and "ha" are
/// left out: after a number they are as often "million", a grade, or a word.
const UNIT_ABBR: &[&str] = &[
    "km²", "km2", "m²", "m2", "m³", "m3", "sq km", "sq mi", "sq ft", "km/h", "kmh", "m/s", "mm",
    "cm", "km", "KM", "kg", "mg", "ft", "yd", "lbs", "lb", "oz", "ml", "bbl", "kts", "mph", "kph",
    "nmi", "nm", "NM", "MWh", "GWh", "TWh", "kWh", "MW", "GW", "kW", "bpd", "b/d", "bcm", "mcm",
    "tcf",
];

/// Unit words, case-insensitive; longer forms first.
const UNIT_WORD: &str = r"(?i:square\s{1,2}(?:kilomet(?:re|er)s?|met(?:re|er)s?|miles?|feet|foot|yards?)|cubic\s{1,2}(?:met(?:re|er)s?|feet)|nautical\s{1,2}miles?|metric\s{1,2}tons?|millimet(?:re|er)s?|centimet(?:re|er)s?|kilomet(?:re|er)s?|met(?:re|er)s?|miles?|feet|foot|inch(?:es)?|yards?|kilogram(?:me)?s?|kilos?|milligram(?:me)?s?|gram(?:me)?s?|tonnes?|tons?|ounces?|millilit(?:re|er)s?|lit(?:re|er)s?|gallons?|barrels?|hectares?|acres?|knots?|megawatts?|gigawatts?|kilowatts?|watts?|megatons?|kilotons?|megatonnes?|kilotonnes?)\b";

pub(super) fn specs(out: &mut Vec<Spec>) {
    let units = format!(r"(?:{}|{UNIT_WORD})", super::lexicon::bounded(UNIT_ABBR));
    let money =
        |name, score, template: &str, check| Spec::new(name, Kind::Money, score, template, check);
    let quantity = |name, score, template: &str| {
        Spec::new(name, Kind::Quantity, score, template, super::plain)
    };
    out.extend([
        // ----- money -----
        money(
            "currency symbol",
            MONEY_CODE,
            r"(?:\b(?:US|AU|NZ|HK|NT|A|C|S))?{CURSYM}\s?{NUM}(?:{RANGE}{CURSYM}?\s?{NUM})?{SCALE}?",
            super::plain,
        ),
        money(
            "iso code first",
            MONEY_CODE,
            r"\b{ISO}\s?{NUM}(?:{RANGE}{NUM})?{SCALE}?",
            super::plain,
        ),
        money(
            "iso code last",
            MONEY_CODE,
            r"\b{NUM}(?:{RANGE}{NUM})?{SCALE}?\s?{ISO}",
            super::plain,
        ),
        money(
            "currency name",
            MONEY_WORD,
            r"\b(?P<amount>{NUM}|{NUMWORD}|(?i:a)\b)(?:{RANGE}{NUM})?(?P<scale>{SCALE})?\s{1,2}(?P<adj>{CURADJ}\s{1,2})?(?P<cur>{CURWORD})",
            currency_name,
        ),
        money(
            "vague money",
            MONEY_VAGUE,
            r"\b(?i:(?:tens|hundreds)\s{1,2}of\s{1,2}(?:thousands|millions|billions)|thousands|millions|billions|trillions)\s{1,2}(?i:of)\s{1,2}(?:{CURADJ}\s{1,2})?(?i:dollars|euros|pounds|yen|yuan|roubles|rubles|dinars|dirhams|riyals|rials|pesos|rupees|francs|shekels)\b",
            super::plain,
        ),
        // ----- quantities -----
        quantity(
            "percent",
            PERCENT,
            r"[-+−]?\b(?:{NUM}|{NUMWORD})(?:{RANGE}(?:{NUM}|{NUMWORD}))?\s?(?:%|(?i:per\s?cent|percent|percentage\s{1,2}points?)\b)",
        ),
        Spec::new(
            "measure",
            Kind::Quantity,
            MEASURE,
            &format!(
                r"\b(?:{{NUM}}|{{NUMWORD}})(?:{{RANGE}}(?:{{NUM}}|{{NUMWORD}}))?(?:\s{{1,2}}{{SCALEW}})?(?:\s|-)?{units}(?:\s{{1,2}}(?i:per|a|an)\s{{1,2}}(?i:hour|day|second|month|year)\b|/(?:h|hr|s|d|day|yr)\b)?"
            ),
            super::plain,
        ),
        quantity(
            "temperature",
            MEASURE,
            r"[-+−]?\b{NUM}\s?(?:[°º]\s?[CF]\b|℃|℉|(?i:degrees?\s{1,2}(?:celsius|fahrenheit|centigrade))\b|degrees?\s{1,2}[CF]\b)",
        ),
        quantity("mach", MEASURE, r"\bMach\s?[0-9]{1,2}(?:\.[0-9]{1,2})?\b"),
        quantity(
            "calibre pair",
            MEASURE,
            r"\b[0-9]{1,3}(?:\.[0-9]{1,2})?\s?[x×]\s?[0-9]{2,3}\s?mm\b",
        ),
        quantity(
            "calibre",
            MEASURE,
            r"(?:\b[0-9]{1,3})?\.[0-9]{2,3}(?:-|\s)?(?i:calibre|caliber|cal)\b",
        ),
        // ----- frequencies -----
        Spec::new(
            "frequency",
            Kind::Frequency,
            FREQUENCY,
            r"\b{DEC}(?:{RANGE}{DEC})?\s?(?i:[kmgt]?hz|(?:kilo|mega|giga|tera)?hertz)\b",
            super::plain,
        ),
    ]);
}

/// An amount with a currency name. "a dollar" is not an amount worth a mention
/// ("a" needs a scale: "a billion dollars"); "pounds" and "won" are also a
/// weight and a verb, so they need a scale, a nationality or "sterling"; and
/// "5 million pounds of explosives" is a weight.
fn currency_name(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let has_scale = caps.name("scale").is_some();
    let has_adj = caps.name("adj").is_some();
    let amount = caps.name("amount").map_or("", |m| m.as_str());
    if amount.eq_ignore_ascii_case("a") && !has_scale {
        return None;
    }
    let cur = caps
        .name("cur")
        .map_or("", |m| m.as_str())
        .to_ascii_lowercase();
    let ambiguous = cur == "pound" || cur == "pounds" || cur == "won";
    if ambiguous && !has_scale && !has_adj {
        return None;
    }
    if cur.starts_with("pound") && !has_adj {
        let rest = text.get(end..).unwrap_or("").trim_start();
        if rest.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("of ")) {
            return None;
        }
    }
    Some((start, end))
}

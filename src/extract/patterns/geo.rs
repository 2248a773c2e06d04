//! Map coordinates, labelled Location.
//!
//! Scores: 0.95 for latitude/longitude with hemispheres or degree signs
//! ("32.8872° N, 13.1913° E", "32°53'14\"N 13°11'29\"E"); 0.85 for MGRS and UTM
//! grid references ("33S UB 12345 67890"); 0.8 for a bare decimal pair
//! ("32.8872, 13.1913"), which could also be two numbers of a list.

use regex::Captures;

use super::{group, span, Kind, Spec};

const HEMISPHERE: f32 = 0.95;
const GRID: f32 = 0.85;
const BARE_PAIR: f32 = 0.8;

pub(super) fn specs(out: &mut Vec<Spec>) {
    let geo = |name, score, template: &str, check| {
        Spec::new(name, Kind::Coordinates, score, template, check)
    };
    // Degrees, minutes, seconds: the symbols and their look-alikes ("º" is the
    // ordinal sign, often typed for the degree sign).
    let dms = |d: &str, m: &str, s: &str, h: &str| {
        format!(
            r#"(?P<{d}>[0-9]{{1,3}})\s?[°º˚]\s?(?P<{m}>[0-9]{{1,2}}(?:\.[0-9]{{1,4}})?)\s?['′’]\s?(?:(?P<{s}>[0-9]{{1,2}}(?:\.[0-9]{{1,3}})?)\s?(?:"|″|''|′′|”|’’)\s?)?(?P<{h}>[NSEW])\b"#
        )
    };
    let dms_pair = format!(
        r"\b{}[,;]?\s{{0,3}}{}",
        dms("d1", "m1", "s1", "h1"),
        dms("d2", "m2", "s2", "h2")
    );
    out.extend([
        geo(
            "decimal with hemispheres",
            HEMISPHERE,
            r"\b(?P<a>[0-9]{1,3}(?:\.[0-9]{1,8})?)\s?(?P<da>[°º˚])?\s?(?P<h1>[NSEW])\b,?\s{0,3}(?P<b>[0-9]{1,3}(?:\.[0-9]{1,8})?)\s?(?P<db>[°º˚])?\s?(?P<h2>[NSEW])\b",
            decimal_pair,
        ),
        geo(
            "hemispheres first",
            HEMISPHERE,
            r"\b(?P<h1>[NSEW])\s?(?P<a>[0-9]{1,3}(?:\.[0-9]{1,8})?)\s?(?P<da>[°º˚])?,?\s{1,3}(?P<h2>[NSEW])\s?(?P<b>[0-9]{1,3}(?:\.[0-9]{1,8})?)(?:\s?(?P<db>[°º˚]))?",
            decimal_pair,
        ),
        geo("degrees minutes seconds", HEMISPHERE, &dms_pair, dms_check),
        geo(
            "bare decimal pair",
            BARE_PAIR,
            r"(?P<a>-?\b[0-9]{1,2}\.[0-9]{2,8}),\s{0,2}(?P<b>-?\b[0-9]{1,3}\.[0-9]{2,8})\b",
            bare_pair,
        ),
        geo(
            "mgrs",
            GRID,
            r"\b(?:60|[1-5][0-9]|0?[1-9])[C-HJ-NP-X]\s?[A-HJ-NP-Z][A-HJ-NP-V]\s?(?:(?P<e>[0-9]{1,5})\s(?P<n>[0-9]{1,5})|(?P<d>[0-9]{2,10}))\b",
            mgrs,
        ),
        geo(
            "utm",
            GRID,
            r"\b(?:60|[1-5][0-9]|0?[1-9])\s?[C-HJ-NP-X]\s{1,2}[1-9][0-9]{5}(?:\s?mE|E)?\s{1,2}[0-9]{6,7}(?:\s?mN|N)?\b",
            super::plain,
        ),
    ]);
}

/// Latitude and longitude in range, one of each (N/S then E/W, or the other
/// way round).
fn lat_lon_ok(a: f64, ha: &str, b: f64, hb: &str) -> bool {
    let is_lat = |h: &str| h == "N" || h == "S";
    match (is_lat(ha), is_lat(hb)) {
        (true, false) => a <= 90.0 && b <= 180.0,
        (false, true) => a <= 180.0 && b <= 90.0,
        _ => false,
    }
}

/// Hemisphere pair: in range, and each number is a decimal or carries a degree
/// sign, so "5 N, 10 E" (a list) is not a position.
fn decimal_pair(_text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (a_text, b_text) = (group(caps, "a"), group(caps, "b"));
    let (a, b): (f64, f64) = (a_text.parse().ok()?, b_text.parse().ok()?);
    let marked = |num: &str, deg: &str| num.contains('.') || caps.name(deg).is_some();
    if !marked(a_text, "da") || !marked(b_text, "db") {
        return None;
    }
    lat_lon_ok(a, group(caps, "h1"), b, group(caps, "h2"))
        .then(|| span(caps))
        .flatten()
}

fn dms_check(_text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let part = |name: &str| -> Option<f64> {
        match caps.name(name) {
            Some(m) => m.as_str().parse().ok(),
            None => Some(0.0),
        }
    };
    let mut deg = [0.0; 2];
    for (i, (d, m, s)) in [("d1", "m1", "s1"), ("d2", "m2", "s2")]
        .into_iter()
        .enumerate()
    {
        let (d, m, s) = (part(d)?, part(m)?, part(s)?);
        if m >= 60.0 || s >= 60.0 {
            return None;
        }
        deg[i] = d + m / 60.0 + s / 3600.0;
    }
    lat_lon_ok(deg[0], group(caps, "h1"), deg[1], group(caps, "h2"))
        .then(|| span(caps))
        .flatten()
}

/// "32.8872, 13.1913": both in range, and not two items of a longer list of
/// numbers ("1.25, 3.75, 4.50").
fn bare_pair(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let (a, b): (f64, f64) = (
        group(caps, "a").parse().ok()?,
        group(caps, "b").parse().ok()?,
    );
    if a.abs() > 90.0 || b.abs() > 180.0 {
        return None;
    }
    let head = text.get(..start).unwrap_or("").trim_end_matches(' ');
    let tail = text.get(end..).unwrap_or("");
    let listed_before = head
        .strip_suffix(',')
        .is_some_and(|h| h.trim_end().ends_with(|c: char| c.is_ascii_digit()));
    let listed_after = tail.strip_prefix(',').is_some_and(|t| {
        t.trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || c == '-')
    });
    (!listed_before && !listed_after).then_some((start, end))
}

/// MGRS: an even number of digits (2 to 10) split evenly between easting and
/// northing. With any space in the reference, the digits must come as two
/// equal groups: "3D TV 2024" is not a grid square.
fn mgrs(text: &str, caps: &Captures<'_>) -> Option<(usize, usize)> {
    let (start, end) = span(caps)?;
    let ok = match (caps.name("e"), caps.name("n"), caps.name("d")) {
        (Some(e), Some(n), _) => e.as_str().len() == n.as_str().len(),
        (_, _, Some(d)) => {
            d.as_str().len() % 2 == 0 && !text.get(start..end)?.contains(char::is_whitespace)
        }
        _ => false,
    };
    ok.then_some((start, end))
}

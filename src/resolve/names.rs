//! Name forms for matching mentions of one entity: normalised words, display
//! names, acronyms.

/// Words that do not count towards an acronym ("Islamic State of Iraq and the
/// Levant" is ISIL) and may be dropped in a shorter form of a name.
const MINOR_WORDS: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "de", "du", "des", "la", "le", "al", "el",
    "&",
];

/// The surface without a leading article, a possessive ending or surrounding
/// punctuation: "the United States'" gives "United States", "Haftar's" gives
/// "Haftar".
pub(crate) fn display(surface: &str) -> &str {
    let mut s = surface.trim_matches(|c: char| c.is_whitespace() || is_edge_punct(c));
    for article in ["the ", "The ", "THE "] {
        if let Some(rest) = s.strip_prefix(article) {
            s = rest;
        }
    }
    for possessive in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if let Some(rest) = s.strip_suffix(possessive) {
            s = rest;
            break;
        }
    }
    s.trim_matches(|c: char| c.is_whitespace() || is_edge_punct(c))
}

fn is_edge_punct(c: char) -> bool {
    matches!(
        c,
        ',' | ';'
            | ':'
            | '"'
            | '\u{201c}'
            | '\u{201d}'
            | '('
            | ')'
            | '['
            | ']'
            | '\u{ab}'
            | '\u{bb}'
    )
}

/// Lowercase words of a display name, dots dropped ("U.S." gives "us"), so that
/// case and punctuation variants compare equal.
pub(crate) fn words(display: &str) -> Vec<String> {
    display
        .split(|c: char| c.is_whitespace() || c == '-' || c == '\u{2010}')
        .map(|w| {
            w.chars()
                .filter(|c| !matches!(c, '.' | ',' | '\'' | '\u{2019}'))
                .flat_map(char::to_lowercase)
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The acronym a one-word mention spells, lowercase: "ISIL", "U.S.", "UNSMIL".
/// None for words that are not written in capitals or are too short or long.
pub(crate) fn as_acronym(display: &str) -> Option<String> {
    let letters: String = display.chars().filter(|c| *c != '.').collect();
    let n = letters.chars().count();
    let capitals = letters.chars().all(|c| c.is_uppercase());
    ((2..=10).contains(&n) && capitals).then(|| letters.to_lowercase())
}

/// Whether `acronym` spells the initials of a multi-word name, with its minor
/// words skipped ("Islamic State of Iraq and the Levant" is ISIL) or counted
/// ("United Nations Support Mission in Libya" is UNSMIL).
pub(crate) fn spells(acronym: &str, words: &[String]) -> bool {
    words.len() >= 2 && initials(words).iter().any(|i| i == acronym)
}

/// The two acronyms a name's words could give: initials with minor words
/// skipped, then of every word.
pub(crate) fn initials(words: &[String]) -> [String; 2] {
    let of = |skip_minor: bool| -> String {
        words
            .iter()
            .filter(|w| !(skip_minor && MINOR_WORDS.contains(&w.as_str())))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    [of(true), of(false)]
}

/// Whether `short` ends `long` word for word and is shorter: "Haftar" ends
/// "Khalifa Haftar", "Bernardino Leon" ends "UN Envoy Bernardino Leon".
pub(crate) fn is_tail_of(short: &[String], long: &[String]) -> bool {
    !short.is_empty() && short.len() < long.len() && long.ends_with(short)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Vec<String> {
        words(display(s))
    }

    #[test]
    fn display_forms() {
        assert_eq!(display("the United States"), "United States");
        assert_eq!(display("Haftar's"), "Haftar");
        assert_eq!(display("Haftar\u{2019}s"), "Haftar");
        assert_eq!(display("\u{201c}Libya Dawn\u{201d},"), "Libya Dawn");
        assert_eq!(display("Reuters'"), "Reuters");
        assert_eq!(display("The"), "The");
    }

    #[test]
    fn variants_share_words() {
        assert_eq!(w("U.S."), w("US"));
        assert_eq!(w("the UNITED STATES"), w("United States"));
        assert_eq!(w("al-Hassi"), ["al", "hassi"]);
        assert!(w("...").is_empty());
    }

    #[test]
    fn acronyms_and_initials() {
        assert_eq!(as_acronym("ISIL").as_deref(), Some("isil"));
        assert_eq!(as_acronym("U.S.").as_deref(), Some("us"));
        assert_eq!(as_acronym("Isil"), None);
        assert_eq!(as_acronym("A"), None);
        assert!(spells("isil", &w("Islamic State of Iraq and the Levant")));
        assert!(spells(
            "unsmil",
            &w("United Nations Support Mission in Libya")
        ));
        assert!(spells("un", &w("United Nations")));
        assert!(!spells("l", &w("the Levant")));
        assert!(!spells("isl", &w("Islamic State of Iraq and the Levant")));
    }

    #[test]
    fn tails() {
        assert!(is_tail_of(&w("Haftar"), &w("Khalifa Haftar")));
        assert!(!is_tail_of(&w("Khalifa"), &w("Khalifa Haftar")));
        assert!(!is_tail_of(&w("Khalifa Haftar"), &w("Khalifa Haftar")));
        assert!(!is_tail_of(&[], &w("Khalifa Haftar")));
    }
}

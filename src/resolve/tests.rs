use std::sync::Arc;

use super::*;
use crate::extract::Source;

/// Mentions of `text` given as (surface, occurrence, label, canonical id).
fn mentions(text: &str, spans: &[(&str, usize, &str, Option<&str>)]) -> Vec<Mention> {
    let mut out: Vec<Mention> = spans
        .iter()
        .map(|&(surface, nth, label, id)| {
            let start = text
                .match_indices(surface)
                .nth(nth)
                .map(|(i, _)| i)
                .expect("surface in text");
            Mention {
                start,
                end: start + surface.len(),
                label: Label::parse(label).expect("label"),
                score: 0.5,
                source: Source::Model,
                kb: id.map(|id| KbRef {
                    id: Arc::from(id),
                    name: Arc::from(format!("canonical {id}").as_str()),
                }),
            }
        })
        .collect();
    out.sort_by_key(|m| m.start);
    out
}

/// The groups as lists of mention texts, and the entity keys.
fn groups(text: &str, spans: &[(&str, usize, &str, Option<&str>)]) -> Vec<(Vec<String>, String)> {
    let doc = Document::new(text);
    let ms = mentions(text, spans);
    let r = resolve(&doc, &ms);
    assert_eq!(r.entity_of.len(), ms.len());
    for (i, e) in r.entity_of.iter().enumerate() {
        assert!(r.entities[*e].mentions.contains(&i));
    }
    r.entities
        .iter()
        .map(|e| {
            let texts = e
                .mentions
                .iter()
                .map(|&i| text[ms[i].start..ms[i].end].to_string())
                .collect();
            (texts, e.key.clone())
        })
        .collect()
}

fn texts(g: &[(Vec<String>, String)]) -> Vec<Vec<&str>> {
    g.iter()
        .map(|(t, _)| t.iter().map(String::as_str).collect())
        .collect()
}

#[test]
fn surnames_link_to_the_full_name() {
    let text = "Khalifa Haftar met Bernardino Leon. Later Haftar's forces moved and Leon left. Haftar spoke.";
    let g = groups(
        text,
        &[
            ("Khalifa Haftar", 0, "Person", None),
            ("Bernardino Leon", 0, "Person", None),
            ("Haftar", 1, "Location", None), // a tagger's mistake does not split him
            ("Leon", 1, "Person", None),
            ("Haftar", 2, "Person", None),
        ],
    );
    assert_eq!(
        texts(&g),
        [
            vec!["Khalifa Haftar", "Haftar", "Haftar"],
            vec!["Bernardino Leon", "Leon"]
        ]
    );
    assert_eq!(g[0].1, "Person:khalifa haftar");
}

#[test]
fn ambiguous_surnames_stay_apart() {
    let text = "Bernardino Leon and Maria Leon met. Leon spoke.";
    let g = groups(
        text,
        &[
            ("Bernardino Leon", 0, "Person", None),
            ("Maria Leon", 0, "Person", None),
            ("Leon", 2, "Person", None),
        ],
    );
    assert_eq!(g.len(), 3);
    assert_eq!(g[2].1, "Person:leon");
}

#[test]
fn acronyms_in_either_order() {
    let text = "The Islamic State of Iraq and the Levant (ISIL) attacked. ISIL withdrew. \
                UNSMIL said the United Nations Support Mission in Libya would stay.";
    let g = groups(
        text,
        &[
            (
                "Islamic State of Iraq and the Levant",
                0,
                "Organisation",
                None,
            ),
            ("ISIL", 0, "Organisation", None),
            ("ISIL", 1, "Organisation", None),
            ("UNSMIL", 0, "Organisation", None),
            (
                "United Nations Support Mission in Libya",
                0,
                "Organisation",
                None,
            ),
        ],
    );
    assert_eq!(
        texts(&g),
        [
            vec!["Islamic State of Iraq and the Levant", "ISIL", "ISIL"],
            vec!["UNSMIL", "United Nations Support Mission in Libya"]
        ]
    );
    // The name is the fullest form, whichever came first.
    assert_eq!(
        g[1].1,
        "Organisation:united nations support mission in libya"
    );
}

#[test]
fn canonical_ids_and_variants() {
    let text =
        "The UAE and the United Arab Emirates, the U.S. and the US, Washington and Egypt's army.";
    let g = groups(
        text,
        &[
            ("UAE", 0, "Location", Some("country:AE")),
            ("United Arab Emirates", 0, "Location", Some("country:AE")),
            ("U.S.", 0, "Location", None),
            ("US", 0, "Location", None),
            ("Washington", 0, "Location", Some("geonames:4140963")),
            ("Egypt's", 0, "Location", Some("country:EG")),
        ],
    );
    assert_eq!(
        texts(&g),
        [
            vec!["UAE", "United Arab Emirates"],
            vec!["U.S.", "US"],
            vec!["Washington"],
            vec!["Egypt's"]
        ]
    );
    assert_eq!(g[0].1, "country:AE");
    assert_eq!(g[1].1, "Location:us");
    assert_eq!(g[3].1, "country:EG");
}

#[test]
fn different_ids_never_merge() {
    // Two places called Tripoli: same words, different canonical entities.
    let text = "Tripoli in Libya and Tripoli in Lebanon.";
    let g = groups(
        text,
        &[
            ("Tripoli", 0, "Location", Some("geonames:1")),
            ("Tripoli", 1, "Location", Some("geonames:2")),
        ],
    );
    assert_eq!(g.len(), 2);
}

#[test]
fn nationalities_point_at_their_country_and_possessors_at_their_entity() {
    let text = "Libyan officials said Haftar's forces met Khalifa Haftar.";
    let doc = Document::new(text);
    let ms = mentions(
        text,
        &[
            ("Libyan", 0, "Nationality", Some("demonym:LY")),
            ("Haftar's forces", 0, "Organisation", None),
            ("Khalifa Haftar", 0, "Person", None),
        ],
    );
    let r = resolve(&doc, &ms);
    assert_eq!(r.country, [Some("country:LY".to_string()), None, None]);
    let haftar = r.entity_of[2];
    assert_eq!(r.owner, [None, Some(haftar), None]);
    // The forces keep their own entity.
    assert_ne!(r.entity_of[1], haftar);
}

#[test]
fn empty_and_odd_input() {
    let doc = Document::new("");
    assert_eq!(resolve(&doc, &[]), Resolution::default());
    let text = "... and (.)";
    let g = groups(
        text,
        &[
            ("...", 0, "Organisation", None),
            ("(.)", 0, "Organisation", None),
        ],
    );
    assert_eq!(g.len(), 2);
}

#[test]
fn do_not_merge_list_is_honoured() {
    let text = "Bernardino Leon arrived. Leon spoke.";
    let doc = Document::new(text);
    let ms = mentions(
        text,
        &[
            ("Bernardino Leon", 0, "Person", None),
            ("Leon", 1, "Person", None),
        ],
    );
    assert_eq!(resolve(&doc, &ms).entities.len(), 1);
    for (a, b) in [
        ("Person:leon", "Person:bernardino leon"),
        ("Person:bernardino leon", "Person:leon"),
    ] {
        let r = Resolver::new().do_not_merge(a, b).resolve(&doc, &ms);
        let keys: Vec<&str> = r.entities.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(keys, ["Person:bernardino leon", "Person:leon"]);
    }
    // Other pairs are unaffected.
    let r = Resolver::new()
        .do_not_merge("Person:leon", "Person:maria leon")
        .resolve(&doc, &ms);
    assert_eq!(r.entities.len(), 1);
}

#[test]
fn parenthesised_names_of_organisations_and_equipment() {
    let text = "U.S. Naval Forces Central Command (NAVCENT) sent USS Hopper (DDG 70) to \
                Tobruk (Libya). NAVCENT said so.";
    let g = groups(
        text,
        &[
            ("U.S. Naval Forces Central Command", 0, "Organisation", None),
            ("NAVCENT", 0, "Organisation", None),
            ("USS Hopper", 0, "MilitaryPlatform", None),
            ("DDG 70", 0, "MilitaryPlatform", None),
            ("Tobruk", 0, "Location", None),
            ("Libya", 0, "Location", Some("country:LY")),
            ("NAVCENT", 1, "Organisation", None),
        ],
    );
    assert_eq!(
        texts(&g),
        [
            vec!["U.S. Naval Forces Central Command", "NAVCENT", "NAVCENT"],
            vec!["USS Hopper", "DDG 70"],
            vec!["Tobruk"],
            vec!["Libya"]
        ]
    );
}

#[test]
fn entity_aliases_and_sentences() {
    let text = "Haftar met Khalifa Haftar. Haftar left. Haftar's men stayed. Sisi waited.";
    let doc = Document::new(text);
    let ms = mentions(
        text,
        &[
            ("Haftar", 0, "Person", None),
            ("Khalifa Haftar", 0, "Person", None),
            ("Haftar", 2, "Person", None),
            ("Haftar", 3, "Person", None),
            ("Sisi", 0, "Person", None),
        ],
    );
    let r = resolve(&doc, &ms);
    let haftar = &r.entities[r.entity_of[0]];
    assert_eq!(haftar.mentions.len(), 4);
    // Most frequent first; "Khalifa Haftar" once.
    assert_eq!(
        haftar.aliases(text, &ms),
        vec![("Haftar", 3), ("Khalifa Haftar", 1)]
    );
    assert_eq!(haftar.sentence_count(&doc, &ms), 3);
    let sisi = &r.entities[r.entity_of[4]];
    assert_eq!(sisi.aliases(text, &ms), vec![("Sisi", 1)]);
    assert_eq!(sisi.sentence_count(&doc, &ms), 1);
}

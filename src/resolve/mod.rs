//! Entity resolution within a document: which mentions name the same entity.
//!
//! Rules, each linking two mentions (their groups merge, union-find):
//!
//! 1. the same canonical entity from the gazetteer ("UAE" and "United Arab
//!    Emirates" are both `country:AE`);
//! 2. the same name up to case, punctuation, a leading "the" and a possessive
//!    ("U.S." and "US", "Haftar's" and "Haftar"), with the same label, when the
//!    gazetteer does not tell them apart;
//! 3. a shorter person name that ends exactly one longer person name of the
//!    document ("Haftar" and "Khalifa Haftar", "Leon" and "Bernardino Leon");
//!    with two candidates ("Leon" and two different Leons) it stays alone;
//! 4. an acronym spelled by the initials of exactly one longer name ("ISIL" and
//!    "Islamic State of Iraq and the Levant"), in either order;
//! 5. a name with another of the same label in parentheses right after it, for
//!    organisations and equipment: "U.S. Naval Forces Central Command
//!    (NAVCENT)", "USS Hopper (DDG 70)". Places and people are left out:
//!    "Tobruk (Libya)" names two places.
//!
//! Rules 3 to 5 are guesses, so a [`Resolver`] can be told pairs of names
//! never to link that way (an analyst's "do not merge" list). They also link a
//! mention typed differently when the gazetteer has no say in it: a tagger calling a lone surname a Location should not split one
//! person in two. Each group becomes an [`Entity`]: its name is the canonical
//! one, else the fullest form; its label that name's mention's; its key the
//! canonical id, else `label:lowercase name`, which the corpus statistics merge
//! across documents. Pronouns and nominal mentions ("the rebels") are not
//! resolved.

pub(crate) mod names;

use std::collections::{HashMap, HashSet};

use crate::extract::{KbRef, Label, Mention};
use crate::text::Document;

/// One entity of a document and the mentions that name it.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Corpus-wide key: the canonical id, else `label:lowercase name`.
    pub key: String,
    /// Canonical name, else the fullest form found in the document.
    pub name: String,
    /// Entity type.
    pub label: Label,
    /// Canonical entity, when the gazetteer knows it.
    pub kb: Option<KbRef>,
    /// Indices of its mentions, in text order.
    pub mentions: Vec<usize>,
}

/// The entities of a document and, per mention, links into them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Resolution {
    /// Entities in order of first mention.
    pub entities: Vec<Entity>,
    /// For mention i, the index of its entity.
    pub entity_of: Vec<usize>,
    /// For mention i, the key of the country it refers to, for nationalities the
    /// gazetteer knows ("Libyan" gives `country:LY`).
    pub country: Vec<Option<String>>,
    /// For mention i, the entity index of its possessor in a span like
    /// "Haftar's forces", when that name is an entity of the document.
    pub owner: Vec<Option<usize>>,
}

/// Resolution with an analyst's corrections: pairs of entity keys (as
/// [`Entity::key`] gives them for each name alone) that rules 3 and 4 must not
/// link. Canonical ids are the analyst's to set through gazetteer entries, which
/// rule 1 follows.
#[derive(Clone, Debug, Default)]
pub struct Resolver {
    do_not_merge: HashSet<(String, String)>,
}

impl Entity {
    /// The surface forms of its mentions (`mentions` are the ones it indexes,
    /// in `text`) with their counts, most frequent first, then in string order.
    pub fn aliases<'t>(&self, text: &'t str, mentions: &[Mention]) -> Vec<(&'t str, usize)> {
        let mut forms: Vec<&str> = self
            .mentions
            .iter()
            .filter_map(|&i| mentions.get(i).and_then(|m| text.get(m.start..m.end)))
            .collect();
        forms.sort_unstable();
        let mut counted: Vec<(&str, usize)> = Vec::new();
        for form in forms {
            match counted.last_mut() {
                Some((last, n)) if *last == form => *n += 1,
                _ => counted.push((form, 1)),
            }
        }
        counted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        counted
    }

    /// Number of sentences of `doc` in which one of its mentions starts.
    pub fn sentence_count(&self, doc: &Document, mentions: &[Mention]) -> usize {
        let mut sentences: Vec<usize> = self
            .mentions
            .iter()
            .filter_map(|&i| mentions.get(i))
            .map(|m| doc.sentences.partition_point(|s| s.start <= m.start))
            .collect();
        sentences.dedup(); // mentions are in text order, so sentences are sorted
        sentences.len()
    }
}

impl Resolver {
    /// A resolver with no corrections.
    pub fn new() -> Resolver {
        Resolver::default()
    }

    /// Never links a name keyed `a` to one keyed `b` by surname or acronym
    /// ("Person:leon" and "Person:maria leon"). Order does not matter.
    pub fn do_not_merge(mut self, a: &str, b: &str) -> Resolver {
        self.do_not_merge.insert(ordered(a, b));
        self
    }

    /// Resolves the mentions of one document (sorted by start, as the pipeline
    /// gives them).
    pub fn resolve(&self, doc: &Document, mentions: &[Mention]) -> Resolution {
        resolve_with(self, doc, mentions)
    }

    /// Whether the analyst said never to link entity keys `a` and `b`.
    pub fn forbids_keys(&self, a: &str, b: &str) -> bool {
        !self.do_not_merge.is_empty() && self.do_not_merge.contains(&ordered(a, b))
    }

    /// The pairs [`Resolver::do_not_merge`] was given, sorted.
    pub fn do_not_merge_pairs(&self) -> Vec<(String, String)> {
        let mut pairs: Vec<_> = self.do_not_merge.iter().cloned().collect();
        pairs.sort();
        pairs
    }

    fn forbids(&self, a: &Name, b: &Name) -> bool {
        !self.do_not_merge.is_empty() && self.forbids_keys(&a.key(), &b.key())
    }
}

fn ordered(a: &str, b: &str) -> (String, String) {
    if a <= b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// What resolution needs to know of one mention.
struct Name {
    display: String,
    words: Vec<String>,
    label: Label,
    kb: Option<KbRef>,
}

impl Name {
    /// The key this name would have as an entity of its own.
    fn key(&self) -> String {
        match &self.kb {
            Some(kb) => kb.id.to_string(),
            None => format!("{}:{}", self.label, self.words.join(" ")),
        }
    }
}

/// Union-find over mention indices.
struct Groups(Vec<usize>);

impl Groups {
    fn find(&mut self, i: usize) -> usize {
        let mut root = i;
        while self.0[root] != root {
            root = self.0[root];
        }
        let mut j = i;
        while self.0[j] != root {
            let next = self.0[j];
            self.0[j] = root;
            j = next;
        }
        root
    }

    /// Merges the groups of `a` and `b`; the smaller index stays the root, so the
    /// result does not depend on the order links are found.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        let (keep, drop) = (ra.min(rb), ra.max(rb));
        self.0[drop] = keep;
    }
}

/// Resolves the mentions of one document (sorted by start, as the pipeline
/// gives them) with no corrections.
pub fn resolve(doc: &Document, mentions: &[Mention]) -> Resolution {
    resolve_with(&Resolver::default(), doc, mentions)
}

fn resolve_with(resolver: &Resolver, doc: &Document, mentions: &[Mention]) -> Resolution {
    let names: Vec<Name> = mentions
        .iter()
        .map(|m| {
            let display = names::display(&doc.text[m.start..m.end]).to_string();
            Name {
                words: names::words(&display),
                display,
                label: m.label.clone(),
                kb: m.kb.clone(),
            }
        })
        .collect();
    let mut groups = Groups((0..names.len()).collect());
    link_same_entities(&names, &mut groups);
    link_short_forms(resolver, &names, &mut groups);
    link_parenthesised(resolver, doc, mentions, &names, &mut groups);
    let mut resolution = collect(&names, &mut groups);
    resolution.country = names.iter().map(country_of).collect();
    let owners = Owners::new(&names);
    resolution.owner = mentions
        .iter()
        .map(|m| owners.of(&doc.text[m.start..m.end], &resolution))
        .collect();
    resolution
}

/// Rules 1 and 2: the same canonical id, or the same words and label without
/// conflicting ids.
fn link_same_entities(names: &[Name], groups: &mut Groups) {
    let mut first_by_id: std::collections::HashMap<&str, usize> = Default::default();
    let mut first_by_name: std::collections::HashMap<(&Label, &[String]), usize> =
        Default::default();
    for (i, n) in names.iter().enumerate() {
        if let Some(kb) = &n.kb {
            match first_by_id.get(&*kb.id) {
                Some(&j) => groups.union(i, j),
                None => {
                    first_by_id.insert(&kb.id, i);
                }
            }
        }
        if n.words.is_empty() {
            continue;
        }
        match first_by_name.get(&(&n.label, n.words.as_slice())) {
            Some(&j) if compatible_ids(&names[j], n) => groups.union(i, j),
            Some(_) => {}
            None => {
                first_by_name.insert((&n.label, &n.words), i);
            }
        }
    }
}

fn compatible_ids(a: &Name, b: &Name) -> bool {
    match (&a.kb, &b.kb) {
        (Some(x), Some(y)) => x.id == y.id,
        _ => true,
    }
}

/// Rule 5: "Name (Other name)" for labels where a parenthesis gives another
/// name of the same thing rather than a place or an affiliation.
fn link_parenthesised(
    resolver: &Resolver,
    doc: &Document,
    mentions: &[Mention],
    names: &[Name],
    groups: &mut Groups,
) {
    for (i, pair) in mentions.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let between = &doc.text[a.end..b.start];
        let closes = doc.text[b.end..].trim_start().starts_with(')');
        let same_thing = a.label == b.label
            && matches!(
                a.label,
                Label::Organisation | Label::MilitaryPlatform | Label::Vehicle | Label::Weapon
            );
        if same_thing
            && between.trim() == "("
            && closes
            && compatible_ids(&names[i], &names[i + 1])
            && !resolver.forbids(&names[i], &names[i + 1])
        {
            groups.union(i, i + 1);
        }
    }
}

/// Rules 3 and 4: surnames and acronyms to the one longer name they fit.
///
/// Each short name is compared only with the longer names that could fit it:
/// the person names ending in its last word and the other names whose
/// initials are its acronym, looked up by hash, each distinct name once. A
/// scan of every pair took 25 s for a 400 kB text that repeats a few names
/// (15,000 mentions); the lookups give the same links in linear time.
fn link_short_forms(resolver: &Resolver, names: &[Name], groups: &mut Groups) {
    // Distinct longer names (label, words, id), each at its first mention: the
    // match below depends on nothing else, so the first matching mention of a
    // scan in text order is the first mention of the first matching distinct name.
    let mut firsts: Vec<usize> = Vec::new();
    let mut seen: HashSet<(&Label, &[String], Option<&str>)> = HashSet::new();
    let mut by_last_word: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for (j, long) in names.iter().enumerate() {
        if long.words.len() < 2 || !seen.insert((&long.label, &long.words, kb_id(long))) {
            continue;
        }
        if long.label == Label::Person {
            if let Some(last) = long.words.last() {
                by_last_word.entry(last).or_default().push(j);
            }
        } else {
            for initials in names::initials(&long.words) {
                by_initials.entry(initials).or_default().push(j);
            }
        }
        firsts.push(j);
    }
    // Shorts with the same label, words, id and acronym find the same name.
    type ShortKey<'n> = (&'n Label, &'n [String], Option<&'n str>, Option<String>);
    let mut found: HashMap<ShortKey<'_>, Option<usize>> = HashMap::new();
    let mut candidates: Vec<usize> = Vec::new();
    for (i, short) in names.iter().enumerate() {
        let name_like = matches!(
            short.label,
            Label::Person | Label::Organisation | Label::Location
        );
        if short.words.is_empty() || !name_like {
            continue;
        }
        let acronym = (short.words.len() == 1)
            .then(|| names::as_acronym(&short.display))
            .flatten();
        let key = (&short.label, &short.words[..], kb_id(short), acronym);
        let target = match found.get(&key) {
            Some(&target) => target,
            None => {
                candidates.clear();
                if let Some(last) = short.words.last() {
                    candidates.extend(by_last_word.get(last.as_str()).into_iter().flatten());
                }
                if let Some(a) = &key.3 {
                    candidates.extend(by_initials.get(a).into_iter().flatten());
                }
                candidates.sort_unstable();
                candidates.dedup();
                let target =
                    fitting_long_name(resolver, names, short, key.3.as_deref(), &candidates);
                found.insert(key, target);
                target
            }
        };
        if let Some(j) = target {
            groups.union(i, j);
        }
    }
}

fn kb_id(name: &Name) -> Option<&str> {
    name.kb.as_ref().map(|kb| &*kb.id)
}

/// The one longer name among `candidates` (mention indices in text order) that
/// `short` is the surname or the acronym of; None when none or several fit.
fn fitting_long_name(
    resolver: &Resolver,
    names: &[Name],
    short: &Name,
    acronym: Option<&str>,
    candidates: &[usize],
) -> Option<usize> {
    let mut candidate: Option<usize> = None;
    for &j in candidates {
        let long = &names[j];
        if !compatible_ids(short, long) {
            continue;
        }
        let surname = long.label == Label::Person
            && short.kb.is_none()
            && names::is_tail_of(&short.words, &long.words);
        let spelled =
            long.label != Label::Person && acronym.is_some_and(|a| names::spells(a, &long.words));
        if !(surname || spelled) || resolver.forbids(short, long) {
            continue;
        }
        match candidate {
            None => candidate = Some(j),
            // Another mention of the same long name is no ambiguity.
            Some(c) if names[c].words == long.words => {}
            Some(_) => return None,
        }
    }
    candidate
}

/// Turns the groups into entities, in order of first mention.
fn collect(names: &[Name], groups: &mut Groups) -> Resolution {
    let mut entity_of = vec![usize::MAX; names.len()];
    let mut entities: Vec<Entity> = Vec::new();
    let mut entity_of_root: std::collections::HashMap<usize, usize> = Default::default();
    for i in 0..names.len() {
        let root = groups.find(i);
        let e = *entity_of_root.entry(root).or_insert_with(|| {
            entities.push(Entity {
                key: String::new(),
                name: String::new(),
                label: names[i].label.clone(),
                kb: None,
                mentions: Vec::new(),
            });
            entities.len() - 1
        });
        entities[e].mentions.push(i);
        entity_of[i] = e;
    }
    for e in &mut entities {
        // The name-giving mention: one the gazetteer knows, else the most words,
        // else the first.
        let best = e
            .mentions
            .iter()
            .copied()
            .max_by_key(|&i| {
                (
                    names[i].kb.is_some(),
                    names[i].words.len(),
                    std::cmp::Reverse(i),
                )
            })
            .unwrap_or(e.mentions[0]);
        let n = &names[best];
        e.label = n.label.clone();
        e.kb = n.kb.clone();
        e.name = match &n.kb {
            Some(kb) => kb.name.to_string(),
            None => n.display.clone(),
        };
        e.key = n.key();
    }
    Resolution {
        entities,
        entity_of,
        ..Resolution::default()
    }
}

/// `country:XX` for a nationality whose canonical id is `demonym:XX`.
fn country_of(n: &Name) -> Option<String> {
    let kb = n.kb.as_ref()?;
    let code = kb.id.strip_prefix("demonym:")?;
    (n.label == Label::Nationality).then(|| format!("country:{code}"))
}

/// The names a possessive can point at, indexed so that a text with many
/// "X's forces" spans does not compare each with every mention.
struct Owners<'n> {
    /// The first mention with these words.
    first_by_words: HashMap<&'n [String], usize>,
    /// Person mentions by their last word, in text order.
    people_by_last_word: HashMap<&'n str, Vec<usize>>,
    names: &'n [Name],
}

impl<'n> Owners<'n> {
    fn new(names: &'n [Name]) -> Owners<'n> {
        let mut first_by_words = HashMap::new();
        let mut people_by_last_word: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, n) in names.iter().enumerate() {
            first_by_words.entry(&n.words[..]).or_insert(i);
            if let (Label::Person, Some(last)) = (&n.label, n.words.last()) {
                people_by_last_word.entry(last).or_default().push(i);
            }
        }
        Owners {
            first_by_words,
            people_by_last_word,
            names,
        }
    }

    /// The entity named before "'s" in a mention like "Haftar's forces": a
    /// mention with exactly those words, else the one person name they end.
    fn of(&self, surface: &str, resolution: &Resolution) -> Option<usize> {
        let cut = surface.find("'s ").or_else(|| surface.find("\u{2019}s "))?;
        let owner = names::words(names::display(&surface[..cut]));
        let last = owner.last()?;
        let exact = self.first_by_words.get(&owner[..]).copied();
        let found = exact.or_else(|| {
            let mut people = self
                .people_by_last_word
                .get(last.as_str())?
                .iter()
                .copied()
                .filter(|&i| names::is_tail_of(&owner, &self.names[i].words));
            let first = people.next()?;
            let entity = resolution.entity_of[first];
            people
                .all(|i| resolution.entity_of[i] == entity)
                .then_some(first)
        });
        found.map(|i| resolution.entity_of[i])
    }
}

#[cfg(test)]
mod tests;

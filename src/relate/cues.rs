//! Word lists the relation classifier and the relation flags read: trigger
//! words by kind of relation, and negation, modality and reported-speech cues.
//!
//! Triggers are matched on lowercase word prefixes ("attack" covers "attacks",
//! "attacked", "attacking"), a cheap stand-in for stemming that is good enough
//! for the verbs and nouns news uses.

use crate::fasthash::FastMap;
use crate::text::Document;

/// What a trigger word signals.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// Violence and coercion: fight, attack, bomb, strike, clash.
    Conflict,
    /// Support and alignment: ally, back, support, coordinate, aid.
    Cooperation,
    /// Talking: meet, talk, call, host, negotiate.
    Communication,
    /// Leadership: lead, command, head, control.
    Leadership,
    /// Membership: member, part, belong, join.
    Membership,
    /// Place: in, at, near, visit, arrive, deploy.
    Location,
    /// Disapproval: condemn, criticise, oppose, accuse.
    Disapproval,
    /// Approval: praise, welcome, thank, commend.
    Approval,
}

impl Trigger {
    pub(crate) const ALL: [Trigger; 8] = [
        Trigger::Conflict,
        Trigger::Cooperation,
        Trigger::Communication,
        Trigger::Leadership,
        Trigger::Membership,
        Trigger::Location,
        Trigger::Disapproval,
        Trigger::Approval,
    ];

    /// Its bit in [`TokenCues`] (bits 0 to 7, in declaration order).
    fn bit(self) -> u16 {
        1 << self as u16
    }

    /// A short name, for feature keys.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Trigger::Conflict => "conflict",
            Trigger::Cooperation => "cooperation",
            Trigger::Communication => "communication",
            Trigger::Leadership => "leadership",
            Trigger::Membership => "membership",
            Trigger::Location => "location",
            Trigger::Disapproval => "disapproval",
            Trigger::Approval => "approval",
        }
    }

    /// How the trigger shades a relation's tone, in `[-1, 1]`.
    pub(crate) fn tone(self) -> f32 {
        match self {
            Trigger::Conflict => -1.0,
            Trigger::Disapproval => -0.5,
            Trigger::Cooperation => 0.7,
            Trigger::Approval => 0.5,
            Trigger::Communication => 0.3,
            Trigger::Leadership | Trigger::Membership | Trigger::Location => 0.0,
        }
    }

    #[rustfmt::skip]
    fn prefixes(self) -> &'static [&'static str] {
        match self {
            Trigger::Conflict => &[
                "fight", "fought", "attack", "bomb", "strike", "struck", "airstrike", "clash",
                "kill", "shell", "assault", "raid", "battl", "combat", "target", "destroy",
                "offensive", "invad", "invasion", "seiz", "captur", "ambush", "war", "hostil",
                "counter", "defeat", "oust", "expel", "besieg", "siege", "sanction", "threat",
                "coerc", "against",
            ],
            Trigger::Cooperation => &[
                "ally", "allied", "allies", "alliance", "back", "support", "coordinat", "aid",
                "assist", "help", "partner", "cooperat", "collaborat", "train", "equip", "supply",
                "supplied", "arm", "fund", "coalition", "joint", "together", "with", "reinforc",
                "protect", "defend",
            ],
            Trigger::Communication => &[
                "meet", "met", "talk", "call", "host", "negotiat", "discuss", "spoke", "speak",
                "visit", "confer", "dialogue", "envoy", "agree", "sign", "mediat", "contact",
                "consult", "told", "tell", "announc", "urg", "ask",
            ],
            Trigger::Leadership => &[
                "lead", "led", "leader", "command", "head", "control", "chief", "direct", "run",
                "ran", "govern", "president", "minister", "general", "commander", "secretary",
                "chairman", "oversee", "oversaw",
            ],
            Trigger::Membership => &[
                "member", "part", "belong", "join", "affiliat", "of", "'s", "within", "unit",
                "faction", "branch", "division", "loyal",
            ],
            Trigger::Location => &[
                "in", "at", "near", "visit", "arriv", "deploy", "station", "base", "locat", "from",
                "into", "across", "outside", "inside", "north", "south", "east", "west", "off",
            ],
            Trigger::Disapproval => &[
                "condemn", "criticis", "criticiz", "oppos", "accus", "denounc", "reject", "blame",
                "protest", "deplor", "warn", "rival", "enem",
            ],
            Trigger::Approval => &[
                "prais", "welcom", "thank", "commend", "applaud", "congratulat", "friend",
                "endors", "recogni", "appreciat",
            ],
        }
    }

    /// The kinds of trigger `word` (lowercase) is. Short prefixes ("in", "of",
    /// "back", "with") take only inflections, or "interview" would be a place
    /// and "withdraw" support.
    pub(crate) fn of(word: &str) -> impl Iterator<Item = Trigger> + '_ {
        Trigger::ALL
            .into_iter()
            .filter(move |t| t.prefixes().iter().any(|p| matches_prefix(word, p)))
    }
}

const INFLECTIONS: &[&str] = &["", "s", "es", "ed", "d", "ing", "er", "ers"];

fn matches_prefix(word: &str, prefix: &str) -> bool {
    match word.strip_prefix(prefix) {
        None => false,
        Some(_) if prefix.len() > 4 => true,
        Some(rest) => INFLECTIONS.contains(&rest),
    }
}

/// Words that negate what follows ("did not attack", "has yet to meet").
const NEGATIONS: &[&str] = &[
    "not", "no", "never", "n't", "neither", "nor", "without", "denied", "denies", "deny", "yet",
    "refused", "refuses", "cannot", "failed",
];

/// Words that make a statement hypothetical: modals, conditionals, plans.
const MODALITY: &[&str] = &[
    "if",
    "could",
    "would",
    "should",
    "might",
    "may",
    "must",
    "will",
    "shall",
    "can",
    "unless",
    "whether",
    "possible",
    "possibly",
    "likely",
    "unlikely",
    "plan",
    "plans",
    "planned",
    "intend",
    "intends",
    "threatened",
    "threatens",
    "expected",
    "potential",
    "propose",
    "proposed",
    "consider",
    "considering",
    "seek",
    "seeks",
    "hope",
    "hopes",
];

/// Words that mark reported speech ("said", "according to").
const REPORTING_WORDS: &[&str] = &[
    "said",
    "says",
    "say",
    "according",
    "reported",
    "reports",
    "claimed",
    "claims",
    "stated",
    "states",
    "told",
    "announced",
    "alleged",
    "allegedly",
    "reportedly",
    "quoted",
    "added",
    "noted",
    "insisted",
    "confirmed",
];

/// Whether lowercase `word` negates.
pub(crate) fn is_negation(word: &str) -> bool {
    NEGATIONS.contains(&word)
}

/// Whether lowercase `word` makes a statement hypothetical.
pub(crate) fn is_modal(word: &str) -> bool {
    MODALITY.contains(&word)
}

/// Whether lowercase `word` marks reported speech.
pub(crate) fn is_reporting(word: &str) -> bool {
    REPORTING_WORDS.contains(&word)
}

/// Bit of [`TokenCues`]: a negation.
pub(crate) const NEGATION: u16 = 1 << 8;
/// Bit of [`TokenCues`]: a modal.
pub(crate) const MODAL: u16 = 1 << 9;
/// Bit of [`TokenCues`]: a reporting word.
pub(crate) const REPORTING: u16 = 1 << 10;
/// Bit of [`TokenCues`]: a conditional ("if", "unless", "whether").
pub(crate) const CONDITIONAL: u16 = 1 << 11;

/// The lowercase form and cue bits of a document's tokens, computed once per
/// document for the sentences relations are sought in: every candidate pair
/// reads the same tokens, and lowercasing and prefix matching per pair cost
/// more than the classifier itself. Bits 0-7 are [`Trigger::ALL`]'s kinds.
pub(crate) struct TokenCues {
    lower: Vec<String>,
    bits: Vec<u16>,
}

impl TokenCues {
    /// Cues of the tokens of `sentences` (indices, in any order, repeats
    /// allowed); other tokens read as empty words without cues. `words`
    /// keeps each token's lowercase form too (the classifier's features need
    /// them; flags and tone only need the bits).
    pub(crate) fn new(
        doc: &Document,
        sentences: impl IntoIterator<Item = usize>,
        words: bool,
    ) -> TokenCues {
        let n = doc.tokens.len();
        let mut cues = TokenCues {
            lower: if words {
                vec![String::new(); n]
            } else {
                Vec::new()
            },
            bits: vec![0; n],
        };
        // Bits by the token's own text: repeated words are looked up, not
        // lowercased and matched again.
        let mut known: FastMap<&str, u16> = FastMap::default();
        let mut done = vec![false; doc.sentences.len()];
        for s in sentences {
            if std::mem::replace(&mut done[s], true) {
                continue;
            }
            for i in doc.sentences[s].tokens.clone() {
                let text = doc.token_text(i);
                cues.bits[i] = *known
                    .entry(text)
                    .or_insert_with(|| bits_of(&text.to_lowercase()));
                if words {
                    cues.lower[i] = text.to_lowercase();
                }
            }
        }
        cues
    }

    /// Token `i`, lowercased (empty unless built with `words`).
    pub(crate) fn lower(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    /// Whether token `i` has cue `bit`.
    pub(crate) fn has(&self, i: usize, bit: u16) -> bool {
        self.bits[i] & bit != 0
    }

    /// The trigger kinds of token `i`.
    pub(crate) fn triggers(&self, i: usize) -> impl Iterator<Item = Trigger> + '_ {
        let bits = self.bits[i];
        Trigger::ALL
            .into_iter()
            .filter(move |t| bits & t.bit() != 0)
    }
}

fn bits_of(word: &str) -> u16 {
    let mut bits = Trigger::of(word).fold(0u16, |b, t| b | t.bit());
    for (yes, bit) in [
        (is_negation(word), NEGATION),
        (is_modal(word), MODAL),
        (is_reporting(word), REPORTING),
        (matches!(word, "if" | "unless" | "whether"), CONDITIONAL),
    ] {
        if yes {
            bits |= bit;
        }
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(word: &str) -> Vec<Trigger> {
        Trigger::of(word).collect()
    }

    #[test]
    fn triggers_match_word_forms_not_lookalikes() {
        assert_eq!(kinds("attacked"), [Trigger::Conflict]);
        assert_eq!(kinds("negotiations"), [Trigger::Communication]);
        assert!(kinds("supported").contains(&Trigger::Cooperation));
        assert_eq!(kinds("in"), [Trigger::Location]);
        // short prefixes do not swallow longer words
        assert!(kinds("interview").is_empty());
        assert!(kinds("often").is_empty());
        assert!(kinds("the").is_empty());
        assert!(!kinds("withdrew").contains(&Trigger::Cooperation));
        assert!(kinds("backed").contains(&Trigger::Cooperation));
    }

    #[test]
    fn token_cues_match_the_word_lists() {
        let doc = Document::new("If Egypt did not attack, officials said. Next sentence.");
        let cues = TokenCues::new(&doc, [0, 0], true);
        assert_eq!(cues.lower(0), "if");
        assert!(cues.has(0, CONDITIONAL) && cues.has(0, MODAL));
        assert!(cues.has(3, NEGATION) && cues.has(7, REPORTING));
        assert_eq!(cues.triggers(4).collect::<Vec<_>>(), [Trigger::Conflict]);
        // the second sentence was not asked for
        assert_eq!(cues.lower(doc.sentences[1].tokens.start), "");
    }

    #[test]
    fn cues() {
        assert!(is_negation("not") && is_modal("could") && is_reporting("said"));
        assert!(!is_negation("note") && !is_modal("maybe") && !is_reporting("sad"));
    }
}

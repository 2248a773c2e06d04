//! Feature extraction for the tagger: each token becomes a list of hashed
//! feature keys.
//!
//! Keys are 32-bit hashes of (template, value), computed without allocating a
//! string per feature. With a few million distinct features in the training
//! data, 32 bits give a handful of collisions, which cost nothing measurable
//! (the same trade feature-hashing taggers make) and keep the model compact.

use super::super::heuristic::Lexicon;
use super::super::Mention;
use crate::text::Document;

/// A fast, deterministic 64-bit hash (FxHash's multiply-rotate over 8-byte
/// chunks). Deterministic across runs and platforms, unlike std's RandomState,
/// which a saved model requires.
#[derive(Clone, Copy)]
struct Hash(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hash {
    fn new(template: u8) -> Hash {
        Hash(SEED).word(u64::from(template) + 1)
    }

    fn word(self, w: u64) -> Hash {
        Hash((self.0.rotate_left(5) ^ w).wrapping_mul(SEED))
    }

    fn bytes(mut self, bytes: &[u8]) -> Hash {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut b = [0u8; 8];
            b.copy_from_slice(c);
            self = self.word(u64::from_le_bytes(b));
        }
        let rest = chunks.remainder();
        let mut b = [0u8; 8];
        b[..rest.len()].copy_from_slice(rest);
        // The length separates "ab" + "" from "a" + "b" in multi-part features.
        self.word(u64::from_le_bytes(b) ^ ((rest.len() as u64) << 59))
    }

    fn str(self, s: &str) -> Hash {
        self.bytes(s.as_bytes())
    }

    fn key(self) -> u32 {
        // The high half of a multiplicative hash is its best-mixed part.
        let h = self.0 ^ (self.0 >> 29);
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as u32
    }
}

/// Per-token values computed once per sentence and shared by the templates.
struct TokenInfo<'a> {
    word: &'a str,
    lower: String,
    shape: String,
    short_shape: String,
    /// Label and BILOU position of a higher-precedence mention covering the
    /// token ("B-Location"), from the gazetteer or patterns.
    prior: Option<(char, &'a str)>,
}

fn shapes(word: &str) -> (String, String) {
    let mut shape = String::with_capacity(word.len());
    let mut short = String::new();
    for c in word.chars().take(24) {
        let s = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        shape.push(s);
        if !short.ends_with(s) {
            short.push(s);
        }
    }
    (shape, short)
}

const BOS: &str = "<s>";
const EOS: &str = "</s>";

/// Feature templates. The numbers are part of the model format: renumbering
/// them invalidates trained models, so new templates get new numbers.
mod t {
    pub const BIAS: u8 = 0;
    pub const LOWER: u8 = 1;
    pub const WORD: u8 = 2;
    pub const SHAPE: u8 = 3;
    pub const SHORT_SHAPE: u8 = 4;
    pub const PREFIX: u8 = 5;
    pub const SUFFIX: u8 = 6;
    pub const LOWER_PREV: u8 = 7;
    pub const LOWER_NEXT: u8 = 8;
    pub const LOWER_PREV2: u8 = 9;
    pub const LOWER_NEXT2: u8 = 10;
    pub const SHAPE_PREV: u8 = 11;
    pub const SHAPE_NEXT: u8 = 12;
    pub const BIGRAM_PREV: u8 = 13;
    pub const BIGRAM_NEXT: u8 = 14;
    pub const SHAPE_TRIGRAM: u8 = 15;
    pub const FIRST_IN_SENTENCE: u8 = 16;
    pub const COMMON_WORD: u8 = 17;
    pub const GIVEN_NAME: u8 = 18;
    pub const PRIOR: u8 = 19;
    pub const PRIOR_PREV: u8 = 20;
    pub const PRIOR_NEXT: u8 = 21;
    pub const GIVEN_PREV: u8 = 22;
    pub const LOWER_SHAPE_NEXT: u8 = 23;
    pub const CAPS_SENTENCE: u8 = 24;
    pub const SUFFIX_PREV: u8 = 25;
    pub const SUFFIX_NEXT: u8 = 26;
    pub const SHAPE_PREV2: u8 = 27;
}

/// Feature keys for every token of one sentence: `out[i]` lists token i's keys.
/// `tokens` is the sentence's token index range in `doc`; `prior` the mentions
/// of higher-precedence sources, sorted by start.
pub(crate) fn sentence_features(
    doc: &Document,
    tokens: std::ops::Range<usize>,
    prior: &[Mention],
    lexicon: &Lexicon,
) -> Vec<Vec<u32>> {
    let infos: Vec<TokenInfo> = tokens
        .clone()
        .map(|i| {
            let t = doc.tokens[i];
            let word = &doc.text[t.start..t.end];
            let (shape, short_shape) = shapes(word);
            TokenInfo {
                word,
                lower: word.to_lowercase(),
                shape,
                short_shape,
                prior: prior_tag(prior, t.start, t.end),
            }
        })
        .collect();
    let n = infos.len();
    // A token field at position i, with sentence-boundary markers outside.
    let field = |i: isize, get: for<'b> fn(&'b TokenInfo<'_>) -> &'b str| -> &str {
        if i < 0 {
            BOS
        } else if i as usize >= n {
            EOS
        } else {
            get(&infos[i as usize])
        }
    };
    let lower = |i: isize| field(i, |x| x.lower.as_str());
    let short = |i: isize| field(i, |x| x.short_shape.as_str());
    let prior_at = |i: isize| -> Option<(char, &str)> {
        (i >= 0 && (i as usize) < n)
            .then(|| infos[i as usize].prior)
            .flatten()
    };
    // Headlines and datelines are often in capitals, where shape says nothing:
    // flag such sentences so the model can weigh shape features differently.
    let words = infos
        .iter()
        .filter(|x| x.word.chars().any(char::is_alphabetic));
    let (mut letters, mut upper) = (0usize, 0usize);
    for w in words {
        letters += 1;
        upper += usize::from(!w.word.chars().any(char::is_lowercase));
    }
    let caps_sentence = letters >= 3 && upper * 10 >= letters * 8;
    let suffix3 = |i: isize| -> &str {
        let w = lower(i);
        let start = w.char_indices().rev().nth(2).map_or(0, |(b, _)| b);
        &w[start..]
    };
    let mut out = Vec::with_capacity(n);
    for (i, info) in infos.iter().enumerate() {
        let ii = i as isize;
        let mut f: Vec<u32> = Vec::with_capacity(40);
        let l = info.lower.as_str();
        f.push(Hash::new(t::BIAS).key());
        f.push(Hash::new(t::LOWER).str(l).key());
        f.push(Hash::new(t::WORD).str(info.word).key());
        f.push(Hash::new(t::SHAPE).str(&info.shape).key());
        f.push(Hash::new(t::SHORT_SHAPE).str(&info.short_shape).key());
        // Prefixes and suffixes of 1 to 4 chars, cut on char boundaries.
        let mut ends = l.char_indices().map(|(b, _)| b).skip(1).chain([l.len()]);
        let mut starts = l.char_indices().rev().map(|(b, _)| b);
        for k in 1..=4u64 {
            let (Some(end), Some(start)) = (ends.next(), starts.next()) else {
                break;
            };
            f.push(Hash::new(t::PREFIX).word(k).str(&l[..end]).key());
            f.push(Hash::new(t::SUFFIX).word(k).str(&l[start..]).key());
        }
        f.push(Hash::new(t::LOWER_PREV).str(lower(ii - 1)).key());
        f.push(Hash::new(t::LOWER_NEXT).str(lower(ii + 1)).key());
        f.push(Hash::new(t::LOWER_PREV2).str(lower(ii - 2)).key());
        f.push(Hash::new(t::LOWER_NEXT2).str(lower(ii + 2)).key());
        f.push(Hash::new(t::SHAPE_PREV).str(short(ii - 1)).key());
        f.push(Hash::new(t::SHAPE_NEXT).str(short(ii + 1)).key());
        f.push(Hash::new(t::BIGRAM_PREV).str(lower(ii - 1)).str(l).key());
        f.push(Hash::new(t::BIGRAM_NEXT).str(l).str(lower(ii + 1)).key());
        f.push(
            Hash::new(t::SHAPE_TRIGRAM)
                .str(short(ii - 1))
                .str(&info.short_shape)
                .str(short(ii + 1))
                .key(),
        );
        f.push(
            Hash::new(t::LOWER_SHAPE_NEXT)
                .str(l)
                .str(short(ii + 1))
                .key(),
        );
        if i == 0 {
            f.push(Hash::new(t::FIRST_IN_SENTENCE).str(&info.short_shape).key());
        }
        if caps_sentence {
            f.push(Hash::new(t::CAPS_SENTENCE).key());
            f.push(Hash::new(t::CAPS_SENTENCE).str(l).key());
        }
        f.push(Hash::new(t::SUFFIX_PREV).str(suffix3(ii - 1)).key());
        f.push(Hash::new(t::SUFFIX_NEXT).str(suffix3(ii + 1)).key());
        f.push(
            Hash::new(t::SHAPE_PREV2)
                .str(short(ii - 2))
                .str(short(ii - 1))
                .key(),
        );
        if lexicon.is_common_lower(l) {
            f.push(Hash::new(t::COMMON_WORD).str(&info.short_shape).key());
        }
        if lexicon.is_given_lower(l) {
            f.push(Hash::new(t::GIVEN_NAME).key());
        }
        if i > 0 && lexicon.is_given_lower(lower(ii - 1)) {
            f.push(Hash::new(t::GIVEN_PREV).str(&info.short_shape).key());
        }
        for (template, p) in [
            (t::PRIOR, info.prior),
            (t::PRIOR_PREV, prior_at(ii - 1)),
            (t::PRIOR_NEXT, prior_at(ii + 1)),
        ] {
            if let Some((pos, label)) = p {
                f.push(Hash::new(template).word(pos as u64).str(label).key());
                f.push(Hash::new(template).str(label).key());
            }
        }
        out.push(f);
    }
    out
}

/// The BILOU position and label of the prior mention covering byte span
/// `start..end`, if any.
fn prior_tag(prior: &[Mention], start: usize, end: usize) -> Option<(char, &str)> {
    let i = prior.partition_point(|m| m.end <= start);
    let m = prior.get(i)?;
    if m.start >= end {
        return None;
    }
    let pos = match (m.start >= start, m.end <= end) {
        (true, true) => 'U',
        (true, false) => 'B',
        (false, true) => 'L',
        (false, false) => 'I',
    };
    Some((pos, m.label.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_distinct() {
        // Saved models depend on these values never changing.
        assert_eq!(
            Hash::new(t::LOWER).str("libya").key(),
            Hash::new(t::LOWER).str("libya").key()
        );
        assert_ne!(
            Hash::new(t::LOWER).str("ab").key(),
            Hash::new(t::LOWER).str("ba").key()
        );
        assert_ne!(
            Hash::new(t::BIGRAM_PREV).str("ab").str("").key(),
            Hash::new(t::BIGRAM_PREV).str("a").str("b").key()
        );
        assert_ne!(
            Hash::new(t::LOWER).str("x").key(),
            Hash::new(t::WORD).str("x").key()
        );
    }

    #[test]
    fn shapes_of_words() {
        assert_eq!(shapes("Haftar"), ("Xxxxxx".into(), "Xx".into()));
        assert_eq!(shapes("U.S."), ("X.X.".into(), "X.X.".into()));
        assert_eq!(shapes("1,000"), ("d,ddd".into(), "d,d".into()));
        assert_eq!(shapes("Zürich"), ("Xxxxxx".into(), "Xx".into()));
    }

    #[test]
    fn features_per_token() {
        let doc = Document::from_words(&["Haftar", "met", "Leon"]);
        let f = sentence_features(&doc, 0..3, &[], &Lexicon::new());
        assert_eq!(f.len(), 3);
        assert!(f.iter().all(|keys| keys.len() > 20));
        // the same word in the same context gives the same keys
        let again = sentence_features(&doc, 0..3, &[], &Lexicon::new());
        assert_eq!(f, again);
    }
}

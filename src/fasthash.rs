//! A fast, non-keyed hasher for the core's internal maps.
//!
//! std's default SipHash resists hash flooding at several times the cost. The
//! maps using this one are keyed by numbers the core made (feature hashes,
//! entity numbers) or by words from our own data files, so flooding is not a
//! threat there; maps keyed by user text keep SipHash.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

const MULTIPLIER: u64 = 0x9E37_79B9_7F4A_7C15;

/// One multiply per word spreads the bits so the table's control bytes (taken
/// from the top bits) stay well distributed.
#[derive(Default, Clone, Copy)]
pub(crate) struct KeyHasher(u64);

impl KeyHasher {
    fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(8) ^ word).wrapping_mul(MULTIPLIER);
    }
}

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // A product's low bits depend only on the input's low bits, and hashbrown
        // picks buckets by the low bits: keys differing only in their high half
        // (pairs of entity numbers packed in a u64) would all share a handful of
        // buckets. Folding the high half down spreads them.
        self.0 ^ (self.0 >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.mix(u64::from(b));
        }
    }
    fn write_u32(&mut self, k: u32) {
        self.mix(u64::from(k));
    }
    fn write_u64(&mut self, k: u64) {
        self.mix(k);
    }
}

/// A `HashMap` with [`KeyHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<KeyHasher>>;
/// A `HashSet` with [`KeyHasher`].
pub(crate) type FastSet<K> = HashSet<K, BuildHasherDefault<KeyHasher>>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn hash(value: impl Hash) -> u64 {
        let mut h = KeyHasher::default();
        value.hash(&mut h);
        h.finish()
    }

    #[test]
    fn keys_differing_in_their_high_half_spread_over_buckets() {
        // Bucket = low bits of the hash, as hashbrown takes them.
        let buckets: std::collections::HashSet<u64> =
            (0..1000u64).map(|hi| hash(hi << 32 | 7) & 0xFFFF).collect();
        assert!(buckets.len() > 900, "{} buckets", buckets.len());
    }

    #[test]
    fn every_part_of_a_key_counts() {
        // Two words written one after the other must both reach the hash.
        assert_ne!(hash((1u32, 2u32)), hash((3u32, 2u32)));
        assert_ne!(hash(1u64 << 40), hash(2u64 << 40));
        assert_ne!(hash("ab"), hash("ba"));
    }
}

//! The feature index of a trained model: feature key → its run of (tag, weight)
//! entries.
//!
//! Why not a `HashMap`: tagging looks up some 35 keys per token, most of them
//! cache misses, and most context keys (word bigrams) are absent from the
//! model. Keys are already well-mixed hashes and the table is built once, so
//! open addressing with linear probing over a flat array of keys does: probing
//! touches only the keys (4 bytes a slot, about 1 MB for the bundled model,
//! small enough to stay in a core's L2 cache), and a hit reads its range from a
//! parallel array.

/// Marks an empty slot in `keys`. A real key equal to it is kept aside.
const EMPTY: u32 = 0;

/// An immutable map from feature key to a range of entries.
#[derive(Clone, Debug, Default)]
pub(crate) struct WeightIndex {
    keys: Vec<u32>,
    /// `(start, len)` of the entries of the key in the same slot.
    ranges: Vec<(u32, u32)>,
    /// The range of key [`EMPTY`], which cannot live in `keys`.
    empty_key: Option<(u32, u32)>,
    /// `64 - log2(keys.len())`: the top bits of the mixed key pick the slot.
    shift: u32,
    len: usize,
}

impl WeightIndex {
    /// Builds the index from `(key, start, end)` triples; empty ranges are
    /// skipped. Returns the first duplicated key as the error.
    pub(crate) fn build(
        ranges: impl ExactSizeIterator<Item = (u32, u32, u32)>,
    ) -> Result<WeightIndex, u32> {
        // At most half full: probes stay short even for absent keys.
        let capacity = (ranges.len() * 2).next_power_of_two().max(2);
        let mut index = WeightIndex {
            keys: vec![EMPTY; capacity],
            ranges: vec![(0, 0); capacity],
            empty_key: None,
            shift: 64 - capacity.trailing_zeros(),
            len: 0,
        };
        for (key, start, end) in ranges {
            if end > start && !index.insert(key, (start, end - start)) {
                return Err(key);
            }
        }
        Ok(index)
    }

    fn home(&self, key: u32) -> usize {
        (u64::from(key).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    /// Inserts a new key; false when it is already present.
    fn insert(&mut self, key: u32, range: (u32, u32)) -> bool {
        if key == EMPTY {
            let fresh = self.empty_key.is_none();
            if fresh {
                self.empty_key = Some(range);
                self.len += 1;
            }
            return fresh;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.home(key);
        loop {
            if self.keys[i] == EMPTY {
                self.keys[i] = key;
                self.ranges[i] = range;
                self.len += 1;
                return true;
            }
            if self.keys[i] == key {
                return false;
            }
            i = (i + 1) & mask;
        }
    }

    /// The entry range of `key`.
    #[inline]
    pub(crate) fn get(&self, key: u32) -> Option<std::ops::Range<usize>> {
        let found = if key == EMPTY {
            self.empty_key?
        } else {
            let mask = self.keys.len() - 1;
            let mut i = self.home(key);
            loop {
                let k = self.keys[i];
                if k == key {
                    break self.ranges[i];
                }
                if k == EMPTY {
                    return None;
                }
                i = (i + 1) & mask;
            }
        };
        let start = found.0 as usize;
        Some(start..start + found.1 as usize)
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Every `(key, entry range)`, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, std::ops::Range<usize>)> + '_ {
        let stored = self
            .keys
            .iter()
            .zip(&self.ranges)
            .filter(|(k, _)| **k != EMPTY);
        let aside = self.empty_key.iter().map(|r| (&EMPTY, r));
        stored.chain(aside).map(|(&k, &(start, len))| {
            let start = start as usize;
            (k, start..start + len as usize)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_what_was_built_and_nothing_else() {
        let triples: Vec<(u32, u32, u32)> = (0..1000u32).map(|k| (k * 7919, k, k + 3)).collect();
        let index = WeightIndex::build(triples.iter().copied()).expect("no duplicates");
        assert_eq!(index.len(), 1000);
        for &(key, start, end) in &triples {
            assert_eq!(index.get(key), Some(start as usize..end as usize));
        }
        assert_eq!(index.get(1), None);
        assert_eq!(index.iter().count(), 1000);
    }

    #[test]
    fn key_zero_and_colliding_keys_work() {
        // Keys equal modulo the table size land on one home slot and probe on.
        let triples = [(0u32, 0u32, 1u32), (1 << 31, 1, 2), (u32::MAX, 2, 5)];
        let index = WeightIndex::build(triples.into_iter()).expect("no duplicates");
        assert_eq!(index.len(), 3);
        assert_eq!(index.iter().count(), 3);
        assert_eq!(index.get(0), Some(0..1));
        assert_eq!(
            WeightIndex::build([(0, 0, 1), (0, 1, 2)].into_iter()).err(),
            Some(0)
        );
        assert_eq!(index.get(1 << 31), Some(1..2));
        assert_eq!(index.get(u32::MAX), Some(2..5));
    }

    #[test]
    fn duplicates_and_empty_ranges() {
        assert_eq!(
            WeightIndex::build([(5, 0, 1), (5, 1, 2)].into_iter()).err(),
            Some(5)
        );
        let index = WeightIndex::build([(5, 3, 3)].into_iter()).expect("builds");
        assert_eq!(index.get(5), None);
        assert_eq!(index.len(), 0);
        assert_eq!(
            WeightIndex::build(std::iter::empty()).map(|i| i.len()),
            Ok(0)
        );
    }
}

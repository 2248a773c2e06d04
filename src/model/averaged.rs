//! Sparse weights under averaged-perceptron training (Collins 2002), shared by
//! the tagger and the relation classifier.
//!
//! Averaging is lazy: a weight's running `total` is brought up to date only when
//! the weight changes, and once at the end, so an update costs O(1) however
//! many steps have passed.

use super::weights::WeightIndex;
use crate::fasthash::FastMap;

/// One trained weight: its class, current value and running sum.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Slot {
    pub(crate) class: u16,
    pub(crate) weight: f32,
    /// Sum of the weight over all past steps up to `stamp`.
    total: f64,
    stamp: u32,
}

impl Slot {
    pub(crate) fn new(class: usize) -> Slot {
        Slot {
            class: class as u16,
            weight: 0.0,
            total: 0.0,
            stamp: 0,
        }
    }

    /// Adds `delta` at step `now`.
    pub(crate) fn bump(&mut self, now: u32, delta: f32) {
        self.total += f64::from(now - self.stamp) * f64::from(self.weight);
        self.stamp = now;
        self.weight += delta;
    }

    /// The weight averaged over steps `1..=now`.
    pub(crate) fn average(&self, now: u32) -> f32 {
        let total = self.total + f64::from(now - self.stamp) * f64::from(self.weight);
        (total / f64::from(now.max(1))) as f32
    }
}

/// Feature weights per class, keyed by hashed feature.
#[derive(Default)]
pub(crate) struct AveragedWeights {
    features: FastMap<u32, Vec<Slot>>,
    /// The training step: advance it once per example with [`AveragedWeights::tick`].
    pub(crate) now: u32,
}

impl AveragedWeights {
    pub(crate) fn tick(&mut self) {
        self.now += 1;
    }

    /// Adds `delta` to feature `key`'s weight for `class`.
    pub(crate) fn update(&mut self, key: u32, class: usize, delta: f32) {
        let now = self.now;
        let row = self.features.entry(key).or_default();
        match row.iter_mut().find(|s| s.class as usize == class) {
            Some(slot) => slot.bump(now, delta),
            None => row.push(Slot {
                class: class as u16,
                weight: delta,
                total: 0.0,
                stamp: now,
            }),
        }
    }

    /// Adds the current weights of `keys` into `scores` (one per class).
    pub(crate) fn score_into(&self, scores: &mut [f32], keys: &[u32]) {
        for k in keys {
            if let Some(slots) = self.features.get(k) {
                for s in slots {
                    scores[s.class as usize] += s.weight;
                }
            }
        }
    }

    /// The averaged weights as a sparse table (index, classes, values), entries
    /// whose magnitude is below `prune` dropped; keys and classes sorted, so the
    /// table is a function of the training alone.
    pub(crate) fn averaged(&self, prune: f32) -> (WeightIndex, Vec<u16>, Vec<f32>) {
        let mut keys: Vec<&u32> = self.features.keys().collect();
        keys.sort_unstable();
        let mut ranges = Vec::with_capacity(keys.len());
        let (mut classes, mut values) = (Vec::new(), Vec::new());
        for k in keys {
            let start = classes.len() as u32;
            let mut slots: Vec<(u16, f32)> = self.features[k]
                .iter()
                .map(|s| (s.class, s.average(self.now)))
                .filter(|(_, w)| w.abs() >= prune)
                .collect();
            slots.sort_unstable_by_key(|s| s.0);
            for (c, w) in slots {
                classes.push(c);
                values.push(w);
            }
            ranges.push((*k, start, classes.len() as u32));
        }
        // Keys come from a map, so they are distinct.
        let index = WeightIndex::build(ranges.into_iter()).unwrap_or_default();
        (index, classes, values)
    }
}

/// A small deterministic generator for the epoch shuffles (xorshift64*).
pub(crate) struct Rng(u64);

impl Rng {
    /// A generator for `seed`. xorshift needs a non-zero state; shifting the
    /// seed past the low bit that `| 1` sets keeps seeds 2k and 2k + 1 apart
    /// (they used to shuffle alike), and seed 0 shuffles as it always did.
    pub(crate) fn new(seed: u64) -> Rng {
        Rng((seed << 1) ^ 0x9E37_79B9_7F4A_7C15 | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seeds_shuffle_differently_and_seed_zero_as_before() {
        assert_eq!(Rng::new(0).0, 0x9E37_79B9_7F4A_7C15);
        let orders: Vec<Vec<u32>> = (0..4)
            .map(|seed| {
                let mut v: Vec<u32> = (0..20).collect();
                Rng::new(seed).shuffle(&mut v);
                v
            })
            .collect();
        for (i, a) in orders.iter().enumerate() {
            for b in &orders[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    #[test]
    fn averages_over_every_step() {
        let mut w = AveragedWeights::default();
        // Steps 1 and 2: weight 1 then 3; step 3: unchanged (3).
        w.tick();
        w.update(7, 2, 1.0);
        w.tick();
        w.update(7, 2, 2.0);
        w.tick();
        let (index, classes, values) = w.averaged(0.0);
        let range = index.get(7).expect("kept");
        assert_eq!(classes[range.clone()], [2]);
        // (the weight after each step: 1, 3, 3) / 3 ... counted from each update's
        // stamp: 1·1 + 3·1 = 4 by step 3, over 3 steps.
        assert!((values[range][0] - 4.0 / 3.0).abs() < 1e-6);
        let mut scores = [0.0; 3];
        w.score_into(&mut scores, &[7, 8]);
        assert_eq!(scores, [0.0, 0.0, 3.0]);
    }
}

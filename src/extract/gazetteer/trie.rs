//! A byte trie of folded aliases in flat arrays, built from sorted keys.
//!
//! Why not Aho-Corasick: the gazetteer keeps only matches that start on a word
//! boundary, so it never needs failure links; it walks the trie from each
//! possible start instead. Building the crate's automaton for the bundled 139k
//! aliases took 0.5-0.8 s whatever its options (failure links, then the
//! contiguous copy, about a million small allocations); sorting the keys and
//! laying the trie out breadth-first takes a tenth of that, and the arrays are
//! a single allocation each.

/// No terminal at this node.
const NONE: u32 = u32::MAX;

/// Keys (byte strings, repeats allowed) in a trie whose nodes are numbered
/// breadth-first, so the children of node `i` are the consecutive nodes
/// `first_child[i]..first_child[i + 1]`, sorted by the byte on their edge.
#[derive(Clone, Debug)]
pub(super) struct KeyTrie {
    /// One more entry than there are nodes; node 0 is the root.
    first_child: Vec<u32>,
    /// The byte on the edge into each node (0 for the root).
    byte: Vec<u8>,
    /// Per node, the index into `terminals` of the keys ending there, or `NONE`.
    terminal: Vec<u32>,
    /// Per distinct key, its range in `keys_sorted`.
    terminals: Vec<(u32, u32)>,
    /// Key indices sorted by (key, index): the keys of one terminal are
    /// consecutive and in the order they were given.
    keys_sorted: Vec<u32>,
    /// The root's child for each first byte, 0 when there is none; saves a
    /// search among the root's many children at every start.
    root: Box<[u32; 256]>,
}

impl KeyTrie {
    /// The trie of `keys`, or None when it would have `u32::MAX` keys or nodes
    /// (the bundled gazetteer has 139k keys). Empty keys are kept but never
    /// matched.
    pub(super) fn new<K: AsRef<[u8]>>(keys: &[K]) -> Option<KeyTrie> {
        let count = id(keys.len())?;
        let mut keys_sorted: Vec<u32> = (0..count).collect();
        keys_sorted.sort_unstable_by(|&a, &b| {
            let (ka, kb) = (keys[a as usize].as_ref(), keys[b as usize].as_ref());
            ka.cmp(kb).then(a.cmp(&b))
        });
        // The layout below reads every key once per depth, in sorted order: a
        // sorted copy in one buffer makes that a forward scan (with folding into
        // one buffer, the bundled gazetteer's build went from 117 to 72 ms).
        let sorted = SortedKeys::new(keys, &keys_sorted);
        let key = |i: u32| sorted.get(i);

        let mut trie = KeyTrie {
            first_child: Vec::new(),
            byte: vec![0],
            terminal: vec![NONE],
            terminals: Vec::new(),
            keys_sorted: Vec::new(),
            root: Box::new([0; 256]),
        };
        // Per node still to expand: its range of `keys_sorted` and its depth.
        let mut pending: Vec<(u32, u32, u32)> = vec![(0, count, 0)];
        let mut next = 0;
        while let Some(&(mut lo, hi, depth)) = pending.get(next) {
            trie.first_child.push(id(pending.len())?);
            let len_at = |i: u32| key(i).len();
            let ends = lo;
            while lo < hi && len_at(lo) == depth as usize {
                lo += 1;
            }
            if lo > ends {
                trie.terminal[next] = id(trie.terminals.len())?;
                trie.terminals.push((ends, lo));
            }
            let byte_at = |i: u32| key(i)[depth as usize];
            while lo < hi {
                let b = byte_at(lo);
                let mut end = lo + 1;
                while end < hi && byte_at(end) == b {
                    end += 1;
                }
                if depth == 0 {
                    trie.root[b as usize] = id(pending.len())?;
                }
                trie.byte.push(b);
                trie.terminal.push(NONE);
                pending.push((lo, end, depth + 1));
                lo = end;
            }
            next += 1;
        }
        trie.first_child.push(id(pending.len())?);
        trie.keys_sorted = keys_sorted;
        Some(trie)
    }

    /// Calls `found(end, keys)` for every key that `haystack[start..end]` equals,
    /// shortest first, with the indices of the keys equal to it in the order
    /// they were given.
    pub(super) fn matches_at(
        &self,
        haystack: &[u8],
        start: usize,
        mut found: impl FnMut(usize, &[u32]),
    ) {
        let Some(&first) = haystack.get(start) else {
            return;
        };
        let mut node = self.root[first as usize] as usize;
        let mut end = start + 1;
        while node != 0 {
            if let Some(&(lo, hi)) = self.terminals.get(self.terminal[node] as usize) {
                found(end, &self.keys_sorted[lo as usize..hi as usize]);
            }
            let Some(&b) = haystack.get(end) else {
                return;
            };
            node = self.child(node, b);
            end += 1;
        }
    }

    /// The child of `node` along byte `b`, or 0 (the root) when there is none.
    fn child(&self, node: usize, b: u8) -> usize {
        let (lo, hi) = (
            self.first_child[node] as usize,
            self.first_child[node + 1] as usize,
        );
        self.byte[lo..hi]
            .binary_search(&b)
            .map_or(0, |offset| lo + offset)
    }

    /// Bytes held by the arrays, for memory reports.
    pub(super) fn heap_bytes(&self) -> usize {
        self.first_child.capacity() * 4
            + self.byte.capacity()
            + self.terminal.capacity() * 4
            + self.terminals.capacity() * 8
            + self.keys_sorted.capacity() * 4
            + 256 * 4
    }
}

/// Keys copied into one buffer in sorted order; key `i` is the `i`-th smallest.
struct SortedKeys {
    bytes: Vec<u8>,
    ends: Vec<usize>,
}

impl SortedKeys {
    fn new<K: AsRef<[u8]>>(keys: &[K], order: &[u32]) -> SortedKeys {
        let mut bytes = Vec::with_capacity(keys.iter().map(|k| k.as_ref().len()).sum());
        let ends = order
            .iter()
            .map(|&i| {
                bytes.extend_from_slice(keys[i as usize].as_ref());
                bytes.len()
            })
            .collect();
        SortedKeys { bytes, ends }
    }

    fn get(&self, i: u32) -> &[u8] {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.bytes[start..self.ends[i]]
    }
}

/// A count or index as the arrays store it; `NONE` is reserved.
fn id(n: usize) -> Option<u32> {
    u32::try_from(n).ok().filter(|&n| n != NONE)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `(start, end, keys)` the trie reports over `text`.
    fn all(trie: &KeyTrie, text: &str) -> Vec<(usize, usize, Vec<u32>)> {
        let mut out = Vec::new();
        for start in 0..text.len() {
            trie.matches_at(text.as_bytes(), start, |end, keys| {
                out.push((start, end, keys.to_vec()))
            });
        }
        out
    }

    fn trie(keys: &[&str]) -> KeyTrie {
        KeyTrie::new(keys).expect("small")
    }

    #[test]
    fn finds_every_key_at_every_start_shortest_first() {
        let trie = trie(&["he", "hers", "his", "she", "he", ""]);
        assert_eq!(
            all(&trie, "ushers his"),
            vec![
                (1, 4, vec![3]),
                (2, 4, vec![0, 4]),
                (2, 6, vec![1]),
                (7, 10, vec![2]),
            ]
        );
    }

    #[test]
    fn empty_and_non_ascii() {
        assert!(all(&trie(&[]), "abc").is_empty());
        let trie = trie(&["zürich", "zü"]);
        assert_eq!(all(&trie, "zürich"), vec![(0, 3, vec![1]), (0, 7, vec![0])]);
        assert!(all(&trie, "z").is_empty());
    }
}

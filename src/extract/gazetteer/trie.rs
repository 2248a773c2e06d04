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
/// `nodes[i].first_child..nodes[i + 1].first_child`, sorted by the byte on
/// their edge (`bytes`).
#[derive(Clone, Debug)]
pub(super) struct KeyTrie {
    /// One more entry than there are nodes (the last only ends the one before's
    /// children); node 0 is the root.
    nodes: Vec<Node>,
    /// The byte on the edge into each node (0 for the root), apart from the
    /// nodes: the children's bytes are searched, and a node with 40 children
    /// keeps its 40 bytes in one cache line.
    bytes: Vec<u8>,
    /// Per distinct key, its range in `keys_sorted`.
    terminals: Vec<(u32, u32)>,
    /// Key indices sorted by (key, index): the keys of one terminal are
    /// consecutive and in the order they were given.
    keys_sorted: Vec<u32>,
    /// The root's child for each first byte, 0 when there is none; saves a
    /// search among the root's many children at every start.
    root: Box<[u32; 256]>,
    /// The node two bytes down for each pair of first bytes, 0 when there is
    /// none: the nodes near the root have the most children, and searching
    /// them was a third of a gazetteer search (256 KB, in a core's L2 cache).
    root2: Box<[u32]>,
}

/// Where a node's children start and which keys end at it, side by side:
/// a walk reads both (and the next node's `first_child`, where its children
/// end) from one cache line.
#[derive(Clone, Copy, Debug)]
struct Node {
    first_child: u32,
    /// Index into `terminals` of the keys ending here, or `NONE`.
    terminal: u32,
}

impl Node {
    /// A node as first pushed: its children and terminal are set when the
    /// layout reaches it.
    const NEW: Node = Node {
        first_child: 0,
        terminal: NONE,
    };
}

impl KeyTrie {
    /// The trie of `keys`, or None when it would have `u32::MAX` keys or nodes
    /// (the bundled gazetteer has 139k keys). Empty keys are kept but never
    /// matched.
    pub(super) fn new<K: AsRef<[u8]>>(keys: &[K]) -> Option<KeyTrie> {
        let count = id(keys.len())?;
        // Sorted by each key's first eight bytes first, kept next to its index:
        // most comparisons then read no key, and comparing keys through their
        // indices was a fifth of building a million (see `prefix`).
        let key_of = |i: u32| keys[i as usize].as_ref();
        let mut order: Vec<(u64, u32)> = (0..count).map(|i| (prefix(key_of(i)), i)).collect();
        order.sort_unstable_by(|&(pa, a), &(pb, b)| {
            pa.cmp(&pb)
                .then_with(|| key_of(a).cmp(key_of(b)))
                .then(a.cmp(&b))
        });
        let keys_sorted: Vec<u32> = order.into_iter().map(|(_, i)| i).collect();
        // The layout below reads every key once per depth, in sorted order: a
        // sorted copy in one buffer makes that a forward scan (with folding into
        // one buffer, the bundled gazetteer's build went from 117 to 72 ms).
        let sorted = SortedKeys::new(keys, &keys_sorted);
        let key = |i: u32| sorted.get(i);

        let mut trie = KeyTrie {
            nodes: vec![Node::NEW],
            bytes: vec![0],
            terminals: Vec::new(),
            keys_sorted: Vec::new(),
            root: Box::new([0; 256]),
            root2: vec![0; 1 << 16].into_boxed_slice(),
        };
        // Per node still to expand: its range of `keys_sorted` and its depth.
        let mut pending: Vec<(u32, u32, u32)> = vec![(0, count, 0)];
        let mut next = 0;
        while let Some(&(mut lo, hi, depth)) = pending.get(next) {
            trie.nodes[next].first_child = id(pending.len())?;
            let len_at = |i: u32| key(i).len();
            let ends = lo;
            while lo < hi && len_at(lo) == depth as usize {
                lo += 1;
            }
            if lo > ends {
                trie.nodes[next].terminal = id(trie.terminals.len())?;
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
                trie.nodes.push(Node::NEW);
                trie.bytes.push(b);
                pending.push((lo, end, depth + 1));
                lo = end;
            }
            next += 1;
        }
        trie.nodes.push(Node {
            first_child: id(pending.len())?,
            ..Node::NEW
        });
        trie.keys_sorted = keys_sorted;
        for b0 in 0..256 {
            let node = trie.root[b0] as usize;
            if node == 0 {
                continue;
            }
            let children = trie.nodes[node].first_child..trie.nodes[node + 1].first_child;
            for child in children {
                let b1 = usize::from(trie.bytes[child as usize]);
                trie.root2[b0 << 8 | b1] = child;
            }
        }
        Some(trie)
    }

    /// Calls `found(end, keys)` for every key that `haystack[start..end]` equals
    /// and that may end a word there, shortest first, with the indices of the
    /// keys equal to it in the order they were given.
    ///
    /// "May end a word": not between two ASCII letters or digits, where no
    /// whole-word match can end (the caller checks word boundaries exactly; this
    /// only skips reading the terminals of nodes inside words).
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
            let next = haystack.get(end);
            let inside_word = next.is_some_and(|b| b.is_ascii_alphanumeric())
                && haystack[end - 1].is_ascii_alphanumeric();
            if !inside_word {
                if let Some(&(lo, hi)) = self.terminals.get(self.nodes[node].terminal as usize) {
                    found(end, &self.keys_sorted[lo as usize..hi as usize]);
                }
            }
            let Some(&b) = next else {
                return;
            };
            node = if end == start + 1 {
                self.root2[usize::from(first) << 8 | usize::from(b)] as usize
            } else {
                self.child(node, b)
            };
            end += 1;
        }
    }

    /// The child of `node` along byte `b`, or 0 (the root) when there is none.
    fn child(&self, node: usize, b: u8) -> usize {
        let lo = self.nodes[node].first_child as usize;
        let hi = self.nodes[node + 1].first_child as usize;
        position(&self.bytes[lo..hi], b).map_or(0, |offset| lo + offset)
    }

    /// Bytes held by the arrays, for memory reports.
    pub(super) fn heap_bytes(&self) -> usize {
        self.nodes.capacity() * std::mem::size_of::<Node>()
            + self.bytes.capacity()
            + self.terminals.capacity() * 8
            + self.keys_sorted.capacity() * 4
            + (256 + self.root2.len()) * 4
    }
}

/// Where byte `b` is in `bytes`, eight bytes at a time: a node's children
/// (a few, or a few dozen near the root and after "the ") are scanned without
/// the chain of dependent loads and the final misprediction of a binary search.
fn position(bytes: &[u8], b: u8) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    let pattern = ONES * u64::from(b);
    let mut chunks = bytes.chunks_exact(8);
    let mut base = 0;
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        // Zero bytes of `x` are the matches; the lowest set high bit of this
        // classic test marks the first of them (higher ones may be spurious).
        let x = u64::from_le_bytes(word) ^ pattern;
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(base + (zeros.trailing_zeros() / 8) as usize);
        }
        base += 8;
    }
    let rest = chunks.remainder();
    rest.iter().position(|&c| c == b).map(|p| base + p)
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

/// The first eight bytes of `key` as a big-endian number, zero-padded: where
/// two keys' prefixes differ, they order as the keys do (a key ending within
/// eight bytes is a prefix of the other there, or differs before it ends); equal
/// prefixes leave the order to the whole keys.
fn prefix(key: &[u8]) -> u64 {
    let mut b = [0u8; 8];
    let n = key.len().min(8);
    b[..n].copy_from_slice(&key[..n]);
    u64::from_be_bytes(b)
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
    fn prefixes_order_keys_as_their_bytes_do() {
        // Short keys, NUL bytes, shared prefixes longer than eight bytes.
        let mut keys: Vec<Vec<u8>> = vec![
            vec![],
            vec![0],
            b"a".to_vec(),
            b"a\0".to_vec(),
            b"a\0b".to_vec(),
            b"abcdefgh".to_vec(),
            b"abcdefgh\0".to_vec(),
            b"abcdefghi".to_vec(),
            b"abcdefgg\xff".to_vec(),
            vec![0xff; 9],
        ];
        let mut next = crate::test_rng::xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..2000 {
            let r = next();
            let len = (r % 12) as usize;
            keys.push(
                (0..len)
                    .map(|i| b"ab\0"[(r >> (i * 2)) as usize % 3])
                    .collect(),
            );
        }
        for a in &keys {
            for b in keys.iter().step_by(7) {
                if prefix(a) != prefix(b) {
                    assert_eq!(prefix(a).cmp(&prefix(b)), a.cmp(b), "{a:?} {b:?}");
                }
            }
        }
        // and the trie's order is the keys' sorted order
        let t = KeyTrie::new(&keys).expect("small");
        let mut want: Vec<u32> = (0..keys.len() as u32).collect();
        want.sort_by(|&x, &y| keys[x as usize].cmp(&keys[y as usize]).then(x.cmp(&y)));
        assert_eq!(t.keys_sorted, want);
    }

    #[test]
    fn finds_every_key_at_every_start_shortest_first() {
        let trie = trie(&["he", "hers", "his", "she", "he", ""]);
        assert_eq!(
            all(&trie, "she, hers"),
            vec![(0, 3, vec![3]), (1, 3, vec![0, 4]), (5, 9, vec![1]),]
        );
    }

    #[test]
    fn no_key_ends_between_two_ascii_letters_or_digits() {
        let trie = trie(&["he", "hers", "his", "she", "he", "4"]);
        // "she" and "he" in "ushers" end before an "r": not reported.
        assert_eq!(
            all(&trie, "ushers his"),
            vec![(2, 6, vec![1]), (7, 10, vec![2])]
        );
        assert_eq!(all(&trie, "42 4"), vec![(3, 4, vec![5])]);
        // Next to a non-ASCII byte the caller decides.
        assert_eq!(all(&trie, "heé"), vec![(0, 2, vec![0, 4])]);
    }

    #[test]
    fn position_finds_the_first_equal_byte() {
        let bytes: Vec<u8> = (0..40u8).map(|i| i * 3).collect();
        for n in 0..bytes.len() {
            let hay = &bytes[..n];
            for b in 0..=255u8 {
                assert_eq!(
                    position(hay, b),
                    hay.iter().position(|&c| c == b),
                    "{n} {b}"
                );
            }
        }
        assert_eq!(position(&[0x80, 0x01, 0x81, 0x01], 0x01), Some(1));
        assert_eq!(position(&[7, 7, 0, 0, 0, 0, 0, 0, 1, 0], 0), Some(2));
    }

    #[test]
    fn empty_and_non_ascii() {
        assert!(all(&trie(&[]), "abc").is_empty());
        let trie = trie(&["zürich", "zü"]);
        assert_eq!(all(&trie, "zürich"), vec![(0, 3, vec![1]), (0, 7, vec![0])]);
        assert!(all(&trie, "z").is_empty());
    }
}

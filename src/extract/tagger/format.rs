//! The model file format, versions 1 and 2. Little-endian throughout:
//!
//! ```text
//! magic        8 bytes  b"AGRAPHM\0"
//! version      u32      1 or 2
//! kind         u8       1 = entity tagger
//! flags        u8       version 2 only: bit 0 = document cues, bit 1 = history
//! labels       u32 count, then per label: u32 byte length, UTF-8 bytes
//! calibration  2 × f32
//! transitions  (T + 1) × T f32, T = 1 + 4 × labels
//! features     u32 count n, then n × u32 keys, n × u16 entry counts
//! entries      m = Σ counts: m × u16 tags, m × f32 weights
//! checksum     u64 FNV-1a of every byte before it
//! ```
//!
//! A model without flags is written as version 1, so models trained before
//! version 2 keep their bytes.
//!
//! Reading never trusts a length: each is checked against the bytes that remain
//! before anything is allocated, so a forged length cannot exhaust memory, and
//! every failure is an [`Error::Model`], never a panic. No code is ever executed
//! from a model file: it holds numbers and label names only.

use super::model::{n_tags, TaggerModel};
use super::weights::WeightIndex;
use crate::error::{Error, Result};
use crate::extract::Label;

const MAGIC: &[u8; 8] = b"AGRAPHM\0";
const VERSION: u32 = 2;
/// Flag bit: the model reads document cues.
const FLAG_DOCUMENT: u8 = 1;
/// Flag bit: the model reads the prediction history.
const FLAG_HISTORY: u8 = 2;
const KIND_TAGGER: u8 = 1;
const MAX_LABELS: usize = 4096;
const MAX_LABEL_BYTES: usize = 256;

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

fn bad(message: impl Into<String>) -> Error {
    Error::Model {
        message: message.into(),
    }
}

/// Serialises `model` in the current format.
pub fn to_bytes(model: &TaggerModel) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 + model.values.len() * 6 + model.index.len() * 6);
    let flags = if model.document_features {
        FLAG_DOCUMENT
    } else {
        0
    } | if model.history { FLAG_HISTORY } else { 0 };
    let version: u32 = if flags == 0 { 1 } else { 2 };
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&version.to_le_bytes());
    out.push(KIND_TAGGER);
    if version >= 2 {
        out.push(flags);
    }
    out.extend_from_slice(&(model.labels.len() as u32).to_le_bytes());
    for label in &model.labels {
        let name = label.as_str().as_bytes();
        out.extend_from_slice(&(name.len() as u32).to_le_bytes());
        out.extend_from_slice(name);
    }
    for c in model.calibration {
        out.extend_from_slice(&c.to_le_bytes());
    }
    for w in &model.transitions {
        out.extend_from_slice(&w.to_le_bytes());
    }
    // Sorted keys make the bytes a function of the model alone, not of hash
    // table iteration order, so training twice gives identical files.
    let mut keys: Vec<(u32, std::ops::Range<usize>)> = model.index.iter().collect();
    keys.sort_unstable_by_key(|(k, _)| *k);
    out.extend_from_slice(&(keys.len() as u32).to_le_bytes());
    for (k, _) in &keys {
        out.extend_from_slice(&k.to_le_bytes());
    }
    for (_, r) in &keys {
        out.extend_from_slice(&(r.len() as u16).to_le_bytes());
    }
    for (_, r) in &keys {
        for t in &model.tags[r.clone()] {
            out.extend_from_slice(&t.to_le_bytes());
        }
    }
    for (_, r) in &keys {
        for w in &model.values[r.clone()] {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    let checksum = fnv1a(&out);
    out.extend_from_slice(&checksum.to_le_bytes());
    out
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or_else(|| bad(format!("truncated model file: {what} does not fit")))?;
        let s = &self.bytes[self.pos..end];
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A count of items of `item_bytes` each, checked against what remains.
    fn count(&mut self, item_bytes: usize, what: &str) -> Result<usize> {
        let n = self.u32(what)? as usize;
        if n.saturating_mul(item_bytes) > self.bytes.len() - self.pos {
            return Err(bad(format!(
                "corrupt model file: {what} count {n} exceeds the file"
            )));
        }
        Ok(n)
    }

    fn f32s(&mut self, n: usize, what: &str) -> Result<Vec<f32>> {
        let b = self.take(n.checked_mul(4).ok_or_else(|| bad("overflow"))?, what)?;
        let values: Vec<f32> = b
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        if values.iter().any(|v| !v.is_finite()) {
            return Err(bad(format!(
                "corrupt model file: non-finite value in {what}"
            )));
        }
        Ok(values)
    }
}

/// Reads a model written by [`to_bytes`].
///
/// # Errors
/// [`Error::Model`] for a file that is not a model, of another version or kind,
/// truncated, corrupted (checksum) or inconsistent.
pub fn from_bytes(bytes: &[u8]) -> Result<TaggerModel> {
    if bytes.len() < MAGIC.len() || &bytes[..MAGIC.len()] != MAGIC {
        return Err(bad("not an actorgraph model file (bad magic bytes)"));
    }
    if bytes.len() < MAGIC.len() + 4 + 1 + 8 {
        return Err(bad("truncated model file"));
    }
    let (body, sum) = bytes.split_at(bytes.len() - 8);
    let mut r = Reader {
        bytes: body,
        pos: MAGIC.len(),
    };
    let version = r.u32("version")?;
    if !(1..=VERSION).contains(&version) {
        return Err(bad(format!(
            "model file format version {version} is not supported (this actorgraph reads versions 1 to {VERSION})"
        )));
    }
    let stored = u64::from_le_bytes([
        sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7],
    ]);
    if fnv1a(body) != stored {
        return Err(bad("corrupt model file: checksum mismatch"));
    }
    let kind = r.take(1, "kind")?[0];
    if kind != KIND_TAGGER {
        return Err(bad(format!("model kind {kind} is not an entity tagger")));
    }
    let flags = if version >= 2 {
        r.take(1, "flags")?[0]
    } else {
        0
    };
    if flags & !(FLAG_DOCUMENT | FLAG_HISTORY) != 0 {
        return Err(bad(format!("model flags {flags:#x} are not supported")));
    }
    let document_features = flags & FLAG_DOCUMENT != 0;
    let n_labels = r.count(4, "labels")?;
    if n_labels == 0 || n_labels > MAX_LABELS {
        return Err(bad(format!("corrupt model file: {n_labels} labels")));
    }
    let mut labels = Vec::with_capacity(n_labels);
    for _ in 0..n_labels {
        let len = r.u32("label length")? as usize;
        if len > MAX_LABEL_BYTES {
            return Err(bad("corrupt model file: label too long"));
        }
        let name = std::str::from_utf8(r.take(len, "label")?)
            .map_err(|_| bad("corrupt model file: label is not UTF-8"))?;
        labels.push(Label::parse(name).ok_or_else(|| bad("corrupt model file: empty label"))?);
    }
    let t = n_tags(n_labels);
    let cal = r.f32s(2, "calibration")?;
    let transitions = r.f32s((t + 1) * t, "transitions")?;
    let n = r.count(6, "features")?;
    let keys_bytes = r.take(n * 4, "feature keys")?;
    let counts_bytes = r.take(n * 2, "entry counts")?;
    let counts: Vec<usize> = counts_bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]) as usize)
        .collect();
    let m: usize = counts.iter().sum();
    if u32::try_from(m).is_err() {
        return Err(bad("corrupt model file: too many entries"));
    }
    let tags_bytes = r.take(
        m.checked_mul(2).ok_or_else(|| bad("overflow"))?,
        "entry tags",
    )?;
    let tags: Vec<u16> = tags_bytes
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    if tags.iter().any(|&x| x as usize >= t) {
        return Err(bad("corrupt model file: tag out of range"));
    }
    let values = r.f32s(m, "weights")?;
    if r.pos != body.len() {
        return Err(bad("corrupt model file: trailing bytes"));
    }
    let mut start = 0u32;
    let ranges = keys_bytes.chunks_exact(4).zip(counts).map(|(k, count)| {
        let key = u32::from_le_bytes([k[0], k[1], k[2], k[3]]);
        // Cannot overflow: the sum of all counts fits in u32 (checked above).
        let range = (key, start, start + count as u32);
        start = range.2;
        range
    });
    let index =
        WeightIndex::build(ranges).map_err(|_| bad("corrupt model file: duplicate feature"))?;
    Ok(TaggerModel {
        labels,
        index,
        tags,
        values,
        transitions,
        calibration: [cal[0], cal[1]],
        document_features,
        history: flags & FLAG_HISTORY != 0,
        decoder: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::features::Features;
    use super::*;

    fn small_model() -> TaggerModel {
        let labels = vec![Label::Person, Label::Location];
        let t = n_tags(labels.len());
        let index = WeightIndex::build([(7, 0, 2), (3, 2, 3)].into_iter()).expect("distinct keys");
        TaggerModel {
            labels,
            index,
            tags: vec![1, 4, 8],
            values: vec![0.5, -1.25, 2.0],
            transitions: (0..(t + 1) * t).map(|i| i as f32 / 10.0).collect(),
            calibration: [1.5, -0.25],
            document_features: false,
            history: false,
            decoder: Default::default(),
        }
    }

    #[test]
    fn round_trip_is_exact_and_deterministic() {
        let m = small_model();
        let bytes = to_bytes(&m);
        let back = from_bytes(&bytes).expect("reads");
        assert_eq!(to_bytes(&back), bytes);
        assert_eq!(back.labels, m.labels);
        assert_eq!(back.calibration, m.calibration);
        assert_eq!(
            back.emissions(&Features::from_lists(&[vec![7, 3, 99]])),
            m.emissions(&Features::from_lists(&[vec![7, 3, 99]]))
        );
    }

    #[test]
    fn every_truncation_and_bit_flip_is_a_clean_error() {
        let bytes = to_bytes(&small_model());
        for n in 0..bytes.len() {
            assert!(from_bytes(&bytes[..n]).is_err(), "truncated at {n}");
        }
        for i in 0..bytes.len() {
            let mut b = bytes.clone();
            b[i] ^= 0x41;
            assert!(from_bytes(&b).is_err(), "flipped byte {i}");
        }
    }

    #[test]
    fn clear_messages() {
        let msg = |b: &[u8]| {
            from_bytes(b)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(msg(b"PK\x03\x04 not a model").contains("bad magic"));
        let mut v3 = to_bytes(&small_model());
        v3[8] = 3;
        assert!(msg(&v3).contains("version 3 is not supported"));
        let mut sum = to_bytes(&small_model());
        let last = sum.len() - 1;
        sum[last] ^= 1;
        assert!(msg(&sum).contains("checksum"));
    }

    #[test]
    fn forged_lengths_do_not_allocate() {
        // A valid header claiming 4 billion labels, with a correct checksum.
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&1u32.to_le_bytes());
        b.push(KIND_TAGGER);
        b.extend_from_slice(&u32::MAX.to_le_bytes());
        let sum = fnv1a(&b);
        b.extend_from_slice(&sum.to_le_bytes());
        let err = from_bytes(&b)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("exceeds the file"), "{err}");
    }
}

//! The container every model file shares, version 1. Little-endian throughout:
//!
//! ```text
//! magic        8 bytes  b"AGRAPHM\0"
//! version      u32      1, or 2 for a tagger with flags (see its format)
//! kind         u8       1 = entity tagger, 2 = relation classifier
//! body         the kind's own fields (see each model's format)
//! checksum     u64 FNV-1a of every byte before it
//! ```
//!
//! Bodies are built from the pieces here: label lists, f32 arrays and sparse
//! weight tables (feature key → (class, weight) entries).
//!
//! Reading never trusts a length: each is checked against the bytes that remain
//! before anything is allocated, so a forged length cannot exhaust memory, and
//! every failure is an [`Error::Model`], never a panic. No code is ever executed
//! from a model file: it holds numbers and label names only.

use super::weights::WeightIndex;
use crate::error::{Error, Result};

pub(crate) const MAGIC: &[u8; 8] = b"AGRAPHM\0";
/// The newest container version this build reads and writes.
pub(crate) const VERSION: u32 = 2;
const MAX_LABELS: usize = 4096;
const MAX_LABEL_BYTES: usize = 256;

/// What a model file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// [`crate::extract::TaggerModel`].
    Tagger = 1,
    /// [`crate::relate::RelationModel`].
    Relations = 2,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Tagger => "an entity tagger",
            Kind::Relations => "a relation classifier",
        }
    }
}

pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

pub(crate) fn bad(message: impl Into<String>) -> Error {
    Error::Model {
        message: message.into(),
    }
}

/// Writes a model file: the header on creation, the checksum in [`Writer::finish`].
pub(crate) struct Writer {
    out: Vec<u8>,
}

impl Writer {
    /// A file of `kind` in format `version` (at most [`VERSION`]).
    pub(crate) fn new(kind: Kind, version: u32, capacity: usize) -> Writer {
        let mut out = Vec::with_capacity(capacity + 32);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&version.min(VERSION).to_le_bytes());
        out.push(kind as u8);
        Writer { out }
    }

    pub(crate) fn u8(&mut self, v: u8) {
        self.out.push(v);
    }

    pub(crate) fn u32(&mut self, v: u32) {
        self.out.extend_from_slice(&v.to_le_bytes());
    }

    pub(crate) fn f32s(&mut self, values: &[f32]) {
        for v in values {
            self.out.extend_from_slice(&v.to_le_bytes());
        }
    }

    /// A count, then each string as its byte length and UTF-8 bytes.
    pub(crate) fn labels<'a>(&mut self, labels: impl ExactSizeIterator<Item = &'a str>) {
        self.u32(labels.len() as u32);
        for label in labels {
            self.u32(label.len() as u32);
            self.out.extend_from_slice(label.as_bytes());
        }
    }

    /// A sparse weight table: feature count n, n keys, n entry counts (u16),
    /// then every entry's class (u16) and every entry's weight (f32).
    pub(crate) fn sparse(&mut self, index: &WeightIndex, classes: &[u16], values: &[f32]) {
        // Sorted keys make the bytes a function of the model alone, not of hash
        // table iteration order, so training twice gives identical files.
        let mut keys: Vec<(u32, std::ops::Range<usize>)> = index.iter().collect();
        keys.sort_unstable_by_key(|(k, _)| *k);
        self.u32(keys.len() as u32);
        for (k, _) in &keys {
            self.u32(*k);
        }
        for (_, r) in &keys {
            self.out.extend_from_slice(&(r.len() as u16).to_le_bytes());
        }
        for (_, r) in &keys {
            for c in &classes[r.clone()] {
                self.out.extend_from_slice(&c.to_le_bytes());
            }
        }
        for (_, r) in &keys {
            self.f32s(&values[r.clone()]);
        }
    }

    pub(crate) fn finish(mut self) -> Vec<u8> {
        let checksum = fnv1a(&self.out);
        self.out.extend_from_slice(&checksum.to_le_bytes());
        self.out
    }
}

/// Reads a model file's body after checking its header and checksum.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// The file's format version.
    pub(crate) version: u32,
}

impl<'a> Reader<'a> {
    /// Checks magic, version (1 to [`VERSION`]), checksum and kind; the
    /// reader then stands at the start of the body.
    pub(crate) fn open(bytes: &'a [u8], kind: Kind) -> Result<Reader<'a>> {
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
            version: 0,
        };
        let version = r.u32("version")?;
        if !(1..=VERSION).contains(&version) {
            return Err(bad(format!(
                "model file format version {version} is not supported (this actorgraph reads versions 1 to {VERSION})"
            )));
        }
        r.version = version;
        let stored = u64::from_le_bytes([
            sum[0], sum[1], sum[2], sum[3], sum[4], sum[5], sum[6], sum[7],
        ]);
        if fnv1a(body) != stored {
            return Err(bad("corrupt model file: checksum mismatch"));
        }
        let found = r.take(1, "kind")?[0];
        if found != kind as u8 {
            return Err(bad(format!("model kind {found} is not {}", kind.name())));
        }
        Ok(r)
    }

    pub(crate) fn u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.take(1, what)?[0])
    }

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

    pub(crate) fn u32(&mut self, what: &str) -> Result<u32> {
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

    pub(crate) fn f32s(&mut self, n: usize, what: &str) -> Result<Vec<f32>> {
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

    /// Labels written by [`Writer::labels`]: at least one, none empty.
    pub(crate) fn labels(&mut self) -> Result<Vec<&'a str>> {
        let n = self.count(4, "labels")?;
        if n == 0 || n > MAX_LABELS {
            return Err(bad(format!("corrupt model file: {n} labels")));
        }
        let mut labels = Vec::with_capacity(n);
        for _ in 0..n {
            let len = self.u32("label length")? as usize;
            if len > MAX_LABEL_BYTES {
                return Err(bad("corrupt model file: label too long"));
            }
            let name = std::str::from_utf8(self.take(len, "label")?)
                .map_err(|_| bad("corrupt model file: label is not UTF-8"))?;
            if name.is_empty() {
                return Err(bad("corrupt model file: empty label"));
            }
            labels.push(name);
        }
        Ok(labels)
    }

    /// A table written by [`Writer::sparse`], every class below `n_classes`.
    pub(crate) fn sparse(&mut self, n_classes: usize) -> Result<(WeightIndex, Vec<u16>, Vec<f32>)> {
        let n = self.count(6, "features")?;
        let keys_bytes = self.take(n * 4, "feature keys")?;
        let counts_bytes = self.take(n * 2, "entry counts")?;
        let counts: Vec<usize> = counts_bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]) as usize)
            .collect();
        let m: usize = counts.iter().sum();
        if u32::try_from(m).is_err() {
            return Err(bad("corrupt model file: too many entries"));
        }
        let class_bytes = self.take(
            m.checked_mul(2).ok_or_else(|| bad("overflow"))?,
            "entry classes",
        )?;
        let classes: Vec<u16> = class_bytes
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        if classes.iter().any(|&x| x as usize >= n_classes) {
            return Err(bad("corrupt model file: class out of range"));
        }
        let values = self.f32s(m, "weights")?;
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
        Ok((index, classes, values))
    }

    /// Fails unless every byte of the body was read.
    pub(crate) fn finish(self) -> Result<()> {
        if self.pos != self.bytes.len() {
            return Err(bad("corrupt model file: trailing bytes"));
        }
        Ok(())
    }
}

/// Asserts that `read` rejects every truncation and every single-byte
/// corruption of a valid model file `bytes` (tests of each model's format).
#[cfg(test)]
pub(crate) fn assert_rejects_damage(bytes: &[u8], read: impl Fn(&[u8]) -> bool) {
    for n in 0..bytes.len() {
        assert!(!read(&bytes[..n]), "truncated at {n} accepted");
    }
    for i in 0..bytes.len() {
        let mut b = bytes.to_vec();
        b[i] ^= 0x41;
        assert!(!read(&b), "flipped byte {i} accepted");
    }
}

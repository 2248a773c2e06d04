//! The entity tagger's model file: the shared container (`crate::model::file`)
//! of kind 1 with this body:
//!
//! ```text
//! flags        u8       version 2 only: bit 0 = document cues, bit 1 = history
//! labels       u32 count, then per label: u32 byte length, UTF-8 bytes
//! calibration  2 × f32
//! transitions  (T + 1) × T f32, T = 1 + 4 × labels
//! weights      sparse table: feature key → (tag, weight) entries
//! ```
//!
//! A model without flags is written as version 1, so models trained before
//! version 2 keep their bytes.

use super::model::{n_tags, TaggerModel};
use crate::error::Result;
use crate::extract::Label;
use crate::model::file::{bad, Kind, Reader, Writer};

/// Flag bit: the model reads document cues.
const FLAG_DOCUMENT: u8 = 1;
/// Flag bit: the model reads the prediction history.
const FLAG_HISTORY: u8 = 2;

/// Serialises `model` in the current format.
pub fn to_bytes(model: &TaggerModel) -> Vec<u8> {
    let flags = (if model.document_features {
        FLAG_DOCUMENT
    } else {
        0
    }) | (if model.history { FLAG_HISTORY } else { 0 });
    let version = if flags == 0 { 1 } else { 2 };
    let mut w = Writer::new(
        Kind::Tagger,
        version,
        model.values.len() * 6 + model.index.len() * 6,
    );
    if version >= 2 {
        w.u8(flags);
    }
    w.labels(model.labels.iter().map(Label::as_str));
    w.f32s(&model.calibration);
    w.f32s(&model.transitions);
    w.sparse(&model.index, &model.tags, &model.values);
    w.finish()
}

/// Reads a model written by [`to_bytes`].
///
/// # Errors
/// [`crate::Error::Model`] for a file that is not a model, of another version or
/// kind, truncated, corrupted (checksum) or inconsistent.
pub fn from_bytes(bytes: &[u8]) -> Result<TaggerModel> {
    let mut r = Reader::open(bytes, Kind::Tagger)?;
    let flags = if r.version >= 2 { r.u8("flags")? } else { 0 };
    if flags & !(FLAG_DOCUMENT | FLAG_HISTORY) != 0 {
        return Err(bad(format!("model flags {flags:#x} are not supported")));
    }
    let labels = r
        .labels()?
        .into_iter()
        .map(|name| Label::parse(name).ok_or_else(|| bad("corrupt model file: empty label")))
        .collect::<Result<Vec<Label>>>()?;
    let t = n_tags(labels.len());
    let cal = r.f32s(2, "calibration")?;
    let transitions = r.f32s((t + 1) * t, "transitions")?;
    let (index, tags, values) = r.sparse(t)?;
    r.finish()?;
    Ok(TaggerModel {
        labels,
        index,
        tags,
        values,
        transitions,
        calibration: [cal[0], cal[1]],
        document_features: flags & FLAG_DOCUMENT != 0,
        history: flags & FLAG_HISTORY != 0,
        decoder: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::features::Features;
    use super::*;
    use crate::model::file::{fnv1a, MAGIC};
    use crate::model::weights::WeightIndex;

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
        crate::model::file::assert_rejects_damage(&bytes, |b| from_bytes(b).is_ok());
    }

    #[test]
    fn flags_make_version_2_and_round_trip() {
        let mut m = small_model();
        assert_eq!(to_bytes(&m)[8], 1);
        m.document_features = true;
        m.history = true;
        let bytes = to_bytes(&m);
        assert_eq!(bytes[8], 2);
        let back = from_bytes(&bytes).expect("reads");
        assert!(back.document_features && back.history);
        assert_eq!(to_bytes(&back), bytes);
        crate::model::file::assert_rejects_damage(&bytes, |b| from_bytes(b).is_ok());
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
        b.extend_from_slice(&1u32.to_le_bytes()); // version 1: no flags byte
        b.push(Kind::Tagger as u8);
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

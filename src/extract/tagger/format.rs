//! The entity tagger's model file: the shared container (`crate::model::file`)
//! of kind 1 with this body:
//!
//! ```text
//! labels       u32 count, then per label: u32 byte length, UTF-8 bytes
//! calibration  2 × f32
//! transitions  (T + 1) × T f32, T = 1 + 4 × labels
//! weights      sparse table: feature key → (tag, weight) entries
//! ```

use super::model::{n_tags, TaggerModel};
use crate::error::Result;
use crate::extract::Label;
use crate::model::file::{bad, Kind, Reader, Writer};

/// Serialises `model` in the current format.
pub fn to_bytes(model: &TaggerModel) -> Vec<u8> {
    let mut w = Writer::new(Kind::Tagger, model.values.len() * 6 + model.index.len() * 6);
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
        decoder: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::super::features::Features;
    use super::*;
    use crate::model::file::{fnv1a, MAGIC, VERSION};
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
    fn clear_messages() {
        let msg = |b: &[u8]| {
            from_bytes(b)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default()
        };
        assert!(msg(b"PK\x03\x04 not a model").contains("bad magic"));
        let mut v2 = to_bytes(&small_model());
        v2[8] = 2;
        assert!(msg(&v2).contains("version 2 is not supported"));
        let mut sum = to_bytes(&small_model());
        let last = sum.len() - 1;
        sum[last] ^= 1;
        assert!(msg(&sum).contains("checksum"));
    }

    #[test]
    fn forged_lengths_do_not_allocate() {
        // A valid header claiming 4 billion labels, with a correct checksum.
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&VERSION.to_le_bytes());
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

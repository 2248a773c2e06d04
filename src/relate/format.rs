//! The relation classifier's model file: the shared container
//! (`crate::model::file`) of kind 2 with this body:
//!
//! ```text
//! labels       u32 count, then per label: u32 byte length, UTF-8 bytes
//! calibration  2 × f32
//! none penalty f32, subtracted from the "no relation" score
//! weights      sparse table: feature key → (class, weight) entries,
//!              classes below 1 + 2 × labels
//! ```

use std::sync::Arc;

use super::classifier::RelationModel;
use crate::error::Result;
use crate::model::file::{Kind, Reader, Writer};

/// Serialises `model`.
pub fn to_bytes(model: &RelationModel) -> Vec<u8> {
    let mut w = Writer::new(
        Kind::Relations,
        1,
        model.values.len() * 6 + model.index.len() * 6,
    );
    w.labels(model.labels.iter().map(|l| &**l));
    w.f32s(&model.calibration);
    w.f32s(&[model.none_penalty]);
    w.sparse(&model.index, &model.classes, &model.values);
    w.finish()
}

/// Reads a model written by [`to_bytes`].
///
/// # Errors
/// [`crate::Error::Model`] for bytes that are not a relation model of this
/// version, or are truncated, corrupted or inconsistent.
pub fn from_bytes(bytes: &[u8]) -> Result<RelationModel> {
    let mut r = Reader::open(bytes, Kind::Relations)?;
    let labels: Vec<Arc<str>> = r.labels()?.into_iter().map(Arc::from).collect();
    let cal = r.f32s(2, "calibration")?;
    let none_penalty = r.f32s(1, "none penalty")?[0];
    let (index, classes, values) = r.sparse(1 + 2 * labels.len())?;
    r.finish()?;
    Ok(RelationModel {
        labels,
        index,
        classes,
        values,
        calibration: [cal[0], cal[1]],
        none_penalty,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::weights::WeightIndex;

    fn small() -> RelationModel {
        RelationModel {
            labels: vec![Arc::from("AlliesOf"), Arc::from("FightingAgainst")],
            index: WeightIndex::build([(5, 0, 2), (9, 2, 3)].into_iter()).expect("distinct"),
            classes: vec![0, 3, 4],
            values: vec![0.5, 1.0, -2.0],
            calibration: [0.5, -0.1],
            none_penalty: 0.25,
        }
    }

    #[test]
    fn round_trips_and_rejects_damage() {
        let bytes = to_bytes(&small());
        let back = from_bytes(&bytes).expect("reads");
        assert_eq!(to_bytes(&back), bytes);
        assert_eq!(back.scores(&[5, 9]), small().scores(&[5, 9]));
        crate::model::file::assert_rejects_damage(&bytes, |b| from_bytes(b).is_ok());
        // A tagger file (kind 1) is not a relation model.
        let mut tagger = bytes[..bytes.len() - 8].to_vec();
        tagger[12] = 1;
        let sum = crate::model::file::fnv1a(&tagger);
        tagger.extend_from_slice(&sum.to_le_bytes());
        let err = from_bytes(&tagger).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("not a relation classifier")));
    }
}

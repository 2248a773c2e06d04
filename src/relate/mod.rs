//! Relations: typed mention pairs inside a document, and association statistics
//! across a corpus.

mod classifier;
mod corpus;
mod cues;
mod format;
mod pairs;
mod train;

pub use classifier::RelationModel;
pub use corpus::{
    chi2_sf_1, erfc, g_squared, CorpusStats, EntityStats, Evidence, MentionRow, PairScores,
    PairStats,
};
pub use pairs::{classify, classify_with_tones, sentence_pairs, Relation, CO_OCCURS};
pub use train::{train_relations, GoldRelation, RelationExample, RelationTrainConfig};

impl RelationModel {
    /// Serialises the model (see `format.rs`).
    pub fn to_bytes(&self) -> Vec<u8> {
        format::to_bytes(self)
    }

    /// Reads a model written by [`RelationModel::to_bytes`].
    ///
    /// # Errors
    /// [`crate::Error::Model`] when the bytes are not a valid relation model.
    pub fn from_bytes(bytes: &[u8]) -> crate::Result<RelationModel> {
        format::from_bytes(bytes)
    }
}

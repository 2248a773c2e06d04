//! Relations: mention pairs inside a document, and association statistics
//! across a corpus.

mod corpus;
mod pairs;

pub use corpus::{
    chi2_sf_1, erfc, g_squared, CorpusStats, EntityStats, Evidence, MentionRow, PairScores,
    PairStats,
};
pub use pairs::{sentence_pairs, Relation, CO_OCCURS};

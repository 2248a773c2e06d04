//! # actorgraph
//!
//! Who and what a collection of documents mentions, how those actors relate,
//! how strongly, and the sentences that show it.
//!
//! The core works on UTF-8 byte offsets and knows nothing of Python; the
//! bindings in `python/` (feature `python`) convert to code points at the edge.
//! Data flows one way: [`read`] → [`text`] → [`extract`] → [`relate`].
//!
//! ```
//! use actorgraph::extract::{GazetteerBuilder, GazetteerEntry, Label, Lexicon, NameHeuristic};
//! use actorgraph::{Extractor, Pipeline};
//!
//! let mut gazetteer = GazetteerBuilder::new();
//! gazetteer.add(GazetteerEntry {
//!     id: "country:EG".into(),
//!     label: Label::Location,
//!     canonical: "Egypt".into(),
//!     alias: "Egypt".into(),
//!     case_sensitive: true,
//! })?;
//! // Ordinary words are not names, even capitalised at the start of a sentence.
//! let mut lexicon = Lexicon::new();
//! lexicon.add_common("nothing");
//! let sources: Vec<Box<dyn Extractor>> = vec![
//!     Box::new(gazetteer.build()?),
//!     Box::new(NameHeuristic::new(lexicon)),
//! ];
//! let pipeline = Pipeline::new(sources);
//! let a = pipeline.analyze("Egypt backed Haftar. Nothing else happened.");
//! let found: Vec<(&str, String)> = a
//!     .mentions
//!     .iter()
//!     .map(|m| (&a.doc.text[m.start..m.end], m.label.to_string()))
//!     .collect();
//! assert_eq!(found, [("Egypt", "Location".to_string()), ("Haftar", "Person".to_string())]);
//! assert_eq!(a.relations.len(), 1);
//! # Ok::<(), actorgraph::Error>(())
//! ```

pub mod error;
pub mod extract;
mod fasthash;
mod model;
mod pipeline;
mod pool;
pub mod read;
pub mod relate;
pub mod resolve;
#[cfg(test)]
mod test_rng;
pub mod text;

#[cfg(feature = "python")]
mod python;

pub use error::{Error, Result};
pub use extract::{Extractor, Mention};
pub use pipeline::{Analysis, Pipeline};

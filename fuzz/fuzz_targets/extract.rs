//! The whole bundled pipeline (gazetteer, patterns, tagger, heuristic,
//! relations, resolution) on arbitrary UTF-8, then its spans given back.
#![no_main]

#[path = "../../tests/support/checks.rs"]
mod checks;

use std::path::Path;
use std::sync::OnceLock;

use actorgraph::Pipeline;

fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE
        .get_or_init(|| checks::bundled_pipeline(&Path::new(env!("CARGO_MANIFEST_DIR")).join("..")))
}

libfuzzer_sys::fuzz_target!(|text: &str| checks::analysis(pipeline(), text));

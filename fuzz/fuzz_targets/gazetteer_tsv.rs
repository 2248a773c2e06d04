//! The gazetteer TSV and lexicon loaders on arbitrary bytes: a clear error or
//! a gazetteer whose matches are valid spans.
#![no_main]

#[path = "../../tests/support/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::gazetteer_tsv(data));

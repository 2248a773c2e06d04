//! The tagger model loader on arbitrary bytes: an error or a model, never a
//! panic or an allocation sized by a forged length (run with -malloc_limit_mb);
//! a model that loads tags a text into valid mentions.
#![no_main]

#[path = "../../tests/support/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::tagger_model(data));

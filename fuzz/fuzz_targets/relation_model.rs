//! The relation model loader on arbitrary bytes: an error or a model, never a
//! panic or an allocation sized by a forged length; a model that loads gives
//! valid relations.
#![no_main]

#[path = "../../tests/support/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|data: &[u8]| checks::relation_model(data));

//! The tokenizer and sentence splitter on arbitrary UTF-8: tokens and sentences
//! in order, on char boundaries, covering every token once.
#![no_main]

#[path = "../../tests/support/checks.rs"]
mod checks;

libfuzzer_sys::fuzz_target!(|text: &str| checks::text(text));

//! The fuzz targets' checks (`fuzz/`, which needs nightly) on stable Rust, as
//! part of `cargo test`: a few hundred deterministic random texts through the
//! tokenizer and the whole bundled pipeline, and damaged model and gazetteer
//! files through their loaders. Same generator seed, same inputs, so a failure
//! here reproduces. No extra dependency: a xorshift generator is enough.

#[path = "support/checks.rs"]
mod checks;

use std::path::Path;

/// Marsaglia's xorshift64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Pieces that have broken tokenizers and offset code elsewhere: names,
/// initialisms, punctuation runs, CRLF, NUL, combining marks, right-to-left and
/// zero-width marks, astral characters, scripts without case, numbers, URLs.
const PIECES: &[&str] = &[
    "Egypt",
    "Khalifa Haftar",
    "Haftar's",
    "the UAE",
    "U.S.",
    "ISIL",
    "UN",
    "Islamic State of Iraq and the Levant",
    "Tobruk",
    "Mr.",
    "Dr",
    "St.",
    "e.g.",
    "...",
    "--",
    "'",
    "\u{2019}",
    "\"",
    "(",
    ")",
    "[",
    ",",
    ";",
    ":",
    ".",
    "!",
    "?",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\n\n",
    "\t",
    "\0",
    "\u{a0}",
    "\u{200b}",
    "\u{200f}",
    "\u{202e}",
    "\u{301}",
    "e\u{301}",
    "Zu\u{308}rich",
    "😀",
    "👍🏽",
    "🇺🇳",
    "مصر",
    "Москва",
    "東京",
    "ǅ",
    "İ",
    "ß",
    "ﬁ",
    "3 May 2015",
    "$1.5 billion",
    "12th",
    "1,000",
    "50%",
    "http://example.org/a?b=c",
    "a@b.org",
    "@UN",
    "#Libya",
    "+44 20 7946 0958",
    "32.9N 13.2E",
    "A",
    "a",
    "Z",
    "-",
    "/",
    "&",
];

fn random_text(rng: &mut Rng) -> String {
    let n = rng.below(40);
    let mut text = String::new();
    for _ in 0..n {
        match rng.below(10) {
            // now and then an arbitrary code point, surrogates excluded by char
            0 => text.extend(char::from_u32(rng.below(0x11_0000) as u32)),
            _ => text.push_str(rng.pick(PIECES)),
        }
        if rng.below(3) == 0 {
            text.push(' ');
        }
    }
    text
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Fewer cases in debug builds (`.ci/run`'s `cargo test`), where the pipeline
/// is ~20 times slower.
fn cases(release: usize) -> usize {
    if cfg!(debug_assertions) {
        release / 5
    } else {
        release
    }
}

#[test]
fn random_texts_keep_every_invariant() {
    let pipeline = checks::bundled_pipeline(root());
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..cases(500) {
        let text = random_text(&mut rng);
        checks::text(&text);
        checks::analysis(&pipeline, &text);
    }
}

/// Inputs the fuzzers found to break an invariant, kept as regression tests.
const FUZZER_FINDINGS: &[&str] = &[
    // A date pattern over "May. 3" ran into the next sentence, and the
    // mention's relations named a sentence that did not hold it.
    "Egyfactpv ane yan crisin May. 3 ai them.\nFinding a peaceful solution to \
     the Libyan crisin May 200\u{18}\0\0\0\0\0\0\08on 3 May 2008.\0.",
];

#[test]
fn fuzzer_findings_keep_every_invariant() {
    let pipeline = checks::bundled_pipeline(root());
    for text in FUZZER_FINDINGS {
        checks::text(text);
        checks::analysis(&pipeline, text);
    }
}

/// Bytes of `file` with a few bytes changed, a piece cut out or a length
/// field forged, behind each of the ways [`checks::candidate`] reads input.
fn damaged(rng: &mut Rng, file: &[u8]) -> Vec<u8> {
    let mut bytes = file.to_vec();
    match rng.below(3) {
        0 => {
            for _ in 0..1 + rng.below(4) {
                let i = rng.below(bytes.len());
                bytes[i] = rng.next() as u8;
            }
        }
        1 => {
            let start = rng.below(bytes.len());
            let end = (start + rng.below(64)).min(bytes.len());
            bytes.drain(start..end);
        }
        _ => {
            // a u32 field (a count or a length) set to a huge value
            let i = rng.below(bytes.len().saturating_sub(4));
            let forged: u32 = [u32::MAX, u32::MAX / 2, 1 << 30, 65_536][rng.below(4)];
            bytes[i..i + 4].copy_from_slice(&forged.to_le_bytes());
        }
    }
    // Mode 1 of `checks::candidate`: the whole file, its checksum recomputed, so
    // the damage reaches the body parser instead of failing the checksum.
    let body = &bytes[..bytes.len().saturating_sub(8)];
    let mut input = vec![1];
    input.extend_from_slice(body);
    input
}

#[test]
fn damaged_model_files_are_errors_or_valid_models() {
    let mut rng = Rng(0x0de1_0000_0000_0008);
    for (name, check) in [
        ("tagger.bin", checks::tagger_model as fn(&[u8])),
        ("relations.bin", checks::relation_model),
    ] {
        let file = checks::bundled(root(), name);
        // Loading the real file through the same path works.
        check(
            &[1].iter()
                .chain(&file[..file.len() - 8])
                .copied()
                .collect::<Vec<u8>>(),
        );
        for _ in 0..cases(60) {
            check(&damaged(&mut rng, &file));
        }
        for _ in 0..cases(500) {
            let n = rng.below(200);
            let random: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            check(&random);
        }
    }
}

#[test]
fn damaged_gazetteer_files_are_errors_or_valid_gazetteers() {
    let mut rng = Rng(0x6a2e_7733_0000_0008);
    let header = "id\tlabel\tcanonical\talias\tcase\n";
    for _ in 0..cases(300) {
        let mut tsv = String::from(header);
        for _ in 0..rng.below(8) {
            let fields: Vec<String> = (0..4 + rng.below(3))
                .map(|_| random_text(&mut rng))
                .collect();
            tsv.push_str(&fields.join("\t"));
            tsv.push_str(["\n", "\r\n", ""][rng.below(3)]);
        }
        checks::gazetteer_tsv(tsv.as_bytes());
        let valid = format!(
            "{header}x:1\tPerson\t{0}\t{0}\tci\n",
            random_text(&mut rng).replace(['\t', '\n', '\r'], " ")
        );
        checks::gazetteer_tsv(valid.as_bytes());
    }
}

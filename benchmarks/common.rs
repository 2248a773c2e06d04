//! Helpers the Rust benchmarks share (included with `#[path]`, not a crate).

use std::process::Command;
use std::time::{Duration, Instant};

/// Where the bundled data files are, from the repository root.
pub const DATA: &str = "python/actorgraph/data";
/// The seed text.
pub const SEED: &str = "seeds/000_e183ab97ab092207.txt";

/// The fastest of `runs` calls of `f`, with the last call's value.
pub fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, T) {
    let mut fastest = Duration::MAX;
    let mut value = None;
    for _ in 0..runs {
        let started = Instant::now();
        value = Some(f());
        fastest = fastest.min(started.elapsed());
    }
    (fastest, value.expect("runs > 0"))
}

/// A gzipped data file as text: `gzip -dc`, so the benchmarks need no
/// decompression dependency.
pub fn gunzip(name: &str) -> String {
    let out = Command::new("gzip")
        .args(["-dc", &format!("{DATA}/{name}")])
        .output()
        .expect("gzip runs");
    String::from_utf8(out.stdout).expect("UTF-8 data")
}

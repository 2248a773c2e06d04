//! Which files to read, in which order, as which format.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::{display, io_error, normalise};
use crate::error::{Error, Result};

/// A file format, picked by extension unless given.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One document per file.
    Text,
    /// One JSON object per line (`.jsonl`, `.ndjson`).
    JsonLines,
    /// Comma-separated values with a header row.
    Csv,
    /// Tab-separated values with a header row.
    Tsv,
    /// Apache Parquet: listed here, read by the Python package with pyarrow.
    Parquet,
}

impl Format {
    /// The format a name gives (`txt`, `jsonl`/`ndjson`, `csv`, `tsv`, `parquet`),
    /// as an extension or as a `format=` argument.
    pub fn parse(name: &str) -> Option<Format> {
        Some(match name.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Text,
            "jsonl" | "ndjson" => Format::JsonLines,
            "csv" => Format::Csv,
            "tsv" | "tab" => Format::Tsv,
            "parquet" | "pq" => Format::Parquet,
            _ => return None,
        })
    }

    /// The format of a file name by its extension, looking through a `.gz`:
    /// `a.jsonl.gz` is JSON lines. None for other extensions.
    pub fn of_name(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?;
        let lower = name.to_ascii_lowercase();
        let stem = lower.strip_suffix(".gz").unwrap_or(&lower);
        let (_, extension) = stem.rsplit_once('.')?;
        Format::parse(extension).filter(|f| !(*f == Format::Parquet && stem.len() < lower.len()))
    }

    /// The name `format=` takes for this format.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "txt",
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Parquet => "parquet",
        }
    }
}

/// One file to read, and how.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// Its format.
    pub format: Format,
}

/// The files `paths` name, in order: a file as given, a folder's files found
/// recursively, sorted by path (as `sorted(Path(folder).rglob(...))` gives them).
///
/// A folder contributes the files whose names match `glob` (`*` and `?` on the
/// file name, e.g. `"*.txt"`), or without `glob` the files whose extension names
/// a format (`.txt`, `.jsonl`, `.ndjson`, `.csv`, `.tsv`, `.parquet`, and these
/// with `.gz`). A file's format is `format` when given, else its extension's,
/// else plain text. Symbolic links to folders are not followed (no cycles).
///
/// # Errors
///
/// [`Error::Io`] for a path that does not exist or a folder that cannot be listed.
pub fn inputs(paths: &[PathBuf], format: Option<Format>, glob: Option<&str>) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => Error::Io {
                path: display(path),
                kind: e.kind(),
                errno: e.raw_os_error(),
                message: "no such file or folder".into(),
            },
            _ => io_error(path, e),
        })?;
        let path = normalise(path);
        if meta.is_dir() {
            let mut found = Vec::new();
            walk(&path, glob, &mut found)?;
            out.extend(found.into_iter().map(|(path, detected)| Input {
                path,
                format: format.or(detected).unwrap_or(Format::Text),
            }));
        } else {
            let detected = Format::of_name(&path);
            out.push(Input {
                path,
                format: format.or(detected).unwrap_or(Format::Text),
            });
        }
    }
    Ok(out)
}

/// Depth-first over `dir` with each folder's entries sorted by name: the order
/// of sorted full paths.
fn walk(dir: &Path, glob: Option<&str>, out: &mut Vec<(PathBuf, Option<Format>)>) -> Result<()> {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .map_err(|e| io_error(dir, e))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<io::Result<_>>()
        .map_err(|e| io_error(dir, e))?;
    entries.sort();
    for path in entries {
        let Ok(link) = fs::symlink_metadata(&path) else {
            continue;
        };
        if link.is_dir() {
            walk(&path, glob, out)?;
            continue;
        }
        // A link to a file counts; a link to a folder or a dangling one does not.
        if !fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            continue;
        }
        let detected = Format::of_name(&path);
        let wanted = match glob {
            Some(pattern) => path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|name| glob_match(pattern, name)),
            None => detected.is_some(),
        };
        if wanted {
            out.push((path, detected));
        }
    }
    Ok(())
}

/// Whether `name` matches `pattern`, where `*` stands for any run of characters
/// and `?` for one character.
///
/// ```
/// use actorgraph::read::glob_match;
/// assert!(glob_match("*.txt", "a.txt") && !glob_match("*.txt", "a.txt.gz"));
/// assert!(glob_match("news-??.jsonl*", "news-01.jsonl.gz"));
/// ```
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    // Greedy with backtracking to the last star: linear for patterns with one star,
    // O(len(p) * len(n)) at worst.
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while j < n.len() {
        if i < p.len() && (p[i] == '?' || p[i] == n[j]) {
            i += 1;
            j += 1;
        } else if i < p.len() && p[i] == '*' {
            star = Some((i, j));
            i += 1;
        } else if let Some((si, sj)) = star {
            i = si + 1;
            j = sj + 1;
            star = Some((si, sj + 1));
        } else {
            return false;
        }
    }
    p[i..].iter().all(|&c| c == '*')
}

//! Reading corpora: the input end, before [`crate::text`].
//!
//! Given paths (files, or folders searched recursively in sorted order), a
//! [`Reader`] streams [`Record`]s `(text, id, date)`: one per plain-text file,
//! one per line of JSON lines, one per row of CSV/TSV, any of them gzipped.
//! Memory stays bounded by the records in flight, never the file: lines and
//! rows are read one at a time into reused buffers.
//!
//! ```
//! use actorgraph::read::{inputs, ReadOptions, Reader};
//!
//! let dir = std::env::temp_dir().join(format!("actorgraph-read-doc-{}", std::process::id()));
//! std::fs::create_dir_all(&dir).unwrap();
//! let file = dir.join("news.jsonl");
//! std::fs::write(&file, "{\"text\": \"Egypt backed Haftar.\", \"id\": 7, \"date\": \"2015-03-01\"}\n").unwrap();
//!
//! let options = ReadOptions::default();
//! let files = inputs(&[dir.clone()], None, None)?;
//! let records: Vec<_> = Reader::new(files, options).collect::<Result<_, _>>()?;
//! assert_eq!(records[0].text, "Egypt backed Haftar.");
//! assert_eq!(records[0].id, "7");
//! assert_eq!(records[0].date.as_deref(), Some("2015-03-01"));
//! # std::fs::remove_dir_all(&dir).unwrap();
//! # Ok::<(), actorgraph::Error>(())
//! ```

mod delimited;
mod files;
mod jsonl;

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;

pub use files::{glob_match, inputs, Format, Input};

use crate::error::{Error, Result};

/// One document read from a corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The text (empty when the field was empty or null: the record is kept).
    pub text: String,
    /// The id field's value, or where the record came from: the path for a
    /// plain-text file, `path:line` for a line or row.
    pub id: String,
    /// The date field's value as written, when there is one.
    pub date: Option<String>,
}

/// What to do with bytes that are not UTF-8.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Errors {
    /// Stop with an error naming the file, line and byte.
    #[default]
    Strict,
    /// Replace each bad sequence with U+FFFD and go on (the reader notes the file).
    Replace,
}

/// A field (JSON lines) or column (CSV) to take a record's id or date from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// Use this field where a record has it.
    Optional(String),
    /// Every record must have this field: its absence is an error.
    Required(String),
}

impl Field {
    fn name(&self) -> &str {
        match self {
            Field::Optional(name) | Field::Required(name) => name,
        }
    }

    fn required(&self) -> bool {
        matches!(self, Field::Required(_))
    }
}

/// How to read records: field names and the treatment of bad bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadOptions {
    /// The text field or column; every record must have it.
    pub text: String,
    /// The id field or column (default: `id` where present).
    pub id: Field,
    /// The date field or column (default: `date` where present).
    pub date: Field,
    /// Bytes that are not UTF-8: an error, or replaced.
    pub errors: Errors,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            text: "text".into(),
            id: Field::Optional("id".into()),
            date: Field::Optional("date".into()),
            errors: Errors::Strict,
        }
    }
}

/// Streams the [`Record`]s of a list of [`Input`]s, file after file, in order.
///
/// The iterator stops after the first error.
pub struct Reader {
    files: std::vec::IntoIter<Input>,
    current: Option<Source>,
    options: ReadOptions,
    replaced: Vec<String>,
    failed: bool,
}

/// The open file being read.
enum Source {
    Lines(jsonl::Lines),
    Rows(delimited::Rows),
}

/// Reader buffers larger than this are dropped after use rather than kept for
/// the next line: one 1 GB line must not pin 1 GB for the rest of the corpus.
const KEEP_BUFFER: usize = 16 << 20;

impl Reader {
    /// A reader over `files` (from [`inputs`]), read with `options`.
    pub fn new(files: Vec<Input>, options: ReadOptions) -> Self {
        Reader {
            files: files.into_iter(),
            current: None,
            options,
            replaced: Vec::new(),
            failed: false,
        }
    }

    /// Appends up to `max_records` records to the given columns, ending the
    /// batch early once it holds `max_bytes` of text. Returns how many it read
    /// (0 at the end).
    ///
    /// # Errors
    ///
    /// The first record that cannot be read: see [`Error::Read`] and [`Error::Io`].
    pub fn read_batch(
        &mut self,
        max_records: usize,
        max_bytes: usize,
        out: &mut Vec<Record>,
    ) -> Result<usize> {
        let (mut n, mut bytes) = (0, 0);
        while n < max_records && bytes < max_bytes {
            match self.next() {
                Some(Ok(record)) => {
                    bytes += record.text.len();
                    out.push(record);
                    n += 1;
                }
                Some(Err(e)) => return Err(e),
                None => break,
            }
        }
        Ok(n)
    }

    /// Files in which bytes were replaced (with `Errors::Replace`), each once.
    pub fn replaced(&self) -> &[String] {
        &self.replaced
    }

    fn next_record(&mut self) -> Result<Option<Record>> {
        loop {
            let record = match &mut self.current {
                Some(Source::Lines(lines)) => lines.next(&self.options, &mut self.replaced)?,
                Some(Source::Rows(rows)) => rows.next(&self.options, &mut self.replaced)?,
                None => {
                    let Some(input) = self.files.next() else {
                        return Ok(None);
                    };
                    match input.format {
                        Format::Text => {
                            return read_text_file(&input.path, &self.options, &mut self.replaced)
                                .map(Some)
                        }
                        Format::JsonLines => {
                            let lines = jsonl::Lines::open(&input.path)?;
                            self.current = Some(Source::Lines(lines));
                        }
                        Format::Csv | Format::Tsv => {
                            let rows = delimited::Rows::open(
                                &input.path,
                                input.format,
                                &self.options,
                                &mut self.replaced,
                            )?;
                            self.current = Some(Source::Rows(rows));
                        }
                        Format::Parquet => {
                            return Err(Error::Read {
                                path: display(&input.path),
                                line: None,
                                message: "parquet files are read by the Python package \
                                          (actorgraph.read, with pyarrow), not the Rust core"
                                    .into(),
                            })
                        }
                    }
                    continue;
                }
            };
            if record.is_some() {
                return Ok(record);
            }
            self.current = None;
        }
    }
}

impl Iterator for Reader {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let next = self.next_record();
        if next.is_err() {
            self.failed = true;
            self.current = None;
        }
        next.transpose()
    }
}

/// The path as ids and messages show it.
pub(crate) fn display(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// An I/O failure on `path` as a core error: a corrupt or truncated gzip
/// stream is bad data ([`Error::Read`]), anything else the OS's ([`Error::Io`]).
pub(crate) fn io_error(path: &Path, e: io::Error) -> Error {
    match e.kind() {
        io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput | io::ErrorKind::UnexpectedEof => {
            Error::Read {
                path: display(path),
                line: None,
                message: format!("cannot decompress: {e} (a corrupt or truncated gzip file?)"),
            }
        }
        kind => Error::Io {
            path: display(path),
            kind,
            errno: e.raw_os_error(),
            message: e.to_string(),
        },
    }
}

/// Opens `path` for buffered reading, decompressing it when it starts with
/// the gzip magic bytes (whatever its name).
pub(crate) fn open(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    let file = File::open(path).map_err(|e| io_error(path, e))?;
    let mut buffered = BufReader::with_capacity(1 << 16, file);
    let head = buffered.fill_buf().map_err(|e| io_error(path, e))?;
    if head.starts_with(&[0x1f, 0x8b]) {
        let decoder = MultiGzDecoder::new(buffered);
        Ok(Box::new(BufReader::with_capacity(1 << 16, decoder)))
    } else {
        Ok(Box::new(buffered))
    }
}

/// `bytes` as UTF-8 (without a leading byte-order mark when `at_start`).
/// Strict: an error at the first bad byte, `at` giving its line and file
/// offset from the offset within `bytes`. Replace: U+FFFD, and the file noted
/// once in `replaced`.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    at_start: bool,
    errors: Errors,
    path: &Path,
    at: impl Fn(usize) -> (Option<u64>, u64),
    replaced: &mut Vec<String>,
) -> Result<Cow<'a, str>> {
    let bytes = match at_start {
        true => bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes),
        false => bytes,
    };
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Cow::Borrowed(s)),
        Err(_) if errors == Errors::Replace => {
            // Files are read one after another, so the last entry is enough.
            let name = display(path);
            if replaced.last() != Some(&name) {
                replaced.push(name);
            }
            Ok(String::from_utf8_lossy(bytes))
        }
        Err(e) => {
            let (line, byte) = at(e.valid_up_to());
            Err(Error::Read {
                path: display(path),
                line,
                message: format!(
                    "not valid UTF-8 (byte {byte} of the file{}); pass errors=\"replace\" \
                     to replace bad bytes with U+FFFD",
                    if is_gzip_name(path) {
                        ", decompressed"
                    } else {
                        ""
                    }
                ),
            })
        }
    }
}

fn is_gzip_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// A plain-text file: one document, id = the path. The whole file is the
/// document, so it is read whole (the only unbounded read, by nature).
fn read_text_file(
    path: &Path,
    options: &ReadOptions,
    replaced: &mut Vec<String>,
) -> Result<Record> {
    let mut bytes = Vec::new();
    open(path)?
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(path, e))?;
    let name = display(path);
    let bom = usize::from(bytes.starts_with(b"\xEF\xBB\xBF")) * 3;
    let text = decode(
        &bytes,
        true,
        options.errors,
        path,
        |offset| {
            let upto = &bytes[bom..bom + offset];
            let line = 1 + upto.iter().filter(|&&b| b == b'\n').count() as u64;
            (Some(line), (bom + offset) as u64)
        },
        replaced,
    )?
    .into_owned();
    Ok(Record {
        text,
        id: name,
        date: None,
    })
}

/// A folder or file path normalised as Python's `pathlib` would show it
/// (`docs//a/./b.txt` → `docs/a/b.txt`), so ids match `str(Path(...))`.
pub(crate) fn normalise(path: &Path) -> PathBuf {
    let mut out: PathBuf = path
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .collect();
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

#[cfg(test)]
mod tests;

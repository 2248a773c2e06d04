//! CSV and TSV with a header row, read row by row into one reused record.

use std::io::Read;
use std::path::{Path, PathBuf};

use csv::{ByteRecord, ReaderBuilder};

use super::{decode, display, io_error, open, Field, Format, ReadOptions, Record, KEEP_BUFFER};
use crate::error::{Error, Result};

/// An open CSV or TSV file.
pub(super) struct Rows {
    path: PathBuf,
    reader: csv::Reader<Box<dyn Read + Send>>,
    record: ByteRecord,
    text: usize,
    id: Option<usize>,
    date: Option<usize>,
}

impl Rows {
    /// Opens the file and finds the columns in its header.
    pub(super) fn open(
        path: &Path,
        format: Format,
        options: &ReadOptions,
        replaced: &mut Vec<String>,
    ) -> Result<Rows> {
        let input: Box<dyn Read + Send> = Box::new(open(path)?);
        let mut reader = ReaderBuilder::new()
            .delimiter(if format == Format::Tsv { b'\t' } else { b',' })
            .has_headers(true)
            .from_reader(input);
        let header = reader
            .byte_headers()
            .map_err(|e| csv_error(path, e))?
            .clone();
        let mut names = Vec::with_capacity(header.len());
        for (i, raw) in header.iter().enumerate() {
            let name = decode(
                raw,
                i == 0,
                options.errors,
                path,
                |_| (Some(1), 0),
                replaced,
            )?;
            names.push(name.into_owned());
        }
        let column = |field: &Field| names.iter().position(|n| n == field.name());
        let (id, date) = (column(&options.id), column(&options.date));
        let missing = |name: &str, option: &str| Error::Read {
            path: display(path),
            line: Some(1),
            message: format!(
                "no column \"{name}\" in the header (columns: {}); name the column with {option}",
                names.join(", ")
            ),
        };
        // An empty file has no header and no rows: nothing to read, not an error.
        let text = match names.iter().position(|n| *n == options.text) {
            Some(i) => i,
            None if names.is_empty() => usize::MAX,
            None => return Err(missing(&options.text, "text=...")),
        };
        if id.is_none() && options.id.required() {
            return Err(missing(options.id.name(), "id=..."));
        }
        if date.is_none() && options.date.required() {
            return Err(missing(options.date.name(), "date=..."));
        }
        Ok(Rows {
            path: path.to_owned(),
            reader,
            record: ByteRecord::new(),
            text,
            id,
            date,
        })
    }

    /// The next row's record.
    pub(super) fn next(
        &mut self,
        options: &ReadOptions,
        replaced: &mut Vec<String>,
    ) -> Result<Option<Record>> {
        if self.record.as_slice().len() > KEEP_BUFFER {
            self.record = ByteRecord::new();
        }
        if !self
            .reader
            .read_byte_record(&mut self.record)
            .map_err(|e| csv_error(&self.path, e))?
        {
            return Ok(None);
        }
        let (line, byte) = self
            .record
            .position()
            .map_or((0, 0), |p| (p.line(), p.byte()));
        let record = &self.record;
        let path = &self.path;
        let mut field = |i: usize| -> Result<String> {
            let raw = record.get(i).unwrap_or_default();
            // The field's offset in the row is not known (quotes), hence "row at".
            decode(
                raw,
                false,
                options.errors,
                path,
                |_| (Some(line), byte),
                replaced,
            )
            .map(|s| s.into_owned())
            .map_err(|e| match e {
                Error::Read {
                    path,
                    line,
                    message,
                } => Error::Read {
                    path,
                    line,
                    message: format!("column {}: {message}", i + 1),
                },
                e => e,
            })
        };
        let text = field(self.text)?;
        let id = match self.id {
            Some(i) => field(i)?,
            None => format!("{}:{line}", display(path)),
        };
        let date = match self.date {
            Some(i) => Some(field(i)?).filter(|d| !d.is_empty()),
            None => None,
        };
        Ok(Some(Record { text, id, date }))
    }
}

/// A csv error as a core error, with the line where the crate knows it.
fn csv_error(path: &Path, e: csv::Error) -> Error {
    let line = e.position().map(|p| p.line());
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io_error(path, io),
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => Error::Read {
            path: display(path),
            line,
            message: format!("this row has {len} fields, the header {expected_len}"),
        },
        other => Error::Read {
            path: display(path),
            line,
            message: format!("not valid CSV: {other:?}"),
        },
    }
}

//! `_core.list_inputs` and `_core.RecordReader`: the Rust side of
//! `actorgraph.read`. Files are listed, opened, decompressed and parsed with the
//! GIL released; each batch crosses into Python as three lists (columns).

use std::path::PathBuf;
use std::sync::Mutex;

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

use super::errors::core_call;
use crate::read::{inputs, Errors, Field, Format, Input, ReadOptions, Reader, Record};

fn format_of(name: &str) -> PyResult<Format> {
    Format::parse(name).ok_or_else(|| {
        PyValueError::new_err(format!(
            "format must be one of 'txt', 'jsonl', 'csv', 'tsv', 'parquet' or None, got {name:?}"
        ))
    })
}

/// The files `paths` name, in reading order, each with its format's name.
#[pyfunction]
#[pyo3(signature = (paths, format=None, glob=None))]
pub fn list_inputs(
    py: Python<'_>,
    paths: Vec<PathBuf>,
    format: Option<&str>,
    glob: Option<String>,
) -> PyResult<Vec<(PathBuf, &'static str)>> {
    let format = format.map(format_of).transpose()?;
    let found = core_call(py, move || inputs(&paths, format, glob.as_deref()))?;
    Ok(found
        .into_iter()
        .map(|i| (i.path, i.format.name()))
        .collect())
}

/// A batch as columns: texts, ids, dates.
type Columns = (Vec<String>, Vec<String>, Vec<Option<String>>);

/// Streams records from files listed by `list_inputs` (parquet excluded).
#[pyclass(frozen, module = "actorgraph._core")]
pub struct RecordReader {
    // A Mutex, not `&mut self`: the reader is locked inside `py.detach`, so a second
    // thread using the same reader waits there instead of failing with a borrow error.
    inner: Mutex<Reader>,
}

#[pymethods]
impl RecordReader {
    #[new]
    #[pyo3(signature = (files, text, id, id_required, date, date_required, errors))]
    fn new(
        files: Vec<(PathBuf, String)>,
        text: String,
        id: String,
        id_required: bool,
        date: String,
        date_required: bool,
        errors: &str,
    ) -> PyResult<Self> {
        let errors = match errors {
            "strict" => Errors::Strict,
            "replace" => Errors::Replace,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors must be 'strict' or 'replace', got {other:?}"
                )))
            }
        };
        let field = |name: String, required: bool| match required {
            true => Field::Required(name),
            false => Field::Optional(name),
        };
        let files = files
            .into_iter()
            .map(|(path, format)| {
                Ok(Input {
                    path,
                    format: format_of(&format)?,
                })
            })
            .collect::<PyResult<Vec<_>>>()?;
        let options = ReadOptions {
            text,
            id: field(id, id_required),
            date: field(date, date_required),
            errors,
        };
        Ok(RecordReader {
            inner: Mutex::new(Reader::new(files, options)),
        })
    }

    /// The next batch of up to `max_records` records, ending early at
    /// `max_bytes` of text, as (texts, ids, dates); None at the end.
    #[pyo3(signature = (max_records, max_bytes))]
    fn next_batch(
        &self,
        py: Python<'_>,
        max_records: usize,
        max_bytes: usize,
    ) -> PyResult<Option<Columns>> {
        let records = core_call(py, || {
            let mut reader = self.inner.lock().map_err(|_| crate::Error::Read {
                path: "reader".into(),
                line: None,
                message: "unusable after an internal error".into(),
            })?;
            let mut out = Vec::with_capacity(max_records.min(4096));
            reader.read_batch(max_records.max(1), max_bytes.max(1), &mut out)?;
            Ok(out)
        })?;
        if records.is_empty() {
            return Ok(None);
        }
        Ok(Some(columns(records)))
    }

    /// Files where bad bytes were replaced so far (errors="replace").
    fn replaced(&self) -> Vec<String> {
        match self.inner.lock() {
            Ok(reader) => reader.replaced().to_vec(),
            Err(poisoned) => poisoned.into_inner().replaced().to_vec(),
        }
    }
}

fn columns(records: Vec<Record>) -> Columns {
    let n = records.len();
    let (mut texts, mut ids, mut dates) = (
        Vec::with_capacity(n),
        Vec::with_capacity(n),
        Vec::with_capacity(n),
    );
    for r in records {
        texts.push(r.text);
        ids.push(r.id);
        dates.push(r.date);
    }
    (texts, ids, dates)
}

//! The exception hierarchy and the one place core errors become Python errors.
//!
//! ```text
//! ActorgraphError(Exception)
//! ├── GazetteerError(ActorgraphError, ValueError)   bad gazetteer entries or files
//! ├── DataError(ActorgraphError, ValueError)        bad bundled or user data files
//! ├── ModelError(ActorgraphError, ValueError)       not a model, wrong version, corrupted
//! ├── TrainingError(ActorgraphError, ValueError)    unusable training data
//! │   (DataError also covers unreadable corpus files: bad UTF-8, JSON, columns;
//! │    a missing or unreadable path is Python's own FileNotFoundError/OSError)
//! └── InternalError(ActorgraphError)                a bug: a panic caught at the edge
//! ```
//!
//! The classes subclass `ValueError` where that is what a user would catch.
//! `create_exception!` allows a single base, so the classes are made with
//! Python's `type()` at import and kept here for raising.

use std::panic::{catch_unwind, AssertUnwindSafe};

use pyo3::exceptions::{PyException, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

use crate::error::Error;

struct Classes {
    base: Py<PyType>,
    gazetteer: Py<PyType>,
    data: Py<PyType>,
    model: Py<PyType>,
    training: Py<PyType>,
    internal: Py<PyType>,
}

static CLASSES: PyOnceLock<Classes> = PyOnceLock::new();

fn make_class<'py>(
    py: Python<'py>,
    name: &str,
    doc: &str,
    bases: &[&Bound<'py, PyType>],
) -> PyResult<Bound<'py, PyType>> {
    let namespace = PyDict::new(py);
    namespace.set_item("__module__", "actorgraph._core")?;
    namespace.set_item("__doc__", doc)?;
    let bases = PyTuple::new(py, bases)?;
    let class = py
        .get_type::<PyType>()
        .call1((name, bases, namespace))?
        .cast_into::<PyType>()?;
    Ok(class)
}

fn classes(py: Python<'_>) -> PyResult<&Classes> {
    CLASSES.get_or_try_init(py, || {
        let exception = py.get_type::<PyException>();
        let value_error = py.get_type::<PyValueError>();
        let base = make_class(
            py,
            "ActorgraphError",
            "Base class of every error actorgraph raises on purpose.",
            &[&exception],
        )?;
        let gazetteer = make_class(
            py,
            "GazetteerError",
            "A gazetteer entry or file is malformed; the message names the entry or line.",
            &[&base, &value_error],
        )?;
        let data = make_class(
            py,
            "DataError",
            "A data file (bundled or given) is malformed.",
            &[&base, &value_error],
        )?;
        let model = make_class(
            py,
            "ModelError",
            "A model file is not a model, of an unsupported version, truncated or corrupted.",
            &[&base, &value_error],
        )?;
        let training = make_class(
            py,
            "TrainingError",
            "Training data or options are unusable; the message says which sentence or option.",
            &[&base, &value_error],
        )?;
        let internal = make_class(
            py,
            "InternalError",
            "A bug in actorgraph: a panic in the Rust core, caught before it reached Python. \
             Please report it with the input that caused it.",
            &[&base],
        )?;
        Ok(Classes {
            base: base.unbind(),
            gazetteer: gazetteer.unbind(),
            data: data.unbind(),
            model: model.unbind(),
            training: training.unbind(),
            internal: internal.unbind(),
        })
    })
}

/// Adds the exception classes to the module.
pub(crate) fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let c = classes(py)?;
    m.add("ActorgraphError", c.base.bind(py))?;
    m.add("GazetteerError", c.gazetteer.bind(py))?;
    m.add("DataError", c.data.bind(py))?;
    m.add("ModelError", c.model.bind(py))?;
    m.add("TrainingError", c.training.bind(py))?;
    m.add("InternalError", c.internal.bind(py))?;
    Ok(())
}

fn raise(py: Python<'_>, pick: impl Fn(&Classes) -> &Py<PyType>, message: String) -> PyErr {
    match classes(py) {
        Ok(c) => PyErr::from_type(pick(c).bind(py).clone(), message),
        Err(e) => e,
    }
}

/// Converts a core error into its Python exception.
fn to_py(py: Python<'_>, error: Error) -> PyErr {
    let message = error.to_string();
    match error {
        Error::Gazetteer { .. } => raise(py, |c| &c.gazetteer, message),
        Error::Data { .. } => raise(py, |c| &c.data, message),
        Error::Model { .. } => raise(py, |c| &c.model, message),
        Error::Training { .. } => raise(py, |c| &c.training, message),
        Error::Read { .. } => raise(py, |c| &c.data, message),
        Error::Io {
            kind, errno, path, ..
        } => os_error(kind, errno, path, message),
    }
}

/// The `OSError` subclass Python itself would raise, with `errno` and
/// `filename` set when the OS gave a number (`FileNotFoundError(2, ..., path)`).
fn os_error(kind: std::io::ErrorKind, errno: Option<i32>, path: String, message: String) -> PyErr {
    use pyo3::exceptions::{PyFileNotFoundError, PyOSError, PyPermissionError};
    use std::io::ErrorKind;
    let Some(errno) = errno else {
        return match kind {
            ErrorKind::NotFound => PyFileNotFoundError::new_err(message),
            ErrorKind::PermissionDenied => PyPermissionError::new_err(message),
            _ => PyOSError::new_err(message),
        };
    };
    // Python's OSError(errno, strerror, filename) picks the subclass from errno.
    let strerror = message
        .strip_prefix(&format!("{path}: "))
        .unwrap_or(&message)
        .to_string();
    PyOSError::new_err((errno, strerror, path))
}

/// Runs a core call the one way every entry point should: with the GIL released,
/// panics caught (`InternalError`) and core errors mapped to their classes.
pub(crate) fn core_call<T: Send>(
    py: Python<'_>,
    f: impl FnOnce() -> crate::Result<T> + Send,
) -> PyResult<T> {
    match py.detach(|| guard(f)) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(e)) => Err(to_py(py, e)),
        Err(panic) => Err(internal(py, panic)),
    }
}

/// Runs `f` and turns a panic into `InternalError`, so no panic ever reaches
/// Python as pyo3's `PanicException` (a `BaseException` that `except Exception`
/// misses). Call it inside `py.detach` around every core call.
fn guard<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

/// The `InternalError` for a caught panic.
fn internal(py: Python<'_>, panic: String) -> PyErr {
    raise(
        py,
        |c| &c.internal,
        format!("internal error in the actorgraph core (this is a bug, please report it): {panic}"),
    )
}

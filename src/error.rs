//! The one error type of the core. The Python bindings map each variant to an
//! exception class once, in `python/errors.rs`.

use std::fmt;

/// Everything that can go wrong in the core, one variant per user-facing failure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// A gazetteer entry or gazetteer file is malformed. `line` is 1-based when known.
    Gazetteer {
        /// Line or entry number (1-based), if the input had lines.
        line: Option<usize>,
        /// What is wrong, for a human.
        message: String,
    },
    /// A model file is not a model, of another version, truncated or corrupted.
    Model {
        /// What is wrong, for a human.
        message: String,
    },
    /// Training data or options are unusable.
    Training {
        /// What is wrong, for a human.
        message: String,
    },
    /// A data file shipped with or given to the library is malformed.
    Data {
        /// Which file or resource.
        what: String,
        /// What is wrong, for a human.
        message: String,
    },
    /// An input file does not hold what its format says: bytes that are not UTF-8,
    /// a line that is not JSON, a missing field or column.
    Read {
        /// The file.
        path: String,
        /// Line (1-based) of the record, when the format has lines.
        line: Option<u64>,
        /// What is wrong, for a human.
        message: String,
    },
    /// The operating system refused an input path: missing, unreadable.
    Io {
        /// The file or folder.
        path: String,
        /// The kind of failure, for picking the exception class.
        kind: std::io::ErrorKind,
        /// The OS error number, when there is one.
        errno: Option<i32>,
        /// What is wrong, for a human.
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Gazetteer {
                line: Some(line),
                message,
            } => write!(f, "gazetteer entry {line}: {message}"),
            Error::Gazetteer {
                line: None,
                message,
            } => write!(f, "gazetteer: {message}"),
            Error::Data { what, message } => write!(f, "{what}: {message}"),
            Error::Model { message } => write!(f, "model: {message}"),
            Error::Training { message } => write!(f, "training: {message}"),
            Error::Read {
                path,
                line: Some(line),
                message,
            } => write!(f, "{path}, line {line}: {message}"),
            Error::Read {
                path,
                line: None,
                message,
            } => write!(f, "{path}: {message}"),
            Error::Io { path, message, .. } => write!(f, "{path}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// Result with the core's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

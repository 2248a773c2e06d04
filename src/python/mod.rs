//! The Python bindings, the only code that uses pyo3. Each entry point converts
//! its inputs to owned Rust values, runs the core with the GIL released and
//! panics caught (`errors::guard`), and converts the results.

mod errors;
mod gazetteer;
mod offsets;
mod pipeline;
mod read;
mod relations;

use pyo3::prelude::*;

#[pymodule]
mod _core {
    use super::*;

    #[pymodule_export]
    use super::gazetteer::Gazetteer;
    #[pymodule_export]
    use super::pipeline::{_panic_for_tests, tokenize, Batch, CorpusStats, Pipeline};
    #[pymodule_export]
    use super::read::{list_inputs, RecordReader};
    #[pymodule_export]
    use super::relations::{predict_relations, train_relations};

    #[pymodule_init]
    fn init(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("__version__", env!("CARGO_PKG_VERSION"))?;
        errors::register(m)
    }
}
